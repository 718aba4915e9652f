/*
 * The C library's side of signals (issue 13, libc-glue/signal, docs/libc.md "Signals"): what
 * <signal.h>, <ucontext.h> and <setjmp.h> define and what needs no signal delivery, checked
 * against glibc's results on the Linux peer (ALL=1 /work/shared/peer/linux/run-c.sh
 * tests/qemu/libc/signal_api.c): the signal numbers and flags are Linux's
 * (runtime/uapi-signal.h), the structures have the kernel's layout, the signal-set functions
 * and their errors, strsignal's and psignal's words, sigsetjmp/siglongjmp (d8-d15 survive, the
 * mask comes back when saved), _setjmp/_longjmp, the errors the C library gives itself
 * (signal 0, libc's own signals 32 and 33, SIG_ERR as a handler, EOVERFLOW of a 64-bit
 * setitimer), sigaction's SA_RESTORER and restorer, raise/kill with signal 0 and 65.
 *
 * Checks that need the kernel's signal calls (rt_sigaction, rt_sigprocmask, setitimer, ...)
 * run when the call exists and are listed as skipped while it is ENOSYS. One line per failing
 * case, "signal_api.<case>: FAIL ...", then "signal_api.summary: N passed, M failed, K
 * skipped"; the exit status is non-zero when anything failed. With the argument "abort" the
 * program calls abort() instead: the status is 134, 128 + SIGABRT.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sigisemptyset, sigorset, sigandset, sigabbrev_np, sigdescr_np */
#endif
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "../../../runtime/uapi-signal.h"

#ifndef sigev_notify_thread_id /* older glibc (2.36) has only the member's name */
#define sigev_notify_thread_id _sigev_un._tid
#endif

static int passed, failed, skipped;
static char skip_list[512];

#define CHECK(id, cond, ...)                                                                       \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			printf("signal_api.%s: FAIL ", id);                                        \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)
#define CHECK_EQ(id, got, want)                                                                    \
	do {                                                                                       \
		long long _g = (long long)(got), _w = (long long)(want);                           \
		CHECK(id, _g == _w, "got %lld want %lld", _g, _w);                                 \
	} while (0)
/* A call that must fail with -1 and errno e. */
#define CHECK_ERR(id, call, e)                                                                     \
	do {                                                                                       \
		long _r;                                                                           \
		int _e;                                                                            \
		errno = 0;                                                                         \
		_r = (long)(call);                                                                 \
		_e = errno;                                                                        \
		CHECK(id, _r == -1 && _e == (e), "got %ld/%s want -1/%s", _r, strerror(_e),        \
		      strerror(e));                                                                \
	} while (0)
#define CHECK_STR(id, got, want)                                                                   \
	do {                                                                                       \
		const char *_g = (got), *_w = (want);                                              \
		CHECK(id, _g && !strcmp(_g, _w), "got <%s> want <%s>", _g ? _g : "(null)", _w);    \
	} while (0)

static void skip(const char *id)
{
	skipped++;
	if (strlen(skip_list) + strlen(id) + 2 < sizeof(skip_list)) {
		strcat(skip_list, " ");
		strcat(skip_list, id);
	}
}

/* The kernel words of a set: what libc-glue's sigset_t is, and glibc's first two longs. */
static unsigned long word(const sigset_t *s, int i)
{
	unsigned long w[2];

	memcpy(w, s, sizeof(w));
	return w[i];
}

