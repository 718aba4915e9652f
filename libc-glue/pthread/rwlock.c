/*
 * Read-write locks, readers preferred (glibc's default): the futex word __lock holds the
 * number of readers, or WRITER when write-locked; bit 31 says a thread may sleep on it. A
 * reader gets in whenever no writer holds the lock, so readers may take it recursively. The
 * last reader's or the writer's unlock wakes the sleepers (one after the last reader, all
 * after a writer). __writer names the write owner, for glibc's EDEADLK.
 */
#include "libc-glue/pthread/pthread_impl.h"

#define WRITER	0x7fffffff
#define WAITING 0x80000000u

int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw)
{
	int v = __atomic_load_n(&rw->__lock, __ATOMIC_RELAXED);

	for (;;) {
		int n = v & WRITER;

		if (n == WRITER)
			return EBUSY;
		if (n == WRITER - 1)
			return EAGAIN;
		if (__atomic_compare_exchange_n(&rw->__lock, &v, v + 1, 1, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return 0;
	}
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *rw)
{
	int v = 0;

	if (!__atomic_compare_exchange_n(&rw->__lock, &v, WRITER, 0, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return EBUSY;
	rw->__writer = __pthread_self();
	return 0;
}

/* Sleeps until the lock changes from v (a state that kept this thread out). */
static int sleep_on(pthread_rwlock_t *rw, int v, clockid_t clock, const struct timespec *abstime)
{
	int t = (int)((unsigned int)v | WAITING), r;

	__atomic_add_fetch(&rw->__waiters, 1, __ATOMIC_SEQ_CST);
	__atomic_compare_exchange_n(&rw->__lock, &v, t, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
	r = __futex_timedwait(&rw->__lock, t, clock, abstime, FUTEX_PRIV(rw->__pshared));
	__atomic_sub_fetch(&rw->__waiters, 1, __ATOMIC_SEQ_CST);
	return r == -ETIMEDOUT || r == -EINVAL ? -r : 0;
}

static int rdlock(pthread_rwlock_t *rw, clockid_t clock, const struct timespec *abstime)
{
	int r = pthread_rwlock_tryrdlock(rw);

	if (r != EBUSY)
		return r;
	if (rw->__writer == __pthread_self())
		return EDEADLK;
	if (abstime && timespec_invalid(abstime))
		return EINVAL;
	while ((r = pthread_rwlock_tryrdlock(rw)) == EBUSY) {
		int v = __atomic_load_n(&rw->__lock, __ATOMIC_RELAXED);

		if ((v & WRITER) != WRITER)
			continue;
		r = sleep_on(rw, v, clock, abstime);
		if (r)
			return r;
	}
	return r;
}

static int wrlock(pthread_rwlock_t *rw, clockid_t clock, const struct timespec *abstime)
{
	int r = pthread_rwlock_trywrlock(rw);

	if (r != EBUSY)
		return r;
	if (rw->__writer == __pthread_self())
		return EDEADLK;
	if (abstime && timespec_invalid(abstime))
		return EINVAL;
	while ((r = pthread_rwlock_trywrlock(rw)) == EBUSY) {
		int v = __atomic_load_n(&rw->__lock, __ATOMIC_RELAXED);

		if (!v)
			continue;
		r = sleep_on(rw, v, clock, abstime);
		if (r)
			return r;
	}
	return r;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rw)
{
	return rdlock(rw, CLOCK_REALTIME, 0);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *__restrict rw,
			       const struct timespec *__restrict abstime)
{
	return rdlock(rw, CLOCK_REALTIME, abstime);
}

int pthread_rwlock_clockrdlock(pthread_rwlock_t *__restrict rw, clockid_t clock,
			       const struct timespec *__restrict abstime)
{
	if (!__clock_ok(clock))
		return EINVAL;
	return rdlock(rw, clock, abstime);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *rw)
{
	return wrlock(rw, CLOCK_REALTIME, 0);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *__restrict rw,
			       const struct timespec *__restrict abstime)
{
	return wrlock(rw, CLOCK_REALTIME, abstime);
}

int pthread_rwlock_clockwrlock(pthread_rwlock_t *__restrict rw, clockid_t clock,
			       const struct timespec *__restrict abstime)
{
	if (!__clock_ok(clock))
		return EINVAL;
	return wrlock(rw, clock, abstime);
}

int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
	int v = __atomic_load_n(&rw->__lock, __ATOMIC_RELAXED), n, next, waiters;

	if ((v & WRITER) == WRITER) {
		if (rw->__writer != __pthread_self())
			return EPERM;
		rw->__writer = 0;
	}
	do {
		n = v & WRITER;
		if (!n)
			return EPERM;
		waiters = __atomic_load_n(&rw->__waiters, __ATOMIC_SEQ_CST);
		next = n == WRITER || n == 1 ? 0 : v - 1;
	} while (!__atomic_compare_exchange_n(&rw->__lock, &v, next, 1, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	if (!next && (waiters || v < 0))
		futex_wake(&rw->__lock, n == WRITER ? INT_MAX : 1, FUTEX_PRIV(rw->__pshared));
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *__restrict rw,
			const pthread_rwlockattr_t *__restrict attr)
{
	*rw = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	if (attr)
		rw->__pshared = attr->__attr == PTHREAD_PROCESS_SHARED;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
	(void)rw;
	return 0;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->__attr = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *__restrict attr,
				  int *__restrict pshared)
{
	*pshared = attr->__attr;
	return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__attr = pshared;
	return 0;
}
