/*
 * Compile-time check of runtime/uapi-signal.h against Linux's own headers, for 32-bit ARM (not
 * built for uniarm: Linux's headers are not there). Two passes over this file, both with the
 * armhf sysroot of the Linux peer (README.md):
 *   -DUAPI_CHECK_KERNEL  the kernel's uapi headers (asm/unistd.h, asm/signal.h, asm/siginfo.h,
 *                        asm/sigcontext.h, linux/signal.h, linux/time.h): system-call numbers,
 *                        signal numbers, flags, si_code values, siginfo/sigevent/stack_t/
 *                        sigcontext/old sigaction layouts;
 *   (nothing)            glibc's <signal.h>, <ucontext.h>, <sys/syscall.h>: the same numbers as
 *                        glibc sees them, and ucontext_t's layout (the kernel does not export
 *                        its struct ucontext; glibc's is the same up to uc_regspace).
 * The VFP record in uc_regspace is not in any exported header: signals_frame.c checks it in a
 * real signal frame. Compiling is the check; the program itself only says so when run.
 */
#ifndef __arm__
#error "uapi_check.c checks the 32-bit ARM ABI: build it with the armhf sysroot (README.md)"
#endif

#include <stddef.h>

#define SAME(a, b)	     _Static_assert((long long)(a) == (long long)(b), #a " != " #b)
#define SAME_OFF(s, f, t, g) SAME(offsetof(s, f), offsetof(t, g))

#ifdef UAPI_CHECK_KERNEL
/* The runtime's header first: its __NR_ values are kept in an enum, then the names are freed
 * for the kernel's <asm/unistd.h>. */
#include "../../../runtime/uapi-signal.h"

#define NR_LIST(X)                                                                                 \
	X(restart_syscall)                                                                         \
	X(pause)                                                                                   \
	X(kill)                                                                                    \
	X(sigaction)                                                                               \
	X(sigsuspend)                                                                              \
	X(sigpending)                                                                              \
	X(setitimer)                                                                               \
	X(getitimer)                                                                               \
	X(sigreturn)                                                                               \
	X(sigprocmask)                                                                             \
	X(rt_sigreturn)                                                                            \
	X(rt_sigaction)                                                                            \
	X(rt_sigprocmask)                                                                          \
	X(rt_sigpending)                                                                           \
	X(rt_sigtimedwait)                                                                         \
	X(rt_sigqueueinfo)                                                                         \
	X(rt_sigsuspend)                                                                           \
	X(sigaltstack)                                                                             \
	X(tkill)                                                                                   \
	X(timer_create)                                                                            \
	X(timer_settime)                                                                           \
	X(timer_gettime)                                                                           \
	X(timer_getoverrun)                                                                        \
	X(timer_delete)                                                                            \
	X(clock_nanosleep)                                                                         \
	X(tgkill)                                                                                  \
	X(signalfd)                                                                                \
	X(signalfd4)                                                                               \
	X(rt_tgsigqueueinfo)                                                                       \
	X(timer_gettime64)                                                                         \
	X(timer_settime64)                                                                         \
	X(rt_sigtimedwait_time64)                                                                  \
	X(pidfd_send_signal)
#define KEEP(n) uniarm_nr_##n = __NR_##n,
enum { NR_LIST(KEEP) };
#undef __NR_restart_syscall
#undef __NR_pause
#undef __NR_kill
#undef __NR_sigaction
#undef __NR_sigsuspend
#undef __NR_sigpending
#undef __NR_setitimer
#undef __NR_getitimer
#undef __NR_sigreturn
#undef __NR_sigprocmask
#undef __NR_rt_sigreturn
#undef __NR_rt_sigaction
#undef __NR_rt_sigprocmask
#undef __NR_rt_sigpending
#undef __NR_rt_sigtimedwait
#undef __NR_rt_sigqueueinfo
#undef __NR_rt_sigsuspend
#undef __NR_sigaltstack
#undef __NR_tkill
#undef __NR_timer_create
#undef __NR_timer_settime
#undef __NR_timer_gettime
#undef __NR_timer_getoverrun
#undef __NR_timer_delete
#undef __NR_clock_nanosleep
#undef __NR_tgkill
#undef __NR_signalfd
#undef __NR_signalfd4
#undef __NR_rt_tgsigqueueinfo
#undef __NR_timer_gettime64
#undef __NR_timer_settime64
#undef __NR_rt_sigtimedwait_time64
#undef __NR_pidfd_send_signal

