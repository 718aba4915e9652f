/*
 * The file ABI the application uses: the constants of open, fcntl, the *at calls, lseek, statx
 * and renameat2 with Linux's values on 32-bit ARM (include/uapi/asm-generic/fcntl.h with
 * arch/arm/include/uapi/asm/fcntl.h, linux/fcntl.h, linux/fs.h, linux/stat.h). The one
 * definition of them: the application gets them through <fcntl.h>, <unistd.h>, <stdio.h> and
 * <sys/stat.h> as glibc gives them, and the runtime (fs/) may include this file directly, as
 * vm/ does uniarm/mman-uapi.h (which has memfd_create's MFD_* flags). Nothing here needs a
 * type.
 */
#ifndef UNIARM_FCNTL_UAPI_H
#define UNIARM_FCNTL_UAPI_H

/* open(2) flags, octal as in the kernel's headers; ARM moves O_DIRECTORY, O_NOFOLLOW,
 * O_DIRECT and O_LARGEFILE. */
#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR	    00000002
#define O_CREAT	    00000100
#define O_EXCL	    00000200
#define O_NOCTTY    00000400
#define O_TRUNC	    00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC	    00010000
#define O_ASYNC	    00020000 /* FASYNC */
#define O_DIRECTORY 00040000 /* ARM */
#define O_NOFOLLOW  00100000 /* ARM */
#define O_DIRECT    00200000 /* ARM */
#define O_LARGEFILE 00400000 /* ARM */
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define __O_SYNC    04000000
#define O_SYNC	    (__O_SYNC | O_DSYNC)
#define O_PATH	    010000000
#define __O_TMPFILE 020000000
#define O_TMPFILE   (__O_TMPFILE | O_DIRECTORY)
#define O_NDELAY    O_NONBLOCK

/* fcntl(2) commands (the 32-bit values of fcntl64; F_GETLK64 & co. take struct flock64). */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_GETLK64	12
#define F_SETLK64	13
#define F_SETLKW64	14
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_SETLEASE	1024
#define F_GETLEASE	1025
#define F_NOTIFY	1026
#define F_DUPFD_CLOEXEC 1030
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#define F_ADD_SEALS	1033
#define F_GET_SEALS	1034

#define FD_CLOEXEC 1

/* Record lock types (struct flock's l_type). */
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

/* memfd seals (F_ADD_SEALS). */
#define F_SEAL_SEAL	    0x0001
#define F_SEAL_SHRINK	    0x0002
#define F_SEAL_GROW	    0x0004
#define F_SEAL_WRITE	    0x0008
#define F_SEAL_FUTURE_WRITE 0x0010

/* The *at calls: the working directory as dirfd, and their flags. */
#define AT_FDCWD	      -100
#define AT_SYMLINK_NOFOLLOW   0x100
#define AT_EACCESS	      0x200 /* faccessat */
#define AT_REMOVEDIR	      0x200 /* unlinkat */
#define AT_SYMLINK_FOLLOW     0x400
#define AT_NO_AUTOMOUNT	      0x800
#define AT_EMPTY_PATH	      0x1000
#define AT_STATX_SYNC_TYPE    0x6000
#define AT_STATX_SYNC_AS_STAT 0x0000
#define AT_STATX_FORCE_SYNC   0x2000
#define AT_STATX_DONT_SYNC    0x4000
#define AT_RECURSIVE	      0x8000

/* lseek whence. */
#define SEEK_SET  0
#define SEEK_CUR  1
#define SEEK_END  2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* renameat2 flags. */
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE	 (1 << 1)
#define RENAME_WHITEOUT	 (1 << 2)

/* statx's mask (what was asked for, what is filled in). */
#define STATX_TYPE	  0x00000001U
#define STATX_MODE	  0x00000002U
#define STATX_NLINK	  0x00000004U
#define STATX_UID	  0x00000008U
#define STATX_GID	  0x00000010U
#define STATX_ATIME	  0x00000020U
#define STATX_MTIME	  0x00000040U
#define STATX_CTIME	  0x00000080U
#define STATX_INO	  0x00000100U
#define STATX_SIZE	  0x00000200U
#define STATX_BLOCKS	  0x00000400U
#define STATX_BASIC_STATS 0x000007ffU
#define STATX_BTIME	  0x00000800U
#define STATX_ALL	  0x00000fffU
#define STATX_MNT_ID	  0x00001000U
#define STATX_DIOALIGN	  0x00002000U
#define STATX__RESERVED	  0x80000000U

/* statx's stx_attributes. */
#define STATX_ATTR_COMPRESSED 0x00000004
#define STATX_ATTR_IMMUTABLE  0x00000010
#define STATX_ATTR_APPEND     0x00000020
#define STATX_ATTR_NODUMP     0x00000040
#define STATX_ATTR_ENCRYPTED  0x00000800
#define STATX_ATTR_AUTOMOUNT  0x00001000
#define STATX_ATTR_MOUNT_ROOT 0x00002000
#define STATX_ATTR_VERITY     0x00100000
#define STATX_ATTR_DAX	      0x00200000

#endif
