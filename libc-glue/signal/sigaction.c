/*
 * sigaction: rt_sigaction(sig, act, oact, 8) with the kernel's struct linux_kernel_sigaction.
 * Every action goes in with SA_RESTORER and libc-glue's return trampoline (restore.S), as
 * glibc's does: an SA_SIGINFO handler returns through rt_sigreturn, another one through
 * sigreturn, so the kernel need not provide return code (docs/signals.md). The old action
 * reads back what the kernel has, SA_RESTORER and the restorer included (as glibc's).
 * The kernel checks the rest: signal 0, 65 and above, and a handler or SIG_IGN for SIGKILL or
 * SIGSTOP are EINVAL; SIGKILL and SIGSTOP in sa_mask are dropped. libc-glue's own signals (32
 * and 33, signal_impl.h) are EINVAL here, as in glibc.
 */
#include "libc-glue/signal/signal_impl.h"

#include <string.h>

int sigaction(int sig, const struct sigaction *__restrict act, struct sigaction *__restrict oact)
{
	struct linux_kernel_sigaction kact, koact;
	long r;

	if (__sig_internal(sig)) {
		errno = EINVAL;
		return -1;
	}
	if (act) {
		kact.handler = (void *)act->sa_handler;
		kact.flags = (unsigned long)act->sa_flags | LINUX_SA_RESTORER;
		kact.restorer =
			(act->sa_flags & SA_SIGINFO) ? (void *)__restore_rt : (void *)__restore;
		memcpy(&kact.mask, &act->sa_mask, sizeof(kact.mask));
	}
	r = __uniarm_syscall(__NR_rt_sigaction, sig, act ? (long)&kact : 0, oact ? (long)&koact : 0,
			     LINUX_NSIG_BYTES, 0, 0);
	if (r < 0)
		return (int)__sig_ret(r);
	if (oact) {
		oact->sa_handler = (__sighandler_t)koact.handler;
		oact->sa_flags = (int)koact.flags;
		oact->sa_restorer = (void (*)(void))koact.restorer;
		memcpy(&oact->sa_mask, &koact.mask, sizeof(oact->sa_mask));
	}
	return 0;
}

/* glibc's SIGRTMIN and SIGRTMAX are calls to these; here they are constants as well. */
int __libc_current_sigrtmin(void)
{
	return SIGRTMIN;
}

int __libc_current_sigrtmax(void)
{
	return SIGRTMAX;
}
