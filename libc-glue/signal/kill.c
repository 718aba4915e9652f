/*
 * kill, killpg and tgkill: the system calls, which check the signal and the target (uniarm's
 * one process is its own group: kill(0, sig), kill(-pid, sig) and killpg(pid, sig) reach it).
 * kill(pid, sig) with SI_USER; tgkill with SI_TKILL to one thread.
 */
#include "libc-glue/signal/signal_impl.h"

int kill(pid_t pid, int sig)
{
	return (int)__sig_ret(__uniarm_syscall(__NR_kill, pid, sig, 0, 0, 0, 0));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	return (int)__sig_ret(__uniarm_syscall(__NR_tgkill, tgid, tid, sig, 0, 0, 0));
}
