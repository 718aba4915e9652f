/*
 * abort, as glibc's (newlib's returned status 1 once a SIGABRT handler returned): SIGABRT is
 * unblocked and raised, which runs a handler if there is one (a handler may leave by
 * siglongjmp, and abort then never ends the program). If the handler returns, or SIGABRT is
 * ignored, the action goes back to SIG_DFL and SIGABRT is raised again: the application ends
 * with 134 (128 + SIGABRT). exit_group(127) is the last resort. stdio is not flushed (glibc
 * stopped doing it in 2.27).
 */
#include "libc-glue/signal/signal_impl.h"

#include <stdlib.h>

void abort(void)
{
	struct linux_kernel_sigaction dfl = {0};
	linux_sigset_t abrt = {{1UL << (SIGABRT - 1), 0}};

	__uniarm_syscall(__NR_rt_sigprocmask, LINUX_SIG_UNBLOCK, (long)&abrt, 0, LINUX_NSIG_BYTES,
			 0, 0);
	raise(SIGABRT);

	/* A handler returned (or SIGABRT was ignored): the default action, with every other
	 * signal blocked while it is taken. SIGABRT itself is unblocked still: the handler's
	 * return put back the mask it interrupted. */
	dfl.handler = (void *)SIG_DFL;
	dfl.mask.sig[0] = dfl.mask.sig[1] = ~0UL;
	__uniarm_syscall(__NR_rt_sigaction, SIGABRT, (long)&dfl, 0, LINUX_NSIG_BYTES, 0, 0);
	__uniarm_syscall(__NR_rt_sigprocmask, LINUX_SIG_UNBLOCK, (long)&abrt, 0, LINUX_NSIG_BYTES,
			 0, 0);
	raise(SIGABRT);

	for (;;)
		__uniarm_syscall(__NR_exit_group, 127, 0, 0, 0, 0, 0);
}
