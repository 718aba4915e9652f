/*
 * The futex calls of libc-glue's threads (docs/pthreads.md): __NR_futex_time64 with a struct
 * linux_timespec64, always FUTEX_PRIVATE_FLAG unless the object is process-shared. A timed
 * wait takes an absolute deadline on CLOCK_REALTIME or CLOCK_MONOTONIC: a realtime one goes to
 * the kernel as is (FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, so a clock step moves it), a
 * monotonic one becomes a relative timeout for plain FUTEX_WAIT (measured on CLOCK_MONOTONIC).
 */
#ifndef UNIARM_PTHREAD_FUTEX_H
#define UNIARM_PTHREAD_FUTEX_H

#include "libc-glue/syscall.h"
#include "runtime/uapi.h"
#include "runtime/uapi-sched.h"

#include <errno.h>
#include <time.h>

#define FUTEX_PRIV(shared) ((shared) ? 0 : LINUX_FUTEX_PRIVATE_FLAG)

static inline long __futex(volatile void *addr, int op, int val, const void *ts, void *addr2,
			   int val3)
{
	return __uniarm_syscall(__NR_futex_time64, (long)addr, op, val, (long)ts, (long)addr2,
				val3);
}

/* Sleeps while *addr == val: 0 when woken (or spuriously), -EAGAIN if *addr != val, -EINTR. */
static inline int futex_wait(volatile void *addr, int val, int priv)
{
	return (int)__futex(addr, LINUX_FUTEX_WAIT | priv, val, 0, 0, 0);
}

static inline void futex_wake(volatile void *addr, int n, int priv)
{
	__futex(addr, LINUX_FUTEX_WAKE | priv, n, 0, 0, 0);
}

/* 0 if the deadline is a valid timespec, else EINVAL (as glibc: tv_nsec outside [0, 1e9)). */
static inline int timespec_invalid(const struct timespec *ts)
{
	return (unsigned long)ts->tv_nsec >= 1000000000UL;
}

/*
 * futex_wait with an absolute deadline (NULL: none) on clock (CLOCK_REALTIME or
 * CLOCK_MONOTONIC): 0, -EAGAIN, -EINTR, -ETIMEDOUT or -EINVAL. Defined in futex.c.
 */
int __futex_timedwait(volatile void *addr, int val, clockid_t clock, const struct timespec *abstime,
		      int priv);

#endif
