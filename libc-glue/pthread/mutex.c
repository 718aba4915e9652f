/*
 * Mutexes: normal (the default), recursive and error-checking, with glibc's errors. The
 * futex word __lock is the low-level lock (pthread_impl.h); recursive and error-checking
 * mutexes also keep their owner (the thread's descriptor) and a count. A normal, private
 * mutex takes one compare-and-swap to lock and one swap to unlock, with no system call unless
 * another thread sleeps on it.
 */
#include "libc-glue/pthread/pthread_impl.h"

#define KIND_TYPE    3
#define KIND_PSHARED 0x80

static int lock_slow(pthread_mutex_t *m, int try, clockid_t clock, const struct timespec *abstime)
{
	int type = m->__kind & KIND_TYPE, priv = FUTEX_PRIV(m->__kind & KIND_PSHARED);
	struct pthread *self = __pthread_self();

	if (type != PTHREAD_MUTEX_NORMAL && m->__owner == self) {
		if (type == PTHREAD_MUTEX_RECURSIVE) {
			if (m->__count == ~0u)
				return EAGAIN;
			m->__count++;
			return 0;
		}
		if (!try)
			return EDEADLK; /* error-checking; a trylock says EBUSY, as glibc's */
	}
	if (!__ll_trylock(&m->__lock)) {
		int r;

		if (try)
			return EBUSY;
		r = __ll_lock_wait(&m->__lock, priv, clock, abstime);
		if (r)
			return r;
	}
	if (type != PTHREAD_MUTEX_NORMAL) {
		m->__owner = self;
		m->__count = 1;
	}
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *mutex)
{
	if (__builtin_expect(mutex->__kind == PTHREAD_MUTEX_NORMAL, 1) &&
	    __ll_trylock(&mutex->__lock))
		return 0;
	return lock_slow(mutex, 0, CLOCK_REALTIME, 0);
}

int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
	if (__builtin_expect(mutex->__kind == PTHREAD_MUTEX_NORMAL, 1))
		return __ll_trylock(&mutex->__lock) ? 0 : EBUSY;
	return lock_slow(mutex, 1, CLOCK_REALTIME, 0);
}

int pthread_mutex_clocklock(pthread_mutex_t *__restrict mutex, clockid_t clock,
			    const struct timespec *__restrict abstime)
{
	if (!__clock_ok(clock))
		return EINVAL;
	return lock_slow(mutex, 0, clock, abstime);
}

int pthread_mutex_timedlock(pthread_mutex_t *__restrict mutex,
			    const struct timespec *__restrict abstime)
{
	return lock_slow(mutex, 0, CLOCK_REALTIME, abstime);
}

int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
	int kind = mutex->__kind;

	if (__builtin_expect(kind == PTHREAD_MUTEX_NORMAL, 1)) {
		__ll_unlock(&mutex->__lock, LINUX_FUTEX_PRIVATE_FLAG);
		return 0;
	}
	if ((kind & KIND_TYPE) != PTHREAD_MUTEX_NORMAL) {
		if (mutex->__owner != __pthread_self())
			return EPERM;
		if (--mutex->__count)
			return 0;
		mutex->__owner = 0;
	}
	__ll_unlock(&mutex->__lock, FUTEX_PRIV(kind & KIND_PSHARED));
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *__restrict mutex,
		       const pthread_mutexattr_t *__restrict attr)
{
	*mutex = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (attr)
		mutex->__kind = attr->__attr & (KIND_TYPE | KIND_PSHARED);
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *mutex)
{
	return __atomic_load_n(&mutex->__lock, __ATOMIC_RELAXED) ? EBUSY : 0;
}

/* Robust and priority-ceiling mutexes are not supported (pthread_mutexattr_*). */
int pthread_mutex_consistent(pthread_mutex_t *mutex)
{
	(void)mutex;
	return EINVAL;
}

int pthread_mutex_getprioceiling(const pthread_mutex_t *__restrict mutex,
				 int *__restrict prioceiling)
{
	(void)mutex;
	(void)prioceiling;
	return EINVAL;
}

int pthread_mutex_setprioceiling(pthread_mutex_t *__restrict mutex, int prioceiling,
				 int *__restrict old_ceiling)
{
	(void)mutex;
	(void)prioceiling;
	(void)old_ceiling;
	return EINVAL;
}
