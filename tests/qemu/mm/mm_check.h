/*
 * Shared helpers of the memory-system-call conformance tests (tests/qemu/mm/). Each test is a
 * self-checking program that prints "ok <name>" or "FAIL <name>: got ..., expected ..." per
 * check and "N passed, M failed" at the end, and returns 0 only when nothing failed. A skipped
 * case (t_skip) is neither passed nor failed: the line then ends ", K skipped", which CTest's
 * pattern (mm_all_passed in CMakeLists.txt) refuses unless the test expects that count.
 *
 * The same sources build for uniarm (newlib, 32-bit ARM) and for the host (glibc, Linux), where
 * they were validated: the expected results and errno values are Linux's. errno values are
 * compared by name only (newlib's numbers differ from Linux's), and printed by name.
 * Debian's newlib printf has no %zu/%zd/%jd: sizes are printed as %lu with a cast.
 */
#ifndef UNIARM_TESTS_MM_CHECK_H
#define UNIARM_TESTS_MM_CHECK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

/* Linux's values (asm-generic/mman*.h, the same on ARM and x86), for what a header may lack. */
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif
#ifndef MAP_STACK
#define MAP_STACK 0x20000
#endif
#ifndef MADV_FREE
#define MADV_FREE 8
#endif
#ifndef MADV_COLD
#define MADV_COLD 20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif
#ifndef MREMAP_MAYMOVE
#define MREMAP_MAYMOVE 1
#endif
#ifndef MREMAP_FIXED
#define MREMAP_FIXED 2
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#ifndef PROT_SEM
#define PROT_SEM 0x8
#endif
#ifndef PROT_GROWSDOWN
#define PROT_GROWSDOWN 0x01000000
#endif
#ifndef PROT_GROWSUP
#define PROT_GROWSUP 0x02000000
#endif

#define PG	    4096UL /* the page size of both ARM (uniarm) and x86 */
#define KiB	    (1UL << 10)
#define MiB	    (1UL << 20)
#define ANON_PRIV   (MAP_PRIVATE | MAP_ANONYMOUS)
#define ANON_SHARED (MAP_SHARED | MAP_ANONYMOUS)
#define RW	    (PROT_READ | PROT_WRITE)
/* The lowest address mmap may use (uniarm's and Debian's mmap_min_addr), and two pages at the
 * top of the address space: above TASK_SIZE on 32-bit ARM (0xbf000000), 64-bit Linux and even a
 * 32-bit process on a 64-bit x86 kernel (TASK_SIZE 0xffffe000). */
#define MMAP_MIN_ADDR (64 * KiB)
#define TOP_ADDR      ((uintptr_t)0 - 2 * PG)
/* Whether start + len wraps around in the kernel's arithmetic as it does in the caller's: on 32-bit
 * ARM and 64-bit Linux, yes. A 32-bit x86 process on a 64-bit kernel (the host's -m32 build)
 * gets no wrap, and a "huge length" would reach its stack: those checks are left out there. */
#if defined(__i386__)
#define LEN_WRAPS 0
#else
#define LEN_WRAPS 1
#endif
/* uniarm itself (32-bit ARM, no Linux): for the checks of its own layout (docs/vm-user.md) that
 * 32-bit ARM Linux does not promise, such as the heap starting right after the bss. */
#if defined(__arm__) && !defined(__linux__)
#define UNIARM 1
extern char _end[]; /* the end of the program's bss (the linker's symbol) */
#endif
/* 32-bit ARM keeps its two lowest pages (FIRST_USER_ADDRESS): MAP_FIXED there is EINVAL, before
 * the mmap_min_addr check (EPERM) is reached. */
#ifdef __arm__
#define FIRST_USER_ADDRESS (2 * PG)
#else
#define FIRST_USER_ADDRESS 0UL
#endif
#define PAGE_UP(x) (((uintptr_t)(x) + PG - 1) & ~(PG - 1))

static unsigned long t_passed, t_failed, t_skipped;

