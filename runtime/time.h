/* The runtime's clocks. */
#ifndef UNIARM_RUNTIME_TIME_H
#define UNIARM_RUNTIME_TIME_H

#include <stdint.h>

/* CLOCK_REALTIME starts at rtc_seconds (Unix time) at boot. */
void time_init(uint64_t rtc_seconds);
/* Monotonic nanoseconds since the counter started. */
uint64_t ktime_get_ns(void);
/* The counter value at which ns nanoseconds of the monotonic clock have passed (rounded up). */
uint64_t ns_to_counter(uint64_t ns);
/* A CLOCK_REALTIME time in ns as the monotonic clock's (0 if before the boot). */
uint64_t realtime_to_monotonic_ns(uint64_t ns);
/* Nanoseconds in ticks of the generic timer's counter. */
uint64_t counter_to_ns(uint64_t ticks);

#endif
