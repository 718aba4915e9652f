/*
 * getrusage and the resource limits: Linux's full struct rusage (utime grows with work,
 * minflt counts first-touch faults, maxrss in KiB follows resident memory), RUSAGE_CHILDREN
 * all zero, EINVAL for a bad who; getrlimit/setrlimit/prlimit with Linux's rules (soft above
 * hard: EINVAL; raising a hard limit: EPERM; a lowered RLIMIT_NOFILE refuses descriptors).
 * Builds and passes on Linux too:
 *   cc -Wall -o /tmp/t tests/qemu/rusage.c && /tmp/t
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define PS 4096UL

#include "proc_check.h"

static long usec(const struct timeval *tv)
{
	return (long)tv->tv_sec * 1000000L + (long)tv->tv_usec;
}

static long cpu_usec(const struct rusage *r)
{
	return usec(&r->ru_utime) + usec(&r->ru_stime);
}

static long mono_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void check_rusage(void)
{
	struct rusage a, b, c;
	long t0;

	CHECK(!getrusage(RUSAGE_SELF, &a), "getrusage: errno %d", errno);
	CHECK(a.ru_maxrss > 0, "ru_maxrss %ld", a.ru_maxrss);
	/* 50 ms of work shows in the CPU time. */
	t0 = mono_usec();
	while (mono_usec() - t0 < 50000)
		;
	CHECK(!getrusage(RUSAGE_SELF, &b), "getrusage: errno %d", errno);
	CHECK(cpu_usec(&b) - cpu_usec(&a) >= 40000, "cpu time grew by %ld us",
	      cpu_usec(&b) - cpu_usec(&a));
	CHECK(b.ru_utime.tv_usec >= 0 && b.ru_utime.tv_usec < 1000000, "tv_usec %ld",
	      (long)b.ru_utime.tv_usec);

	/* First writes to 4 MiB: one minor fault per page, and the peak grows by 4 MiB. */
	char *p = mmap(NULL, 1024 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	if (p == MAP_FAILED)
		return;
	for (unsigned long i = 0; i < 1024; i++)
		p[i * PS] = 1;
	CHECK(!getrusage(RUSAGE_SELF, &c), "getrusage: errno %d", errno);
	CHECK(c.ru_minflt - b.ru_minflt >= 1024, "minflt grew by %ld", c.ru_minflt - b.ru_minflt);
	/* (On Linux the peak may predate exec, so only uniarm's must grow by the 4 MiB.) */
	CHECK(c.ru_maxrss >= 4096 && c.ru_maxrss >= b.ru_maxrss, "maxrss %ld -> %ld KiB",
	      b.ru_maxrss, c.ru_maxrss);
#if !defined(__linux__)
	CHECK(c.ru_maxrss >= b.ru_maxrss + 3500, "maxrss %ld -> %ld KiB", b.ru_maxrss, c.ru_maxrss);
#endif
	munmap(p, 1024 * PS);
	CHECK(!getrusage(RUSAGE_THREAD, &b), "RUSAGE_THREAD: errno %d", errno);
	CHECK(b.ru_maxrss >= c.ru_maxrss, "the peak survives munmap: %ld -> %ld", c.ru_maxrss,
	      b.ru_maxrss);
	/* A peak reached and left between two reads counts: 6 MiB touched and unmapped again
	 * raise maxrss by about 2 MiB over the 4 MiB peak. */
	p = mmap(NULL, 1536 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	if (p == MAP_FAILED)
		return;
	for (unsigned long i = 0; i < 1536; i++)
		p[i * PS] = 1;
	munmap(p, 1536 * PS);
	CHECK(!getrusage(RUSAGE_SELF, &b), "getrusage: errno %d", errno);
	CHECK(b.ru_maxrss >= c.ru_maxrss + 1500, "a peak between two reads: %ld -> %ld KiB",
	      c.ru_maxrss, b.ru_maxrss);
	printf("utime %ld us, minflt %ld, majflt %ld, maxrss %ld KiB\n", usec(&c.ru_utime),
	       c.ru_minflt, c.ru_majflt, c.ru_maxrss);
#if !defined(__linux__)
	CHECK(c.ru_majflt == 0 && usec(&c.ru_stime) == 0, "no I/O, no system time");
#endif

	/* No children ever ran. */
	memset(&c, 0xff, sizeof(c));
	CHECK(!getrusage(RUSAGE_CHILDREN, &c), "RUSAGE_CHILDREN: errno %d", errno);
	CHECK(!usec(&c.ru_utime) && !usec(&c.ru_stime) && !c.ru_maxrss && !c.ru_ixrss &&
		      !c.ru_idrss && !c.ru_isrss && !c.ru_minflt && !c.ru_majflt && !c.ru_nswap &&
		      !c.ru_inblock && !c.ru_oublock && !c.ru_msgsnd && !c.ru_msgrcv &&
		      !c.ru_nsignals && !c.ru_nvcsw && !c.ru_nivcsw,
	      "RUSAGE_CHILDREN is not all zero");
	errno = 0;
	CHECK(getrusage(42, &c) < 0 && errno == EINVAL, "who 42: errno %d", errno);
}

static void check_rlimits(void)
{
	struct rlimit st, r, nf;
	int fds[8], n = 0, fd;

	CHECK(!getrlimit(RLIMIT_STACK, &st) && st.rlim_cur <= st.rlim_max, "RLIMIT_STACK");
#if !defined(__linux__)
	CHECK(st.rlim_cur == 8UL << 20 && st.rlim_max == RLIM_INFINITY,
	      "Linux's default stack limit: 8 MiB soft, unlimited hard");
	CHECK(!getrlimit(RLIMIT_AS, &r) && r.rlim_cur == RLIM_INFINITY, "RLIMIT_AS");
	errno = 0;
	CHECK(prlimit(getpid() + 1, RLIMIT_STACK, NULL, &r) < 0 && errno == ESRCH,
	      "another pid: errno %d", errno);
#endif
	/* Lower the soft limit, see it, put it back. */
	r = st;
	r.rlim_cur = st.rlim_cur / 2;
	CHECK(!setrlimit(RLIMIT_STACK, &r), "lower the soft stack limit: errno %d", errno);
	CHECK(!getrlimit(RLIMIT_STACK, &r) && r.rlim_cur == st.rlim_cur / 2, "lowered");
	CHECK(!setrlimit(RLIMIT_STACK, &st), "restore the stack limit: errno %d", errno);
	/* Soft above hard. */
	r.rlim_cur = st.rlim_max == RLIM_INFINITY ? RLIM_INFINITY : st.rlim_max + 1;
	r.rlim_max = st.rlim_max == RLIM_INFINITY ? 1 << 20 : st.rlim_max;
	errno = 0;
	CHECK(setrlimit(RLIMIT_STACK, &r) < 0 && errno == EINVAL, "soft above hard: errno %d",
	      errno);
	errno = 0;
	CHECK(getrlimit(999, &r) < 0 && errno == EINVAL, "resource 999: errno %d", errno);
#if !defined(__linux__) || defined(TEST_AS_USER)
	/* Without CAP_SYS_RESOURCE a hard limit only comes down; root (uniarm's application
	 * starts as root, runtime/cred.c) has it and may raise one. */
	{
		struct rlimit ml;

		CHECK(!getrlimit(RLIMIT_MEMLOCK, &ml) && ml.rlim_max != RLIM_INFINITY,
		      "RLIMIT_MEMLOCK has a hard limit");
		r.rlim_cur = ml.rlim_cur;
		r.rlim_max = ml.rlim_max + 4096;
		errno = 0;
		if (geteuid() == 0) {
			CHECK(!setrlimit(RLIMIT_MEMLOCK, &r), "root raises hard: errno %d", errno);
			CHECK(!setrlimit(RLIMIT_MEMLOCK, &ml), "lower hard back: errno %d", errno);
		} else {
			CHECK(setrlimit(RLIMIT_MEMLOCK, &r) < 0 && errno == EPERM,
			      "raise hard: errno %d", errno);
		}
	}
#endif

	/* RLIMIT_NOFILE 5: fds 0-2 are open, so two more, then EMFILE. */
	CHECK(!getrlimit(RLIMIT_NOFILE, &nf), "RLIMIT_NOFILE");
#if !defined(__linux__)
	/* Linux's limits for init (INR_OPEN_CUR, INR_OPEN_MAX); the table grows up to them. */
	CHECK(nf.rlim_cur == 1024 && nf.rlim_max == 4096 &&
		      sysconf(_SC_OPEN_MAX) == (long)nf.rlim_cur,
	      "RLIMIT_NOFILE %lu %lu", (unsigned long)nf.rlim_cur, (unsigned long)nf.rlim_max);
#endif
	r = nf;
	r.rlim_cur = 5;
	CHECK(!setrlimit(RLIMIT_NOFILE, &r), "lower RLIMIT_NOFILE: errno %d", errno);
	while (n < 8 && (fd = open("/dev/null", O_RDONLY)) >= 0)
		fds[n++] = fd;
	CHECK(n == 2 && errno == EMFILE, "opened %d below a limit of 5, errno %d", n, errno);
	while (n > 0)
		close(fds[--n]);
	CHECK(!setrlimit(RLIMIT_NOFILE, &nf), "restore RLIMIT_NOFILE: errno %d", errno);
	fd = open("/dev/null", O_RDONLY);
	CHECK(fd >= 0, "open after restoring: errno %d", errno);
	close(fd);
}

int main(void)
{
	printf("rusage: start\n");
	check_rusage();
	check_rlimits();
	if (failures) {
		printf("rusage: %d checks failed\n", failures);
		return 1;
	}
	printf("rusage: all checks passed\n");
	return 0;
}
