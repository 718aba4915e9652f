/*
 * How signals are delivered (issue 13): a blocked signal pends and is delivered once when
 * unblocked (standard signals do not queue; real-time ones do, in order, with their values);
 * several pending ones come lowest number first; the mask while a handler runs (sa_mask, the
 * signal itself unless SA_NODEFER, which lets the handler be re-entered); SA_RESETHAND; the
 * default action of the signals that are ignored by default; sigwait, sigwaitinfo and
 * sigtimedwait. Interrupted calls and SA_RESTART, as Linux has them: nanosleep and
 * clock_nanosleep (EINTR even with SA_RESTART, the remaining time written for a relative
 * sleep), futex WAIT (without a timeout: EINTR, or restarted with SA_RESTART; with one: EINTR
 * either way), sem_wait, sigsuspend and sigtimedwait (never restarted).
 */
#include "sig_check.h"

static volatile int alrm_hits;
static void alrm_handler(int sig)
{
	(void)sig;
	alrm_hits++;
}

/* A one-shot ITIMER_REAL. */
static void arm_timer_ms(long ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}
static void disarm_timer(void)
{
	arm_timer_ms(0);
}

static void test_pending(void)
{
	union sigval v;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	MUST_HANDLE(SIGRTMIN, rec_handler, 0);
	unblock_all();

	/* Standard signals: sent twice while blocked, delivered once; the first one sent is
	 * the one kept (sigqueue's, with its value). */
	rec_reset();
	block(SIGUSR1);
	v.sival_int = 1;
	sigqueue(getpid(), SIGUSR1, v);
	kill(getpid(), SIGUSR1);
	CHECK("delivery.std.pending", is_pending(SIGUSR1) && rec.count[SIGUSR1] == 0,
	      "pending %d, delivered %d times", is_pending(SIGUSR1), rec.count[SIGUSR1]);
	unblock(SIGUSR1);
	CHECK_EQ("delivery.std.once", rec.count[SIGUSR1], 1);
	CHECK("delivery.std.first_kept", rec.code == LINUX_SI_QUEUE && rec.value == 1,
	      "got %s value %d, expected SI_QUEUE value 1", codename(SIGUSR1, rec.code), rec.value);
	rec_reset();
	block(SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	unblock(SIGUSR1);
	CHECK_EQ("delivery.std.thread_directed_once", rec.count[SIGUSR1], 1);
	/* A process-directed one (kill) and a thread-directed one (raise: tgkill) pend in two
	 * sets, the process's and the thread's: both are delivered. */
	rec_reset();
	block(SIGUSR1);
	kill(getpid(), SIGUSR1);
	raise(SIGUSR1);
	unblock(SIGUSR1);
	CHECK_EQ("delivery.std.process_and_thread_twice", rec.count[SIGUSR1], 2);

	/* Real-time signals queue: three sigqueues, three deliveries, in order. */
	rec_reset();
	block(SIGRTMIN);
	for (int i = 1; i <= 3; i++) {
		v.sival_int = i * 10;
		sigqueue(getpid(), SIGRTMIN, v);
	}
	kill(getpid(), SIGRTMIN);
	kill(getpid(), SIGRTMIN);
	CHECK_EQ("delivery.rt.not_yet", rec.count[SIGRTMIN], 0);
	unblock(SIGRTMIN);
	CHECK_EQ("delivery.rt.queued_all", rec.count[SIGRTMIN], 5);

	/* Values in order: record them one at a time through sigwaitinfo. */
	block(SIGRTMIN);
	for (int i = 1; i <= 3; i++) {
		v.sival_int = i * 10;
		sigqueue(getpid(), SIGRTMIN, v);
	}
	int order_ok = 1;
	for (int i = 1; i <= 3; i++) {
		siginfo_t si;
		sigset_t s = set_of(SIGRTMIN);
		memset(&si, 0, sizeof(si));
		if (sigwaitinfo(&s, &si) != SIGRTMIN || si.si_value.sival_int != i * 10 ||
		    si.si_code != LINUX_SI_QUEUE)
			order_ok = 0;
	}
	CHECK("delivery.rt.fifo_values", order_ok, "values out of order or missing");
	CHECK("delivery.rt.none_left", !is_pending(SIGRTMIN), "still pending");
	unblock_all();
}

/* Pending signals come lowest number first (each handler blocks the others, so one is
 * delivered per return). */
static void test_order(void)
{
	const int sigs[] = {SIGRTMIN + 1, SIGTERM, SIGRTMIN, SIGUSR2, SIGUSR1};
	const int want[] = {SIGUSR1, SIGUSR2, SIGTERM, SIGRTMIN, SIGRTMIN + 1};
	struct sigaction sa;
	sigset_t all;
	char got[80] = "";

	sigemptyset(&all);
	for (int i = 0; i < 5; i++)
		sigaddset(&all, sigs[i]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = rec_handler;
	sa.sa_flags = SA_SIGINFO;
	sa.sa_mask = all;
	for (int i = 0; i < 5; i++)
		sigaction(sigs[i], &sa, NULL);
	rec_reset();
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	for (int i = 0; i < 5; i++)
		raise(sigs[i]);
	pthread_sigmask(SIG_UNBLOCK, &all, NULL);
	int ok = rec.norder == 5;
	for (int i = 0; i < rec.norder && i < 5; i++) {
		ok &= rec.order[i] == want[i];
		snprintf(got + strlen(got), sizeof(got) - strlen(got), " %s",
			 signame(rec.order[i]));
	}
	CHECK("delivery.order.lowest_first", ok, "got%s", got);

	/* Without the mask, every pending signal gets its frame at once: Linux sets up the
	 * lowest first, so the highest one's handler runs first (a note, not a check). */
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 5; i++)
		sigaction(sigs[i], &sa, NULL);
	rec_reset();
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	for (int i = 0; i < 5; i++)
		raise(sigs[i]);
	pthread_sigmask(SIG_UNBLOCK, &all, NULL);
	got[0] = 0;
	for (int i = 0; i < rec.norder && i < 5; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), " %s",
			 signame(rec.order[i]));
	CHECK_EQ("delivery.order.unmasked_all_delivered", rec.norder, 5);
	t_note("handlers entered, without sa_mask:%s (nesting %d deep)", got, rec.max_depth);
	signal(SIGTERM, SIG_DFL);
}

