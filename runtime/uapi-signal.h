/*
 * The signal ABI (Linux ARM EABI): system-call numbers, signal numbers, sigaction flags,
 * si_code values, and the structures the kernel and the application exchange (the sigaction
 * of rt_sigaction, siginfo, sigaltstack's stack, the signal frame's ucontext with its
 * sigcontext and VFP record), as Linux 6.1 has them for 32-bit ARM. Shared by the runtime and
 * the signal tests (tests/qemu/signals, whose uapi_check.c compares every value and layout here
 * with the Linux and glibc headers).
 *
 * The names carry a LINUX_ prefix (or linux_ for structures) where the C library's <signal.h>
 * has its own: newlib's values are not Linux's.
 */
#ifndef UNIARM_RUNTIME_UAPI_SIGNAL_H
#define UNIARM_RUNTIME_UAPI_SIGNAL_H

/*
 * System calls. ARM EABI has no alarm (27 is OABI only: a C library builds alarm on
 * setitimer), but it does have pause (29), glibc's pause. The old calls that take a 32-bit
 * mask (sigaction 67, sigsuspend 72, sigpending 73, sigprocmask 126) are EABI calls too;
 * C libraries use the rt_ ones with the 64-bit mask. The timer and sigtimedwait calls come
 * twice: with the 32-bit struct timespec, and (the _time64 ones) with the 64-bit one that a
 * C library with a 64-bit time_t (newlib) uses.
 */
#define __NR_restart_syscall	    0
#define __NR_pause		    29
#define __NR_kill		    37
#define __NR_sigaction		    67 /* struct linux_old_sigaction */
#define __NR_sigsuspend		    72 /* a 32-bit mask */
#define __NR_sigpending		    73
#define __NR_setitimer		    104
#define __NR_getitimer		    105
#define __NR_sigreturn		    119 /* from a handler without SA_SIGINFO */
#define __NR_sigprocmask	    126
#define __NR_rt_sigreturn	    173 /* from an SA_SIGINFO handler */
#define __NR_rt_sigaction	    174
#define __NR_rt_sigprocmask	    175
#define __NR_rt_sigpending	    176
#define __NR_rt_sigtimedwait	    177
#define __NR_rt_sigqueueinfo	    178
#define __NR_rt_sigsuspend	    179
#define __NR_sigaltstack	    186
#define __NR_tkill		    238
#define __NR_timer_create	    257
#define __NR_timer_settime	    258
#define __NR_timer_gettime	    259
#define __NR_timer_getoverrun	    260
#define __NR_timer_delete	    261
#define __NR_clock_nanosleep	    265
#define __NR_tgkill		    268
#define __NR_signalfd		    349
#define __NR_signalfd4		    355
#define __NR_rt_tgsigqueueinfo	    363
#define __NR_timer_gettime64	    408
#define __NR_timer_settime64	    409
#define __NR_rt_sigtimedwait_time64 421
#define __NR_pidfd_send_signal	    424

/* Signal numbers (arch/arm/include/uapi/asm/signal.h). */
#define LINUX_SIGHUP	1
#define LINUX_SIGINT	2
#define LINUX_SIGQUIT	3
#define LINUX_SIGILL	4
#define LINUX_SIGTRAP	5
#define LINUX_SIGABRT	6
#define LINUX_SIGBUS	7
#define LINUX_SIGFPE	8
#define LINUX_SIGKILL	9
#define LINUX_SIGUSR1	10
#define LINUX_SIGSEGV	11
#define LINUX_SIGUSR2	12
#define LINUX_SIGPIPE	13
#define LINUX_SIGALRM	14
#define LINUX_SIGTERM	15
#define LINUX_SIGSTKFLT 16
#define LINUX_SIGCHLD	17
#define LINUX_SIGCONT	18
#define LINUX_SIGSTOP	19
#define LINUX_SIGTSTP	20
#define LINUX_SIGTTIN	21
#define LINUX_SIGTTOU	22
#define LINUX_SIGURG	23
#define LINUX_SIGXCPU	24
#define LINUX_SIGXFSZ	25
#define LINUX_SIGVTALRM 26
#define LINUX_SIGPROF	27
#define LINUX_SIGWINCH	28
#define LINUX_SIGIO	29
#define LINUX_SIGPWR	30
#define LINUX_SIGSYS	31
/* The kernel's real-time range; glibc keeps 32 and 33 for itself (its SIGRTMIN is 34). */
#define LINUX_SIGRTMIN	 32
#define LINUX_SIGRTMAX	 64
#define LINUX_NSIG	 64 /* signals 1..64: sigset bit (n - 1) */
#define LINUX_NSIG_BYTES 8  /* the sigsetsize every rt_ call insists on */

