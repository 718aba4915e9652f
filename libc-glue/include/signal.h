/*
 * uniarm's <signal.h>, in place of newlib's (BSD signal numbers, a 32-bit sigset_t, no
 * siginfo_t worth the name): Linux's signals as glibc presents them on 32-bit ARM, so that a
 * program written for glibc compiles unchanged and sees the values the runtime uses. Every
 * number and layout here is the kernel ABI of runtime/uapi-signal.h; libc-glue/signal/
 * abi_check.c checks each one against it at compile time (the installed header cannot include
 * the runtime's, so the values are spelled out here).
 *
 * What the names cover follows glibc's feature macros through newlib's <sys/features.h>:
 * ISO C's part always, POSIX's with __POSIX_VISIBLE (the default), the BSD/SVID extras with
 * __MISC_VISIBLE (the default), the GNU ones with _GNU_SOURCE.
 *
 * Decisions (docs/libc.md, "Signals"): sigset_t is the kernel's 64 bits, not glibc's 1024;
 * SIGRTMIN is 34 as in glibc (which keeps 32 and 33 for itself) and, unlike glibc's, a
 * constant; libc-glue keeps signal 32 for the SIGEV_THREAD timers' helper thread.
 */
#ifndef _SIGNAL_H_
#define _SIGNAL_H_
/* newlib's <sys/signal.h> would define a second, BSD-numbered set: keep it out for good. */
#define _SYS_SIGNAL_H

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/_sigset.h>
#include <sys/_timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int sig_atomic_t;
typedef void (*__sighandler_t)(int);
typedef __sighandler_t _sig_func_ptr; /* newlib's name */
#if __GNU_VISIBLE
typedef __sighandler_t sighandler_t;
#endif
#if __MISC_VISIBLE
typedef __sighandler_t sig_t;
#endif

#define SIG_ERR ((__sighandler_t)-1)
#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)1)

/* Linux ARM's numbers. */
#define SIGHUP	  1
#define SIGINT	  2
#define SIGQUIT	  3
#define SIGILL	  4
#define SIGTRAP	  5
#define SIGABRT	  6
#define SIGIOT	  SIGABRT
#define SIGBUS	  7
#define SIGFPE	  8
#define SIGKILL	  9
#define SIGUSR1	  10
#define SIGSEGV	  11
#define SIGUSR2	  12
#define SIGPIPE	  13
#define SIGALRM	  14
#define SIGTERM	  15
#define SIGSTKFLT 16
#define SIGCHLD	  17
#define SIGCONT	  18
#define SIGSTOP	  19
#define SIGTSTP	  20
#define SIGTTIN	  21
#define SIGTTOU	  22
#define SIGURG	  23
#define SIGXCPU	  24
#define SIGXFSZ	  25
#define SIGVTALRM 26
#define SIGPROF	  27
#define SIGWINCH  28
#define SIGIO	  29
#define SIGPOLL	  SIGIO
#define SIGPWR	  30
#define SIGSYS	  31
#if __MISC_VISIBLE
#define SIGCLD SIGCHLD
#endif

/*
 * The real-time signals: the kernel's range is 32-64; glibc starts the application's at 34
 * and so does libc-glue (32 serves SIGEV_THREAD timers). _NSIG counts signal 0, as glibc's.
 */
#define SIGRTMIN 34
#define SIGRTMAX 64
#define _NSIG	 65
#if __MISC_VISIBLE
#define NSIG _NSIG
#endif
int __libc_current_sigrtmin(void);
int __libc_current_sigrtmax(void);

__sighandler_t signal(int __sig, __sighandler_t __handler);
int raise(int __sig);

struct _reent;
__sighandler_t _signal_r(struct _reent *, int, __sighandler_t);
int _raise_r(struct _reent *, int);

#if __POSIX_VISIBLE

#ifndef _SIGSET_T_DECLARED
#define _SIGSET_T_DECLARED
typedef __sigset_t sigset_t;
#endif

union sigval {
	int sival_int;
	void *sival_ptr;
};
typedef union sigval __sigval_t;
#if __MISC_VISIBLE
typedef union sigval sigval_t;
#endif