static void test_numbers(void)
{
	static const struct {
		const char *name;
		int mine, want;
	} n[] = {
		{"SIGHUP", SIGHUP, LINUX_SIGHUP},
		{"SIGINT", SIGINT, LINUX_SIGINT},
		{"SIGQUIT", SIGQUIT, LINUX_SIGQUIT},
		{"SIGILL", SIGILL, LINUX_SIGILL},
		{"SIGTRAP", SIGTRAP, LINUX_SIGTRAP},
		{"SIGABRT", SIGABRT, LINUX_SIGABRT},
		{"SIGIOT", SIGIOT, LINUX_SIGABRT},
		{"SIGBUS", SIGBUS, LINUX_SIGBUS},
		{"SIGFPE", SIGFPE, LINUX_SIGFPE},
		{"SIGKILL", SIGKILL, LINUX_SIGKILL},
		{"SIGUSR1", SIGUSR1, LINUX_SIGUSR1},
		{"SIGSEGV", SIGSEGV, LINUX_SIGSEGV},
		{"SIGUSR2", SIGUSR2, LINUX_SIGUSR2},
		{"SIGPIPE", SIGPIPE, LINUX_SIGPIPE},
		{"SIGALRM", SIGALRM, LINUX_SIGALRM},
		{"SIGTERM", SIGTERM, LINUX_SIGTERM},
		{"SIGSTKFLT", SIGSTKFLT, LINUX_SIGSTKFLT},
		{"SIGCHLD", SIGCHLD, LINUX_SIGCHLD},
		{"SIGCLD", SIGCLD, LINUX_SIGCHLD},
		{"SIGCONT", SIGCONT, LINUX_SIGCONT},
		{"SIGSTOP", SIGSTOP, LINUX_SIGSTOP},
		{"SIGTSTP", SIGTSTP, LINUX_SIGTSTP},
		{"SIGTTIN", SIGTTIN, LINUX_SIGTTIN},
		{"SIGTTOU", SIGTTOU, LINUX_SIGTTOU},
		{"SIGURG", SIGURG, LINUX_SIGURG},
		{"SIGXCPU", SIGXCPU, LINUX_SIGXCPU},
		{"SIGXFSZ", SIGXFSZ, LINUX_SIGXFSZ},
		{"SIGVTALRM", SIGVTALRM, LINUX_SIGVTALRM},
		{"SIGPROF", SIGPROF, LINUX_SIGPROF},
		{"SIGWINCH", SIGWINCH, LINUX_SIGWINCH},
		{"SIGIO", SIGIO, LINUX_SIGIO},
		{"SIGPOLL", SIGPOLL, LINUX_SIGIO},
		{"SIGPWR", SIGPWR, LINUX_SIGPWR},
		{"SIGSYS", SIGSYS, LINUX_SIGSYS},
		{"NSIG", NSIG, LINUX_NSIG + 1},
		{"_NSIG", _NSIG, LINUX_NSIG + 1},
		{"SA_NOCLDSTOP", SA_NOCLDSTOP, LINUX_SA_NOCLDSTOP},
		{"SA_NOCLDWAIT", SA_NOCLDWAIT, LINUX_SA_NOCLDWAIT},
		{"SA_SIGINFO", SA_SIGINFO, LINUX_SA_SIGINFO},
		{"SA_ONSTACK", SA_ONSTACK, LINUX_SA_ONSTACK},
		{"SA_RESTART", SA_RESTART, LINUX_SA_RESTART},
		{"SA_NODEFER", SA_NODEFER, LINUX_SA_NODEFER},
		{"SA_RESETHAND", (int)SA_RESETHAND, (int)LINUX_SA_RESETHAND},
		{"SA_NOMASK", SA_NOMASK, LINUX_SA_NODEFER},
		{"SA_ONESHOT", (int)SA_ONESHOT, (int)LINUX_SA_RESETHAND},
		{"SIG_BLOCK", SIG_BLOCK, LINUX_SIG_BLOCK},
		{"SIG_UNBLOCK", SIG_UNBLOCK, LINUX_SIG_UNBLOCK},
		{"SIG_SETMASK", SIG_SETMASK, LINUX_SIG_SETMASK},
		{"SS_ONSTACK", SS_ONSTACK, LINUX_SS_ONSTACK},
		{"SS_DISABLE", SS_DISABLE, LINUX_SS_DISABLE},
		{"SI_USER", SI_USER, LINUX_SI_USER},
		{"SI_KERNEL", SI_KERNEL, LINUX_SI_KERNEL},
		{"SI_QUEUE", SI_QUEUE, LINUX_SI_QUEUE},
		{"SI_TIMER", SI_TIMER, LINUX_SI_TIMER},
		{"SI_MESGQ", SI_MESGQ, LINUX_SI_MESGQ},
		{"SI_ASYNCIO", SI_ASYNCIO, LINUX_SI_ASYNCIO},
		{"SI_SIGIO", SI_SIGIO, LINUX_SI_SIGIO},
		{"SI_TKILL", SI_TKILL, LINUX_SI_TKILL},
		{"ILL_ILLOPC", ILL_ILLOPC, LINUX_ILL_ILLOPC},
		{"ILL_PRVOPC", ILL_PRVOPC, LINUX_ILL_PRVOPC},
		{"ILL_BADSTK", ILL_BADSTK, LINUX_ILL_BADSTK},
		{"FPE_INTDIV", FPE_INTDIV, LINUX_FPE_INTDIV},
		{"FPE_FLTSUB", FPE_FLTSUB, LINUX_FPE_FLTSUB},
		{"SEGV_MAPERR", SEGV_MAPERR, LINUX_SEGV_MAPERR},
		{"SEGV_ACCERR", SEGV_ACCERR, LINUX_SEGV_ACCERR},
		{"BUS_ADRALN", BUS_ADRALN, LINUX_BUS_ADRALN},
		{"BUS_ADRERR", BUS_ADRERR, LINUX_BUS_ADRERR},
		{"BUS_OBJERR", BUS_OBJERR, LINUX_BUS_OBJERR},
		{"TRAP_BRKPT", TRAP_BRKPT, LINUX_TRAP_BRKPT},
		{"TRAP_TRACE", TRAP_TRACE, LINUX_TRAP_TRACE},
		{"CLD_EXITED", CLD_EXITED, LINUX_CLD_EXITED},
		{"CLD_DUMPED", CLD_DUMPED, LINUX_CLD_DUMPED},
		{"SIGEV_SIGNAL", SIGEV_SIGNAL, LINUX_SIGEV_SIGNAL},
		{"SIGEV_NONE", SIGEV_NONE, LINUX_SIGEV_NONE},
		{"SIGEV_THREAD", SIGEV_THREAD, LINUX_SIGEV_THREAD},
		{"SIGEV_THREAD_ID", SIGEV_THREAD_ID, LINUX_SIGEV_THREAD_ID},
		{"ITIMER_REAL", ITIMER_REAL, LINUX_ITIMER_REAL},
		{"ITIMER_VIRTUAL", ITIMER_VIRTUAL, LINUX_ITIMER_VIRTUAL},
		{"ITIMER_PROF", ITIMER_PROF, LINUX_ITIMER_PROF},
		{"TIMER_ABSTIME", TIMER_ABSTIME, 1},
	};
	char id[64];

	for (unsigned i = 0; i < sizeof(n) / sizeof(n[0]); i++) {
		snprintf(id, sizeof(id), "value.%s", n[i].name);
		CHECK_EQ(id, n[i].mine, n[i].want);
	}
	/* Not constants in glibc (function calls, sysconf with _GNU_SOURCE). */
	CHECK_EQ("value.SIGRTMIN", SIGRTMIN, LINUX_SIGRTMIN + 2);
	CHECK_EQ("value.SIGRTMAX", SIGRTMAX, LINUX_SIGRTMAX);
#ifdef __linux__
	/* glibc's _GNU_SOURCE makes them sysconf's answers, which may be larger. */
	CHECK("value.MINSIGSTKSZ", MINSIGSTKSZ >= LINUX_MINSIGSTKSZ, "%ld", (long)MINSIGSTKSZ);
	CHECK("value.SIGSTKSZ", SIGSTKSZ >= LINUX_SIGSTKSZ, "%ld", (long)SIGSTKSZ);
#else
	CHECK_EQ("value.MINSIGSTKSZ", MINSIGSTKSZ, LINUX_MINSIGSTKSZ);
	CHECK_EQ("value.SIGSTKSZ", SIGSTKSZ, LINUX_SIGSTKSZ);
#endif
	CHECK("value.SIG_DFL", (long)SIG_DFL == LINUX_SIG_DFL, "%p", (void *)SIG_DFL);
	CHECK("value.SIG_IGN", (long)SIG_IGN == LINUX_SIG_IGN, "%p", (void *)SIG_IGN);
	CHECK("value.SIG_ERR", (long)SIG_ERR == LINUX_SIG_ERR, "%p", (void *)SIG_ERR);
	CHECK_EQ("value.sig_atomic_t", sizeof(sig_atomic_t), sizeof(int));
}

