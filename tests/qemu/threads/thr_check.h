/*
 * What the thread tests (issue 12) share, on top of ../mm/mm_check.h (ok/FAIL lines, "N passed,
 * M failed", errno names): pthread and semaphore headers, checks for calls that return an error
 * number (pthread_*) or -1 and errno (system calls), errno names for the thread-related values,
 * raw system calls, futex and clone through ARM EABI numbers, clocks and deadlines.
 *
 * The same sources build for uniarm (newlib, libc-glue's <pthread.h>) and for Linux (glibc on
 * ARM, ../../../../shared/peer/linux/run-c.sh), where every expectation was checked: see
 * README.md. Raw calls go through uniarm_syscall on uniarm and syscall(2) on Linux; both are
 * 32-bit ARM EABI, so the numbers (../../../runtime/uapi-sched.h) and the kernel structures
 * (a 32-bit timespec for futex, a 64-bit one for futex_time64) are the same on both.
 */
#ifndef UNIARM_TESTS_THR_CHECK_H
#define UNIARM_TESTS_THR_CHECK_H

#include "../mm/mm_check.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <time.h>

#ifdef __linux__
/* glibc's <sys/syscall.h> spells the same numbers as __NR_SYSCALL_BASE + n: uniarm's header
 * (whose values are Linux's ARM EABI ones) takes over. */
#include <sys/syscall.h>
#undef __NR_clone
#undef __NR_sched_yield
#undef __NR_nanosleep
#undef __NR_gettid
#undef __NR_tkill
#undef __NR_futex
#undef __NR_set_tid_address
#undef __NR_tgkill
#undef __NR_set_robust_list
#undef __NR_get_robust_list
#undef __NR_futex_time64
#endif
#include "../../../runtime/uapi-sched.h"

#ifndef __arm__
#error "the thread tests are 32-bit ARM programs (uniarm, or Linux ARM: run-c.sh)"
#endif

/* errno and pthread error numbers by name: mm_check.h's names and the thread ones. */
static inline const char *terr(int e)
{
	switch (e) {
	case EDEADLK:
		return "EDEADLK";
	case ETIMEDOUT:
		return "ETIMEDOUT";
	case ESRCH:
		return "ESRCH";
	case ECHILD:
		return "ECHILD";
	default:
		return errname(e);
	}
}

/* A call that returns an error number (pthread_*, sem_* are not: they set errno). */
#define CHECK_RC(name, expr, want)                                                                 \
	do {                                                                                       \
		int _r = (expr), _w = (want);                                                      \
		CHECK(name, _r == _w, "got %s, expected %s", terr(_r), terr(_w));                  \
	} while (0)

/* A call that must fail with -1 and errno `want` (mm_check.h's CHECK_ERR, with these names). */
#define CHECK_SYSERR(name, expr, want)                                                             \
	do {                                                                                       \
		errno = 0;                                                                         \
		long _r = (long)(expr);                                                            \
		int _e = errno, _w = (want);                                                       \
		if (_r == -1 && _e == _w)                                                          \
			t_ok(name);                                                                \
		else if (_r == -1)                                                                 \
			t_fail(name, "got -1/%s, expected -1/%s", terr(_e), terr(_w));             \
		else                                                                               \
			t_fail(name, "got %ld (success), expected -1/%s", _r, terr(_w));           \
	} while (0)

/* A call that must return exactly `want` (not -1). */
#define CHECK_SYSVAL(name, expr, want)                                                             \
	do {                                                                                       \
		errno = 0;                                                                         \
		long _r = (long)(expr), _w = (long)(want);                                         \
		int _e = errno;                                                                    \
		CHECK(name, _r == _w, "got %ld%s%s, expected %ld", _r, _r == -1 ? "/" : "",        \
		      _r == -1 ? terr(_e) : "", _w);                                               \
	} while (0)

