/*
 * Synchronisation between threads (issue 12): preemption (threads that spin without system
 * calls still let the others run), mutual exclusion under preemption, condition variables
 * (ping-pong, broadcast, timed waits on CLOCK_REALTIME and CLOCK_MONOTONIC), the mutex types,
 * rwlocks, barriers, spinlocks and semaphores, each with its error cases. Linux (glibc) is the
 * reference: README.md. Without a preemptive scheduler the first checks never end: CTest's
 * TIMEOUT catches that.
 */
#include "thr_check.h"

#ifndef SEM_VALUE_MAX
#define SEM_VALUE_MAX INT_MAX
#endif

static long long elapsed_ms(long long t0)
{
	return (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
}

/* --- preemption -------------------------------------------------------------------------- */

static volatile int spin_flag;

static void *set_flag_after_work(void *arg)
{
	volatile unsigned long x = 0;

	(void)arg;
	for (unsigned long i = 0; i < 100000; i++)
		x = x + i;
	spin_flag = 1;
	return NULL;
}

static volatile int turn, rounds_a, rounds_b;
#define SPIN_ROUNDS 10

/* Two threads hand a turn back and forth through memory only: each hand-off needs the spinning
 * thread to be preempted. */
static void *spin_turn_a(void *arg)
{
	(void)arg;
	for (int i = 0; i < SPIN_ROUNDS; i++) {
		while (turn != 0)
			;
		rounds_a++;
		turn = 1;
	}
	return NULL;
}

static void *spin_turn_b(void *arg)
{
	(void)arg;
	for (int i = 0; i < SPIN_ROUNDS; i++) {
		while (turn != 1)
			;
		rounds_b++;
		turn = 0;
	}
	return NULL;
}

static void test_preemption(void)
{
	/* Main spins, no system call, until a thread it created has run. */
	spin_flag = 0;
	pthread_t t = spawn(set_flag_after_work, NULL);
	long long t0 = now_ns(CLOCK_MONOTONIC);
	while (!spin_flag)
		;
	join(t);
	t_ok("preempt.main_spins_thread_runs");
	t_note("main spun %lld ms", elapsed_ms(t0));

	/* Two threads spin against each other while main waits in join. */
	turn = 0;
	pthread_t a = spawn(spin_turn_a, NULL), b = spawn(spin_turn_b, NULL);
	join(a);
	join(b);
	CHECK("preempt.two_spinners_alternate", rounds_a == SPIN_ROUNDS && rounds_b == SPIN_ROUNDS,
	      "rounds %d and %d", rounds_a, rounds_b);
}

/* --- mutual exclusion -------------------------------------------------------------------- */

#define NCOUNT 4
#define PER    50000
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile unsigned long counter;

/* A read-modify-write with some work between the read and the write: without the lock, a
 * preemption inside it loses increments. */
static void *count_with_mutex(void *arg)
{
	(void)arg;
	for (int i = 0; i < PER; i++) {
		pthread_mutex_lock(&count_lock);
		unsigned long c = counter;
		for (volatile int k = 0; k < 5; k++)
			;
		counter = c + 1;
		pthread_mutex_unlock(&count_lock);
	}
	return NULL;
}

static pthread_spinlock_t count_spin;

static void *count_with_spinlock(void *arg)
{
	(void)arg;
	for (int i = 0; i < PER / 2; i++) {
		pthread_spin_lock(&count_spin);
		unsigned long c = counter;
		for (volatile int k = 0; k < 5; k++)
			;
		counter = c + 1;
		pthread_spin_unlock(&count_spin);
	}
	return NULL;
}

static void test_mutual_exclusion(void)
{
	pthread_t t[NCOUNT];

	counter = 0;
	for (int i = 0; i < NCOUNT; i++)
		t[i] = spawn(count_with_mutex, NULL);
	for (int i = 0; i < NCOUNT; i++)
		join(t[i]);
	CHECK_EQ("mutex.counter_exact", counter, NCOUNT * PER);

	CHECK_RC("spin.init", pthread_spin_init(&count_spin, PTHREAD_PROCESS_PRIVATE), 0);
	counter = 0;
	for (int i = 0; i < NCOUNT; i++)
		t[i] = spawn(count_with_spinlock, NULL);
	for (int i = 0; i < NCOUNT; i++)
		join(t[i]);
	CHECK_EQ("spin.counter_exact", counter, NCOUNT * (PER / 2));
	CHECK_RC("spin.lock", pthread_spin_lock(&count_spin), 0);
	CHECK_RC("spin.trylock_held_ebusy", pthread_spin_trylock(&count_spin), EBUSY);
	CHECK_RC("spin.unlock", pthread_spin_unlock(&count_spin), 0);
	CHECK_RC("spin.trylock_free", pthread_spin_trylock(&count_spin), 0);
	CHECK_RC("spin.unlock_again", pthread_spin_unlock(&count_spin), 0);
	CHECK_RC("spin.destroy", pthread_spin_destroy(&count_spin), 0);
}

/* --- condition variables ----------------------------------------------------------------- */

#define PINGPONG 1000
static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int pp_turn, pp_steps, pp_bad;

static void *pingpong(void *arg)
{
	int me = (int)(uintptr_t)arg;

	for (int i = 0; i < PINGPONG; i++) {
		pthread_mutex_lock(&pp_lock);
		while (pp_turn != me)
			pthread_cond_wait(&pp_cond, &pp_lock);
		if (pp_steps % 2 != me)
			pp_bad++;
		pp_steps++;
		pp_turn = !me;
		pthread_cond_signal(&pp_cond);
		pthread_mutex_unlock(&pp_lock);
	}
	return NULL;
}

static pthread_mutex_t bc_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t bc_cond = PTHREAD_COND_INITIALIZER;
static int bc_go, bc_waiting, bc_woken;

static void *broadcast_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&bc_lock);
	bc_waiting++;
	while (!bc_go)
		pthread_cond_wait(&bc_cond, &bc_lock);
	bc_woken++;
	pthread_mutex_unlock(&bc_lock);
	return NULL;
}