#define OFF(id, s, f, want) CHECK_EQ("layout." id, offsetof(s, f), want)

static void test_layouts(void)
{
	CHECK_EQ("layout.siginfo_size", sizeof(siginfo_t), sizeof(struct linux_siginfo));
	OFF("si_signo", siginfo_t, si_signo, offsetof(struct linux_siginfo, si_signo));
	OFF("si_errno", siginfo_t, si_errno, offsetof(struct linux_siginfo, si_errno));
	OFF("si_code", siginfo_t, si_code, offsetof(struct linux_siginfo, si_code));
	OFF("si_pid", siginfo_t, si_pid, offsetof(struct linux_siginfo, fields.kill.pid));
	OFF("si_uid", siginfo_t, si_uid, offsetof(struct linux_siginfo, fields.kill.uid));
	CHECK_EQ("layout.si_uid_size", sizeof(((siginfo_t *)0)->si_uid), 4);
	OFF("si_value", siginfo_t, si_value, offsetof(struct linux_siginfo, fields.rt.sigval));
	OFF("si_int", siginfo_t, si_int, offsetof(struct linux_siginfo, fields.rt.sigval));
	OFF("si_ptr", siginfo_t, si_ptr, offsetof(struct linux_siginfo, fields.rt.sigval));
	OFF("si_overrun", siginfo_t, si_overrun,
	    offsetof(struct linux_siginfo, fields.timer.overrun));
	OFF("si_timerid", siginfo_t, si_timerid, offsetof(struct linux_siginfo, fields.timer.tid));
	OFF("si_status", siginfo_t, si_status,
	    offsetof(struct linux_siginfo, fields.sigchld.status));
	OFF("si_addr", siginfo_t, si_addr, offsetof(struct linux_siginfo, fields.fault.addr));
	OFF("si_band", siginfo_t, si_band, offsetof(struct linux_siginfo, fields.poll.band));
	OFF("si_fd", siginfo_t, si_fd, offsetof(struct linux_siginfo, fields.poll.fd));

	CHECK_EQ("layout.sigevent_size", sizeof(struct sigevent), sizeof(struct linux_sigevent));
	OFF("sigev_value", struct sigevent, sigev_value,
	    offsetof(struct linux_sigevent, sigev_value));
	OFF("sigev_signo", struct sigevent, sigev_signo,
	    offsetof(struct linux_sigevent, sigev_signo));
	OFF("sigev_notify", struct sigevent, sigev_notify,
	    offsetof(struct linux_sigevent, sigev_notify));
	OFF("sigev_notify_thread_id", struct sigevent, sigev_notify_thread_id,
	    offsetof(struct linux_sigevent, un.tid));
	OFF("sigev_notify_function", struct sigevent, sigev_notify_function,
	    offsetof(struct linux_sigevent, un));

	CHECK_EQ("layout.stack_t_size", sizeof(stack_t), sizeof(struct linux_stack));
	OFF("ss_sp", stack_t, ss_sp, offsetof(struct linux_stack, ss_sp));
	OFF("ss_flags", stack_t, ss_flags, offsetof(struct linux_stack, ss_flags));
	OFF("ss_size", stack_t, ss_size, offsetof(struct linux_stack, ss_size));

	CHECK_EQ("layout.ucontext_size", sizeof(ucontext_t), sizeof(struct linux_ucontext));
	OFF("uc_flags", ucontext_t, uc_flags, offsetof(struct linux_ucontext, uc_flags));
	OFF("uc_link", ucontext_t, uc_link, offsetof(struct linux_ucontext, uc_link));
	OFF("uc_stack", ucontext_t, uc_stack, offsetof(struct linux_ucontext, uc_stack));
	OFF("uc_mcontext", ucontext_t, uc_mcontext, offsetof(struct linux_ucontext, uc_mcontext));
	OFF("uc_sigmask", ucontext_t, uc_sigmask, offsetof(struct linux_ucontext, uc_sigmask));
	OFF("uc_regspace", ucontext_t, uc_regspace, offsetof(struct linux_ucontext, uc_regspace));
	CHECK_EQ("layout.uc_regspace_size", sizeof(((ucontext_t *)0)->uc_regspace),
		 sizeof(((struct linux_ucontext *)0)->uc_regspace));
	CHECK_EQ("layout.mcontext_size", sizeof(mcontext_t), sizeof(struct linux_sigcontext));
	OFF("trap_no", mcontext_t, trap_no, offsetof(struct linux_sigcontext, trap_no));
	OFF("error_code", mcontext_t, error_code, offsetof(struct linux_sigcontext, error_code));
	OFF("oldmask", mcontext_t, oldmask, offsetof(struct linux_sigcontext, oldmask));
	OFF("arm_r0", mcontext_t, arm_r0, offsetof(struct linux_sigcontext, arm_r0));
	OFF("arm_r10", mcontext_t, arm_r10, offsetof(struct linux_sigcontext, arm_r10));
	OFF("arm_fp", mcontext_t, arm_fp, offsetof(struct linux_sigcontext, arm_fp));
	OFF("arm_ip", mcontext_t, arm_ip, offsetof(struct linux_sigcontext, arm_ip));
	OFF("arm_sp", mcontext_t, arm_sp, offsetof(struct linux_sigcontext, arm_sp));
	OFF("arm_lr", mcontext_t, arm_lr, offsetof(struct linux_sigcontext, arm_lr));
	OFF("arm_pc", mcontext_t, arm_pc, offsetof(struct linux_sigcontext, arm_pc));
	OFF("arm_cpsr", mcontext_t, arm_cpsr, offsetof(struct linux_sigcontext, arm_cpsr));
	OFF("fault_address", mcontext_t, fault_address,
	    offsetof(struct linux_sigcontext, fault_address));
	CHECK_EQ("layout.sigcontext_size", sizeof(struct sigcontext),
		 sizeof(struct linux_sigcontext));

	/* struct sigaction: glibc's order (the sizes differ with the size of sigset_t). */
	OFF("sa_handler", struct sigaction, sa_handler, 0);
	OFF("sa_sigaction", struct sigaction, sa_sigaction, 0);
	OFF("sa_mask", struct sigaction, sa_mask, 4);
	OFF("sa_flags", struct sigaction, sa_flags, 4 + sizeof(sigset_t));
	OFF("sa_restorer", struct sigaction, sa_restorer, 8 + sizeof(sigset_t));
}

