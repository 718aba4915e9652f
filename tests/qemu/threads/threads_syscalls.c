/*
 * The thread system calls as raw calls (issue 12): gettid, set_tid_address, clone (a thread made
 * by hand, as glibc and musl make one, and the flag combinations Linux refuses), futex (every
 * operation the runtime implements, with its errors), sched_yield, nanosleep beside a running
 * thread, tgkill/tkill with signal 0, set_robust_list/get_robust_list. The expected results and
 * errno values are Linux 6.1's (README.md).
 */
#include "thr_check.h"

#define FUTEX_WAIT_P (LINUX_FUTEX_WAIT | LINUX_FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_P (LINUX_FUTEX_WAKE | LINUX_FUTEX_PRIVATE_FLAG)

static long long elapsed_ms(long long t0)
{
	return (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
}

/* --- clone by hand ----------------------------------------------------------------------- */

/*
 * long thr_clone(flags, stack, parent_tid, tls, child_tid, fn, arg): ARM's clone(2) argument
 * order. The child calls fn(arg) on its new stack and ends with exit(2) (this thread only); the
 * parent gets the child's tid or -errno. The child must not use the C library (it has no thread
 * control block of its own): only raw calls and memory.
 */
__asm__(".text\n"
	".arm\n"
	".balign 4\n"
	".global thr_clone\n"
	".type thr_clone, %function\n"
	"thr_clone:\n"
	"	push {r4, r5, r6, r7}\n"
	"	ldr r4, [sp, #16]\n"
	"	ldr r5, [sp, #20]\n"
	"	ldr r6, [sp, #24]\n"
	"	mov r7, #120\n" /* __NR_clone */
	"	svc #0\n"
	"	cmp r0, #0\n"
	"	beq 1f\n"
	"	pop {r4, r5, r6, r7}\n"
	"	bx lr\n"
	"1:	mov r0, r6\n"
	"	blx r5\n"
	"	mov r7, #1\n" /* __NR_exit */
	"	svc #0\n"
	"	b .\n"
	".size thr_clone, . - thr_clone\n");
long thr_clone(unsigned long flags, void *stack, volatile int *ptid, void *tls, volatile int *ctid,
	       int (*fn)(void *), void *arg);

/* A raw call from a thread without a C library of its own. */
static inline __attribute__((always_inline)) long svc3(long nr, long a0, long a1, long a2)
{
	register long r0 __asm__("r0") = a0;
	register long r1 __asm__("r1") = a1;
	register long r2 __asm__("r2") = a2;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

static long clone_errno(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

#define THREAD_FLAGS                                                                               \
	(LINUX_CLONE_VM | LINUX_CLONE_FS | LINUX_CLONE_FILES | LINUX_CLONE_SIGHAND |               \
	 LINUX_CLONE_THREAD | LINUX_CLONE_SYSVSEM | LINUX_CLONE_SETTLS |                           \
	 LINUX_CLONE_PARENT_SETTID | LINUX_CLONE_CHILD_CLEARTID)

struct child {
	volatile long tid, pid, settid_ret;
	volatile unsigned long tp;
	volatile int ctid_at_start;
	volatile int *ctid;
	volatile int *new_clear; /* set_tid_address's argument, when not NULL */
	volatile int ran;
};

static int child_fn(void *arg)
{
	struct child *c = arg;
	unsigned long tp;

	c->tid = svc3(__NR_gettid, 0, 0, 0);
	c->pid = svc3(20 /* __NR_getpid */, 0, 0, 0);
	__asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp)); /* TPIDRURO */
	c->tp = tp;
	c->ctid_at_start = *c->ctid;
	if (c->new_clear)
		c->settid_ret = svc3(__NR_set_tid_address, (long)c->new_clear, 0, 0);
	c->ran = 1;
	return 0;
}

static int child_exit_at_once(void *arg)
{
	(void)arg;
	return 0;
}

static unsigned long long child_stack[2][16384] __attribute__((aligned(16)));
static volatile int spare_ptid, spare_ctid;

/* Wait until *word is 0 (cleared and woken by the child's exit), up to 5 s: whether it is. */
static int wait_cleared(volatile int *word)
{
	long long end = now_ns(CLOCK_MONOTONIC) + 5000000000LL;
	struct k_timespec32 ts = {0, 100000000};
	int v;

	while ((v = *word) != 0 && now_ns(CLOCK_MONOTONIC) < end)
		futex(word, LINUX_FUTEX_WAIT, v, &ts, NULL, 0);
	return *word == 0;
}

static void test_clone(void)
{
	static unsigned long fake_tls[16];
	volatile int ptid = 0, ctid = -1, cleared = -1;
	struct child c;

	/* A thread as glibc makes one. */
	memset(&c, 0, sizeof(c));
	c.ctid = &ctid;
	long tid = clone_errno(thr_clone(THREAD_FLAGS, child_stack[0] + 16384, &ptid, fake_tls,
					 &ctid, child_fn, &c));
	CHECK("clone.thread_created", tid > 0, "clone returned %ld/%s", tid, terr(errno));
	if (tid <= 0)
		return;
	CHECK("clone.child_ran_and_exited", wait_cleared(&ctid), "ctid still %d after 5 s", ctid);
	CHECK("clone.child_ran", c.ran, "the child did not run");
	CHECK_EQ("clone.parent_settid", ptid, tid);
	CHECK_EQ("clone.child_gettid_is_return", c.tid, tid);
	CHECK_EQ("clone.child_getpid_is_tgid", c.pid, getpid());
	CHECK("clone.child_tid_new", tid != getpid() && tid != sys_gettid(), "tid %ld", tid);
	CHECK("clone.settls", c.tp == (unsigned long)fake_tls, "TPIDRURO %#lx, expected %p", c.tp,
	      (void *)fake_tls);
	CHECK_EQ("clone.child_cleartid_untouched_at_start", c.ctid_at_start, -1);
	CHECK_EQ("clone.cleartid_zeroed_at_exit", ctid, 0);

	/* CLONE_CHILD_SETTID, and set_tid_address in the child: its exit clears the new word. */
	memset(&c, 0, sizeof(c));
	ctid = 12345;
	c.ctid = &ctid;
	c.new_clear = &cleared;
	tid = clone_errno(
		thr_clone((THREAD_FLAGS & ~LINUX_CLONE_CHILD_CLEARTID) | LINUX_CLONE_CHILD_SETTID,
			  child_stack[0] + 16384, &ptid, fake_tls, &ctid, child_fn, &c));
	CHECK("clone.child_settid_created", tid > 0, "clone returned %ld/%s", tid, terr(errno));
	if (tid <= 0)
		return;
	CHECK("set_tid_address.exit_clears_new_word", wait_cleared(&cleared),
	      "word still %d after 5 s", cleared);
	CHECK_EQ("clone.child_settid_seen_by_child", c.ctid_at_start, tid);
	CHECK_EQ("set_tid_address.child_returns_tid", c.settid_ret, tid);
	CHECK_EQ("clone.child_settid_not_cleared", ctid, tid);

	/* Combinations Linux refuses (each would start child_exit_at_once if accepted). */
	static const struct {
		const char *name;
		unsigned long flags;
	} bad[] = {
		{"clone.thread_without_sighand_einval", LINUX_CLONE_VM | LINUX_CLONE_THREAD},
		{"clone.sighand_without_vm_einval", LINUX_CLONE_SIGHAND},
		{"clone.thread_sighand_without_vm_einval",
		 LINUX_CLONE_SIGHAND | LINUX_CLONE_THREAD},
		{"clone.newns_with_fs_einval", LINUX_CLONE_NEWNS | LINUX_CLONE_FS},
		{"clone.newuser_with_fs_einval", LINUX_CLONE_NEWUSER | LINUX_CLONE_FS},
		{"clone.thread_newuser_einval", THREAD_FLAGS | LINUX_CLONE_NEWUSER},
		{"clone.thread_newpid_einval", THREAD_FLAGS | LINUX_CLONE_NEWPID},
		{"clone.pidfd_detached_einval", LINUX_CLONE_PIDFD | LINUX_CLONE_DETACHED},
		{"clone.pidfd_thread_einval",
		 (THREAD_FLAGS & ~LINUX_CLONE_PARENT_SETTID) | LINUX_CLONE_PIDFD},
		{"clone.pidfd_parent_settid_einval", LINUX_CLONE_PIDFD | LINUX_CLONE_PARENT_SETTID},
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		spare_ptid = 0;
		spare_ctid = 0;
		CHECK_SYSERR(
			bad[i].name,
			clone_errno(thr_clone(bad[i].flags, child_stack[1] + 16384, &spare_ptid,
					      fake_tls, &spare_ctid, child_exit_at_once, NULL)),
			EINVAL);
	}
}

/* --- gettid, set_tid_address, tgkill, robust list ---------------------------------------- */

static volatile int idle_stop;
static volatile long idle_tid;

static void *idle_thread(void *arg)
{
	(void)arg;
	idle_tid = sys_gettid();
	while (!idle_stop)
		sleep_ms(1);
	return NULL;
}

static void *tid_of(void *arg)
{
	(void)arg;
	return (void *)sys_gettid();
}

static void test_ids(void)
{
	static volatile int word = 1;

	CHECK_SYSVAL("gettid.main_is_pid", sys_gettid(), getpid());
	CHECK_SYSVAL("set_tid_address.main_returns_tid", RAW(__NR_set_tid_address, &word),
		     getpid());

	long t1 = (long)join(spawn(tid_of, NULL)), t2;
	pthread_t a = spawn(tid_of, NULL), b = spawn(tid_of, NULL);
	t1 = (long)join(a);
	t2 = (long)join(b);
	CHECK("gettid.threads_distinct",
	      t1 > 0 && t2 > 0 && t1 != t2 && t1 != getpid() && t2 != getpid(),
	      "tids %ld %ld, pid %d", t1, t2, getpid());

	idle_stop = 0;
	idle_tid = 0;
	pthread_t t = spawn(idle_thread, NULL);
	MUST("idle thread started", WAIT_FOR(idle_tid, 5000));
	long tid = idle_tid;
	CHECK_SYSVAL("tgkill.sig0_main", RAW(__NR_tgkill, getpid(), getpid(), 0), 0);
	CHECK_SYSVAL("tgkill.sig0_thread", RAW(__NR_tgkill, getpid(), tid, 0), 0);
	CHECK_SYSVAL("tkill.sig0_thread", RAW(__NR_tkill, tid, 0), 0);
	CHECK_SYSERR("tgkill.wrong_tgid_esrch", RAW(__NR_tgkill, getpid() + 7777, tid, 0), ESRCH);
	CHECK_SYSERR("tgkill.tgid0_einval", RAW(__NR_tgkill, 0, tid, 0), EINVAL);
	CHECK_SYSERR("tgkill.tid0_einval", RAW(__NR_tgkill, getpid(), 0, 0), EINVAL);
	CHECK_SYSERR("tkill.tid0_einval", RAW(__NR_tkill, 0, 0), EINVAL);
	CHECK_SYSERR("tkill.negative_einval", RAW(__NR_tkill, -1, 0), EINVAL);
	idle_stop = 1;
	join(t);
	/* The task is released right after its tid word is cleared (the join): give it a moment. */
	CHECK("tgkill.exited_thread_esrch",
	      WAIT_FOR(RAW(__NR_tgkill, getpid(), tid, 0) == -1 && errno == ESRCH, 1000),
	      "tgkill of the joined thread %ld still succeeds", tid);

	/* The robust list: set, read back, size checked; restored afterwards. */
	struct linux_robust_list_head head = {&head, 0, NULL};
	struct linux_robust_list_head *old = NULL, *got = NULL;
	size_t oldlen = 0, len = 0;
	CHECK_SYSVAL("get_robust_list.self", RAW(__NR_get_robust_list, 0, &old, &oldlen), 0);
	CHECK_SYSERR("set_robust_list.bad_len_einval",
		     RAW(__NR_set_robust_list, &head, sizeof(head) + 4), EINVAL);
	CHECK_SYSVAL("set_robust_list", RAW(__NR_set_robust_list, &head, sizeof(head)), 0);
	CHECK_SYSVAL("get_robust_list.after_set", RAW(__NR_get_robust_list, 0, &got, &len), 0);
	CHECK("get_robust_list.reads_back", got == &head && len == sizeof(head),
	      "got %p/%lu, expected %p/%lu", (void *)got, (unsigned long)len, (void *)&head,
	      (unsigned long)sizeof(head));
	CHECK_SYSVAL("get_robust_list.by_tid", RAW(__NR_get_robust_list, sys_gettid(), &got, &len),
		     0);
	CHECK_SYSERR("get_robust_list.no_such_tid_esrch",
		     RAW(__NR_get_robust_list, 30000, &got, &len), ESRCH);
	CHECK_SYSERR("get_robust_list.bad_pointer_efault", RAW(__NR_get_robust_list, 0, NULL, &len),
		     EFAULT);
	if (old)
		RAW(__NR_set_robust_list, old, oldlen);
}

/* --- futex ------------------------------------------------------------------------------- */

struct waiter {
	volatile int *word;
	int op, val;
	unsigned bitset;
	volatile long ret;
	volatile int err, done;
};
static volatile int waiting;

static void *futex_waiter(void *arg)
{
	struct waiter *w = arg;
	struct k_timespec32 ts = {5, 0}; /* a safety net: nothing below waits that long */

	__atomic_add_fetch(&waiting, 1, __ATOMIC_SEQ_CST);
	errno = 0;
	if ((w->op & LINUX_FUTEX_CMD_MASK) == LINUX_FUTEX_WAIT_BITSET)
		w->ret = futex(w->word, w->op, w->val, NULL, NULL, (int)w->bitset);
	else
		w->ret = futex(w->word, w->op, w->val, &ts, NULL, 0);
	w->err = errno;
	w->done = 1;
	return NULL;
}

/* Start n waiters on word and give them time to go to sleep in the kernel. */
static void start_waiters(pthread_t *t, struct waiter *w, int n, volatile int *word, int op,
			  unsigned bitset)
{
	waiting = 0;
	for (int i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].word = word;
		w[i].op = op;
		w[i].val = *word;
		w[i].bitset = bitset;
		t[i] = spawn(futex_waiter, &w[i]);
	}
	MUST("futex waiters started", WAIT_FOR(waiting == n, 5000));
	sleep_ms(50);
}

