/*
 * Taking a pending signal without a handler: sigtimedwait (rt_sigtimedwait_time64, the call
 * with the 64-bit struct timespec of newlib's time_t), sigwaitinfo (no timeout) and sigwait
 * (returns the error number; an interruption by a handler is retried, as glibc's). As glibc's,
 * a raise's SI_TKILL reads as SI_USER in the siginfo these return.
 */
#include "libc-glue/signal/signal_impl.h"

#include <time.h>

int sigtimedwait(const sigset_t *__restrict set, siginfo_t *__restrict info,
		 const struct timespec *__restrict timeout)
{
	struct linux_timespec64 ts;
	long r;

	if (timeout) {
		ts.tv_sec = (int64_t)timeout->tv_sec;
		ts.tv_nsec = (int64_t)timeout->tv_nsec;
	}
	r = __uniarm_syscall(__NR_rt_sigtimedwait_time64, (long)set, (long)info,
			     timeout ? (long)&ts : 0, LINUX_NSIG_BYTES, 0, 0);
	if (r > 0 && info && info->si_code == SI_TKILL)
		info->si_code = SI_USER;
	return (int)__sig_ret(r);
}

int sigwaitinfo(const sigset_t *__restrict set, siginfo_t *__restrict info)
{
	return sigtimedwait(set, info, NULL);
}

int sigwait(const sigset_t *__restrict set, int *__restrict sig)
{
	long r;

	do
		r = __uniarm_syscall(__NR_rt_sigtimedwait_time64, (long)set, 0, 0, LINUX_NSIG_BYTES,
				     0, 0);
	while (r == -EINTR);
	if (r < 0)
		return (int)-r;
	*sig = (int)r;
	return 0;
}
