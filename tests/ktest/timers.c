/*
 * Timers that send signals (runtime/itimer.c, runtime/posix_timers.c, docs/signals.md,
 * "Timers"), through their system calls with the test's stack as application memory:
 *  - setitimer/getitimer: the time left read back and going down, the old value, the interval,
 *    a zero or NULL value disarming, ITIMER_VIRTUAL keeping its interval with a zero value, and
 *    Linux 6.1's errno in Linux's order;
 *  - timer_create and family: the ids (0, 1, 2, ... every creation takes one, even a failed
 *    one once the clock passed), the clocks, the sigevents, settime/gettime in both struct
 *    sizes (the time left going down, old values, TIMER_ABSTIME, the 64-bit tv_nsec's upper
 *    half ignored, times beyond 2^63 ns saturating), SIGEV_NONE timers, and the errno;
 *  - with the signal core's calls (rt_sigprocmask, rt_sigpending, rt_sigaction): that expiries
 *    queue their signal and SIGEV_NONE never does; with rt_sigtimedwait too (skipped without
 *    it): the siginfo (SI_TIMER, id, value; SI_KERNEL from the interval timers), the dequeue
 *    re-arming a periodic ITIMER_REAL (the core's call of itimer_real_dequeued) or POSIX timer
 *    and counting the periods skipped as overruns, a timer_settime forgetting a pending
 *    signal, SIGVTALRM and SIGPROF, an ignored signal stopping ITIMER_REAL but not a POSIX
 *    timer.
 * Signals stay blocked or ignored: a ktest never returns to USR mode, where they would be
 * delivered. The values expected are those Linux 6.1 gave on the peer (docs/signals.md).
 */
#include "runtime/math64.h"
#include "runtime/sched.h"
#include "runtime/syscalls.h"
#include "runtime/time.h"
#include "runtime/uapi-signal.h"
#include "libc-glue/syscall.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "ktest_check.h"

#define BAD	((void *)16) /* below mmap_min_addr: never mapped */
#define MS	1000000ll
#define SIGRT_A (LINUX_SIGRTMIN + 2)

#define EQ(a, b)                                                                                   \
	do {                                                                                       \
		long long a_ = (long long)(a), b_ = (long long)(b);                                \
		if (a_ != b_) {                                                                    \
			printf("CHECK failed at line %d: %s == %s (%lld != %lld)\n", __LINE__, #a, \
			       #b, a_, b_);                                                        \
			check_failures++;                                                          \
		}                                                                                  \
	} while (0)

static void sleep_ms(unsigned int ms)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_hrtimeout(ktime_get_ns() + ms * 1000000ull);
}

static long long tv_us(int32_t sec, int32_t usec)
{
	return sec * 1000000ll + usec;
}

static long long value_us(const struct linux_itimerval *v)
{
	return tv_us(v->it_value.tv_sec, v->it_value.tv_usec);
}

static long long interval_us(const struct linux_itimerval *v)
{
	return tv_us(v->it_interval.tv_sec, v->it_interval.tv_usec);
}

/* (No C division of 64-bit values in the runtime's image: runtime/math64.h.) */
static struct linux_itimerval itv(uint32_t value_us, uint32_t interval_us)
{
	struct linux_itimerval v;

	v.it_value.tv_sec = (int32_t)(value_us / 1000000);
	v.it_value.tv_usec = (int32_t)(value_us % 1000000);
	v.it_interval.tv_sec = (int32_t)(interval_us / 1000000);
	v.it_interval.tv_usec = (int32_t)(interval_us % 1000000);
	return v;
}

static struct linux_itimerspec64 its(uint64_t value_ns, uint64_t interval_ns)
{
	struct linux_itimerspec64 v;
	uint32_t rem;

	v.it_value.tv_sec = (int64_t)div_u64_rem(value_ns, 1000000000, &rem);
	v.it_value.tv_nsec = rem;
	v.it_interval.tv_sec = (int64_t)div_u64_rem(interval_ns, 1000000000, &rem);
	v.it_interval.tv_nsec = rem;
	return v;
}

/* An overrun count got at a dequeue made between before and after (monotonic ns) from a timer
 * of that period first expiring between first_lo and first_hi: the periods in between, give
 * or take one. */
static void check_overrun(long long got, int64_t first_lo, int64_t first_hi, int64_t before,
			  int64_t after, uint32_t period)
{
	long long lo = before > first_hi ? (long long)div_u64(before - first_hi, period) - 1 : -1;
	long long hi = (long long)div_u64(after - first_lo, period) + 1;

	if (got < lo || got > hi) {
		printf("overrun %lld, not in [%lld, %lld]\n", got, lo, hi);
		check_failures++;
	}
}

static long long value_ns(const struct linux_itimerspec64 *v)
{
	return v->it_value.tv_sec * 1000000000ll + v->it_value.tv_nsec;
}

