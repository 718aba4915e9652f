/*
 * libc-glue's signals, the library's inside (docs/libc.md, "Signals"): the kernel ABI
 * (runtime/uapi-signal.h), the system-call door, errno, the process id cached for raise and
 * sigqueue, and the pieces the files share.
 */
#ifndef UNIARM_LIBC_GLUE_SIGNAL_IMPL_H
#define UNIARM_LIBC_GLUE_SIGNAL_IMPL_H

#include "libc-glue/syscall.h"
#include "runtime/uapi.h"
#include "runtime/uapi-sched.h"
#include "runtime/uapi-signal.h"

#include <errno.h>
#include <signal.h>

#define NR_getuid32 199

/*
 * The door with three arguments, for the hot path of raise: __uniarm_syscall sets r3-r5 too,
 * and r4/r5 are callee-saved, which costs raise a push and pop of two more registers.
 */
static inline long __sig_syscall3(long nr, long a0, long a1, long a2)
{
	register long r0 __asm__("r0") = a0;
	register long r1 __asm__("r1") = a1;
	register long r2 __asm__("r2") = a2;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

/* A system call's result as the C function returns it: -1 with errno for -4095..-1. The
 * error path is out of line (common.c), so that a wrapper's fast path keeps no register. */
long __sig_fail(long r) __attribute__((__cold__));

static inline long __sig_ret(long r)
{
	if ((unsigned long)r >= -4095UL)
		return __sig_fail(r);
	return r;
}

/*
 * The process id. uniarm runs one process (clone makes threads only: no fork), so its pid
 * never changes and raise need not ask for it each time: the first caller fetches it
 * (common.c), and a race only stores the same value twice.
 */
extern int __uniarm_pid_cache;
int __uniarm_fetch_pid(void) __attribute__((__cold__));

static inline int __uniarm_getpid(void)
{
	int pid = __atomic_load_n(&__uniarm_pid_cache, __ATOMIC_RELAXED);

	return __builtin_expect(pid != 0, 1) ? pid : __uniarm_fetch_pid();
}

/* The calling thread's tid: its descriptor's, or the pid for the main thread before the
 * first pthread_create (which is when the main thread learns its tid; it is the pid). */
int __uniarm_gettid(void);

/* The return trampolines of libc-glue/signal/restore.S: sigreturn and rt_sigreturn. */
void __restore(void);
void __restore_rt(void);

/*
 * Signals 32 and 33, below SIGRTMIN, are the C library's, as in glibc: sigaction, signal,
 * sigaddset and sigdelset refuse them (EINVAL) and sigfillset leaves them out. libc-glue uses
 * 32 (glibc's SIGTIMER) for the SIGEV_THREAD timers' helper thread (timer_thread.c); 33 is
 * free but kept reserved so that programs see glibc's SIGRTMIN.
 */
#define SIGTIMER 32

static inline int __sig_internal(int sig)
{
	return sig == 32 || sig == 33;
}

/* A signal number the set functions take: 1..64 (sigismember), less the internal ones
 * (sigaddset, sigdelset). */
static inline int __sig_valid(int sig)
{
	return (unsigned)(sig - 1) < (unsigned)LINUX_NSIG;
}

#endif
