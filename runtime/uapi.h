/*
 * The system-call ABI the runtime implements: Linux ARM EABI system-call numbers and the
 * kernel's structure layouts and flag values. libc-glue converts between these and newlib's
 * types; the application enters through `svc #0` as a Linux program does.
 * Error numbers are the symbolic values of the application's <errno.h> (newlib's), so an
 * application compares errno against the names it knows.
 */
#ifndef UNIARM_RUNTIME_UAPI_H
#define UNIARM_RUNTIME_UAPI_H

#include <stdint.h>

/* The ARM private calls (Linux's arch/arm/include/uapi/asm/unistd.h). */
#define __ARM_NR_BASE	    0xf0000
#define __ARM_NR_breakpoint (__ARM_NR_BASE + 1)
#define __ARM_NR_cacheflush (__ARM_NR_BASE + 2)
#define __ARM_NR_usr26	    (__ARM_NR_BASE + 3)
#define __ARM_NR_usr32	    (__ARM_NR_BASE + 4)
#define __ARM_NR_set_tls    (__ARM_NR_BASE + 5)
#define __ARM_NR_get_tls    (__ARM_NR_BASE + 6)

#define __NR_exit		    1
#define __NR_read		    3
#define __NR_write		    4
#define __NR_open		    5
#define __NR_close		    6
#define __NR_link		    9
#define __NR_unlink		    10
#define __NR_lseek		    19
#define __NR_getpid		    20
#define __NR_kill		    37
#define __NR_dup		    41
#define __NR_times		    43
#define __NR_brk		    45
#define __NR_ioctl		    54
#define __NR_fcntl		    55
#define __NR_umask		    60
#define __NR_dup2		    63
#define __NR__llseek		    140
#define __NR_fstat64		    197
#define __NR_fcntl64		    221
#define __NR_exit_group		    248
#define __NR_dup3		    358
#define __NR_clock_gettime64	    403
#define __NR_clock_getres_time64    406
#define __NR_clock_nanosleep_time64 407
#define NR_SYSCALLS		    452 /* past futex_waitv (449); an ARM immediate */

/* open(2) flags (asm-generic/fcntl.h with ARM's differences). */
#define LINUX_O_ACCMODE	  00000003
#define LINUX_O_RDONLY	  00000000
#define LINUX_O_WRONLY	  00000001
#define LINUX_O_RDWR	  00000002
#define LINUX_O_CREAT	  00000100
#define LINUX_O_EXCL	  00000200
#define LINUX_O_NOCTTY	  00000400
#define LINUX_O_TRUNC	  00001000
#define LINUX_O_APPEND	  00002000
#define LINUX_O_NONBLOCK  00004000
#define LINUX_O_DIRECTORY 00040000 /* ARM */
#define LINUX_O_CLOEXEC	  02000000

#define LINUX_SEEK_SET 0
#define LINUX_SEEK_CUR 1
#define LINUX_SEEK_END 2

/* Clock ids (uapi/linux/time.h). */
#define LINUX_CLOCK_REALTIME	       0
#define LINUX_CLOCK_MONOTONIC	       1
#define LINUX_CLOCK_PROCESS_CPUTIME_ID 2
#define LINUX_CLOCK_THREAD_CPUTIME_ID  3
#define LINUX_CLOCK_MONOTONIC_RAW      4
#define LINUX_CLOCK_REALTIME_COARSE    5
#define LINUX_CLOCK_MONOTONIC_COARSE   6
#define LINUX_CLOCK_BOOTTIME	       7
#define LINUX_TIMER_ABSTIME	       1

#define LINUX_USER_HZ 100

struct linux_timespec64 {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* The 32-bit struct timespec of the older calls (nanosleep, futex). */
struct linux_timespec32 {
	int32_t tv_sec, tv_nsec;
};

struct linux_tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/* ARM's struct stat64 (arch/arm/include/uapi/asm/stat.h). */
struct linux_stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime_, st_atime_nsec;
	unsigned long st_mtime_, st_mtime_nsec;
	unsigned long st_ctime_, st_ctime_nsec;
	unsigned long long st_ino;
};

#define LINUX_S_IFCHR 0020000

/* The memory and resource calls: numbers, struct rusage/sysinfo/rlimit64, RLIMIT_*. */
#include "runtime/uapi-mm.h"
/* The thread calls: numbers, clone flags, futex operations. */
#include "runtime/uapi-sched.h"

/* The single entry point (libc-glue/syscalls.c): `svc #0` with the Linux ARM EABI number and
 * up to six arguments; returns the result or a negative errno value. */
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

#endif
