/*
 * The interval timers of setitimer/getitimer (104/105) and alarm, which ARM EABI has no call
 * for (glibc builds it on setitimer too). The kernel's struct itimerval has 32-bit seconds and
 * microseconds, newlib's a 64-bit time_t: a value that does not fit is EOVERFLOW before the
 * kernel sees it, as glibc's 64-bit-time setitimer says; the kernel checks the rest (which,
 * negative values, tv_usec of a million or more: EINVAL).
 */
#include "libc-glue/signal/signal_impl.h"

#include <limits.h>
#include <sys/time.h>
#include <unistd.h>

static int fits(time_t sec)
{
	return sec >= INT32_MIN && sec <= INT32_MAX;
}

static void from_linux(const struct linux_itimerval *k, struct itimerval *v)
{
	v->it_interval.tv_sec = k->it_interval.tv_sec;
	v->it_interval.tv_usec = k->it_interval.tv_usec;
	v->it_value.tv_sec = k->it_value.tv_sec;
	v->it_value.tv_usec = k->it_value.tv_usec;
}

int setitimer(int which, const struct itimerval *__restrict value,
	      struct itimerval *__restrict ovalue)
{
	struct linux_itimerval knew, kold;
	long r;

	/* A NULL value disarms the timer (Linux still accepts it, with a warning). */
	if (value) {
		if (!fits(value->it_interval.tv_sec) || !fits(value->it_value.tv_sec)) {
			errno = EOVERFLOW;
			return -1;
		}
		knew.it_interval.tv_sec = (int32_t)value->it_interval.tv_sec;
		knew.it_interval.tv_usec = (int32_t)value->it_interval.tv_usec;
		knew.it_value.tv_sec = (int32_t)value->it_value.tv_sec;
		knew.it_value.tv_usec = (int32_t)value->it_value.tv_usec;
	}
	r = __uniarm_syscall(__NR_setitimer, which, value ? (long)&knew : 0,
			     ovalue ? (long)&kold : 0, 0, 0, 0);
	if (r < 0)
		return (int)__sig_ret(r);
	if (ovalue)
		from_linux(&kold, ovalue);
	return 0;
}

int getitimer(int which, struct itimerval *value)
{
	struct linux_itimerval k;
	long r = __uniarm_syscall(__NR_getitimer, which, (long)&k, 0, 0, 0, 0);

	if (r < 0)
		return (int)__sig_ret(r);
	from_linux(&k, value);
	return 0;
}

/*
 * alarm: ITIMER_REAL for whole seconds, no interval. Returns the seconds the previous alarm
 * had left, rounded to the nearest and never 0 for one still pending (glibc's rule). Seconds
 * beyond INT_MAX are INT_MAX (the kernel's 32-bit limit, as its own alarm call does).
 */
unsigned alarm(unsigned seconds)
{
	struct linux_itimerval knew = {{0, 0}, {0, 0}}, kold;
	unsigned left;

	knew.it_value.tv_sec = seconds > INT_MAX ? INT_MAX : (int32_t)seconds;
	if (__uniarm_syscall(__NR_setitimer, LINUX_ITIMER_REAL, (long)&knew, (long)&kold, 0, 0, 0) <
	    0)
		return 0;
	left = (unsigned)kold.it_value.tv_sec;
	if ((left == 0 && kold.it_value.tv_usec) || kold.it_value.tv_usec >= 500000)
		left++;
	return left;
}
