/*
 * getrusage and the resource limits of <sys/resource.h>. getrusage converts Linux's ARM
 * struct rusage (32-bit struct timeval) into the header's, whose timeval has newlib's 64-bit
 * time_t; the limits go through prlimit64, whose struct rlimit64 is the header's struct rlimit
 * field for field.
 */
#include "libc-glue/syscall.h"
#include "runtime/uapi.h"
#include "runtime/uapi-mm.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/resource.h>

_Static_assert(sizeof(struct linux_rlimit64) == sizeof(struct rlimit) &&
		       offsetof(struct rlimit, rlim_max) ==
			       offsetof(struct linux_rlimit64, rlim_max),
	       "struct rlimit must be Linux's struct rlimit64");

static int syscall_ret(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return (int)ret;
}

static void timeval_from_linux(const struct linux_timeval *k, struct timeval *tv)
{
	tv->tv_sec = (time_t)k->tv_sec;
	tv->tv_usec = (suseconds_t)k->tv_usec;
}

int getrusage(int who, struct rusage *usage)
{
	struct linux_rusage k;

	if (syscall_ret(__uniarm_syscall(__NR_getrusage, who, (long)&k, 0, 0, 0, 0)) < 0)
		return -1;
	if (!usage) {
		errno = EFAULT;
		return -1;
	}
	memset(usage, 0, sizeof(*usage)); /* padding after each 12-byte timeval included */
	timeval_from_linux(&k.ru_utime, &usage->ru_utime);
	timeval_from_linux(&k.ru_stime, &usage->ru_stime);
	usage->ru_maxrss = k.ru_maxrss;
	usage->ru_ixrss = k.ru_ixrss;
	usage->ru_idrss = k.ru_idrss;
	usage->ru_isrss = k.ru_isrss;
	usage->ru_minflt = k.ru_minflt;
	usage->ru_majflt = k.ru_majflt;
	usage->ru_nswap = k.ru_nswap;
	usage->ru_inblock = k.ru_inblock;
	usage->ru_oublock = k.ru_oublock;
	usage->ru_msgsnd = k.ru_msgsnd;
	usage->ru_msgrcv = k.ru_msgrcv;
	usage->ru_nsignals = k.ru_nsignals;
	usage->ru_nvcsw = k.ru_nvcsw;
	usage->ru_nivcsw = k.ru_nivcsw;
	return 0;
}

int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	return syscall_ret(__uniarm_syscall(__NR_prlimit64, pid, resource, (long)new_limit,
					    (long)old_limit, 0, 0));
}

int getrlimit(int resource, struct rlimit *rlim)
{
	if (!rlim) {
		errno = EFAULT;
		return -1;
	}
	return prlimit(0, resource, NULL, rlim);
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	if (!rlim) {
		errno = EFAULT;
		return -1;
	}
	return prlimit(0, resource, rlim, NULL);
}