#include <asm/unistd.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <asm/sigcontext.h>
#include <linux/signal.h>
#include <linux/time.h>

/* Every number is the EABI one (<asm/unistd.h> includes unistd-eabi.h for an EABI build). */
#define SAME_NR(n) SAME(uniarm_nr_##n, __NR_##n);
NR_LIST(SAME_NR)
#ifdef __NR_alarm
#error "ARM EABI has no alarm system call"
#endif

SAME(LINUX_SIGHUP, SIGHUP);
SAME(LINUX_SIGINT, SIGINT);
SAME(LINUX_SIGQUIT, SIGQUIT);
SAME(LINUX_SIGILL, SIGILL);
SAME(LINUX_SIGTRAP, SIGTRAP);
SAME(LINUX_SIGABRT, SIGABRT);
SAME(LINUX_SIGBUS, SIGBUS);
SAME(LINUX_SIGFPE, SIGFPE);
SAME(LINUX_SIGKILL, SIGKILL);
SAME(LINUX_SIGUSR1, SIGUSR1);
SAME(LINUX_SIGSEGV, SIGSEGV);
SAME(LINUX_SIGUSR2, SIGUSR2);
SAME(LINUX_SIGPIPE, SIGPIPE);
SAME(LINUX_SIGALRM, SIGALRM);
SAME(LINUX_SIGTERM, SIGTERM);
SAME(LINUX_SIGSTKFLT, SIGSTKFLT);
SAME(LINUX_SIGCHLD, SIGCHLD);
SAME(LINUX_SIGCONT, SIGCONT);
SAME(LINUX_SIGSTOP, SIGSTOP);
SAME(LINUX_SIGTSTP, SIGTSTP);
SAME(LINUX_SIGTTIN, SIGTTIN);
SAME(LINUX_SIGTTOU, SIGTTOU);
SAME(LINUX_SIGURG, SIGURG);
SAME(LINUX_SIGXCPU, SIGXCPU);
SAME(LINUX_SIGXFSZ, SIGXFSZ);
SAME(LINUX_SIGVTALRM, SIGVTALRM);
SAME(LINUX_SIGPROF, SIGPROF);
SAME(LINUX_SIGWINCH, SIGWINCH);
SAME(LINUX_SIGIO, SIGIO);
SAME(LINUX_SIGPWR, SIGPWR);
SAME(LINUX_SIGSYS, SIGSYS);
SAME(LINUX_SIGRTMIN, SIGRTMIN);
/* ARM's uapi SIGRTMAX is _NSIG, which only the kernel's own headers define (64): glibc's
 * pass compares it. */

SAME(LINUX_SA_NOCLDSTOP, SA_NOCLDSTOP);
SAME(LINUX_SA_NOCLDWAIT, SA_NOCLDWAIT);
SAME(LINUX_SA_SIGINFO, SA_SIGINFO);
SAME(LINUX_SA_UNSUPPORTED, SA_UNSUPPORTED);
SAME(LINUX_SA_EXPOSE_TAGBITS, SA_EXPOSE_TAGBITS);
SAME(LINUX_SA_THIRTYTWO, SA_THIRTYTWO);
SAME(LINUX_SA_RESTORER, SA_RESTORER);
SAME(LINUX_SA_ONSTACK, SA_ONSTACK);
SAME(LINUX_SA_RESTART, SA_RESTART);
SAME(LINUX_SA_NODEFER, SA_NODEFER);
SAME(LINUX_SA_RESETHAND, SA_RESETHAND);
SAME(LINUX_SIG_BLOCK, SIG_BLOCK);
SAME(LINUX_SIG_UNBLOCK, SIG_UNBLOCK);
SAME(LINUX_SIG_SETMASK, SIG_SETMASK);
SAME(LINUX_SS_ONSTACK, SS_ONSTACK);
SAME(LINUX_SS_DISABLE, SS_DISABLE);
SAME(LINUX_SS_AUTODISARM, SS_AUTODISARM);
SAME(LINUX_MINSIGSTKSZ, MINSIGSTKSZ);
SAME(LINUX_SIGSTKSZ, SIGSTKSZ);

