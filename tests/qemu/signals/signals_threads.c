/*
 * Signals and threads (issue 13): masks per thread (inherited at pthread_create, changed
 * for the calling thread only), a process-directed signal going to the thread that has it
 * unblocked, pthread_kill and raise reaching exactly their thread, pending sets per thread
 * and per process, handlers and dispositions shared by all threads, alternate stacks per
 * thread, a fault handled in the faulting thread, threads in sigsuspend, nanosleep and
 * pthread_cond_wait woken or interrupted by a handler, sigwait in a thread of its own, a
 * signal sent as pthread_create returns not run before the new thread's start code.
 * (A thread getting a fatal signal ends the whole process: signals_fatal.c.)
 */
#include "sig_check.h"

static volatile int go, ready, done;
static volatile int t_blocked_usr2, t_pending_usr2, t_result, t_errno;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static volatile int predicate;

static void reset_flags(void)
{
	go = ready = done = 0;
	t_blocked_usr2 = t_pending_usr2 = t_result = t_errno = 0;
}

/* Unblocks SIGUSR1 for itself, says it is ready and sleeps until told to go. */
static void *unblocking_waiter(void *arg)
{
	(void)arg;
	t_blocked_usr2 = blocked(SIGUSR2); /* inherited from main */
	unblock(SIGUSR1);
	ready = 1;
	WAIT_FOR(go, 5000);
	return NULL;
}

static void test_process_directed(void)
{
	pthread_t t;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	unblock_all();
	reset_flags();
	block(SIGUSR1);
	block(SIGUSR2);
	t = spawn(unblocking_waiter, NULL);
	WAIT_FOR(ready, 5000);
	CHECK("threads.mask.inherited", t_blocked_usr2, "SIGUSR2 not blocked in the new thread");
	CHECK("threads.mask.own", blocked(SIGUSR1), "the thread's unblock changed main's mask");
	rec_reset();
	CHECK_ZERO("threads.kill.process", kill(getpid(), SIGUSR1));
	WAIT_FOR(rec.count[SIGUSR1] == 1, 2000);
	CHECK_EQ("threads.kill.delivered_once", rec.count[SIGUSR1], 1);
	CHECK("threads.kill.to_unblocked_thread", pthread_equal(rec.self, t),
	      "the handler ran in another thread");
	CHECK("threads.kill.not_pending_in_main", !is_pending(SIGUSR1), "pending in main");
	go = 1;
	join(t);
	unblock_all();
}

static void *plain_waiter(void *arg)
{
	(void)arg;
	ready++;
	WAIT_FOR(go, 5000);
	return NULL;
}

static void test_thread_directed(void)
{
	pthread_t t1, t2;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	unblock_all();
	reset_flags();
	t1 = spawn(plain_waiter, NULL);
	t2 = spawn(plain_waiter, NULL);
	WAIT_FOR(ready == 2, 5000);
	rec_reset();
	CHECK_RC("threads.pthread_kill", pthread_kill(t2, SIGUSR1), 0);
	WAIT_FOR(rec.count[SIGUSR1] == 1, 2000);
	CHECK_EQ("threads.pthread_kill.once", rec.count[SIGUSR1], 1);
	CHECK("threads.pthread_kill.target", pthread_equal(rec.self, t2), "ran in another thread");
	CHECK_CODE("threads.pthread_kill.si_code", SIGUSR1, rec.code, LINUX_SI_TKILL);
	CHECK_EQ("threads.pthread_kill.si_pid", rec.pid, getpid());
	rec_reset();
	pthread_kill(t1, SIGUSR1);
	WAIT_FOR(rec.count[SIGUSR1] == 1, 2000);
	CHECK("threads.pthread_kill.other_target",
	      rec.count[SIGUSR1] == 1 && pthread_equal(rec.self, t1), "%d deliveries, in t1 %d",
	      rec.count[SIGUSR1], pthread_equal(rec.self, t1));
	CHECK_RC("threads.pthread_kill.sig0", pthread_kill(t1, 0), 0);
	CHECK_RC("threads.pthread_kill.bad_sig_einval", pthread_kill(t1, 65), EINVAL);
	rec_reset();
	CHECK_RC("threads.pthread_kill.self", pthread_kill(pthread_self(), SIGUSR1), 0);
	CHECK("threads.pthread_kill.self_at_once",
	      rec.count[SIGUSR1] == 1 && pthread_equal(rec.self, pthread_self()), "%d deliveries",
	      rec.count[SIGUSR1]);
	go = 1;
	join(t1);
	join(t2);
}