static long long interval_ns(const struct linux_itimerspec64 *v)
{
	return v->it_interval.tv_sec * 1000000000ll + v->it_interval.tv_nsec;
}

static struct linux_sigevent sev(int notify, int signo, int value)
{
	struct linux_sigevent e;

	memset(&e, 0, sizeof(e));
	e.sigev_notify = notify;
	e.sigev_signo = signo;
	e.sigev_value.sival_int = value;
	return e;
}

/* Arm timer id for value (relative) and interval, in ns. */
static long arm(int id, long long value, long long interval)
{
	struct linux_itimerspec64 v = its(value, interval);

	return sys_timer_settime64(id, 0, &v, NULL);
}

static long long left_ns(int id)
{
	struct linux_itimerspec64 v;

	memset(&v, 0x5a, sizeof(v));
	EQ(sys_timer_gettime64(id, &v), 0);
	return value_ns(&v);
}

static void test_itimer(void)
{
	struct linux_itimerval v = itv(0, 0), old;
	long long first;

	memset(&old, 0x5a, sizeof(old));
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &old), 0);
	EQ(value_us(&old), 0);
	EQ(interval_us(&old), 0);

	/* Armed: read back, going down; the interval exactly. */
	v = itv(10000000, 20000);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), 0);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &old), 0);
	first = value_us(&old);
	CHECK(first > 9000000 && first <= 10000000);
	EQ(interval_us(&old), 20000);
	sleep_ms(20);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &old), 0);
	CHECK(value_us(&old) < first - 15000 && value_us(&old) > 8000000);

	/* The old value on a change; zero disarms and drops the interval given with it. */
	v = itv(5000000, 0);
	memset(&old, 0, sizeof(old));
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, &old), 0);
	CHECK(value_us(&old) > 8000000 && value_us(&old) < 10000000);
	EQ(interval_us(&old), 20000);
	v = itv(0, 50000);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, &old), 0);
	CHECK(value_us(&old) > 3000000 && value_us(&old) <= 5000000);
	EQ(interval_us(&old), 0);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &old), 0);
	EQ(value_us(&old), 0);
	EQ(interval_us(&old), 0);

	/* NULL new value: disarms (Linux 6.1), the old value still written. */
	v = itv(3000000, 0);
	sys_setitimer(LINUX_ITIMER_REAL, &v, NULL);
	memset(&old, 0x5a, sizeof(old));
	EQ(sys_setitimer(LINUX_ITIMER_REAL, NULL, &old), 0);
	CHECK(value_us(&old) > 1000000 && value_us(&old) <= 3000000);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &old), 0);
	EQ(value_us(&old), 0);

	/* ITIMER_VIRTUAL and ITIMER_PROF: read back; a zero value keeps the interval. */
	v = itv(10000000, 500000);
	EQ(sys_setitimer(LINUX_ITIMER_VIRTUAL, &v, NULL), 0);
	EQ(sys_getitimer(LINUX_ITIMER_VIRTUAL, &old), 0);
	CHECK(value_us(&old) > 9000000 && value_us(&old) <= 10000000);
	EQ(interval_us(&old), 500000);
	v = itv(0, 50000);
	EQ(sys_setitimer(LINUX_ITIMER_VIRTUAL, &v, &old), 0);
	CHECK(value_us(&old) > 9000000 && value_us(&old) <= 10000000);
	EQ(sys_getitimer(LINUX_ITIMER_VIRTUAL, &old), 0);
	EQ(value_us(&old), 0);
	EQ(interval_us(&old), 50000);
	v = itv(0, 0);
	EQ(sys_setitimer(LINUX_ITIMER_VIRTUAL, &v, NULL), 0);
	v = itv(30000000, 0);
	EQ(sys_setitimer(LINUX_ITIMER_PROF, &v, NULL), 0);
	v = itv(0, 0);
	EQ(sys_setitimer(LINUX_ITIMER_PROF, &v, &old), 0);
	CHECK(value_us(&old) > 29000000 && value_us(&old) <= 30000000);

	/* The largest value: no overflow. */
	v = itv(0, 0);
	v.it_value.tv_sec = INT32_MAX;
	v.it_value.tv_usec = 999999;
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), 0);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &old), 0);
	EQ(old.it_value.tv_sec, INT32_MAX);
	v = itv(0, 0);
	sys_setitimer(LINUX_ITIMER_REAL, &v, NULL);

	/* Errors, in Linux's order: the new value is read and checked before which. */
	v = itv(10000, 0);
	EQ(sys_setitimer(5, &v, NULL), -EINVAL);
	EQ(sys_setitimer(-1, &v, NULL), -EINVAL);
	EQ(sys_setitimer(5, NULL, NULL), -EINVAL);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, BAD, NULL), -EFAULT);
	EQ(sys_setitimer(5, BAD, NULL), -EFAULT);
	v.it_value.tv_usec = 1000000;
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), -EINVAL);
	EQ(sys_setitimer(5, &v, NULL), -EINVAL);
	v = itv(10000, 0);
	v.it_value.tv_sec = -1;
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), -EINVAL);
	v = itv(10000, 0);
	v.it_interval.tv_usec = -1;
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), -EINVAL);
	EQ(sys_getitimer(5, &old), -EINVAL);
	EQ(sys_getitimer(5, NULL), -EINVAL);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, NULL), -EFAULT);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, BAD), -EFAULT);
	/* A bad old pointer: -EFAULT, with the timer set. */
	v = itv(4000000, 0);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, BAD), -EFAULT);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &old), 0);
	CHECK(value_us(&old) > 3000000);
	v = itv(0, 0);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), 0);
	printf("timers: itimer checks done\n");
}

