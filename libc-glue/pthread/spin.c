/* Spin locks: an atomic swap; a thread that finds the lock taken spins a little, then yields
 * the CPU (on one CPU the holder cannot release it while the spinner runs). */
#include "libc-glue/pthread/pthread_impl.h"

#include <sched.h>

int pthread_spin_init(pthread_spinlock_t *lock, int pshared)
{
	(void)pshared;
	*lock = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *lock)
{
	(void)lock;
	return 0;
}

int pthread_spin_lock(pthread_spinlock_t *lock)
{
	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE)) {
		int spins = 0;

		while (__atomic_load_n(lock, __ATOMIC_RELAXED))
			if (++spins >= 100) {
				sched_yield();
				spins = 0;
			}
	}
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *lock)
{
	return __atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}

int pthread_spin_unlock(pthread_spinlock_t *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
	return 0;
}
