/* What the signal functions share (signal_impl.h): errno, the cached pid, the caller's tid. */
#include "libc-glue/pthread/pthread_impl.h"
#include "libc-glue/signal/signal_impl.h"

int __uniarm_pid_cache;

long __sig_fail(long r)
{
	errno = (int)-r;
	return -1;
}

int __uniarm_fetch_pid(void)
{
	int pid = (int)__sig_syscall3(__NR_getpid, 0, 0, 0);

	__atomic_store_n(&__uniarm_pid_cache, pid, __ATOMIC_RELAXED);
	return pid;
}

int __uniarm_gettid(void)
{
	int tid = __atomic_load_n(&__pthread_self()->tid, __ATOMIC_RELAXED);

	/* 0 only in the main thread before the first pthread_create: its tid is the pid. */
	return tid ? tid : __uniarm_getpid();
}
