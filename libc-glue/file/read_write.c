/*
 * Positioned and vectored I/O and lseek. newlib's off_t is 32 bits: the calls with an off_t
 * widen it with its sign (so a negative offset reaches the kernel negative: EINVAL) and use
 * the 64-bit system calls, as glibc does for a 32-bit off_t; the *64 forms take an off64_t.
 *
 * lseek is _llseek, whose 64-bit result must fit the off_t: otherwise EOVERFLOW, the position
 * moved all the same (glibc's lseek, and Linux's own 32-bit lseek). _lseek is newlib's entry
 * (fseek, ftell), the same call.
 */
#include "file_impl.h"

#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

ssize_t pread64(int fd, void *buf, size_t count, off64_t offset)
{
	/* r3 is padding: the 64-bit offset goes in the even/odd pair r4/r5. */
	return FSYS6(__NR_pread64, fd, buf, count, 0, LO32(offset), HI32(offset));
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset)
{
	return FSYS6(__NR_pwrite64, fd, buf, count, 0, LO32(offset), HI32(offset));
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return pread64(fd, buf, count, offset);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return pwrite64(fd, buf, count, offset);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return FSYS3(__NR_readv, fd, iov, iovcnt);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return FSYS3(__NR_writev, fd, iov, iovcnt);
}

/* preadv and pwritev take the offset as two words without alignment (pos_l, pos_h). */
ssize_t preadv64(int fd, const struct iovec *iov, int iovcnt, off64_t offset)
{
	return FSYS5(__NR_preadv, fd, iov, iovcnt, LO32(offset), HI32(offset));
}

ssize_t pwritev64(int fd, const struct iovec *iov, int iovcnt, off64_t offset)
{
	return FSYS5(__NR_pwritev, fd, iov, iovcnt, LO32(offset), HI32(offset));
}

ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return preadv64(fd, iov, iovcnt, offset);
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return pwritev64(fd, iov, iovcnt, offset);
}

off64_t lseek64(int fd, off64_t offset, int whence)
{
	long long result;

	if (FSYS5(__NR__llseek, fd, HI32(offset), LO32(offset), &result, whence) < 0)
		return -1;
	return result;
}

off_t lseek(int fd, off_t offset, int whence)
{
	off64_t result = lseek64(fd, offset, whence);

	if (result > LONG_MAX)
		return (off_t)__file_err(EOVERFLOW);
	return (off_t)result;
}

/* newlib declares it only for its own build (_COMPILING_NEWLIB). */
_off_t _lseek(int fd, _off_t offset, int whence);

_off_t _lseek(int fd, _off_t offset, int whence)
{
	return lseek(fd, offset, whence);
}
