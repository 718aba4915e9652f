/*
 * The mm's mmap_lock (docs/tasks.md): a sleeping reader/writer semaphore (runtime/rwsem.h) over
 * the VMAs. The calls that change them (mmap, munmap, mprotect, mremap, brk, madvise, the mlock
 * family) hold it for writing, the ones that only look (mincore, msync, /proc readers) for
 * reading, and the page-fault path for reading (platform/fault.c). Each task counts what it
 * holds (mmap_locked), so that a fault taken by the runtime's own user copy inside such a call
 * goes on under the caller's hold instead of waiting for itself. The fault path's cache hit
 * takes no lock: a holder that gives up the CPU empties find_vma's cache first
 * (mmap_lock_sleeping, from schedule()), so other tasks' faults then take the path that looks
 * at the lock (platform/fault.c).
 */
#ifndef UNIARM_VM_MMAP_LOCK_H
#define UNIARM_VM_MMAP_LOCK_H

#include "runtime/rwsem.h"
#include "vm/mm_user.h"

#ifdef UNIARM_HOST_TEST
#define mmap_lock_count(d) ((void)0)
#else
#include "runtime/sched.h"
#define mmap_lock_count(d) (current->mmap_locked += (d))

/* schedule(): prev gives up the CPU; if it holds the mmap lock, the cache goes. */
static inline void mmap_lock_sleeping(struct task_struct *prev)
{
	if (unlikely(prev->mmap_locked))
		current_mm->mmap_cache = NULL;
}

#endif

static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
	mmap_lock_count(1);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	mmap_lock_count(-1);
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
	mmap_lock_count(1);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	mmap_lock_count(-1);
	up_write(&mm->mmap_lock);
}

/* The system call name(params), defined as __name(args) with the application's mmap lock held
 * for mode (read or write). */
#define MMAP_LOCKED_SYSCALL(mode, name, params, args)                                              \
	long name params                                                                           \
	{                                                                                          \
		struct mm_struct *mm_ = current_mm;                                                \
		long ret_;                                                                         \
                                                                                                   \
		mmap_##mode##_lock(mm_);                                                           \
		ret_ = __##name args;                                                              \
		mmap_##mode##_unlock(mm_);                                                         \
		return ret_;                                                                       \
	}

#endif
