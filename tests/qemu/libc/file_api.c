/*
 * The C library's side of files (issue 14, step 1: libc-glue/file, docs/libc.md "Files"):
 * what <fcntl.h>, <unistd.h>, <sys/stat.h>, <dirent.h>, <sys/uio.h>, <sys/mman.h> and
 * <stdio.h> define, and what the calls do on what exists without a file system (a missing
 * path, /dev/null, the console, /proc), checked against glibc's results on the Linux peer
 * (ALL=1 /work/shared/peer/linux/run-c.sh tests/qemu/libc/file_api.c -- -Wall -Wextra
 * -Werror): the O_*, F_*, AT_*, SEEK_*, STATX_*, RENAME_*, MFD_*, DT_* values are Linux ARM's,
 * struct dirent, struct statx, struct iovec and struct flock64 have its layouts, the flags
 * reach the kernel as written (open's and newlib's fopen's), the errors the C library gives
 * itself (getcwd with size 0).
 *
 * Checks that need a call the runtime does not have yet (stat64, dup, fcntl64, getcwd, ...)
 * run when the call exists and are listed as skipped while it is ENOSYS; those on "/" also
 * while the root is not a directory uniarm can open (ENOENT). One line per failing case,
 * "file_api.<case>: FAIL ...", then "file_api.summary: N passed, M failed, K skipped"; the
 * exit status is non-zero when anything failed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* statx, memfd_create, dup3, renameat2, getdents64, F_DUPFD_CLOEXEC */
#endif
#define _FILE_OFFSET_BITS 64 /* glibc: the layouts the file tests see (newlib ignores it) */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int passed, failed, skipped;
static char skip_list[2048];

#define CHECK(id, cond, ...)                                                                       \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			printf("file_api.%s: FAIL ", id);                                          \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)
#define CHECK_EQ(id, got, want)                                                                    \
	do {                                                                                       \
		long long _g = (long long)(got), _w = (long long)(want);                           \
		CHECK(id, _g == _w, "got %lld want %lld", _g, _w);                                 \
	} while (0)

static void skip(const char *id)
{
	skipped++;
	if (strlen(skip_list) + strlen(id) + 2 < sizeof(skip_list)) {
		strcat(skip_list, " ");
		strcat(skip_list, id);
	}
}

/* A call that must fail with -1 and errno e; skipped while the runtime answers ENOSYS. */
#define CHECK_ERR(id, call, e)                                                                     \
	do {                                                                                       \
		long _r;                                                                           \
		int _e;                                                                            \
		errno = 0;                                                                         \
		_r = (long)(call);                                                                 \
		_e = errno;                                                                        \
		if (_r == -1 && _e == ENOSYS && (e) != ENOSYS)                                     \
			skip(id);                                                                  \
		else                                                                               \
			CHECK(id, _r == -1 && _e == (e), "got %ld/%s want -1/%s", _r,              \
			      strerror(_e), strerror(e));                                          \
	} while (0)
/* A call that must return want; skipped while the runtime answers ENOSYS. */
#define CHECK_RET(id, call, want)                                                                  \
	do {                                                                                       \
		long long _r, _w = (long long)(want);                                              \
		int _e;                                                                            \
		errno = 0;                                                                         \
		_r = (long long)(call);                                                            \
		_e = errno;                                                                        \
		if (_r == -1 && _e == ENOSYS)                                                      \
			skip(id);                                                                  \
		else                                                                               \
			CHECK(id, _r == _w, "got %lld%s%s want %lld", _r, _r == -1 ? "/" : "",     \
			      _r == -1 ? strerror(_e) : "", _w);                                   \
	} while (0)

/* The call returned -1/ENOSYS: the runtime does not have it yet (errno is kept). */
static int enosys(long r)
{
	return r == -1 && errno == ENOSYS;
}

#define MISSING "/nonexistent-file_api"