/* The mask while a handler runs; SA_NODEFER and re-entry. */
static volatile int reenter_depth, reenter_max, reenter_calls, reenter_pending_inside;
static void reentering_handler(int sig)
{
	reenter_calls++;
	reenter_depth++;
	if (reenter_depth > reenter_max)
		reenter_max = reenter_depth;
	if (reenter_calls == 1) {
		raise(sig);
		reenter_pending_inside = is_pending(sig);
	}
	reenter_depth--;
}

static void test_mask_in_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = rec_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaddset(&sa.sa_mask, SIGRTMIN + 3);
	sigaction(SIGUSR1, &sa, NULL);
	unblock_all();
	block(SIGALRM);
	rec_reset();
	raise(SIGUSR1);
	unsigned long want0 = 1UL << (SIGUSR1 - 1) | 1UL << (SIGUSR2 - 1) | 1UL << (SIGALRM - 1);
	unsigned long want1 = 1UL << (SIGRTMIN + 3 - 33);
	CHECK("delivery.mask.sa_mask_and_signal",
	      rec.mask_in[0] == want0 && rec.mask_in[1] == want1,
	      "got %08lx %08lx, expected %08lx %08lx", rec.mask_in[1], rec.mask_in[0], want1,
	      want0);
	CHECK("delivery.mask.restored", blocked(SIGALRM) && !blocked(SIGUSR1) && !blocked(SIGUSR2),
	      "SIGALRM %d SIGUSR1 %d SIGUSR2 %d", blocked(SIGALRM), blocked(SIGUSR1),
	      blocked(SIGUSR2));
	unblock_all();

	/* Default: the signal raised inside its own handler waits until the handler returns. */
	on_signal_plain(SIGUSR2, reentering_handler, 0);
	reenter_depth = reenter_max = reenter_calls = reenter_pending_inside = 0;
	raise(SIGUSR2);
	CHECK("delivery.defer.pending_inside", reenter_pending_inside,
	      "not pending in the handler");
	CHECK("delivery.defer.not_nested", reenter_calls == 2 && reenter_max == 1,
	      "%d calls, %d deep", reenter_calls, reenter_max);
	/* SA_NODEFER: it arrives inside, nested. */
	on_signal_plain(SIGUSR2, reentering_handler, SA_NODEFER);
	reenter_depth = reenter_max = reenter_calls = 0;
	reenter_pending_inside = -1;
	raise(SIGUSR2);
	CHECK("delivery.nodefer.nested", reenter_calls == 2 && reenter_max == 2,
	      "%d calls, %d deep", reenter_calls, reenter_max);
	CHECK_EQ("delivery.nodefer.not_pending_inside", reenter_pending_inside, 0);
	MUST_HANDLE(SIGUSR2, rec_handler, SA_NODEFER);
	rec_reset();
	raise(SIGUSR2);
	CHECK("delivery.nodefer.mask", !(rec.mask_in[0] & 1UL << (SIGUSR2 - 1)),
	      "SIGUSR2 blocked in its SA_NODEFER handler (%08lx)", rec.mask_in[0]);
	signal(SIGUSR2, SIG_DFL);
}