static void test_sets(void)
{
	sigset_t s, t, u;
	sigset_t *volatile none = NULL;
	int all = 1;

	CHECK_EQ("set.empty", sigemptyset(&s), 0);
	for (int sig = 1; sig <= 64; sig++)
		all &= sigismember(&s, sig) == 0;
	CHECK("set.empty_has_none", all, "a signal is a member");
	CHECK_EQ("set.isempty", sigisemptyset(&s), 1);
	CHECK_EQ("set.add_usr1", sigaddset(&s, SIGUSR1), 0);
	CHECK_EQ("set.add_64", sigaddset(&s, 64), 0);
	CHECK_EQ("set.member_usr1", sigismember(&s, SIGUSR1), 1);
	CHECK_EQ("set.member_64", sigismember(&s, 64), 1);
	CHECK_EQ("set.member_usr2", sigismember(&s, SIGUSR2), 0);
	CHECK_EQ("set.not_empty", sigisemptyset(&s), 0);
	/* The kernel's words: bit n - 1 for signal n. */
	CHECK_EQ("set.word0", word(&s, 0), 1UL << (SIGUSR1 - 1));
	CHECK_EQ("set.word1", word(&s, 1), 1UL << 31);
	CHECK_EQ("set.del_usr1", sigdelset(&s, SIGUSR1), 0);
	CHECK_EQ("set.deleted", sigismember(&s, SIGUSR1), 0);
	CHECK_EQ("set.del_absent", sigdelset(&s, SIGUSR2), 0);

	/* sigfillset: every signal but the C library's own 32 and 33 (glibc's too). */
	CHECK_EQ("set.fill", sigfillset(&s), 0);
	all = 1;
	for (int sig = 1; sig <= 64; sig++)
		if (sig != 32 && sig != 33)
			all &= sigismember(&s, sig) == 1;
	CHECK("set.fill_has_all", all, "a signal is missing");
	CHECK_EQ("set.fill_not_32", sigismember(&s, 32), 0);
	CHECK_EQ("set.fill_not_33", sigismember(&s, 33), 0);
	CHECK_EQ("set.fill_has_kill", sigismember(&s, SIGKILL), 1);

	/* Errors: no signal 0 or 65, and 32/33 are not the application's to add or delete. */
	sigemptyset(&s);
	CHECK_ERR("set.add_0", sigaddset(&s, 0), EINVAL);
	CHECK_ERR("set.add_65", sigaddset(&s, 65), EINVAL);
	CHECK_ERR("set.add_neg", sigaddset(&s, -1), EINVAL);
	CHECK_ERR("set.add_32", sigaddset(&s, 32), EINVAL);
	CHECK_ERR("set.add_33", sigaddset(&s, 33), EINVAL);
	CHECK_ERR("set.del_0", sigdelset(&s, 0), EINVAL);
	CHECK_ERR("set.del_65", sigdelset(&s, 65), EINVAL);
	CHECK_ERR("set.del_32", sigdelset(&s, 32), EINVAL);
	CHECK_ERR("set.member_0", sigismember(&s, 0), EINVAL);
	CHECK_ERR("set.member_65", sigismember(&s, 65), EINVAL);
	CHECK_EQ("set.member_32", sigismember(&s, 32), 0);
	CHECK("set.errors_changed_nothing", sigisemptyset(&s) == 1, "the set changed");
	CHECK_ERR("set.empty_null", sigemptyset(none), EINVAL);
	CHECK_ERR("set.fill_null", sigfillset(none), EINVAL);

	/* GNU: or and and. */
	sigemptyset(&s);
	sigemptyset(&t);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGRTMIN);
	sigaddset(&t, SIGRTMIN);
	sigaddset(&t, SIGTERM);
	CHECK_EQ("set.or", sigorset(&u, &s, &t), 0);
	CHECK("set.or_members",
	      sigismember(&u, SIGINT) == 1 && sigismember(&u, SIGRTMIN) == 1 &&
		      sigismember(&u, SIGTERM) == 1 && sigismember(&u, SIGHUP) == 0,
	      "words %08lx %08lx", word(&u, 0), word(&u, 1));
	CHECK_EQ("set.and", sigandset(&u, &s, &t), 0);
	CHECK("set.and_members",
	      sigismember(&u, SIGRTMIN) == 1 && sigismember(&u, SIGINT) == 0 &&
		      sigismember(&u, SIGTERM) == 0,
	      "words %08lx %08lx", word(&u, 0), word(&u, 1));
}

