/*
 * Reader/writer semaphores (sleeping), Linux's rw_semaphore: the mm's mmap_lock. count is the
 * number of readers holding it, or -1 for a writer (owner); waiters queue in FIFO order and
 * are handed the lock by the release that lets them in. One CPU and no preemption inside the
 * runtime, and no interrupt handler takes one: plain loads and stores are atomic enough (on SMP
 * the count would be an atomic and the queue would have a spinlock).
 */
#ifndef UNIARM_RUNTIME_RWSEM_H
#define UNIARM_RUNTIME_RWSEM_H

#include <stdbool.h>
#include "runtime/compiler.h"
#include "vm/list.h"

struct task_struct;

struct rw_semaphore {
	long count;		   /* readers, or -1: a writer holds it */
	struct task_struct *owner; /* the writer */
	struct list_head wait_list;
};

#define __RWSEM_INITIALIZER(name)                                                                  \
	{                                                                                          \
		0, NULL, LIST_HEAD_INIT((name).wait_list)                                          \
	}

static inline void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->owner = NULL;
	INIT_LIST_HEAD(&sem->wait_list);
}

#ifdef UNIARM_HOST_TEST
/* Host unit tests run one thread: nothing ever waits. */
static inline void down_read(struct rw_semaphore *sem)
{
	sem->count++;
}
static inline void up_read(struct rw_semaphore *sem)
{
	sem->count--;
}
static inline void down_write(struct rw_semaphore *sem)
{
	sem->count = -1;
}
static inline void up_write(struct rw_semaphore *sem)
{
	sem->count = 0;
}
#else
void rwsem_down_read_slowpath(struct rw_semaphore *sem);
void rwsem_down_write_slowpath(struct rw_semaphore *sem);
void rwsem_wake(struct rw_semaphore *sem);
struct task_struct *rwsem_current(void);

static inline bool rwsem_is_contended(const struct rw_semaphore *sem)
{
	return !list_empty(&sem->wait_list);
}

static inline void down_read(struct rw_semaphore *sem)
{
	if (likely(sem->count >= 0 && !rwsem_is_contended(sem)))
		sem->count++;
	else
		rwsem_down_read_slowpath(sem);
}

static inline void up_read(struct rw_semaphore *sem)
{
	if (--sem->count == 0 && unlikely(rwsem_is_contended(sem)))
		rwsem_wake(sem);
}

static inline void down_write(struct rw_semaphore *sem)
{
	if (likely(sem->count == 0 && !rwsem_is_contended(sem))) {
		sem->count = -1;
		sem->owner = rwsem_current();
	} else {
		rwsem_down_write_slowpath(sem);
	}
}

static inline void up_write(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->owner = NULL;
	if (unlikely(rwsem_is_contended(sem)))
		rwsem_wake(sem);
}
#endif

#endif