/* Pending per thread and per process. */
static void *pending_checker(void *arg)
{
	(void)arg;
	block(SIGUSR2);
	ready = 1;
	WAIT_FOR(go == 1, 5000);
	t_pending_usr2 = is_pending(SIGUSR2);
	ready = 2;
	WAIT_FOR(go == 2, 5000);
	unblock(SIGUSR2); /* delivered here, now */
	ready = 3;
	WAIT_FOR(go == 3, 5000);
	return NULL;
}

static void test_pending(void)
{
	pthread_t t;

	MUST_HANDLE(SIGUSR2, rec_handler, 0);
	unblock_all();

	/* Thread-directed: pending for that thread only. */
	reset_flags();
	t = spawn(pending_checker, NULL);
	WAIT_FOR(ready == 1, 5000);
	rec_reset();
	block(SIGUSR2);
	pthread_kill(t, SIGUSR2);
	go = 1;
	WAIT_FOR(ready == 2, 5000);
	CHECK("threads.pending.thread_sees_it", t_pending_usr2, "not pending in the target");
	CHECK("threads.pending.main_does_not", !is_pending(SIGUSR2), "pending in main");
	unblock(SIGUSR2);
	CHECK_EQ("threads.pending.not_delivered_to_main", rec.count[SIGUSR2], 0);
	go = 2;
	WAIT_FOR(ready == 3, 5000);
	CHECK("threads.pending.delivered_on_unblock",
	      rec.count[SIGUSR2] == 1 && pthread_equal(rec.self, t), "%d deliveries, in t %d",
	      rec.count[SIGUSR2], pthread_equal(rec.self, t));
	go = 3;
	join(t);

	/* Process-directed with every thread blocking it: pending for all; the first thread to
	 * unblock it takes it. */
	reset_flags();
	t = spawn(pending_checker, NULL);
	WAIT_FOR(ready == 1, 5000);
	rec_reset();
	block(SIGUSR2);
	kill(getpid(), SIGUSR2);
	go = 1;
	WAIT_FOR(ready == 2, 5000);
	CHECK("threads.pending.process_seen_by_thread", t_pending_usr2,
	      "not pending in the thread");
	CHECK("threads.pending.process_seen_by_main", is_pending(SIGUSR2), "not pending in main");
	go = 2;
	WAIT_FOR(ready == 3, 5000);
	CHECK("threads.pending.process_taken_by_unblocker",
	      rec.count[SIGUSR2] == 1 && pthread_equal(rec.self, t), "%d deliveries, in t %d",
	      rec.count[SIGUSR2], pthread_equal(rec.self, t));
	CHECK("threads.pending.process_gone", !is_pending(SIGUSR2), "still pending in main");
	go = 3;
	join(t);
	unblock_all();
}

/* Dispositions are the process's; alternate stacks are the thread's. */
static void *installer(void *arg)
{
	stack_t ss;

	(void)arg;
	on_signal(SIGUSR2, rec_handler, 0);
	sigaltstack(NULL, &ss);
	t_result = ss.ss_flags;
	return NULL;
}

static void test_shared_dispositions(void)
{
	static char alt[4 * LINUX_SIGSTKSZ] __attribute__((aligned(16)));
	stack_t ss;

	signal(SIGUSR2, SIG_DFL);
	ss.ss_sp = alt;
	ss.ss_size = sizeof(alt);
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	reset_flags();
	join(spawn(installer, NULL));
	CHECK_PTR("threads.disposition.shared", handler_of(SIGUSR2), rec_handler);
	rec_reset();
	raise(SIGUSR2);
	CHECK_EQ("threads.disposition.runs_in_main", rec.count[SIGUSR2], 1);
	CHECK_EQ("threads.altstack.not_inherited", t_result, SS_DISABLE);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	signal(SIGUSR2, SIG_DFL);
}

/* A fault in a thread is handled in that thread. */
static __thread sigjmp_buf thread_jb;
static volatile int fault_in_thread;
static void thread_fault_handler(int sig, siginfo_t *si, void *uc)
{
	rec_handler(sig, si, uc);
	siglongjmp(thread_jb, 1);
}
static void *faulter(void *arg)
{
	if (!sigsetjmp(thread_jb, 1)) {
		(void)*(volatile char *)arg;
		return (void *)1;
	}
	fault_in_thread = 1;
	return (void *)2;
}