/* sa_flags (asm-generic/signal-defs.h, SA_RESTORER from ARM's asm/signal.h). */
#define LINUX_SA_NOCLDSTOP	0x00000001u
#define LINUX_SA_NOCLDWAIT	0x00000002u
#define LINUX_SA_SIGINFO	0x00000004u
#define LINUX_SA_UNSUPPORTED	0x00000400u /* never accepted: read back without it */
#define LINUX_SA_EXPOSE_TAGBITS 0x00000800u
#define LINUX_SA_THIRTYTWO	0x02000000u /* ARM: no effect */
#define LINUX_SA_RESTORER	0x04000000u
#define LINUX_SA_ONSTACK	0x08000000u
#define LINUX_SA_RESTART	0x10000000u
#define LINUX_SA_NODEFER	0x40000000u
#define LINUX_SA_RESETHAND	0x80000000u

/* Handlers with a meaning of their own. */
#define LINUX_SIG_DFL 0
#define LINUX_SIG_IGN 1
#define LINUX_SIG_ERR (-1)

/* rt_sigprocmask's how. */
#define LINUX_SIG_BLOCK	  0
#define LINUX_SIG_UNBLOCK 1
#define LINUX_SIG_SETMASK 2

/* sigaltstack. */
#define LINUX_SS_ONSTACK    1
#define LINUX_SS_DISABLE    2
#define LINUX_SS_AUTODISARM 0x80000000u
#define LINUX_MINSIGSTKSZ   2048
#define LINUX_SIGSTKSZ	    8192

/* si_code: <= 0 from a user (a system call), > 0 from the kernel. */
#define LINUX_SI_USER	      0 /* kill */
#define LINUX_SI_KERNEL	      0x80
#define LINUX_SI_QUEUE	      (-1) /* sigqueue, rt_sigqueueinfo */
#define LINUX_SI_TIMER	      (-2) /* a POSIX timer's expiry */
#define LINUX_SI_MESGQ	      (-3)
#define LINUX_SI_ASYNCIO      (-4)
#define LINUX_SI_SIGIO	      (-5)
#define LINUX_SI_TKILL	      (-6) /* tkill, tgkill (raise, pthread_kill) */
#define LINUX_SI_DETHREAD     (-7)
#define LINUX_SI_ASYNCNL      (-60)
#define LINUX_ILL_ILLOPC      1
#define LINUX_ILL_ILLOPN      2
#define LINUX_ILL_ILLADR      3
#define LINUX_ILL_ILLTRP      4
#define LINUX_ILL_PRVOPC      5
#define LINUX_ILL_PRVREG      6
#define LINUX_ILL_COPROC      7
#define LINUX_ILL_BADSTK      8
#define LINUX_FPE_INTDIV      1
#define LINUX_FPE_INTOVF      2
#define LINUX_FPE_FLTDIV      3
#define LINUX_FPE_FLTOVF      4
#define LINUX_FPE_FLTUND      5
#define LINUX_FPE_FLTRES      6
#define LINUX_FPE_FLTINV      7
#define LINUX_FPE_FLTSUB      8
#define LINUX_SEGV_MAPERR     1 /* no mapping at the address */
#define LINUX_SEGV_ACCERR     2 /* a mapping that does not allow the access */
#define LINUX_BUS_ADRALN      1
#define LINUX_BUS_ADRERR      2
#define LINUX_BUS_OBJERR      3
#define LINUX_TRAP_BRKPT      1
#define LINUX_TRAP_TRACE      2
#define LINUX_CLD_EXITED      1
#define LINUX_CLD_KILLED      2
#define LINUX_CLD_DUMPED      3
#define LINUX_SI_MAX_SIZE     128
#define LINUX_SIGEV_SIGNAL    0
#define LINUX_SIGEV_NONE      1
#define LINUX_SIGEV_THREAD    2 /* the C library's business: the kernel refuses it */
#define LINUX_SIGEV_THREAD_ID 4
#define LINUX_SIGEV_MAX_SIZE  64

