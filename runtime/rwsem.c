/* Reader/writer semaphores: the slow paths (runtime/rwsem.h). */
#include "runtime/rwsem.h"
#include "runtime/irqflags.h"
#include "runtime/sched.h"

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;
	bool write;
	bool granted;
};

struct task_struct *rwsem_current(void)
{
	return current;
}

static void rwsem_wait(struct rw_semaphore *sem, bool write)
{
	struct rwsem_waiter w = {.task = current, .write = write};

	list_add_tail(&w.list, &sem->wait_list);
	sem->count |= RWSEM_FLAG_WAITERS;
	/* The release that lets this waiter in hands it the lock (rwsem_wake). */
	while (!w.granted) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

void rwsem_down_read_slowpath(struct rw_semaphore *sem)
{
	/* Free of writers with waiters queued: in line behind them (no writer starves). */
	rwsem_wait(sem, false);
}

void rwsem_down_write_slowpath(struct rw_semaphore *sem)
{
	rwsem_wait(sem, true);
}

/* The lock is free: the first waiter gets it, with the readers right behind it if it reads. */
void rwsem_wake(struct rw_semaphore *sem)
{
	while (!list_empty(&sem->wait_list)) {
		struct rwsem_waiter *w =
			list_first_entry(&sem->wait_list, struct rwsem_waiter, list);

		if (w->write) {
			if (sem->count & (RWSEM_READER_MASK | RWSEM_WRITER_LOCKED))
				break;
			sem->count |= RWSEM_WRITER_LOCKED;
			sem->owner = w->task;
		} else {
			if (sem->count & RWSEM_WRITER_LOCKED)
				break;
			sem->count++;
		}
		list_del(&w->list);
		w->granted = true;
		wake_up_process(w->task);
		if (w->write)
			break;
	}
	if (list_empty(&sem->wait_list))
		sem->count &= ~RWSEM_FLAG_WAITERS;
}
