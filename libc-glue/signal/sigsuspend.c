/*
 * Waiting for a signal: sigsuspend (rt_sigsuspend: the mask replaced until a handler has run)
 * and pause (ARM EABI's pause, 29, as glibc's on ARM). Both return -1 with EINTR once a
 * handler ran, never restarted whatever SA_RESTART says; a signal that ends the application
 * does not return.
 */
#include "libc-glue/signal/signal_impl.h"

#include <unistd.h>

int sigsuspend(const sigset_t *mask)
{
	return (int)__sig_ret(
		__uniarm_syscall(__NR_rt_sigsuspend, (long)mask, LINUX_NSIG_BYTES, 0, 0, 0, 0));
}

int pause(void)
{
	return (int)__sig_ret(__uniarm_syscall(__NR_pause, 0, 0, 0, 0, 0, 0));
}
