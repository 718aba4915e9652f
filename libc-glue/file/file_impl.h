/*
 * What libc-glue's file calls (libc-glue/file/) share: the ARM EABI numbers of the calls the
 * runtime's uapi.h does not name yet, the -errno convention, and the register pairs of 64-bit
 * arguments.
 */
#ifndef UNIARM_LIBC_GLUE_FILE_IMPL_H
#define UNIARM_LIBC_GLUE_FILE_IMPL_H

/* The GNU declarations (off64_t, the *64 calls, statx) before any system header. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "libc-glue/syscall.h"
#include "runtime/uapi.h"

#include <errno.h>

/* Linux's arch/arm/tools/syscall.tbl. */
#ifndef __NR_creat
#define __NR_creat 8
#endif
#ifndef __NR_chdir
#define __NR_chdir 12
#endif
#ifndef __NR_access
#define __NR_access 33
#endif
#ifndef __NR_rename
#define __NR_rename 38
#endif
#ifndef __NR_mkdir
#define __NR_mkdir 39
#endif
#ifndef __NR_rmdir
#define __NR_rmdir 40
#endif
#ifndef __NR_dup
#define __NR_dup 41
#endif
#ifndef __NR_umask
#define __NR_umask 60
#endif
#ifndef __NR_dup2
#define __NR_dup2 63
#endif
#ifndef __NR_symlink
#define __NR_symlink 83
#endif
#ifndef __NR_readlink
#define __NR_readlink 85
#endif
#ifndef __NR_fsync
#define __NR_fsync 118
#endif
#ifndef __NR_fchdir
#define __NR_fchdir 133
#endif
#ifndef __NR_flock
#define __NR_flock 143
#endif
#ifndef __NR_readv
#define __NR_readv 145
#endif
#ifndef __NR_writev
#define __NR_writev 146
#endif
#ifndef __NR_fdatasync
#define __NR_fdatasync 148
#endif
#ifndef __NR_pread64
#define __NR_pread64 180
#endif
#ifndef __NR_pwrite64
#define __NR_pwrite64 181
#endif
#ifndef __NR_getcwd
#define __NR_getcwd 183
#endif
#ifndef __NR_truncate64
#define __NR_truncate64 193
#endif
#ifndef __NR_ftruncate64
#define __NR_ftruncate64 194
#endif
#ifndef __NR_stat64
#define __NR_stat64 195
#endif
#ifndef __NR_lstat64
#define __NR_lstat64 196
#endif
#ifndef __NR_getdents64
#define __NR_getdents64 217
#endif
#ifndef __NR_fcntl64
#define __NR_fcntl64 221
#endif
#ifndef __NR_openat
#define __NR_openat 322
#endif
#ifndef __NR_mkdirat
#define __NR_mkdirat 323
#endif
#ifndef __NR_fstatat64
#define __NR_fstatat64 327
#endif
#ifndef __NR_unlinkat
#define __NR_unlinkat 328
#endif
#ifndef __NR_renameat
#define __NR_renameat 329
#endif
#ifndef __NR_linkat
#define __NR_linkat 330
#endif
#ifndef __NR_symlinkat
#define __NR_symlinkat 331
#endif
#ifndef __NR_readlinkat
#define __NR_readlinkat 332
#endif
#ifndef __NR_faccessat
#define __NR_faccessat 334
#endif
#ifndef __NR_dup3
#define __NR_dup3 358
#endif
#ifndef __NR_preadv
#define __NR_preadv 361
#endif
#ifndef __NR_pwritev
#define __NR_pwritev 362
#endif
#ifndef __NR_renameat2
#define __NR_renameat2 382
#endif
#ifndef __NR_memfd_create
#define __NR_memfd_create 385
#endif
#ifndef __NR_statx
#define __NR_statx 397
#endif
#ifndef __NR_faccessat2
#define __NR_faccessat2 439
#endif

/* A result in [-4095, -1] is -errno: errno and -1; anything else is the value. */
static inline long __file_ret(long ret)
{
	if ((unsigned long)ret > (unsigned long)-4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

static inline long __file_err(int err)
{
	errno = err;
	return -1;
}

#define __FILE_SYS(nr, a0, a1, a2, a3, a4, a5)                                                     \
	__file_ret(__uniarm_syscall(nr, (long)(a0), (long)(a1), (long)(a2), (long)(a3),            \
				    (long)(a4), (long)(a5)))
#define FSYS1(nr, a)		    __FILE_SYS(nr, a, 0, 0, 0, 0, 0)
#define FSYS2(nr, a, b)		    __FILE_SYS(nr, a, b, 0, 0, 0, 0)
#define FSYS3(nr, a, b, c)	    __FILE_SYS(nr, a, b, c, 0, 0, 0)
#define FSYS4(nr, a, b, c, d)	    __FILE_SYS(nr, a, b, c, d, 0, 0)
#define FSYS5(nr, a, b, c, d, e)    __FILE_SYS(nr, a, b, c, d, e, 0)
#define FSYS6(nr, a, b, c, d, e, f) __FILE_SYS(nr, a, b, c, d, e, f)

/*
 * A 64-bit argument as two registers, low word first (little-endian ARM EABI). Where it would
 * start at an odd register the EABI skips one (pread64, ftruncate64: r3 and r1 are padding);
 * the callers pass that 0 themselves.
 */
#define LO32(v) ((long)(unsigned long)(unsigned long long)(v))
#define HI32(v) ((long)(unsigned long)((unsigned long long)(v) >> 32))

#endif
