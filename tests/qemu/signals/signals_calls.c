/*
 * The signal system calls one by one, with their success and error cases (issue 13):
 * sigaction (flags and mask read back, the refusals, the raw rt_sigaction with its sigsetsize,
 * bad pointers, a handler installed without SA_RESTORER and with a restorer of our own),
 * sigprocmask/pthread_sigmask, sigpending, sigsuspend, sigaltstack, kill, tgkill/tkill, raise,
 * signal() and pause(). Expected values are Linux's (README.md).
 */
#include "sig_check.h"

/* Restorers of our own, as a C library writes them: the return from a handler is a system
 * call, sigreturn for a frame without siginfo and rt_sigreturn for an SA_SIGINFO one. */
__asm__(".pushsection .text\n"
	".arm\n"
	".balign 4\n"
	".global calls_restorer\n"
	".type calls_restorer, %function\n"
	"calls_restorer:\n"
	"	mov r7, #119\n" /* __NR_sigreturn */
	"	svc #0\n"
	".global calls_rt_restorer\n"
	".type calls_rt_restorer, %function\n"
	"calls_rt_restorer:\n"
	"	mov r7, #173\n" /* __NR_rt_sigreturn */
	"	svc #0\n"
	".popsection\n");
void calls_restorer(void);
void calls_rt_restorer(void);

