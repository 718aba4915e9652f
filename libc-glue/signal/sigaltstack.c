/*
 * sigaltstack: stack_t is the kernel's layout, so both go through. The kernel's checks:
 * ENOMEM below MINSIGSTKSZ, EINVAL for unknown flags, EPERM while running on the stack.
 */
#include "libc-glue/signal/signal_impl.h"

int sigaltstack(const stack_t *__restrict ss, stack_t *__restrict old)
{
	return (int)__sig_ret(__uniarm_syscall(__NR_sigaltstack, (long)ss, (long)old, 0, 0, 0, 0));
}
