/*
 * uniarm's <time.h>: newlib's, plus what a POSIX program expects and newlib leaves out for
 * this target (clock_gettime, clock_getres, clock_nanosleep, nanosleep and the CLOCK_* ids,
 * the POSIX timers). The clock ids take Linux's values, which are what the runtime understands.
 * timer_t is newlib's (unsigned long): the kernel's timer id, or for a SIGEV_THREAD timer
 * libc-glue's own handle (libc-glue/signal/timer.c).
 */
#ifndef UNIARM_LIBC_GLUE_TIME_H
#define UNIARM_LIBC_GLUE_TIME_H

#include_next <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#undef CLOCK_REALTIME
#undef CLOCK_MONOTONIC
#undef CLOCK_PROCESS_CPUTIME_ID
#undef CLOCK_THREAD_CPUTIME_ID
#undef CLOCK_MONOTONIC_RAW
#undef CLOCK_REALTIME_COARSE
#undef CLOCK_MONOTONIC_COARSE
#undef CLOCK_BOOTTIME
#undef TIMER_ABSTIME
#define CLOCK_REALTIME		 ((clockid_t)0)
#define CLOCK_MONOTONIC		 ((clockid_t)1)
#define CLOCK_PROCESS_CPUTIME_ID ((clockid_t)2)
#define CLOCK_THREAD_CPUTIME_ID	 ((clockid_t)3)
#define CLOCK_MONOTONIC_RAW	 ((clockid_t)4)
#define CLOCK_REALTIME_COARSE	 ((clockid_t)5)
#define CLOCK_MONOTONIC_COARSE	 ((clockid_t)6)
#define CLOCK_BOOTTIME		 ((clockid_t)7)
#define TIMER_ABSTIME		 1

#if !defined(_POSIX_TIMERS)
int clock_gettime(clockid_t clock_id, struct timespec *tp);
int clock_getres(clockid_t clock_id, struct timespec *res);
int nanosleep(const struct timespec *rqtp, struct timespec *rmtp);
#endif
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *rqtp,
		    struct timespec *rmtp);

#if !defined(_POSIX_TIMERS) && __POSIX_VISIBLE >= 199309
struct sigevent; /* <signal.h> */
int timer_create(clockid_t clock_id, struct sigevent *__restrict evp, timer_t *__restrict timerid);
int timer_delete(timer_t timerid);
int timer_settime(timer_t timerid, int flags, const struct itimerspec *__restrict value,
		  struct itimerspec *__restrict ovalue);
int timer_gettime(timer_t timerid, struct itimerspec *value);
int timer_getoverrun(timer_t timerid);
#endif

#ifdef __cplusplus
}
#endif

#endif