/* setitimer/getitimer's which. */
#define LINUX_ITIMER_REAL    0
#define LINUX_ITIMER_VIRTUAL 1
#define LINUX_ITIMER_PROF    2

/*
 * What the signal frame carries besides the registers: trap_no in the sigcontext is 14 after
 * a page fault (data or prefetch abort), 6 after an undefined instruction and 0 after other
 * aborts (alignment); error_code is then the fault status (FSR; bit 11 set for a write, and
 * bit 31 set for an instruction fetch's IFSR). uc_regspace holds records of { magic, size in
 * bytes including these two words }, each 8-byte aligned, ended by a zero magic word; a reader
 * skips the records it does not know by their size. Linux 6.1 writes, in this order:
 * an iWMMXt record where the kernel has CONFIG_IWMMXT (a DUMMY one, 160 bytes, when the thread
 * never used iWMMXt), then the VFP record.
 */
#define LINUX_TRAP_NO_PAGE_FAULT 14
#define LINUX_TRAP_NO_UNDEF	 6
#define LINUX_FSR_WRITE		 (1u << 11)
#define LINUX_FSR_LNX_PF	 (1u << 31) /* set in error_code for an instruction fetch */
#define LINUX_DUMMY_MAGIC	 0xb0d9ed01u
#define LINUX_IWMMXT_MAGIC	 0x12ef842au
#define LINUX_VFP_MAGIC		 0x56465001u
#define LINUX_VFP_STORAGE_SIZE	 288 /* sizeof(struct linux_vfp_sigframe) */
#define LINUX_UC_REGSPACE_WORDS	 128

/* The CPSR bits a handler's saved context shows: USR mode, ARM or Thumb state. */
#define LINUX_PSR_MODE_MASK 0x1f
#define LINUX_PSR_USR_MODE  0x10
#define LINUX_PSR_T_BIT	    0x20

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A 64-bit signal set: bit (n - 1) for signal n; rt_* calls want sigsetsize 8. */
typedef struct {
	unsigned long sig[2];
} linux_sigset_t;

/*
 * rt_sigaction(sig, act, oact, 8)'s structure on ARM: the handler (or sa_sigaction), the
 * flags, the restorer (a function that makes the sigreturn/rt_sigreturn call: used when
 * SA_RESTORER is set, otherwise the kernel's own return code runs), then the 64-bit mask.
 */
struct linux_kernel_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	linux_sigset_t mask;
};

/* sigaction (67)'s structure, with a 32-bit mask and the restorer last. */
struct linux_old_sigaction {
	void *handler;
	unsigned long mask;
	unsigned long flags;
	void *restorer;
};

union linux_sigval {
	int sival_int;
	void *sival_ptr;
};

/* The members of siginfo_t's union (Linux's union __sifields): which one is meant depends on
 * the signal and si_code. */
