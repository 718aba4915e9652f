/*
 * pthread_kill (tgkill to the thread's tid) and pthread_sigmask (rt_sigprocmask: sigset_t is
 * the kernel's 64-bit set, <sys/_sigset.h>). Both return the error number instead of setting
 * errno. The kernel checks the signal (EINVAL) and, with a set, how (EINVAL).
 */
#include "libc-glue/pthread/pthread_impl.h"
#include "libc-glue/signal/signal_impl.h"

int pthread_kill(pthread_t thread, int sig)
{
	struct pthread *t = (struct pthread *)thread;
	int tid = __atomic_load_n(&t->tid, __ATOMIC_RELAXED);
	int pid = __uniarm_getpid();
	long r;

	if (t == __uniarm_main_thread && !tid)
		tid = pid; /* before the first pthread_create: its tid is the pid */
	if (tid <= 0)
		return ESRCH; /* it has ended */
	r = __uniarm_syscall(__NR_tgkill, pid, tid, sig, 0, 0, 0);
	return r < 0 ? (int)-r : 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset)
{
	long r = __uniarm_syscall(__NR_rt_sigprocmask, how, (long)set, (long)oldset,
				  LINUX_NSIG_BYTES, 0, 0);

	return r < 0 ? (int)-r : 0;
}
