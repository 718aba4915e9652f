/* The runtime's clocks. */
#ifndef UNIARM_RUNTIME_TIME_H
#define UNIARM_RUNTIME_TIME_H

#include <stdint.h>

/* CLOCK_REALTIME starts at rtc_seconds (Unix time) at boot. */
void time_init(uint64_t rtc_seconds);
/* Monotonic nanoseconds since the counter started. */
uint64_t ktime_get_ns(void);
/* Nanoseconds in ticks of the generic timer's counter. */
uint64_t counter_to_ns(uint64_t ticks);

#endif
