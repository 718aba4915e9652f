/*
 * Compile-time check that <signal.h>, <sys/ucontext.h> and <setjmp.h> (libc-glue/include)
 * have the kernel ABI of runtime/uapi-signal.h: every number the application passes to or
 * gets from the runtime, and the layouts libc-glue hands over without converting them
 * (sigset_t, siginfo_t, stack_t, struct sigevent, ucontext_t). No code: compiling is the check.
 */
#define _GNU_SOURCE
#include "libc-glue/signal/signal_impl.h"
#include "libc-glue/signal/sigjmp_layout.h"

#include <setjmp.h>
#include <stddef.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>

#define SAME(a, b)	     _Static_assert((long long)(a) == (long long)(b), #a " != " #b)
#define SAME_OFF(s, f, t, g) SAME(offsetof(s, f), offsetof(t, g))

SAME(SIGHUP, LINUX_SIGHUP);
SAME(SIGINT, LINUX_SIGINT);
SAME(SIGQUIT, LINUX_SIGQUIT);
SAME(SIGILL, LINUX_SIGILL);
SAME(SIGTRAP, LINUX_SIGTRAP);
SAME(SIGABRT, LINUX_SIGABRT);
SAME(SIGBUS, LINUX_SIGBUS);
SAME(SIGFPE, LINUX_SIGFPE);
SAME(SIGKILL, LINUX_SIGKILL);
SAME(SIGUSR1, LINUX_SIGUSR1);
SAME(SIGSEGV, LINUX_SIGSEGV);
SAME(SIGUSR2, LINUX_SIGUSR2);
SAME(SIGPIPE, LINUX_SIGPIPE);
SAME(SIGALRM, LINUX_SIGALRM);
SAME(SIGTERM, LINUX_SIGTERM);
SAME(SIGSTKFLT, LINUX_SIGSTKFLT);
SAME(SIGCHLD, LINUX_SIGCHLD);
SAME(SIGCONT, LINUX_SIGCONT);
SAME(SIGSTOP, LINUX_SIGSTOP);
SAME(SIGTSTP, LINUX_SIGTSTP);
SAME(SIGTTIN, LINUX_SIGTTIN);
SAME(SIGTTOU, LINUX_SIGTTOU);
SAME(SIGURG, LINUX_SIGURG);
SAME(SIGXCPU, LINUX_SIGXCPU);
SAME(SIGXFSZ, LINUX_SIGXFSZ);
SAME(SIGVTALRM, LINUX_SIGVTALRM);
SAME(SIGPROF, LINUX_SIGPROF);
SAME(SIGWINCH, LINUX_SIGWINCH);
SAME(SIGIO, LINUX_SIGIO);
SAME(SIGPWR, LINUX_SIGPWR);
SAME(SIGSYS, LINUX_SIGSYS);
/* The application's real-time range is the kernel's less libc-glue's two. */
SAME(SIGRTMIN, LINUX_SIGRTMIN + 2);
SAME(SIGRTMAX, LINUX_SIGRTMAX);
SAME(_NSIG, LINUX_NSIG + 1);
SAME(SIGTIMER, LINUX_SIGRTMIN);

SAME(SA_NOCLDSTOP, LINUX_SA_NOCLDSTOP);
SAME(SA_NOCLDWAIT, LINUX_SA_NOCLDWAIT);
SAME(SA_SIGINFO, LINUX_SA_SIGINFO);
SAME(SA_RESTORER, LINUX_SA_RESTORER);
SAME(SA_ONSTACK, LINUX_SA_ONSTACK);
SAME(SA_RESTART, LINUX_SA_RESTART);
SAME(SA_NODEFER, LINUX_SA_NODEFER);
SAME(SA_RESETHAND, LINUX_SA_RESETHAND);
SAME(SIG_BLOCK, LINUX_SIG_BLOCK);
SAME(SIG_UNBLOCK, LINUX_SIG_UNBLOCK);
SAME(SIG_SETMASK, LINUX_SIG_SETMASK);
SAME(SS_ONSTACK, LINUX_SS_ONSTACK);
SAME(SS_DISABLE, LINUX_SS_DISABLE);
SAME(MINSIGSTKSZ, LINUX_MINSIGSTKSZ);
SAME(SIGSTKSZ, LINUX_SIGSTKSZ);

