/*
 * Reader/writer semaphores (sleeping), Linux's rw_semaphore: the mm's mmap_lock. count holds
 * the number of readers holding it (low 16 bits), RWSEM_WRITER_LOCKED when a writer (owner)
 * holds it and RWSEM_FLAG_WAITERS while anyone waits, so "free and nobody waiting" is count ==
 * 0, one test (the page-fault path's, platform/fault.c). Waiters queue in FIFO order and are
 * handed the lock by the release that lets them in. One CPU and no preemption inside the
 * runtime, and no interrupt handler takes one: plain loads and stores are atomic enough (on SMP
 * the count would be an atomic and the queue would have a spinlock).
 */
#ifndef UNIARM_RUNTIME_RWSEM_H
#define UNIARM_RUNTIME_RWSEM_H

#include "runtime/compiler.h"
#include "vm/list.h"

struct task_struct;

#define RWSEM_READER_MASK   0x0000ffffL
#define RWSEM_WRITER_LOCKED 0x40000000L
#define RWSEM_FLAG_WAITERS  0x20000000L

struct rw_semaphore {
	long count;		   /* readers | RWSEM_WRITER_LOCKED | RWSEM_FLAG_WAITERS */
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
	sem->count = RWSEM_WRITER_LOCKED;
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

static inline void down_read(struct rw_semaphore *sem)
{
	if (likely(!(sem->count & (RWSEM_WRITER_LOCKED | RWSEM_FLAG_WAITERS))))
		sem->count++;
	else
		rwsem_down_read_slowpath(sem);
}

static inline void up_read(struct rw_semaphore *sem)
{
	if (unlikely(--sem->count == RWSEM_FLAG_WAITERS))
		rwsem_wake(sem);
}

static inline void down_write(struct rw_semaphore *sem)
{
	if (likely(sem->count == 0)) {
		sem->count = RWSEM_WRITER_LOCKED;
		sem->owner = rwsem_current();
	} else {
		rwsem_down_write_slowpath(sem);
	}
}

static inline void up_write(struct rw_semaphore *sem)
{
	sem->count &= ~RWSEM_WRITER_LOCKED;
	sem->owner = NULL;
	if (unlikely(sem->count & RWSEM_FLAG_WAITERS))
		rwsem_wake(sem);
}
#endif

#endif