static void test_cond(void)
{
	pp_turn = 0;
	pthread_t a = spawn(pingpong, (void *)0), b = spawn(pingpong, (void *)1);
	join(a);
	join(b);
	CHECK_EQ("cond.pingpong_steps", pp_steps, 2 * PINGPONG);
	CHECK_EQ("cond.pingpong_alternates", pp_bad, 0);

	pthread_t w[4];
	for (int i = 0; i < 4; i++)
		w[i] = spawn(broadcast_waiter, NULL);
	CHECK("cond.broadcast_waiters_ready",
	      WAIT_FOR(__atomic_load_n(&bc_waiting, __ATOMIC_SEQ_CST) == 4, 5000), "%d waiting",
	      bc_waiting);
	sleep_ms(10);
	pthread_mutex_lock(&bc_lock);
	bc_go = 1;
	CHECK_RC("cond.broadcast", pthread_cond_broadcast(&bc_cond), 0);
	pthread_mutex_unlock(&bc_lock);
	for (int i = 0; i < 4; i++)
		join(w[i]);
	CHECK_EQ("cond.broadcast_wakes_all", bc_woken, 4);
	CHECK_RC("cond.signal_no_waiter", pthread_cond_signal(&bc_cond), 0);
	CHECK_RC("cond.broadcast_no_waiter", pthread_cond_broadcast(&bc_cond), 0);

	/* Timed waits: an errorcheck mutex, so that unlock says whether it was held again. */
	pthread_mutexattr_t ma;
	pthread_mutex_t m;
	pthread_cond_t c;
	pthread_condattr_t ca;
	struct timespec ts;
	clockid_t clk = -1;
	long long t0;

	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &ma);
	pthread_cond_init(&c, NULL);

	pthread_condattr_init(&ca);
	CHECK_RC("condattr.getclock_default", pthread_condattr_getclock(&ca, &clk), 0);
	CHECK_EQ("condattr.default_realtime", clk, CLOCK_REALTIME);

	pthread_mutex_lock(&m);
	ts = deadline_ms(CLOCK_REALTIME, 50);
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_RC("cond.timedwait_realtime_etimedout", pthread_cond_timedwait(&c, &m, &ts),
		 ETIMEDOUT);
	CHECK("cond.timedwait_realtime_waited", elapsed_ms(t0) >= 49, "returned after %lld ms",
	      elapsed_ms(t0));
	CHECK_RC("cond.timedwait_relocks", pthread_mutex_unlock(&m), 0);

	pthread_mutex_lock(&m);
	ts = deadline_ms(CLOCK_REALTIME, -1000);
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_RC("cond.timedwait_past_etimedout", pthread_cond_timedwait(&c, &m, &ts), ETIMEDOUT);
	CHECK("cond.timedwait_past_at_once", elapsed_ms(t0) < 1000, "took %lld ms", elapsed_ms(t0));
	ts = deadline_ms(CLOCK_REALTIME, 50);
	ts.tv_nsec = 1000000000L;
	CHECK_RC("cond.timedwait_bad_nsec_einval", pthread_cond_timedwait(&c, &m, &ts), EINVAL);
	CHECK_RC("cond.timedwait_bad_nsec_still_locked", pthread_mutex_unlock(&m), 0);
	pthread_cond_destroy(&c);

	CHECK_RC("condattr.setclock_monotonic", pthread_condattr_setclock(&ca, CLOCK_MONOTONIC), 0);
	CHECK_RC("condattr.getclock", pthread_condattr_getclock(&ca, &clk), 0);
	CHECK_EQ("condattr.getclock_monotonic", clk, CLOCK_MONOTONIC);
	CHECK_RC("condattr.setclock_cputime_einval",
		 pthread_condattr_setclock(&ca, CLOCK_PROCESS_CPUTIME_ID), EINVAL);
	CHECK_RC("cond.init_monotonic", pthread_cond_init(&c, &ca), 0);
	pthread_mutex_lock(&m);
	ts = deadline_ms(CLOCK_MONOTONIC, 50);
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_RC("cond.timedwait_monotonic_etimedout", pthread_cond_timedwait(&c, &m, &ts),
		 ETIMEDOUT);
	CHECK("cond.timedwait_monotonic_waited", elapsed_ms(t0) >= 49,
	      "returned after %lld ms (deadline read on the wrong clock?)", elapsed_ms(t0));
	CHECK_RC("cond.timedwait_monotonic_relocks", pthread_mutex_unlock(&m), 0);
	pthread_cond_destroy(&c);
	pthread_condattr_destroy(&ca);
	pthread_mutex_destroy(&m);
	pthread_mutexattr_destroy(&ma);
}