static inline const char *errname(int e)
{
	static char buf[24];
	static const struct {
		int e;
		const char *name;
	} names[] = {
		{0, "0"},
		{EPERM, "EPERM"},
		{ENOENT, "ENOENT"},
		{EINTR, "EINTR"},
		{EIO, "EIO"},
		{EBADF, "EBADF"},
		{EAGAIN, "EAGAIN"},
		{ENOMEM, "ENOMEM"},
		{EACCES, "EACCES"},
		{EFAULT, "EFAULT"},
		{EBUSY, "EBUSY"},
		{EEXIST, "EEXIST"},
		{ENODEV, "ENODEV"},
		{EINVAL, "EINVAL"},
		{ENOSYS, "ENOSYS"},
		{EOVERFLOW, "EOVERFLOW"},
		{ENFILE, "ENFILE"},
		{EMFILE, "EMFILE"},
		{ETXTBSY, "ETXTBSY"},
		{EOPNOTSUPP, "EOPNOTSUPP"},
		{ENOTSUP, "ENOTSUP"},
		{ERANGE, "ERANGE"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

static inline void t_ok(const char *name)
{
	printf("ok %s\n", name);
	fflush(stdout); /* what was printed survives a crash, even into a pipe */
	t_passed++;
}

__attribute__((format(printf, 2, 3))) static inline void t_fail(const char *name, const char *fmt,
								...)
{
	va_list ap;

	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	t_failed++;
}

__attribute__((format(printf, 2, 3))) static inline void t_skip(const char *name, const char *fmt,
								...)
{
	va_list ap;

	printf("skip %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	t_skipped++;
}

__attribute__((format(printf, 1, 2))) static inline void t_note(const char *fmt, ...)
{
	va_list ap;

	printf("note: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* "N passed, M failed" (", K skipped" when some were: not a pass), and main's status. */
static inline int t_finish(void)
{
	if (t_skipped)
		printf("%lu passed, %lu failed, %lu skipped\n", t_passed, t_failed, t_skipped);
	else
		printf("%lu passed, %lu failed\n", t_passed, t_failed);
	fflush(stdout);
	return t_failed ? 1 : 0;
}

/* A plain condition; the message says what was seen and what was expected. */
#define CHECK(name, cond, ...)                                                                     \
	do {                                                                                       \
		if (cond)                                                                          \
			t_ok(name);                                                                \
		else                                                                               \
			t_fail(name, __VA_ARGS__);                                                 \
	} while (0)

#define CHECK_EQ(name, got, want)                                                                  \
	do {                                                                                       \
		unsigned long _g = (unsigned long)(got), _w = (unsigned long)(want);               \
		CHECK(name, _g == _w, "got %lu (0x%lx), expected %lu (0x%lx)", _g, _g, _w, _w);    \
	} while (0)

/* A call that must fail: -1 (or MAP_FAILED) with errno `want`. */
static inline void check_err_(const char *name, long r, int err, int want)
{
	if (r == -1 && err == want)
		t_ok(name);
	else if (r == -1)
		t_fail(name, "got -1/%s, expected -1/%s", errname(err), errname(want));
	else
		t_fail(name, "got %ld (0x%lx, success), expected -1/%s", r, (unsigned long)r,
		       errname(want));
}
#define CHECK_ERR(name, expr, want)                                                                \
	do {                                                                                       \
		errno = 0;                                                                         \
		long _r = (long)(expr);                                                            \
		check_err_(name, _r, errno, want);                                                 \
	} while (0)

/* A call that must return 0. */
static inline void check_zero_(const char *name, long r, int err)
{
	if (r == 0)
		t_ok(name);
	else
		t_fail(name, "got %ld/%s, expected 0", r, r == -1 ? errname(err) : "-");
}
#define CHECK_ZERO(name, expr)                                                                     \
	do {                                                                                       \
		errno = 0;                                                                         \
		long _r = (long)(expr);                                                            \
		check_zero_(name, _r, errno);                                                      \
	} while (0)

/* mmap that must succeed (any address): the mapping, or NULL after a FAIL line. */
static inline void *check_mmap(const char *name, void *addr, size_t len, int prot, int flags,
			       int fd, off_t off)
{
	errno = 0;
	void *p = mmap(addr, len, prot, flags, fd, off);
	if (p == MAP_FAILED) {
		t_fail(name, "mmap(%p, %lu, 0x%x, 0x%x, %d, %ld) got -1/%s, expected success", addr,
		       (unsigned long)len, prot, flags, fd, (long)off, errname(errno));
		return NULL;
	}
	if ((uintptr_t)p % PG) {
		t_fail(name, "got %p, expected a page-aligned address", p);
		return NULL;
	}
	t_ok(name);
	return p;
}

/* mmap that is only a means to an end: exits when it fails (the test cannot go on). */
static inline void *map_or_die(void *addr, size_t len, int prot, int flags)
{
	void *p = mmap(addr, len, prot, flags, -1, 0);
	if (p == MAP_FAILED || ((flags & MAP_FIXED) && p != addr)) {
		printf("FAIL setup: mmap(%p, %lu, 0x%x, 0x%x) got %p/%s\n", addr,
		       (unsigned long)len, prot, flags, p, errname(errno));
		t_failed++;
		exit(t_finish());
	}
	return p;
}

/* Pages of [p, p + len) that mincore says are resident, or -1 (errno set). */
static inline long resident(const void *p, size_t len)
{
	size_t n = (len + PG - 1) / PG;
	unsigned char small[64], *vec = n <= sizeof(small) ? small : malloc(n);
	long count = 0;

	if (!vec)
		return -1;
	if (mincore((void *)p, len, vec)) {
		int e = errno;
		if (vec != small)
			free(vec);
		errno = e;
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		count += vec[i] & 1;
	if (vec != small)
		free(vec);
	return count;
}

/* 1 when every page of [p, p + len) is mapped, 0 when some is not (mincore: ENOMEM). */
static inline int mapped(const void *p, size_t len)
{
	unsigned char vec[1];

	for (size_t off = 0; off < len; off += PG) {
		if (mincore((char *)p + off, PG, vec) == 0)
			continue;
		if (errno == ENOMEM)
			return 0;
		printf("note: mincore(%p) failed with %s\n", (char *)p + off, errname(errno));
		return -1;
	}
	return 1;
}

/* A free range of n pages: mapped then unmapped, and checked to be unmapped. Use it before the
 * next mmap, which may take it. */
static inline char *hole(size_t n)
{
	char *p = map_or_die(NULL, n * PG, PROT_NONE, ANON_PRIV);
	munmap(p, n * PG);
	if (mapped(p, n * PG) != 0) {
		printf("FAIL setup: hole %p still mapped\n", p);
		t_failed++;
		exit(t_finish());
	}
	return p;
}

/* Fill [p, p + len) with a pattern that depends on seed and position; find the first byte that
 * differs from it (-1 when none). */
static inline unsigned char pat(unsigned seed, size_t i)
{
	return (unsigned char)((seed * 131u) ^ (i * 7u) ^ (i >> 9));
}
static inline void fill(void *p, size_t len, unsigned seed)
{
	unsigned char *c = p;
	for (size_t i = 0; i < len; i++)
		c[i] = pat(seed, i);
}
static inline long verify(const void *p, size_t len, unsigned seed)
{
	const volatile unsigned char *c = p;
	for (size_t i = 0; i < len; i++)
		if (c[i] != pat(seed, i))
			return (long)i;
	return -1;
}
/* The same for the part [off, off + len) of a region filled from base. */
static inline long verify_part(const void *base, size_t off, size_t len, unsigned seed)
{
	const volatile unsigned char *c = base;
	for (size_t i = off; i < off + len; i++)
		if (c[i] != pat(seed, i))
			return (long)i;
	return -1;
}
/* The first non-zero byte, or -1. */
static inline long nonzero(const void *p, size_t len)
{
	const volatile unsigned char *c = p;
	for (size_t i = 0; i < len; i++)
		if (c[i])
			return (long)i;
	return -1;
}

#define CHECK_PATTERN(name, p, len, seed)                                                          \
	do {                                                                                       \
		long _at = verify(p, len, seed);                                                   \
		CHECK(name, _at < 0, "byte %ld is 0x%02x, expected 0x%02x", _at,                   \
		      _at < 0 ? 0 : ((volatile unsigned char *)(p))[_at],                          \
		      _at < 0 ? 0 : pat(seed, (size_t)_at));                                       \
	} while (0)
#define CHECK_PATTERN_PART(name, base, off, len, seed)                                             \
	do {                                                                                       \
		long _at = verify_part(base, off, len, seed);                                      \
		CHECK(name, _at < 0, "byte %ld is 0x%02x, expected 0x%02x", _at,                   \
		      _at < 0 ? 0 : ((volatile unsigned char *)(base))[_at],                       \
		      _at < 0 ? 0 : pat(seed, (size_t)_at));                                       \
	} while (0)
#define CHECK_ZEROED(name, p, len)                                                                 \
	do {                                                                                       \
		long _at = nonzero(p, len);                                                        \
		CHECK(name, _at < 0, "byte %ld is 0x%02x, expected 0", _at,                        \
		      _at < 0 ? 0 : ((volatile unsigned char *)(p))[_at]);                         \
	} while (0)

/* Read a number from a /proc file (the first one in it, or the one after `key`); 0 when the file
 * or key is missing (uniarm may have no /proc). */
static inline int proc_number(const char *path, const char *key, unsigned long *out)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		const char *s = line;
		if (key) {
			size_t k = strlen(key);
			if (strncmp(line, key, k) || line[k] != ':')
				continue;
			s = line + k + 1;
		}
		char *end;
		unsigned long v = strtoul(s, &end, 10);
		if (end != s) {
			*out = v;
			found = 1;
		}
	}
	fclose(f);
	return found;
}

/* The process's minor faults so far (getrusage). */
static inline long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* VmLck of /proc/self/status in kB, or -1. */
static inline long vmlck(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmLck:", 6))
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* mlock2(2) (ARM's syscall 390), which neither newlib nor older glibc wrap: 0, or -1 with errno. */
#ifdef __linux__
#include <sys/syscall.h>
static inline long mlock2_(void *p, size_t len, unsigned int flags)
{
#ifdef SYS_mlock2
	return syscall(SYS_mlock2, p, len, flags);
#else
	return syscall(390 /* __NR_mlock2 on ARM */, p, len, flags);
#endif
}
#else
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
static inline long mlock2_(void *p, size_t len, unsigned int flags)
{
	long r = uniarm_syscall(390, (long)p, (long)len, (long)flags, 0, 0, 0);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
#endif

#endif
