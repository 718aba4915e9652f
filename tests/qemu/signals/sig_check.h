/*
 * What the signal tests (issue 13) share, on top of ../threads/thr_check.h (which brings
 * ../mm/mm_check.h's ok/FAIL lines and "N passed, M failed", errno names, raw calls, threads
 * and clocks): signal and si_code names, the runtime's signal ABI (../../../runtime/
 * uapi-signal.h: system-call numbers, kernel structures), a handler that records what it was
 * given, signal-set helpers, and sig_main(), which on Linux runs the checks in a child
 * process.
 *
 * The same sources build for uniarm (newlib with libc-glue's <signal.h>, <ucontext.h>,
 * <setjmp.h>) and for Linux (glibc on ARM, ../../../../shared/peer/linux/run-c.sh), where
 * every expectation was checked (README.md). Only POSIX names and glibc's ARM ucontext_t names
 * (uc_mcontext.arm_pc, ...) are used; what is Linux-only is behind __linux__.
 *
 * Handlers only record (into volatile globals); the checks run after they returned.
 */
#ifndef UNIARM_TESTS_SIG_CHECK_H
#define UNIARM_TESTS_SIG_CHECK_H

#include "../threads/thr_check.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>

#ifdef __linux__
/* glibc's <sys/syscall.h> (through thr_check.h) spells the numbers its own way: the runtime's
 * header takes over (the values are the same, uapi_check.c checks them). */
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
#undef __NR_timer_create
#undef __NR_timer_settime
#undef __NR_timer_gettime
#undef __NR_timer_getoverrun
#undef __NR_timer_delete
#undef __NR_clock_nanosleep
#undef __NR_signalfd
#undef __NR_signalfd4
#undef __NR_rt_tgsigqueueinfo
#undef __NR_timer_gettime64
#undef __NR_timer_settime64
#undef __NR_rt_sigtimedwait_time64
#undef __NR_pidfd_send_signal
#include <sys/wait.h>
#endif
#include "../../../runtime/uapi-signal.h"

#ifndef __arm__
#error "the signal tests are 32-bit ARM programs (uniarm, or Linux ARM: run-c.sh)"
#endif

