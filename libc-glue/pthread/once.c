/* pthread_once: 0 not run, 1 running, 3 running with sleepers, 2 done (the futex word). The
 * done path is one acquire load. */
#include "libc-glue/pthread/pthread_impl.h"

#define ONCE_RUNNING 1
#define ONCE_DONE    2
#define ONCE_WAITING 3

static int once_slow(volatile pthread_once_t *o, void (*init_routine)(void))
{
	for (;;) {
		int v = 0;

		if (__atomic_compare_exchange_n(o, &v, ONCE_RUNNING, 0, __ATOMIC_ACQUIRE,
						__ATOMIC_ACQUIRE)) {
			init_routine();
			if (__atomic_exchange_n(o, ONCE_DONE, __ATOMIC_RELEASE) == ONCE_WAITING)
				futex_wake(o, INT_MAX, LINUX_FUTEX_PRIVATE_FLAG);
			return 0;
		}
		if (v == ONCE_DONE)
			return 0;
		if (v == ONCE_RUNNING)
			__atomic_compare_exchange_n(o, &v, ONCE_WAITING, 0, __ATOMIC_RELAXED,
						    __ATOMIC_RELAXED);
		futex_wait(o, ONCE_WAITING, LINUX_FUTEX_PRIVATE_FLAG);
	}
}

int pthread_once(pthread_once_t *once_control, void (*init_routine)(void))
{
	if (__atomic_load_n(once_control, __ATOMIC_ACQUIRE) == ONCE_DONE)
		return 0;
	return once_slow(once_control, init_routine);
}