/* --- mutex types ------------------------------------------------------------------------- */

static pthread_mutex_t *other_target;

static void *other_trylock(void *arg)
{
	(void)arg;
	int rc = pthread_mutex_trylock(other_target);
	if (rc == 0)
		pthread_mutex_unlock(other_target);
	return (void *)(uintptr_t)rc;
}

static void *other_unlock(void *arg)
{
	(void)arg;
	return (void *)(uintptr_t)pthread_mutex_unlock(other_target);
}

static volatile int holder_has_it, holder_release;

static void *hold_mutex(void *arg)
{
	(void)arg;
	pthread_mutex_lock(other_target);
	holder_has_it = 1;
	while (!holder_release)
		sleep_ms(1);
	pthread_mutex_unlock(other_target);
	return NULL;
}

static int in_other_thread(void *(*fn)(void *), pthread_mutex_t *m)
{
	other_target = m;
	return (int)(uintptr_t)join(spawn(fn, NULL));
}

static void test_mutex_types(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t m;
	int type = -1;

	CHECK_RC("mutexattr.init", pthread_mutexattr_init(&a), 0);
	CHECK_RC("mutexattr.gettype_default", pthread_mutexattr_gettype(&a, &type), 0);
	CHECK_EQ("mutexattr.default_is_default", type, PTHREAD_MUTEX_DEFAULT);
	CHECK_RC("mutexattr.settype_bad_einval", pthread_mutexattr_settype(&a, 99), EINVAL);

	/* Normal. */
	pthread_mutex_init(&m, NULL);
	CHECK_RC("mutex.normal.lock", pthread_mutex_lock(&m), 0);
	CHECK_RC("mutex.normal.trylock_self_ebusy", pthread_mutex_trylock(&m), EBUSY);
	CHECK_RC("mutex.normal.trylock_other_ebusy", in_other_thread(other_trylock, &m), EBUSY);
	CHECK_RC("mutex.normal.destroy_locked_ebusy", pthread_mutex_destroy(&m), EBUSY);
	CHECK_RC("mutex.normal.unlock", pthread_mutex_unlock(&m), 0);
	CHECK_RC("mutex.normal.trylock_other_free", in_other_thread(other_trylock, &m), 0);
	CHECK_RC("mutex.normal.destroy", pthread_mutex_destroy(&m), 0);

	/* Recursive. */
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutexattr_gettype(&a, &type);
	CHECK_EQ("mutexattr.gettype_recursive", type, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &a);
	CHECK_RC("mutex.recursive.lock1", pthread_mutex_lock(&m), 0);
	CHECK_RC("mutex.recursive.lock2", pthread_mutex_lock(&m), 0);
	CHECK_RC("mutex.recursive.lock3", pthread_mutex_lock(&m), 0);
	CHECK_RC("mutex.recursive.trylock4", pthread_mutex_trylock(&m), 0);
	CHECK_RC("mutex.recursive.trylock_other_ebusy", in_other_thread(other_trylock, &m), EBUSY);
	CHECK_RC("mutex.recursive.unlock_by_other_eperm", in_other_thread(other_unlock, &m), EPERM);
	int unlocked = 0;
	for (int i = 0; i < 4; i++)
		unlocked += pthread_mutex_unlock(&m) == 0;
	CHECK_EQ("mutex.recursive.four_unlocks", unlocked, 4);
	CHECK_RC("mutex.recursive.free_after_last_unlock", in_other_thread(other_trylock, &m), 0);
	CHECK_RC("mutex.recursive.unlock_unlocked_eperm", pthread_mutex_unlock(&m), EPERM);
	pthread_mutex_destroy(&m);

	/* Error-checking. */
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &a);
	CHECK_RC("mutex.errorcheck.lock", pthread_mutex_lock(&m), 0);
	CHECK_RC("mutex.errorcheck.relock_edeadlk", pthread_mutex_lock(&m), EDEADLK);
	CHECK_RC("mutex.errorcheck.trylock_self_ebusy", pthread_mutex_trylock(&m), EBUSY);
	CHECK_RC("mutex.errorcheck.unlock_by_other_eperm", in_other_thread(other_unlock, &m),
		 EPERM);
	CHECK_RC("mutex.errorcheck.unlock", pthread_mutex_unlock(&m), 0);
	CHECK_RC("mutex.errorcheck.unlock_unlocked_eperm", pthread_mutex_unlock(&m), EPERM);
	pthread_mutex_destroy(&m);
	pthread_mutexattr_destroy(&a);

	/* timedlock against a holder in another thread. */
	pthread_mutex_init(&m, NULL);
	other_target = &m;
	holder_has_it = holder_release = 0;
	pthread_t h = spawn(hold_mutex, NULL);
	MUST("holder thread took the mutex", WAIT_FOR(holder_has_it, 5000));
	struct timespec ts = deadline_ms(CLOCK_REALTIME, 50);
	long long t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_RC("mutex.timedlock_held_etimedout", pthread_mutex_timedlock(&m, &ts), ETIMEDOUT);
	CHECK("mutex.timedlock_waited", elapsed_ms(t0) >= 49, "returned after %lld ms",
	      elapsed_ms(t0));
	ts = deadline_ms(CLOCK_REALTIME, 50);
	ts.tv_nsec = -1;
	CHECK_RC("mutex.timedlock_bad_nsec_einval", pthread_mutex_timedlock(&m, &ts), EINVAL);
	CHECK_RC("mutex.trylock_held_by_other_ebusy", pthread_mutex_trylock(&m), EBUSY);
	holder_release = 1;
	ts = deadline_ms(CLOCK_REALTIME, 5000);
	CHECK_RC("mutex.timedlock_after_release", pthread_mutex_timedlock(&m, &ts), 0);
	pthread_mutex_unlock(&m);
	join(h);
	pthread_mutex_destroy(&m);
}

