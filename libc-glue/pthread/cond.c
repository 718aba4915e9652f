/*
 * Condition variables: a sequence number as the futex word. A waiter counts itself in
 * __waiters and reads __seq while it still holds the mutex, releases the mutex and sleeps
 * while __seq is unchanged; signal and broadcast bump __seq and wake one or all sleepers, and
 * make no system call when nobody waits. A woken waiter takes the mutex back marked contended
 * (2), so that its unlock wakes whoever else the broadcast woke and now sleeps on the mutex.
 * Wake-ups may be spurious, as POSIX allows. Destroy waits until woken waiters have left the
 * object (bit 31 of __waiters asks the last one to wake it).
 */
#include "libc-glue/pthread/pthread_impl.h"

#define KIND_TYPE	3
#define KIND_PSHARED	0x80
#define WAITERS_DESTROY 0x80000000u

static int wait(pthread_cond_t *__restrict c, pthread_mutex_t *__restrict m, clockid_t clock,
		const struct timespec *__restrict abstime)
{
	int type = m->__kind & KIND_TYPE, mpriv = FUTEX_PRIV(m->__kind & KIND_PSHARED);
	int priv = FUTEX_PRIV(c->__pshared);
	struct pthread *self = __pthread_self();
	unsigned int seq, count = 0;
	int r;

	if (type != PTHREAD_MUTEX_NORMAL && m->__owner != self)
		return EPERM;
	if (abstime && timespec_invalid(abstime))
		return EINVAL;
	__atomic_add_fetch(&c->__waiters, 1, __ATOMIC_SEQ_CST);
	seq = __atomic_load_n(&c->__seq, __ATOMIC_SEQ_CST);
	if (type != PTHREAD_MUTEX_NORMAL) {
		count = m->__count;
		m->__count = 0;
		m->__owner = 0;
	}
	__ll_unlock(&m->__lock, mpriv);

	r = __futex_timedwait(&c->__seq, (int)seq, clock, abstime, priv);

	if (__atomic_sub_fetch(&c->__waiters, 1, __ATOMIC_SEQ_CST) == WAITERS_DESTROY)
		futex_wake(&c->__waiters, 1, priv);
	/* The mutex again: free (0) means nobody sleeps on it, so taking it as 1 keeps its
	 * unlock free of a wake-up call; otherwise mark it contended (2) and wait. */
	if (!__ll_trylock(&m->__lock))
		while (__atomic_exchange_n(&m->__lock, 2, __ATOMIC_ACQUIRE) != 0)
			futex_wait(&m->__lock, 2, mpriv);
	if (type != PTHREAD_MUTEX_NORMAL) {
		m->__owner = self;
		m->__count = count;
	}
	return r == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *__restrict cond, pthread_mutex_t *__restrict mutex)
{
	return wait(cond, mutex, CLOCK_REALTIME, 0);
}

int pthread_cond_timedwait(pthread_cond_t *__restrict cond, pthread_mutex_t *__restrict mutex,
			   const struct timespec *__restrict abstime)
{
	return wait(cond, mutex, cond->__clock, abstime);
}

int pthread_cond_clockwait(pthread_cond_t *__restrict cond, pthread_mutex_t *__restrict mutex,
			   clockid_t clock, const struct timespec *__restrict abstime)
{
	if (!__clock_ok(clock))
		return EINVAL;
	return wait(cond, mutex, clock, abstime);
}

static void wake(pthread_cond_t *c, int n)
{
	__atomic_add_fetch(&c->__seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&c->__waiters, __ATOMIC_SEQ_CST) & ~WAITERS_DESTROY)
		futex_wake(&c->__seq, n, FUTEX_PRIV(c->__pshared));
}

int pthread_cond_signal(pthread_cond_t *cond)
{
	wake(cond, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *cond)
{
	wake(cond, INT_MAX);
	return 0;
}

int pthread_cond_init(pthread_cond_t *__restrict cond, const pthread_condattr_t *__restrict attr)
{
	*cond = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	if (attr) {
		cond->__clock = attr->__attr & 0x7f;
		cond->__pshared = !!(attr->__attr & KIND_PSHARED);
	}
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *cond)
{
	unsigned int w = __atomic_or_fetch(&cond->__waiters, WAITERS_DESTROY, __ATOMIC_SEQ_CST);

	while (w != WAITERS_DESTROY) {
		futex_wait(&cond->__waiters, (int)w, FUTEX_PRIV(cond->__pshared));
		w = __atomic_load_n(&cond->__waiters, __ATOMIC_SEQ_CST);
	}
	return 0;
}