static void test_sigaction(void)
{
	struct sigaction sa, old;

	/* Install, read the old action back, and run. */
	rec_reset();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = rec_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	memset(&old, 0xa5, sizeof(old));
	CHECK_ZERO("calls.sigaction.install", sigaction(SIGUSR1, &sa, &old));
	CHECK_PTR("calls.sigaction.old_was_default", old.sa_handler, SIG_DFL);
	memset(&old, 0, sizeof(old));
	CHECK_ZERO("calls.sigaction.reinstall", sigaction(SIGUSR1, &sa, &old));
	CHECK_PTR("calls.sigaction.old_handler", old.sa_sigaction, rec_handler);
	CHECK_EQ("calls.sigaction.old_flags", old.sa_flags & ~LINUX_SA_RESTORER, SA_SIGINFO);
	raise(SIGUSR1);
	CHECK_EQ("calls.sigaction.handler_ran", rec.count[SIGUSR1], 1);

	/* Each flag reads back as given. */
	static const struct {
		const char *name;
		int flags;
	} fl[] = {
		{"calls.sigaction.flags_onstack", SA_SIGINFO | SA_ONSTACK},
		{"calls.sigaction.flags_resethand", SA_SIGINFO | SA_RESETHAND},
		{"calls.sigaction.flags_nodefer", SA_SIGINFO | SA_NODEFER},
		{"calls.sigaction.flags_restart", SA_SIGINFO | SA_RESTART},
		{"calls.sigaction.flags_all",
		 SA_SIGINFO | SA_ONSTACK | SA_RESETHAND | SA_NODEFER | SA_RESTART},
		{"calls.sigaction.flags_plain", 0},
	};
	for (unsigned i = 0; i < sizeof(fl) / sizeof(fl[0]); i++) {
		sa.sa_flags = fl[i].flags;
		sigaction(SIGUSR2, &sa, NULL);
		CHECK_EQ(fl[i].name, flags_of(SIGUSR2), (unsigned)fl[i].flags);
	}
	/* A flag bit Linux does not know (SA_UNSUPPORTED, 0x400) is accepted and not read back. */
	sa.sa_flags = SA_SIGINFO | (int)LINUX_SA_UNSUPPORTED;
	CHECK_ZERO("calls.sigaction.unknown_flag_accepted", sigaction(SIGUSR2, &sa, NULL));
	CHECK_EQ("calls.sigaction.unknown_flag_dropped", flags_of(SIGUSR2), SA_SIGINFO);

	/* The mask reads back. */
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR1);
	sigaddset(&sa.sa_mask, SIGRTMIN + 2);
	sigaction(SIGUSR2, &sa, NULL);
	memset(&old, 0, sizeof(old));
	sigaction(SIGUSR2, NULL, &old);
	{
		unsigned long w[2], want[2];
		set_words(&old.sa_mask, w);
		set_words(&sa.sa_mask, want);
		CHECK("calls.sigaction.mask_read_back", w[0] == want[0] && w[1] == want[1],
		      "got %08lx %08lx, expected %08lx %08lx", w[1], w[0], want[1], want[0]);
	}
	sigemptyset(&sa.sa_mask);

	/* Refusals: SIGKILL and SIGSTOP cannot be caught or ignored, 0 and 65 are no signals. */
	CHECK_SYSERR("calls.sigaction.sigkill_einval", sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_SYSERR("calls.sigaction.sigstop_einval", sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	CHECK_SYSERR("calls.sigaction.sigkill_ign_einval", sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_SYSERR("calls.sigaction.sigstop_ign_einval", sigaction(SIGSTOP, &sa, NULL), EINVAL);
	CHECK_SYSERR("calls.sigaction.sig0_einval", sigaction(0, &sa, NULL), EINVAL);
	CHECK_SYSERR("calls.sigaction.sig65_einval", sigaction(65, &sa, NULL), EINVAL);
	CHECK_SYSERR("calls.sigaction.sig_neg_einval", sigaction(-1, &sa, NULL), EINVAL);
	CHECK_SYSERR("calls.sigaction.sig0_read_einval", sigaction(0, NULL, &old), EINVAL);
	/* Reading SIGKILL's action is allowed: SIG_DFL. */
	memset(&old, 0xa5, sizeof(old));
	CHECK_ZERO("calls.sigaction.sigkill_read", sigaction(SIGKILL, NULL, &old));
	CHECK_PTR("calls.sigaction.sigkill_is_default", old.sa_handler, SIG_DFL);
	/* SIGRTMAX (64) is the last one. */
	sa.sa_sigaction = rec_handler;
	sa.sa_flags = SA_SIGINFO;
	CHECK_ZERO("calls.sigaction.sigrtmax", sigaction(SIGRTMAX, &sa, NULL));
	rec_reset();
	raise(SIGRTMAX);
	CHECK_EQ("calls.sigaction.sigrtmax_ran", rec.count[SIGRTMAX], 1);
	/* Neither argument: a no-op that succeeds. */
	CHECK_ZERO("calls.sigaction.null_null", sigaction(SIGUSR1, NULL, NULL));
}

static volatile int plain_hits, plain_sig;
static void plain_handler(int sig)
{
	plain_hits++;
	plain_sig = sig;
}

/* The kernel's interface directly: struct linux_kernel_sigaction, sigsetsize 8. */
static void test_rt_sigaction(void)
{
	struct linux_kernel_sigaction act, old;
	char *bad = unmapped_page();

	memset(&act, 0, sizeof(act));
	act.handler = (void *)rec_handler;
	act.flags = LINUX_SA_SIGINFO | LINUX_SA_RESTORER;
	act.restorer = (void *)calls_rt_restorer;
	/* SIGKILL and SIGSTOP in sa_mask are dropped silently. */
	act.mask.sig[0] = 1UL << (SIGUSR2 - 1) | 1UL << (SIGKILL - 1) | 1UL << (SIGSTOP - 1);
	act.mask.sig[1] = 1UL << (63 - 32); /* signal 64 */
	CHECK_SYSVAL("calls.rt_sigaction.install", sys_rt_sigaction(SIGUSR1, &act, NULL, 8), 0);
	memset(&old, 0xa5, sizeof(old));
	CHECK_SYSVAL("calls.rt_sigaction.read", sys_rt_sigaction(SIGUSR1, NULL, &old, 8), 0);
	CHECK_PTR("calls.rt_sigaction.read_handler", old.handler, rec_handler);
	CHECK_EQ("calls.rt_sigaction.read_flags", old.flags, LINUX_SA_SIGINFO | LINUX_SA_RESTORER);
	CHECK_PTR("calls.rt_sigaction.read_restorer", old.restorer, calls_rt_restorer);
	CHECK("calls.rt_sigaction.mask_kill_stop_dropped",
	      old.mask.sig[0] == 1UL << (SIGUSR2 - 1) && old.mask.sig[1] == 1UL << 31,
	      "got %08lx %08lx, expected %08lx %08lx", old.mask.sig[1], old.mask.sig[0], 1UL << 31,
	      1UL << (SIGUSR2 - 1));
	/* Our rt restorer brings the handler back. */
	rec_reset();
	CHECK_SYSVAL("calls.rt_sigaction.own_rt_restorer_raise", raise(SIGUSR1), 0);
	CHECK_EQ("calls.rt_sigaction.own_rt_restorer_ran", rec.count[SIGUSR1], 1);

	/* A handler without SA_SIGINFO and our sigreturn restorer (the non-rt frame). */
	memset(&act, 0, sizeof(act));
	act.handler = (void *)plain_handler;
	act.flags = LINUX_SA_RESTORER;
	act.restorer = (void *)calls_restorer;
	plain_hits = 0;
	sys_rt_sigaction(SIGUSR2, &act, NULL, 8);
	raise(SIGUSR2);
	CHECK("calls.rt_sigaction.own_restorer_ran", plain_hits == 1 && plain_sig == SIGUSR2,
	      "handler ran %d times, with %s", plain_hits, signame(plain_sig));

	/* Without SA_RESTORER the kernel provides the return (Linux: its signal page). */
	act.flags = 0;
	act.restorer = NULL;
	plain_hits = 0;
	CHECK_SYSVAL("calls.rt_sigaction.no_restorer", sys_rt_sigaction(SIGUSR2, &act, NULL, 8), 0);
	raise(SIGUSR2);
	raise(SIGUSR2);
	CHECK_EQ("calls.rt_sigaction.no_restorer_returns", plain_hits, 2);
	act.handler = (void *)rec_handler;
	act.flags = LINUX_SA_SIGINFO;
	sys_rt_sigaction(SIGUSR2, &act, NULL, 8);
	rec_reset();
	raise(SIGUSR2);
	CHECK("calls.rt_sigaction.no_restorer_siginfo",
	      rec.count[SIGUSR2] == 1 && rec.signo == SIGUSR2, "handler ran %d times, si_signo %s",
	      rec.count[SIGUSR2], signame(rec.signo));

	/* Errors. */
	act.flags = LINUX_SA_SIGINFO;
	CHECK_SYSERR("calls.rt_sigaction.size4_einval", sys_rt_sigaction(SIGUSR1, &act, NULL, 4),
		     EINVAL);
	CHECK_SYSERR("calls.rt_sigaction.size16_einval", sys_rt_sigaction(SIGUSR1, &act, NULL, 16),
		     EINVAL);
	CHECK_SYSERR("calls.rt_sigaction.size4_read_einval",
		     sys_rt_sigaction(SIGUSR1, NULL, &old, 4), EINVAL);
	CHECK_SYSERR("calls.rt_sigaction.sig0_einval", sys_rt_sigaction(0, &act, NULL, 8), EINVAL);
	CHECK_SYSERR("calls.rt_sigaction.sig65_einval", sys_rt_sigaction(65, &act, NULL, 8),
		     EINVAL);
	CHECK_SYSERR("calls.rt_sigaction.sig_neg_einval", sys_rt_sigaction(-1, &act, NULL, 8),
		     EINVAL);
	CHECK_SYSERR("calls.rt_sigaction.sigkill_einval", sys_rt_sigaction(SIGKILL, &act, NULL, 8),
		     EINVAL);
	CHECK_SYSERR("calls.rt_sigaction.sigstop_einval", sys_rt_sigaction(SIGSTOP, &act, NULL, 8),
		     EINVAL);
	CHECK_SYSVAL("calls.rt_sigaction.sigstop_read", sys_rt_sigaction(SIGSTOP, NULL, &old, 8),
		     0);
	/* Signal 32, which glibc keeps for itself, is a valid signal to the kernel. */
	CHECK_SYSVAL("calls.rt_sigaction.sig32_read", sys_rt_sigaction(32, NULL, &old, 8), 0);
	CHECK_SYSERR("calls.rt_sigaction.act_efault",
		     sys_rt_sigaction(SIGUSR1, (void *)(bad + 0x10), NULL, 8), EFAULT);
	CHECK_SYSERR("calls.rt_sigaction.oact_efault",
		     sys_rt_sigaction(SIGUSR1, NULL, (void *)(bad + 0x10), 8), EFAULT);
	/* The failed calls changed nothing. */
	memset(&old, 0, sizeof(old));
	sys_rt_sigaction(SIGUSR1, NULL, &old, 8);
	CHECK_PTR("calls.rt_sigaction.errors_changed_nothing", old.handler, rec_handler);
}

static void test_sigprocmask(void)
{
	sigset_t s, old, now;
	linux_sigset_t k, kold;
	char *bad = unmapped_page();

	unblock_all();
	s = set_of(SIGUSR1);
	sigaddset(&s, SIGRTMAX);
	CHECK_ZERO("calls.sigprocmask.block", sigprocmask(SIG_BLOCK, &s, &old));
	CHECK("calls.sigprocmask.old_empty", !sigismember(&old, SIGUSR1),
	      "SIGUSR1 in the old mask");
	CHECK("calls.sigprocmask.blocked", blocked(SIGUSR1) && blocked(SIGRTMAX),
	      "SIGUSR1 %d, SIGRTMAX %d", blocked(SIGUSR1), blocked(SIGRTMAX));
	/* The kernel's view: bit 9 (SIGUSR1) and bit 63 (signal 64). */
	memset(&kold, 0xa5, sizeof(kold));
	CHECK_SYSVAL("calls.rt_sigprocmask.read", sys_rt_sigprocmask(0, NULL, &kold, 8), 0);
	CHECK("calls.rt_sigprocmask.words",
	      kold.sig[0] == 1UL << (SIGUSR1 - 1) && kold.sig[1] == 1UL << 31,
	      "got %08lx %08lx, expected %08lx %08lx", kold.sig[1], kold.sig[0], 1UL << 31,
	      1UL << (SIGUSR1 - 1));
	s = set_of(SIGUSR2);
	CHECK_ZERO("calls.sigprocmask.block_more", sigprocmask(SIG_BLOCK, &s, &old));
	CHECK("calls.sigprocmask.old_mask",
	      sigismember(&old, SIGUSR1) && !sigismember(&old, SIGUSR2),
	      "old mask: SIGUSR1 %d SIGUSR2 %d", sigismember(&old, SIGUSR1),
	      sigismember(&old, SIGUSR2));
	s = set_of(SIGUSR1);
	CHECK_ZERO("calls.sigprocmask.unblock", sigprocmask(SIG_UNBLOCK, &s, NULL));
	CHECK("calls.sigprocmask.unblocked", !blocked(SIGUSR1) && blocked(SIGUSR2),
	      "SIGUSR1 %d SIGUSR2 %d", blocked(SIGUSR1), blocked(SIGUSR2));
	s = set_of(SIGTERM);
	CHECK_ZERO("calls.sigprocmask.setmask", sigprocmask(SIG_SETMASK, &s, &old));
	CHECK("calls.sigprocmask.setmask_result",
	      blocked(SIGTERM) && !blocked(SIGUSR2) && !blocked(SIGRTMAX),
	      "SIGTERM %d SIGUSR2 %d SIGRTMAX %d", blocked(SIGTERM), blocked(SIGUSR2),
	      blocked(SIGRTMAX));
	/* SIGKILL and SIGSTOP are left out without an error. */
	s = set_of(SIGKILL);
	sigaddset(&s, SIGSTOP);
	sigaddset(&s, SIGUSR1);
	CHECK_ZERO("calls.sigprocmask.kill_stop_accepted", sigprocmask(SIG_BLOCK, &s, NULL));
	sys_rt_sigprocmask(0, NULL, &kold, 8);
	CHECK("calls.sigprocmask.kill_stop_not_blocked",
	      !(kold.sig[0] & (1UL << (SIGKILL - 1) | 1UL << (SIGSTOP - 1))) &&
		      (kold.sig[0] & 1UL << (SIGUSR1 - 1)),
	      "kernel mask %08lx %08lx", kold.sig[1], kold.sig[0]);
	k.sig[0] = 1UL << (SIGKILL - 1) | 1UL << (SIGSTOP - 1);
	k.sig[1] = 0;
	sys_rt_sigprocmask(LINUX_SIG_SETMASK, &k, NULL, 8);
	sys_rt_sigprocmask(0, NULL, &kold, 8);
	CHECK("calls.rt_sigprocmask.kill_stop_not_blocked", kold.sig[0] == 0 && kold.sig[1] == 0,
	      "kernel mask %08lx %08lx", kold.sig[1], kold.sig[0]);

	/* Errors: a bad how (but only with a set: without one, how is not looked at). */
	s = set_of(SIGUSR1);
	CHECK_SYSERR("calls.sigprocmask.bad_how_einval", sigprocmask(99, &s, NULL), EINVAL);
	CHECK_SYSERR("calls.sigprocmask.how3_einval", sigprocmask(3, &s, NULL), EINVAL);
	CHECK("calls.sigprocmask.bad_how_changed_nothing", !blocked(SIGUSR1), "SIGUSR1 blocked");
	CHECK_ZERO("calls.sigprocmask.bad_how_null_set", sigprocmask(99, NULL, &old));
	CHECK_RC("calls.pthread_sigmask.bad_how_einval", pthread_sigmask(99, &s, NULL), EINVAL);
	CHECK_RC("calls.pthread_sigmask.block", pthread_sigmask(SIG_BLOCK, &s, &old), 0);
	now = current_mask();
	CHECK("calls.pthread_sigmask.blocked", sigismember(&now, SIGUSR1) == 1, "not blocked");
	CHECK_RC("calls.pthread_sigmask.unblock", pthread_sigmask(SIG_UNBLOCK, &s, NULL), 0);
	CHECK_SYSERR("calls.rt_sigprocmask.size4_einval", sys_rt_sigprocmask(0, &k, NULL, 4),
		     EINVAL);
	CHECK_SYSERR("calls.rt_sigprocmask.size16_einval", sys_rt_sigprocmask(0, NULL, &kold, 16),
		     EINVAL);
	CHECK_SYSERR("calls.rt_sigprocmask.set_efault",
		     sys_rt_sigprocmask(LINUX_SIG_BLOCK, (void *)bad, NULL, 8), EFAULT);
	CHECK_SYSERR("calls.rt_sigprocmask.old_efault",
		     sys_rt_sigprocmask(LINUX_SIG_BLOCK, NULL, (void *)bad, 8), EFAULT);
	unblock_all();
}

static void test_sigpending(void)
{
	sigset_t s;
	linux_sigset_t k;
	char *bad = unmapped_page();

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	unblock_all();
	rec_reset();
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2); /* must be cleared by sigpending */
	CHECK_ZERO("calls.sigpending.none", sigpending(&s));
	CHECK("calls.sigpending.none_empty", !sigismember(&s, SIGUSR1) && !sigismember(&s, SIGUSR2),
	      "SIGUSR1 %d SIGUSR2 %d", sigismember(&s, SIGUSR1), sigismember(&s, SIGUSR2));
	block(SIGUSR1);
	raise(SIGUSR1);
	CHECK_EQ("calls.sigpending.blocked_not_delivered", rec.count[SIGUSR1], 0);
	CHECK("calls.sigpending.shows_it", is_pending(SIGUSR1), "SIGUSR1 not pending");
	memset(&k, 0, sizeof(k));
	CHECK_SYSVAL("calls.rt_sigpending.read", RAW(__NR_rt_sigpending, &k, 8), 0);
	CHECK_EQ("calls.rt_sigpending.bit", k.sig[0], 1UL << (SIGUSR1 - 1));
	unblock(SIGUSR1);
	CHECK_EQ("calls.sigpending.delivered_on_unblock", rec.count[SIGUSR1], 1);
	CHECK("calls.sigpending.cleared", !is_pending(SIGUSR1), "still pending");

	/* A blocked signal is kept pending even when its action is to ignore it (SIG_IGN, or
	 * SIG_DFL of SIGURG); setting SIG_IGN discards a pending one (POSIX). */
	signal(SIGUSR2, SIG_IGN);
	block(SIGUSR2);
	raise(SIGUSR2);
	CHECK("calls.sigpending.ignored_but_blocked_pends", is_pending(SIGUSR2),
	      "SIGUSR2 not pending");
	signal(SIGURG, SIG_DFL);
	block(SIGURG);
	raise(SIGURG);
	CHECK("calls.sigpending.default_ignored_but_blocked_pends", is_pending(SIGURG),
	      "SIGURG not pending");
	/* Setting SIG_DFL again, when the default is to ignore, discards it as SIG_IGN would. */
	signal(SIGURG, SIG_DFL);
	CHECK("calls.sigpending.sig_dfl_ignored_discards", !is_pending(SIGURG),
	      "SIGURG still pending");
	raise(SIGURG);
	signal(SIGURG, SIG_IGN);
	CHECK("calls.sigpending.sig_ign_discards", !is_pending(SIGURG), "SIGURG still pending");
	signal(SIGUSR2, SIG_DFL);
	CHECK("calls.sigpending.sig_dfl_keeps", is_pending(SIGUSR2), "SIGUSR2 no longer pending");
	signal(SIGUSR2, SIG_IGN);
	CHECK("calls.sigpending.sig_ign_discards2", !is_pending(SIGUSR2), "SIGUSR2 still pending");
	unblock_all();
	signal(SIGUSR2, SIG_DFL);
	signal(SIGURG, SIG_DFL);

	/* rt_sigpending takes a size up to 8 (a shorter one gets the low bytes). */
	CHECK_SYSERR("calls.rt_sigpending.size16_einval", RAW(__NR_rt_sigpending, &k, 16), EINVAL);
	CHECK_SYSERR("calls.rt_sigpending.efault", RAW(__NR_rt_sigpending, bad, 8), EFAULT);
}

static volatile int alrm_hits;
static void alrm_handler(int sig)
{
	(void)sig;
	alrm_hits++;
}

static void arm_timer_ms(long ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void test_sigsuspend(void)
{
	sigset_t s, none;
	int r, e;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	MUST("SIGALRM", on_signal_plain(SIGALRM, alrm_handler, 0) == 0);
	unblock_all();
	block(SIGUSR1);
	raise(SIGUSR1);
	rec_reset();
	sigemptyset(&none);
	errno = 0;
	r = sigsuspend(&none);
	e = errno;
	CHECK("calls.sigsuspend.eintr", r == -1 && e == EINTR, "got %d/%s", r, terr(e));
	CHECK_EQ("calls.sigsuspend.handler_ran", rec.count[SIGUSR1], 1);
	/* While the handler ran: the sigsuspend mask plus the signal itself. */
	CHECK("calls.sigsuspend.mask_in_handler",
	      rec.mask_in[0] == 1UL << (SIGUSR1 - 1) && rec.mask_in[1] == 0,
	      "got %08lx %08lx, expected 0 %08lx", rec.mask_in[1], rec.mask_in[0],
	      1UL << (SIGUSR1 - 1));
	CHECK("calls.sigsuspend.mask_restored", blocked(SIGUSR1) && !is_pending(SIGUSR1),
	      "blocked %d pending %d", blocked(SIGUSR1), is_pending(SIGUSR1));

	/* A signal the sigsuspend mask blocks stays pending; another one ends the wait. */
	raise(SIGUSR1);
	rec_reset();
	alrm_hits = 0;
	s = set_of(SIGUSR1);
	arm_timer_ms(30);
	errno = 0;
	r = sigsuspend(&s);
	e = errno;
	CHECK("calls.sigsuspend.other_signal_eintr", r == -1 && e == EINTR && alrm_hits == 1,
	      "got %d/%s, SIGALRM handled %d times", r, terr(e), alrm_hits);
	CHECK("calls.sigsuspend.blocked_one_stays", rec.count[SIGUSR1] == 0 && is_pending(SIGUSR1),
	      "SIGUSR1 delivered %d times, pending %d", rec.count[SIGUSR1], is_pending(SIGUSR1));
	/* Bad sizes and pointers are refused. */
	CHECK_SYSERR("calls.rt_sigsuspend.size4_einval", RAW(__NR_rt_sigsuspend, &none, 4), EINVAL);
	CHECK_SYSERR("calls.rt_sigsuspend.efault", RAW(__NR_rt_sigsuspend, unmapped_page(), 8),
		     EFAULT);
	unblock(SIGUSR1);
	CHECK_EQ("calls.sigsuspend.then_delivered", rec.count[SIGUSR1], 1);
}

static volatile int onstack_err, onstack_err2, onstack_flags;
static void onstack_handler(int sig, siginfo_t *si, void *uc)
{
	stack_t ss, other;

	rec_handler(sig, si, uc);
	memset(&ss, 0, sizeof(ss));
	if (sigaltstack(NULL, &ss) == 0)
		onstack_flags = ss.ss_flags;
	other.ss_sp = ss.ss_sp;
	other.ss_size = ss.ss_size;
	other.ss_flags = 0;
	errno = 0;
	if (sigaltstack(&other, NULL) == -1)
		onstack_err = errno;
	other.ss_flags = SS_DISABLE;
	errno = 0;
	if (sigaltstack(&other, NULL) == -1)
		onstack_err2 = errno;
}

static void test_sigaltstack(void)
{
	static char alt[4 * LINUX_SIGSTKSZ] __attribute__((aligned(16)));
	static char alt2[LINUX_MINSIGSTKSZ] __attribute__((aligned(16)));
	stack_t ss, old;
	char *bad = unmapped_page();

	memset(&old, 0xa5, sizeof(old));
	CHECK_ZERO("calls.sigaltstack.read", sigaltstack(NULL, &old));
	CHECK_EQ("calls.sigaltstack.initially_disabled", old.ss_flags, SS_DISABLE);
	ss.ss_sp = alt;
	ss.ss_size = sizeof(alt);
	ss.ss_flags = 0;
	CHECK_ZERO("calls.sigaltstack.set", sigaltstack(&ss, &old));
	memset(&old, 0, sizeof(old));
	sigaltstack(NULL, &old);
	CHECK("calls.sigaltstack.read_back",
	      old.ss_sp == alt && old.ss_size == sizeof(alt) && old.ss_flags == 0,
	      "got sp %p size %lu flags %d, expected %p %lu 0", old.ss_sp,
	      (unsigned long)old.ss_size, old.ss_flags, (void *)alt, (unsigned long)sizeof(alt));

	/* On it: SS_ONSTACK, the handler's locals inside, and no change allowed (EPERM). */
	MUST_HANDLE(SIGUSR1, onstack_handler, SA_ONSTACK);
	rec_reset();
	onstack_err = onstack_err2 = onstack_flags = 0;
	raise(SIGUSR1);
	CHECK_EQ("calls.sigaltstack.handler_ran", rec.count[SIGUSR1], 1);
	CHECK_EQ("calls.sigaltstack.ss_onstack_inside", onstack_flags, SS_ONSTACK);
	CHECK("calls.sigaltstack.handler_on_it",
	      (char *)rec.local_at >= alt && (char *)rec.local_at < alt + sizeof(alt),
	      "handler's local at %p, the stack is %p-%p", rec.local_at, (void *)alt,
	      (void *)(alt + sizeof(alt)));
	CHECK("calls.sigaltstack.change_on_it_eperm", onstack_err == EPERM,
	      "got %s, expected EPERM", terr(onstack_err));
	CHECK("calls.sigaltstack.disable_on_it_eperm", onstack_err2 == EPERM,
	      "got %s, expected EPERM", terr(onstack_err2));
	sigaltstack(NULL, &old);
	CHECK("calls.sigaltstack.off_it_after", old.ss_flags == 0 && old.ss_sp == alt,
	      "flags %d sp %p", old.ss_flags, old.ss_sp);
	/* Without SA_ONSTACK the handler runs on the normal stack. */
	MUST_HANDLE(SIGUSR1, onstack_handler, 0);
	rec_reset();
	onstack_flags = -1;
	raise(SIGUSR1);
	CHECK("calls.sigaltstack.no_sa_onstack_not_on_it",
	      onstack_flags == 0 &&
		      !((char *)rec.local_at >= alt && (char *)rec.local_at < alt + sizeof(alt)),
	      "flags %d, local at %p", onstack_flags, rec.local_at);

	/* Sizes and flags. */
	ss.ss_sp = alt2;
	ss.ss_size = LINUX_MINSIGSTKSZ - 1;
	ss.ss_flags = 0;
	CHECK_SYSERR("calls.sigaltstack.small_enomem", sigaltstack(&ss, NULL), ENOMEM);
	ss.ss_size = LINUX_MINSIGSTKSZ;
	CHECK_ZERO("calls.sigaltstack.minsigstksz", sigaltstack(&ss, NULL));
	ss.ss_flags = 0x10;
	CHECK_SYSERR("calls.sigaltstack.bad_flags_einval", sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = SS_ONSTACK | SS_DISABLE;
	CHECK_SYSERR("calls.sigaltstack.onstack_disable_einval", sigaltstack(&ss, NULL), EINVAL);
	/* SS_ONSTACK as the flag to set is taken as 0 (old programs pass it). */
	ss.ss_sp = alt;
	ss.ss_size = sizeof(alt);
	ss.ss_flags = SS_ONSTACK;
	CHECK_ZERO("calls.sigaltstack.ss_onstack_accepted", sigaltstack(&ss, &old));
	CHECK("calls.sigaltstack.old_was_min",
	      old.ss_sp == alt2 && old.ss_size == LINUX_MINSIGSTKSZ, "got sp %p size %lu",
	      old.ss_sp, (unsigned long)old.ss_size);
	/* SS_DISABLE: the size does not matter; it reads back as disabled with sp and size 0. */
	ss.ss_flags = SS_DISABLE;
	ss.ss_size = 0;
	CHECK_ZERO("calls.sigaltstack.disable", sigaltstack(&ss, NULL));
	memset(&old, 0xa5, sizeof(old));
	sigaltstack(NULL, &old);
	CHECK("calls.sigaltstack.disabled",
	      old.ss_flags == SS_DISABLE && old.ss_sp == NULL && old.ss_size == 0,
	      "got flags %d sp %p size %lu", old.ss_flags, old.ss_sp, (unsigned long)old.ss_size);
	CHECK_SYSERR("calls.sigaltstack.ss_efault", RAW(__NR_sigaltstack, bad, NULL), EFAULT);
	CHECK_SYSERR("calls.sigaltstack.old_efault", RAW(__NR_sigaltstack, NULL, bad), EFAULT);
	/* With it disabled, SA_ONSTACK handlers run on the normal stack. */
	MUST_HANDLE(SIGUSR1, onstack_handler, SA_ONSTACK);
	rec_reset();
	onstack_flags = -1;
	raise(SIGUSR1);
	CHECK_EQ("calls.sigaltstack.disabled_handler_runs", rec.count[SIGUSR1], 1);
	CHECK_EQ("calls.sigaltstack.disabled_flags_inside", onstack_flags, SS_DISABLE);
}

static void test_kill(void)
{
	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	unblock_all();

	rec_reset();
	CHECK_ZERO("calls.kill.self", kill(getpid(), SIGUSR1));
	/* Delivered before kill returned. */
	CHECK_EQ("calls.kill.delivered", rec.count[SIGUSR1], 1);
	CHECK_SIGNO("calls.kill.si_signo", rec.signo, SIGUSR1);
	CHECK_CODE("calls.kill.si_code", SIGUSR1, rec.code, LINUX_SI_USER);
	CHECK_EQ("calls.kill.si_pid", rec.pid, getpid());
	CHECK_EQ("calls.kill.si_uid", rec.uid, getuid());
	rec_reset();
	CHECK_ZERO("calls.kill.group", kill(0, SIGUSR1));
	CHECK_EQ("calls.kill.group_delivered", rec.count[SIGUSR1], 1);
	CHECK_CODE("calls.kill.group_si_code", SIGUSR1, rec.code, LINUX_SI_USER);
	rec_reset();
	CHECK_ZERO("calls.kill.sig0_probe", kill(getpid(), 0));
	CHECK_EQ("calls.kill.sig0_nothing_delivered", rec.norder, 0);
	CHECK_SYSERR("calls.kill.sig65_einval", kill(getpid(), 65), EINVAL);
	CHECK_SYSERR("calls.kill.sig_neg_einval", kill(getpid(), -1), EINVAL);
	CHECK_SYSERR("calls.kill.unknown_pid_esrch", kill(99999, SIGUSR1), ESRCH);
	CHECK_SYSERR("calls.kill.unknown_pid_sig0_esrch", kill(99999, 0), ESRCH);
	CHECK_SYSERR("calls.kill.unknown_group_esrch", kill(-99999, 0), ESRCH);
	CHECK_SYSERR("calls.kill.int_min_esrch", kill(INT_MIN, 0), ESRCH);
	/* The process is looked up before the signal number is checked. */
	CHECK_SYSERR("calls.kill.unknown_pid_bad_sig_esrch", kill(99999, 65), ESRCH);

	/* tgkill and tkill: SI_TKILL. */
	rec_reset();
	CHECK_SYSVAL("calls.tgkill.self", sys_tgkill(sys_gettid(), SIGUSR1), 0);
	CHECK_EQ("calls.tgkill.delivered", rec.count[SIGUSR1], 1);
	CHECK_CODE("calls.tgkill.si_code", SIGUSR1, rec.code, LINUX_SI_TKILL);
	CHECK_EQ("calls.tgkill.si_pid", rec.pid, getpid());
	CHECK_EQ("calls.tgkill.si_uid", rec.uid, getuid());
	rec_reset();
	CHECK_SYSVAL("calls.tkill.self", RAW(__NR_tkill, sys_gettid(), SIGUSR1), 0);
	CHECK_EQ("calls.tkill.delivered", rec.count[SIGUSR1], 1);
	CHECK_CODE("calls.tkill.si_code", SIGUSR1, rec.code, LINUX_SI_TKILL);
	CHECK_SYSVAL("calls.tgkill.sig0", sys_tgkill(sys_gettid(), 0), 0);
	CHECK_SYSERR("calls.tgkill.sig65_einval", sys_tgkill(sys_gettid(), 65), EINVAL);
	CHECK_SYSERR("calls.tkill.sig65_einval", RAW(__NR_tkill, sys_gettid(), 65), EINVAL);
	CHECK_SYSERR("calls.tgkill.unknown_tid_esrch", sys_tgkill(99999, SIGUSR1), ESRCH);
	CHECK_SYSERR("calls.tgkill.wrong_tgid_esrch",
		     RAW(__NR_tgkill, 99999, sys_gettid(), SIGUSR1), ESRCH);
	CHECK_SYSERR("calls.tkill.unknown_tid_esrch", RAW(__NR_tkill, 99999, SIGUSR1), ESRCH);

	/* raise: SI_TKILL on Linux (glibc's raise is a tgkill to the calling thread). */
	rec_reset();
	CHECK_ZERO("calls.raise", raise(SIGUSR1));
	CHECK_EQ("calls.raise.delivered", rec.count[SIGUSR1], 1);
	CHECK_CODE("calls.raise.si_code", SIGUSR1, rec.code, LINUX_SI_TKILL);
	CHECK_EQ("calls.raise.si_pid", rec.pid, getpid());
	CHECK_SYSERR("calls.raise.sig65_einval", raise(65), EINVAL);
	CHECK_ZERO("calls.raise.sig0", raise(0));
}

static void test_signal(void)
{
	void (*h)(int);

	rec_reset();
	signal(SIGUSR2, SIG_DFL);
	h = signal(SIGUSR2, count_handler);
	CHECK_PTR("calls.signal.old_default", h, SIG_DFL);
	h = signal(SIGUSR2, count_handler);
	CHECK_PTR("calls.signal.old_handler", h, count_handler);
	CHECK_PTR("calls.signal.seen_by_sigaction", handler_of(SIGUSR2), count_handler);
	/* BSD semantics (glibc's signal): the handler stays, SA_RESTART. */
	CHECK_EQ("calls.signal.flags_restart", flags_of(SIGUSR2), SA_RESTART);
	raise(SIGUSR2);
	raise(SIGUSR2);
	CHECK_EQ("calls.signal.stays_installed", rec.count[SIGUSR2], 2);
	h = signal(SIGUSR2, SIG_IGN);
	CHECK_PTR("calls.signal.ign_old", h, count_handler);
	/* Ignored: harmless (the default would end the process). */
	CHECK_ZERO("calls.signal.ign_kill", kill(getpid(), SIGUSR2));
	CHECK_ZERO("calls.signal.ign_raise", raise(SIGUSR2));
	CHECK_EQ("calls.signal.ign_not_run", rec.count[SIGUSR2], 2);
	CHECK_PTR("calls.signal.back_to_default", signal(SIGUSR2, SIG_DFL), SIG_IGN);
	errno = 0;
	h = signal(SIGKILL, count_handler);
	CHECK("calls.signal.sigkill_sig_err", h == SIG_ERR && errno == EINVAL,
	      "got %p/%s, expected SIG_ERR/EINVAL", (void *)h, terr(errno));
	errno = 0;
	h = signal(SIGSTOP, SIG_IGN);
	CHECK("calls.signal.sigstop_sig_err", h == SIG_ERR && errno == EINVAL,
	      "got %p/%s, expected SIG_ERR/EINVAL", (void *)h, terr(errno));
	errno = 0;
	h = signal(65, SIG_IGN);
	CHECK("calls.signal.sig65_sig_err", h == SIG_ERR && errno == EINVAL,
	      "got %p/%s, expected SIG_ERR/EINVAL", (void *)h, terr(errno));
	errno = 0;
	h = signal(0, SIG_IGN);
	CHECK("calls.signal.sig0_sig_err", h == SIG_ERR && errno == EINVAL,
	      "got %p/%s, expected SIG_ERR/EINVAL", (void *)h, terr(errno));
}

static void test_pause(void)
{
	int r, e;
	long long t0;

	MUST("SIGALRM", on_signal_plain(SIGALRM, alrm_handler, 0) == 0);
	unblock_all();
	alrm_hits = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	arm_timer_ms(40);
	errno = 0;
	r = pause();
	e = errno;
	CHECK("calls.pause.eintr", r == -1 && e == EINTR, "got %d/%s, expected -1/EINTR", r,
	      terr(e));
	CHECK_EQ("calls.pause.handler_ran", alrm_hits, 1);
	CHECK("calls.pause.waited", now_ns(CLOCK_MONOTONIC) - t0 >= 35000000LL,
	      "returned after %lld ns", now_ns(CLOCK_MONOTONIC) - t0);
	/* Even with SA_RESTART, pause returns (it is never restarted). */
	MUST("SIGALRM", on_signal_plain(SIGALRM, alrm_handler, SA_RESTART) == 0);
	arm_timer_ms(20);
	errno = 0;
	r = pause();
	e = errno;
	CHECK("calls.pause.sa_restart_eintr", r == -1 && e == EINTR && alrm_hits == 2,
	      "got %d/%s, handler ran %d times", r, terr(e), alrm_hits);
}

static int run(void)
{
	test_sigaction();
	test_rt_sigaction();
	test_sigprocmask();
	test_sigpending();
	test_sigsuspend();
	test_sigaltstack();
	test_kill();
	test_signal();
	test_pause();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