/* Signal names, for the messages (not strsignal: its text is the C library's). */
static inline const char *signame(int sig)
{
	static const char *const names[] = {
		"0",	    "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",  "SIGTRAP",   "SIGABRT",
		"SIGBUS",   "SIGFPE",  "SIGKILL",   "SIGUSR1", "SIGSEGV", "SIGUSR2",   "SIGPIPE",
		"SIGALRM",  "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",   "SIGTSTP",
		"SIGTTIN",  "SIGTTOU", "SIGURG",    "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
		"SIGWINCH", "SIGIO",   "SIGPWR",    "SIGSYS",
	};
	static char buf[4][16];
	static unsigned next;
	char *b = buf[next++ % 4];

	if (sig >= 0 && sig < (int)(sizeof(names) / sizeof(names[0])))
		return names[sig];
	if (sig == SIGRTMIN)
		return "SIGRTMIN";
	if (sig > SIGRTMIN && sig <= SIGRTMAX)
		snprintf(b, sizeof(buf[0]), "SIGRTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(b, sizeof(buf[0]), "signal %d", sig);
	return b;
}

/* si_code by name: the user ones for any signal, the kernel's by signal. */
static inline const char *codename(int sig, int code)
{
	static char buf[4][24];
	static unsigned next;
	char *b = buf[next++ % 4];

	switch (code) {
	case LINUX_SI_USER:
		return "SI_USER";
	case LINUX_SI_KERNEL:
		return "SI_KERNEL";
	case LINUX_SI_QUEUE:
		return "SI_QUEUE";
	case LINUX_SI_TIMER:
		return "SI_TIMER";
	case LINUX_SI_TKILL:
		return "SI_TKILL";
	}
	if (sig == SIGSEGV && code == LINUX_SEGV_MAPERR)
		return "SEGV_MAPERR";
	if (sig == SIGSEGV && code == LINUX_SEGV_ACCERR)
		return "SEGV_ACCERR";
	if (sig == SIGBUS && code == LINUX_BUS_ADRALN)
		return "BUS_ADRALN";
	if (sig == SIGBUS && code == LINUX_BUS_ADRERR)
		return "BUS_ADRERR";
	if (sig == SIGILL && code == LINUX_ILL_ILLOPC)
		return "ILL_ILLOPC";
	snprintf(b, sizeof(buf[0]), "si_code %d", code);
	return b;
}

#define CHECK_SIGNO(name, got, want)                                                               \
	do {                                                                                       \
		int _g = (got), _w = (want);                                                       \
		CHECK(name, _g == _w, "got %s, expected %s", signame(_g), signame(_w));            \
	} while (0)
#define CHECK_CODE(name, sig, got, want)                                                           \
	do {                                                                                       \
		int _g = (got), _w = (want);                                                       \
		CHECK(name, _g == _w, "got %s, expected %s", codename(sig, _g),                    \
		      codename(sig, _w));                                                          \
	} while (0)
#define CHECK_PTR(name, got, want)                                                                 \
	do {                                                                                       \
		const void *_g = (const void *)(got), *_w = (const void *)(want);                  \
		CHECK(name, _g == _w, "got %p, expected %p", _g, _w);                              \
	} while (0)

/* Signal sets: the mask as the kernel's two words (bit n - 1 for signal n). */
static inline void set_words(const sigset_t *s, unsigned long w[2])
{
	w[0] = w[1] = 0;
	for (int sig = 1; sig <= LINUX_NSIG; sig++)
		if (sigismember(s, sig) == 1)
			w[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32);
}
static inline sigset_t set_of(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	if (sig > 0)
		sigaddset(&s, sig);
	return s;
}
static inline sigset_t current_mask(void)
{
	sigset_t s;

	pthread_sigmask(SIG_SETMASK, NULL, &s);
	return s;
}
static inline int blocked(int sig)
{
	sigset_t s = current_mask();

	return sigismember(&s, sig) == 1;
}
static inline int is_pending(int sig)
{
	sigset_t s;

	sigpending(&s);
	return sigismember(&s, sig) == 1;
}
static inline void block(int sig)
{
	sigset_t s = set_of(sig);

	pthread_sigmask(SIG_BLOCK, &s, NULL);
}
static inline void unblock(int sig)
{
	sigset_t s = set_of(sig);

	pthread_sigmask(SIG_UNBLOCK, &s, NULL);
}
static inline void unblock_all(void)
{
	sigset_t s;

	sigemptyset(&s);
	pthread_sigmask(SIG_SETMASK, &s, NULL);
}

/*
 * What a recording handler saw. rec_handler (SA_SIGINFO) counts per signal, keeps the order
 * of arrivals, and copies the last siginfo and the bits of the ucontext the tests look at.
 */
#define REC_ORDER 32
struct sig_record {
	volatile int count[LINUX_NSIG + 1];
	volatile int order[REC_ORDER];
	volatile int norder;
	volatile int depth, max_depth; /* handlers running at once (nesting) */
	volatile int signo, code, pid, uid, value;
	void *volatile addr;
	void *volatile info_at, *volatile uc_at, *volatile local_at;
	volatile unsigned long mask_in[2]; /* the mask while the handler ran */
	volatile unsigned long uc_mask[2]; /* uc_sigmask: the mask it returns to */
	volatile unsigned long pc, sp, cpsr;
	volatile pthread_t self;
	volatile int ss_flags; /* sigaltstack's flags seen from inside */
};
static struct sig_record rec;

static inline void rec_reset(void)
{
	memset((void *)&rec, 0, sizeof(rec));
}

static inline void rec_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	sigset_t now;
	stack_t ss;
	int n = rec.norder;
	volatile int here = 0;

	rec.depth++;
	if (rec.depth > rec.max_depth)
		rec.max_depth = rec.depth;
	if (sig > 0 && sig <= LINUX_NSIG)
		rec.count[sig]++;
	if (n < REC_ORDER)
		rec.order[n] = sig;
	rec.norder = n + 1;
	rec.signo = si->si_signo;
	rec.code = si->si_code;
	rec.pid = si->si_pid;
	rec.uid = (int)si->si_uid;
	rec.value = si->si_value.sival_int;
	rec.addr = si->si_addr;
	rec.info_at = si;
	rec.uc_at = uc;
	rec.local_at = (void *)&here;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	set_words(&now, (unsigned long *)rec.mask_in);
	set_words(&uc->uc_sigmask, (unsigned long *)rec.uc_mask);
	rec.pc = uc->uc_mcontext.arm_pc;
	rec.sp = uc->uc_mcontext.arm_sp;
	rec.cpsr = uc->uc_mcontext.arm_cpsr;
	rec.self = pthread_self();
	if (sigaltstack(NULL, &ss) == 0)
		rec.ss_flags = ss.ss_flags;
	rec.depth--;
}

