/*
 * uniarm's <unistd.h>: newlib's, plus what glibc declares there and newlib leaves out for this
 * target: SEEK_DATA and SEEK_HOLE, the real/effective/saved id calls, and (GNU, glibc's
 * _LARGEFILE64_SOURCE) the 64-bit offset calls for a program whose off_t, newlib's, is 32 bits.
 * Every call newlib declares here that touches files is libc-glue's (libc-glue/file/), with
 * Linux's semantics.
 */
#ifndef UNIARM_LIBC_GLUE_UNISTD_H
#define UNIARM_LIBC_GLUE_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __GNU_VISIBLE
#define SEEK_DATA 3
#define SEEK_HOLE 4

int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);

#ifndef __off64_t_defined
#define __off64_t_defined
typedef _off64_t off64_t;
#endif
off64_t lseek64(int fd, off64_t offset, int whence);
ssize_t pread64(int fd, void *buf, size_t count, off64_t offset);
ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset);
int ftruncate64(int fd, off64_t length);
int truncate64(const char *path, off64_t length);
#endif

#ifdef __cplusplus
}
#endif

#endif
