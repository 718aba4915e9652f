/*
 * Thread attributes (pthread_attr_*) and pthread_getattr_np. __flags: bit 0 detached, bit 1
 * explicit scheduling, bit 2 process scope (refused: Linux threads are system-scope). A zero
 * __stacksize means the default (DEFAULT_STACK_SIZE).
 */
#include "libc-glue/pthread/pthread_impl.h"

#include <string.h>
#include <sys/resource.h>

#define ATTR_DETACHED 1
#define ATTR_EXPLICIT 2

int pthread_attr_init(pthread_attr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->__guardsize = DEFAULT_GUARD_SIZE;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *detachstate)
{
	*detachstate =
		attr->__flags & ATTR_DETACHED ? PTHREAD_CREATE_DETACHED : PTHREAD_CREATE_JOINABLE;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int detachstate)
{
	if (detachstate == PTHREAD_CREATE_DETACHED)
		attr->__flags |= ATTR_DETACHED;
	else if (detachstate == PTHREAD_CREATE_JOINABLE)
		attr->__flags &= ~ATTR_DETACHED;
	else
		return EINVAL;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *__restrict attr, size_t *__restrict stacksize)
{
	*stacksize = attr->__stacksize ? attr->__stacksize : DEFAULT_STACK_SIZE;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t stacksize)
{
	if (stacksize < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stacksize = stacksize;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *__restrict attr, void **__restrict stackaddr,
			  size_t *__restrict stacksize)
{
	*stackaddr = attr->__stackaddr;
	*stacksize = attr->__stacksize ? attr->__stacksize : DEFAULT_STACK_SIZE;
	return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *stackaddr, size_t stacksize)
{
	if (stacksize < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stackaddr = stackaddr;
	attr->__stacksize = stacksize;
	return 0;
}

/* The obsolete pair: the address is the stack's top (glibc on a down-growing stack). */
int pthread_attr_getstackaddr(const pthread_attr_t *__restrict attr, void **__restrict stackaddr)
{
	*stackaddr = attr->__stackaddr ? (char *)attr->__stackaddr + attr->__stacksize : 0;
	return 0;
}

int pthread_attr_setstackaddr(pthread_attr_t *attr, void *stackaddr)
{
	size_t size = attr->__stacksize ? attr->__stacksize : DEFAULT_STACK_SIZE;

	attr->__stackaddr = (char *)stackaddr - size;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *__restrict attr, size_t *__restrict guardsize)
{
	*guardsize = attr->__guardsize;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t guardsize)
{
	attr->__guardsize = guardsize;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *__restrict attr, int *__restrict scope)
{
	(void)attr;
	*scope = PTHREAD_SCOPE_SYSTEM;
	return 0;
}

int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	(void)attr;
	if (scope == PTHREAD_SCOPE_SYSTEM)
		return 0;
	return scope == PTHREAD_SCOPE_PROCESS ? ENOTSUP : EINVAL;
}

int pthread_attr_getinheritsched(const pthread_attr_t *__restrict attr, int *__restrict inherit)
{
	*inherit = attr->__flags & ATTR_EXPLICIT ? PTHREAD_EXPLICIT_SCHED : PTHREAD_INHERIT_SCHED;
	return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
	if (inherit == PTHREAD_EXPLICIT_SCHED)
		attr->__flags |= ATTR_EXPLICIT;
	else if (inherit == PTHREAD_INHERIT_SCHED)
		attr->__flags &= ~ATTR_EXPLICIT;
	else
		return EINVAL;
	return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *__restrict attr, int *__restrict policy)
{
	*policy = attr->__schedpolicy;
	return 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy)
{
	if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR)
		return EINVAL;
	attr->__schedpolicy = policy;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *__restrict attr,
			       struct sched_param *__restrict param)
{
	*param = attr->__schedparam;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *__restrict attr,
			       const struct sched_param *__restrict param)
{
	attr->__schedparam = *param;
	return 0;
}

/* The attributes a thread runs with: its stack (the main thread's: RLIMIT_STACK below the
 * top exec gave, as glibc reports it), guard and detach state. */
int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr)
{
	struct pthread *t = (struct pthread *)thread;

	pthread_attr_init(attr);
	if (__atomic_load_n(&t->detach_state, __ATOMIC_RELAXED) == DT_DETACHED)
		attr->__flags |= ATTR_DETACHED;
	if (t->stack_size) {
		attr->__stackaddr = t->stack_base;
		attr->__stacksize = t->stack_size;
		attr->__guardsize = t->guard_size;
	} else {
		struct rlimit rl;
		size_t size = 8u << 20;
		uintptr_t top = ((uintptr_t)t->stack_base + UNIARM_PAGE_SIZE - 1) &
				~(uintptr_t)(UNIARM_PAGE_SIZE - 1);

		if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		    rl.rlim_cur < size)
			size = (size_t)rl.rlim_cur;
		attr->__stackaddr = (void *)(top - size);
		attr->__stacksize = size;
		attr->__guardsize = 0;
	}
	return 0;
}
