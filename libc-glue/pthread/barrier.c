/*
 * Barriers. Arrivals are counted under a low-level lock; the thread that completes the count
 * starts a new cycle (bumps __gen, the futex word others sleep on), wakes them and gets
 * PTHREAD_BARRIER_SERIAL_THREAD. __inside counts the sleepers not yet gone, so that destroy
 * (which must be allowed right after the last wait returns) waits for them: bit 31 asks the
 * last one out to wake it.
 */
#include "libc-glue/pthread/pthread_impl.h"

#define PSHARED	       0x80000000u
#define INSIDE_DESTROY 0x80000000u

int pthread_barrier_init(pthread_barrier_t *__restrict barrier,
			 const pthread_barrierattr_t *__restrict attr, unsigned count)
{
	if (count == 0 || count > INT_MAX)
		return EINVAL;
	barrier->__lock = 0;
	barrier->__limit = count | (attr && attr->__attr == PTHREAD_PROCESS_SHARED ? PSHARED : 0);
	barrier->__count = 0;
	barrier->__gen = 0;
	barrier->__inside = 0;
	return 0;
}

int pthread_barrier_wait(pthread_barrier_t *b)
{
	int priv = FUTEX_PRIV(b->__limit & PSHARED);
	unsigned int gen;

	__ll_lock(&b->__lock, priv);
	if (++b->__count == (b->__limit & ~PSHARED)) {
		b->__count = 0;
		__atomic_add_fetch(&b->__gen, 1, __ATOMIC_RELEASE);
		__ll_unlock(&b->__lock, priv);
		futex_wake(&b->__gen, INT_MAX, priv);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	gen = b->__gen;
	__atomic_add_fetch(&b->__inside, 1, __ATOMIC_RELAXED);
	__ll_unlock(&b->__lock, priv);
	while (__atomic_load_n(&b->__gen, __ATOMIC_ACQUIRE) == gen)
		futex_wait(&b->__gen, (int)gen, priv);
	if (__atomic_sub_fetch(&b->__inside, 1, __ATOMIC_ACQ_REL) == INSIDE_DESTROY)
		futex_wake(&b->__inside, 1, priv);
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
	int priv = FUTEX_PRIV(b->__limit & PSHARED);
	unsigned int inside;

	__ll_lock(&b->__lock, priv);
	if (b->__count) {
		__ll_unlock(&b->__lock, priv);
		return EBUSY; /* threads wait in an unfinished cycle */
	}
	inside = __atomic_or_fetch(&b->__inside, INSIDE_DESTROY, __ATOMIC_ACQ_REL);
	__ll_unlock(&b->__lock, priv);
	while (inside != INSIDE_DESTROY) {
		futex_wait(&b->__inside, (int)inside, priv);
		inside = __atomic_load_n(&b->__inside, __ATOMIC_ACQUIRE);
	}
	return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	attr->__attr = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *__restrict attr,
				   int *__restrict pshared)
{
	*pshared = attr->__attr;
	return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__attr = pshared;
	return 0;
}