/* Ids: a fresh process's timers are 0, 1, 2, ...; every creation that got past the clock check
 * takes the next one, whether it then succeeds or not; a deleted id is not reused at once. */
static void test_ids(void)
{
	struct linux_sigevent e = sev(LINUX_SIGEV_SIGNAL, LINUX_SIGUSR1, 0);
	int a = -1, b = -1, c = -1;

	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, NULL, &a), 0);
	EQ(a, 0);
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &b), 0);
	EQ(b, 1);
	EQ(sys_timer_delete(a), 0);
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &c), 0);
	EQ(c, 2);
	e.sigev_signo = 65; /* EINVAL after the id was taken: 3 */
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &a), -EINVAL);
	e.sigev_signo = LINUX_SIGUSR1;
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, BAD), -EFAULT);	      /* 4 */
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC_RAW, &e, &a), -EOPNOTSUPP); /* before: none */
	EQ(sys_timer_create(99, BAD, &a), -EFAULT);			      /* read first */
	EQ(sys_timer_create(99, &e, BAD), -EINVAL);
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &a), 0);
	EQ(a, 5);
	EQ(sys_timer_delete(a), 0);
	EQ(sys_timer_delete(b), 0);
	EQ(sys_timer_delete(c), 0);
	EQ(sys_timer_delete(c), -EINVAL);
}

static void test_create(void)
{
	static const struct {
		int clock;
		long err;
	} clocks[] = {
		{LINUX_CLOCK_REALTIME, 0},
		{LINUX_CLOCK_MONOTONIC, 0},
		{LINUX_CLOCK_PROCESS_CPUTIME_ID, 0},
		{LINUX_CLOCK_THREAD_CPUTIME_ID, 0},
		{LINUX_CLOCK_MONOTONIC_RAW, -EOPNOTSUPP},
		{LINUX_CLOCK_REALTIME_COARSE, -EOPNOTSUPP},
		{LINUX_CLOCK_MONOTONIC_COARSE, -EOPNOTSUPP},
		{LINUX_CLOCK_BOOTTIME, 0},
		{10, -EINVAL},
		{12, -EINVAL},
		{99, -EINVAL},
		{-100, -EINVAL},
	};
	static const struct {
		int notify, signo, tid;
		long err;
	} events[] = {
		{LINUX_SIGEV_SIGNAL, LINUX_SIGUSR1, 0, 0},
		{LINUX_SIGEV_SIGNAL, LINUX_SIGKILL, 0, 0},
		{LINUX_SIGEV_SIGNAL, 64, 0, 0},
		{LINUX_SIGEV_SIGNAL, 0, 0, -EINVAL},
		{LINUX_SIGEV_SIGNAL, 65, 0, -EINVAL},
		{LINUX_SIGEV_SIGNAL, -1, 0, -EINVAL},
		{LINUX_SIGEV_NONE, 0, 0, 0},
		{LINUX_SIGEV_NONE, 999, 0, 0},
		{LINUX_SIGEV_THREAD, LINUX_SIGUSR1, 0, 0}, /* taken as SIGEV_SIGNAL */
		{LINUX_SIGEV_THREAD, 0, 0, -EINVAL},
		{LINUX_SIGEV_THREAD_ID, LINUX_SIGUSR1, 1, 0}, /* this thread */
		{LINUX_SIGEV_THREAD_ID, 0, 1, -EINVAL},
		{LINUX_SIGEV_THREAD_ID, LINUX_SIGUSR1, 0, -EINVAL},
		{LINUX_SIGEV_THREAD_ID, LINUX_SIGUSR1, 2, -EINVAL}, /* kthreadd: not ours */
		{LINUX_SIGEV_THREAD_ID, LINUX_SIGUSR1, 9999, -EINVAL},
		{3, LINUX_SIGUSR1, 0, -EINVAL},
		{5, LINUX_SIGUSR1, 1, -EINVAL},
		{99, LINUX_SIGUSR1, 0, -EINVAL},
		{-1, LINUX_SIGUSR1, 0, -EINVAL},
	};
	struct linux_sigevent e = sev(LINUX_SIGEV_SIGNAL, LINUX_SIGUSR1, 0);
	int id;

	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		long r = sys_timer_create(clocks[i].clock, &e, &id);

		if (r != clocks[i].err)
			printf("clock %d: %ld\n", clocks[i].clock, r);
		EQ(r, clocks[i].err);
		if (!r)
			EQ(sys_timer_delete(id), 0);
	}
	for (unsigned int i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		long r;

		e = sev(events[i].notify, events[i].signo, 0);
		e.un.tid = events[i].tid == 1 ? current->pid : events[i].tid;
		r = sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &id);
		if (r != events[i].err)
			printf("sigevent %d/%d/%d: %ld\n", events[i].notify, events[i].signo,
			       events[i].tid, r);
		EQ(r, events[i].err);
		if (!r)
			EQ(sys_timer_delete(id), 0);
	}
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, BAD, &id), -EFAULT);
	printf("timers: timer_create checks done\n");
}