SAME(LINUX_SI_USER, SI_USER);
SAME(LINUX_SI_KERNEL, SI_KERNEL);
SAME(LINUX_SI_QUEUE, SI_QUEUE);
SAME(LINUX_SI_TIMER, SI_TIMER);
SAME(LINUX_SI_MESGQ, SI_MESGQ);
SAME(LINUX_SI_ASYNCIO, SI_ASYNCIO);
SAME(LINUX_SI_SIGIO, SI_SIGIO);
SAME(LINUX_SI_TKILL, SI_TKILL);
SAME(LINUX_SI_DETHREAD, SI_DETHREAD);
SAME(LINUX_ILL_ILLOPC, ILL_ILLOPC);
SAME(LINUX_ILL_ILLOPN, ILL_ILLOPN);
SAME(LINUX_ILL_ILLADR, ILL_ILLADR);
SAME(LINUX_ILL_ILLTRP, ILL_ILLTRP);
SAME(LINUX_ILL_PRVOPC, ILL_PRVOPC);
SAME(LINUX_ILL_PRVREG, ILL_PRVREG);
SAME(LINUX_ILL_COPROC, ILL_COPROC);
SAME(LINUX_ILL_BADSTK, ILL_BADSTK);
SAME(LINUX_FPE_INTDIV, FPE_INTDIV);
SAME(LINUX_FPE_INTOVF, FPE_INTOVF);
SAME(LINUX_FPE_FLTDIV, FPE_FLTDIV);
SAME(LINUX_FPE_FLTOVF, FPE_FLTOVF);
SAME(LINUX_FPE_FLTUND, FPE_FLTUND);
SAME(LINUX_FPE_FLTRES, FPE_FLTRES);
SAME(LINUX_FPE_FLTINV, FPE_FLTINV);
SAME(LINUX_FPE_FLTSUB, FPE_FLTSUB);
SAME(LINUX_SEGV_MAPERR, SEGV_MAPERR);
SAME(LINUX_SEGV_ACCERR, SEGV_ACCERR);
SAME(LINUX_BUS_ADRALN, BUS_ADRALN);
SAME(LINUX_BUS_ADRERR, BUS_ADRERR);
SAME(LINUX_BUS_OBJERR, BUS_OBJERR);
SAME(LINUX_TRAP_BRKPT, TRAP_BRKPT);
SAME(LINUX_TRAP_TRACE, TRAP_TRACE);
SAME(LINUX_CLD_EXITED, CLD_EXITED);
SAME(LINUX_CLD_KILLED, CLD_KILLED);
SAME(LINUX_CLD_DUMPED, CLD_DUMPED);
SAME(LINUX_SI_MAX_SIZE, SI_MAX_SIZE);
SAME(LINUX_SIGEV_SIGNAL, SIGEV_SIGNAL);
SAME(LINUX_SIGEV_NONE, SIGEV_NONE);
SAME(LINUX_SIGEV_THREAD, SIGEV_THREAD);
SAME(LINUX_SIGEV_THREAD_ID, SIGEV_THREAD_ID);
SAME(LINUX_SIGEV_MAX_SIZE, SIGEV_MAX_SIZE);
SAME(LINUX_ITIMER_REAL, ITIMER_REAL);
SAME(LINUX_ITIMER_VIRTUAL, ITIMER_VIRTUAL);
SAME(LINUX_ITIMER_PROF, ITIMER_PROF);

