/* pthread_self and pthread_equal: a thread is its descriptor's address, found from tp. */
#include "libc-glue/pthread/pthread_impl.h"

pthread_t pthread_self(void)
{
	return (pthread_t)__pthread_self();
}

int pthread_equal(pthread_t t1, pthread_t t2)
{
	return t1 == t2;
}