union linux_sifields {
	struct { /* SI_USER, SI_TKILL */
		int pid;
		unsigned int uid;
	} kill;
	struct { /* SI_TIMER */
		int tid;
		int overrun;
		union linux_sigval sigval;
		int sys_private; /* the kernel's: not for the application */
	} timer;
	struct { /* SI_QUEUE, SIGRTMIN..SIGRTMAX from rt_sigqueueinfo */
		int pid;
		unsigned int uid;
		union linux_sigval sigval;
	} rt;
	struct { /* SIGCHLD */
		int pid;
		unsigned int uid;
		int status;
		long utime, stime;
	} sigchld;
	struct { /* SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP */
		void *addr;
		short addr_lsb;
	} fault;
	struct { /* SIGPOLL */
		long band;
		int fd;
	} poll;
	struct { /* SIGSYS */
		void *call_addr;
		int syscall;
		unsigned int arch;
	} sys;
};

/* siginfo_t: 128 bytes; si_errno comes before si_code on ARM. */
struct linux_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		union linux_sifields fields;
		int pad[(LINUX_SI_MAX_SIZE - 3 * sizeof(int)) / sizeof(int)];
	};
};

/* timer_create's struct sigevent: 64 bytes. */
struct linux_sigevent {
	union linux_sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int pad[(LINUX_SIGEV_MAX_SIZE - 2 * sizeof(int) - sizeof(union linux_sigval)) /
			sizeof(int)];
		int tid; /* SIGEV_THREAD_ID */
	} un;
};

/* sigaltstack's stack_t (and ucontext's uc_stack). */
struct linux_stack {
	void *ss_sp;
	int ss_flags;
	unsigned long ss_size;
};

/* The registers as the interrupted code had them (glibc's mcontext_t). */
struct linux_sigcontext {
	unsigned long trap_no;
	unsigned long error_code;
	unsigned long oldmask; /* signals 1-32 of the mask before the handler */
	unsigned long arm_r0;
	unsigned long arm_r1;
	unsigned long arm_r2;
	unsigned long arm_r3;
	unsigned long arm_r4;
	unsigned long arm_r5;
	unsigned long arm_r6;
	unsigned long arm_r7;
	unsigned long arm_r8;
	unsigned long arm_r9;
	unsigned long arm_r10;
	unsigned long arm_fp;
	unsigned long arm_ip;
	unsigned long arm_sp;
	unsigned long arm_lr;
	unsigned long arm_pc;
	unsigned long arm_cpsr;
	unsigned long fault_address;
};

/*
 * The ucontext of the signal frame: 744 bytes. The mask is the kernel's 64 bits followed by
 * room for glibc's 1024-bit sigset_t; uc_regspace starts 8-byte aligned (offset 232).
 */
struct linux_ucontext {
	unsigned long uc_flags; /* 0 in an rt frame */
	struct linux_ucontext *uc_link;
	struct linux_stack uc_stack;
	struct linux_sigcontext uc_mcontext;
	linux_sigset_t uc_sigmask; /* the mask to restore on return */
	int unused[32 - sizeof(linux_sigset_t) / sizeof(int)];
	unsigned long uc_regspace[LINUX_UC_REGSPACE_WORDS] __attribute__((aligned(8)));
};

/* The VFP record in uc_regspace: d0-d31 and FPSCR, then the exception registers. */
struct linux_user_vfp {
	unsigned long long fpregs[32];
	unsigned long fpscr;
};
struct linux_user_vfp_exc {
	unsigned long fpexc;
	unsigned long fpinst;
	unsigned long fpinst2;
};
struct linux_vfp_sigframe {
	unsigned long magic; /* LINUX_VFP_MAGIC */
	unsigned long size;  /* LINUX_VFP_STORAGE_SIZE */
	struct linux_user_vfp ufp;
	struct linux_user_vfp_exc ufp_exc;
} __attribute__((aligned(8)));

/*
 * The frames on the stack (arch/arm/kernel/signal.h). A handler without SA_SIGINFO gets a
 * struct linux_sigframe at its sp and returns with sigreturn (119); an SA_SIGINFO handler gets
 * a struct linux_rt_sigframe (r1 = &info, r2 = &sig.uc) and returns with rt_sigreturn (173).
 * Either frame sits at (sp - sizeof(frame)) & ~7, sp being the interrupted sp or, with
 * SA_ONSTACK and an alternate stack not in use, ss_sp + ss_size. lr = the restorer with
 * SA_RESTORER, else the return code in the sigpage; without SA_RESTORER the return code's two
 * words are also written at retcode (Linux 6.1 keeps doing so for the ABI).
 */