SAME(SI_USER, LINUX_SI_USER);
SAME(SI_KERNEL, LINUX_SI_KERNEL);
SAME(SI_QUEUE, LINUX_SI_QUEUE);
SAME(SI_TIMER, LINUX_SI_TIMER);
SAME(SI_MESGQ, LINUX_SI_MESGQ);
SAME(SI_ASYNCIO, LINUX_SI_ASYNCIO);
SAME(SI_SIGIO, LINUX_SI_SIGIO);
SAME(SI_TKILL, LINUX_SI_TKILL);
SAME(SI_DETHREAD, LINUX_SI_DETHREAD);
SAME(ILL_ILLOPC, LINUX_ILL_ILLOPC);
SAME(ILL_ILLOPN, LINUX_ILL_ILLOPN);
SAME(ILL_ILLADR, LINUX_ILL_ILLADR);
SAME(ILL_ILLTRP, LINUX_ILL_ILLTRP);
SAME(ILL_PRVOPC, LINUX_ILL_PRVOPC);
SAME(ILL_PRVREG, LINUX_ILL_PRVREG);
SAME(ILL_COPROC, LINUX_ILL_COPROC);
SAME(ILL_BADSTK, LINUX_ILL_BADSTK);
SAME(FPE_INTDIV, LINUX_FPE_INTDIV);
SAME(FPE_INTOVF, LINUX_FPE_INTOVF);
SAME(FPE_FLTDIV, LINUX_FPE_FLTDIV);
SAME(FPE_FLTOVF, LINUX_FPE_FLTOVF);
SAME(FPE_FLTUND, LINUX_FPE_FLTUND);
SAME(FPE_FLTRES, LINUX_FPE_FLTRES);
SAME(FPE_FLTINV, LINUX_FPE_FLTINV);
SAME(FPE_FLTSUB, LINUX_FPE_FLTSUB);
SAME(SEGV_MAPERR, LINUX_SEGV_MAPERR);
SAME(SEGV_ACCERR, LINUX_SEGV_ACCERR);
SAME(BUS_ADRALN, LINUX_BUS_ADRALN);
SAME(BUS_ADRERR, LINUX_BUS_ADRERR);
SAME(BUS_OBJERR, LINUX_BUS_OBJERR);
SAME(TRAP_BRKPT, LINUX_TRAP_BRKPT);
SAME(TRAP_TRACE, LINUX_TRAP_TRACE);
SAME(CLD_EXITED, LINUX_CLD_EXITED);
SAME(CLD_KILLED, LINUX_CLD_KILLED);
SAME(CLD_DUMPED, LINUX_CLD_DUMPED);
SAME(SI_MAX_SIZE, LINUX_SI_MAX_SIZE);
SAME(SIGEV_SIGNAL, LINUX_SIGEV_SIGNAL);
SAME(SIGEV_NONE, LINUX_SIGEV_NONE);
SAME(SIGEV_THREAD, LINUX_SIGEV_THREAD);
SAME(SIGEV_THREAD_ID, LINUX_SIGEV_THREAD_ID);
SAME(SIGEV_MAX_SIZE, LINUX_SIGEV_MAX_SIZE);
SAME(ITIMER_REAL, LINUX_ITIMER_REAL);
SAME(ITIMER_VIRTUAL, LINUX_ITIMER_VIRTUAL);
SAME(ITIMER_PROF, LINUX_ITIMER_PROF);

/* sigset_t is the kernel's: passed to every rt_ call as it is. */
SAME(sizeof(sigset_t), LINUX_NSIG_BYTES);
SAME(sizeof(sigset_t), sizeof(linux_sigset_t));

/* siginfo_t: the kernel writes it (handlers, sigtimedwait) and reads it (none here). */
SAME(sizeof(siginfo_t), sizeof(struct linux_siginfo));
SAME_OFF(siginfo_t, si_signo, struct linux_siginfo, si_signo);
SAME_OFF(siginfo_t, si_errno, struct linux_siginfo, si_errno);
SAME_OFF(siginfo_t, si_code, struct linux_siginfo, si_code);
SAME_OFF(siginfo_t, si_pid, struct linux_siginfo, fields.kill.pid);
SAME_OFF(siginfo_t, si_uid, struct linux_siginfo, fields.kill.uid);
SAME_OFF(siginfo_t, si_timerid, struct linux_siginfo, fields.timer.tid);
SAME_OFF(siginfo_t, si_overrun, struct linux_siginfo, fields.timer.overrun);
SAME_OFF(siginfo_t, _sifields._timer.si_sigval, struct linux_siginfo, fields.timer.sigval);
SAME_OFF(siginfo_t, _sifields._timer._sys_private, struct linux_siginfo, fields.timer.sys_private);
/* (The si_pid and si_uid of _rt and _sigchld sit where _kill's do.) */
SAME_OFF(siginfo_t, si_pid, struct linux_siginfo, fields.rt.pid);
SAME_OFF(siginfo_t, si_uid, struct linux_siginfo, fields.rt.uid);
SAME_OFF(siginfo_t, si_pid, struct linux_siginfo, fields.sigchld.pid);
SAME_OFF(siginfo_t, si_uid, struct linux_siginfo, fields.sigchld.uid);
SAME_OFF(siginfo_t, si_value, struct linux_siginfo, fields.rt.sigval);
SAME_OFF(siginfo_t, si_int, struct linux_siginfo, fields.rt.sigval.sival_int);
SAME_OFF(siginfo_t, si_ptr, struct linux_siginfo, fields.rt.sigval.sival_ptr);
SAME_OFF(siginfo_t, si_status, struct linux_siginfo, fields.sigchld.status);
SAME_OFF(siginfo_t, si_utime, struct linux_siginfo, fields.sigchld.utime);
SAME_OFF(siginfo_t, si_stime, struct linux_siginfo, fields.sigchld.stime);
SAME_OFF(siginfo_t, si_addr, struct linux_siginfo, fields.fault.addr);
SAME_OFF(siginfo_t, si_addr_lsb, struct linux_siginfo, fields.fault.addr_lsb);
SAME_OFF(siginfo_t, si_band, struct linux_siginfo, fields.poll.band);
SAME_OFF(siginfo_t, si_fd, struct linux_siginfo, fields.poll.fd);
SAME_OFF(siginfo_t, si_call_addr, struct linux_siginfo, fields.sys.call_addr);
SAME_OFF(siginfo_t, si_syscall, struct linux_siginfo, fields.sys.syscall);
SAME_OFF(siginfo_t, si_arch, struct linux_siginfo, fields.sys.arch);
SAME(sizeof(union sigval), sizeof(union linux_sigval));

