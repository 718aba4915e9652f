/*
 * Timers that signal (issue 13): alarm (the seconds left, alarm(0) cancels, SIGALRM after the
 * time), setitimer/getitimer ITIMER_REAL (the time left read back, the old value returned,
 * interval re-arming, a zero value disarming whatever the interval, bad arguments), and POSIX
 * timers on CLOCK_MONOTONIC and CLOCK_REALTIME with SIGEV_SIGNAL (si_code SI_TIMER with the
 * sigevent's value, relative and TIMER_ABSTIME, intervals, timer_gettime, overruns while the
 * signal is blocked, SIGEV_NONE, a NULL sigevent, the errors, a deleted timer's id).
 */
#include "sig_check.h"

static long long ms_since(long long t0)
{
	return (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
}

static long long itv_us(const struct timeval *tv)
{
	return (long long)tv->tv_sec * 1000000LL + tv->tv_usec;
}

static long long its_ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static struct itimerval itv(long value_ms, long interval_ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = value_ms / 1000;
	it.it_value.tv_usec = (value_ms % 1000) * 1000;
	it.it_interval.tv_sec = interval_ms / 1000;
	it.it_interval.tv_usec = (interval_ms % 1000) * 1000;
	return it;
}

static struct itimerspec its(long value_ms, long interval_ms)
{
	struct itimerspec it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = value_ms / 1000;
	it.it_value.tv_nsec = (value_ms % 1000) * 1000000L;
	it.it_interval.tv_sec = interval_ms / 1000;
	it.it_interval.tv_nsec = (interval_ms % 1000) * 1000000L;
	return it;
}

/* Wait (sleeping 1 ms at a time: each sleep ends early for a signal) until sig was handled
 * n times or ms passed; how many times it was. */
static int wait_for_signals(int sig, int n, long ms)
{
	WAIT_FOR(rec.count[sig] >= n, ms);
	return rec.count[sig];
}

static void test_alarm(void)
{
	struct itimerval it;
	long long t0;

	MUST_HANDLE(SIGALRM, rec_handler, 0);
	unblock_all();
	alarm(0);
	CHECK_EQ("timers.alarm.none", alarm(0), 0);
	CHECK_EQ("timers.alarm.set", alarm(5), 0);
	CHECK_EQ("timers.alarm.left", alarm(3), 5);
	getitimer(ITIMER_REAL, &it);
	CHECK("timers.alarm.is_itimer_real", it.it_value.tv_sec == 2 || it.it_value.tv_sec == 3,
	      "getitimer says %lld us left", itv_us(&it.it_value));
	CHECK_EQ("timers.alarm.cancel", alarm(0), 3);
	getitimer(ITIMER_REAL, &it);
	CHECK_EQ("timers.alarm.cancelled", itv_us(&it.it_value), 0);
	CHECK_EQ("timers.alarm.cancel_again", alarm(0), 0);

	rec_reset();
	t0 = now_ns(CLOCK_MONOTONIC);
	alarm(1);
	wait_for_signals(SIGALRM, 1, 3000);
	long long took = ms_since(t0);
	CHECK_EQ("timers.alarm.fired", rec.count[SIGALRM], 1);
	CHECK("timers.alarm.after_1s", took >= 990 && took < 2000, "after %lld ms", took);
	/* An expiring itimer sends SIGALRM from the kernel. */
	CHECK_CODE("timers.alarm.si_code", SIGALRM, rec.code, LINUX_SI_KERNEL);
	CHECK_EQ("timers.alarm.gone", alarm(0), 0);
}

static void test_itimer(void)
{
	struct itimerval it, old;
	long long t0;

	MUST_HANDLE(SIGALRM, rec_handler, 0);
	unblock_all();

	it = itv(300, 0);
	CHECK_ZERO("timers.setitimer", setitimer(ITIMER_REAL, &it, NULL));
	memset(&old, 0xa5, sizeof(old));
	CHECK_ZERO("timers.getitimer", getitimer(ITIMER_REAL, &old));
	CHECK("timers.getitimer.left",
	      itv_us(&old.it_value) > 200000 && itv_us(&old.it_value) <= 300000 &&
		      itv_us(&old.it_interval) == 0,
	      "value %lld us, interval %lld us", itv_us(&old.it_value), itv_us(&old.it_interval));
	it = itv(500, 0);
	memset(&old, 0, sizeof(old));
	CHECK_ZERO("timers.setitimer.replace", setitimer(ITIMER_REAL, &it, &old));
	CHECK("timers.setitimer.old_value",
	      itv_us(&old.it_value) > 200000 && itv_us(&old.it_value) <= 300000,
	      "old value %lld us", itv_us(&old.it_value));
	it = itv(0, 0);
	CHECK_ZERO("timers.setitimer.disarm", setitimer(ITIMER_REAL, &it, &old));
	CHECK("timers.setitimer.disarm_old", itv_us(&old.it_value) > 400000, "old value %lld us",
	      itv_us(&old.it_value));
	getitimer(ITIMER_REAL, &old);
	CHECK_EQ("timers.setitimer.disarmed", itv_us(&old.it_value), 0);
	/* A zero value disarms; the interval given with it is not kept. */
	it = itv(0, 50);
	CHECK_ZERO("timers.setitimer.zero_value", setitimer(ITIMER_REAL, &it, NULL));
	getitimer(ITIMER_REAL, &old);
	CHECK("timers.setitimer.zero_value_disarmed",
	      itv_us(&old.it_value) == 0 && itv_us(&old.it_interval) == 0,
	      "value %lld us, interval %lld us", itv_us(&old.it_value), itv_us(&old.it_interval));

	/* One shot: one SIGALRM. */
	rec_reset();
	t0 = now_ns(CLOCK_MONOTONIC);
	it = itv(40, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	wait_for_signals(SIGALRM, 1, 2000);
	long long took = ms_since(t0);
	CHECK_EQ("timers.itimer.one_shot", rec.count[SIGALRM], 1);
	CHECK("timers.itimer.one_shot_time", took >= 40 && took < 1000, "after %lld ms", took);
	sleep_ms(60);
	CHECK_EQ("timers.itimer.one_shot_once", rec.count[SIGALRM], 1);

	/* Interval: re-armed each time. */
	rec_reset();
	t0 = now_ns(CLOCK_MONOTONIC);
	it = itv(20, 20);
	setitimer(ITIMER_REAL, &it, NULL);
	wait_for_signals(SIGALRM, 5, 3000);
	took = ms_since(t0);
	getitimer(ITIMER_REAL, &old);
	it = itv(0, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK("timers.itimer.interval", rec.count[SIGALRM] >= 5 && took >= 100,
	      "%d signals in %lld ms", rec.count[SIGALRM], took);
	CHECK_EQ("timers.itimer.interval_read_back", itv_us(&old.it_interval), 20000);

	/* Errors. */
	it = itv(10, 0);
	CHECK_SYSERR("timers.setitimer.bad_which_einval", setitimer(5, &it, NULL), EINVAL);
	CHECK_SYSERR("timers.getitimer.bad_which_einval", getitimer(5, &old), EINVAL);
	CHECK_SYSERR("timers.getitimer.neg_which_einval", getitimer(-1, &old), EINVAL);
	it.it_value.tv_usec = 1000000;
	CHECK_SYSERR("timers.setitimer.bad_usec_einval", setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	it = itv(10, 0);
	it.it_value.tv_sec = -1;
	CHECK_SYSERR("timers.setitimer.negative_einval", setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	CHECK_SYSERR("timers.getitimer.efault",
		     RAW(__NR_getitimer, LINUX_ITIMER_REAL, unmapped_page()), EFAULT);
	CHECK_SYSERR("timers.setitimer.efault",
		     RAW(__NR_setitimer, LINUX_ITIMER_REAL, unmapped_page(), NULL), EFAULT);
	getitimer(ITIMER_REAL, &old);
	CHECK_EQ("timers.setitimer.errors_left_it_off", itv_us(&old.it_value), 0);
	signal(SIGALRM, SIG_DFL);
}

static timer_t make_timer(clockid_t clk, int sig, int value)
{
	struct sigevent sev;
	timer_t t;

	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = sig;
	sev.sigev_value.sival_int = value;
	MUST("timer_create", timer_create(clk, &sev, &t) == 0);
	return t;
}

static void test_posix_timers(void)
{
	struct itimerspec it, cur;
	struct sigevent sev;
	timer_t t, t2, dead;
	long long t0, took;
	const int sig = SIGRTMIN + 2, sig2 = SIGUSR2;

	MUST_HANDLE(sig, rec_handler, 0);
	MUST_HANDLE(sig2, rec_handler, 0);
	unblock_all();

	/* CLOCK_MONOTONIC, relative, one shot. */
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = sig;
	sev.sigev_value.sival_int = 77;
	CHECK_ZERO("timers.timer_create.monotonic", timer_create(CLOCK_MONOTONIC, &sev, &t));
	it = its(200, 0);
	CHECK_ZERO("timers.timer_settime", timer_settime(t, 0, &it, NULL));
	memset(&cur, 0xa5, sizeof(cur));
	CHECK_ZERO("timers.timer_gettime", timer_gettime(t, &cur));
	CHECK("timers.timer_gettime.left",
	      its_ns(&cur.it_value) > 100000000LL && its_ns(&cur.it_value) <= 200000000LL &&
		      its_ns(&cur.it_interval) == 0,
	      "value %lld ns, interval %lld ns", its_ns(&cur.it_value), its_ns(&cur.it_interval));
	rec_reset();
	it = its(30, 0);
	memset(&cur, 0, sizeof(cur));
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_ZERO("timers.timer_settime.replace", timer_settime(t, 0, &it, &cur));
	CHECK("timers.timer_settime.old_value", its_ns(&cur.it_value) > 100000000LL,
	      "old value %lld ns", its_ns(&cur.it_value));
	wait_for_signals(sig, 1, 2000);
	took = ms_since(t0);
	CHECK_EQ("timers.monotonic.fired", rec.count[sig], 1);
	CHECK("timers.monotonic.time", took >= 30 && took < 1000, "after %lld ms", took);
	CHECK_SIGNO("timers.monotonic.si_signo", rec.signo, sig);
	CHECK_CODE("timers.monotonic.si_code", sig, rec.code, LINUX_SI_TIMER);
	CHECK_EQ("timers.monotonic.si_value", rec.value, 77);
	timer_gettime(t, &cur);
	CHECK_EQ("timers.monotonic.expired_reads_zero", its_ns(&cur.it_value), 0);

	/* Interval: five signals, each one its own expiry. */
	rec_reset();
	it = its(10, 10);
	t0 = now_ns(CLOCK_MONOTONIC);
	timer_settime(t, 0, &it, NULL);
	wait_for_signals(sig, 5, 3000);
	took = ms_since(t0);
	timer_gettime(t, &cur);
	it = its(0, 0);
	timer_settime(t, 0, &it, NULL);
	CHECK("timers.interval", rec.count[sig] >= 5 && took >= 50, "%d signals in %lld ms",
	      rec.count[sig], took);
	CHECK_EQ("timers.interval.read_back", its_ns(&cur.it_interval), 10000000LL);
	timer_gettime(t, &cur);
	CHECK_EQ("timers.interval.disarmed", its_ns(&cur.it_value), 0);

	/* Overruns: while the signal is blocked the timer expires about 20 times and one signal
	 * waits; taking it (sigwaitinfo) counts the others as overruns (timer_getoverrun). */
	block(sig);
	it = its(5, 5);
	timer_settime(t, 0, &it, NULL);
	sleep_ms(100);
	{
		sigset_t s = set_of(sig);
		siginfo_t si;
		memset(&si, 0, sizeof(si));
		CHECK_SYSVAL("timers.overrun.one_signal", sigwaitinfo(&s, &si), sig);
		int overrun = timer_getoverrun(t);
		it = its(0, 0);
		timer_settime(t, 0, &it, NULL);
		CHECK_CODE("timers.overrun.si_code", sig, si.si_code, LINUX_SI_TIMER);
		CHECK("timers.overrun.count", overrun >= 5 && overrun <= 25, "timer_getoverrun %d",
		      overrun);
		struct timespec zero = {0, 0};
		while (sigtimedwait(&s, &si, &zero) == sig)
			;
	}
	unblock(sig);

	/* CLOCK_REALTIME, absolute: at now + 40 ms; and in the past: at once. */
	t2 = make_timer(CLOCK_REALTIME, sig2, 88);
	rec_reset();
	clock_gettime(CLOCK_REALTIME, &it.it_value);
	it.it_value.tv_nsec += 40000000L;
	if (it.it_value.tv_nsec >= 1000000000L) {
		it.it_value.tv_sec++;
		it.it_value.tv_nsec -= 1000000000L;
	}
	it.it_interval.tv_sec = it.it_interval.tv_nsec = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_ZERO("timers.realtime.abstime", timer_settime(t2, TIMER_ABSTIME, &it, NULL));
	wait_for_signals(sig2, 1, 2000);
	took = ms_since(t0);
	CHECK("timers.realtime.abstime_fired", rec.count[sig2] == 1 && took >= 35 && took < 1000,
	      "%d signals after %lld ms", rec.count[sig2], took);
	CHECK("timers.realtime.si", rec.code == LINUX_SI_TIMER && rec.value == 88, "%s value %d",
	      codename(sig2, rec.code), rec.value);
	rec_reset();
	it.it_value.tv_sec -= 10;
	t0 = now_ns(CLOCK_MONOTONIC);
	timer_settime(t2, TIMER_ABSTIME, &it, NULL);
	wait_for_signals(sig2, 1, 2000);
	CHECK("timers.realtime.abstime_past", rec.count[sig2] == 1 && ms_since(t0) < 500,
	      "%d signals after %lld ms", rec.count[sig2], ms_since(t0));

	/* Two timers at once, each with its signal and value. */
	rec_reset();
	it = its(20, 0);
	timer_settime(t, 0, &it, NULL);
	it = its(40, 0);
	timer_settime(t2, 0, &it, NULL);
	wait_for_signals(sig2, 1, 2000);
	wait_for_signals(sig, 1, 2000);
	CHECK("timers.two",
	      rec.count[sig] == 1 && rec.count[sig2] == 1 && rec.order[0] == sig &&
		      rec.order[1] == sig2,
	      "%s %d times, %s %d times, first %s", signame(sig), rec.count[sig], signame(sig2),
	      rec.count[sig2], signame(rec.order[0]));

	/* SIGEV_NONE: it runs, nobody is told. */
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_NONE;
	timer_t quiet;
	CHECK_ZERO("timers.sigev_none", timer_create(CLOCK_MONOTONIC, &sev, &quiet));
	it = its(50, 0);
	timer_settime(quiet, 0, &it, NULL);
	sleep_ms(10);
	timer_gettime(quiet, &cur);
	CHECK("timers.sigev_none.counts_down",
	      its_ns(&cur.it_value) > 0 && its_ns(&cur.it_value) < 50000000LL, "value %lld ns",
	      its_ns(&cur.it_value));
	sleep_ms(60);
	timer_gettime(quiet, &cur);
	CHECK_EQ("timers.sigev_none.expired", its_ns(&cur.it_value), 0);
	timer_delete(quiet);

	/* A NULL sigevent: SIGALRM, SI_TIMER. */
	MUST_HANDLE(SIGALRM, rec_handler, 0);
	timer_t plain;
	CHECK_ZERO("timers.null_sigevent", timer_create(CLOCK_MONOTONIC, NULL, &plain));
	rec_reset();
	it = its(10, 0);
	timer_settime(plain, 0, &it, NULL);
	wait_for_signals(SIGALRM, 1, 2000);
	CHECK("timers.null_sigevent.sigalrm", rec.count[SIGALRM] == 1 && rec.code == LINUX_SI_TIMER,
	      "%d signals, %s", rec.count[SIGALRM], codename(SIGALRM, rec.code));
	timer_delete(plain);
	signal(SIGALRM, SIG_DFL);

	/* Errors. */
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = sig;
	CHECK_SYSERR("timers.timer_create.bad_clock_einval",
		     timer_create((clockid_t)99, &sev, &dead), EINVAL);
	sev.sigev_signo = 65;
	CHECK_SYSERR("timers.timer_create.bad_signal_einval",
		     timer_create(CLOCK_MONOTONIC, &sev, &dead), EINVAL);
	sev.sigev_signo = sig;
	sev.sigev_notify = 99;
	CHECK_SYSERR("timers.timer_create.bad_notify_einval",
		     timer_create(CLOCK_MONOTONIC, &sev, &dead), EINVAL);
	it = its(10, 0);
	it.it_value.tv_nsec = 1000000000L;
	CHECK_SYSERR("timers.timer_settime.bad_nsec_einval", timer_settime(t, 0, &it, NULL),
		     EINVAL);
	it = its(10, 0);
	it.it_interval.tv_nsec = -1;
	CHECK_SYSERR("timers.timer_settime.bad_interval_einval", timer_settime(t, 0, &it, NULL),
		     EINVAL);
	dead = make_timer(CLOCK_MONOTONIC, sig, 1);
	CHECK_ZERO("timers.timer_delete", timer_delete(dead));
	it = its(10, 0);
	CHECK_SYSERR("timers.deleted.settime_einval", timer_settime(dead, 0, &it, NULL), EINVAL);
	CHECK_SYSERR("timers.deleted.gettime_einval", timer_gettime(dead, &cur), EINVAL);
	CHECK_SYSERR("timers.deleted.getoverrun_einval", timer_getoverrun(dead), EINVAL);
	CHECK_SYSERR("timers.deleted.delete_einval", timer_delete(dead), EINVAL);
	/* Deleting an armed timer: it never fires. */
	rec_reset();
	it = its(20, 0);
	timer_settime(t, 0, &it, NULL);
	CHECK_ZERO("timers.delete_armed", timer_delete(t));
	sleep_ms(60);
	CHECK_EQ("timers.delete_armed.no_signal", rec.count[sig], 0);
	timer_delete(t2);
}

static int run(void)
{
	test_alarm();
	test_itimer();
	test_posix_timers();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