/* umask's system call itself (umask cannot say ENOSYS): the old mask, or -1 with errno. */
#ifdef __linux__
#include <sys/syscall.h>
static long raw_umask(unsigned int mask)
{
	return syscall(SYS_umask, mask);
}
#else
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
static long raw_umask(unsigned int mask)
{
	long r = uniarm_syscall(60 /* umask */, (long)mask, 0, 0, 0, 0, 0);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
#endif

/* F_GETFL without O_LARGEFILE (glibc opens with it under _FILE_OFFSET_BITS=64), or -1. */
static int getfl(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl == -1 ? -1 : fl & ~O_LARGEFILE;
}

static void test_values(void)
{
	static const struct {
		const char *name;
		long long mine, want;
	} v[] = {
		{"O_ACCMODE", O_ACCMODE, 03},
		{"O_RDONLY", O_RDONLY, 0},
		{"O_WRONLY", O_WRONLY, 01},
		{"O_RDWR", O_RDWR, 02},
		{"O_CREAT", O_CREAT, 0100},
		{"O_EXCL", O_EXCL, 0200},
		{"O_NOCTTY", O_NOCTTY, 0400},
		{"O_TRUNC", O_TRUNC, 01000},
		{"O_APPEND", O_APPEND, 02000},
		{"O_NONBLOCK", O_NONBLOCK, 04000},
		{"O_NDELAY", O_NDELAY, 04000},
		{"O_DSYNC", O_DSYNC, 010000},
		{"O_ASYNC", O_ASYNC, 020000},
		{"O_DIRECTORY", O_DIRECTORY, 040000},
		{"O_NOFOLLOW", O_NOFOLLOW, 0100000},
		{"O_DIRECT", O_DIRECT, 0200000},
		{"O_LARGEFILE", O_LARGEFILE, 0400000},
		{"O_NOATIME", O_NOATIME, 01000000},
		{"O_CLOEXEC", O_CLOEXEC, 02000000},
		{"O_SYNC", O_SYNC, 04010000},
		{"O_PATH", O_PATH, 010000000},
		{"O_TMPFILE", O_TMPFILE, 020040000},
		{"F_DUPFD", F_DUPFD, 0},
		{"F_GETFD", F_GETFD, 1},
		{"F_SETFD", F_SETFD, 2},
		{"F_GETFL", F_GETFL, 3},
		{"F_SETFL", F_SETFL, 4},
		{"F_SETOWN", F_SETOWN, 8},
		{"F_GETOWN", F_GETOWN, 9},
		{"F_SETSIG", F_SETSIG, 10},
		{"F_GETSIG", F_GETSIG, 11},
		{"F_GETLK64", F_GETLK64, 12},
		{"F_SETLK64", F_SETLK64, 13},
		{"F_SETLKW64", F_SETLKW64, 14},
		{"F_OFD_GETLK", F_OFD_GETLK, 36},
		{"F_OFD_SETLK", F_OFD_SETLK, 37},
		{"F_OFD_SETLKW", F_OFD_SETLKW, 38},
		{"F_SETLEASE", F_SETLEASE, 1024},
		{"F_GETLEASE", F_GETLEASE, 1025},
		{"F_NOTIFY", F_NOTIFY, 1026},
		{"F_DUPFD_CLOEXEC", F_DUPFD_CLOEXEC, 1030},
		{"F_SETPIPE_SZ", F_SETPIPE_SZ, 1031},
		{"F_GETPIPE_SZ", F_GETPIPE_SZ, 1032},
		{"F_ADD_SEALS", F_ADD_SEALS, 1033},
		{"F_GET_SEALS", F_GET_SEALS, 1034},
		{"FD_CLOEXEC", FD_CLOEXEC, 1},
		{"F_RDLCK", F_RDLCK, 0},
		{"F_WRLCK", F_WRLCK, 1},
		{"F_UNLCK", F_UNLCK, 2},
		{"AT_FDCWD", AT_FDCWD, -100},
		{"AT_SYMLINK_NOFOLLOW", AT_SYMLINK_NOFOLLOW, 0x100},
		{"AT_EACCESS", AT_EACCESS, 0x200},
		{"AT_REMOVEDIR", AT_REMOVEDIR, 0x200},
		{"AT_SYMLINK_FOLLOW", AT_SYMLINK_FOLLOW, 0x400},
		{"AT_NO_AUTOMOUNT", AT_NO_AUTOMOUNT, 0x800},
		{"AT_EMPTY_PATH", AT_EMPTY_PATH, 0x1000},
		{"AT_STATX_SYNC_AS_STAT", AT_STATX_SYNC_AS_STAT, 0},
		{"AT_STATX_FORCE_SYNC", AT_STATX_FORCE_SYNC, 0x2000},
		{"AT_STATX_DONT_SYNC", AT_STATX_DONT_SYNC, 0x4000},
		{"AT_STATX_SYNC_TYPE", AT_STATX_SYNC_TYPE, 0x6000},
		{"AT_RECURSIVE", AT_RECURSIVE, 0x8000},
		{"SEEK_SET", SEEK_SET, 0},
		{"SEEK_CUR", SEEK_CUR, 1},
		{"SEEK_END", SEEK_END, 2},
		{"SEEK_DATA", SEEK_DATA, 3},
		{"SEEK_HOLE", SEEK_HOLE, 4},
		{"F_OK", F_OK, 0},
		{"X_OK", X_OK, 1},
		{"W_OK", W_OK, 2},
		{"R_OK", R_OK, 4},
		{"STATX_TYPE", STATX_TYPE, 0x1},
		{"STATX_MODE", STATX_MODE, 0x2},
		{"STATX_NLINK", STATX_NLINK, 0x4},
		{"STATX_UID", STATX_UID, 0x8},
		{"STATX_GID", STATX_GID, 0x10},
		{"STATX_ATIME", STATX_ATIME, 0x20},
		{"STATX_MTIME", STATX_MTIME, 0x40},
		{"STATX_CTIME", STATX_CTIME, 0x80},
		{"STATX_INO", STATX_INO, 0x100},
		{"STATX_SIZE", STATX_SIZE, 0x200},
		{"STATX_BLOCKS", STATX_BLOCKS, 0x400},
		{"STATX_BASIC_STATS", STATX_BASIC_STATS, 0x7ff},
		{"STATX_BTIME", STATX_BTIME, 0x800},
		{"STATX_ALL", STATX_ALL, 0xfff},
		{"STATX_MNT_ID", STATX_MNT_ID, 0x1000},
		{"STATX__RESERVED", STATX__RESERVED, 0x80000000u},
		{"RENAME_NOREPLACE", RENAME_NOREPLACE, 1},
		{"RENAME_EXCHANGE", RENAME_EXCHANGE, 2},
		{"RENAME_WHITEOUT", RENAME_WHITEOUT, 4},
		{"MFD_CLOEXEC", MFD_CLOEXEC, 1},
		{"MFD_ALLOW_SEALING", MFD_ALLOW_SEALING, 2},
		{"MFD_HUGETLB", MFD_HUGETLB, 4},
		{"DT_UNKNOWN", DT_UNKNOWN, 0},
		{"DT_FIFO", DT_FIFO, 1},
		{"DT_CHR", DT_CHR, 2},
		{"DT_DIR", DT_DIR, 4},
		{"DT_BLK", DT_BLK, 6},
		{"DT_REG", DT_REG, 8},
		{"DT_LNK", DT_LNK, 10},
		{"DT_SOCK", DT_SOCK, 12},
		{"DT_WHT", DT_WHT, 14},
		{"IFTODT", IFTODT(S_IFDIR | 0755), DT_DIR},
		{"DTTOIF", DTTOIF(DT_LNK), S_IFLNK},
		{"LOCK_SH", LOCK_SH, 1},
		{"LOCK_EX", LOCK_EX, 2},
		{"LOCK_NB", LOCK_NB, 4},
		{"LOCK_UN", LOCK_UN, 8},
		{"UIO_MAXIOV", UIO_MAXIOV, 1024},
		{"S_IFMT", S_IFMT, 0170000},
		{"S_IFSOCK", S_IFSOCK, 0140000},
		{"S_IFLNK", S_IFLNK, 0120000},
		{"S_IFREG", S_IFREG, 0100000},
		{"S_IFBLK", S_IFBLK, 0060000},
		{"S_IFDIR", S_IFDIR, 0040000},
		{"S_IFCHR", S_IFCHR, 0020000},
		{"S_IFIFO", S_IFIFO, 0010000},
		{"S_ISUID", S_ISUID, 04000},
		{"S_ISGID", S_ISGID, 02000},
		{"S_ISVTX", S_ISVTX, 01000},
	};
	char id[64];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(id, sizeof(id), "value.%s", v[i].name);
		CHECK_EQ(id, v[i].mine, v[i].want);
	}
}

