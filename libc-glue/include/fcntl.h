/*
 * uniarm's <fcntl.h>, in place of newlib's (whose O_* and AT_* values are newlib's own:
 * O_CREAT 0x200, AT_FDCWD -2, F_DUPFD_CLOEXEC 14, ...): Linux's values on 32-bit ARM, as
 * glibc gives them, so that open, openat, fcntl and the *at calls hand the kernel exactly what
 * the program wrote, and F_GETFL's answer reads back with the same names (libc-glue/file/).
 * newlib's own stdio (fopen, mkstemp, tmpfile), compiled with its values, opens through
 * _open, which converts them (libc-glue/syscalls.c).
 *
 * off_t is newlib's 32-bit long; struct flock is glibc's for a 32-bit off_t, struct flock64
 * the kernel's for F_GETLK64 & co. open does not add O_LARGEFILE, as glibc's for a 32-bit
 * off_t (a program that wants files past 2 GiB passes it and uses the *64 calls).
 */
#ifndef _FCNTL_H
#define _FCNTL_H
/* newlib's <sys/fcntl.h> and <sys/_default_fcntl.h> would define the other values: keep them
 * out for good. */
#define _SYS_FCNTL_H_
#define _SYS__DEFAULT_FCNTL_H_

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/stat.h> /* the S_* mode bits, as POSIX asks */
#include <uniarm/fcntl-uapi.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __MISC_VISIBLE
#define FAPPEND	  O_APPEND
#define FFSYNC	  O_SYNC
#define FASYNC	  O_ASYNC
#define FNONBLOCK O_NONBLOCK
#define FNDELAY	  O_NDELAY
#endif

#if __GNU_VISIBLE
#define O_FSYNC O_SYNC
#define O_RSYNC O_SYNC
#endif

/* posix_fadvise advice (declared for completeness of the names; no call yet). */
#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_RANDOM     1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED   3
#define POSIX_FADV_DONTNEED   4
#define POSIX_FADV_NOREUSE    5

/* glibc's struct flock for a 32-bit off_t: the kernel's struct flock on ARM. */
struct flock {
	short l_type;
	short l_whence;
	off_t l_start;
	off_t l_len;
	pid_t l_pid;
};

#if __GNU_VISIBLE
/* The kernel's struct flock64 (EABI: the 64-bit fields 8-byte aligned). */
struct flock64 {
	short l_type;
	short l_whence;
	long long l_start;
	long long l_len;
	pid_t l_pid;
};
#endif

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);
#if __GNU_VISIBLE
int open64(const char *path, int flags, ...);
#endif

#ifdef __cplusplus
}
#endif

#endif
