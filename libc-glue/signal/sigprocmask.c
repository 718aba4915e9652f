/*
 * sigprocmask: the calling thread's mask, rt_sigprocmask(how, set, oset, 8). libc-glue's
 * sigset_t is the kernel's, so both sets go to the kernel as they are. The kernel looks at how
 * only when there is a set (sigprocmask(99, NULL, &old) reads the mask), leaves SIGKILL and
 * SIGSTOP unblocked without an error, and writes oset only when it succeeds.
 * pthread_sigmask (libc-glue/pthread/signal.c) is the same call returning the error number.
 */
#include "libc-glue/signal/signal_impl.h"

int sigprocmask(int how, const sigset_t *__restrict set, sigset_t *__restrict oset)
{
	return (int)__sig_ret(__uniarm_syscall(__NR_rt_sigprocmask, how, (long)set, (long)oset,
					       LINUX_NSIG_BYTES, 0, 0));
}
