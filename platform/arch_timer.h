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
/*
 * wfi, counting the counter ticks spent in it: every idle wait of the runtime goes through
 * here. Under -icount shift=0,sleep=off the clock jumps while the CPU waits, so the guest's
 * instructions are the clock's nanoseconds minus these (the exit record, runtime/exit.c).
 */
void cpu_idle_wfi(void);
extern uint64_t arch_timer_idle_ticks;

#endif
