/*
 * stat, lstat, fstat, fstatat (and newlib's _stat and _fstat) on the kernel's stat64 calls,
 * whose ARM struct stat64 is converted into newlib's struct stat; statx as it is.
 *
 * newlib's struct stat has a 32-bit off_t and blkcnt_t: a size or block count past LONG_MAX
 * is EOVERFLOW, as glibc's stat for a 32-bit off_t (the kernel's stat64 through the raw call,
 * or statx, still says it). Its dev_t, ino_t, nlink_t, uid_t and gid_t are 16 bits and take
 * the low 16 bits of the kernel's values. The S_IF* and permission bits are Linux's.
 */
#include "file_impl.h"

#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

static int stat_from_linux(const struct linux_stat64 *k, struct stat *st)
{
	if (k->st_size > LONG_MAX || k->st_blocks > LONG_MAX)
		return (int)__file_err(EOVERFLOW);
	memset(st, 0, sizeof(*st));
	st->st_dev = (dev_t)k->st_dev;
	st->st_ino = (ino_t)k->st_ino;
	st->st_mode = (mode_t)k->st_mode;
	st->st_nlink = (nlink_t)k->st_nlink;
	st->st_uid = (uid_t)k->st_uid;
	st->st_gid = (gid_t)k->st_gid;
	st->st_rdev = (dev_t)k->st_rdev;
	st->st_size = (off_t)k->st_size;
	st->st_blksize = (blksize_t)k->st_blksize;
	st->st_blocks = (blkcnt_t)k->st_blocks;
	st->st_atim.tv_sec = (time_t)k->st_atime_;
	st->st_atim.tv_nsec = (long)k->st_atime_nsec;
	st->st_mtim.tv_sec = (time_t)k->st_mtime_;
	st->st_mtim.tv_nsec = (long)k->st_mtime_nsec;
	st->st_ctim.tv_sec = (time_t)k->st_ctime_;
	st->st_ctim.tv_nsec = (long)k->st_ctime_nsec;
	return 0;
}

int fstat(int fd, struct stat *st)
{
	struct linux_stat64 k;

	if (FSYS2(__NR_fstat64, fd, &k) < 0)
		return -1;
	return stat_from_linux(&k, st);
}

int stat(const char *__restrict path, struct stat *__restrict st)
{
	struct linux_stat64 k;

	if (FSYS2(__NR_stat64, path, &k) < 0)
		return -1;
	return stat_from_linux(&k, st);
}

int lstat(const char *__restrict path, struct stat *__restrict st)
{
	struct linux_stat64 k;

	if (FSYS2(__NR_lstat64, path, &k) < 0)
		return -1;
	return stat_from_linux(&k, st);
}

int fstatat(int dirfd, const char *__restrict path, struct stat *__restrict st, int flags)
{
	struct linux_stat64 k;

	if (FSYS4(__NR_fstatat64, dirfd, path, &k, flags) < 0)
		return -1;
	return stat_from_linux(&k, st);
}

/* newlib's entries (stdio's buffering and fseek, mkstemp), declared only for its own build. */
int _fstat(int fd, struct stat *st);
int _stat(const char *path, struct stat *st);

int _fstat(int fd, struct stat *st)
{
	return fstat(fd, st);
}

int _stat(const char *path, struct stat *st)
{
	return stat(path, st);
}

int statx(int dirfd, const char *__restrict path, int flags, unsigned int mask,
	  struct statx *__restrict buf)
{
	return (int)FSYS5(__NR_statx, dirfd, path, flags, mask, buf);
}