/* siginfo_t: the kernel's field names are macros over its unions. */
SAME(sizeof(struct linux_siginfo), sizeof(siginfo_t));
SAME_OFF(struct linux_siginfo, si_signo, siginfo_t, si_signo);
SAME_OFF(struct linux_siginfo, si_errno, siginfo_t, si_errno);
SAME_OFF(struct linux_siginfo, si_code, siginfo_t, si_code);
SAME_OFF(struct linux_siginfo, fields.kill.pid, siginfo_t, si_pid);
SAME_OFF(struct linux_siginfo, fields.kill.uid, siginfo_t, si_uid);
SAME_OFF(struct linux_siginfo, fields.timer.tid, siginfo_t, si_tid);
SAME_OFF(struct linux_siginfo, fields.timer.overrun, siginfo_t, si_overrun);
SAME_OFF(struct linux_siginfo, fields.timer.sigval, siginfo_t, _sifields._timer._sigval);
SAME_OFF(struct linux_siginfo, fields.timer.sys_private, siginfo_t, si_sys_private);
SAME_OFF(struct linux_siginfo, fields.rt.pid, siginfo_t, _sifields._rt._pid);
SAME_OFF(struct linux_siginfo, fields.rt.uid, siginfo_t, _sifields._rt._uid);
SAME_OFF(struct linux_siginfo, fields.rt.sigval, siginfo_t, si_value);
SAME_OFF(struct linux_siginfo, fields.sigchld.status, siginfo_t, si_status);
SAME_OFF(struct linux_siginfo, fields.sigchld.utime, siginfo_t, si_utime);
SAME_OFF(struct linux_siginfo, fields.sigchld.stime, siginfo_t, si_stime);
SAME_OFF(struct linux_siginfo, fields.fault.addr, siginfo_t, si_addr);
SAME_OFF(struct linux_siginfo, fields.fault.addr_lsb, siginfo_t, si_addr_lsb);
SAME_OFF(struct linux_siginfo, fields.poll.band, siginfo_t, si_band);
SAME_OFF(struct linux_siginfo, fields.poll.fd, siginfo_t, si_fd);
SAME_OFF(struct linux_siginfo, fields.sys.call_addr, siginfo_t, si_call_addr);
SAME_OFF(struct linux_siginfo, fields.sys.syscall, siginfo_t, si_syscall);
SAME_OFF(struct linux_siginfo, fields.sys.arch, siginfo_t, si_arch);
SAME(sizeof(union linux_sigval), sizeof(sigval_t));

SAME(sizeof(struct linux_sigevent), sizeof(sigevent_t));
SAME_OFF(struct linux_sigevent, sigev_value, sigevent_t, sigev_value);
SAME_OFF(struct linux_sigevent, sigev_signo, sigevent_t, sigev_signo);
SAME_OFF(struct linux_sigevent, sigev_notify, sigevent_t, sigev_notify);
SAME_OFF(struct linux_sigevent, un.tid, sigevent_t, sigev_notify_thread_id);

SAME(sizeof(struct linux_stack), sizeof(stack_t));
SAME_OFF(struct linux_stack, ss_sp, stack_t, ss_sp);
SAME_OFF(struct linux_stack, ss_flags, stack_t, ss_flags);
SAME_OFF(struct linux_stack, ss_size, stack_t, ss_size);

/* ARM's exported struct sigaction is the old one (a 32-bit mask), sigaction (67)'s. */
SAME(sizeof(struct linux_old_sigaction), sizeof(struct sigaction));
SAME_OFF(struct linux_old_sigaction, handler, struct sigaction, sa_handler);
SAME_OFF(struct linux_old_sigaction, mask, struct sigaction, sa_mask);
SAME_OFF(struct linux_old_sigaction, flags, struct sigaction, sa_flags);
SAME_OFF(struct linux_old_sigaction, restorer, struct sigaction, sa_restorer);

#define SAME_SC(f) SAME_OFF(struct linux_sigcontext, f, struct sigcontext, f);
SAME(sizeof(struct linux_sigcontext), sizeof(struct sigcontext));
SAME_SC(trap_no)
SAME_SC(error_code)
SAME_SC(oldmask)
SAME_SC(arm_r0)
SAME_SC(arm_r1)
SAME_SC(arm_r2)
SAME_SC(arm_r3)
SAME_SC(arm_r4)
SAME_SC(arm_r5)
SAME_SC(arm_r6)
SAME_SC(arm_r7)
SAME_SC(arm_r8)
SAME_SC(arm_r9)
SAME_SC(arm_r10)
SAME_SC(arm_fp)
SAME_SC(arm_ip)
SAME_SC(arm_sp)
SAME_SC(arm_lr)
SAME_SC(arm_pc)
SAME_SC(arm_cpsr)
SAME_SC(fault_address)

/* setitimer's struct itimerval is the old one: 32-bit seconds and microseconds. */
SAME(sizeof(struct linux_itimerval), sizeof(struct __kernel_old_itimerval));
SAME_OFF(struct linux_itimerval, it_value.tv_usec, struct __kernel_old_itimerval, it_value.tv_usec);
SAME(sizeof(struct linux_itimerspec64), sizeof(struct __kernel_itimerspec));
SAME_OFF(struct linux_itimerspec64, it_value.tv_nsec, struct __kernel_itimerspec, it_value.tv_nsec);

