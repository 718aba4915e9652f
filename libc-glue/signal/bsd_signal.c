/*
 * signal() with BSD semantics, as glibc's: the handler stays installed, the signal is blocked
 * while it runs, and an interrupted system call restarts (SA_RESTART) unless siginterrupt
 * said otherwise for that signal. SIG_ERR and EINVAL for a bad signal, SIGKILL or SIGSTOP.
 */
#include "libc-glue/signal/signal_impl.h"

/* The signals siginterrupt(sig, 1) asked to interrupt system calls: bit (sig - 1). */
static unsigned long sigintr[2];

static int intr_bit(int sig, unsigned long **word)
{
	*word = &sigintr[(sig - 1) / 32];
	return (sig - 1) % 32;
}

__sighandler_t signal(int sig, __sighandler_t handler)
{
	struct sigaction act, old;
	unsigned long *w;
	int bit;

	if (handler == SIG_ERR || !__sig_valid(sig) || __sig_internal(sig)) {
		errno = EINVAL;
		return SIG_ERR;
	}
	bit = intr_bit(sig, &w);
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	sigaddset(&act.sa_mask, sig);
	act.sa_flags = (__atomic_load_n(w, __ATOMIC_RELAXED) >> bit & 1) ? 0 : SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

__sighandler_t _signal_r(struct _reent *r, int sig, __sighandler_t handler)
{
	(void)r;
	return signal(sig, handler);
}

/* Whether sig's handler, now and as signal() installs it later, lets calls restart. */
int siginterrupt(int sig, int flag)
{
	struct sigaction act;
	unsigned long *w;
	int bit;

	if (!__sig_valid(sig)) {
		errno = EINVAL;
		return -1;
	}
	if (sigaction(sig, NULL, &act) < 0)
		return -1;
	bit = intr_bit(sig, &w);
	if (flag) {
		__atomic_fetch_or(w, 1UL << bit, __ATOMIC_RELAXED);
		act.sa_flags &= ~SA_RESTART;
	} else {
		__atomic_fetch_and(w, ~(1UL << bit), __ATOMIC_RELAXED);
		act.sa_flags |= SA_RESTART;
	}
	return sigaction(sig, &act, NULL);
}