/* struct sigevent: timer_create copies it field by field; the layout is the kernel's too. */
SAME(sizeof(struct sigevent), sizeof(struct linux_sigevent));
SAME_OFF(struct sigevent, sigev_value, struct linux_sigevent, sigev_value);
SAME_OFF(struct sigevent, sigev_signo, struct linux_sigevent, sigev_signo);
SAME_OFF(struct sigevent, sigev_notify, struct linux_sigevent, sigev_notify);
SAME_OFF(struct sigevent, sigev_notify_thread_id, struct linux_sigevent, un.tid);

/* stack_t: sigaltstack passes it through. */
SAME(sizeof(stack_t), sizeof(struct linux_stack));
SAME_OFF(stack_t, ss_sp, struct linux_stack, ss_sp);
SAME_OFF(stack_t, ss_flags, struct linux_stack, ss_flags);
SAME_OFF(stack_t, ss_size, struct linux_stack, ss_size);

/* ucontext_t and mcontext_t (and struct sigcontext): the frame the kernel builds. */
#define SAME_MC(f)                                                                                 \
	SAME_OFF(ucontext_t, uc_mcontext.f, struct linux_ucontext, uc_mcontext.f);                 \
	SAME_OFF(struct sigcontext, f, struct linux_sigcontext, f)
SAME(sizeof(ucontext_t), sizeof(struct linux_ucontext));
SAME(sizeof(mcontext_t), sizeof(struct linux_sigcontext));
SAME(sizeof(struct sigcontext), sizeof(struct linux_sigcontext));
SAME_OFF(ucontext_t, uc_flags, struct linux_ucontext, uc_flags);
SAME_OFF(ucontext_t, uc_link, struct linux_ucontext, uc_link);
SAME_OFF(ucontext_t, uc_stack, struct linux_ucontext, uc_stack);
SAME_OFF(ucontext_t, uc_stack.ss_size, struct linux_ucontext, uc_stack.ss_size);
SAME_OFF(ucontext_t, uc_mcontext, struct linux_ucontext, uc_mcontext);
SAME_OFF(ucontext_t, uc_sigmask, struct linux_ucontext, uc_sigmask);
SAME_OFF(ucontext_t, uc_regspace, struct linux_ucontext, uc_regspace);
SAME(sizeof(((ucontext_t *)0)->uc_regspace), sizeof(((struct linux_ucontext *)0)->uc_regspace));
SAME_MC(trap_no);
SAME_MC(error_code);
SAME_MC(oldmask);
SAME_MC(arm_r0);
SAME_MC(arm_r1);
SAME_MC(arm_r2);
SAME_MC(arm_r3);
SAME_MC(arm_r4);
SAME_MC(arm_r5);
SAME_MC(arm_r6);
SAME_MC(arm_r7);
SAME_MC(arm_r8);
SAME_MC(arm_r9);
SAME_MC(arm_r10);
SAME_MC(arm_fp);
SAME_MC(arm_ip);
SAME_MC(arm_sp);
SAME_MC(arm_lr);
SAME_MC(arm_pc);
SAME_MC(arm_cpsr);
SAME_MC(fault_address);
SAME(sizeof(gregset_t), 18 * 4);

/* struct sigaction: sigaction converts it, but glibc's order is kept. */
SAME(offsetof(struct sigaction, sa_handler), 0);
SAME(offsetof(struct sigaction, sa_sigaction), 0);
SAME(offsetof(struct sigaction, sa_mask), 4);
SAME(offsetof(struct sigaction, sa_flags), 12);
SAME(offsetof(struct sigaction, sa_restorer), 16);

/* sigjmp_buf: what sigsetjmp.S writes where. */
SAME(_JBLEN * 4, SJ_SAVEMASK);
SAME(offsetof(
	     struct { sigjmp_buf b; }, b[0].__mask_was_saved),
     SJ_SAVEMASK);
SAME(offsetof(
	     struct { sigjmp_buf b; }, b[0].__saved_mask),
     SJ_MASK);
SAME(offsetof(
	     struct { sigjmp_buf b; }, b[0].__vfp),
     SJ_VFP);
SAME(sizeof(sigjmp_buf), SJ_SIZE);
SAME(sizeof(jmp_buf), _JBLEN * 4);