static void test_names(void)
{
	static const char *const descr[32] = {
		NULL,
		"Hangup",
		"Interrupt",
		"Quit",
		"Illegal instruction",
		"Trace/breakpoint trap",
		"Aborted",
		"Bus error",
		"Floating point exception",
		"Killed",
		"User defined signal 1",
		"Segmentation fault",
		"User defined signal 2",
		"Broken pipe",
		"Alarm clock",
		"Terminated",
		"Stack fault",
		"Child exited",
		"Continued",
		"Stopped (signal)",
		"Stopped",
		"Stopped (tty input)",
		"Stopped (tty output)",
		"Urgent I/O condition",
		"CPU time limit exceeded",
		"File size limit exceeded",
		"Virtual timer expired",
		"Profiling timer expired",
		"Window changed",
		"I/O possible",
		"Power failure",
		"Bad system call",
	};
	static const char *const abbrev[32] = {
		NULL,	  "HUP",  "INT",    "QUIT", "ILL",   "TRAP", "ABRT", "BUS",
		"FPE",	  "KILL", "USR1",   "SEGV", "USR2",  "PIPE", "ALRM", "TERM",
		"STKFLT", "CHLD", "CONT",   "STOP", "TSTP",  "TTIN", "TTOU", "URG",
		"XCPU",	  "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR",  "SYS",
	};
	char id[48], buf[128];
	FILE *saved, *mem;

	for (int sig = 1; sig < 32; sig++) {
		snprintf(id, sizeof(id), "strsignal.%d", sig);
		CHECK_STR(id, strsignal(sig), descr[sig]);
		snprintf(id, sizeof(id), "sigdescr_np.%d", sig);
		CHECK_STR(id, sigdescr_np(sig), descr[sig]);
		snprintf(id, sizeof(id), "sigabbrev_np.%d", sig);
		CHECK_STR(id, sigabbrev_np(sig), abbrev[sig]);
	}
	CHECK_STR("strsignal.rtmin", strsignal(SIGRTMIN), "Real-time signal 0");
	CHECK_STR("strsignal.rtmin_6", strsignal(SIGRTMIN + 6), "Real-time signal 6");
	CHECK_STR("strsignal.rtmax", strsignal(SIGRTMAX), "Real-time signal 30");
	CHECK_STR("strsignal.0", strsignal(0), "Unknown signal 0");
	CHECK_STR("strsignal.32", strsignal(32), "Unknown signal 32");
	CHECK_STR("strsignal.33", strsignal(33), "Unknown signal 33");
	CHECK_STR("strsignal.65", strsignal(65), "Unknown signal 65");
	CHECK_STR("strsignal.neg", strsignal(-7), "Unknown signal -7");
	CHECK("sigdescr_np.0", sigdescr_np(0) == NULL, "not NULL");
	CHECK("sigdescr_np.rtmin", sigdescr_np(SIGRTMIN) == NULL, "not NULL");
	CHECK("sigabbrev_np.65", sigabbrev_np(65) == NULL, "not NULL");

	/* psignal writes to stderr: a memory stream in its place. */
	const struct {
		int sig;
		const char *s, *want;
	} ps[] = {
		{SIGSEGV, "prefix", "prefix: Segmentation fault\n"},
		{SIGINT, NULL, "Interrupt\n"},
		{SIGINT, "", "Interrupt\n"},
		{SIGRTMIN + 6, "rt", "rt: Unknown signal 40\n"},
		{0, "zero", "zero: Unknown signal 0\n"},
	};
	for (unsigned i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		memset(buf, 0, sizeof(buf));
		mem = fmemopen(buf, sizeof(buf) - 1, "w");
		if (!mem) {
			skip("psignal");
			return;
		}
		saved = stderr;
		stderr = mem;
		psignal(ps[i].sig, ps[i].s);
		stderr = saved;
		fclose(mem);
		snprintf(id, sizeof(id), "psignal.%u", i);
		CHECK_STR(id, buf, ps[i].want);
	}
}