#else /* glibc's view */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>

/* glibc's SYS_x are its __NR_x (__NR_SYSCALL_BASE + n, the base 0 for EABI): compare them
 * before the runtime's header replaces the names. */
#define GLIBC_NR_LIST(X)                                                                           \
	X(pause)                                                                                   \
	X(kill)                                                                                    \
	X(setitimer)                                                                               \
	X(getitimer)                                                                               \
	X(sigreturn)                                                                               \
	X(rt_sigreturn)                                                                            \
	X(rt_sigaction)                                                                            \
	X(rt_sigprocmask)                                                                          \
	X(rt_sigpending)                                                                           \
	X(rt_sigtimedwait)                                                                         \
	X(rt_sigqueueinfo)                                                                         \
	X(rt_sigsuspend)                                                                           \
	X(sigaltstack)                                                                             \
	X(tkill)                                                                                   \
	X(timer_create)                                                                            \
	X(timer_settime)                                                                           \
	X(timer_gettime)                                                                           \
	X(timer_delete)                                                                            \
	X(tgkill)                                                                                  \
	X(rt_tgsigqueueinfo)
#define NR_GLIBC(n) glibc_nr_##n = SYS_##n,
enum { GLIBC_NR_LIST(NR_GLIBC) };
#undef __NR_pause
#undef __NR_kill
#undef __NR_setitimer
#undef __NR_getitimer
#undef __NR_sigreturn
#undef __NR_rt_sigreturn
#undef __NR_rt_sigaction
#undef __NR_rt_sigprocmask
#undef __NR_rt_sigpending
#undef __NR_rt_sigtimedwait
#undef __NR_rt_sigqueueinfo
#undef __NR_rt_sigsuspend
#undef __NR_sigaltstack
#undef __NR_tkill
#undef __NR_timer_create
#undef __NR_timer_settime
#undef __NR_timer_gettime
#undef __NR_timer_getoverrun
#undef __NR_timer_delete
#undef __NR_clock_nanosleep
#undef __NR_tgkill
#undef __NR_restart_syscall
#undef __NR_sigaction
#undef __NR_sigsuspend
#undef __NR_sigpending
#undef __NR_sigprocmask
#undef __NR_signalfd
#undef __NR_signalfd4
#undef __NR_rt_tgsigqueueinfo
#undef __NR_timer_gettime64
#undef __NR_timer_settime64
#undef __NR_rt_sigtimedwait_time64
#undef __NR_pidfd_send_signal
#include "../../../runtime/uapi-signal.h"

#define SAME_NR(n) SAME(glibc_nr_##n, __NR_##n);
GLIBC_NR_LIST(SAME_NR)

/* The values an application sees through glibc are the kernel's. */
SAME(LINUX_SA_SIGINFO, SA_SIGINFO);
SAME(LINUX_SA_ONSTACK, SA_ONSTACK);
SAME(LINUX_SA_RESTART, SA_RESTART);
SAME(LINUX_SA_NODEFER, SA_NODEFER);
SAME(LINUX_SA_RESETHAND, SA_RESETHAND);
SAME(LINUX_SIG_BLOCK, SIG_BLOCK);
SAME(LINUX_SIG_UNBLOCK, SIG_UNBLOCK);
SAME(LINUX_SIG_SETMASK, SIG_SETMASK);
SAME(LINUX_SS_ONSTACK, SS_ONSTACK);
SAME(LINUX_SS_DISABLE, SS_DISABLE);
SAME(LINUX_SI_USER, SI_USER);
SAME(LINUX_SI_QUEUE, SI_QUEUE);
SAME(LINUX_SI_TIMER, SI_TIMER);
SAME(LINUX_SI_TKILL, SI_TKILL);
SAME(LINUX_SEGV_MAPERR, SEGV_MAPERR);
SAME(LINUX_SEGV_ACCERR, SEGV_ACCERR);
SAME(LINUX_BUS_ADRALN, BUS_ADRALN);
SAME(LINUX_ILL_ILLOPC, ILL_ILLOPC);
SAME(LINUX_SIGEV_SIGNAL, SIGEV_SIGNAL);
SAME(LINUX_SIGEV_NONE, SIGEV_NONE);
SAME(LINUX_SIGEV_THREAD_ID, SIGEV_THREAD_ID);
SAME(LINUX_ITIMER_REAL, ITIMER_REAL);
SAME(LINUX_NSIG + 1, _NSIG); /* glibc's _NSIG counts signal 0 */
SAME(LINUX_NSIG_BYTES * 8, _NSIG - 1);

