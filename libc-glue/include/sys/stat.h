/*
 * uniarm's <sys/stat.h>: newlib's (struct stat, the S_* bits, whose values are Linux's), plus
 * what glibc declares there and newlib leaves out for this target: lstat, mknod, and with
 * _GNU_SOURCE statx with Linux's struct statx and STATX_* masks.
 *
 * struct stat is newlib's, filled from the kernel's struct stat64 (libc-glue/file/stat.c):
 * its off_t st_size, blkcnt_t st_blocks and time fields are 32, 32 and 64 bits; a size or
 * block count past LONG_MAX is EOVERFLOW, as glibc's stat for a 32-bit off_t. Its dev_t,
 * ino_t, nlink_t, uid_t and gid_t are 16 bits: those are cut to their low 16 bits (statx
 * gives the whole values).
 */
#ifndef UNIARM_LIBC_GLUE_SYS_STAT_H
#define UNIARM_LIBC_GLUE_SYS_STAT_H

#include_next <sys/stat.h>

#include <sys/_types.h>

#ifdef __cplusplus
extern "C" {
#endif

int lstat(const char *__restrict path, struct stat *__restrict buf);
int mknod(const char *path, mode_t mode, dev_t dev);

#if __GNU_VISIBLE
#include <uniarm/fcntl-uapi.h> /* STATX_*, AT_STATX_* */

/* The kernel's struct statx (include/uapi/linux/stat.h, Linux 6.1), 256 bytes. */
struct statx_timestamp {
	__int64_t tv_sec;
	__uint32_t tv_nsec;
	__int32_t __reserved;
};

struct statx {
	__uint32_t stx_mask;
	__uint32_t stx_blksize;
	__uint64_t stx_attributes;
	__uint32_t stx_nlink;
	__uint32_t stx_uid;
	__uint32_t stx_gid;
	__uint16_t stx_mode;
	__uint16_t __spare0[1];
	__uint64_t stx_ino;
	__uint64_t stx_size;
	__uint64_t stx_blocks;
	__uint64_t stx_attributes_mask;
	struct statx_timestamp stx_atime;
	struct statx_timestamp stx_btime;
	struct statx_timestamp stx_ctime;
	struct statx_timestamp stx_mtime;
	__uint32_t stx_rdev_major;
	__uint32_t stx_rdev_minor;
	__uint32_t stx_dev_major;
	__uint32_t stx_dev_minor;
	__uint64_t stx_mnt_id;
	__uint32_t stx_dio_mem_align;
	__uint32_t stx_dio_offset_align;
	__uint64_t __spare3[12];
};

int statx(int dirfd, const char *__restrict path, int flags, unsigned int mask,
	  struct statx *__restrict buf);
#endif

#ifdef __cplusplus
}
#endif

#endif
