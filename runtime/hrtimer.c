/* High-resolution timers (runtime/hrtimer.h): the sorted pending list and the interrupt. */
#include "runtime/hrtimer.h"
#include "runtime/irqflags.h"
#include "runtime/time.h"
#include "platform/arch_timer.h"

static LIST_HEAD(pending);

static void program_first(void)
{
	if (list_empty(&pending))
		arch_timer_stop();
	else
		arch_timer_set_next_event(
			list_first_entry(&pending, struct hrtimer, node)->expires);
}

static void dequeue(struct hrtimer *t)
{
	list_del(&t->node);
	t->queued = false;
}

void hrtimer_start_counter(struct hrtimer *t, uint64_t expires)
{
	uint32_t flags = local_irq_save();
	struct list_head *pos;

	if (t->queued)
		dequeue(t);
	t->expires = expires;
	/* Sorted, equal expiries in arming order: insert before the first later one. */
	list_for_each(pos,
		      &pending) if (list_entry(pos, struct hrtimer, node)->expires > expires) break;
	list_add_tail(&t->node, pos);
	t->queued = true;
	if (pending.next == &t->node)
		program_first();
	local_irq_restore(flags);
}

void hrtimer_start(struct hrtimer *t, uint64_t deadline_ns)
{
	hrtimer_start_counter(t, ns_to_counter(deadline_ns));
}

bool hrtimer_cancel(struct hrtimer *t)
{
	uint32_t flags = local_irq_save();
	bool was = t->queued;

	if (was) {
		bool first = pending.next == &t->node;

		dequeue(t);
		if (first)
			program_first();
	}
	local_irq_restore(flags);
	return was;
}

void hrtimer_interrupt(void)
{
	uint64_t now = arch_counter_read();

	while (!list_empty(&pending)) {
		struct hrtimer *t = list_first_entry(&pending, struct hrtimer, node);

		if (t->expires > now) {
			now = arch_counter_read();
			if (t->expires > now)
				break;
		}
		dequeue(t);
		t->function(t); /* may re-arm itself or others */
	}
	program_first();
}
