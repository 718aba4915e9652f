/*
 * Kernel threads (docs/tasks.md), Linux's interface: kthreadd (pid 2) makes them on request;
 * a new one sleeps until woken (kthread_run = kthread_create + wake_up_process); kthread_stop
 * asks it to stop and waits for its exit, returning its function's value. A function that
 * returns on its own must be kept (get_task_struct) by whoever will kthread_stop it.
 */
#ifndef UNIARM_RUNTIME_KTHREAD_H
#define UNIARM_RUNTIME_KTHREAD_H

#include "runtime/sched.h"

/* The error a failed kthread_create returns inside the pointer (Linux's ERR_PTR). */
#define IS_ERR(p)  ((unsigned long)(p) >= (unsigned long)-4095)
#define PTR_ERR(p) ((long)(p))
#define ERR_PTR(e) ((void *)(long)(e))

void kthreadd_start(void);
/* kthreadd's body (pid 2). */
int kthreadd(void *unused);

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt,
				   ...) __attribute__((format(printf, 3, 4)));

#define kthread_run(threadfn, data, ...)                                                           \
	({                                                                                         \
		struct task_struct *__k = kthread_create(threadfn, data, __VA_ARGS__);             \
		if (!IS_ERR(__k))                                                                  \
			wake_up_process(__k);                                                      \
		__k;                                                                               \
	})

bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);

#endif
