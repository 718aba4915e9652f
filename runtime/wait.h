/*
 * Sleeping until something happens (docs/tasks.md): Linux's wait queues, completions and
 * sleeping mutexes over the scheduler. One CPU and no preemption inside the runtime: a queue is
 * protected by masking interrupts (an interrupt handler may wake), which is its lock.
 */
#ifndef UNIARM_RUNTIME_WAIT_H
#define UNIARM_RUNTIME_WAIT_H

#include "runtime/irqflags.h"
#include "runtime/sched.h"

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

struct wait_queue_head {
	struct list_head head;
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)                                                        \
	{                                                                                          \
		LIST_HEAD_INIT((name).head)                                                        \
	}
#define DECLARE_WAIT_QUEUE_HEAD(name)                                                              \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

#define DEFINE_WAIT(name) struct wait_queue_entry name = {current, LIST_HEAD_INIT((name).entry)}

/* Queue current on wq (once) and set its state: the first half of a sleep. */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
/* Wake up to nr tasks of wq (0: all); returns how many were woken. */
int __wake_up(struct wait_queue_head *wq, int nr);
#define wake_up(wq)	__wake_up(wq, 1)
#define wake_up_all(wq) __wake_up(wq, 0)

/* Sleep until cond holds (checked after every wake-up). */
#define wait_event(wq, cond)                                                                       \
	do {                                                                                       \
		DEFINE_WAIT(__w);                                                                  \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);                        \
			if (cond)                                                                  \
				break;                                                             \
			schedule();                                                                \
		}                                                                                  \
		finish_wait(&(wq), &__w);                                                          \
	} while (0)

/* Completions: one event that waiters wait for, counted (complete) or for good
 * (complete_all). */
struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

void wait_for_completion(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);

/* Sleeping mutexes: one owner, who alone may unlock (reported otherwise); waiters in FIFO
 * order, each handed the lock by the unlock. */
struct mutex {
	struct task_struct *owner;
	struct list_head wait_list;
};

#define __MUTEX_INITIALIZER(name)                                                                  \
	{                                                                                          \
		NULL, LIST_HEAD_INIT((name).wait_list)                                             \
	}
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

static inline void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	INIT_LIST_HEAD(&m->wait_list);
}

void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);

#endif
