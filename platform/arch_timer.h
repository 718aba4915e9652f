/* ARMv7 generic timer: the virtual counter is the runtime's clock, the virtual timer its alarm. */
#ifndef UNIARM_PLATFORM_ARCH_TIMER_H
#define UNIARM_PLATFORM_ARCH_TIMER_H

#include <stdint.h>

/* Reads CNTFRQ and routes the virtual timer's interrupt (GIC INTID). */
void arch_timer_init(unsigned int virt_irq);
uint32_t arch_timer_rate(void);
uint64_t arch_counter_read(void);
/* Sleep (wfi) until the counter reaches `deadline`; returns at once if it already has. */
void arch_timer_wait_until(uint64_t deadline);

#endif
