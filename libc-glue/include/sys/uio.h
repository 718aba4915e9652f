/*
 * uniarm's <sys/uio.h> (newlib has none): struct iovec and the vectored calls, as glibc's on
 * 32-bit ARM. struct iovec is the kernel's (8 bytes); readv and writev take at most
 * UIO_MAXIOV entries (the kernel's limit: EINVAL beyond).
 */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/cdefs.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef __iovec_defined
#define __iovec_defined 1
struct iovec {
	void *iov_base;
	size_t iov_len;
};
#endif

#if __MISC_VISIBLE
#define UIO_MAXIOV 1024
#endif

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
#if __MISC_VISIBLE
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset);
#endif
#if __GNU_VISIBLE
ssize_t preadv64(int fd, const struct iovec *iov, int iovcnt, _off64_t offset);
ssize_t pwritev64(int fd, const struct iovec *iov, int iovcnt, _off64_t offset);
#endif

#ifdef __cplusplus
}
#endif

#endif
