/*
 * The descriptor table: the lowest free descriptor, dup/dup2/dup3 and fcntl's F_DUPFD,
 * F_DUPFD_CLOEXEC, F_GETFD/F_SETFD and F_GETFL/F_SETFL with Linux's errors, an open file shared
 * by its duplicates (status flags, a /proc file's reader kept until its last descriptor goes),
 * the table's growth past its first 32 slots (FDSize in /proc/self/status) and RLIMIT_NOFILE
 * (Linux's 1024 and 4096 for init). Only devices and /proc are used: no file system needed.
 * Builds and passes on Linux too (run as /init: fds 0-2 are the console, opened O_RDWR).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#define NR_dup	   SYS_dup
#define NR_dup2	   SYS_dup2
#define NR_dup3	   SYS_dup3
#define NR_fcntl64 SYS_fcntl64
static long raw(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c);
}
#else
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
#define NR_dup	   41
#define NR_dup2	   63
#define NR_dup3	   358
#define NR_fcntl64 221
static long raw(long nr, long a, long b, long c)
{
	long r = uniarm_syscall(nr, a, b, c, 0, 0, 0);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
#endif

/* Linux's values (the application's <fcntl.h> may differ: newlib's does). */
#define L_O_RDONLY	  0
#define L_O_WRONLY	  1
#define L_O_RDWR	  2
#define L_O_ACCMODE	  3
#define L_O_CREAT	  0100
#define L_O_TRUNC	  01000
#define L_O_APPEND	  02000
#define L_O_NONBLOCK	  04000
#define L_O_LARGEFILE	  0400000
#define L_O_CLOEXEC	  02000000
#define L_F_DUPFD	  0
#define L_F_GETFD	  1
#define L_F_SETFD	  2
#define L_F_GETFL	  3
#define L_F_SETFL	  4
#define L_F_DUPFD_CLOEXEC 1030
#define L_FD_CLOEXEC	  1

static int failures, checks;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		checks++;                                                                          \
		if (!(cond)) {                                                                     \
			failures++;                                                                \
			printf("FAIL line %d: ", __LINE__);                                        \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)
/* A call that must fail with err. */
#define CHECK_ERR(call, err)                                                                       \
	do {                                                                                       \
		long r_;                                                                           \
		errno = 0;                                                                         \
		r_ = (call);                                                                       \
		CHECK(r_ == -1 && errno == (err), "%s: %ld, errno %d (want %d)", #call, r_, errno, \
		      (err));                                                                      \
	} while (0)
#define CHECK_VAL(call, want)                                                                      \
	do {                                                                                       \
		long r_ = (call);                                                                  \
		CHECK(r_ == (long)(want), "%s: %ld (errno %d), want %ld", #call, r_, errno,        \
		      (long)(want));                                                               \
	} while (0)

static long dup_(int fd)
{
	return raw(NR_dup, fd, 0, 0);
}
static long dup2_(int fd, int to)
{
	return raw(NR_dup2, fd, to, 0);
}
static long dup3_(int fd, int to, int flags)
{
	return raw(NR_dup3, fd, to, flags);
}
static long fcntl_(int fd, int cmd, long arg)
{
	return raw(NR_fcntl64, fd, cmd, arg);
}
static long getfl(int fd)
{
	long fl = fcntl_(fd, L_F_GETFL, 0);

	return fl < 0 ? fl : fl & ~L_O_LARGEFILE;
}

/* FDSize of /proc/self/status: the descriptor table's size. */
static long fdsize(void)
{
	char buf[2048];
	int fd = open("/proc/self/status", O_RDONLY);
	long n, v = -1;
	char *p;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "FDSize:");
	if (p)
		sscanf(p + 7, "%ld", &v);
	return v;
}

