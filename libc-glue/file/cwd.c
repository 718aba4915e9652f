/*
 * getcwd, chdir and fchdir. The getcwd system call returns the length of the path with its
 * NUL; getcwd returns the buffer. As glibc's: getcwd(NULL, 0) allocates a buffer that fits the
 * path, getcwd(NULL, size) one of size bytes (the caller frees either), a buffer with size 0
 * is EINVAL, and a path the kernel cannot reach from the root ("(unreachable)...") ENOENT.
 */
#include "file_impl.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

char *getcwd(char *buf, size_t size)
{
	char *path = buf;
	size_t len = size;
	long ret;

	if (!buf) {
		if (!size)
			len = PATH_MAX;
		path = malloc(len);
		if (!path)
			return NULL; /* ENOMEM */
	} else if (!size) {
		__file_err(EINVAL);
		return NULL;
	}
	ret = FSYS2(__NR_getcwd, path, len);
	if (ret >= 0 && (ret == 0 || path[0] != '/')) {
		__file_err(ENOENT);
		ret = -1;
	}
	if (ret < 0) {
		if (!buf)
			free(path);
		return NULL;
	}
	if (!buf && !size) {
		char *fit = realloc(path, (size_t)ret);

		if (fit)
			path = fit;
	}
	return path;
}

int chdir(const char *path)
{
	return (int)FSYS1(__NR_chdir, path);
}

int fchdir(int fd)
{
	return (int)FSYS1(__NR_fchdir, fd);
}
