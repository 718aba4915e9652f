/*
 * pthread_join, pthread_tryjoin_np, pthread_timedjoin_np and pthread_detach. A joiner sleeps
 * on the thread's tid until the kernel zeroes it (CLONE_CHILD_CLEARTID: the thread has left
 * its stack for good), then takes the result and unmaps the thread's memory. That wake is a
 * shared futex wake (Linux's mm_release), so the wait is made without FUTEX_PRIVATE_FLAG.
 */
#include "libc-glue/pthread/pthread_impl.h"

#include <sys/mman.h>

static int join(pthread_t thread, void **value_ptr, const struct timespec *abstime, int try)
{
	struct pthread *t = (struct pthread *)thread;
	int tid;

	if (t == __pthread_self())
		return EDEADLK;
	if (__atomic_load_n(&t->detach_state, __ATOMIC_RELAXED) == DT_DETACHED)
		return EINVAL;
	if (abstime && timespec_invalid(abstime))
		return EINVAL;
	while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0) {
		int r;

		if (try)
			return EBUSY;
		r = __futex_timedwait(&t->tid, tid, CLOCK_REALTIME, abstime, 0);
		if (r == -ETIMEDOUT || r == -EINVAL)
			return -r;
	}
	if (value_ptr)
		*value_ptr = t->result;
	if (t->map_base && !(t->stack_base == (char *)t->map_base + t->guard_size &&
			     __uniarm_stack_cache_put(t->map_base, t->map_size, t->guard_size)))
		munmap(t->map_base, t->map_size);
	return 0;
}

int pthread_join(pthread_t thread, void **value_ptr)
{
	return join(thread, value_ptr, 0, 0);
}

int pthread_tryjoin_np(pthread_t thread, void **value_ptr)
{
	return join(thread, value_ptr, 0, 1);
}

int pthread_timedjoin_np(pthread_t thread, void **value_ptr, const struct timespec *abstime)
{
	return join(thread, value_ptr, abstime, 0);
}

int pthread_detach(pthread_t thread)
{
	struct pthread *t = (struct pthread *)thread;
	int old = DT_JOINABLE;

	if (__atomic_compare_exchange_n(&t->detach_state, &old, DT_DETACHED, 0, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return 0;
	if (old == DT_DETACHED)
		return EINVAL;
	/* Already leaving as a joinable thread: nobody else will reap it. */
	return join(thread, 0, 0, 0);
}
