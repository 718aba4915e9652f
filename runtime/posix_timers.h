/*
 * Timers that send signals (docs/signals.md, "Timers"): what runtime/itimer.c (setitimer,
 * getitimer) and runtime/posix_timers.c (timer_create and its family) share, and the hook the
 * signal delivery calls for ITIMER_REAL. Times are the monotonic clock's nanoseconds as a
 * signed 64-bit count, Linux's ktime_t, saturating at KTIME_MAX (about 292 years).
 */
#ifndef UNIARM_RUNTIME_POSIX_TIMERS_H
#define UNIARM_RUNTIME_POSIX_TIMERS_H

#include <stdbool.h>
#include <stdint.h>
#include "runtime/math64.h"

#define KTIME_MAX     INT64_MAX
#define NSEC_PER_SEC  1000000000ll
#define NSEC_PER_USEC 1000ll
#define KTIME_SEC_MAX (KTIME_MAX / NSEC_PER_SEC)
/* One tick of uniarm's scheduler clock (HZ = 100, docs/tasks.md): Linux's TICK_NSEC, the
 * floor under the re-arming of timers that expire with nobody to tell. */
#define TICK_NSEC (NSEC_PER_SEC / 100)

/* runtime/itimer.c: SIGALRM left the process's shared pending set (delivered, or taken by
 * sigwaitinfo/sigtimedwait; not when dropped). A periodic ITIMER_REAL that expired is
 * re-armed now, at the next period boundary after the present, as Linux's dequeue_signal
 * does. The signal core calls it with siglock held (interrupts masked). */
void itimer_real_dequeued(void);

/* a + b for b >= 0, KTIME_MAX rather than an overflow (Linux's ktime_add_safe). */
static inline int64_t ktime_add_safe(int64_t a, int64_t b)
{
	return a > KTIME_MAX - b ? KTIME_MAX : a + b;
}

/* A validated time (0 <= nsec < NSEC_PER_SEC, sec >= 0) in ns, KTIME_MAX when it is longer
 * (Linux's timespec64_to_ktime). */
static inline int64_t ktime_from(int64_t sec, int64_t nsec)
{
	if (sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return sec * NSEC_PER_SEC + nsec;
}

/* ns >= 0 as seconds and the nanoseconds left (Linux's ktime_to_timespec64). */
static inline int64_t ktime_split(int64_t ns, uint32_t *nsec)
{
	return (int64_t)div_u64_rem((uint64_t)ns, (uint32_t)NSEC_PER_SEC, nsec);
}

/* n / d for 64-bit d (math64.h divides by 32-bit divisors only): with d above 32 bits the
 * quotient fits 32, found bit by bit. */
static inline uint64_t div64_u64(uint64_t n, uint64_t d)
{
	uint64_t q = 0;

	if (!(d >> 32))
		return div_u64(n, (uint32_t)d);
	for (int b = 31; b >= 0; b--) {
		if ((n >> b) >= d) {
			n -= d << b;
			q |= 1ull << b;
		}
	}
	return q;
}

/*
 * Move an expiry that is not in the future (*expires <= now) on by whole intervals until it
 * is, and say by how many (0 if it already was in the future). Linux's hrtimer_forward, which
 * the posix timers use to count overruns.
 */
static inline uint64_t ktime_forward(int64_t *expires, int64_t now, int64_t interval)
{
	int64_t delta = now - *expires;
	uint64_t n = 1;

	if (delta < 0)
		return 0;
	if (delta >= interval) {
		n = div64_u64((uint64_t)delta, (uint64_t)interval);
		*expires += (int64_t)(n * (uint64_t)interval); /* at most delta: now at most */
		if (*expires > now)
			return n;
		n++;
	}
	*expires = ktime_add_safe(*expires, interval);
	return n;
}

#endif
