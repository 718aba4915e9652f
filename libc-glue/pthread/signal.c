/*
 * pthread_kill (tgkill to the thread's tid) and pthread_sigmask (rt_sigprocmask with Linux's
 * 64-bit set; newlib's sigset_t holds signals 1-32).
 */
#include "libc-glue/pthread/pthread_impl.h"

#include <signal.h>

#define NR_rt_sigprocmask 175

int pthread_kill(pthread_t thread, int sig)
{
	struct pthread *t = (struct pthread *)thread;
	int tid = __atomic_load_n(&t->tid, __ATOMIC_RELAXED);
	long pid = __uniarm_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0), r;

	if (sig < 0 || sig > 64)
		return EINVAL;
	if (t == __uniarm_main_thread && !tid)
		tid = (int)pid; /* before the first pthread_create: its tid is the pid */
	if (tid <= 0)
		return ESRCH; /* it has ended */
	r = __uniarm_syscall(__NR_tgkill, pid, tid, sig, 0, 0, 0);
	return r < 0 ? (int)-r : 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset)
{
	unsigned long kset[2], kold[2] = {0, 0};
	long r;

	if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return EINVAL;
	if (set) {
		kset[0] = *set;
		kset[1] = 0;
	}
	/* newlib's SIG_* values are not Linux's (SIG_BLOCK 0, SIG_UNBLOCK 1, SIG_SETMASK 2). */
	r = __uniarm_syscall(NR_rt_sigprocmask,
			     how == SIG_BLOCK	  ? 0
			     : how == SIG_UNBLOCK ? 1
						  : 2,
			     set ? (long)kset : 0, (long)kold, sizeof(kset), 0, 0);
	if (r < 0)
		return (int)-r;
	if (oldset)
		*oldset = (sigset_t)kold[0];
	return 0;
}