#define LAYOUT(type, member, off)                                                                  \
	CHECK_EQ("layout." #type "." #member, offsetof(struct type, member), off)

static void test_layouts(void)
{
	struct dirent d;
	struct statx sx;

	CHECK_EQ("layout.dirent.size", sizeof(struct dirent), 280);
	LAYOUT(dirent, d_ino, 0);
	LAYOUT(dirent, d_off, 8);
	LAYOUT(dirent, d_reclen, 16);
	LAYOUT(dirent, d_type, 18);
	LAYOUT(dirent, d_name, 19);
	CHECK_EQ("layout.dirent.d_ino.size", sizeof(d.d_ino), 8);
	CHECK_EQ("layout.dirent.d_off.size", sizeof(d.d_off), 8);
	CHECK_EQ("layout.dirent.d_name.size", sizeof(d.d_name), 256);

	CHECK_EQ("layout.statx.size", sizeof(struct statx), 256);
	LAYOUT(statx, stx_mask, 0);
	LAYOUT(statx, stx_blksize, 4);
	LAYOUT(statx, stx_attributes, 8);
	LAYOUT(statx, stx_nlink, 16);
	LAYOUT(statx, stx_uid, 20);
	LAYOUT(statx, stx_gid, 24);
	LAYOUT(statx, stx_mode, 28);
	LAYOUT(statx, stx_ino, 32);
	LAYOUT(statx, stx_size, 40);
	LAYOUT(statx, stx_blocks, 48);
	LAYOUT(statx, stx_attributes_mask, 56);
	LAYOUT(statx, stx_atime, 64);
	LAYOUT(statx, stx_btime, 80);
	LAYOUT(statx, stx_ctime, 96);
	LAYOUT(statx, stx_mtime, 112);
	LAYOUT(statx, stx_rdev_major, 128);
	LAYOUT(statx, stx_rdev_minor, 132);
	LAYOUT(statx, stx_dev_major, 136);
	LAYOUT(statx, stx_dev_minor, 140);
	LAYOUT(statx, stx_mnt_id, 144);
	LAYOUT(statx, stx_dio_mem_align, 152);
	LAYOUT(statx, stx_dio_offset_align, 156);
	CHECK_EQ("layout.statx.stx_mode.size", sizeof(sx.stx_mode), 2);
	CHECK_EQ("layout.statx_timestamp.size", sizeof(struct statx_timestamp), 16);
	LAYOUT(statx_timestamp, tv_sec, 0);
	LAYOUT(statx_timestamp, tv_nsec, 8);

	CHECK_EQ("layout.iovec.size", sizeof(struct iovec), 8);
	LAYOUT(iovec, iov_base, 0);
	LAYOUT(iovec, iov_len, 4);

	CHECK_EQ("layout.flock64.size", sizeof(struct flock64), 32);
	LAYOUT(flock64, l_type, 0);
	LAYOUT(flock64, l_whence, 2);
	LAYOUT(flock64, l_start, 8);
	LAYOUT(flock64, l_len, 16);
	LAYOUT(flock64, l_pid, 24);
}

/* open's flags reach the kernel as written: each answer below depends on one of them. */
static void test_open(void)
{
	char buf[64];
	long n;
	int fd;

	CHECK_ERR("open.missing", open(MISSING, O_RDONLY), ENOENT);
	CHECK_ERR("open.missing_parent", open(MISSING "/x", O_WRONLY | O_CREAT, 0644), ENOENT);
	CHECK_ERR("open.directory_flag", open("/dev/null", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR("open.creat_excl", open("/dev/null", O_WRONLY | O_CREAT | O_EXCL, 0666), EEXIST);
	CHECK_ERR("open.empty_path", open("", O_RDONLY), ENOENT);

	fd = open("/dev/null", O_RDONLY);
	CHECK("open.rdonly", fd >= 0, "got %d/%s", fd, strerror(errno));
	if (fd >= 0) {
		CHECK_ERR("open.rdonly.write", write(fd, "x", 1), EBADF);
		CHECK_EQ("open.rdonly.read", read(fd, buf, sizeof(buf)), 0);
		CHECK_EQ("open.rdonly.close", close(fd), 0);
	}
	fd = open("/dev/null", O_WRONLY | O_APPEND | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	CHECK("open.wronly", fd >= 0, "got %d/%s", fd, strerror(errno));
	if (fd >= 0) {
		CHECK_EQ("open.wronly.write", write(fd, "x", 1), 1);
		CHECK_ERR("open.wronly.read", read(fd, buf, sizeof(buf)), EBADF);
		CHECK_RET("open.wronly.getfl", getfl(fd), O_WRONLY | O_APPEND | O_NONBLOCK);
		CHECK_RET("open.wronly.getfd", fcntl(fd, F_GETFD), FD_CLOEXEC);
		close(fd);
	}
	CHECK_ERR("close.bad_fd", close(-1), EBADF);

	/* /proc through open and read, and lseek on it. */
	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	CHECK("proc.open", fd >= 0, "got %d/%s", fd, strerror(errno));
	if (fd >= 0) {
		char again[10];

		n = read(fd, buf, 10);
		CHECK_EQ("proc.read", n, 10);
		CHECK("proc.read.name", !memcmp(buf, "Name:", 5), "got \"%.10s\"", buf);
		CHECK_EQ("proc.lseek_cur", lseek(fd, 0, SEEK_CUR), 10);
		CHECK_EQ("proc.lseek_set", lseek(fd, 0, SEEK_SET), 0);
		CHECK_EQ("proc.read_again", read(fd, again, 10), 10);
		CHECK("proc.read_again.same", !memcmp(buf, again, 10), "\"%.10s\" then \"%.10s\"",
		      buf, again);
		CHECK_ERR("proc.lseek_negative", lseek(fd, -1, SEEK_SET), EINVAL);
		close(fd);
	}
	CHECK_ERR("lseek.console", lseek(1, 0, SEEK_CUR), ESPIPE);
	CHECK_ERR("lseek.bad_fd", lseek(-1, 0, SEEK_SET), EBADF);
	CHECK_ERR("lseek.bad_whence", lseek(1, 0, 7), EINVAL);
}

/* newlib's stdio opens with newlib's own flag values: _open converts them. */
static void test_stdio(void)
{
	FILE *f;

	f = fopen("/dev/null", "w");
	CHECK("fopen.w", f != NULL, "%s", strerror(errno));
	if (f) {
		CHECK("fopen.w.fputs", fputs("file_api\n", f) >= 0, "failed");
		CHECK_EQ("fopen.w.fclose", fclose(f), 0);
	}
	errno = 0;
	f = fopen("/dev/null", "wx");
	CHECK("fopen.wx", !f && errno == EEXIST, "got %p/%s", (void *)f, strerror(errno));
	if (f)
		fclose(f);
	errno = 0;
	f = fopen(MISSING, "r");
	CHECK("fopen.missing", !f && errno == ENOENT, "got %p/%s", (void *)f, strerror(errno));
	if (f)
		fclose(f);
	f = fopen("/proc/self/status", "r");
	CHECK("fopen.proc", f != NULL, "%s", strerror(errno));
	if (f) {
		char line[128];
		int pid = 0;

		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "Pid: %d", &pid) == 1)
				break;
		CHECK("fopen.proc.pid", pid == getpid(), "pid %d, getpid %d", pid, (int)getpid());
		fclose(f);
	}
	CHECK_ERR("remove.missing", remove(MISSING), ENOENT);
}

static void test_stat(void)
{
	struct stat st;
	struct statx sx;
	long r;

	memset(&st, 0, sizeof(st));
	CHECK_EQ("fstat.console", fstat(1, &st), 0);
	CHECK("fstat.console.chr", S_ISCHR(st.st_mode), "mode 0%o", (unsigned)st.st_mode);
	CHECK_EQ("isatty.console", isatty(1), 1);
	CHECK_ERR("fstat.bad_fd", fstat(-1, &st), EBADF);

	errno = 0;
	r = stat("/dev/null", &st);
	if (enosys(r)) {
		skip("stat");
	} else {
		CHECK_EQ("stat.null", r, 0);
		CHECK("stat.null.chr", S_ISCHR(st.st_mode), "mode 0%o", (unsigned)st.st_mode);
		CHECK_EQ("stat.null.rdev", st.st_rdev, (1 << 8) | 3);
		CHECK_EQ("stat.null.nlink", st.st_nlink, 1);
	}
	CHECK_ERR("stat.missing", stat(MISSING, &st), ENOENT);
	CHECK_ERR("stat.enotdir", stat("/dev/null/x", &st), ENOTDIR);
	CHECK_ERR("lstat.missing", lstat(MISSING, &st), ENOENT);
	CHECK_RET("lstat.null", lstat("/dev/null", &st), 0);
	CHECK_RET("fstatat.null", fstatat(AT_FDCWD, "/dev/null", &st, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_RET("fstatat.empty_path", fstatat(1, "", &st, AT_EMPTY_PATH), 0);
	CHECK_ERR("fstatat.empty_path_missing_flag", fstatat(1, "", &st, 0), ENOENT);

	memset(&sx, 0, sizeof(sx));
	errno = 0;
	r = statx(AT_FDCWD, "/dev/null", 0, STATX_BASIC_STATS, &sx);
	if (enosys(r)) {
		skip("statx");
	} else {
		CHECK_EQ("statx.null", r, 0);
		CHECK_EQ("statx.null.mask", sx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
		CHECK("statx.null.chr", S_ISCHR(sx.stx_mode), "mode 0%o", (unsigned)sx.stx_mode);
		CHECK_EQ("statx.null.rdev_major", sx.stx_rdev_major, 1);
		CHECK_EQ("statx.null.rdev_minor", sx.stx_rdev_minor, 3);
	}
	CHECK_ERR("statx.both_syncs",
		  statx(AT_FDCWD, "/dev/null", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC,
			STATX_BASIC_STATS, &sx),
		  EINVAL);
	CHECK_ERR("statx.reserved", statx(AT_FDCWD, "/dev/null", 0, STATX__RESERVED, &sx), EINVAL);
}

static void test_descriptors(void)
{
	long fd;

	errno = 0;
	fd = dup(1);
	if (enosys(fd)) {
		skip("dup");
	} else {
		CHECK("dup.console", fd > 2, "got %ld/%s", fd, strerror(errno));
		CHECK_EQ("dup.not_cloexec", fcntl((int)fd, F_GETFD), 0);
		close((int)fd);
	}
	CHECK_ERR("dup.bad_fd", dup(-1), EBADF);
	CHECK_RET("dup2.same", dup2(1, 1), 1);
	CHECK_RET("dup2.to_20", dup2(1, 20), 20);
	CHECK_RET("dup2.to_20.getfd", fcntl(20, F_GETFD), 0);
	CHECK_ERR("dup3.same", dup3(1, 1, 0), EINVAL);
	CHECK_ERR("dup3.bad_flags", dup3(1, 21, O_APPEND), EINVAL);
	CHECK_RET("dup3.cloexec", dup3(1, 21, O_CLOEXEC), 21);
	CHECK_RET("dup3.cloexec.getfd", fcntl(21, F_GETFD), FD_CLOEXEC);
	CHECK_RET("fcntl.setfd", fcntl(21, F_SETFD, 0), 0);
	CHECK_RET("fcntl.setfd.getfd", fcntl(21, F_GETFD), 0);
	CHECK_RET("fcntl.dupfd_cloexec", fcntl(1, F_DUPFD_CLOEXEC, 30), 30);
	CHECK_RET("fcntl.dupfd_cloexec.getfd", fcntl(30, F_GETFD), FD_CLOEXEC);
	CHECK_RET("fcntl.dupfd", fcntl(1, F_DUPFD, 30), 31);
	CHECK_ERR("fcntl.bad_fd", fcntl(-1, F_GETFD), EBADF);
	close(20);
	close(21);
	close(30);
	close(31);
}

static void test_io(void)
{
	struct iovec iov[2] = {{(void *)"abc", 3}, {(void *)"defg", 4}};
	char buf[8];
	int fd = open("/dev/null", O_RDWR);

	CHECK("io.open", fd >= 0, "got %d/%s", fd, strerror(errno));
	if (fd < 0)
		return;
	CHECK_RET("writev.null", writev(fd, iov, 2), 7);
	CHECK_RET("readv.null", readv(fd, iov, 2), 0);
	CHECK_ERR("writev.negative_count", writev(fd, iov, -1), EINVAL);
	CHECK_ERR("writev.too_many", writev(fd, iov, UIO_MAXIOV + 1), EINVAL);
	CHECK_ERR("readv.bad_fd", readv(-1, iov, 1), EBADF);
	CHECK_ERR("pread.console", pread(1, buf, 1, 0), ESPIPE);
	CHECK_ERR("pwrite.console", pwrite(1, "x", 1, 0), ESPIPE);
	CHECK_ERR("pread.bad_fd", pread(-1, buf, 1, 0), EBADF);
	CHECK_ERR("ftruncate.console", ftruncate(1, 0), EINVAL);
	CHECK_ERR("ftruncate.bad_fd", ftruncate(-1, 0), EBADF);
	CHECK_ERR("truncate.missing", truncate(MISSING, 0), ENOENT);
	CHECK_ERR("fsync.null", fsync(fd), EINVAL);
	CHECK_ERR("fdatasync.null", fdatasync(fd), EINVAL);
	CHECK_ERR("fsync.bad_fd", fsync(-1), EBADF);
	close(fd);
}

static void test_names(void)
{
	char buf[256];
	char *p;
	long r;

	CHECK_ERR("mkdir.missing_parent", mkdir(MISSING "/a", 0755), ENOENT);
	CHECK_ERR("mkdirat.missing_parent", mkdirat(AT_FDCWD, MISSING "/a", 0755), ENOENT);
	CHECK_ERR("rmdir.missing", rmdir(MISSING), ENOENT);
	CHECK_ERR("rmdir.not_dir", rmdir("/dev/null"), ENOTDIR);
	CHECK_ERR("unlinkat.missing", unlinkat(AT_FDCWD, MISSING, 0), ENOENT);
	CHECK_ERR("unlinkat.bad_flags", unlinkat(AT_FDCWD, MISSING, 1), EINVAL);
	CHECK_ERR("rename.missing", rename(MISSING, MISSING "-b"), ENOENT);
	CHECK_ERR("renameat.missing", renameat(AT_FDCWD, MISSING, AT_FDCWD, MISSING "-b"), ENOENT);
	CHECK_ERR("renameat2.bad_flags",
		  renameat2(AT_FDCWD, MISSING, AT_FDCWD, MISSING "-b",
			    RENAME_NOREPLACE | RENAME_EXCHANGE),
		  EINVAL);
	CHECK_ERR("symlink.missing_parent", symlink("x", MISSING "/l"), ENOENT);
	CHECK_ERR("readlink.not_link", readlink("/dev/null", buf, sizeof(buf)), EINVAL);
	CHECK_ERR("readlinkat.missing", readlinkat(AT_FDCWD, MISSING, buf, sizeof(buf)), ENOENT);
	CHECK_ERR("access.missing", access(MISSING, F_OK), ENOENT);
	CHECK_RET("access.null", access("/dev/null", R_OK | W_OK), 0);
	CHECK_RET("faccessat.null", faccessat(AT_FDCWD, "/dev/null", R_OK, 0), 0);
	CHECK_RET("faccessat.eaccess", faccessat(AT_FDCWD, "/dev/null", R_OK, AT_EACCESS), 0);
	CHECK_ERR("faccessat.bad_flags", faccessat(AT_FDCWD, "/dev/null", R_OK, 1), EINVAL);

	/* getcwd: the size-0 buffer is the C library's own error. */
	errno = 0;
	p = getcwd(buf, 0);
	CHECK("getcwd.size_0", !p && errno == EINVAL, "got %p/%s", (void *)p, strerror(errno));
	errno = 0;
	p = getcwd(buf, sizeof(buf));
	if (!p && errno == ENOSYS) {
		skip("getcwd");
	} else {
		CHECK("getcwd.root", p == buf && !strcmp(buf, "/"), "got %s/%s", p ? p : "NULL",
		      strerror(errno));
		errno = 0;
		p = getcwd(buf, 1);
		CHECK("getcwd.erange", !p && errno == ERANGE, "got %p/%s", (void *)p,
		      strerror(errno));
		p = getcwd(NULL, 0);
		CHECK("getcwd.alloc", p && !strcmp(p, "/"), "got %s", p ? p : "NULL");
		free(p);
		p = getcwd(NULL, 100);
		CHECK("getcwd.alloc_size", p && !strcmp(p, "/"), "got %s", p ? p : "NULL");
		free(p);
	}
	CHECK_ERR("chdir.missing", chdir(MISSING), ENOENT);
	CHECK_ERR("chdir.not_dir", chdir("/dev/null"), ENOTDIR);
	CHECK_RET("chdir.root", chdir("/"), 0);
	CHECK_ERR("fchdir.bad_fd", fchdir(-1), EBADF);

	/* umask cannot fail: ask the kernel whether it has the call first. */
	errno = 0;
	r = raw_umask(022);
	if (enosys(r)) {
		skip("umask");
	} else {
		CHECK_EQ("umask.set", umask(077), 022);
		CHECK_EQ("umask.restore", umask((mode_t)r), 077);
	}
}

static void test_memfd(void)
{
	long fd;

	CHECK_ERR("memfd.bad_flags", memfd_create("file_api", 0x100), EINVAL);
	errno = 0;
	fd = memfd_create("file_api", MFD_CLOEXEC);
	if (enosys(fd)) {
		skip("memfd");
		return;
	}
	CHECK("memfd.create", fd >= 0, "got %ld/%s", fd, strerror(errno));
	if (fd < 0)
		return;
	CHECK_RET("memfd.cloexec", fcntl((int)fd, F_GETFD), FD_CLOEXEC);
	CHECK_RET("memfd.rdwr", getfl((int)fd), O_RDWR);
	close((int)fd);
}

/* Directory streams: a missing path and a non-directory today, "/" once there is one. */
static void test_dirs(void)
{
	struct dirent *e, **list;
	char first[256];
	long where;
	int fd, n, dot = 0, dotdot = 0, dev = 0, proc = 0;
	DIR *d;

	errno = 0;
	d = opendir(MISSING);
	CHECK("opendir.missing", !d && errno == ENOENT, "got %p/%s", (void *)d, strerror(errno));
	errno = 0;
	d = opendir("/dev/null");
	CHECK("opendir.not_dir", !d && errno == ENOTDIR, "got %p/%s", (void *)d, strerror(errno));
	fd = open("/dev/null", O_RDONLY);
	errno = 0;
	d = fdopendir(fd);
	CHECK("fdopendir.not_dir", !d && errno == ENOTDIR, "got %p/%s", (void *)d, strerror(errno));
	CHECK_ERR("getdents64.not_dir", getdents64(fd, first, sizeof(first)), ENOTDIR);
	close(fd);
	errno = 0;
	d = fdopendir(-1);
	CHECK("fdopendir.bad_fd", !d && errno == EBADF, "got %p/%s", (void *)d, strerror(errno));

	errno = 0;
	d = opendir("/");
	if (!d && (errno == ENOENT || errno == ENOSYS)) {
		skip("readdir");
		return;
	}
	CHECK("opendir.root", d != NULL, "%s", strerror(errno));
	if (!d)
		return;
	CHECK("dirfd.root", dirfd(d) > 2, "got %d", dirfd(d));
	CHECK_EQ("telldir.start", telldir(d), 0);
	e = readdir(d);
	CHECK("readdir.first", e != NULL, "%s", strerror(errno));
	if (!e) {
		closedir(d);
		return;
	}
	snprintf(first, sizeof(first), "%s", e->d_name);
	where = telldir(d);
	CHECK("telldir.after_first", where != 0, "got %ld", where);
	errno = 0;
	do {
		if (!strcmp(e->d_name, "."))
			dot += e->d_type == DT_DIR;
		else if (!strcmp(e->d_name, ".."))
			dotdot += e->d_type == DT_DIR;
		else if (!strcmp(e->d_name, "dev"))
			dev += e->d_type == DT_DIR;
		else if (!strcmp(e->d_name, "proc"))
			proc += e->d_type == DT_DIR;
		CHECK("readdir.reclen", e->d_reclen % 8 == 0 && e->d_reclen >= 20,
		      "%s: d_reclen %u", e->d_name, e->d_reclen);
	} while ((e = readdir(d)));
	CHECK_EQ("readdir.end_errno", errno, 0);
	CHECK("readdir.entries", dot == 1 && dotdot == 1 && dev == 1 && proc == 1,
	      ". %d, .. %d, dev %d, proc %d", dot, dotdot, dev, proc);
	rewinddir(d);
	e = readdir(d);
	CHECK("rewinddir.first_again", e && !strcmp(e->d_name, first), "got %s, first %s",
	      e ? e->d_name : "NULL", first);
	seekdir(d, where);
	e = readdir(d);
	CHECK("seekdir.second", e && strcmp(e->d_name, first), "got %s", e ? e->d_name : "NULL");
	CHECK_EQ("closedir.root", closedir(d), 0);

	fd = open("/", O_RDONLY | O_DIRECTORY);
	CHECK_ERR("getdents64.too_small", getdents64(fd, first, 23), EINVAL);
	close(fd);

	n = scandir("/", &list, NULL, alphasort);
	CHECK("scandir.root", n >= 4, "got %d/%s", n, strerror(errno));
	if (n >= 2) {
		CHECK("scandir.sorted",
		      !strcmp(list[0]->d_name, ".") && !strcmp(list[1]->d_name, ".."), "%s, %s",
		      list[0]->d_name, list[1]->d_name);
		while (n--)
			free(list[n]);
		free(list);
	}
}

int main(void)
{
	test_values();
	test_layouts();
	test_open();
	test_stdio();
	test_stat();
	test_descriptors();
	test_io();
	test_names();
	test_memfd();
	test_dirs();
	if (skipped)
		printf("file_api.skipped:%s\n", skip_list);
	printf("file_api.summary: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed != 0;
}
