/*
 * What the file tests (issue 14) share, on top of ../signals/sig_check.h (which brings
 * ../threads/thr_check.h and ../mm/mm_check.h: ok/FAIL lines, "N passed, M failed", raw calls,
 * MUST, sig_main): errno names for the file errors, checks for calls that return -1 and errno,
 * the ARM EABI numbers and kernel structures of the raw calls the tests make (getdents64,
 * _llseek, lseek, pread64, pwrite64), st_dev's major and minor, a scratch directory, small
 * file helpers, /proc readers that allocate nothing, and a fault probe that reports the signal
 * an access raised (SIGBUS past the end of a mapped file).
 *
 * The same sources build for uniarm (newlib with libc-glue's headers) and for Linux (glibc
 * 2.36 on ARM, ../../../../shared/peer/linux/run-c.sh), where every expectation was checked
 * (README.md). Include this header first: it asks glibc for 64-bit off_t and the GNU names.
 */
#ifndef UNIARM_TESTS_FILES_CHECK_H
#define UNIARM_TESTS_FILES_CHECK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#define _FILE_OFFSET_BITS 64

#include "../signals/sig_check.h"

#include <dirent.h>
#include <stddef.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>

/* The raw calls' numbers (ARM EABI: the same for uniarm and Linux). */
#define FNR_open	5
#define FNR_lseek	19
#define FNR__llseek	140
#define FNR_pread64	180
#define FNR_pwrite64	181
#define FNR_getcwd	183
#define FNR_stat64	195
#define FNR_lstat64	196
#define FNR_fstat64	197
#define FNR_ftruncate64 194
#define FNR_getdents64	217

/* Linux's open flags for the raw open (the C library's values may differ). */
#define K_O_RDWR      02
#define K_O_CREAT     0100
#define K_O_TRUNC     01000
#define K_O_LARGEFILE 0400000 /* ARM */

/*
 * ARM's struct stat64 as the kernel writes it (fstat64 and friends). The tests use it where a
 * 32-bit off_t could not hold the value (newlib's off_t, and so its st_size, are 32-bit; a
 * 5 GiB file's size is checked through the raw fstat64).
 */
struct k_stat64 {
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
_Static_assert(sizeof(struct k_stat64) == 104 && offsetof(struct k_stat64, st_size) == 48,
	       "ARM EABI struct stat64");

/* The 64-bit size calls, whatever the C library's off_t is. */
static inline long ftruncate64_(int fd, long long len)
{
	return RAW(FNR_ftruncate64, fd, 0, (unsigned long)len,
		   (unsigned long)((unsigned long long)len >> 32));
}
static inline long fstat64_(int fd, struct k_stat64 *st)
{
	return RAW(FNR_fstat64, fd, st);
}

/* The kernel's struct linux_dirent64 (getdents64): 8-byte aligned records. */
struct k_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

/* errno by name: thr_check.h's names and the file system's. */
static inline const char *ferr(int e)
{
	switch (e) {
	case ENOTDIR:
		return "ENOTDIR";
	case EISDIR:
		return "EISDIR";
	case ELOOP:
		return "ELOOP";
	case ENOTEMPTY:
		return "ENOTEMPTY";
	case ENAMETOOLONG:
		return "ENAMETOOLONG";
	case ENXIO:
		return "ENXIO";
	case ESPIPE:
		return "ESPIPE";
	case EXDEV:
		return "EXDEV";
	case EROFS:
		return "EROFS";
	case EFBIG:
		return "EFBIG";
	case EMLINK:
		return "EMLINK";
	case ENOSPC:
		return "ENOSPC";
	case ENOTTY:
		return "ENOTTY";
	default:
		return terr(e);
	}
}

/* A call that must fail: -1 and errno `want`. */
#define CHECK_FERR(name, expr, want)                                                               \
	do {                                                                                       \
		errno = 0;                                                                         \
		long _r = (long)(expr);                                                            \
		int _e = errno, _w = (want);                                                       \
		if (_r == -1 && _e == _w)                                                          \
			t_ok(name);                                                                \
		else if (_r == -1)                                                                 \
			t_fail(name, "got -1/%s, expected -1/%s", ferr(_e), ferr(_w));             \
		else                                                                               \
			t_fail(name, "got %ld (success), expected -1/%s", _r, ferr(_w));           \
	} while (0)

/* A call that must return exactly `want`. */
#define CHECK_FVAL(name, expr, want)                                                               \
	do {                                                                                       \
		errno = 0;                                                                         \
		long long _r = (long long)(expr), _w = (long long)(want);                          \
		int _e = errno;                                                                    \
		CHECK(name, _r == _w, "got %lld%s%s, expected %lld", _r, _r == -1 ? "/" : "",      \
		      _r == -1 ? ferr(_e) : "", _w);                                               \
	} while (0)

/* A call that must succeed (not -1): its value, after the ok or FAIL line. */
static inline long check_fok_(const char *name, long r, int e)
{
	if (r != -1)
		t_ok(name);
	else
		t_fail(name, "got -1/%s, expected success", ferr(e));
	return r;
}
#define CHECK_FOK(name, expr)                                                                      \
	({                                                                                         \
		errno = 0;                                                                         \
		long _r = (long)(expr);                                                            \
		check_fok_(name, _r, errno);                                                       \
	})

/* Two strings that must be equal (NULL prints as such). */
#define CHECK_STR(name, got, want)                                                                 \
	do {                                                                                       \
		const char *_g = (got), *_w = (want);                                              \
		CHECK(name, _g &&_w && !strcmp(_g, _w), "got \"%s\", expected \"%s\"",             \
		      _g ? _g : "(null)", _w ? _w : "(null)");                                     \
	} while (0)

/* Octal values (modes). */
#define CHECK_MODE(name, got, want)                                                                \
	do {                                                                                       \
		unsigned long _g = (unsigned long)(got), _w = (unsigned long)(want);               \
		CHECK(name, _g == _w, "got 0%lo, expected 0%lo", _g, _w);                          \
	} while (0)

/* st_dev as the kernel encodes it for stat64 (new_encode_dev): major and minor. */
static inline unsigned dev_major(unsigned long long dev)
{
	return (unsigned)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL));
}
static inline unsigned dev_minor(unsigned long long dev)
{
	return (unsigned)((dev & 0xff) | ((dev >> 12) & ~0xffULL));
}

