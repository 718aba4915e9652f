/*
 * The signal-set functions: bit (sig - 1) of sigset_t's two words for signal sig, as the
 * kernel has it. As glibc's: a NULL set or a number outside 1..64 is EINVAL, and so are
 * libc-glue's own signals 32 and 33 for sigaddset and sigdelset, which sigfillset leaves out
 * (signal_impl.h); sigismember answers 1 or 0 for any of 1..64.
 */
#define _GNU_SOURCE /* sigisemptyset, sigorset, sigandset */
#include "libc-glue/signal/signal_impl.h"

#define WORD(sig) (((unsigned)(sig)-1) / 32)
#define BIT(sig)  (1UL << (((unsigned)(sig)-1) % 32))

static int einval(void)
{
	errno = EINVAL;
	return -1;
}

int sigemptyset(sigset_t *set)
{
	if (!set)
		return einval();
	set->__val[0] = set->__val[1] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	if (!set)
		return einval();
	set->__val[WORD(1)] = ~BIT(32); /* 32 is word 0's last bit, 33 word 1's first */
	set->__val[WORD(64)] = ~BIT(33);
	_Static_assert(WORD(32) == 0 && WORD(33) == 1, "signals 32 and 33");
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!set || !__sig_valid(sig) || __sig_internal(sig))
		return einval();
	set->__val[WORD(sig)] |= BIT(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!set || !__sig_valid(sig) || __sig_internal(sig))
		return einval();
	set->__val[WORD(sig)] &= ~BIT(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!set || !__sig_valid(sig))
		return einval();
	return (set->__val[WORD(sig)] & BIT(sig)) != 0;
}

int sigisemptyset(const sigset_t *set)
{
	if (!set)
		return einval();
	return (set->__val[0] | set->__val[1]) == 0;
}

int sigorset(sigset_t *set, const sigset_t *left, const sigset_t *right)
{
	if (!set || !left || !right)
		return einval();
	set->__val[0] = left->__val[0] | right->__val[0];
	set->__val[1] = left->__val[1] | right->__val[1];
	return 0;
}

int sigandset(sigset_t *set, const sigset_t *left, const sigset_t *right)
{
	if (!set || !left || !right)
		return einval();
	set->__val[0] = left->__val[0] & right->__val[0];
	set->__val[1] = left->__val[1] & right->__val[1];
	return 0;
}
