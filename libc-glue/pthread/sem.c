/*
 * Unnamed semaphores: __value is the count and the futex word; __waiters counts sleepers so
 * that sem_post makes no system call when nobody sleeps. sem_wait and sem_timedwait return
 * EINTR when a signal handler interrupts the sleep, as POSIX asks. Named semaphores are not
 * supported (ENOSYS).
 */
#include "libc-glue/pthread/pthread_impl.h"

#include <semaphore.h>

static int fail(int err)
{
	errno = err;
	return -1;
}

int sem_init(sem_t *sem, int pshared, unsigned int value)
{
	if (value > SEM_VALUE_MAX)
		return fail(EINVAL);
	sem->__value = (int)value;
	sem->__waiters = 0;
	sem->__pshared = !!pshared;
	sem->__reserved = 0;
	return 0;
}

int sem_destroy(sem_t *sem)
{
	(void)sem;
	return 0;
}

int sem_trywait(sem_t *sem)
{
	int v = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);

	while (v > 0)
		if (__atomic_compare_exchange_n(&sem->__value, &v, v - 1, 1, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return 0;
	return fail(EAGAIN);
}

static int timedwait(sem_t *sem, clockid_t clock, const struct timespec *abstime)
{
	int priv = FUTEX_PRIV(sem->__pshared);

	if (abstime && timespec_invalid(abstime))
		return fail(EINVAL);
	for (;;) {
		int v = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED), r;

		while (v > 0)
			if (__atomic_compare_exchange_n(&sem->__value, &v, v - 1, 1,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return 0;
		__atomic_add_fetch(&sem->__waiters, 1, __ATOMIC_SEQ_CST);
		r = 0;
		if (__atomic_load_n(&sem->__value, __ATOMIC_SEQ_CST) <= 0)
			r = __futex_timedwait(&sem->__value, 0, clock, abstime, priv);
		__atomic_sub_fetch(&sem->__waiters, 1, __ATOMIC_SEQ_CST);
		if (r == -ETIMEDOUT || r == -EINTR || r == -EINVAL)
			return fail(-r);
	}
}

int sem_wait(sem_t *sem)
{
	return timedwait(sem, CLOCK_REALTIME, 0);
}

int sem_timedwait(sem_t *__restrict sem, const struct timespec *__restrict abstime)
{
	return timedwait(sem, CLOCK_REALTIME, abstime);
}

int sem_clockwait(sem_t *__restrict sem, clockid_t clock, const struct timespec *__restrict abstime)
{
	if (!__clock_ok(clock))
		return fail(EINVAL);
	return timedwait(sem, clock, abstime);
}

int sem_post(sem_t *sem)
{
	int v = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);

	do {
		if (v == SEM_VALUE_MAX)
			return fail(EOVERFLOW);
	} while (!__atomic_compare_exchange_n(&sem->__value, &v, v + 1, 1, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	if (__atomic_load_n(&sem->__waiters, __ATOMIC_SEQ_CST))
		futex_wake(&sem->__value, 1, FUTEX_PRIV(sem->__pshared));
	return 0;
}

int sem_getvalue(sem_t *__restrict sem, int *__restrict value)
{
	*value = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);
	return 0;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	(void)name;
	(void)oflag;
	errno = ENOSYS;
	return SEM_FAILED;
}

int sem_close(sem_t *sem)
{
	(void)sem;
	return fail(ENOSYS);
}

int sem_unlink(const char *name)
{
	(void)name;
	return fail(ENOSYS);
}