/* NULL, hidden from the compiler's non-null checks (the calls must see it). */
static void *volatile null_ptr;

/* Setup that must work, else the FAIL line and the end of the test. */
#define MUSTF(what, cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL setup: %s (errno %s)\n", what, ferr(errno));                  \
			t_failed++;                                                                \
			exit(t_finish());                                                          \
		}                                                                                  \
	} while (0)

/*
 * The test's scratch directory, /tmp/<name> (made with /tmp if missing: on Linux the test runs
 * from an initramfs whose tmpfs root holds only /init, /dev and /proc; on uniarm from the
 * in-memory file system at /), emptied of what a previous run left, and made the working
 * directory. Its absolute path is returned.
 */
static inline void remove_tree(const char *path);
static inline const char *scratch(const char *name)
{
	static char path[256];

	snprintf(path, sizeof(path), "/tmp/%s", name);
	MUSTF("mkdir /tmp", mkdir("/tmp", 01777) == 0 || errno == EEXIST);
	remove_tree(path);
	MUSTF("mkdir scratch directory", mkdir(path, 0755) == 0);
	MUSTF("chdir scratch directory", chdir(path) == 0);
	return path;
}

/* rm -r path (no error when it does not exist). */
static inline void remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[PATH_MAX];

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	if (d) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			remove_tree(sub);
			rewinddir(d); /* the directory changed under the stream */
		}
		closedir(d);
	}
	rmdir(path);
}

/*
 * A device file the test needs: uniarm's /dev has console, tty, null, zero and urandom;
 * run-c.sh's initramfs on Linux has /dev/console and /dev/null only, so there the node is made.
 */
static inline void need_dev(const char *path, unsigned major, unsigned minor)
{
#ifdef __linux__
	if (access(path, F_OK) && errno == ENOENT)
		mknod(path, S_IFCHR | 0666, (major << 8) | minor);
#else
	(void)path;
	(void)major;
	(void)minor;
#endif
}

/* Create (or replace) path with len bytes of data and mode: the test ends if it cannot. */
static inline void put_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	MUSTF(path, fd >= 0);
	MUSTF(path, write(fd, data, len) == (ssize_t)len);
	MUSTF(path, close(fd) == 0);
}

/* A file of len bytes of pat(seed, i) (mm_check.h), written a page at a time. */
static inline void put_pattern(const char *path, size_t len, unsigned seed)
{
	static unsigned char buf[4096];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	MUSTF(path, fd >= 0);
	for (size_t off = 0; off < len; off += sizeof(buf)) {
		size_t n = len - off < sizeof(buf) ? len - off : sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = pat(seed, off + i);
		MUSTF(path, write(fd, buf, n) == (ssize_t)n);
	}
	MUSTF(path, close(fd) == 0);
}

/* The whole of path into buf (at most max - 1 bytes, NUL-terminated): its length or -1. */
static inline long read_file(const char *path, char *buf, size_t max)
{
	int fd = open(path, O_RDONLY);
	long len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len < (long)max - 1 && (n = read(fd, buf + len, max - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

/* st_size of path, or -1. */
static inline long long size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long long)st.st_size;
}

/* st_blocks of fd, or -1. */
static inline long long blocks_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long long)st.st_blocks;
}

