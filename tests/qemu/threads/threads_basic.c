/*
 * POSIX threads, the basics (issue 12): create/join/detach/exit/self/equal and their errors,
 * attributes (stack size honoured, detach state), thread-local storage (__thread, errno per
 * thread), keys with destructors, pthread_once. Linux (glibc) is the reference: README.md.
 */
#include "thr_check.h"

static pthread_t main_self;

/* --- create, join, self, equal, exit ---------------------------------------------------- */

struct ident {
	pthread_t self;
	int equal_self, equal_main, pid;
	long tid;
};

static void *who_am_i(void *arg)
{
	struct ident *id = arg;

	id->self = pthread_self();
	id->equal_self = pthread_equal(id->self, pthread_self());
	id->equal_main = pthread_equal(id->self, main_self);
	id->pid = getpid();
	id->tid = sys_gettid();
	return (void *)0x1234;
}

static void *times_two(void *arg)
{
	return (void *)((uintptr_t)arg * 2);
}

static __attribute__((noinline)) void exit_deep(int depth, void *value)
{
	if (depth == 0)
		pthread_exit(value);
	exit_deep(depth - 1, value);
	printf("FAIL pthread_exit returned\n"); /* never reached */
}

static volatile int after_exit_ran;

static void *exits_from_inside(void *arg)
{
	exit_deep(5, arg);
	after_exit_ran = 1;
	return NULL;
}

static void *returns_null(void *arg)
{
	(void)arg;
	return NULL;
}

static void test_create_join(void)
{
	struct ident id = {0};
	pthread_t t;
	void *v = (void *)1;

	main_self = pthread_self();
	CHECK("self.equal_self", pthread_equal(main_self, pthread_self()),
	      "pthread_equal(self, self) is 0");
	CHECK_RC("create", pthread_create(&t, NULL, who_am_i, &id), 0);
	CHECK_RC("join", pthread_join(t, &v), 0);
	CHECK("join.value", v == (void *)0x1234, "got %p, expected 0x1234", v);
	CHECK("self.in_thread_is_created_id", pthread_equal(id.self, t),
	      "pthread_self() in the thread differs from pthread_create's id");
	CHECK("self.thread_differs_from_main", !pthread_equal(t, main_self),
	      "the thread's id equals main's");
	CHECK("equal.self_in_thread", id.equal_self,
	      "pthread_equal(self, self) is 0 in the thread");
	CHECK("equal.main_in_thread", !id.equal_main,
	      "the thread's id equals main's in the thread");
	CHECK_EQ("getpid.same_in_thread", id.pid, getpid());
	CHECK("gettid.thread_has_its_own", id.tid > 0 && id.tid != getpid(),
	      "thread tid %ld, pid %d", id.tid, getpid());

	/* Eight at once, each its own argument and result. */
	pthread_t ts[8];
	int created = 0, right = 0;
	for (uintptr_t i = 0; i < 8; i++)
		created += pthread_create(&ts[i], NULL, times_two, (void *)(i + 100)) == 0;
	for (uintptr_t i = 0; i < (uintptr_t)created; i++)
		right += pthread_join(ts[i], &v) == 0 && v == (void *)(2 * (i + 100));
	CHECK_EQ("create.eight_created", created, 8);
	CHECK_EQ("join.eight_results", right, 8);

	/* NULL value pointer, NULL result. */
	CHECK_RC("create.returns_null", pthread_create(&t, NULL, returns_null, NULL), 0);
	CHECK_RC("join.null_value_ptr", pthread_join(t, NULL), 0);

	/* pthread_exit from five calls deep: the value reaches join, nothing after it runs. */
	v = NULL;
	CHECK_RC("create.exit_deep", pthread_create(&t, NULL, exits_from_inside, (void *)0xbeef),
		 0);
	CHECK_RC("join.exit_deep", pthread_join(t, &v), 0);
	CHECK("pthread_exit.value", v == (void *)0xbeef, "got %p, expected 0xbeef", v);
	CHECK("pthread_exit.does_not_return", !after_exit_ran, "code after pthread_exit ran");

	CHECK_RC("join.self_edeadlk", pthread_join(pthread_self(), NULL), EDEADLK);
}

/* --- detach ------------------------------------------------------------------------------ */

/* A detached thread that stays alive until released, so that joining it is well defined. */
static volatile int release_detached, detached_done;

