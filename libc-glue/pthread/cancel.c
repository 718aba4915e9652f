/*
 * Cancellation is not supported: pthread_cancel fails with ENOSYS (a thread cannot be
 * cancelled, so there are no cancellation points). The state and type calls keep the values
 * for a program that sets them; pthread_atfork registers nothing, as there is no fork.
 */
#include "libc-glue/pthread/pthread_impl.h"

int pthread_cancel(pthread_t thread)
{
	(void)thread;
	return ENOSYS;
}

int pthread_setcancelstate(int state, int *oldstate)
{
	struct pthread *self = __pthread_self();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (oldstate)
		*oldstate = self->cancel_state;
	self->cancel_state = state;
	return 0;
}

int pthread_setcanceltype(int type, int *oldtype)
{
	struct pthread *self = __pthread_self();

	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (oldtype)
		*oldtype = self->cancel_type;
	self->cancel_type = type;
	return 0;
}

void pthread_testcancel(void)
{
}

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	(void)prepare;
	(void)parent;
	(void)child;
	return 0;
}
