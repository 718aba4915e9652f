/*
 * Mutex attributes. __attr: bits 0-1 the type, bit 7 process-shared (the mutex's __kind takes
 * both). Priority inheritance or protection and robustness are refused with ENOTSUP.
 */
#include "libc-glue/pthread/pthread_impl.h"

#define ATTR_TYPE    3
#define ATTR_PSHARED 0x80

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->__attr = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *__restrict attr, int *__restrict type)
{
	*type = attr->__attr & ATTR_TYPE;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__attr = (attr->__attr & ~ATTR_TYPE) | type;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *__restrict attr,
				 int *__restrict pshared)
{
	*pshared = attr->__attr & ATTR_PSHARED ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (pshared == PTHREAD_PROCESS_SHARED)
		attr->__attr |= ATTR_PSHARED;
	else if (pshared == PTHREAD_PROCESS_PRIVATE)
		attr->__attr &= ~ATTR_PSHARED;
	else
		return EINVAL;
	return 0;
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *__restrict attr,
				  int *__restrict protocol)
{
	(void)attr;
	*protocol = PTHREAD_PRIO_NONE;
	return 0;
}

int pthread_mutexattr_setprotocol(pthread_mutexattr_t *attr, int protocol)
{
	(void)attr;
	if (protocol == PTHREAD_PRIO_NONE)
		return 0;
	return protocol == PTHREAD_PRIO_INHERIT || protocol == PTHREAD_PRIO_PROTECT ? ENOTSUP
										    : EINVAL;
}

int pthread_mutexattr_getrobust(const pthread_mutexattr_t *__restrict attr, int *__restrict robust)
{
	(void)attr;
	*robust = PTHREAD_MUTEX_STALLED;
	return 0;
}

int pthread_mutexattr_setrobust(pthread_mutexattr_t *attr, int robust)
{
	(void)attr;
	if (robust == PTHREAD_MUTEX_STALLED)
		return 0;
	return robust == PTHREAD_MUTEX_ROBUST ? ENOTSUP : EINVAL;
}

int pthread_mutexattr_getprioceiling(const pthread_mutexattr_t *__restrict attr,
				     int *__restrict prioceiling)
{
	(void)attr;
	*prioceiling = 0;
	return 0;
}

int pthread_mutexattr_setprioceiling(pthread_mutexattr_t *attr, int prioceiling)
{
	(void)attr;
	(void)prioceiling;
	return EINVAL;
}
