/* Timed futex waits (futex.h). */
#include "libc-glue/pthread/futex.h"

#define LINUX_ETIMEDOUT 110 /* newlib's 110 is ESHUTDOWN, which futex never returns */

int __futex_timedwait(volatile void *addr, int val, clockid_t clock, const struct timespec *abstime,
		      int priv)
{
	struct linux_timespec64 ts;
	long ret;

	if (!abstime)
		return futex_wait(addr, val, priv);
	if (timespec_invalid(abstime))
		return -EINVAL;
	if (abstime->tv_sec < 0)
		return -ETIMEDOUT;
	if (clock == CLOCK_REALTIME) {
		ts.tv_sec = abstime->tv_sec;
		ts.tv_nsec = abstime->tv_nsec;
		ret = __futex(addr, LINUX_FUTEX_WAIT_BITSET | LINUX_FUTEX_CLOCK_REALTIME | priv,
			      val, &ts, 0, (int)LINUX_FUTEX_BITSET_MATCH_ANY);
	} else if (clock == CLOCK_MONOTONIC) {
		struct linux_timespec64 now;

		ret = __uniarm_syscall(__NR_clock_gettime64, LINUX_CLOCK_MONOTONIC, (long)&now, 0,
				       0, 0, 0);
		if (ret < 0)
			return (int)ret;
		ts.tv_sec = abstime->tv_sec - now.tv_sec;
		ts.tv_nsec = abstime->tv_nsec - now.tv_nsec;
		if (ts.tv_nsec < 0) {
			ts.tv_nsec += 1000000000;
			ts.tv_sec--;
		}
		if (ts.tv_sec < 0)
			return -ETIMEDOUT;
		ret = __futex(addr, LINUX_FUTEX_WAIT | priv, val, &ts, 0, 0);
	} else {
		return -EINVAL;
	}
	/* The runtime reports newlib's error numbers (docs/architecture.md); a Linux kernel's
	 * ETIMEDOUT is 110, accepted too so that the same program runs on Linux. */
	if (ret == -LINUX_ETIMEDOUT)
		ret = -ETIMEDOUT;
	if (ret == -ENOSYS) {
		/* A kernel without futex has no other thread to wake this one: sleep until the
		 * deadline. */
		clock_nanosleep(clock, TIMER_ABSTIME, abstime, 0);
		return -ETIMEDOUT;
	}
	/* Other errors (EFAULT, ENOSYS) are the caller's bug or a missing call: report them
	 * as a wake-up so that the caller re-checks its word. */
	if (ret == -ETIMEDOUT || ret == -EINTR || ret == -EAGAIN || ret == -EINVAL)
		return (int)ret;
	return 0;
}