static void *wait_for_release(void *arg)
{
	(void)arg;
	while (!release_detached)
		sleep_ms(1);
	__atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void test_detach(void)
{
	pthread_t t, u;
	pthread_attr_t a;
	int state = -1;

	release_detached = 0;
	detached_done = 0;
	CHECK_RC("detach.create", pthread_create(&t, NULL, wait_for_release, NULL), 0);
	CHECK_RC("detach.running", pthread_detach(t), 0);
	CHECK_RC("detach.join_detached_einval", pthread_join(t, NULL), EINVAL);
	CHECK_RC("detach.twice_einval", pthread_detach(t), EINVAL);

	CHECK_RC("attr.init", pthread_attr_init(&a), 0);
	CHECK_RC("attr.detachstate_default", pthread_attr_getdetachstate(&a, &state), 0);
	CHECK_EQ("attr.detachstate_default_joinable", state, PTHREAD_CREATE_JOINABLE);
	CHECK_RC("attr.setdetachstate_bad", pthread_attr_setdetachstate(&a, 42), EINVAL);
	CHECK_RC("attr.setdetachstate", pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED),
		 0);
	CHECK_RC("attr.getdetachstate", pthread_attr_getdetachstate(&a, &state), 0);
	CHECK_EQ("attr.detachstate_detached", state, PTHREAD_CREATE_DETACHED);
	CHECK_RC("attr.create_detached", pthread_create(&u, &a, wait_for_release, NULL), 0);
	CHECK_RC("attr.join_created_detached_einval", pthread_join(u, NULL), EINVAL);
	CHECK_RC("attr.detach_created_detached_einval", pthread_detach(u), EINVAL);
	pthread_attr_destroy(&a);

	release_detached = 1;
	CHECK("detach.both_ran_to_the_end", WAIT_FOR(detached_done == 2, 5000),
	      "%d of 2 detached threads finished", detached_done);

	/* A thread that ends before it is detached: detach then frees it. */
	CHECK_RC("detach.after_exit.create", pthread_create(&t, NULL, returns_null, NULL), 0);
	sleep_ms(20);
	CHECK_RC("detach.after_exit", pthread_detach(t), 0);
}

/* --- stack size -------------------------------------------------------------------------- */

#define BIG_STACK (4 * MiB)
#define BIG_USE	  (3 * MiB + 512 * KiB)

/* Uses BIG_USE bytes of its stack: every page written, then read back. */
static void *use_big_stack(void *arg)
{
	volatile unsigned char big[BIG_USE];
	unsigned long sum = 0, want = 0;

	(void)arg;
	for (size_t i = 0; i < sizeof(big); i += 512)
		big[i] = (unsigned char)(i >> 9);
	for (size_t i = 0; i < sizeof(big); i += 512) {
		sum += big[i];
		want += (unsigned char)(i >> 9);
	}
	return (void *)(uintptr_t)(sum == want);
}

static void test_stacksize(void)
{
	pthread_attr_t a;
	size_t sz = 0;
	pthread_t t;
	void *v = NULL;

	pthread_attr_init(&a);
	CHECK_RC("stacksize.get_default", pthread_attr_getstacksize(&a, &sz), 0);
	CHECK("stacksize.default_nonzero", sz >= 16 * KiB, "default stack size %lu",
	      (unsigned long)sz);
	CHECK_RC("stacksize.too_small_einval", pthread_attr_setstacksize(&a, 1), EINVAL);
	CHECK_RC("stacksize.set_4m", pthread_attr_setstacksize(&a, BIG_STACK), 0);
	CHECK_RC("stacksize.get_4m", pthread_attr_getstacksize(&a, &sz), 0);
	CHECK_EQ("stacksize.reads_back", sz, BIG_STACK);
	CHECK_RC("stacksize.create", pthread_create(&t, &a, use_big_stack, NULL), 0);
	CHECK_RC("stacksize.join", pthread_join(t, &v), 0);
	CHECK("stacksize.used_3_5_of_4_mib", v == (void *)1,
	      "the thread's 3.5 MiB array read back wrong");
	pthread_attr_destroy(&a);
}

/* --- thread-local storage and errno ------------------------------------------------------ */

static __thread int tls_init = 42; /* .tdata */
static __thread long long tls_wide = 0x1122334455667788LL;
static __thread int tls_zero; /* .tbss */
static __thread char tls_buf[256];

static pthread_barrier_t tls_barrier;

struct tls_result {
	int seen_init, seen_zero, buf_zero, wide_ok, kept;
	void *addr;
	int *errno_addr;
	int err_kept;
};

