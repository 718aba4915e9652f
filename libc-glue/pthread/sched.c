/*
 * sched_yield (newlib has none for this target) and the threads' scheduling calls. Threads
 * run under the kernel's default policy: pthread_getschedparam says SCHED_OTHER, priority 0;
 * setting another policy or priority is not supported (ENOTSUP), and the scheduling
 * attributes of pthread_create are kept but not applied.
 */
#include "libc-glue/pthread/pthread_impl.h"

#include <sched.h>

int sched_yield(void)
{
	__uniarm_syscall(__NR_sched_yield, 0, 0, 0, 0, 0, 0);
	return 0;
}

int pthread_yield(void)
{
	return sched_yield();
}

int pthread_getschedparam(pthread_t thread, int *__restrict policy,
			  struct sched_param *__restrict param)
{
	(void)thread;
	*policy = SCHED_OTHER;
	param->sched_priority = 0;
	return 0;
}

int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param)
{
	(void)thread;
	if (policy == SCHED_OTHER && param->sched_priority == 0)
		return 0;
	return ENOTSUP;
}

int pthread_setschedprio(pthread_t thread, int prio)
{
	(void)thread;
	return prio == 0 ? 0 : ENOTSUP;
}

static int concurrency;

int pthread_getconcurrency(void)
{
	return concurrency;
}

int pthread_setconcurrency(int new_level)
{
	if (new_level < 0)
		return EINVAL;
	concurrency = new_level;
	return 0;
}
