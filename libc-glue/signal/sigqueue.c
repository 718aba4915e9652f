/*
 * sigqueue: rt_sigqueueinfo with the siginfo glibc's fills in: SI_QUEUE, the sender's pid and
 * (32-bit) uid, and the value. A real-time signal queues once per call; a standard one not
 * already pending. The kernel refuses a positive si_code from a process (EPERM): SI_QUEUE is
 * negative.
 */
#include "libc-glue/signal/signal_impl.h"

#include <string.h>

int sigqueue(pid_t pid, int sig, const union sigval value)
{
	struct linux_siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = LINUX_SI_QUEUE;
	info.fields.rt.pid = __uniarm_getpid();
	info.fields.rt.uid = (unsigned int)__uniarm_syscall(NR_getuid32, 0, 0, 0, 0, 0, 0);
	memcpy(&info.fields.rt.sigval, &value, sizeof(info.fields.rt.sigval));
	return (int)__sig_ret(
		__uniarm_syscall(__NR_rt_sigqueueinfo, pid, sig, (long)&info, 0, 0, 0));
}