static void *tls_thread(void *arg)
{
	struct tls_result *r = arg;
	r->seen_init = tls_init;
	r->seen_zero = tls_zero;
	r->buf_zero = nonzero(tls_buf, sizeof(tls_buf)) < 0;
	r->wide_ok = tls_wide == 0x1122334455667788LL;
	r->addr = &tls_init;
	r->errno_addr = &errno;
	/* Each thread writes its own values and its own errno, then all check them after the
	 * others have written theirs. */
	tls_init = (int)(uintptr_t)r & 0xffff;
	tls_zero = ~tls_init;
	memset(tls_buf, tls_init & 0xff, sizeof(tls_buf));
	errno = 0;
	close(-1); /* EBADF */
	int mine = errno;
	pthread_barrier_wait(&tls_barrier);
	r->kept = tls_init == ((int)(uintptr_t)r & 0xffff) && tls_zero == ~tls_init &&
		  tls_buf[0] == (char)(tls_init & 0xff) && tls_buf[255] == (char)(tls_init & 0xff);
	r->err_kept = errno == mine && mine == EBADF;
	return NULL;
}

static void *errno_einval_thread(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&tls_barrier);
	errno = 0;
	mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); /* EINVAL */
	int mine = errno;
	pthread_barrier_wait(&tls_barrier);
	return (void *)(uintptr_t)(mine == EINVAL && errno == EINVAL);
}

static void test_tls(void)
{
	enum { N = 4 };
	struct tls_result r[N];
	pthread_t t[N];

	memset(r, 0, sizeof(r));
	tls_init = 7; /* main's own copy: the threads still start from 42 */
	pthread_barrier_init(&tls_barrier, NULL, N);
	for (int i = 0; i < N; i++)
		t[i] = spawn(tls_thread, &r[i]);
	for (int i = 0; i < N; i++)
		join(t[i]);
	pthread_barrier_destroy(&tls_barrier);

	int init = 0, zero = 0, buf = 0, wide = 0, kept = 0, err = 0, distinct = 1,
	    errno_distinct = 1;
	for (int i = 0; i < N; i++) {
		init += r[i].seen_init == 42;
		zero += r[i].seen_zero == 0;
		buf += r[i].buf_zero;
		wide += r[i].wide_ok;
		kept += r[i].kept;
		err += r[i].err_kept;
		for (int j = 0; j < i; j++) {
			distinct &= r[i].addr != r[j].addr;
			errno_distinct &= r[i].errno_addr != r[j].errno_addr;
		}
		distinct &= r[i].addr != (void *)&tls_init;
		errno_distinct &= r[i].errno_addr != &errno;
	}
	CHECK_EQ("tls.tdata_initial_value_in_each_thread", init, N);
	CHECK_EQ("tls.tdata_64bit_initial_value", wide, N);
	CHECK_EQ("tls.tbss_zero_in_each_thread", zero, N);
	CHECK_EQ("tls.tbss_array_zero_in_each_thread", buf, N);
	CHECK_EQ("tls.values_independent", kept, N);
	CHECK("tls.addresses_distinct", distinct,
	      "two threads share a __thread variable's address");
	CHECK_EQ("tls.main_copy_untouched", tls_init, 7);
	CHECK_EQ("errno.kept_per_thread", err, N);
	CHECK("errno.addresses_distinct", errno_distinct, "two threads share &errno");

	/* Two threads fail calls with different errno values at the same time. */
	pthread_barrier_init(&tls_barrier, NULL, 2);
	pthread_t u = spawn(errno_einval_thread, NULL);
	pthread_barrier_wait(&tls_barrier);
	errno = 0;
	close(-1);
	int mine = errno;
	pthread_barrier_wait(&tls_barrier);
	void *v = join(u);
	CHECK("errno.main_ebadf_while_thread_einval", mine == EBADF && errno == EBADF,
	      "main's errno %s", terr(errno));
	CHECK("errno.thread_einval_while_main_ebadf", v == (void *)1, "the thread's errno changed");
	pthread_barrier_destroy(&tls_barrier);
}

/* --- keys -------------------------------------------------------------------------------- */

static pthread_key_t key_a, key_b;
static pthread_mutex_t dtor_lock = PTHREAD_MUTEX_INITIALIZER;
static void *dtor_values[16];
static int dtor_calls, dtor_b_calls;

static void dtor_a(void *v)
{
	pthread_mutex_lock(&dtor_lock);
	if (dtor_calls < 16)
		dtor_values[dtor_calls] = v;
	dtor_calls++;
	pthread_mutex_unlock(&dtor_lock);
}