static void test_fault_in_thread(void)
{
	char *bad = unmapped_page();
	pthread_t t;

	MUST_HANDLE(SIGSEGV, thread_fault_handler, 0);
	rec_reset();
	fault_in_thread = 0;
	t = spawn(faulter, bad + 5);
	CHECK_PTR("threads.fault.recovered", join(t), (void *)2);
	CHECK("threads.fault.in_that_thread", pthread_equal(rec.self, t) && rec.addr == bad + 5,
	      "in t %d, si_addr %p", pthread_equal(rec.self, t), rec.addr);
	CHECK_CODE("threads.fault.si_code", SIGSEGV, rec.code, LINUX_SEGV_MAPERR);
	signal(SIGSEGV, SIG_DFL);
}

/* Threads waiting: sigsuspend, nanosleep, pthread_cond_wait. */
static void *suspender(void *arg)
{
	sigset_t none;

	(void)arg;
	block(SIGUSR1);
	sigemptyset(&none);
	ready = 1;
	errno = 0;
	t_result = sigsuspend(&none);
	t_errno = errno;
	t_blocked_usr2 = blocked(SIGUSR1); /* the mask is back */
	done = 1;
	return NULL;
}

static void *sleeper(void *arg)
{
	struct timespec req = {3, 0}, rem = {0, 0};

	(void)arg;
	ready = 1;
	errno = 0;
	t_result = nanosleep(&req, &rem);
	t_errno = errno;
	t_pending_usr2 = (int)rem.tv_sec;
	done = 1;
	return NULL;
}

static void *cond_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	ready = 1;
	while (!predicate) {
		int r = pthread_cond_wait(&cv, &m);
		if (r)
			t_errno = r;
		t_result++; /* wake-ups (a handler may cause a spurious one) */
	}
	t_blocked_usr2 = pthread_mutex_trylock(&m); /* held: EBUSY */
	pthread_mutex_unlock(&m);
	done = 1;
	return NULL;
}

static void test_waiting_threads(void)
{
	pthread_t t;
	long long t0;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	unblock_all();

	reset_flags();
	rec_reset();
	t = spawn(suspender, NULL);
	WAIT_FOR(ready, 5000);
	sleep_ms(20); /* in sigsuspend by now */
	pthread_kill(t, SIGUSR1);
	WAIT_FOR(done, 5000);
	CHECK("threads.sigsuspend.eintr", done && t_result == -1 && t_errno == EINTR,
	      "done %d, got %d/%s", done, t_result, terr(t_errno));
	CHECK("threads.sigsuspend.handler_in_thread",
	      rec.count[SIGUSR1] == 1 && pthread_equal(rec.self, t), "%d deliveries",
	      rec.count[SIGUSR1]);
	CHECK("threads.sigsuspend.mask_back", t_blocked_usr2, "SIGUSR1 not blocked after");
	join(t);

	reset_flags();
	rec_reset();
	t = spawn(sleeper, NULL);
	WAIT_FOR(ready, 5000);
	sleep_ms(20);
	t0 = now_ns(CLOCK_MONOTONIC);
	pthread_kill(t, SIGUSR1);
	WAIT_FOR(done, 5000);
	CHECK("threads.nanosleep.eintr", done && t_result == -1 && t_errno == EINTR,
	      "done %d, got %d/%s", done, t_result, terr(t_errno));
	CHECK("threads.nanosleep.early",
	      now_ns(CLOCK_MONOTONIC) - t0 < 1000000000LL && t_pending_usr2 >= 2,
	      "woke after %lld ms, rem %d s", (now_ns(CLOCK_MONOTONIC) - t0) / 1000000,
	      t_pending_usr2);
	join(t);

	/* pthread_cond_wait: the handler runs in the waiter, the wait goes on (or wakes
	 * spuriously, which the loop absorbs) and ends normally when signalled. */
	reset_flags();
	rec_reset();
	predicate = 0;
	t = spawn(cond_waiter, NULL);
	WAIT_FOR(ready, 5000);
	pthread_mutex_lock(&m); /* the waiter is in pthread_cond_wait now */
	pthread_mutex_unlock(&m);
	sleep_ms(20);
	pthread_kill(t, SIGUSR1);
	WAIT_FOR(rec.count[SIGUSR1] == 1, 2000);
	sleep_ms(20);
	CHECK("threads.cond_wait.handler_in_waiter",
	      rec.count[SIGUSR1] == 1 && pthread_equal(rec.self, t), "%d deliveries",
	      rec.count[SIGUSR1]);
	CHECK_EQ("threads.cond_wait.still_waiting", done, 0);
	pthread_mutex_lock(&m);
	predicate = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&m);
	WAIT_FOR(done, 5000);
	CHECK("threads.cond_wait.returned_normally", done && t_errno == 0,
	      "done %d, pthread_cond_wait error %s", done, terr(t_errno));
	CHECK_EQ("threads.cond_wait.mutex_held", t_blocked_usr2, EBUSY);
	join(t);
}

