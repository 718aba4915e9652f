/*
 * newlib's retargetable locks (configured with --enable-newlib-retargetable-locking): newlib
 * takes these around malloc, stdio's FILE list and each FILE, atexit, the environment, the
 * time zone and arc4random. Each lock is the futex lock of libc-glue's threads
 * (libc-glue/pthread/pthread_impl.h: an atomic compare-and-swap when free, FUTEX_WAIT/WAKE
 * only when contended); a recursive one also records its owner (the thread's descriptor) and
 * a count. The static locks below keep the names newlib's objects refer to. newlib's own
 * lock.o is removed from the libc.a uniarm links (tools/build-newlib), so a lock function
 * missing here is a link error rather than a silent fallback.
 *
 * Locks newlib creates at run time (one per FILE) come from a static pool, then from malloc;
 * should both fail, they share one recursive lock (coarser, still correct).
 */
#include "libc-glue/pthread/pthread_impl.h"

#include <stdlib.h>
#include <sys/lock.h>

struct __lock {
	volatile int futex;
	struct pthread *owner; /* recursive locks */
	unsigned int count;
};

struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

#define POOL_SIZE 32
static struct __lock pool[POOL_SIZE];
static volatile unsigned int pool_used; /* bit i: pool[i] is taken */
static struct __lock shared_lock;

static struct __lock *lock_new(void)
{
	unsigned int used = __atomic_load_n(&pool_used, __ATOMIC_RELAXED);
	struct __lock *l;

	while (used != ~0u) {
		unsigned int i = (unsigned int)__builtin_ctz(~used);

		if (__atomic_compare_exchange_n(&pool_used, &used, used | 1u << i, 0,
						__ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
			pool[i] = (struct __lock){0, 0, 0};
			return &pool[i];
		}
	}
	l = calloc(1, sizeof(*l));
	return l ? l : &shared_lock;
}

static void lock_free(struct __lock *l)
{
	if (l >= pool && l < pool + POOL_SIZE)
		__atomic_and_fetch(&pool_used, ~(1u << (l - pool)), __ATOMIC_RELEASE);
	else if (l != &shared_lock)
		free(l);
}

void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = lock_new();
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	*lock = lock_new();
}

void __retarget_lock_close(_LOCK_T lock)
{
	lock_free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	lock_free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	__ll_lock(&lock->futex, LINUX_FUTEX_PRIVATE_FLAG);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return __ll_trylock(&lock->futex);
}

void __retarget_lock_release(_LOCK_T lock)
{
	__ll_unlock(&lock->futex, LINUX_FUTEX_PRIVATE_FLAG);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	struct pthread *self = __pthread_self();

	if (lock->owner == self) {
		lock->count++;
		return;
	}
	__ll_lock(&lock->futex, LINUX_FUTEX_PRIVATE_FLAG);
	lock->owner = self;
	lock->count = 1;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	struct pthread *self = __pthread_self();

	if (lock->owner == self) {
		lock->count++;
		return 1;
	}
	if (!__ll_trylock(&lock->futex))
		return 0;
	lock->owner = self;
	lock->count = 1;
	return 1;
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	if (--lock->count)
		return;
	lock->owner = 0;
	__ll_unlock(&lock->futex, LINUX_FUTEX_PRIVATE_FLAG);
}