static int count_done(struct waiter *w, int n, int *woken_ok)
{
	int done = 0;

	*woken_ok = 0;
	for (int i = 0; i < n; i++) {
		done += w[i].done;
		*woken_ok += w[i].done && w[i].ret == 0;
	}
	return done;
}

static void test_futex_errors(void)
{
	static volatile int word = 5;
	struct k_timespec32 ts;
	struct k_timespec64 ts64;
	long long t0;

	CHECK_SYSERR("futex.wait_value_differs_eagain",
		     futex(&word, LINUX_FUTEX_WAIT, 6, NULL, NULL, 0), EAGAIN);
	CHECK_SYSERR("futex.wait_private_value_differs_eagain",
		     futex(&word, FUTEX_WAIT_P, 6, NULL, NULL, 0), EAGAIN);

	ts = (struct k_timespec32){0, 30000000};
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_SYSERR("futex.wait_timeout_etimedout",
		     futex(&word, LINUX_FUTEX_WAIT, 5, &ts, NULL, 0), ETIMEDOUT);
	CHECK("futex.wait_timeout_waited", elapsed_ms(t0) >= 29, "returned after %lld ms",
	      elapsed_ms(t0));
	ts = (struct k_timespec32){0, 20000000};
	CHECK_SYSERR("futex.wait_private_timeout_etimedout",
		     futex(&word, FUTEX_WAIT_P, 5, &ts, NULL, 0), ETIMEDOUT);
	ts = (struct k_timespec32){0, 0};
	CHECK_SYSERR("futex.wait_zero_timeout_etimedout",
		     futex(&word, FUTEX_WAIT_P, 5, &ts, NULL, 0), ETIMEDOUT);
	ts = (struct k_timespec32){0, 1000000000};
	CHECK_SYSERR("futex.wait_bad_nsec_einval", futex(&word, LINUX_FUTEX_WAIT, 5, &ts, NULL, 0),
		     EINVAL);
	CHECK_SYSERR("futex.wait_bad_nsec_before_value_einval",
		     futex(&word, LINUX_FUTEX_WAIT, 6, &ts, NULL, 0), EINVAL);
	ts = (struct k_timespec32){-1, 0};
	CHECK_SYSERR("futex.wait_negative_sec_einval",
		     futex(&word, LINUX_FUTEX_WAIT, 5, &ts, NULL, 0), EINVAL);
	CHECK_SYSERR("futex.wait_timeout_pointer_efault",
		     futex(&word, LINUX_FUTEX_WAIT, 5, (void *)16, NULL, 0), EFAULT);

	CHECK_SYSERR("futex.wait_null_efault", futex(NULL, LINUX_FUTEX_WAIT, 0, NULL, NULL, 0),
		     EFAULT);
	CHECK_SYSERR("futex.wait_private_null_efault", futex(NULL, FUTEX_WAIT_P, 0, NULL, NULL, 0),
		     EFAULT);
	char *hole_page = hole(1);
	CHECK_SYSERR("futex.wait_unmapped_efault",
		     futex((int *)hole_page, FUTEX_WAIT_P, 0, NULL, NULL, 0), EFAULT);
	CHECK_SYSERR("futex.wait_kernel_address_efault",
		     futex((int *)0xc0000000, FUTEX_WAIT_P, 0, NULL, NULL, 0), EFAULT);
	CHECK_SYSERR("futex.wait_unaligned_einval",
		     futex((int *)((char *)&word + 1), FUTEX_WAIT_P, 0, NULL, NULL, 0), EINVAL);
	/* A private wake reads nothing: no fault for an unmapped word; a shared one looks the page
	 * up. */
	CHECK_SYSVAL("futex.wake_private_unmapped_0",
		     futex((int *)hole_page, FUTEX_WAKE_P, 1, NULL, NULL, 0), 0);
	CHECK_SYSERR("futex.wake_shared_unmapped_efault",
		     futex((int *)hole_page, LINUX_FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
	CHECK_SYSERR("futex.wake_kernel_address_efault",
		     futex((int *)0xc0000000, FUTEX_WAKE_P, 1, NULL, NULL, 0), EFAULT);
	CHECK_SYSERR("futex.wake_unaligned_einval",
		     futex((int *)((char *)&word + 2), FUTEX_WAKE_P, 1, NULL, NULL, 0), EINVAL);

	CHECK_SYSERR("futex.unknown_op_enosys", futex(&word, 99, 0, NULL, NULL, 0), ENOSYS);
	CHECK_SYSERR("futex.unknown_op_private_enosys",
		     futex(&word, 99 | LINUX_FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0), ENOSYS);
	CHECK_SYSERR("futex.fd_removed_enosys", futex(&word, LINUX_FUTEX_FD, 0, NULL, NULL, 0),
		     ENOSYS);
	CHECK_SYSERR("futex.wait_clock_realtime_enosys",
		     futex(&word, LINUX_FUTEX_WAIT | LINUX_FUTEX_CLOCK_REALTIME, 5, NULL, NULL, 0),
		     ENOSYS);
	CHECK_SYSERR("futex.wait_bitset0_einval",
		     futex(&word, LINUX_FUTEX_WAIT_BITSET, 5, NULL, NULL, 0), EINVAL);
	CHECK_SYSERR("futex.wake_bitset0_einval",
		     futex(&word, LINUX_FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL);

	CHECK_SYSVAL("futex.wake_nobody_0", futex(&word, LINUX_FUTEX_WAKE, 1, NULL, NULL, 0), 0);
	CHECK_SYSVAL("futex.wake_private_nobody_0",
		     futex(&word, FUTEX_WAKE_P, INT_MAX, NULL, NULL, 0), 0);

	/* WAIT_BITSET: absolute deadlines, CLOCK_MONOTONIC by default, CLOCK_REALTIME on request.
	 */
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* A second ago, or the clock's start when it is younger than that (uniarm's monotonic
	 * clock starts at boot, well under a second before this; a negative time is EINVAL). */
	ts = (struct k_timespec32){now.tv_sec > 0 ? (int32_t)now.tv_sec - 1 : 0, 0};
	CHECK_SYSERR(
		"futex.wait_bitset_past_monotonic_etimedout",
		futex(&word, LINUX_FUTEX_WAIT_BITSET | LINUX_FUTEX_PRIVATE_FLAG, 5, &ts, NULL, -1),
		ETIMEDOUT);
	struct timespec dl = deadline_ms(CLOCK_MONOTONIC, 30);
	ts = (struct k_timespec32){(int32_t)dl.tv_sec, (int32_t)dl.tv_nsec};
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_SYSERR(
		"futex.wait_bitset_monotonic_etimedout",
		futex(&word, LINUX_FUTEX_WAIT_BITSET | LINUX_FUTEX_PRIVATE_FLAG, 5, &ts, NULL, -1),
		ETIMEDOUT);
	CHECK("futex.wait_bitset_monotonic_waited", elapsed_ms(t0) >= 29, "returned after %lld ms",
	      elapsed_ms(t0));
	dl = deadline_ms(CLOCK_REALTIME, 30);
	ts = (struct k_timespec32){(int32_t)dl.tv_sec, (int32_t)dl.tv_nsec};
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_SYSERR("futex.wait_bitset_realtime_etimedout",
		     futex(&word,
			   LINUX_FUTEX_WAIT_BITSET | LINUX_FUTEX_PRIVATE_FLAG |
				   LINUX_FUTEX_CLOCK_REALTIME,
			   5, &ts, NULL, -1),
		     ETIMEDOUT);
	CHECK("futex.wait_bitset_realtime_waited", elapsed_ms(t0) >= 29 && elapsed_ms(t0) < 5000,
	      "returned after %lld ms", elapsed_ms(t0));

	/* futex_time64: the same call with a 64-bit timespec. */
	CHECK_SYSERR("futex_time64.wait_value_differs_eagain",
		     RAW(__NR_futex_time64, &word, FUTEX_WAIT_P, 6, NULL, NULL, 0), EAGAIN);
	ts64 = (struct k_timespec64){0, 20000000};
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_SYSERR("futex_time64.wait_timeout_etimedout",
		     RAW(__NR_futex_time64, &word, FUTEX_WAIT_P, 5, &ts64, NULL, 0), ETIMEDOUT);
	CHECK("futex_time64.wait_timeout_waited", elapsed_ms(t0) >= 19, "returned after %lld ms",
	      elapsed_ms(t0));
	ts64 = (struct k_timespec64){0, 1000000000};
	CHECK_SYSERR("futex_time64.wait_bad_nsec_einval",
		     RAW(__NR_futex_time64, &word, FUTEX_WAIT_P, 5, &ts64, NULL, 0), EINVAL);

	/* CMP_REQUEUE's comparison and argument checks. */
	static volatile int other = 0;
	CHECK_SYSERR("futex.cmp_requeue_val3_differs_eagain",
		     futex_requeue(&word, LINUX_FUTEX_CMP_REQUEUE, 1, 1, &other, 6), EAGAIN);
	CHECK_SYSVAL("futex.cmp_requeue_nobody_0",
		     futex_requeue(&word, LINUX_FUTEX_CMP_REQUEUE, 1, 1, &other, 5), 0);
	CHECK_SYSERR("futex.cmp_requeue_negative_wake_einval",
		     futex_requeue(&word, LINUX_FUTEX_CMP_REQUEUE, -1, 1, &other, 5), EINVAL);
	CHECK_SYSERR("futex.cmp_requeue_negative_requeue_einval",
		     futex_requeue(&word, LINUX_FUTEX_CMP_REQUEUE, 1, -1, &other, 5), EINVAL);
	CHECK_SYSVAL("futex.requeue_nobody_0",
		     futex_requeue(&word, LINUX_FUTEX_REQUEUE, 1, 1, &other, 0), 0);
}

static void test_futex_wake(void)
{
	static volatile int f1 = 0, f2 = 0;
	struct waiter w[3];
	pthread_t t[3];
	int ok;

	/* WAKE returns how many it woke. */
	start_waiters(t, w, 3, &f1, FUTEX_WAIT_P, 0);
	CHECK_EQ("futex.waiters_asleep", count_done(w, 3, &ok), 0);
	CHECK_SYSVAL("futex.wake_2_of_3", futex(&f1, FUTEX_WAKE_P, 2, NULL, NULL, 0), 2);
	WAIT_FOR(count_done(w, 3, &ok) == 2, 2000);
	CHECK("futex.two_woken_with_0", count_done(w, 3, &ok) == 2 && ok == 2,
	      "%d returned, %d with 0", count_done(w, 3, &ok), ok);
	CHECK_SYSVAL("futex.wake_rest_1", futex(&f1, FUTEX_WAKE_P, INT_MAX, NULL, NULL, 0), 1);
	for (int i = 0; i < 3; i++)
		join(t[i]);
	CHECK("futex.all_woken_with_0", count_done(w, 3, &ok) == 3 && ok == 3, "%d woken with 0",
	      ok);

	/* FUTEX_WAKE with a count of 0 still wakes one (futex_wake tests the count after waking).
	 */
	start_waiters(t, w, 1, &f1, FUTEX_WAIT_P, 0);
	CHECK_SYSVAL("futex.wake_count0_wakes_one", futex(&f1, FUTEX_WAKE_P, 0, NULL, NULL, 0), 1);
	join(t[0]);

	/* A private waiter is keyed apart from a shared one: a shared wake does not reach it. */
	start_waiters(t, w, 1, &f1, FUTEX_WAIT_P, 0);
	CHECK_SYSVAL("futex.shared_wake_misses_private_waiter",
		     futex(&f1, LINUX_FUTEX_WAKE, 1, NULL, NULL, 0), 0);
	CHECK_SYSVAL("futex.private_wake_finds_it", futex(&f1, FUTEX_WAKE_P, 1, NULL, NULL, 0), 1);
	join(t[0]);
	start_waiters(t, w, 1, &f1, LINUX_FUTEX_WAIT, 0);
	CHECK_SYSVAL("futex.private_wake_misses_shared_waiter",
		     futex(&f1, FUTEX_WAKE_P, 1, NULL, NULL, 0), 0);
	CHECK_SYSVAL("futex.shared_wake_finds_it", futex(&f1, LINUX_FUTEX_WAKE, 1, NULL, NULL, 0),
		     1);
	join(t[0]);

	/* Bitsets: a wake reaches only the waiters whose bits it shares. */
	start_waiters(t, w, 1, &f1, LINUX_FUTEX_WAIT_BITSET | LINUX_FUTEX_PRIVATE_FLAG, 0x1);
	pthread_t u;
	struct waiter wb;
	memset(&wb, 0, sizeof(wb));
	wb.word = &f1;
	wb.op = LINUX_FUTEX_WAIT_BITSET | LINUX_FUTEX_PRIVATE_FLAG;
	wb.val = 0;
	wb.bitset = 0x2;
	waiting = 0;
	u = spawn(futex_waiter, &wb);
	MUST("bitset waiter started", WAIT_FOR(waiting == 1, 5000));
	sleep_ms(50);
	CHECK_SYSVAL("futex.wake_bitset_2_wakes_one",
		     futex(&f1, LINUX_FUTEX_WAKE_BITSET | LINUX_FUTEX_PRIVATE_FLAG, INT_MAX, NULL,
			   NULL, 0x2),
		     1);
	join(u);
	CHECK("futex.wake_bitset_woke_the_right_one", wb.done && wb.ret == 0 && !w[0].done,
	      "bit-2 waiter done %d, bit-1 waiter done %d", wb.done, w[0].done);
	CHECK_SYSVAL("futex.plain_wake_matches_any_bitset",
		     futex(&f1, FUTEX_WAKE_P, INT_MAX, NULL, NULL, 0), 1);
	join(t[0]);

	/* REQUEUE: wake one, move one to f2, leave one. */
	start_waiters(t, w, 3, &f1, FUTEX_WAIT_P, 0);
	CHECK_SYSVAL(
		"futex.requeue_returns_woken_plus_moved",
		futex_requeue(&f1, LINUX_FUTEX_REQUEUE | LINUX_FUTEX_PRIVATE_FLAG, 1, 1, &f2, 0),
		2);
	sleep_ms(20);
	CHECK_EQ("futex.requeue_woke_one", count_done(w, 3, &ok), 1);
	CHECK_SYSVAL("futex.requeued_waiter_on_f2",
		     futex(&f2, FUTEX_WAKE_P, INT_MAX, NULL, NULL, 0), 1);
	CHECK_SYSVAL("futex.one_left_on_f1", futex(&f1, FUTEX_WAKE_P, INT_MAX, NULL, NULL, 0), 1);
	for (int i = 0; i < 3; i++)
		join(t[i]);
	CHECK("futex.requeue_all_returned_0", count_done(w, 3, &ok) == 3 && ok == 3,
	      "%d returned 0", ok);

	/* CMP_REQUEUE: the same after comparing *f1 with val3. */
	start_waiters(t, w, 3, &f1, FUTEX_WAIT_P, 0);
	CHECK_SYSERR("futex.cmp_requeue_with_waiters_eagain",
		     futex_requeue(&f1, LINUX_FUTEX_CMP_REQUEUE | LINUX_FUTEX_PRIVATE_FLAG, 1, 1,
				   &f2, 1),
		     EAGAIN);
	CHECK_EQ("futex.cmp_requeue_eagain_woke_nobody", count_done(w, 3, &ok), 0);
	CHECK_SYSVAL("futex.cmp_requeue_wake0_move2",
		     futex_requeue(&f1, LINUX_FUTEX_CMP_REQUEUE | LINUX_FUTEX_PRIVATE_FLAG, 0, 2,
				   &f2, 0),
		     2);
	CHECK_SYSVAL("futex.cmp_requeued_two_on_f2",
		     futex(&f2, FUTEX_WAKE_P, INT_MAX, NULL, NULL, 0), 2);
	CHECK_SYSVAL("futex.cmp_requeue_left_one_on_f1",
		     futex(&f1, FUTEX_WAKE_P, INT_MAX, NULL, NULL, 0), 1);
	for (int i = 0; i < 3; i++)
		join(t[i]);
	CHECK("futex.cmp_requeue_all_returned_0", count_done(w, 3, &ok) == 3 && ok == 3,
	      "%d returned 0", ok);

	/* A waiter whose word changed before it slept: EAGAIN, from another thread too. */
	f1 = 1;
	memset(&w[0], 0, sizeof(w[0]));
	w[0].word = &f1;
	w[0].op = FUTEX_WAIT_P;
	w[0].val = 0;
	join(spawn(futex_waiter, &w[0]));
	CHECK("futex.thread_wait_value_differs_eagain", w[0].ret == -1 && w[0].err == EAGAIN,
	      "got %ld/%s", w[0].ret, terr(w[0].err));
	f1 = 0;
}

/* --- sched_yield and nanosleep ----------------------------------------------------------- */

static volatile int yield_turn, yield_bad;

static void *yielder(void *arg)
{
	int me = (int)(uintptr_t)arg;

	for (int i = 0; i < 100; i++) {
		long long end = now_ns(CLOCK_MONOTONIC) + 10000000000LL;
		while (yield_turn != me) {
			if (sched_yield() != 0)
				yield_bad++;
			if (now_ns(CLOCK_MONOTONIC) > end)
				return (void *)0;
		}
		yield_turn = !me;
	}
	return (void *)1;
}

static volatile int counting_stop;
static volatile unsigned long counted;

static void *count_forever(void *arg)
{
	(void)arg;
	while (!counting_stop)
		counted++;
	return NULL;
}

static volatile int slept_flag;

static void *sleep_then_flag(void *arg)
{
	(void)arg;
	struct timespec ts = {0, 50000000};
	int rc = nanosleep(&ts, NULL);
	slept_flag = 1;
	return (void *)(uintptr_t)(rc == 0);
}

static void test_yield_sleep(void)
{
	CHECK_SYSVAL("sched_yield.alone", sched_yield(), 0);
	CHECK_SYSVAL("sched_yield.raw", RAW(__NR_sched_yield), 0);

	yield_turn = 0;
	pthread_t a = spawn(yielder, (void *)0), b = spawn(yielder, (void *)1);
	int both = (join(a) == (void *)1) + (join(b) == (void *)1);
	CHECK("sched_yield.two_threads_alternate", both == 2 && !yield_bad,
	      "%d finished, %d non-zero returns", both, yield_bad);

	/* Main sleeps while a thread computes: the thread runs meanwhile. */
	counting_stop = 0;
	counted = 0;
	pthread_t t = spawn(count_forever, NULL);
	sleep_ms(10);
	unsigned long before = counted;
	struct timespec ts = {0, 100000000};
	long long t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_SYSVAL("nanosleep.main_while_thread_runs", nanosleep(&ts, NULL), 0);
	CHECK("nanosleep.slept_long_enough", elapsed_ms(t0) >= 99, "slept %lld ms", elapsed_ms(t0));
	unsigned long after = counted;
	CHECK("nanosleep.other_thread_ran", after > before, "the counter stayed at %lu", after);
	counting_stop = 1;
	join(t);

	/* A thread sleeps while main spins without a system call: its timer must preempt main. */
	slept_flag = 0;
	t = spawn(sleep_then_flag, NULL);
	t0 = now_ns(CLOCK_MONOTONIC);
	while (!slept_flag)
		;
	CHECK("nanosleep.thread_wakes_while_main_spins", elapsed_ms(t0) >= 40, "flag after %lld ms",
	      elapsed_ms(t0));
	CHECK("nanosleep.in_thread_returns_0", join(t) == (void *)1,
	      "the thread's nanosleep failed");

	ts = (struct timespec){0, 1000000000L};
	CHECK_SYSERR("nanosleep.bad_nsec_einval", nanosleep(&ts, NULL), EINVAL);
	struct k_timespec32 kts = {0, 1000000};
	CHECK_SYSVAL("nanosleep.raw_1ms", RAW(__NR_nanosleep, &kts, NULL), 0);
	kts = (struct k_timespec32){-1, 0};
	CHECK_SYSERR("nanosleep.raw_negative_einval", RAW(__NR_nanosleep, &kts, NULL), EINVAL);
	CHECK_SYSERR("nanosleep.raw_null_efault", RAW(__NR_nanosleep, NULL, NULL), EFAULT);
}

int main(void)
{
	test_ids();
	test_clone();
	test_futex_errors();
	test_futex_wake();
	test_yield_sleep();
	return t_finish();
}
