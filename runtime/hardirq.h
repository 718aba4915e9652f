/*
 * Interrupt context (Linux's preempt_count bits, docs/tasks.md): do_IRQ counts itself in the
 * interrupted task's preempt_count, so code can tell whether it runs for a task (a system call,
 * a fault of the task) or for an interrupt, whatever the processor mode.
 */
#ifndef UNIARM_RUNTIME_HARDIRQ_H
#define UNIARM_RUNTIME_HARDIRQ_H

#include <stdbool.h>
#include "runtime/sched.h"

#define HARDIRQ_SHIFT  16
#define HARDIRQ_OFFSET (1 << HARDIRQ_SHIFT)
#define HARDIRQ_MASK   (0xf << HARDIRQ_SHIFT)

static inline void irq_enter(void)
{
	current->preempt_count += HARDIRQ_OFFSET;
}

static inline void irq_exit(void)
{
	current->preempt_count -= HARDIRQ_OFFSET;
}

/* Whether an interrupt handler is running. */
static inline bool in_interrupt(void)
{
	return (current->preempt_count & HARDIRQ_MASK) != 0;
}

#endif
