/*
 * POSIX timers: timer_create (257) with the kernel's struct linux_sigevent (SIGEV_SIGNAL,
 * SIGEV_NONE, SIGEV_THREAD_ID; SIGEV_THREAD is libc-glue's, timer_thread.c), timer_settime
 * and timer_gettime through the _time64 calls (409, 408: newlib's struct timespec has a
 * 64-bit tv_sec), timer_getoverrun (260), timer_delete (261). A NULL sigevent is SIGALRM
 * with the timer's id as the value. The kernel checks the clock, the signal, the notification,
 * the times (EINVAL) and the id (EINVAL for one deleted or never made).
 */
#include "libc-glue/signal/signal_impl.h"
#include "libc-glue/signal/timer_impl.h"

#include <string.h>

int timer_create(clockid_t clock_id, struct sigevent *__restrict evp, timer_t *__restrict timerid)
{
	struct linux_sigevent ksev;
	int kid;
	long r;

	if (evp && evp->sigev_notify == SIGEV_THREAD)
		return __uniarm_timer_create_thread(clock_id, evp, timerid);
	if (evp) {
		memset(&ksev, 0, sizeof(ksev));
		memcpy(&ksev.sigev_value, &evp->sigev_value, sizeof(ksev.sigev_value));
		ksev.sigev_signo = evp->sigev_signo;
		ksev.sigev_notify = evp->sigev_notify;
		ksev.un.tid = evp->sigev_notify_thread_id;
	}
	r = __uniarm_syscall(__NR_timer_create, (long)clock_id, evp ? (long)&ksev : 0, (long)&kid,
			     0, 0, 0);
	if (r < 0)
		return (int)__sig_ret(r);
	*timerid = (timer_t)kid;
	return 0;
}

int timer_delete(timer_t timerid)
{
	if (__timer_is_thread(timerid))
		return __uniarm_timer_delete_thread(__timer_thread(timerid));
	return (int)__sig_ret(__uniarm_syscall(__NR_timer_delete, (long)timerid, 0, 0, 0, 0, 0));
}

static void to_linux(const struct itimerspec *v, struct linux_itimerspec64 *k)
{
	k->it_interval.tv_sec = (int64_t)v->it_interval.tv_sec;
	k->it_interval.tv_nsec = (int64_t)v->it_interval.tv_nsec;
	k->it_value.tv_sec = (int64_t)v->it_value.tv_sec;
	k->it_value.tv_nsec = (int64_t)v->it_value.tv_nsec;
}

static void from_linux(const struct linux_itimerspec64 *k, struct itimerspec *v)
{
	v->it_interval.tv_sec = (time_t)k->it_interval.tv_sec;
	v->it_interval.tv_nsec = (long)k->it_interval.tv_nsec;
	v->it_value.tv_sec = (time_t)k->it_value.tv_sec;
	v->it_value.tv_nsec = (long)k->it_value.tv_nsec;
}

int timer_settime(timer_t timerid, int flags, const struct itimerspec *__restrict value,
		  struct itimerspec *__restrict ovalue)
{
	struct linux_itimerspec64 knew, kold;
	long r;

	to_linux(value, &knew);
	r = __uniarm_syscall(__NR_timer_settime64, __timer_kid(timerid), flags, (long)&knew,
			     ovalue ? (long)&kold : 0, 0, 0);
	if (r < 0)
		return (int)__sig_ret(r);
	if (ovalue)
		from_linux(&kold, ovalue);
	return 0;
}

int timer_gettime(timer_t timerid, struct itimerspec *value)
{
	struct linux_itimerspec64 k;
	long r = __uniarm_syscall(__NR_timer_gettime64, __timer_kid(timerid), (long)&k, 0, 0, 0, 0);

	if (r < 0)
		return (int)__sig_ret(r);
	from_linux(&k, value);
	return 0;
}

int timer_getoverrun(timer_t timerid)
{
	return (int)__sig_ret(
		__uniarm_syscall(__NR_timer_getoverrun, __timer_kid(timerid), 0, 0, 0, 0, 0));
}
