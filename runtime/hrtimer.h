/*
 * High-resolution timers on the generic timer's virtual timer (docs/tasks.md): a list of
 * pending timers sorted by expiry, in counter ticks; the hardware is programmed for the first
 * one. A timer's function runs in the timer interrupt. Written for one CPU: the list is
 * protected by masking interrupts.
 */
#ifndef UNIARM_RUNTIME_HRTIMER_H
#define UNIARM_RUNTIME_HRTIMER_H

#include <stdbool.h>
#include <stdint.h>
#include "vm/list.h"

struct hrtimer {
	struct list_head node; /* in the pending list, when queued */
	uint64_t expires;      /* counter value */
	void (*function)(struct hrtimer *timer);
	bool queued;
};

static inline void hrtimer_init(struct hrtimer *t, void (*function)(struct hrtimer *))
{
	t->function = function;
	t->queued = false;
}

/* (Re)arm t to fire when the counter reaches expires. */
void hrtimer_start_counter(struct hrtimer *t, uint64_t expires);
/* (Re)arm t to fire at deadline_ns on the monotonic clock. */
void hrtimer_start(struct hrtimer *t, uint64_t deadline_ns);
/* Disarm t; true if it was pending. */
bool hrtimer_cancel(struct hrtimer *t);
/* The timer interrupt: run the expired timers, program the next. */
void hrtimer_interrupt(void);

#endif