/* --- rwlocks ----------------------------------------------------------------------------- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static volatile int readers_inside, rw_release, rw_holding;

static void *reader_meets_others(void *arg)
{
	(void)arg;
	if (pthread_rwlock_rdlock(&rw))
		return (void *)0;
	__atomic_add_fetch(&readers_inside, 1, __ATOMIC_SEQ_CST);
	/* All three hold the read lock at the same time. */
	int met = WAIT_FOR(__atomic_load_n(&readers_inside, __ATOMIC_SEQ_CST) == 3, 5000);
	pthread_rwlock_unlock(&rw);
	return (void *)(uintptr_t)met;
}

static void *hold_rw(void *arg)
{
	int write = (int)(uintptr_t)arg;

	if (write)
		pthread_rwlock_wrlock(&rw);
	else
		pthread_rwlock_rdlock(&rw);
	rw_holding = 1;
	while (!rw_release)
		sleep_ms(1);
	pthread_rwlock_unlock(&rw);
	return NULL;
}

static volatile unsigned long pair_a, pair_b;
static volatile int torn_reads;

static void *rw_writer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3000; i++) {
		pthread_rwlock_wrlock(&rw);
		pair_a++;
		for (volatile int k = 0; k < 10; k++)
			;
		pair_b++;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void *rw_reader(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3000; i++) {
		pthread_rwlock_rdlock(&rw);
		unsigned long a = pair_a;
		for (volatile int k = 0; k < 10; k++)
			;
		if (pair_b != a || pair_a != a)
			torn_reads++;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void test_rwlock(void)
{
	pthread_t t[4];
	struct timespec ts;

	int met = 0;
	for (int i = 0; i < 3; i++)
		t[i] = spawn(reader_meets_others, NULL);
	for (int i = 0; i < 3; i++)
		met += join(t[i]) == (void *)1;
	CHECK_EQ("rwlock.readers_hold_it_together", met, 3);

	/* A reader elsewhere: more readers get in, a writer does not. */
	rw_holding = rw_release = 0;
	t[0] = spawn(hold_rw, (void *)0);
	MUST("reader took the rwlock", WAIT_FOR(rw_holding, 5000));
	CHECK_RC("rwlock.tryrdlock_with_reader", pthread_rwlock_tryrdlock(&rw), 0);
	CHECK_RC("rwlock.unlock_read", pthread_rwlock_unlock(&rw), 0);
	CHECK_RC("rwlock.trywrlock_with_reader_ebusy", pthread_rwlock_trywrlock(&rw), EBUSY);
	ts = deadline_ms(CLOCK_REALTIME, 30);
	CHECK_RC("rwlock.timedwrlock_with_reader_etimedout", pthread_rwlock_timedwrlock(&rw, &ts),
		 ETIMEDOUT);
	rw_release = 1;
	join(t[0]);

	/* A writer elsewhere: nobody gets in. */
	rw_holding = rw_release = 0;
	t[0] = spawn(hold_rw, (void *)1);
	MUST("writer took the rwlock", WAIT_FOR(rw_holding, 5000));
	CHECK_RC("rwlock.tryrdlock_with_writer_ebusy", pthread_rwlock_tryrdlock(&rw), EBUSY);
	CHECK_RC("rwlock.trywrlock_with_writer_ebusy", pthread_rwlock_trywrlock(&rw), EBUSY);
	ts = deadline_ms(CLOCK_REALTIME, 30);
	CHECK_RC("rwlock.timedrdlock_with_writer_etimedout", pthread_rwlock_timedrdlock(&rw, &ts),
		 ETIMEDOUT);
	rw_release = 1;
	join(t[0]);

	/* The writer itself. */
	CHECK_RC("rwlock.wrlock", pthread_rwlock_wrlock(&rw), 0);
	CHECK_RC("rwlock.wrlock_again_edeadlk", pthread_rwlock_wrlock(&rw), EDEADLK);
	CHECK_RC("rwlock.rdlock_while_writing_edeadlk", pthread_rwlock_rdlock(&rw), EDEADLK);
	CHECK_RC("rwlock.unlock_write", pthread_rwlock_unlock(&rw), 0);
	CHECK_RC("rwlock.trywrlock_free", pthread_rwlock_trywrlock(&rw), 0);
	CHECK_RC("rwlock.unlock_write2", pthread_rwlock_unlock(&rw), 0);

	/* Writers exclusive against readers and each other, under preemption. */
	t[0] = spawn(rw_writer, NULL);
	t[1] = spawn(rw_writer, NULL);
	t[2] = spawn(rw_reader, NULL);
	t[3] = spawn(rw_reader, NULL);
	for (int i = 0; i < 4; i++)
		join(t[i]);
	CHECK_EQ("rwlock.writers_exclusive_no_torn_reads", torn_reads, 0);
	CHECK("rwlock.writers_all_counted", pair_a == 6000 && pair_b == 6000, "a=%lu b=%lu", pair_a,
	      pair_b);
}

/* --- barriers ---------------------------------------------------------------------------- */

#define BN	4
#define BROUNDS 200
static pthread_barrier_t bar;
static int arrived[BROUNDS], serials[BROUNDS], early[BROUNDS];

static void *barrier_thread(void *arg)
{
	(void)arg;
	for (int r = 0; r < BROUNDS; r++) {
		__atomic_add_fetch(&arrived[r], 1, __ATOMIC_SEQ_CST);
		int rc = pthread_barrier_wait(&bar);
		if (__atomic_load_n(&arrived[r], __ATOMIC_SEQ_CST) != BN)
			__atomic_add_fetch(&early[r], 1, __ATOMIC_SEQ_CST);
		if (rc == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serials[r], 1, __ATOMIC_SEQ_CST);
		else if (rc != 0)
			__atomic_add_fetch(&serials[r], 100, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void test_barrier(void)
{
	pthread_barrier_t b;
	pthread_t t[BN];

	CHECK_RC("barrier.count0_einval", pthread_barrier_init(&b, NULL, 0), EINVAL);
	CHECK_RC("barrier.init", pthread_barrier_init(&bar, NULL, BN), 0);
	for (int i = 0; i < BN; i++)
		t[i] = spawn(barrier_thread, NULL);
	for (int i = 0; i < BN; i++)
		join(t[i]);
	int one_serial = 0, none_early = 0;
	for (int r = 0; r < BROUNDS; r++) {
		one_serial += serials[r] == 1;
		none_early += early[r] == 0;
	}
	CHECK_EQ("barrier.exactly_one_serial_per_round", one_serial, BROUNDS);
	CHECK_EQ("barrier.nobody_passes_early", none_early, BROUNDS);
	CHECK_RC("barrier.destroy", pthread_barrier_destroy(&bar), 0);

	/* Count 1: every wait is the serial one and returns at once. */
	pthread_barrier_init(&b, NULL, 1);
	CHECK_RC("barrier.count1_serial", pthread_barrier_wait(&b), PTHREAD_BARRIER_SERIAL_THREAD);
	pthread_barrier_destroy(&b);
}

/* --- semaphores -------------------------------------------------------------------------- */

static sem_t sem, sem_items;
#define SEM_ITEMS 5000

static void *post_later(void *arg)
{
	(void)arg;
	sleep_ms(30);
	sem_post(&sem);
	return NULL;
}

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < SEM_ITEMS; i++)
		sem_post(&sem_items);
	return NULL;
}

static void *consumer(void *arg)
{
	int got = 0;

	(void)arg;
	for (int i = 0; i < SEM_ITEMS; i++)
		got += sem_wait(&sem_items) == 0;
	return (void *)(uintptr_t)got;
}

static void test_sem(void)
{
	int v = -1;
	struct timespec ts;
	long long t0;

	CHECK_ZERO("sem.init2", sem_init(&sem, 0, 2));
	CHECK_ZERO("sem.getvalue", sem_getvalue(&sem, &v));
	CHECK_EQ("sem.value2", v, 2);
	CHECK_ZERO("sem.trywait1", sem_trywait(&sem));
	CHECK_ZERO("sem.trywait2", sem_trywait(&sem));
	CHECK_SYSERR("sem.trywait_empty_eagain", sem_trywait(&sem), EAGAIN);
	sem_getvalue(&sem, &v);
	CHECK_EQ("sem.value0", v, 0);
	CHECK_ZERO("sem.post", sem_post(&sem));
	sem_getvalue(&sem, &v);
	CHECK_EQ("sem.value1_after_post", v, 1);
	CHECK_ZERO("sem.wait_available", sem_wait(&sem));

	ts = deadline_ms(CLOCK_REALTIME, 50);
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_SYSERR("sem.timedwait_etimedout", sem_timedwait(&sem, &ts), ETIMEDOUT);
	CHECK("sem.timedwait_waited", elapsed_ms(t0) >= 49, "returned after %lld ms",
	      elapsed_ms(t0));
	ts.tv_nsec = 1000000000L;
	CHECK_SYSERR("sem.timedwait_bad_nsec_einval", sem_timedwait(&sem, &ts), EINVAL);

	/* sem_wait sleeps until another thread posts. */
	pthread_t t = spawn(post_later, NULL);
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_ZERO("sem.wait_woken_by_post", sem_wait(&sem));
	CHECK("sem.wait_slept", elapsed_ms(t0) >= 20, "returned after %lld ms", elapsed_ms(t0));
	join(t);
	ts = deadline_ms(CLOCK_REALTIME, 5000);
	t = spawn(post_later, NULL);
	CHECK_ZERO("sem.timedwait_woken_by_post", sem_timedwait(&sem, &ts));
	join(t);
	CHECK_ZERO("sem.destroy", sem_destroy(&sem));

	CHECK_SYSERR("sem.init_above_max_einval", sem_init(&sem, 0, (unsigned)SEM_VALUE_MAX + 1u),
		     EINVAL);
	CHECK_ZERO("sem.init_max", sem_init(&sem, 0, SEM_VALUE_MAX));
	CHECK_SYSERR("sem.post_at_max_eoverflow", sem_post(&sem), EOVERFLOW);
	sem_destroy(&sem);

	/* Two producers, two consumers: every item counted once. */
	sem_init(&sem_items, 0, 0);
	pthread_t p[4];
	p[0] = spawn(consumer, NULL);
	p[1] = spawn(consumer, NULL);
	p[2] = spawn(producer, NULL);
	p[3] = spawn(producer, NULL);
	join(p[2]);
	join(p[3]);
	int got = (int)(uintptr_t)join(p[0]) + (int)(uintptr_t)join(p[1]);
	CHECK_EQ("sem.producers_consumers_all_items", got, 2 * SEM_ITEMS);
	sem_getvalue(&sem_items, &v);
	CHECK_EQ("sem.producers_consumers_value0", v, 0);
	sem_destroy(&sem_items);
}

int main(void)
{
	test_preemption();
	test_mutual_exclusion();
	test_cond();
	test_mutex_types();
	test_rwlock();
	test_barrier();
	test_sem();
	return t_finish();
}