static void test_settime(void)
{
	struct linux_sigevent e = sev(LINUX_SIGEV_SIGNAL, LINUX_SIGUSR1, 0);
	struct linux_itimerspec64 n, o;
	struct linux_itimerspec32 n32, o32;
	long long first;
	int id, none;

	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &id), 0);
	/* Disarmed: zeros. */
	memset(&o, 0x5a, sizeof(o));
	EQ(sys_timer_gettime64(id, &o), 0);
	EQ(value_ns(&o), 0);
	EQ(interval_ns(&o), 0);
	EQ(sys_timer_getoverrun(id), 0);

	/* Armed: going down; the interval read back; the old value on a change. */
	EQ(arm(id, 10000 * MS, 7 * MS), 0);
	first = left_ns(id);
	CHECK(first > 9000 * MS && first <= 10000 * MS);
	sleep_ms(20);
	CHECK(left_ns(id) < first - 15 * MS);
	n = its(20000 * MS, 0);
	memset(&o, 0, sizeof(o));
	EQ(sys_timer_settime64(id, 0, &n, &o), 0);
	CHECK(value_ns(&o) > 8000 * MS && value_ns(&o) < 10000 * MS);
	EQ(interval_ns(&o), 7 * MS);
	/* The 32-bit calls. */
	memset(&o32, 0x5a, sizeof(o32));
	EQ(sys_timer_gettime(id, &o32), 0);
	CHECK(o32.it_value.tv_sec >= 18 && o32.it_value.tv_sec <= 19);
	CHECK(o32.it_value.tv_nsec >= 0 && o32.it_value.tv_nsec < 1000000000);
	EQ(o32.it_interval.tv_sec, 0);
	EQ(o32.it_interval.tv_nsec, 0);
	n32.it_value.tv_sec = 30;
	n32.it_value.tv_nsec = 0;
	n32.it_interval.tv_sec = 1;
	n32.it_interval.tv_nsec = 5;
	EQ(sys_timer_settime(id, 0, &n32, &o32), 0);
	CHECK(o32.it_value.tv_sec >= 18 && o32.it_value.tv_sec <= 19);
	EQ(sys_timer_gettime64(id, &o), 0);
	CHECK(value_ns(&o) > 29000 * MS && value_ns(&o) <= 30000 * MS);
	EQ(interval_ns(&o), 1000000005);
	/* Zero disarms, and the interval given with it is not kept. */
	n = its(0, 5 * MS);
	EQ(sys_timer_settime64(id, 0, &n, NULL), 0);
	EQ(sys_timer_gettime64(id, &o), 0);
	EQ(value_ns(&o), 0);
	EQ(interval_ns(&o), 0);

	/* TIMER_ABSTIME: a monotonic deadline; a real-time one; 0 disarms. Flags other than
	 * TIMER_ABSTIME are ignored, as Linux ignores them. */
	n = its((long long)ktime_get_ns() + 5000 * MS, 0);
	EQ(sys_timer_settime64(id, LINUX_TIMER_ABSTIME | 0x100, &n, NULL), 0);
	CHECK(left_ns(id) > 4000 * MS && left_ns(id) <= 5000 * MS);
	{
		struct linux_timespec64 rt;
		int rid;

		EQ(sys_timer_create(LINUX_CLOCK_REALTIME, &e, &rid), 0);
		EQ(sys_clock_gettime64(LINUX_CLOCK_REALTIME, &rt), 0);
		n = its(0, 0);
		n.it_value.tv_sec = rt.tv_sec + 4;
		n.it_value.tv_nsec = rt.tv_nsec;
		EQ(sys_timer_settime64(rid, LINUX_TIMER_ABSTIME, &n, NULL), 0);
		CHECK(left_ns(rid) > 3000 * MS && left_ns(rid) <= 4000 * MS);
		EQ(sys_timer_delete(rid), 0);
	}
	n = its(0, 0);
	EQ(sys_timer_settime64(id, LINUX_TIMER_ABSTIME, &n, NULL), 0);
	EQ(left_ns(id), 0);
	EQ(sys_timer_settime64(id, 2, &n, NULL), 0);
	EQ(sys_timer_settime64(id, -2, &n, NULL), 0);

	/* 64-bit times: a 32-bit Linux reads tv_nsec as a long (its upper half not looked at);
	 * beyond 2^63 ns the expiry saturates; the 32-bit struct gets tv_sec cut to 32 bits. */
	n = its(0, 0);
	n.it_value.tv_sec = 100;
	n.it_value.tv_nsec = (1ll << 32) + 5;
	EQ(sys_timer_settime64(id, 0, &n, NULL), 0);
	CHECK(left_ns(id) > 99 * 1000 * MS && left_ns(id) <= 100 * 1000 * MS + 5);
	n.it_value.tv_nsec = 0xffffffffll;
	EQ(sys_timer_settime64(id, 0, &n, NULL), -EINVAL);
	n.it_value.tv_nsec = 0;
	n.it_value.tv_sec = INT64_MAX;
	EQ(sys_timer_settime64(id, 0, &n, NULL), 0);
	EQ(sys_timer_gettime64(id, &o), 0);
	CHECK(o.it_value.tv_sec > 9223372036ll - 100 && o.it_value.tv_sec <= 9223372036ll);
	EQ(sys_timer_gettime(id, &o32), 0);
	EQ(o32.it_value.tv_sec, (int32_t)o.it_value.tv_sec);

	/* Errors: NULL new is EINVAL, a bad one EFAULT, both before the id; then the values
	 * (EINVAL) and the id (EINVAL); a bad old pointer is EFAULT with the timer set. */
	n = its(1000 * MS, 0);
	EQ(sys_timer_settime64(id, 0, NULL, NULL), -EINVAL);
	EQ(sys_timer_settime64(999, 0, NULL, NULL), -EINVAL);
	EQ(sys_timer_settime64(id, 0, BAD, NULL), -EFAULT);
	EQ(sys_timer_settime64(999, 0, BAD, NULL), -EFAULT);
	EQ(sys_timer_settime(999, 0, BAD, NULL), -EFAULT);
	EQ(sys_timer_settime64(999, 0, &n, NULL), -EINVAL);
	EQ(sys_timer_settime64(-1, 0, &n, NULL), -EINVAL);
	n.it_value.tv_nsec = 1000000000;
	EQ(sys_timer_settime64(id, 0, &n, NULL), -EINVAL);
	n = its(1000 * MS, 0);
	n.it_interval.tv_nsec = -1;
	EQ(sys_timer_settime64(id, 0, &n, NULL), -EINVAL);
	n = its(1000 * MS, 0);
	n.it_value.tv_sec = -1;
	EQ(sys_timer_settime64(id, 0, &n, NULL), -EINVAL);
	n32.it_value.tv_sec = 1;
	n32.it_value.tv_nsec = -1;
	EQ(sys_timer_settime(id, 0, &n32, NULL), -EINVAL);
	n = its(6000 * MS, 0);
	EQ(sys_timer_settime64(id, 0, &n, BAD), -EFAULT);
	CHECK(left_ns(id) > 5000 * MS);
	EQ(sys_timer_gettime64(id, BAD), -EFAULT);
	EQ(sys_timer_gettime64(999, BAD), -EINVAL);
	EQ(sys_timer_gettime(999, &o32), -EINVAL);
	EQ(sys_timer_getoverrun(999), -EINVAL);

	/* SIGEV_NONE: counts down, reads 0 once expired; a periodic one is moved on by its
	 * interval; a disarmed one reads what its last arming had left (Linux 6.1's quirk). */
	e = sev(LINUX_SIGEV_NONE, 0, 0);
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &none), 0);
	EQ(arm(none, 200 * MS, 0), 0);
	sleep_ms(10);
	CHECK(left_ns(none) > 0 && left_ns(none) <= 190 * MS);
	sleep_ms(200);
	EQ(left_ns(none), 0);
	EQ(arm(none, 4 * MS, 4 * MS), 0);
	sleep_ms(30);
	CHECK(left_ns(none) > 0 && left_ns(none) <= 4 * MS);
	EQ(sys_timer_getoverrun(none), 0);
	EQ(arm(none, 500 * MS, 0), 0);
	sleep_ms(10);
	EQ(arm(none, 0, 0), 0);
	CHECK(left_ns(none) > 0 && left_ns(none) <= 490 * MS);

	/* Deleted: every call says EINVAL. */
	EQ(sys_timer_delete(none), 0);
	n = its(10 * MS, 0);
	EQ(sys_timer_settime64(none, 0, &n, NULL), -EINVAL);
	EQ(sys_timer_gettime64(none, &o), -EINVAL);
	EQ(sys_timer_getoverrun(none), -EINVAL);
	EQ(sys_timer_delete(none), -EINVAL);
	EQ(sys_timer_delete(id), 0);
	printf("timers: timer_settime checks done\n");
}