/* A thread of its own takes a signal every thread blocks, with sigwait. */
static void *waiter_thread(void *arg)
{
	sigset_t s = set_of(SIGTERM);
	int sig = 0;

	(void)arg;
	ready = 1;
	t_errno = sigwait(&s, &sig);
	t_result = sig;
	done = 1;
	return NULL;
}

static void test_sigwait_thread(void)
{
	pthread_t t;

	reset_flags();
	block(SIGTERM);
	t = spawn(waiter_thread, NULL);
	WAIT_FOR(ready, 5000);
	sleep_ms(10);
	kill(getpid(), SIGTERM);
	WAIT_FOR(done, 5000);
	CHECK("threads.sigwait.took_it", done && t_errno == 0 && t_result == SIGTERM,
	      "done %d, sigwait %s, signal %s", done, terr(t_errno), signame(t_result));
	CHECK("threads.sigwait.none_left", !is_pending(SIGTERM), "SIGTERM still pending");
	join(t);
	unblock_all();
}

/* raise in a thread: that thread. */
static void *raiser(void *arg)
{
	(void)arg;
	raise(SIGUSR1);
	t_result = rec.count[SIGUSR1];
	return NULL;
}

static void test_raise_in_thread(void)
{
	pthread_t t;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	reset_flags();
	rec_reset();
	t = spawn(raiser, NULL);
	join(t);
	CHECK("threads.raise.in_thread", t_result == 1 && pthread_equal(rec.self, t),
	      "%d deliveries before raise returned, in t %d", t_result, pthread_equal(rec.self, t));
	CHECK_CODE("threads.raise.si_code", SIGUSR1, rec.code, LINUX_SI_TKILL);
}

/*
 * A signal sent to a thread as pthread_create returns, when the thread may not have run yet:
 * delivered once, on that thread, with the creator's mask. pthread_create clones with every
 * signal blocked (as glibc's does), so the handler cannot run before the thread's start code
 * has put the creator's mask back: on uniarm, whose new thread starts at the top of the stack
 * it is given (fn and arg just below), the handler does not interrupt it there, at the return
 * from clone, but in its start code, below its frame. (glibc puts its descriptor at the top of
 * a given stack: there only the delivery is checked.)
 */
static char create_stack[64 * 1024] __attribute__((aligned(16)));
static volatile int create_started;

static void *create_start(void *arg)
{
	(void)arg;
	create_started = 1;
	return NULL;
}

static void test_signal_during_create(void)
{
	pthread_attr_t attr;
	pthread_t t;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	unblock_all();
	block(SIGUSR2);
	rec_reset();
	create_started = 0;
	MUST_RC("pthread_attr_init", pthread_attr_init(&attr));
	MUST_RC("pthread_attr_setstack",
		pthread_attr_setstack(&attr, create_stack, sizeof(create_stack)));
	MUST_RC("pthread_create", pthread_create(&t, &attr, create_start, NULL));
	CHECK_RC("threads.create.kill_at_once", pthread_kill(t, SIGUSR1), 0);
	join(t);
	pthread_attr_destroy(&attr);
	CHECK("threads.create.delivered_on_thread",
	      rec.count[SIGUSR1] == 1 && pthread_equal(rec.self, t) && create_started,
	      "%d deliveries, on the thread %d, started %d", rec.count[SIGUSR1],
	      pthread_equal(rec.self, t), create_started);
	CHECK("threads.create.creator_mask",
	      (rec.uc_mask[0] & (1UL << (SIGUSR2 - 1))) &&
		      !(rec.uc_mask[0] & (1UL << (SIGUSR1 - 1))),
	      "uc_sigmask %#lx %#lx: want SIGUSR2 blocked, SIGUSR1 not", rec.uc_mask[0],
	      rec.uc_mask[1]);
#ifndef __linux__
	CHECK("threads.create.not_at_clone_return",
	      rec.sp < (unsigned long)(create_stack + sizeof(create_stack)) - 8,
	      "interrupted at sp %#lx, the stack's top %p: at the return from clone",
	      (unsigned long)rec.sp, (void *)(create_stack + sizeof(create_stack)));
#endif
	unblock_all();
}

static int run(void)
{
	test_process_directed();
	test_thread_directed();
	test_pending();
	test_shared_dispositions();
	test_fault_in_thread();
	test_waiting_threads();
	test_sigwait_thread();
	test_raise_in_thread();
	test_signal_during_create();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