/*
 * siginfo_t: the kernel's 128 bytes (struct linux_siginfo). Which member of _sifields is
 * meaningful depends on si_code (and for kernel codes on the signal); the si_* names reach
 * into it as glibc's do. si_uid is 32 bits as the kernel's (newlib's uid_t has 16).
 */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[29];
		struct { /* SI_USER, SI_TKILL */
			pid_t si_pid;
			unsigned int si_uid;
		} _kill;
		struct { /* SI_TIMER */
			int si_tid;
			int si_overrun;
			union sigval si_sigval;
			int _sys_private;
		} _timer;
		struct { /* SI_QUEUE and other user codes with a value */
			pid_t si_pid;
			unsigned int si_uid;
			union sigval si_sigval;
		} _rt;
		struct { /* SIGCHLD */
			pid_t si_pid;
			unsigned int si_uid;
			int si_status;
			long si_utime;
			long si_stime;
		} _sigchld;
		struct { /* SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP */
			void *si_addr;
			short si_addr_lsb;
		} _sigfault;
		struct { /* SIGPOLL */
			long si_band;
			int si_fd;
		} _sigpoll;
		struct { /* SIGSYS */
			void *_call_addr;
			int _syscall;
			unsigned int _arch;
		} _sigsys;
	} _sifields;
} siginfo_t;

#define si_pid	     _sifields._kill.si_pid
#define si_uid	     _sifields._kill.si_uid
#define si_timerid   _sifields._timer.si_tid
#define si_overrun   _sifields._timer.si_overrun
#define si_status    _sifields._sigchld.si_status
#define si_utime     _sifields._sigchld.si_utime
#define si_stime     _sifields._sigchld.si_stime
#define si_value     _sifields._rt.si_sigval
#define si_int	     _sifields._rt.si_sigval.sival_int
#define si_ptr	     _sifields._rt.si_sigval.sival_ptr
#define si_addr	     _sifields._sigfault.si_addr
#define si_addr_lsb  _sifields._sigfault.si_addr_lsb
#define si_band	     _sifields._sigpoll.si_band
#define si_fd	     _sifields._sigpoll.si_fd
#define si_call_addr _sifields._sigsys._call_addr
#define si_syscall   _sifields._sigsys._syscall
#define si_arch	     _sifields._sigsys._arch

/* si_code: <= 0 when a process sent the signal, > 0 when the kernel did. */
#define SI_ASYNCNL  (-60)
#define SI_DETHREAD (-7)
#define SI_TKILL    (-6) /* tkill, tgkill: raise, pthread_kill */
#define SI_SIGIO    (-5)
#define SI_ASYNCIO  (-4)
#define SI_MESGQ    (-3)
#define SI_TIMER    (-2) /* a POSIX timer */
#define SI_QUEUE    (-1) /* sigqueue */
#define SI_USER	    0	 /* kill */
#define SI_KERNEL   0x80

#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8

#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8

#define SEGV_MAPERR 1 /* nothing mapped at si_addr */
#define SEGV_ACCERR 2 /* mapped, but the access is not allowed */
#define SEGV_BNDERR 3
#define SEGV_PKUERR 4

#define BUS_ADRALN    1 /* misaligned */
#define BUS_ADRERR    2
#define BUS_OBJERR    3
#define BUS_MCEERR_AR 4
#define BUS_MCEERR_AO 5

#define TRAP_BRKPT  1
#define TRAP_TRACE  2
#define TRAP_BRANCH 3
#define TRAP_HWBKPT 4

#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

#define POLL_IN	 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

#define SYS_SECCOMP 1

#if __MISC_VISIBLE
#define SI_MAX_SIZE    128
#define SIGEV_MAX_SIZE 64
#endif

/*
 * struct sigevent (timer_create): the kernel's 64 bytes. SIGEV_THREAD's function and
 * attributes are the C library's business (the kernel refuses SIGEV_THREAD); the thread id of
 * SIGEV_THREAD_ID is glibc's sigev_notify_thread_id.
 */