/*
 * A number of a /proc file read with open/read into a static buffer (no stdio buffer, no
 * malloc: reading it changes no memory figure): the value after "key:" (meminfo, status), or
 * the field-th number of the file (statm, key NULL). -1 when the file or the key is missing.
 */
static inline long proc_value(const char *path, const char *key, int field)
{
	static char buf[8192];
	long len = read_file(path, buf, sizeof(buf));
	char *s = buf;

	if (len < 0)
		return -1;
	if (key) {
		size_t k = strlen(key);

		for (s = buf; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL)
			if (!strncmp(s, key, k) && s[k] == ':')
				break;
		if (!s || !*s)
			return -1;
		s += k + 1;
		return strtol(s, NULL, 10);
	}
	for (int i = 0; i < field; i++) {
		s = strchr(s, ' ');
		if (!s)
			return -1;
		s++;
	}
	return strtol(s, NULL, 10);
}
static inline long meminfo_kb(const char *key)
{
	return proc_value("/proc/meminfo", key, 0);
}

/*
 * The line of /proc/self/maps that holds addr, copied into line (without its newline): 0, or
 * -1 when there is none.
 */
static inline int maps_line(const void *addr, char *line, size_t max)
{
	static char buf[32768];
	long len = read_file("/proc/self/maps", buf, sizeof(buf));
	char *s = buf;

	if (len < 0)
		return -1;
	while (s && *s) {
		char *nl = strchr(s, '\n');
		unsigned long lo, hi;

		if (sscanf(s, "%lx-%lx", &lo, &hi) == 2 && lo <= (uintptr_t)addr &&
		    (uintptr_t)addr < hi) {
			size_t n = nl ? (size_t)(nl - s) : strlen(s);

			if (n >= max)
				n = max - 1;
			memcpy(line, s, n);
			line[n] = 0;
			return 0;
		}
		s = nl ? nl + 1 : NULL;
	}
	return -1;
}

/* The value (in kB) of key in the /proc/self/smaps entry of the mapping holding addr, or -1. */
static inline long smaps_kb(const void *addr, const char *key)
{
	static char buf[65536];
	long len = read_file("/proc/self/smaps", buf, sizeof(buf));
	char *s = buf;
	int in = 0;
	size_t k = strlen(key);

	if (len < 0)
		return -1;
	while (s && *s) {
		char *nl = strchr(s, '\n');
		unsigned long lo, hi;
		char c;

		if (sscanf(s, "%lx-%lx %c", &lo, &hi, &c) == 3 && strchr(s, '-') < strchr(s, ' '))
			in = lo <= (uintptr_t)addr && (uintptr_t)addr < hi;
		else if (in && !strncmp(s, key, k) && s[k] == ':')
			return strtol(s + k + 1, NULL, 10);
		s = nl ? nl + 1 : NULL;
	}
	return -1;
}

/*
 * The fault probe: touch(addr, write) reads (or writes the byte it read back to) addr with
 * SIGBUS and SIGSEGV caught; it returns 0 when the access completed, else the signal, with its
 * si_code and si_addr in probe_code and probe_addr. The value read is in probe_value.
 */
static sigjmp_buf probe_jb;
static volatile int probe_sig, probe_code;
static void *volatile probe_addr;
static volatile unsigned char probe_value;

static inline void probe_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	probe_sig = sig;
	probe_code = si->si_code;
	probe_addr = si->si_addr;
	siglongjmp(probe_jb, 1);
}

static inline int touch(volatile unsigned char *addr, int write)
{
	struct sigaction sa, old_bus, old_segv;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = probe_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	probe_sig = 0;
	probe_code = 0;
	probe_addr = NULL;
	if (!sigsetjmp(probe_jb, 1)) {
		probe_value = *addr;
		if (write)
			*addr = probe_value;
	}
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(SIGSEGV, &old_segv, NULL);
	return probe_sig;
}

/* touch() that must raise SIGBUS with BUS_ADRERR at exactly addr (three lines). */
static inline void check_sigbus(const char *name, volatile unsigned char *addr, int write)
{
	char n[128];
	int sig = touch(addr, write);

	snprintf(n, sizeof(n), "%s.signal", name);
	CHECK_SIGNO(n, sig, SIGBUS);
	snprintf(n, sizeof(n), "%s.si_code", name);
	CHECK_CODE(n, SIGBUS, sig ? probe_code : 0, LINUX_BUS_ADRERR);
	snprintf(n, sizeof(n), "%s.si_addr", name);
	CHECK_PTR(n, probe_addr, addr);
}

/* touch() that must complete. */
static inline void check_access(const char *name, volatile unsigned char *addr, int write)
{
	int sig = touch(addr, write);

	CHECK(name, sig == 0, "got %s (%s at %p), expected no signal", signame(sig),
	      codename(sig, probe_code), probe_addr);
}

#endif