struct linux_sigframe {
	struct linux_ucontext uc;
	unsigned long retcode[4];
};
struct linux_rt_sigframe {
	struct linux_siginfo info;
	struct linux_sigframe sig;
};

/* setitimer's and getitimer's struct itimerval: two 32-bit struct timevals. */
struct linux_itimerval {
	struct {
		int32_t tv_sec, tv_usec;
	} it_interval, it_value;
};

/* timer_settime's and timer_gettime's struct itimerspec: 32-bit, and the _time64 calls'. */
struct linux_itimerspec32 {
	struct {
		int32_t tv_sec, tv_nsec;
	} it_interval, it_value;
};
struct linux_itimerspec64 {
	struct {
		int64_t tv_sec, tv_nsec;
	} it_interval, it_value;
};

/* The sizes and offsets are the ABI (32-bit ARM's): uapi_check.c compares them with Linux's
 * headers too. */
#if __SIZEOF_POINTER__ == 4
_Static_assert(sizeof(linux_sigset_t) == LINUX_NSIG_BYTES, "sigset");
_Static_assert(sizeof(struct linux_kernel_sigaction) == 20, "kernel sigaction");
_Static_assert(__builtin_offsetof(struct linux_kernel_sigaction, mask) == 12, "sa_mask");
_Static_assert(sizeof(struct linux_old_sigaction) == 16, "old sigaction");
_Static_assert(sizeof(struct linux_siginfo) == LINUX_SI_MAX_SIZE, "siginfo");
_Static_assert(__builtin_offsetof(struct linux_siginfo, si_code) == 8, "si_code");
_Static_assert(__builtin_offsetof(struct linux_siginfo, fields.kill.uid) == 16, "si_uid");
_Static_assert(__builtin_offsetof(struct linux_siginfo, fields.rt.sigval) == 20, "si_value");
_Static_assert(__builtin_offsetof(struct linux_siginfo, fields.timer.sigval) == 20, "timer");
_Static_assert(__builtin_offsetof(struct linux_siginfo, fields.fault.addr) == 12, "si_addr");
_Static_assert(sizeof(struct linux_sigevent) == LINUX_SIGEV_MAX_SIZE, "sigevent");
_Static_assert(sizeof(struct linux_stack) == 12, "stack_t");
_Static_assert(sizeof(struct linux_sigcontext) == 84, "sigcontext");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, arm_pc) == 72, "arm_pc");
_Static_assert(__builtin_offsetof(struct linux_ucontext, uc_mcontext) == 20, "uc_mcontext");
_Static_assert(__builtin_offsetof(struct linux_ucontext, uc_sigmask) == 104, "uc_sigmask");
_Static_assert(__builtin_offsetof(struct linux_ucontext, uc_regspace) == 232, "uc_regspace");
_Static_assert(sizeof(struct linux_ucontext) == 744, "ucontext");
_Static_assert(sizeof(struct linux_vfp_sigframe) == LINUX_VFP_STORAGE_SIZE, "VFP record");
_Static_assert(__builtin_offsetof(struct linux_vfp_sigframe, ufp.fpscr) == 264, "fpscr");
_Static_assert(__builtin_offsetof(struct linux_vfp_sigframe, ufp_exc) == 272, "fpexc");
_Static_assert(sizeof(struct linux_sigframe) == 760, "sigframe");
_Static_assert(sizeof(struct linux_rt_sigframe) == 888, "rt_sigframe");
_Static_assert(__builtin_offsetof(struct linux_rt_sigframe, sig.uc) == 128, "rt uc");
_Static_assert(sizeof(struct linux_itimerval) == 16, "itimerval");
_Static_assert(sizeof(struct linux_itimerspec64) == 32, "itimerspec64");
#endif

#endif /* __ASSEMBLER__ */
#endif