/* --- with the signal core --------------------------------------------------------------- */

static long sigcall(long nr, long a0, long a1, long a2, long a3)
{
	return uniarm_syscall(nr, a0, a1, a2, a3, 0, 0);
}

static bool pending(int sig)
{
	linux_sigset_t s;

	memset(&s, 0, sizeof(s));
	EQ(sigcall(__NR_rt_sigpending, (long)&s, sizeof(s), 0, 0), 0);
	return (s.sig[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}

static long timedwait_nr = __NR_rt_sigtimedwait_time64;

/* Take sig if pending (a zero timeout): the signal number, or -EAGAIN. */
static long take(int sig, struct linux_siginfo *info)
{
	linux_sigset_t s;
	long long zero[2] = {0, 0};
	long r;

	memset(&s, 0, sizeof(s));
	s.sig[(sig - 1) / 32] = 1ul << ((sig - 1) % 32);
	memset(info, 0, sizeof(*info));
	r = sigcall(timedwait_nr, (long)&s, (long)info, (long)zero, sizeof(s));
	if (r == -ENOSYS && timedwait_nr == __NR_rt_sigtimedwait_time64) {
		timedwait_nr = __NR_rt_sigtimedwait; /* a zero timeout in either struct */
		r = sigcall(timedwait_nr, (long)&s, (long)info, (long)zero, sizeof(s));
	}
	return r;
}

/* Expiries queue the signal; SIGEV_NONE never does. */
static void test_queueing(void)
{
	struct linux_sigevent e = sev(LINUX_SIGEV_SIGNAL, LINUX_SIGUSR1, 41);
	struct linux_itimerval v;
	int id, none;

	EQ(pending(LINUX_SIGUSR1), 0);
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &id), 0);
	EQ(arm(id, 5 * MS, 0), 0);
	sleep_ms(15);
	EQ(pending(LINUX_SIGUSR1), 1);
	EQ(left_ns(id), 0); /* one shot, expired */
	e = sev(LINUX_SIGEV_NONE, LINUX_SIGUSR2, 0);
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &none), 0);
	EQ(arm(none, 1 * MS, 1 * MS), 0);
	sleep_ms(10);
	EQ(pending(LINUX_SIGUSR2), 0);
	EQ(sys_timer_delete(none), 0);
	/* ITIMER_REAL: SIGALRM; a periodic one then waits for its dequeue, reading 0 left. */
	EQ(pending(LINUX_SIGALRM), 0);
	v = itv(5000, 5000);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), 0);
	sleep_ms(20);
	EQ(pending(LINUX_SIGALRM), 1);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &v), 0);
	EQ(value_us(&v), 0);
	EQ(interval_us(&v), 5000);
	EQ(sys_timer_delete(id), 0);
	printf("timers: queueing checks done\n");
}

