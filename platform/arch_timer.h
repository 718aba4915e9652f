/* ARMv7 generic timer: the virtual counter is the runtime's clock, the virtual timer its alarm. */
#ifndef UNIARM_PLATFORM_ARCH_TIMER_H
#define UNIARM_PLATFORM_ARCH_TIMER_H

#include <stdint.h>

/* Reads CNTFRQ and routes the virtual timer's interrupt (GIC INTID). */
void arch_timer_init(unsigned int virt_irq);
uint32_t arch_timer_rate(void);
uint64_t arch_counter_read(void);
/* Program the virtual timer to interrupt when the counter reaches cval; or not at all. The
 * interrupt calls hrtimer_interrupt (runtime/hrtimer.c), which owns the timer. */
void arch_timer_set_next_event(uint64_t cval);
void arch_timer_stop(void);
/*
 * wfi, counting the counter ticks spent in it: every idle wait of the runtime goes through
 * here. Under -icount shift=0,sleep=off the clock jumps while the CPU waits, so the guest's
 * instructions are the clock's nanoseconds minus these (the exit record, runtime/exit.c).
 */
void cpu_idle_wfi(void);
extern uint64_t arch_timer_idle_ticks;

#endif