/* glibc's siginfo_t, stack_t, struct sigevent. */
SAME(sizeof(struct linux_siginfo), sizeof(siginfo_t));
SAME_OFF(struct linux_siginfo, si_code, siginfo_t, si_code);
SAME_OFF(struct linux_siginfo, fields.kill.pid, siginfo_t, si_pid);
SAME_OFF(struct linux_siginfo, fields.kill.uid, siginfo_t, si_uid);
SAME_OFF(struct linux_siginfo, fields.rt.sigval, siginfo_t, si_value);
SAME_OFF(struct linux_siginfo, fields.timer.overrun, siginfo_t, si_overrun);
SAME_OFF(struct linux_siginfo, fields.fault.addr, siginfo_t, si_addr);
SAME(sizeof(struct linux_stack), sizeof(stack_t));
SAME_OFF(struct linux_stack, ss_flags, stack_t, ss_flags);
SAME_OFF(struct linux_stack, ss_size, stack_t, ss_size);
SAME(sizeof(struct linux_sigevent), sizeof(struct sigevent));
SAME_OFF(struct linux_sigevent, sigev_signo, struct sigevent, sigev_signo);
SAME_OFF(struct linux_sigevent, sigev_notify, struct sigevent, sigev_notify);
SAME(sizeof(struct linux_itimerval), sizeof(struct itimerval)); /* 32-bit time_t glibc */

/* ucontext_t: the kernel's struct ucontext up to uc_regspace; glibc's mask is the whole
 * 128 bytes the kernel leaves for it (uc_sigmask + unused). */
#define SAME_MC(f) SAME_OFF(struct linux_ucontext, uc_mcontext.f, ucontext_t, uc_mcontext.f);
SAME(sizeof(struct linux_ucontext), sizeof(ucontext_t));
SAME_OFF(struct linux_ucontext, uc_flags, ucontext_t, uc_flags);
SAME_OFF(struct linux_ucontext, uc_link, ucontext_t, uc_link);
SAME_OFF(struct linux_ucontext, uc_stack, ucontext_t, uc_stack);
SAME_OFF(struct linux_ucontext, uc_sigmask, ucontext_t, uc_sigmask);
SAME(sizeof(((struct linux_ucontext *)0)->uc_sigmask) +
	     sizeof(((struct linux_ucontext *)0)->unused),
     sizeof(sigset_t));
SAME_OFF(struct linux_ucontext, uc_regspace, ucontext_t, uc_regspace);
SAME(sizeof(((struct linux_ucontext *)0)->uc_regspace), sizeof(((ucontext_t *)0)->uc_regspace));
SAME_MC(trap_no)
SAME_MC(error_code)
SAME_MC(oldmask)
SAME_MC(arm_r0)
SAME_MC(arm_r4)
SAME_MC(arm_r10)
SAME_MC(arm_fp)
SAME_MC(arm_ip)
SAME_MC(arm_sp)
SAME_MC(arm_lr)
SAME_MC(arm_pc)
SAME_MC(arm_cpsr)
SAME_MC(fault_address)
#endif

#include <stdio.h>

int main(void)
{
	/* The special handlers are pointers: no constant expression compares them. */
	if ((long)SIG_DFL != LINUX_SIG_DFL || (long)SIG_IGN != LINUX_SIG_IGN ||
	    (long)SIG_ERR != LINUX_SIG_ERR) {
		puts("uapi_check: FAIL: SIG_DFL, SIG_IGN or SIG_ERR differs");
		return 1;
	}
#ifdef UAPI_CHECK_KERNEL
	puts("uapi_check: uapi-signal.h agrees with the kernel's headers");
#else
	puts("uapi_check: uapi-signal.h agrees with glibc's headers");
#endif
	return 0;
}