/* Set sig's action to handler (SIG_IGN, SIG_DFL) and unblock it, or block it again. */
static void ignore(int sig, bool on)
{
	struct linux_kernel_sigaction act;
	linux_sigset_t set = {{0, 0}};

	memset(&act, 0, sizeof(act));
	act.handler = (void *)(on ? LINUX_SIG_IGN : LINUX_SIG_DFL);
	set.sig[(sig - 1) / 32] = 1ul << ((sig - 1) % 32);
	if (!on)
		EQ(sigcall(__NR_rt_sigprocmask, LINUX_SIG_BLOCK, (long)&set, 0, sizeof(set)), 0);
	EQ(sigcall(__NR_rt_sigaction, sig, (long)&act, 0, sizeof(set)), 0);
	if (on)
		EQ(sigcall(__NR_rt_sigprocmask, LINUX_SIG_UNBLOCK, (long)&set, 0, sizeof(set)), 0);
}

/* The interval timers' expiries beyond test_queueing's. */
static void test_itimer_expiry(void)
{
	struct linux_itimerval v;
	struct linux_siginfo si;

	/* SIGALRM (queued by test_queueing): SI_KERNEL; taking it re-arms the periodic
	 * ITIMER_REAL at its next period (itimer_real_dequeued). */
	EQ(take(LINUX_SIGALRM, &si), LINUX_SIGALRM);
	EQ(si.si_signo, LINUX_SIGALRM);
	EQ(si.si_code, LINUX_SI_KERNEL);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &v), 0);
	CHECK(value_us(&v) > 0 && value_us(&v) <= 5000);
	v = itv(0, 0);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), 0);
	while (take(LINUX_SIGALRM, &si) == LINUX_SIGALRM)
		;

	/* SIGALRM ignored: dropped, and with nobody to dequeue it a periodic ITIMER_REAL
	 * stops, its interval kept (Linux). */
	ignore(LINUX_SIGALRM, true);
	v = itv(2000, 2000);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), 0);
	sleep_ms(10);
	EQ(sys_getitimer(LINUX_ITIMER_REAL, &v), 0);
	EQ(value_us(&v), 0);
	EQ(interval_us(&v), 2000);
	ignore(LINUX_SIGALRM, false);
	EQ(pending(LINUX_SIGALRM), 0);
	v = itv(0, 0);
	EQ(sys_setitimer(LINUX_ITIMER_REAL, &v, NULL), 0);

	/* ITIMER_VIRTUAL, ITIMER_PROF: SIGVTALRM, SIGPROF from the kernel, re-armed at each
	 * expiry (on uniarm's CPU-time clock, the time since boot). */
	v = itv(2000, 2000);
	EQ(sys_setitimer(LINUX_ITIMER_VIRTUAL, &v, NULL), 0);
	v = itv(3000, 0);
	EQ(sys_setitimer(LINUX_ITIMER_PROF, &v, NULL), 0);
	sleep_ms(10);
	EQ(take(LINUX_SIGVTALRM, &si), LINUX_SIGVTALRM);
	EQ(si.si_code, LINUX_SI_KERNEL);
	EQ(take(LINUX_SIGPROF, &si), LINUX_SIGPROF);
	EQ(si.si_code, LINUX_SI_KERNEL);
	/* The next period, or (after an expiry handled late) one tick, "about to fire". */
	EQ(sys_getitimer(LINUX_ITIMER_VIRTUAL, &v), 0);
	CHECK(value_us(&v) > 0 && value_us(&v) <= 10000);
	EQ(interval_us(&v), 2000);
	EQ(sys_getitimer(LINUX_ITIMER_PROF, &v), 0);
	EQ(value_us(&v), 0);
	v = itv(0, 0);
	EQ(sys_setitimer(LINUX_ITIMER_VIRTUAL, &v, NULL), 0);
	while (take(LINUX_SIGVTALRM, &si) == LINUX_SIGVTALRM)
		;
	printf("timers: itimer expiry checks done\n");
}