int main(void)
{
	struct rlimit rl, small;
	char buf[64];
	int fd, fd2, pfd;

	/* The console: one open file, read-write, behind 0, 1 and 2. */
	for (int i = 0; i < 3; i++)
		CHECK_VAL(getfl(i) & L_O_ACCMODE, L_O_RDWR);

	fd = open("/dev/null", O_RDONLY);
	CHECK_VAL(fd, 3);
	CHECK_VAL(dup_(fd), 4);
	CHECK_VAL(dup2_(fd, 10), 10);
	CHECK_VAL(dup2_(fd, fd), fd);
	CHECK_ERR(dup2_(99, 99), EBADF);
	CHECK_ERR(dup2_(-1, 5), EBADF);
	CHECK_ERR(dup2_(fd, -1), EBADF);
	CHECK_ERR(dup_(99), EBADF);
	CHECK_ERR(dup3_(fd, fd, 0), EINVAL);
	CHECK_ERR(dup3_(fd, 11, L_O_APPEND), EINVAL);
	CHECK_ERR(dup3_(99, 11, 0), EBADF);
	CHECK_VAL(dup3_(fd, 11, L_O_CLOEXEC), 11);
	CHECK_VAL(fcntl_(11, L_F_GETFD, 0), L_FD_CLOEXEC);
	CHECK_VAL(dup3_(fd, 12, 0), 12);
	CHECK_VAL(fcntl_(12, L_F_GETFD, 0), 0);
	/* dup and dup2 never copy FD_CLOEXEC; dup2 over an open descriptor replaces it. */
	CHECK_VAL(dup_(11), 5);
	CHECK_VAL(fcntl_(5, L_F_GETFD, 0), 0);
	CHECK_VAL(dup2_(11, 12), 12);
	CHECK_VAL(fcntl_(12, L_F_GETFD, 0), 0);

	/* The lowest free descriptor, after a close. */
	CHECK_VAL(close(4), 0);
	CHECK_ERR(close(4), EBADF);
	CHECK_ERR(close(-1), EBADF);
	CHECK_VAL(dup_(fd), 4);

	/* Status flags belong to the open file: every duplicate sees a change. */
	CHECK_VAL(getfl(fd), L_O_RDONLY);
	CHECK_VAL(fcntl_(4, L_F_SETFL, L_O_NONBLOCK), 0);
	CHECK_VAL(getfl(fd), L_O_RDONLY | L_O_NONBLOCK);
	CHECK_VAL(getfl(10), L_O_RDONLY | L_O_NONBLOCK);
	/* F_SETFL changes O_APPEND and O_NONBLOCK, not the access mode or creation flags. */
	CHECK_VAL(fcntl_(fd, L_F_SETFL, L_O_WRONLY | L_O_APPEND | L_O_CREAT | L_O_TRUNC), 0);
	CHECK_VAL(getfl(fd), L_O_RDONLY | L_O_APPEND);
	CHECK_VAL(fcntl_(fd, L_F_SETFL, 0), 0);
	CHECK_VAL(getfl(4), L_O_RDONLY);
	/* O_CLOEXEC and the creation flags are not status flags. */
	fd2 = open("/dev/null", O_WRONLY | O_CLOEXEC | O_APPEND);
	CHECK(fd2 >= 0, "open /dev/null O_WRONLY|O_CLOEXEC|O_APPEND: errno %d", errno);
	CHECK_VAL(getfl(fd2), L_O_WRONLY | L_O_APPEND);
	CHECK_VAL(fcntl_(fd2, L_F_GETFD, 0), L_FD_CLOEXEC);
	close(fd2);

	/* FD_CLOEXEC is the only descriptor flag. */
	CHECK_VAL(fcntl_(fd, L_F_SETFD, 0xfe), 0);
	CHECK_VAL(fcntl_(fd, L_F_GETFD, 0), 0);
	CHECK_VAL(fcntl_(fd, L_F_SETFD, L_FD_CLOEXEC), 0);
	CHECK_VAL(fcntl_(fd, L_F_GETFD, 0), L_FD_CLOEXEC);
	CHECK_VAL(fcntl_(fd, L_F_SETFD, 0), 0);

	/* F_DUPFD: the lowest free descriptor at or above the argument. */
	CHECK_VAL(fcntl_(fd, L_F_DUPFD, 20), 20);
	CHECK_VAL(fcntl_(fd, L_F_DUPFD, 20), 21);
	CHECK_VAL(fcntl_(21, L_F_GETFD, 0), 0);
	CHECK_VAL(fcntl_(fd, L_F_DUPFD_CLOEXEC, 20), 22);
	CHECK_VAL(fcntl_(22, L_F_GETFD, 0), L_FD_CLOEXEC);
	CHECK_ERR(fcntl_(fd, L_F_DUPFD, -1), EINVAL);
	CHECK_ERR(fcntl_(-1, L_F_GETFD, 0), EBADF);
	CHECK_ERR(fcntl_(99, L_F_GETFL, 0), EBADF);
	CHECK_ERR(fcntl_(fd, 9999, 0), EINVAL);

	/* A duplicate keeps the open file after the original's close: /dev/zero still reads
	 * zeros, a /proc file still reads its text. (run-c.sh's initramfs has no /dev/zero.) */
#ifdef __linux__
	mknod("/dev/zero", S_IFCHR | 0666, makedev(1, 5));
#endif
	fd2 = open("/dev/zero", O_RDONLY);
	CHECK(fd2 >= 0, "open /dev/zero: errno %d", errno);
	pfd = dup_(fd2);
	close(fd2);
	memset(buf, 1, sizeof(buf));
	CHECK_VAL(read(pfd, buf, 8), 8);
	CHECK(buf[0] == 0 && buf[7] == 0, "/dev/zero through a duplicate: %d %d", buf[0], buf[7]);
	close(pfd);
	fd2 = open("/proc/self/status", O_RDONLY);
	CHECK(fd2 >= 0, "open /proc/self/status: errno %d", errno);
	pfd = dup_(fd2);
	close(fd2);
	CHECK_VAL(read(pfd, buf, 5), 5);
	CHECK(!memcmp(buf, "Name:", 5), "/proc/self/status through a duplicate: %.5s", buf);
	close(pfd);

	/* The table grows past its first 32 slots: FDSize doubles to hold descriptor 200. */
	CHECK_VAL(fdsize(), 32);
	CHECK_VAL(dup2_(fd, 200), 200);
	CHECK_VAL(fdsize(), 256);
	CHECK_VAL(read(200, buf, 1), 0);
	CHECK_VAL(close(200), 0);

	/* RLIMIT_NOFILE: Linux's init has 1024 and 4096; descriptors stop below the soft limit. */
	CHECK(!getrlimit(RLIMIT_NOFILE, &rl), "getrlimit: errno %d", errno);
	CHECK(rl.rlim_cur == 1024 && rl.rlim_max == 4096, "RLIMIT_NOFILE %lu %lu",
	      (unsigned long)rl.rlim_cur, (unsigned long)rl.rlim_max);
	CHECK_ERR(dup2_(fd, 1024), EBADF);
	CHECK_ERR(fcntl_(fd, L_F_DUPFD, 1024), EINVAL);
	CHECK_VAL(dup2_(fd, 1023), 1023);
	CHECK_VAL(fdsize(), 1024);
	close(1023);
	small = rl;
	small.rlim_cur = 24;
	CHECK(!setrlimit(RLIMIT_NOFILE, &small), "setrlimit 24: errno %d", errno);
	CHECK_VAL(fcntl_(fd, L_F_DUPFD, 20), 23);
	CHECK_ERR(fcntl_(fd, L_F_DUPFD, 20), EMFILE);
	CHECK_ERR(fcntl_(fd, L_F_DUPFD, 24), EINVAL);
	CHECK_ERR(dup2_(fd, 24), EBADF);
	CHECK(!setrlimit(RLIMIT_NOFILE, &rl), "setrlimit back: errno %d", errno);

	printf("fd_table: %d checks, %d failed\n", checks, failures);
	if (!failures)
		printf("fd_table: all checks passed\n");
	return failures != 0;
}