/* A handler that only counts (for signal()). */
static inline void count_handler(int sig)
{
	if (sig > 0 && sig <= LINUX_NSIG)
		rec.count[sig]++;
	if (rec.norder < REC_ORDER)
		rec.order[rec.norder] = sig;
	rec.norder++;
}

/* sigaction with sa_sigaction (SA_SIGINFO added) or sa_handler, the mask empty unless given. */
static inline int on_signal(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}
static inline int on_signal_plain(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}
#define MUST_HANDLE(sig, fn, flags) MUST("sigaction " #sig, on_signal(sig, fn, flags) == 0)

/* The flags a sigaction reads back, without SA_RESTORER: glibc sets it (with its own restorer)
 * on every handler it installs, and reads it back; another C library may not. */
static inline unsigned long flags_of(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (sigaction(sig, NULL, &sa))
		return ~0UL;
	return (unsigned long)sa.sa_flags & ~(unsigned long)LINUX_SA_RESTORER;
}
static inline void *handler_of(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (sigaction(sig, NULL, &sa))
		return (void *)-2;
	return (void *)sa.sa_handler;
}

/* Raw calls through the kernel ABI. */
static inline long sys_tgkill(long tid, int sig)
{
	return RAW(__NR_tgkill, getpid(), tid, sig);
}
static inline long sys_rt_sigaction(int sig, const struct linux_kernel_sigaction *act,
				    struct linux_kernel_sigaction *oact, unsigned long size)
{
	return RAW(__NR_rt_sigaction, sig, act, oact, size);
}
static inline long sys_rt_sigprocmask(int how, const linux_sigset_t *set, linux_sigset_t *old,
				      unsigned long size)
{
	return RAW(__NR_rt_sigprocmask, how, set, old, size);
}

/* An address where nothing is mapped (a page mapped and unmapped again). */
static inline char *unmapped_page(void)
{
	return hole(1);
}

/*
 * sig_main(run): run the checks and return the status. On Linux the test is /init (pid 1),
 * which the kernel shields from every signal whose action is the default one; to see Linux
 * treat it as uniarm treats its application, the checks run in a child process in a process
 * group of its own (kill(0, ...) then reaches only it), and the parent reports how it ended
 * (a child killed by a signal or hanging for 100 s is a FAIL).
 */
#ifdef __linux__
static inline int sig_main(int (*run)(void))
{
	int status = 0;
	pid_t pid, w;
	long long end;

	if (getpid() != 1)
		return run();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		fflush(stdout);
		_exit(run());
	}
	MUST("fork", pid > 0);
	end = now_ns(CLOCK_MONOTONIC) + 100 * 1000000000LL;
	while ((w = waitpid(pid, &status, WNOHANG)) == 0 && now_ns(CLOCK_MONOTONIC) < end)
		sleep_ms(10);
	if (w == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		printf("FAIL sig_main: the test process hung (killed after 100 s)\n");
		return 1;
	}
	if (WIFSIGNALED(status)) {
		printf("FAIL sig_main: the test process was killed by %s\n",
		       signame(WTERMSIG(status)));
		return 1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
#else
static inline int sig_main(int (*run)(void))
{
	return run();
}
#endif

#endif
