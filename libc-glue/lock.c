/*
 * newlib's retargetable locks (configured with --enable-newlib-retargetable-locking): newlib
 * takes these around malloc, stdio's FILE list and buffers, atexit, the environment, the time
 * zone and arc4random. uniarm runs one thread of execution today, so acquiring a lock has
 * nothing to wait for and every function is empty. When application threads exist (tasks and
 * futexes), struct __lock becomes a futex word with an owner and a recursion count and these
 * functions take it for real; the static locks below keep their names, which newlib's objects
 * refer to. newlib's own lock.o is removed from the libc.a uniarm links (tools/build-newlib),
 * so a lock function missing here is a link error rather than a silent fallback.
 */
#include <sys/lock.h>

struct __lock {
	int owner_count; /* reserved for the futex-based lock */
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

/* Locks newlib creates at run time (one per FILE) all share one object: nothing to hold yet. */
static struct __lock dynamic_lock;

void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = &dynamic_lock;
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	*lock = &dynamic_lock;
}

void __retarget_lock_close(_LOCK_T lock)
{
	(void)lock;
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	(void)lock;
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	(void)lock;
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	(void)lock;
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	(void)lock;
	return 1;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	(void)lock;
	return 1;
}

void __retarget_lock_release(_LOCK_T lock)
{
	(void)lock;
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	(void)lock;
}