static void test_resethand(void)
{
	struct sigaction sa;

	/* SIGURG: its default action is to ignore it, so the second one is harmless. */
	MUST_HANDLE(SIGURG, rec_handler, SA_RESETHAND);
	rec_reset();
	raise(SIGURG);
	CHECK_EQ("delivery.resethand.first_handled", rec.count[SIGURG], 1);
	CHECK("delivery.resethand.blocked_inside", rec.mask_in[0] & 1UL << (SIGURG - 1),
	      "SIGURG not blocked in its handler (%08lx)", rec.mask_in[0]);
	CHECK_PTR("delivery.resethand.now_default", handler_of(SIGURG), SIG_DFL);
	t_note("SA_RESETHAND: flags after the reset %#lx", flags_of(SIGURG));
	raise(SIGURG);
	CHECK_EQ("delivery.resethand.second_default", rec.count[SIGURG], 1);
	/* SA_RESETHAND with SA_NODEFER: the handler is reset before a nested one arrives. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = reentering_handler;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigaction(SIGURG, &sa, NULL);
	reenter_depth = reenter_max = reenter_calls = 0;
	raise(SIGURG);
	CHECK("delivery.resethand_nodefer.once", reenter_calls == 1,
	      "%d calls (the nested one should get the default action)", reenter_calls);
}

/* Signals whose default action is to ignore them: nothing happens. */
static void test_default_ignored(void)
{
	const int sigs[] = {SIGCHLD, SIGURG, SIGWINCH, SIGCONT};
	char name[64];

	unblock_all();
	for (int i = 0; i < 4; i++) {
		signal(sigs[i], SIG_DFL);
		snprintf(name, sizeof(name), "delivery.default_ignored.%s", signame(sigs[i]));
		CHECK_ZERO(name, raise(sigs[i]));
		snprintf(name, sizeof(name), "delivery.default_ignored.%s_not_pending",
			 signame(sigs[i]));
		CHECK(name, !is_pending(sigs[i]), "pending");
	}
	/* SIG_IGN, unblocked: discarded. */
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	CHECK("delivery.sig_ign.discarded", !is_pending(SIGUSR1), "pending");
	signal(SIGUSR1, SIG_DFL);
}

static void test_sigwait(void)
{
	sigset_t s = set_of(SIGUSR1);
	siginfo_t si;
	struct timespec ts;
	int sig = 0, r, e;
	long long t0;
	union sigval v;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	unblock_all();
	block(SIGUSR1);
	rec_reset();
	raise(SIGUSR1);
	CHECK_RC("delivery.sigwait", sigwait(&s, &sig), 0);
	CHECK_SIGNO("delivery.sigwait.sig", sig, SIGUSR1);
	CHECK("delivery.sigwait.consumed", !is_pending(SIGUSR1) && rec.count[SIGUSR1] == 0,
	      "pending %d, handled %d", is_pending(SIGUSR1), rec.count[SIGUSR1]);
	v.sival_int = 5150;
	sigqueue(getpid(), SIGUSR1, v);
	memset(&si, 0, sizeof(si));
	CHECK_SYSVAL("delivery.sigwaitinfo", sigwaitinfo(&s, &si), SIGUSR1);
	CHECK("delivery.sigwaitinfo.info",
	      si.si_signo == SIGUSR1 && si.si_code == LINUX_SI_QUEUE &&
		      si.si_value.sival_int == 5150 && si.si_pid == getpid(),
	      "si_signo %s, %s, value %d, pid %d", signame(si.si_signo),
	      codename(SIGUSR1, si.si_code), si.si_value.sival_int, (int)si.si_pid);
	raise(SIGUSR1);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	memset(&si, 0, sizeof(si));
	CHECK_SYSVAL("delivery.sigtimedwait.pending", sigtimedwait(&s, &si, &ts), SIGUSR1);
	/* glibc folds the kernel's SI_TKILL (raise) into SI_USER in sigwaitinfo/sigtimedwait. */
	CHECK_CODE("delivery.sigtimedwait.si_code", SIGUSR1, si.si_code, LINUX_SI_USER);
	/* The system call itself reports SI_TKILL. */
	{
		linux_sigset_t ks = {{1UL << (SIGUSR1 - 1), 0}};
		struct linux_siginfo ki;
		memset(&ki, 0, sizeof(ki));
		raise(SIGUSR1);
		CHECK_SYSVAL("delivery.rt_sigtimedwait",
			     RAW(__NR_rt_sigtimedwait, &ks, &ki, NULL, 8), SIGUSR1);
		CHECK_CODE("delivery.rt_sigtimedwait.si_code", SIGUSR1, ki.si_code, LINUX_SI_TKILL);
		CHECK_EQ("delivery.rt_sigtimedwait.si_pid", ki.fields.kill.pid, getpid());
	}
	CHECK_SYSERR("delivery.sigtimedwait.poll_eagain", sigtimedwait(&s, &si, &ts), EAGAIN);
	ts.tv_nsec = 50000000;
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_SYSERR("delivery.sigtimedwait.timeout_eagain", sigtimedwait(&s, &si, &ts), EAGAIN);
	CHECK("delivery.sigtimedwait.waited", now_ns(CLOCK_MONOTONIC) - t0 >= 50000000LL,
	      "returned after %lld ns", now_ns(CLOCK_MONOTONIC) - t0);
	ts.tv_nsec = 1000000000;
	CHECK_SYSERR("delivery.sigtimedwait.bad_nsec_einval", sigtimedwait(&s, &si, &ts), EINVAL);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	CHECK_SYSERR("delivery.sigtimedwait.negative_einval", sigtimedwait(&s, &si, &ts), EINVAL);
	CHECK_SYSERR("delivery.rt_sigtimedwait.size4_einval",
		     RAW(__NR_rt_sigtimedwait, &s, NULL, NULL, 4), EINVAL);

	/* A handled signal that is not waited for ends the wait: EINTR, even with SA_RESTART. */
	MUST("SIGALRM", on_signal_plain(SIGALRM, alrm_handler, SA_RESTART) == 0);
	alrm_hits = 0;
	ts.tv_sec = 2;
	arm_timer_ms(30);
	errno = 0;
	r = sigtimedwait(&s, &si, &ts);
	e = errno;
	CHECK("delivery.sigtimedwait.eintr", r == -1 && e == EINTR && alrm_hits == 1,
	      "got %d/%s, handler ran %d times", r, terr(e), alrm_hits);
	unblock_all();
}

/* Interrupted calls. */
static volatile int *futex_word;
static void futex_handler(int sig)
{
	(void)sig;
	alrm_hits++;
	if (futex_word)
		*futex_word = 1;
}

static void test_eintr(void)
{
	struct timespec req, rem;
	struct k_timespec32 kts;
	static volatile int word;
	long long t0;
	int r, e;
	sem_t sem;

	unblock_all();
	/* nanosleep: EINTR, the time left written, with or without SA_RESTART. */
	for (int restart = 0; restart <= 1; restart++) {
		char name[80];
		MUST("SIGALRM",
		     on_signal_plain(SIGALRM, alrm_handler, restart ? SA_RESTART : 0) == 0);
		alrm_hits = 0;
		req.tv_sec = 2;
		req.tv_nsec = 0;
		rem.tv_sec = rem.tv_nsec = -1;
		arm_timer_ms(50);
		errno = 0;
		r = nanosleep(&req, &rem);
		e = errno;
		snprintf(name, sizeof(name), "delivery.eintr.nanosleep%s",
			 restart ? "_restart" : "");
		CHECK(name, r == -1 && e == EINTR && alrm_hits == 1, "got %d/%s, handler ran %d", r,
		      terr(e), alrm_hits);
		snprintf(name, sizeof(name), "delivery.eintr.nanosleep%s_rem",
			 restart ? "_restart" : "");
		long long left = (long long)rem.tv_sec * 1000000000LL + rem.tv_nsec;
		CHECK(name, left > 1000000000LL && left < 1960000000LL && rem.tv_nsec < 1000000000L,
		      "rem %lld.%09ld", (long long)rem.tv_sec, (long)rem.tv_nsec);
	}
	/* clock_nanosleep: the error number; relative writes rem, absolute does not. */
	alrm_hits = 0;
	rem.tv_sec = rem.tv_nsec = -1;
	req.tv_sec = 2;
	req.tv_nsec = 0;
	arm_timer_ms(30);
	r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
	CHECK("delivery.eintr.clock_nanosleep", r == EINTR && alrm_hits == 1 && rem.tv_sec >= 1,
	      "got %s, handler ran %d, rem %lld s", terr(r), alrm_hits, (long long)rem.tv_sec);
	rem.tv_sec = rem.tv_nsec = -1;
	clock_gettime(CLOCK_MONOTONIC, &req);
	req.tv_sec += 2;
	arm_timer_ms(30);
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, &rem);
	CHECK("delivery.eintr.clock_nanosleep_abs",
	      r == EINTR && rem.tv_sec == -1 && rem.tv_nsec == -1,
	      "got %s, rem %lld.%ld (should be untouched)", terr(r), (long long)rem.tv_sec,
	      (long)rem.tv_nsec);

	/* futex WAIT without a timeout: EINTR; with SA_RESTART restarted (the handler changed
	 * the word, so the restarted wait finds it changed: EAGAIN). */
	futex_word = &word;
	MUST("SIGALRM", on_signal_plain(SIGALRM, futex_handler, 0) == 0);
	word = 0;
	alrm_hits = 0;
	arm_timer_ms(30);
	errno = 0;
	r = (int)futex(&word, LINUX_FUTEX_WAIT | LINUX_FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	e = errno;
	CHECK("delivery.eintr.futex_wait", r == -1 && e == EINTR && alrm_hits == 1,
	      "got %d/%s, handler ran %d", r, terr(e), alrm_hits);
	MUST("SIGALRM", on_signal_plain(SIGALRM, futex_handler, SA_RESTART) == 0);
	word = 0;
	alrm_hits = 0;
	arm_timer_ms(30);
	errno = 0;
	r = (int)futex(&word, LINUX_FUTEX_WAIT | LINUX_FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	e = errno;
	CHECK("delivery.restart.futex_wait", r == -1 && e == EAGAIN && alrm_hits == 1,
	      "got %d/%s (EAGAIN: restarted and found the word changed), handler ran %d", r,
	      terr(e), alrm_hits);
	/* With a timeout it is not restarted. */
	word = 0;
	alrm_hits = 0;
	kts.tv_sec = 2;
	kts.tv_nsec = 0;
	arm_timer_ms(30);
	errno = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	r = (int)futex(&word, LINUX_FUTEX_WAIT | LINUX_FUTEX_PRIVATE_FLAG, 0, &kts, NULL, 0);
	e = errno;
	CHECK("delivery.restart.futex_wait_timeout_eintr", r == -1 && e == EINTR && alrm_hits == 1,
	      "got %d/%s, handler ran %d", r, terr(e), alrm_hits);
	CHECK("delivery.restart.futex_wait_timeout_early",
	      now_ns(CLOCK_MONOTONIC) - t0 < 1500000000LL, "returned after %lld ms",
	      (now_ns(CLOCK_MONOTONIC) - t0) / 1000000);
	futex_word = NULL;

	/* sem_wait: EINTR without SA_RESTART; restarted with it (the handler posts). */
	sem_init(&sem, 0, 0);
	MUST("SIGALRM", on_signal_plain(SIGALRM, alrm_handler, 0) == 0);
	alrm_hits = 0;
	arm_timer_ms(30);
	errno = 0;
	r = sem_wait(&sem);
	e = errno;
	CHECK("delivery.eintr.sem_wait", r == -1 && e == EINTR && alrm_hits == 1,
	      "got %d/%s, handler ran %d", r, terr(e), alrm_hits);
	sem_destroy(&sem);

	/* sigsuspend: EINTR even with SA_RESTART. */
	MUST("SIGALRM", on_signal_plain(SIGALRM, alrm_handler, SA_RESTART) == 0);
	sigset_t none;
	sigemptyset(&none);
	alrm_hits = 0;
	arm_timer_ms(30);
	errno = 0;
	r = sigsuspend(&none);
	e = errno;
	CHECK("delivery.restart.sigsuspend_eintr", r == -1 && e == EINTR && alrm_hits == 1,
	      "got %d/%s, handler ran %d", r, terr(e), alrm_hits);
	disarm_timer();
	signal(SIGALRM, SIG_DFL);
}

static sem_t posted;
static void posting_handler(int sig)
{
	(void)sig;
	alrm_hits++;
	sem_post(&posted);
}

static void test_sem_restart(void)
{
	int r, e;

	sem_init(&posted, 0, 0);
	MUST("SIGALRM", on_signal_plain(SIGALRM, posting_handler, SA_RESTART) == 0);
	alrm_hits = 0;
	arm_timer_ms(30);
	errno = 0;
	r = sem_wait(&posted);
	e = errno;
	CHECK("delivery.restart.sem_wait", r == 0 && alrm_hits == 1,
	      "got %d/%s (0: restarted, then took the handler's post), handler ran %d", r, terr(e),
	      alrm_hits);
	sem_destroy(&posted);
	signal(SIGALRM, SIG_DFL);
}

static int run(void)
{
	test_pending();
	test_order();
	test_mask_in_handler();
	test_resethand();
	test_default_ignored();
	test_sigwait();
	test_eintr();
	test_sem_restart();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