/* sigsetjmp/siglongjmp without the kernel's mask calls: savemask 0. */
static sigjmp_buf jb;
static jmp_buf plain_jb;
static volatile int depth;

static __attribute__((noinline)) void jump_from(int levels, int val)
{
	depth++;
	if (levels > 0)
		jump_from(levels - 1, val);
	siglongjmp(jb, val);
}

/* d8-d15 are callee-saved: a value the caller keeps there across sigsetjmp comes back. */
static __attribute__((noinline)) void clobber_vfp_and_jump(void)
{
	__asm__ volatile("vmov.f64 d8, #-2.0\n\tvmov.f64 d15, #-2.0" ::: "d8", "d15");
	siglongjmp(jb, 1);
}

static __attribute__((noinline)) int vfp_survives(double *d8, double *d15)
{
	double a, b;

	__asm__ volatile("vmov.f64 d8, #1.5\n\tvmov.f64 d15, #0.5" ::: "d8", "d15");
	if (sigsetjmp(jb, 0) == 0)
		clobber_vfp_and_jump();
	__asm__ volatile("vmov.f64 %P0, d8\n\tvmov.f64 %P1, d15" : "=w"(a), "=w"(b));
	*d8 = a;
	*d15 = b;
	return a == 1.5 && b == 0.5;
}

