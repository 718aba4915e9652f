/* The low-level lock's sleeping and waking paths (pthread_impl.h). */
#include "libc-glue/pthread/pthread_impl.h"

int __ll_lock_wait(volatile int *l, int priv, clockid_t clock, const struct timespec *abstime)
{
	/* Marking the lock 2 makes its owner's unlock wake a sleeper. */
	while (__atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE) != 0) {
		int r = __futex_timedwait(l, 2, clock, abstime, priv);

		if (r == -ETIMEDOUT || r == -EINVAL)
			return -r;
	}
	return 0;
}

void __ll_wake(volatile int *l, int priv)
{
	futex_wake(l, 1, priv);
}
