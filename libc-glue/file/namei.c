/*
 * The name-space calls: mkdir, rmdir, unlinkat, rename (Linux's rename: it replaces the
 * target; newlib's would link and unlink), renameat, renameat2, link, linkat, symlink,
 * readlink and their *at forms, remove (glibc's: unlink, or rmdir for a directory). Each is the
 * system call of the same name; the AT_* and RENAME_* values are Linux's (<fcntl.h>,
 * <stdio.h>). unlink is newlib's over _unlink (syscalls.c).
 */
#include "file_impl.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int mkdir(const char *path, mode_t mode)
{
	return (int)FSYS2(__NR_mkdir, path, mode);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)FSYS3(__NR_mkdirat, dirfd, path, mode);
}

/* newlib's mkdtemp calls it (_mkdir_r). */
int _mkdir(const char *path, mode_t mode);

int _mkdir(const char *path, mode_t mode)
{
	return mkdir(path, mode);
}

int rmdir(const char *path)
{
	return (int)FSYS1(__NR_rmdir, path);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return (int)FSYS3(__NR_unlinkat, dirfd, path, flags);
}

int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno != EISDIR)
		return -1;
	return rmdir(path);
}

int rename(const char *oldpath, const char *newpath)
{
	return (int)FSYS2(__NR_rename, oldpath, newpath);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return (int)FSYS4(__NR_renameat, olddirfd, oldpath, newdirfd, newpath);
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags)
{
	return (int)FSYS5(__NR_renameat2, olddirfd, oldpath, newdirfd, newpath, flags);
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return (int)FSYS5(__NR_linkat, olddirfd, oldpath, newdirfd, newpath, flags);
}

int symlink(const char *target, const char *linkpath)
{
	return (int)FSYS2(__NR_symlink, target, linkpath);
}

int symlinkat(const char *target, int newdirfd, const char *linkpath)
{
	return (int)FSYS3(__NR_symlinkat, target, newdirfd, linkpath);
}

ssize_t readlink(const char *__restrict path, char *__restrict buf, size_t size)
{
	return FSYS3(__NR_readlink, path, buf, size);
}

ssize_t readlinkat(int dirfd, const char *__restrict path, char *__restrict buf, size_t size)
{
	return FSYS4(__NR_readlinkat, dirfd, path, buf, size);
}