static void test_jumps(void)
{
	volatile int stage = 0;
	int r;
	double d8 = 0, d15 = 0;

	depth = 0;
	r = sigsetjmp(jb, 0);
	if (r == 0) {
		stage = 1;
		jump_from(5, 42);
		stage = 99;
	}
	CHECK("sigsetjmp.value", r == 42 && stage == 1 && depth == 6,
	      "returned %d, stage %d, depth %d", r, stage, depth);
	r = sigsetjmp(jb, 0);
	if (r == 0)
		jump_from(0, 0);
	CHECK_EQ("sigsetjmp.zero_is_one", r, 1);
	CHECK("sigsetjmp.vfp_d8_d15", vfp_survives(&d8, &d15), "d8 %g d15 %g, want 1.5 0.5", d8,
	      d15);

	r = _setjmp(plain_jb);
	if (r == 0) {
		stage = 2;
		_longjmp(plain_jb, 7);
	}
	CHECK("setjmp._longjmp", r == 7 && stage == 2, "returned %d, stage %d", r, stage);
	r = setjmp(plain_jb);
	if (r == 0)
		longjmp(plain_jb, 3);
	CHECK_EQ("setjmp.longjmp", r, 3);
}

/* With the kernel's rt_sigprocmask: sigsetjmp(env, 1) saves the mask, siglongjmp restores
 * it; with savemask 0 it stays as it was at the jump. */
static void test_jump_masks(void)
{
	sigset_t s, now;
	volatile int saved;
	int r;

	sigemptyset(&s);
	if (sigprocmask(SIG_SETMASK, &s, NULL) != 0 && errno == ENOSYS) {
		skip("sigsetjmp.mask (rt_sigprocmask)");
		return;
	}
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, NULL);
	saved = 1;
	r = sigsetjmp(jb, saved);
	if (r == 0) {
		sigaddset(&s, SIGUSR1);
		sigdelset(&s, SIGUSR2);
		sigprocmask(SIG_SETMASK, &s, NULL);
		siglongjmp(jb, 1);
	}
	sigprocmask(SIG_SETMASK, NULL, &now);
	CHECK("sigsetjmp.mask_restored",
	      sigismember(&now, SIGUSR2) == 1 && sigismember(&now, SIGUSR1) == 0,
	      "SIGUSR1 %d SIGUSR2 %d", sigismember(&now, SIGUSR1), sigismember(&now, SIGUSR2));
	r = sigsetjmp(jb, 0);
	if (r == 0) {
		sigemptyset(&s);
		sigaddset(&s, SIGTERM);
		sigprocmask(SIG_SETMASK, &s, NULL);
		siglongjmp(jb, 1);
	}
	sigprocmask(SIG_SETMASK, NULL, &now);
	CHECK("sigsetjmp.mask_not_saved",
	      sigismember(&now, SIGTERM) == 1 && sigismember(&now, SIGUSR2) == 0,
	      "SIGTERM %d SIGUSR2 %d", sigismember(&now, SIGTERM), sigismember(&now, SIGUSR2));
	/* The kernel checks how only with a set. */
	sigemptyset(&s);
	CHECK_ERR("sigprocmask.bad_how", sigprocmask(99, &s, NULL), EINVAL);
	CHECK_EQ("sigprocmask.bad_how_no_set", sigprocmask(99, NULL, &now), 0);
	CHECK_EQ("pthread_sigmask.bad_how", pthread_sigmask(99, &s, NULL), EINVAL);
	sigprocmask(SIG_SETMASK, &s, NULL);
}

static void on_usr1(int sig)
{
	(void)sig;
}

#ifndef __linux__
void __restore(void);
void __restore_rt(void);
#endif

/* The errors the C library gives before any system call, and sigaction's restorer. */
static void test_sigaction(void)
{
	struct sigaction sa, old;
	int ok;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	CHECK_ERR("sigaction.sig32", sigaction(32, &sa, NULL), EINVAL);
	CHECK_ERR("sigaction.sig33", sigaction(33, &sa, NULL), EINVAL);
	CHECK_ERR("sigaction.sig33_read", sigaction(33, NULL, &old), EINVAL);
	errno = 0;
	CHECK("signal.sig0", signal(0, on_usr1) == SIG_ERR && errno == EINVAL, "errno %s",
	      strerror(errno));
	errno = 0;
	CHECK("signal.sig65", signal(65, on_usr1) == SIG_ERR && errno == EINVAL, "errno %s",
	      strerror(errno));
	errno = 0;
	CHECK("signal.sig32", signal(32, on_usr1) == SIG_ERR && errno == EINVAL, "errno %s",
	      strerror(errno));
	errno = 0;
	CHECK("signal.sig_err_handler", signal(SIGUSR1, SIG_ERR) == SIG_ERR && errno == EINVAL,
	      "errno %s", strerror(errno));

#ifndef __linux__
	/* The return trampolines: mov r7, #119 / #173; svc #0, in ARM state. */
	{
		const uint32_t *p = (const uint32_t *)(uintptr_t)__restore;
		const uint32_t *q = (const uint32_t *)(uintptr_t)__restore_rt;

		CHECK("restorer.sigreturn", p[0] == 0xe3a07077 && p[1] == 0xef000000, "%08lx %08lx",
		      (unsigned long)p[0], (unsigned long)p[1]);
		CHECK("restorer.rt_sigreturn", q[0] == 0xe3a070ad && q[1] == 0xef000000,
		      "%08lx %08lx", (unsigned long)q[0], (unsigned long)q[1]);
	}
#endif

	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	if (sigaction(SIGUSR1, &sa, NULL) != 0 && errno == ENOSYS) {
		skip("sigaction (rt_sigaction)");
		return;
	}
	memset(&old, 0, sizeof(old));
	CHECK_EQ("sigaction.read", sigaction(SIGUSR1, NULL, &old), 0);
	CHECK("sigaction.restorer_flag", (old.sa_flags & LINUX_SA_RESTORER) != 0, "flags %#x",
	      old.sa_flags);
	CHECK("sigaction.flags", (old.sa_flags & ~LINUX_SA_RESTORER) == (SA_SIGINFO | SA_RESTART),
	      "flags %#x", old.sa_flags);
	CHECK("sigaction.restorer", old.sa_restorer != NULL, "no restorer");
#ifndef __linux__
	CHECK("sigaction.restorer_rt", old.sa_restorer == __restore_rt, "%p",
	      (void *)(uintptr_t)old.sa_restorer);
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR1, NULL, &old);
	CHECK("sigaction.restorer_plain", old.sa_restorer == __restore, "%p",
	      (void *)(uintptr_t)old.sa_restorer);
