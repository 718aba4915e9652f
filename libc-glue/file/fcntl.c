/*
 * fcntl, dup, dup2, dup3 and flock. fcntl is fcntl64 with the command and its third argument
 * as given (Linux's values: <fcntl.h>); F_GETLK, F_SETLK and F_SETLKW take glibc's struct
 * flock for a 32-bit off_t, which is the kernel's struct flock, F_GETLK64 & co. struct flock64.
 */
#include "file_impl.h"

#include <fcntl.h>
#include <stdarg.h>
#include <sys/file.h>
#include <unistd.h>

int fcntl(int fd, int cmd, ...)
{
	unsigned long arg;
	va_list ap;

	/* Every command's argument is an int, a long or a pointer: one word either way. */
	va_start(ap, cmd);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)FSYS3(__NR_fcntl64, fd, cmd, arg);
}

int dup(int fd)
{
	return (int)FSYS1(__NR_dup, fd);
}

int dup2(int oldfd, int newfd)
{
	return (int)FSYS2(__NR_dup2, oldfd, newfd);
}

int dup3(int oldfd, int newfd, int flags)
{
	return (int)FSYS3(__NR_dup3, oldfd, newfd, flags);
}

int flock(int fd, int operation)
{
	return (int)FSYS2(__NR_flock, fd, operation);
}
