/*
 * Time: the generic timer's virtual counter is the monotonic clock (since boot); the PL031
 * real-time clock, read once at boot, gives CLOCK_REALTIME its epoch. A sleep is a task
 * waiting for a timer (runtime/hrtimer.c); with nothing else to run, the idle task waits in
 * wfi (under QEMU -icount sleep=off, guest time then jumps ahead).
 */
#include "runtime/time.h"
#include "runtime/math64.h"
#include "runtime/sched.h"
#include "runtime/syscalls.h"
#include "platform/arch_timer.h"
#include "platform/uaccess.h"

#include <errno.h>

#define NSEC_PER_SEC 1000000000ULL

static uint64_t realtime_base_ns;

void time_init(uint64_t rtc_seconds)
{
	realtime_base_ns = rtc_seconds * NSEC_PER_SEC;
}

uint64_t counter_to_ns(uint64_t ticks)
{
	uint32_t rate = arch_timer_rate(), rem;
	uint64_t secs = div_u64_rem(ticks, rate, &rem);

	return secs * NSEC_PER_SEC + div_u64((uint64_t)rem * NSEC_PER_SEC, rate);
}

uint64_t ktime_get_ns(void)
{
	return counter_to_ns(arch_counter_read());
}

uint64_t realtime_to_monotonic_ns(uint64_t ns)
{
	return ns > realtime_base_ns ? ns - realtime_base_ns : 0;
}

uint64_t ns_to_counter(uint64_t ns)
{
	uint32_t rate = arch_timer_rate(), rem;
	uint64_t secs = div_u64_rem(ns, NSEC_PER_SEC, &rem);

	return secs * rate + div_u64((uint64_t)rem * rate + NSEC_PER_SEC - 1, NSEC_PER_SEC);
}

static int clock_valid(int clockid)
{
	return clockid >= LINUX_CLOCK_REALTIME && clockid <= LINUX_CLOCK_BOOTTIME;
}

static int clock_is_realtime(int clockid)
{
	return clockid == LINUX_CLOCK_REALTIME || clockid == LINUX_CLOCK_REALTIME_COARSE;
}

/*
 * The results are built in runtime memory and copied out with copy_to_user; the arguments
 * are copied in with copy_from_user. A pointer the application cannot use gives -EFAULT.
 */
long sys_clock_gettime64(int clockid, struct linux_timespec64 __user *utp)
{
	struct linux_timespec64 tp;
	uint64_t ns;
	uint32_t nsec;

	if (!clock_valid(clockid))
		return -EINVAL;
	ns = ktime_get_ns();
	if (clock_is_realtime(clockid))
		ns += realtime_base_ns;
	tp.tv_sec = (int64_t)div_u64_rem(ns, NSEC_PER_SEC, &nsec);
	tp.tv_nsec = nsec;
	if (copy_to_user(utp, &tp, sizeof(tp)))
		return -EFAULT;
	return 0;
}

/* A NULL tp asks for nothing (Linux): 0. */
long sys_clock_getres_time64(int clockid, struct linux_timespec64 __user *utp)
{
	struct linux_timespec64 tp;

	if (!clock_valid(clockid))
		return -EINVAL;
	if (utp) {
		tp.tv_sec = 0;
		tp.tv_nsec = (uint32_t)(NSEC_PER_SEC + arch_timer_rate() - 1) / arch_timer_rate();
		if (copy_to_user(utp, &tp, sizeof(tp)))
			return -EFAULT;
	}
	return 0;
}

/*
 * Sleep until the monotonic deadline (runtime/sched_core.c: a timer wakes the task, others run
 * meanwhile) or a signal. Interrupted, a relative sleep writes the time left to rmtp (if any)
 * and returns -ERESTART_RESTARTBLOCK: -EINTR once a handler ran, otherwise restart_syscall
 * sleeps on to the same deadline (Linux's hrtimer_nanosleep_restart).
 */
static long nanosleep_until(struct restart_block *r)
{
	uint64_t left;

	do {
		set_current_state(TASK_INTERRUPTIBLE);
		left = schedule_hrtimeout(r->deadline_ns);
		if (!left)
			return 0;
	} while (!signal_pending(current));
	if (r->rmtp) {
		uint64_t sec = div_u64(left, NSEC_PER_SEC);
		long nsec = (long)(left - sec * NSEC_PER_SEC);
		int bad;

		if (r->rmtp_time64) {
			struct linux_timespec64 ts = {(int64_t)sec, nsec};

			bad = copy_to_user(r->rmtp, &ts, sizeof(ts)) != 0;
		} else {
			struct linux_timespec32 ts = {(int32_t)sec, (int32_t)nsec};

			bad = copy_to_user(r->rmtp, &ts, sizeof(ts)) != 0;
		}
		if (bad)
			return -EFAULT;
	}
	r->fn = nanosleep_until;
	return -ERESTART_RESTARTBLOCK;
}

/* req is copied in before anything else is looked at (-EFAULT); rmtp is written only when a
 * signal interrupts a relative sleep, so a bad one is no error otherwise, as on Linux. An
 * absolute sleep is restarted as it was asked (-ERESTARTNOHAND), and writes no time left. */
static long do_nanosleep(int clockid, int flags, const struct linux_timespec64 *req,
			 void __user *rmtp, int rmtp_time64)
{
	struct restart_block *r = &current->restart_block;
	uint64_t ns;

	if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	ns = (uint64_t)req->tv_sec * NSEC_PER_SEC + (uint64_t)req->tv_nsec;
	if (flags & LINUX_TIMER_ABSTIME) {
		if (clock_is_realtime(clockid))
			ns = realtime_to_monotonic_ns(ns);
		r->rmtp = NULL;
	} else {
		ns += ktime_get_ns();
		r->rmtp = rmtp;
		r->rmtp_time64 = rmtp_time64;
	}
	r->deadline_ns = ns;
	if (ktime_get_ns() >= ns)
		return 0;
	ns = (uint64_t)nanosleep_until(r);
	if ((long)ns == -ERESTART_RESTARTBLOCK && (flags & LINUX_TIMER_ABSTIME))
		return -ERESTARTNOHAND;
	return (long)ns;
}

long sys_clock_nanosleep_time64(int clockid, int flags, const struct linux_timespec64 __user *ureq,
				struct linux_timespec64 __user *rem)
{
	struct linux_timespec64 req;

	if (!clock_valid(clockid) || clockid == LINUX_CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	return do_nanosleep(clockid, flags, &req, rem, 1);
}

/* nanosleep(2) with the 32-bit struct timespec: CLOCK_MONOTONIC, relative. */
long sys_nanosleep(const struct linux_timespec32 __user *ureq, struct linux_timespec32 __user *rem)
{
	struct linux_timespec32 r32;
	struct linux_timespec64 req;

	if (copy_from_user(&r32, ureq, sizeof(r32)))
		return -EFAULT;
	req.tv_sec = r32.tv_sec;
	req.tv_nsec = r32.tv_nsec;
	return do_nanosleep(LINUX_CLOCK_MONOTONIC, 0, &req, rem, 0);
}

/* The ticks since boot; buf (NULL allowed) gets the times, or the call is -EFAULT. */
long sys_times(struct linux_tms __user *ubuf)
{
	long ticks = (long)div_u64(ktime_get_ns(), NSEC_PER_SEC / LINUX_USER_HZ);

	if (ubuf) {
		/* One task, always running: all of its time is user time. */
		struct linux_tms buf = {.tms_utime = ticks};

		if (copy_to_user(ubuf, &buf, sizeof(buf)))
			return -EFAULT;
	}
	return ticks;
}