/* What the dequeue gives and does. */
static void test_dequeue(void)
{
	struct linux_sigevent e = sev(LINUX_SIGEV_SIGNAL, SIGRT_A, 77);
	struct linux_siginfo si;
	int64_t t0, t1, t2, t3;
	int id, plain, overrun;

	/* test_queueing's SIGUSR1, if its timer's deletion left it. */
	while (take(LINUX_SIGUSR1, &si) == LINUX_SIGUSR1)
		;

	/* A one shot: SI_TIMER, the id, the value, no overrun. */
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &id), 0);
	EQ(arm(id, 2 * MS, 0), 0);
	sleep_ms(10);
	EQ(take(SIGRT_A, &si), SIGRT_A);
	EQ(si.si_code, LINUX_SI_TIMER);
	EQ(si.fields.timer.tid, id);
	EQ(si.fields.timer.sigval.sival_int, 77);
	EQ(si.fields.timer.overrun, 0);
	EQ(take(SIGRT_A, &si), -EAGAIN);

	/* Periodic, 2 ms, the signal waiting 50 ms: the timer waits with it; taking it counts the
	 * periods skipped (about 24) and re-arms at the next one. */
	t0 = ktime_get_ns();
	EQ(arm(id, 2 * MS, 2 * MS), 0);
	t1 = ktime_get_ns();
	sleep_ms(50);
	CHECK(left_ns(id) > 0 && left_ns(id) <= 2 * MS);
	EQ(sys_timer_getoverrun(id), 0);
	t2 = ktime_get_ns();
	EQ(take(SIGRT_A, &si), SIGRT_A);
	t3 = ktime_get_ns();
	check_overrun(si.fields.timer.overrun, t0 + 2 * MS, t1 + 2 * MS, t2, t3, 2 * MS);
	EQ(sys_timer_getoverrun(id), si.fields.timer.overrun);
	CHECK(si.fields.timer.overrun >= 20);
	CHECK(left_ns(id) > 0 && left_ns(id) <= 2 * MS);
	/* Again, from the period the dequeue re-armed (at most 2 ms after it). */
	sleep_ms(10);
	t0 = ktime_get_ns();
	EQ(take(SIGRT_A, &si), SIGRT_A);
	check_overrun(si.fields.timer.overrun, t2, t3 + 2 * MS, t0, ktime_get_ns(), 2 * MS);

	/* Disarmed while its signal waits: the dequeue re-arms nothing, no overrun. */
	sleep_ms(10);
	EQ(arm(id, 0, 0), 0);
	EQ(sys_timer_getoverrun(id), 0);
	EQ(take(SIGRT_A, &si), SIGRT_A);
	EQ(si.fields.timer.overrun, 0);
	EQ(sys_timer_getoverrun(id), 0);
	EQ(left_ns(id), 0);

	/* Set again while its signal waits: the new expiry finds it pending (+1 in si_overrun,
	 * not in timer_getoverrun), and the dequeue re-arms the new setting: Linux's 10 and 9
	 * for 5 ms periods, 50 ms apart. */
	EQ(arm(id, 5 * MS, 5 * MS), 0);
	sleep_ms(50);
	t0 = ktime_get_ns();
	EQ(arm(id, 5 * MS, 5 * MS), 0);
	t1 = ktime_get_ns();
	sleep_ms(50);
	t2 = ktime_get_ns();
	EQ(take(SIGRT_A, &si), SIGRT_A);
	overrun = sys_timer_getoverrun(id);
	check_overrun(overrun, t0 + 5 * MS, t1 + 5 * MS, t2, ktime_get_ns(), 5 * MS);
	CHECK(overrun >= 8);
	EQ(si.fields.timer.overrun, overrun + 1);
	EQ(arm(id, 0, 0), 0);
	while (take(SIGRT_A, &si) == SIGRT_A)
		;

	/* A wall-clock deadline a second past, periodic: at once, with every period since as
	 * overruns (Linux: 100 for 10 ms periods). */
	{
		struct linux_timespec64 rt;
		struct linux_itimerspec64 n = its(0, 10 * MS);
		int rid;

		EQ(sys_timer_create(LINUX_CLOCK_REALTIME, &e, &rid), 0);
		t0 = ktime_get_ns();
		EQ(sys_clock_gettime64(LINUX_CLOCK_REALTIME, &rt), 0);
		t1 = ktime_get_ns();
		n.it_value.tv_sec = rt.tv_sec - 1;
		n.it_value.tv_nsec = rt.tv_nsec;
		EQ(sys_timer_settime64(rid, LINUX_TIMER_ABSTIME, &n, NULL), 0);
		sleep_ms(1);
		t2 = ktime_get_ns();
		EQ(take(SIGRT_A, &si), SIGRT_A);
		EQ(si.fields.timer.tid, rid);
		/* The deadline: 1 s before the clock was read, before the boot if the boot was
		 * less than 1 s ago. */
		check_overrun(si.fields.timer.overrun, t0 - 1000 * MS, t1 - 1000 * MS, t2,
			      ktime_get_ns(), 10 * MS);
		CHECK(si.fields.timer.overrun >= 99);
		EQ(sys_timer_delete(rid), 0);
	}

	/* Ignored: dropped, and the timer runs on by itself (re-armed at its expiry). */
	ignore(LINUX_SIGUSR2, true);
	e = sev(LINUX_SIGEV_SIGNAL, LINUX_SIGUSR2, 0);
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &plain), 0);
	EQ(arm(plain, 20 * MS, 20 * MS), 0);
	sleep_ms(50);
	CHECK(left_ns(plain) > 0 && left_ns(plain) <= 20 * MS);
	ignore(LINUX_SIGUSR2, false);
	EQ(pending(LINUX_SIGUSR2), 0);
	EQ(sys_timer_delete(plain), 0);

	/* A NULL sigevent: SIGALRM with the id as the value. */
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, NULL, &plain), 0);
	EQ(arm(plain, 1 * MS, 0), 0);
	sleep_ms(5);
	EQ(take(LINUX_SIGALRM, &si), LINUX_SIGALRM);
	EQ(si.si_code, LINUX_SI_TIMER);
	EQ(si.fields.timer.tid, plain);
	EQ(si.fields.timer.sigval.sival_int, plain);
	EQ(sys_timer_delete(plain), 0);

	/* SIGEV_THREAD_ID: to this thread. */
	e = sev(LINUX_SIGEV_THREAD_ID, LINUX_SIGUSR1, 5);
	e.un.tid = current->pid;
	EQ(sys_timer_create(LINUX_CLOCK_MONOTONIC, &e, &plain), 0);
	EQ(arm(plain, 1 * MS, 0), 0);
	sleep_ms(5);
	EQ(take(LINUX_SIGUSR1, &si), LINUX_SIGUSR1);
	EQ(si.si_code, LINUX_SI_TIMER);
	EQ(si.fields.timer.sigval.sival_int, 5);
	EQ(sys_timer_delete(plain), 0);
	EQ(sys_timer_delete(id), 0);
	printf("timers: dequeue checks done\n");
}

int main(void)
{
	linux_sigset_t all;
	long r;

	test_itimer();
	test_ids();
	test_create();
	test_settime();
	memset(&all, 0xff, sizeof(all));
	r = sigcall(__NR_rt_sigprocmask, LINUX_SIG_SETMASK, (long)&all, 0, sizeof(all));
	if (r == -ENOSYS) {
		printf("timers: no rt_sigprocmask: queueing checks skipped\n");
	} else {
		struct linux_siginfo si;

		EQ(r, 0);
		test_queueing();
		if (take(LINUX_SIGKILL, &si) == -ENOSYS)
			printf("timers: no rt_sigtimedwait: dequeue checks skipped\n");
		else {
			test_itimer_expiry();
			test_dequeue();
		}
	}
	printf("timers: %s\n", check_failures ? "FAILED" : "all checks passed");
	return check_failures;
}
