/*
 * pthread_exit: the cleanup handlers, the keys' destructors, newlib's per-thread state, then
 * the end. The last thread to leave ends the process with exit(0), as glibc's does (atexit
 * handlers run, stdio is flushed). A joinable thread ends with the exit call; the kernel then
 * zeroes its tid and wakes its joiner, which unmaps the thread's memory. A detached thread
 * unmaps its own memory with its last instructions (__uniarm_unmapself).
 */
#include "libc-glue/pthread/pthread_impl.h"

#include <stdlib.h>

#define NR_rt_sigprocmask 175
#define LINUX_SIG_BLOCK	  0

void pthread_exit(void *value_ptr)
{
	struct pthread *self = __pthread_self();
	int old;

	while (self->cleanup) {
		struct __pthread_cleanup *c = self->cleanup;

		self->cleanup = c->__next;
		c->__routine(c->__arg);
	}
	if (__pthread_tsd_run_dtors)
		__pthread_tsd_run_dtors(self);
	if (__atomic_sub_fetch(&__uniarm_nthreads, 1, __ATOMIC_ACQ_REL) == 0)
		exit(0);
	/* Frees what newlib allocated for this thread (not the main thread's, _impure_ptr). No
	 * errno or stdio from here on. */
	_reclaim_reent(self->reent);
	self->result = value_ptr;
	old = __atomic_exchange_n(&self->detach_state, DT_EXITING, __ATOMIC_ACQ_REL);
	if (old == DT_DETACHED && self->map_base) {
		static const unsigned long all[2] = {~0ul, ~0ul};

		/* No signal handler may run without a stack; and the kernel must not write the
		 * tid into memory that may be someone else's by then. */
		__uniarm_syscall(NR_rt_sigprocmask, LINUX_SIG_BLOCK, (long)all, 0, sizeof(all), 0,
				 0);
		__uniarm_syscall(__NR_set_tid_address, 0, 0, 0, 0, 0, 0);
		__uniarm_unmapself(self->map_base, self->map_size);
	}
	for (;;)
		__uniarm_syscall(__NR_exit, 0, 0, 0, 0, 0, 0);
}

void _pthread_cleanup_push(struct __pthread_cleanup *buf, void (*routine)(void *), void *arg)
{
	struct pthread *self = __pthread_self();

	buf->__routine = routine;
	buf->__arg = arg;
	buf->__next = self->cleanup;
	self->cleanup = buf;
}

void _pthread_cleanup_pop(struct __pthread_cleanup *buf, int execute)
{
	__pthread_self()->cleanup = buf->__next;
	if (execute)
		buf->__routine(buf->__arg);
}