static void dtor_b(void *v)
{
	(void)v;
	pthread_mutex_lock(&dtor_lock);
	dtor_b_calls++;
	pthread_mutex_unlock(&dtor_lock);
}

static void *key_thread(void *arg)
{
	int initially_null =
		pthread_getspecific(key_a) == NULL && pthread_getspecific(key_b) == NULL;

	pthread_setspecific(key_a, arg);
	pthread_setspecific(key_b, NULL); /* NULL: no destructor call */
	if (pthread_getspecific(key_a) != arg)
		return (void *)2;
	return (void *)(uintptr_t)initially_null;
}

static void *key_exit_thread(void *arg)
{
	pthread_setspecific(key_a, arg);
	pthread_exit(NULL); /* destructors run for pthread_exit too */
}

static void test_keys(void)
{
	pthread_t t[3];
	int dummy[3];

	CHECK_RC("key.create_a", pthread_key_create(&key_a, dtor_a), 0);
	CHECK_RC("key.create_b", pthread_key_create(&key_b, dtor_b), 0);
	CHECK("key.distinct", key_a != key_b, "two keys are the same");
	CHECK("key.main_initially_null", pthread_getspecific(key_a) == NULL,
	      "a fresh key has a value");
	CHECK_RC("key.setspecific_main", pthread_setspecific(key_a, &dummy[0]), 0);
	CHECK("key.getspecific_main", pthread_getspecific(key_a) == &dummy[0],
	      "getspecific differs");

	t[0] = spawn(key_thread, &dummy[1]);
	t[1] = spawn(key_thread, &dummy[2]);
	void *v0 = join(t[0]), *v1 = join(t[1]);
	CHECK("key.thread_starts_null", v0 == (void *)1 && v1 == (void *)1,
	      "a new thread saw a value (%p %p)", v0, v1);
	/* The destructors ran in the exiting threads, before join returned. */
	pthread_mutex_lock(&dtor_lock);
	int calls = dtor_calls, b_calls = dtor_b_calls;
	int found1 = 0, found2 = 0;
	for (int i = 0; i < calls && i < 16; i++) {
		found1 += dtor_values[i] == &dummy[1];
		found2 += dtor_values[i] == &dummy[2];
	}
	pthread_mutex_unlock(&dtor_lock);
	CHECK_EQ("key.destructor_called_once_per_thread", calls, 2);
	CHECK("key.destructor_gets_the_value", found1 == 1 && found2 == 1, "values seen %d %d",
	      found1, found2);
	CHECK_EQ("key.destructor_not_called_for_null", b_calls, 0);
	CHECK("key.main_value_kept", pthread_getspecific(key_a) == &dummy[0],
	      "a thread changed main's value");

	t[2] = spawn(key_exit_thread, &dummy[2]);
	join(t[2]);
	CHECK_EQ("key.destructor_after_pthread_exit", dtor_calls, 3);

	CHECK_RC("key.delete", pthread_key_delete(key_b), 0);
	CHECK_RC("key.delete_a", pthread_key_delete(key_a), 0);
}

/* --- once -------------------------------------------------------------------------------- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int once_runs, once_done;
static pthread_barrier_t once_barrier;

static void once_init(void)
{
	__atomic_add_fetch(&once_runs, 1, __ATOMIC_SEQ_CST);
	sleep_ms(30); /* the others arrive while it runs and must wait for it */
	once_done = 1;
}

static void *once_thread(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&once_barrier);
	int rc = pthread_once(&once, once_init);
	return (void *)(uintptr_t)(rc == 0 && once_done);
}

static void test_once(void)
{
	enum { N = 6 };
	pthread_t t[N];
	int saw_done = 0;

	pthread_barrier_init(&once_barrier, NULL, N);
	for (int i = 0; i < N; i++)
		t[i] = spawn(once_thread, NULL);
	for (int i = 0; i < N; i++)
		saw_done += join(t[i]) == (void *)1;
	pthread_barrier_destroy(&once_barrier);
	CHECK_EQ("once.ran_once", once_runs, 1);
	CHECK_EQ("once.everyone_returned_after_it", saw_done, N);
	CHECK_RC("once.again_from_main", pthread_once(&once, once_init), 0);
	CHECK_EQ("once.still_once", once_runs, 1);
}

int main(void)
{
	test_create_join();
	test_detach();
	test_stacksize();
	test_tls();
	test_keys();
	test_once();
	return t_finish();
}
