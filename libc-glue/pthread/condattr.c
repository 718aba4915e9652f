/* Condition variable attributes. __attr: bits 0-6 the clock of timed waits (CLOCK_REALTIME by
 * default, or CLOCK_MONOTONIC), bit 7 process-shared. */
#include "libc-glue/pthread/pthread_impl.h"

#define ATTR_PSHARED 0x80

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->__attr = CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *__restrict attr,
			      clockid_t *__restrict clock)
{
	*clock = attr->__attr & 0x7f;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (!__clock_ok(clock))
		return EINVAL;
	attr->__attr = (attr->__attr & ATTR_PSHARED) | (int)clock;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *__restrict attr, int *__restrict pshared)
{
	*pshared = attr->__attr & ATTR_PSHARED ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	if (pshared == PTHREAD_PROCESS_SHARED)
		attr->__attr |= ATTR_PSHARED;
	else if (pshared == PTHREAD_PROCESS_PRIVATE)
		attr->__attr &= ~ATTR_PSHARED;
	else
		return EINVAL;
	return 0;
}