#endif
	ok = signal(SIGUSR1, SIG_DFL) != SIG_ERR;
	CHECK("signal.reset", ok, "SIG_ERR");
	CHECK_ERR("sigaction.sigkill", sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR("sigaction.sigstop", sigaction(SIGSTOP, &sa, NULL), EINVAL);
	CHECK_ERR("sigaction.sig65", sigaction(65, &sa, NULL), EINVAL);
	errno = 0;
	CHECK("signal.sigkill", signal(SIGKILL, on_usr1) == SIG_ERR && errno == EINVAL, "errno %s",
	      strerror(errno));
	ok = signal(SIGUSR2, on_usr1) == SIG_DFL;
	memset(&old, 0, sizeof(old));
	sigaction(SIGUSR2, NULL, &old);
	CHECK("signal.bsd",
	      ok && old.sa_handler == on_usr1 &&
		      (old.sa_flags & ~LINUX_SA_RESTORER) == SA_RESTART &&
		      sigismember(&old.sa_mask, SIGUSR2) == 1,
	      "first %d, flags %#x", ok, old.sa_flags);
	signal(SIGUSR2, SIG_DFL);
}

/* Signal 0 and 65 through the calls that exist today (kill, tgkill). */
static void test_send(void)
{
	CHECK_EQ("raise.sig0", raise(0), 0);
	CHECK_ERR("raise.sig65", raise(65), EINVAL);
	CHECK_EQ("kill.sig0", kill(getpid(), 0), 0);
	CHECK_ERR("kill.sig65", kill(getpid(), 65), EINVAL);
	CHECK_ERR("killpg.negative", killpg(-1, 0), EINVAL);
}

/* setitimer's 64-bit time_t (newlib's) beyond the kernel's 32-bit seconds. */
static void test_timers(void)
{
	struct itimerval it, old;

	memset(&it, 0, sizeof(it));
#ifndef __linux__
	it.it_value.tv_sec = (time_t)1 << 40;
	CHECK_ERR("setitimer.eoverflow", setitimer(ITIMER_REAL, &it, NULL), EOVERFLOW);
	it.it_value.tv_sec = 0;
#endif
	if (getitimer(ITIMER_REAL, &old) != 0 && errno == ENOSYS) {
		skip("itimers (setitimer)");
		return;
	}
	CHECK_EQ("alarm.none", alarm(0), 0);
	CHECK_EQ("alarm.set", alarm(100), 0);
	CHECK_EQ("alarm.left", alarm(0), 100);
	it.it_value.tv_sec = 50;
	it.it_value.tv_usec = 750000;
	CHECK_EQ("setitimer.set", setitimer(ITIMER_REAL, &it, NULL), 0);
	CHECK_EQ("getitimer.read", getitimer(ITIMER_REAL, &old), 0);
	CHECK("getitimer.left", old.it_value.tv_sec == 50 && old.it_value.tv_usec <= 750000,
	      "%lld s %ld us", (long long)old.it_value.tv_sec, (long)old.it_value.tv_usec);
	CHECK_EQ("alarm.rounds_up", alarm(0), 51);
	CHECK_ERR("setitimer.bad_which", setitimer(5, &it, NULL), EINVAL);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "abort")) {
		printf("signal_api: abort()\n");
		fflush(stdout);
		abort();
		printf("signal_api: abort returned\n");
		return 1;
	}
	test_numbers();
	test_layouts();
	test_sets();
	test_names();
	test_jumps();
	test_jump_masks();
	test_sigaction();
	test_send();
	test_timers();
	if (skipped)
		printf("signal_api.skipped:%s\n", skip_list);
	printf("signal_api.summary: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed != 0;
}
