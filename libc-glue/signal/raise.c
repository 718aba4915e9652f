/*
 * raise: tgkill(pid, tid, sig) to the calling thread, one system call (the raise + handler +
 * return benchmark of issue 13): the pid is cached (signal_impl.h) and the tid is in the
 * thread's descriptor. The signal is delivered before tgkill returns when it is not blocked;
 * its si_code is SI_TKILL, as with glibc's raise.
 */
#include "libc-glue/pthread/pthread_impl.h"
#include "libc-glue/signal/signal_impl.h"

int raise(int sig)
{
	int pid = __uniarm_getpid();
	int tid = __atomic_load_n(&__pthread_self()->tid, __ATOMIC_RELAXED);
	long r = __sig_syscall3(__NR_tgkill, pid, tid ? tid : pid, sig);

	return r ? (int)__sig_fail(r) : 0;
}

int _raise_r(struct _reent *reent, int sig)
{
	(void)reent;
	return raise(sig);
}
