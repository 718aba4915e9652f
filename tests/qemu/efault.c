/*
 * Bad pointers handed to system calls fail with EFAULT and the application carries on: every
 * call that takes a pointer gets an unmapped page, a PROT_NONE page, a read-only page (when the
 * call writes there), NULL, a runtime/kernel address and an object that crosses from a valid
 * page into an unmapped one; each must return -1/EFAULT and the same call with a good pointer
 * must work next. Also: a write whose buffer faults after K bytes returns K (a short write),
 * a read that faults at once does not move the file position, a path that runs into a fault
 * before its NUL is EFAULT and one of PATH_MAX bytes without a NUL is ENAMETOOLONG, and a read
 * into untouched anonymous memory works and takes one minor fault per page.
 *
 * The calls are made raw (uniarm_syscall on uniarm, syscall(2) on Linux): newlib's wrappers
 * convert through structs of their own and would fault in the application first. Builds and
 * passes on Linux too, where the expected errno values were checked:
 *   cc -Wall -o /tmp/t tests/qemu/efault.c && /tmp/t &&
 *   /tmp/t console < tests/qemu/read_stdin.input
 */
#include "mm/mm_check.h"

#include <fcntl.h>
#include <limits.h>

#ifdef UNIARM
/* The Linux ARM EABI numbers (runtime/uapi.h). */
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
#define NR_read		   3
#define NR_write	   4
#define NR_open		   5
#define NR_close	   6
#define NR_link		   9
#define NR_unlink	   10
#define NR_times	   43
#define NR_getrusage	   77
#define NR_sysinfo	   116
#define NR_llseek	   140
#define NR_fstat	   197 /* fstat64 */
#define NR_mincore	   219
#define NR_prlimit64	   369
#define NR_clock_gettime   403 /* the _time64 calls */
#define NR_clock_getres	   406
#define NR_clock_nanosleep 407
#define KERNEL_ADDR	   0xc0000000UL /* the runtime's image and linear map */
#define O_RDONLY_LINUX	   0

