/* Wait queues, completions and mutexes (runtime/wait.h). */
#include "runtime/wait.h"
#include "runtime/printk.h"

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state)
{
	uint32_t flags = local_irq_save();

	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	set_current_state(state);
	local_irq_restore(flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	uint32_t flags = local_irq_save();

	(void)wq;
	__set_current_state(TASK_RUNNING);
	if (!list_empty(&w->entry)) {
		list_del(&w->entry);
		INIT_LIST_HEAD(&w->entry);
	}
	local_irq_restore(flags);
}

/* A woken entry leaves the queue, so a second wake-up goes to the next waiter. */
int __wake_up(struct wait_queue_head *wq, int nr)
{
	uint32_t flags = local_irq_save();
	int woken = 0;

	while (!list_empty(&wq->head) && (nr == 0 || woken < nr)) {
		struct wait_queue_entry *w =
			list_first_entry(&wq->head, struct wait_queue_entry, entry);

		list_del(&w->entry);
		INIT_LIST_HEAD(&w->entry);
		wake_up_process(w->task);
		woken++;
	}
	local_irq_restore(flags);
	return woken;
}

void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, x->done);
	uint32_t flags = local_irq_save();
	if (x->done != ~0u)
		x->done--;
	local_irq_restore(flags);
}

void complete(struct completion *x)
{
	uint32_t flags = local_irq_save();

	if (x->done != ~0u)
		x->done++;
	__wake_up(&x->wait, 1);
	local_irq_restore(flags);
}

void complete_all(struct completion *x)
{
	uint32_t flags = local_irq_save();

	x->done = ~0u;
	__wake_up(&x->wait, 0);
	local_irq_restore(flags);
}

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

void mutex_lock(struct mutex *m)
{
	uint32_t flags = local_irq_save();
	struct mutex_waiter w;

	if (!m->owner) {
		m->owner = current;
		local_irq_restore(flags);
		return;
	}
	if (m->owner == current)
		printk("mutex_lock: %s (pid %d) takes a mutex it holds\n", current->comm,
		       current->pid);
	w.task = current;
	list_add_tail(&w.list, &m->wait_list);
	/* mutex_unlock hands the lock over: owner is current when the sleep ends. */
	while (m->owner != current) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	local_irq_restore(flags);
}

void mutex_unlock(struct mutex *m)
{
	uint32_t flags = local_irq_save();

	if (m->owner != current)
		printk("mutex_unlock: %s (pid %d) unlocks a mutex it does not hold\n",
		       current->comm, current->pid);
	if (list_empty(&m->wait_list)) {
		m->owner = NULL;
	} else {
		struct mutex_waiter *w = list_first_entry(&m->wait_list, struct mutex_waiter, list);

		list_del(&w->list);
		m->owner = w->task;
		wake_up_process(w->task);
	}
	local_irq_restore(flags);
}
