/* sigpending: the signals pending for the thread or the process and blocked by the thread. */
#include "libc-glue/signal/signal_impl.h"

int sigpending(sigset_t *set)
{
	return (int)__sig_ret(
		__uniarm_syscall(__NR_rt_sigpending, (long)set, LINUX_NSIG_BYTES, 0, 0, 0, 0));
}
