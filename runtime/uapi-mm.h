/*
 * The Linux ABI of the memory and resource calls, in the style of runtime/uapi.h (which is
 * meant to include this file, or take its content): the Linux ARM EABI numbers of the mmap
 * family, getrusage, sysinfo and prlimit64; ARM's 32-bit struct rusage and struct sysinfo;
 * struct rlimit64 and the RLIMIT_* resources; the S_IFDIR/S_IFREG file types of /proc.
 * libc-glue converts newlib's types to these; the runtime implements them.
 */
#ifndef UNIARM_RUNTIME_UAPI_MM_H
#define UNIARM_RUNTIME_UAPI_MM_H

#include <stdint.h>

#define __NR_getrusage	77
#define __NR_munmap	91
#define __NR_sysinfo	116
#define __NR_mprotect	125
#define __NR_msync	144
#define __NR_mlock	150
#define __NR_munlock	151
#define __NR_mlockall	152
#define __NR_munlockall 153
#define __NR_mremap	163
#define __NR_mmap2	192 /* offset in 4096-byte units */
#define __NR_mincore	219
#define __NR_madvise	220
#define __NR_prlimit64	369

#define LINUX_S_IFDIR 0040000
#define LINUX_S_IFREG 0100000

/* ARM's struct rusage: its struct timeval is __kernel_old_timeval, two longs (32-bit). */
struct linux_timeval {
	long tv_sec;
	long tv_usec;
};

struct linux_rusage {
	struct linux_timeval ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

#define LINUX_RUSAGE_SELF     0
#define LINUX_RUSAGE_CHILDREN (-1)
#define LINUX_RUSAGE_THREAD   1

/* uapi/linux/sysinfo.h on a 32-bit kernel (64 bytes). */
struct linux_sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	unsigned long totalhigh, freehigh;
	uint32_t mem_unit;
	char _f[20 - 2 * sizeof(unsigned long) - sizeof(uint32_t)];
};

/* prlimit64's limits and the resource numbers (uapi/asm-generic/resource.h). */
struct linux_rlimit64 {
	uint64_t rlim_cur, rlim_max;
};

#define LINUX_RLIM64_INFINITY	(~0ULL)
#define LINUX_RLIMIT_CPU	0
#define LINUX_RLIMIT_FSIZE	1
#define LINUX_RLIMIT_DATA	2
#define LINUX_RLIMIT_STACK	3
#define LINUX_RLIMIT_CORE	4
#define LINUX_RLIMIT_RSS	5
#define LINUX_RLIMIT_NPROC	6
#define LINUX_RLIMIT_NOFILE	7
#define LINUX_RLIMIT_MEMLOCK	8
#define LINUX_RLIMIT_AS		9
#define LINUX_RLIMIT_LOCKS	10
#define LINUX_RLIMIT_SIGPENDING 11
#define LINUX_RLIMIT_MSGQUEUE	12
#define LINUX_RLIMIT_NICE	13
#define LINUX_RLIMIT_RTPRIO	14
#define LINUX_RLIMIT_RTTIME	15
#define LINUX_RLIM_NLIMITS	16

#endif
