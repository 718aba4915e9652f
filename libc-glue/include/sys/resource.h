/*
 * uniarm's <sys/resource.h>, in place of newlib's, whose struct rusage has only ru_utime and
 * ru_stime: this one has Linux's full struct rusage, getrusage with RUSAGE_SELF, _CHILDREN and
 * _THREAD, and the resource limits (getrlimit, setrlimit, prlimit) with Linux's RLIMIT_*
 * numbers. rlim_t is 64-bit, as in musl, so no limit is truncated.
 *
 * Limits the runtime enforces: RLIMIT_STACK (how far the main stack may grow; 8 MiB, also the
 * hard limit) and RLIMIT_NOFILE (descriptors; the table's size is the hard limit). The others
 * read as Linux's defaults (RLIM_INFINITY, 0 for RLIMIT_NICE and RLIMIT_RTPRIO) and may be
 * lowered, which is recorded but changes nothing. Raising a hard limit fails with EPERM, as for
 * an unprivileged process.
 */
#ifndef UNIARM_LIBC_GLUE_SYS_RESOURCE_H
#define UNIARM_LIBC_GLUE_SYS_RESOURCE_H

/* newlib's header would define a two-field struct rusage: keep it out for good. */
#define _SYS_RESOURCE_H_

#include <sys/time.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD	1

struct rusage {
	struct timeval ru_utime; /* user time used */
	struct timeval ru_stime; /* system time used */
	long ru_maxrss;		 /* peak resident set, KiB */
	long ru_ixrss;		 /* the rest as in Linux; unmaintained ones are 0 */
	long ru_idrss;
	long ru_isrss;
	long ru_minflt; /* page faults served without I/O */
	long ru_majflt; /* page faults that needed I/O */
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;
	long ru_nivcsw;
};

int getrusage(int who, struct rusage *usage);

typedef unsigned long long rlim_t;

#define RLIM_INFINITY  (~0ULL)
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

struct rlimit {
	rlim_t rlim_cur; /* soft limit */
	rlim_t rlim_max; /* hard limit, ceiling for rlim_cur */
};

#define RLIMIT_CPU	  0
#define RLIMIT_FSIZE	  1
#define RLIMIT_DATA	  2
#define RLIMIT_STACK	  3
#define RLIMIT_CORE	  4
#define RLIMIT_RSS	  5
#define RLIMIT_NPROC	  6
#define RLIMIT_NOFILE	  7
#define RLIMIT_MEMLOCK	  8
#define RLIMIT_AS	  9
#define RLIMIT_LOCKS	  10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE	  12
#define RLIMIT_NICE	  13
#define RLIMIT_RTPRIO	  14
#define RLIMIT_RTTIME	  15
#define RLIMIT_NLIMITS	  16
#define RLIM_NLIMITS	  RLIMIT_NLIMITS
#define RLIMIT_OFILE	  RLIMIT_NOFILE

int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
/* Linux's prlimit: pid 0 or getpid() only (ESRCH otherwise); either pointer may be NULL. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);

#ifdef __cplusplus
}
#endif

#endif