static long sc(long nr, long a, long b, long c, long d, long e)
{
	long r = uniarm_syscall(nr, a, b, c, d, e, 0);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
#else
#include <sys/syscall.h>
#define NR_read		   SYS_read
#define NR_write	   SYS_write
#define NR_open		   SYS_open
#define NR_close	   SYS_close
#define NR_link		   SYS_link
#define NR_unlink	   SYS_unlink
#define NR_times	   SYS_times
#define NR_getrusage	   SYS_getrusage
#define NR_sysinfo	   SYS_sysinfo
#define NR_mincore	   SYS_mincore
#define NR_prlimit64	   SYS_prlimit64
#define NR_clock_gettime   SYS_clock_gettime
#define NR_clock_getres	   SYS_clock_getres
#define NR_clock_nanosleep SYS_clock_nanosleep
#ifdef SYS_fstat64
#define NR_fstat SYS_fstat64
#else
#define NR_fstat SYS_fstat
#endif
#ifdef SYS__llseek
#define NR_llseek SYS__llseek
#endif
#if defined(__x86_64__)
#define KERNEL_ADDR 0xffff800000000000UL
#elif defined(__arm__)
#define KERNEL_ADDR 0xc0000000UL
#endif
#define O_RDONLY_LINUX O_RDONLY

static long sc(long nr, long a, long b, long c, long d, long e)
{
	return syscall(nr, a, b, c, d, e);
}
#endif

#define RUSAGE_SELF_	 0
#define RLIMIT_NOFILE_	 7
#define CLOCK_MONOTONIC_ 1

/* The kinds of bad pointer. Calls that only read application memory skip the read-only page. */
enum { UNMAPPED, PROTNONE, READONLY, NUL_PTR, KERNEL, CROSSING, NR_BAD };
static const char *const bad_name[NR_BAD] = {
	"unmapped", "PROT_NONE", "read-only", "NULL", "kernel address", "crossing into unmapped"};
static char *bad_ptr[NR_BAD];

static char *rw2;   /* two pages: the first read-write, the second unmapped */
static char *fresh; /* FRESH_PAGES untouched anonymous pages */
#define FRESH_PAGES 8

/* 16-byte aligned room for any struct the calls return (struct stat, rusage, sysinfo). */
static union {
	char c[512];
	long long ll;
} good;

static void setup(void)
{
	/* Everything is mapped before the hole is made: a later mmap could take it. */
	fresh = map_or_die(NULL, FRESH_PAGES * PG, RW, ANON_PRIV);
	bad_ptr[PROTNONE] = map_or_die(NULL, PG, PROT_NONE, ANON_PRIV);
	bad_ptr[READONLY] = map_or_die(NULL, PG, PROT_READ, ANON_PRIV);
	rw2 = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	munmap(rw2 + PG, PG);
	memset(rw2, 0, PG);
	bad_ptr[UNMAPPED] = rw2 + PG;
	bad_ptr[NUL_PTR] = NULL;
#ifdef KERNEL_ADDR
	bad_ptr[KERNEL] = (char *)KERNEL_ADDR;
#endif
	/* 4 bytes before the unmapped page: every object here is longer. */
	bad_ptr[CROSSING] = rw2 + PG - 4;
}

static int fd_meminfo(void)
{
	return (int)sc(NR_open, (long)"/proc/meminfo", O_RDONLY_LINUX, 0, 0, 0);
}

#define CALL_WRITES 1 /* the call writes to the pointer: a read-only page is bad too */
#define CALL_STREAM                                                                                \
	2	       /* a byte stream or string: crossing gives a partial result, checked apart  \
			*/
#define CALL_NULL_OK 4 /* NULL asks for nothing: not an error */

/*
 * For each kind of bad pointer that applies (see flags), call(p) must be -1/EFAULT; then
 * call(good) must succeed (>= 0): the application carries on.
 */
static void check_bad(const char *what, long (*call)(void *p), int flags)
{
	char name[128];

	for (int k = 0; k < NR_BAD; k++) {
		if (k == READONLY && !(flags & CALL_WRITES))
			continue;
		if (k == CROSSING && (flags & CALL_STREAM))
			continue;
		if (k == NUL_PTR && (flags & CALL_NULL_OK))
			continue;
#ifndef KERNEL_ADDR
		if (k == KERNEL)
			continue;
#endif
		snprintf(name, sizeof(name), "%s: %s", what, bad_name[k]);
		CHECK_ERR(name, call(bad_ptr[k]), EFAULT);
	}
	snprintf(name, sizeof(name), "%s: a good pointer works next", what);
	errno = 0;
	long r = call(good.c);
	CHECK(name, r >= 0, "got %ld/%s", r, errname(errno));
}

static long do_gettime(void *p)
{
	return sc(NR_clock_gettime, CLOCK_MONOTONIC_, (long)p, 0, 0, 0);
}
static long do_getres(void *p)
{
	return sc(NR_clock_getres, CLOCK_MONOTONIC_, (long)p, 0, 0, 0);
}
static long do_nanosleep_req(void *p)
{
	if (p == good.c)
		memset(good.c, 0, 16); /* 0 s, 0 ns */
	return sc(NR_clock_nanosleep, CLOCK_MONOTONIC_, 0, (long)p, 0, 0);
}
static long do_times(void *p)
{
	return sc(NR_times, (long)p, 0, 0, 0, 0);
}
static long do_getrusage(void *p)
{
	return sc(NR_getrusage, RUSAGE_SELF_, (long)p, 0, 0, 0);
}
static long do_sysinfo(void *p)
{
	return sc(NR_sysinfo, (long)p, 0, 0, 0, 0);
}
static long do_prlimit_old(void *p)
{
	return sc(NR_prlimit64, 0, RLIMIT_NOFILE_, 0, (long)p, 0);
}
static long do_prlimit_new(void *p)
{
	if (p == good.c) /* the current limits, as a new limit: no change */
		return sc(NR_prlimit64, 0, RLIMIT_NOFILE_, 0, (long)good.c, 0) ||
		       sc(NR_prlimit64, 0, RLIMIT_NOFILE_, (long)good.c, 0, 0);
	return sc(NR_prlimit64, 0, RLIMIT_NOFILE_, (long)p, 0, 0);
}
static long do_fstat(void *p)
{
	return sc(NR_fstat, 1, (long)p, 0, 0, 0);
}
static long do_mincore(void *p)
{
	/* FRESH_PAGES bytes of vec: the crossing one runs into the unmapped page. */
	return sc(NR_mincore, (long)fresh, FRESH_PAGES * PG, (long)p, 0, 0);
}
#ifdef NR_llseek
static int llseek_fd = -1;
static long do_llseek(void *p)
{
	return sc(NR_llseek, llseek_fd, 0, 0, (long)p, SEEK_SET);
}
#endif
static long do_open(void *p)
{
	long fd;

	if (p == good.c)
		strcpy(good.c, "/proc/meminfo");
	fd = sc(NR_open, (long)p, O_RDONLY_LINUX, 0, 0, 0);
	if (fd >= 0)
		sc(NR_close, fd, 0, 0, 0, 0);
	return fd;
}
/* link and unlink cannot succeed with a good path (no writable file system on uniarm): the
 * good call only has to get past the copy, to an error other than EFAULT (ENOENT on Linux;
 * uniarm, which has no directories to create in, says EXDEV for a link out of /proc). */
static long past_copy(void *p, long r)
{
	return p == good.c && r == -1 && errno != EFAULT ? 0 : r;
}
static long do_unlink(void *p)
{
	if (p == good.c)
		strcpy(good.c, "/no/such/file");
	return past_copy(p, sc(NR_unlink, (long)p, 0, 0, 0, 0));
}
static long do_link_old(void *p)
{
	if (p == good.c)
		strcpy(good.c, "/no/such/file");
	return past_copy(p, sc(NR_link, (long)p, (long)"/no/such/link", 0, 0, 0));
}
/* An existing old path: the new name is the one looked at (Linux: its copy error). */
static long do_link_new(void *p)
{
	if (p == good.c)
		strcpy(good.c, "/no/such/dir/link");
	return past_copy(p, sc(NR_link, (long)"/proc/meminfo", (long)p, 0, 0, 0));
}
static int out_fd = 1; /* the console; a temporary file on Linux */
static long do_write(void *p)
{
	if (p == good.c)
		return sc(NR_write, out_fd, (long)"", 0, 0, 0);
	return sc(NR_write, out_fd, (long)p, 100, 0, 0);
}
static int read_fd = -1;
static long do_read(void *p)
{
	return sc(NR_read, read_fd, (long)p, 64, 0, 0);
}

static void check_time_calls(void)
{
	check_bad("clock_gettime", do_gettime, CALL_WRITES);
	check_bad("clock_getres", do_getres, CALL_WRITES | CALL_NULL_OK);
	CHECK_ZERO("clock_getres: NULL res is allowed", do_getres(NULL));
	check_bad("clock_nanosleep req", do_nanosleep_req, 0);
	/* rem is written only when a signal interrupts the sleep: a bad one is no error. */
	memset(good.c, 0, 16);
	CHECK_ZERO("clock_nanosleep: bad rem of an uninterrupted sleep is unused",
		   sc(NR_clock_nanosleep, CLOCK_MONOTONIC_, 0, (long)good.c,
		      (long)bad_ptr[UNMAPPED], 0));
	check_bad("times", do_times, CALL_WRITES | CALL_NULL_OK);
	errno = 0;
	long t = do_times(NULL);
	CHECK("times: NULL buf is allowed", t != -1, "got -1/%s", errname(errno));
}

static void check_resource_calls(void)
{
	long long lim[2], after[2];

	check_bad("getrusage", do_getrusage, CALL_WRITES);
	check_bad("sysinfo", do_sysinfo, CALL_WRITES);
	check_bad("prlimit64 old", do_prlimit_old, CALL_WRITES | CALL_NULL_OK);
	sc(NR_prlimit64, 0, RLIMIT_NOFILE_, 0, (long)lim, 0);
	check_bad("prlimit64 new", do_prlimit_new, CALL_NULL_OK);
	sc(NR_prlimit64, 0, RLIMIT_NOFILE_, 0, (long)after, 0);
	CHECK("prlimit64: a bad new limit changes nothing",
	      lim[0] == after[0] && lim[1] == after[1], "limits %lld/%lld, were %lld/%lld",
	      after[0], after[1], lim[0], lim[1]);
}

static void check_file_calls(void)
{
	check_bad("fstat", do_fstat, CALL_WRITES);
#ifdef NR_llseek
	llseek_fd = fd_meminfo();
	check_bad("_llseek result", do_llseek, CALL_WRITES);
	sc(NR_close, llseek_fd, 0, 0, 0, 0);
#else
	t_note("no _llseek on this architecture");
#endif
	check_bad("mincore vec", do_mincore, CALL_WRITES);
	/* Linux checks the range before vec: EINVAL, then ENOMEM. */
	CHECK_ERR("mincore: misaligned start before bad vec",
		  sc(NR_mincore, (long)fresh + 1, PG, (long)bad_ptr[UNMAPPED], 0, 0), EINVAL);
	CHECK_ERR("mincore: unmapped range before bad vec",
		  sc(NR_mincore, (long)bad_ptr[UNMAPPED], PG, (long)bad_ptr[UNMAPPED], 0, 0),
		  ENOMEM);
}

static void check_paths(void)
{
	static char longpath[PG + 64];
	char *unterminated = rw2 + PG - 16;

	check_bad("open", do_open, CALL_STREAM);
	check_bad("unlink", do_unlink, CALL_STREAM);
	check_bad("link old", do_link_old, CALL_STREAM);
	check_bad("link new", do_link_new, CALL_STREAM);

	/* The last 16 bytes of the page hold no NUL: the copy runs into the unmapped page. */
	memcpy(unterminated, "/proc/meminfoxxx", 16);
	CHECK_ERR("open: path unterminated before a fault", do_open(unterminated), EFAULT);
	CHECK_ERR("unlink: path unterminated before a fault", do_unlink(unterminated), EFAULT);
	CHECK_ERR("link: old path unterminated before a fault", do_link_old(unterminated), EFAULT);
	memset(rw2 + PG - 16, 0, 16);

	/* PATH_MAX bytes without a NUL: ENAMETOOLONG; PATH_MAX - 1 and a NUL: a path. */
	memset(longpath, '/', sizeof(longpath));
	CHECK_ERR("open: PATH_MAX bytes without NUL", do_open(longpath), ENAMETOOLONG);
	strcpy(longpath + 4095 - strlen("proc/meminfo"), "proc/meminfo");
	errno = 0;
	long fd = do_open(longpath);
	CHECK("open: a path of PATH_MAX - 1 bytes", fd >= 0, "got %ld/%s", fd, errname(errno));
}

/* Bytes [0, k) of the page before the unmapped one are good, the rest of a 200-byte write
 * faults: the write returns k and writes exactly those bytes. */
static void check_short_write(void)
{
	static const char line[] = "efault: these 48 bytes precede an unmapped page\n";
	size_t k = sizeof(line) - 1;
	char *buf = rw2 + PG - k;

	memcpy(buf, line, k);
	errno = 0;
	long r = sc(NR_write, out_fd, (long)buf, 200, 0, 0);
	CHECK_EQ("write: short write reports the bytes before the fault", r, k);
#ifndef UNIARM
	char back[256];
	long n = pread(out_fd, back, sizeof(back), 0);
	CHECK("write: the short write's bytes arrived", n == (long)k && !memcmp(back, line, k),
	      "read back %ld bytes", n);
#endif
	check_bad("write", do_write, CALL_STREAM);
}

/* A read that faults at once does not advance the position; one that crosses into an unmapped
 * page returns what fit and advances by that much. */
static void check_proc_read(void)
{
	char ref[128], again[64];
	long r, n;

	read_fd = fd_meminfo();
	check_bad("read /proc/meminfo", do_read, CALL_WRITES | CALL_STREAM);
	sc(NR_close, read_fd, 0, 0, 0, 0);
	read_fd = fd_meminfo();
	n = sc(NR_read, read_fd, (long)ref, sizeof(ref), 0, 0);
	CHECK_EQ("read: /proc/meminfo reference", n, sizeof(ref));
	sc(NR_close, read_fd, 0, 0, 0, 0);

	read_fd = fd_meminfo();
	r = do_read(bad_ptr[UNMAPPED]);
	n = sc(NR_read, read_fd, (long)again, 64, 0, 0);
	CHECK("read: EFAULT leaves the position where it was",
	      r == -1 && n == 64 && !memcmp(again, ref, 64),
	      "bad read %ld, then %ld bytes, same=%d", r, n, !memcmp(again, ref, 64));
	/* 8 bytes fit before the unmapped page: a read of 64 returns 8, the next goes on. */
	r = sc(NR_read, read_fd, (long)(rw2 + PG - 8), 64, 0, 0);
	CHECK_EQ("read: crossing into an unmapped page returns the bytes that fit", r, 8);
	CHECK("read: crossing read's bytes", !memcmp(rw2 + PG - 8, ref + 64, 8), "differ");
	n = sc(NR_read, read_fd, (long)again, 8, 0, 0);
	CHECK("read: the position advanced by what was copied",
	      n == 8 && !memcmp(again, ref + 72, 8), "next read %ld bytes, same=%d", n,
	      !memcmp(again, ref + 72, 8));
	sc(NR_close, read_fd, 0, 0, 0, 0);
}

/* Reads into untouched anonymous memory fault the pages in: one minor fault per page. */
static void check_fresh_read(void)
{
	/* struct rusage (72 bytes on ARM, 144 on 64-bit): ru_minflt follows two struct timevals
	 * and ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, eight longs in all. */
	long ru0[36], ru1[36], got = 0;
	int fd = fd_meminfo();

	memset(ru0, 0, sizeof(ru0));
	memset(ru1, 0, sizeof(ru1));
	sc(NR_getrusage, RUSAGE_SELF_, (long)ru0, 0, 0, 0);
	for (int i = 0; i < FRESH_PAGES; i++) {
		lseek(fd, 0, SEEK_SET);
		got += sc(NR_read, fd, (long)(fresh + i * PG + 100), 64, 0, 0) == 64;
	}
	sc(NR_getrusage, RUSAGE_SELF_, (long)ru1, 0, 0, 0);
	CHECK_EQ("read into fresh anonymous pages works", got, FRESH_PAGES);
	CHECK_EQ("read into fresh anonymous pages: one minor fault per page", ru1[8] - ru0[8],
		 FRESH_PAGES);
	CHECK("read into fresh anonymous pages: the data arrived",
	      !memcmp(fresh + 100, "MemTotal:", 9) && !memcmp(fresh + 7 * PG + 100, "MemTotal:", 9),
	      "page 0 has <%.9s>", fresh + 100);
	sc(NR_close, fd, 0, 0, 0, 0);
}

/*
 * "console": reads of standard input (tests/qemu/read_stdin.input, "first line\n...") into bad
 * buffers lose no input: an EFAULT read consumes nothing the application can see, a read that
 * crosses into an unmapped page returns the bytes that fit and the next read goes on from
 * there. (uniarm's console keeps the bytes it took from the UART but could not copy.)
 */
static void check_console_read(void)
{
	char buf[64];
	long r, n;

	CHECK_ERR("console read: unmapped buffer",
		  sc(NR_read, 0, (long)bad_ptr[UNMAPPED], 64, 0, 0), EFAULT);
	r = sc(NR_read, 0, (long)(rw2 + PG - 4), 64, 0, 0);
	CHECK("console read: crossing returns the bytes that fit",
	      r == 4 && !memcmp(rw2 + PG - 4, "firs", 4), "got %ld <%.4s>", r, rw2 + PG - 4);
	n = sc(NR_read, 0, (long)buf, sizeof(buf), 0, 0);
	CHECK("console read: the next read goes on, no byte lost",
	      n >= 7 && !memcmp(buf, "t line\n", 7), "got %ld <%.*s>", n, n > 0 ? (int)n : 0, buf);
}

int main(int argc, char **argv)
{
	setup();
	if (argc > 1 && !strcmp(argv[1], "console")) {
		check_console_read();
		return t_finish();
	}
#ifndef UNIARM
	/* A regular file: Linux's pipes and ttys drop a chunk that faults part way (EFAULT), a
	 * file write keeps the bytes before the fault, as uniarm's console does. */
	char tmp[] = "/tmp/efault-XXXXXX";

	out_fd = mkstemp(tmp);
	if (out_fd < 0) {
		printf("FAIL setup: mkstemp\n");
		return 1;
	}
	unlink(tmp);
#endif
	check_fresh_read();
	check_time_calls();
	check_resource_calls();
	check_file_calls();
	check_paths();
	check_short_write();
	check_proc_read();
	return t_finish();
}