/* Setup that the test cannot go on without: the FAIL line, then the summary and exit. */
#define MUST(what, cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL setup: %s (errno %s)\n", what, terr(errno));                  \
			t_failed++;                                                                \
			exit(t_finish());                                                          \
		}                                                                                  \
	} while (0)
#define MUST_RC(what, expr)                                                                        \
	do {                                                                                       \
		int _r = (expr);                                                                   \
		if (_r) {                                                                          \
			printf("FAIL setup: %s: %s\n", what, terr(_r));                            \
			t_failed++;                                                                \
			exit(t_finish());                                                          \
		}                                                                                  \
	} while (0)

/* Raw system calls: -1 and errno on failure, as syscall(2). */
#ifdef __linux__
#include <sys/syscall.h>
static inline long raw6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	return syscall(nr, a0, a1, a2, a3, a4, a5);
}
#else
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
static inline long raw6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	long r = uniarm_syscall(nr, a0, a1, a2, a3, a4, a5);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
#endif
#define RAW_(nr, a0, a1, a2, a3, a4, a5, ...)                                                      \
	raw6((long)(nr), (long)(a0), (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5))
/* RAW(nr, args...): up to six arguments, the missing ones 0. */
#define RAW(...) RAW_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

static inline long sys_gettid(void)
{
	return RAW(__NR_gettid);
}

/* The kernel's timespecs on 32-bit ARM: futex (240) takes the old 32-bit one, futex_time64
 * (422) the 64-bit one. (newlib's struct timespec has a 64-bit tv_sec, glibc's a 32-bit one.) */
struct k_timespec32 {
	int32_t tv_sec, tv_nsec;
};
struct k_timespec64 {
	int64_t tv_sec, tv_nsec;
};

static inline long futex(volatile int *uaddr, int op, int val, const void *timeout,
			 volatile int *uaddr2, int val3)
{
	return RAW(__NR_futex, uaddr, op, val, timeout, uaddr2, val3);
}
/* REQUEUE and CMP_REQUEUE take nr_requeue where the timeout pointer goes. */
static inline long futex_requeue(volatile int *uaddr, int op, int nr_wake, int nr_requeue,
				 volatile int *uaddr2, int val3)
{
	return RAW(__NR_futex, uaddr, op, nr_wake, (long)nr_requeue, uaddr2, val3);
}

/* Clocks and deadlines, with the C library's struct timespec. */
static inline long long now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static inline struct timespec deadline_ms(clockid_t clk, long ms)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}
static inline void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Wait (sleeping 1 ms at a time) until cond holds or ms have passed: whether it holds. */
#define WAIT_FOR(cond, ms)                                                                         \
	({                                                                                         \
		long long _end = now_ns(CLOCK_MONOTONIC) + (long long)(ms)*1000000LL;              \
		while (!(cond) && now_ns(CLOCK_MONOTONIC) < _end)                                  \
			sleep_ms(1);                                                               \
		(cond) ? 1 : 0;                                                                    \
	})

/* A thread created with the default attributes, or the end of the test. */
static inline pthread_t spawn(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	MUST_RC("pthread_create", pthread_create(&t, NULL, fn, arg));
	return t;
}
static inline void *join(pthread_t t)
{
	void *v = NULL;

	MUST_RC("pthread_join", pthread_join(t, &v));
	return v;
}

/* "Threads:" of /proc/self/status, or -1. */
static inline long proc_threads(void)
{
	unsigned long n;

	return proc_number("/proc/self/status", "Threads", &n) ? (long)n : -1;
}

/* Lines of /proc/self/maps (read with open/read: no stdio buffer in the way), or -1. */
static inline long maps_lines(void)
{
	static char buf[4096];
	long lines = 0;
	ssize_t n;
	int fd = open("/proc/self/maps", O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

/* MemFree of /proc/meminfo in kB, or -1. */
static inline long memfree_kb(void)
{
	unsigned long n;

	return proc_number("/proc/meminfo", "MemFree", &n) ? (long)n : -1;
}

#endif