typedef struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int _pad[13];
		pid_t _tid;
		struct {
			void (*_function)(union sigval);
			pthread_attr_t *_attribute;
		} _sigev_thread;
	} _sigev_un;
} sigevent_t;

#define sigev_notify_function	_sigev_un._sigev_thread._function
#define sigev_notify_attributes _sigev_un._sigev_thread._attribute
#define sigev_notify_thread_id	_sigev_un._tid

#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID 4

/* struct sigaction as glibc's: sa_handler and sa_sigaction share their place. */
struct sigaction {
	union {
		__sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	} __sigaction_handler;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void); /* set by sigaction itself: libc-glue's */
};
#define sa_handler   __sigaction_handler.sa_handler
#define sa_sigaction __sigaction_handler.sa_sigaction

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000
#if __MISC_VISIBLE
#define SA_INTERRUPT 0x20000000 /* historical: no effect */
#define SA_NOMASK    SA_NODEFER
#define SA_ONESHOT   SA_RESETHAND
#define SA_STACK     SA_ONSTACK
/* What sigaction adds to every action, and reads back (as glibc's does). */
#define SA_RESTORER 0x04000000
#endif

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

int kill(pid_t __pid, int __sig);
int sigaction(int __sig, const struct sigaction *__restrict __act,
	      struct sigaction *__restrict __oact);
int sigprocmask(int __how, const sigset_t *__restrict __set, sigset_t *__restrict __oset);
int sigpending(sigset_t *__set);
int sigsuspend(const sigset_t *__mask);
int sigemptyset(sigset_t *__set);
int sigfillset(sigset_t *__set);
int sigaddset(sigset_t *__set, int __sig);
int sigdelset(sigset_t *__set, int __sig);
int sigismember(const sigset_t *__set, int __sig);

#if __POSIX_VISIBLE >= 199309
int sigwaitinfo(const sigset_t *__restrict __set, siginfo_t *__restrict __info);
int sigtimedwait(const sigset_t *__restrict __set, siginfo_t *__restrict __info,
		 const struct timespec *__restrict __timeout);
int sigqueue(pid_t __pid, int __sig, const union sigval __value);
#endif

#if __POSIX_VISIBLE >= 199506
int pthread_sigmask(int __how, const sigset_t *__restrict __set, sigset_t *__restrict __oset);
int pthread_kill(pthread_t __th, int __sig);
int sigwait(const sigset_t *__restrict __set, int *__restrict __sig);
#endif

#endif /* __POSIX_VISIBLE */

#if __XSI_VISIBLE || __POSIX_VISIBLE >= 200809
/* The alternate signal stack. */
#ifndef __stack_t_defined
#define __stack_t_defined
typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;
#endif

#define SS_ONSTACK  1
#define SS_DISABLE  2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

int sigaltstack(const stack_t *__restrict __ss, stack_t *__restrict __oss);
#endif

#if __XSI_VISIBLE || __MISC_VISIBLE
int killpg(pid_t __pgrp, int __sig);
int siginterrupt(int __sig, int __flag);
#endif

#if __POSIX_VISIBLE >= 200809 || __MISC_VISIBLE
void psignal(int __sig, const char *__s);
#endif

#if __MISC_VISIBLE
#include <sys/_sigcontext.h>
#endif

#if __GNU_VISIBLE
int sigisemptyset(const sigset_t *__set);
int sigorset(sigset_t *__set, const sigset_t *__left, const sigset_t *__right);
int sigandset(sigset_t *__set, const sigset_t *__left, const sigset_t *__right);
int tgkill(pid_t __tgid, pid_t __tid, int __sig);
/* "SEGV" and "Segmentation fault" for SIGSEGV; NULL for a number that is no signal. */
const char *sigabbrev_np(int __sig);
const char *sigdescr_np(int __sig);
#endif

#ifdef __cplusplus
}
#endif

/* POSIX: <signal.h> defines ucontext_t and mcontext_t. */
#if __XSI_VISIBLE || __POSIX_VISIBLE >= 200809
#include <sys/ucontext.h>
#endif

#endif
