/*
 * uniarm's <sys/mman.h> (newlib has none): the memory-mapping calls with Linux's names and
 * Linux ARM's flag values, so that they reach the runtime unchanged (libc-glue/mman.c does no
 * flag conversion). The GNU extensions (mremap, MAP_ANONYMOUS & co., the MADV_* beyond POSIX)
 * are always declared, as if _GNU_SOURCE were defined.
 */
#ifndef UNIARM_LIBC_GLUE_SYS_MMAN_H
#define UNIARM_LIBC_GLUE_SYS_MMAN_H

#include <sys/types.h>
#include <uniarm/mman-uapi.h> /* the constants, shared with the runtime */

#ifdef __cplusplus
extern "C" {
#endif

/* What the application sees beyond the shared constants. */
#define MAP_FILE       0
#define MAP_HUGE_SHIFT 26
#define MAP_HUGE_MASK  0x3f

/* posix_madvise advice (the same numbers; POSIX_MADV_DONTNEED is ignored, as in glibc). */
#define POSIX_MADV_NORMAL     0
#define POSIX_MADV_RANDOM     1
#define POSIX_MADV_SEQUENTIAL 2
#define POSIX_MADV_WILLNEED   3
#define POSIX_MADV_DONTNEED   4

/*
 * All return what Linux returns; on failure -1 (MAP_FAILED for mmap and mremap) with errno
 * set, except posix_madvise, which returns the error number and leaves errno alone.
 */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);
/* A fifth argument, void *new_address, is read only when flags has MREMAP_FIXED. */
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...);
int madvise(void *addr, size_t length, int advice);
int posix_madvise(void *addr, size_t length, int advice);
int mlock(const void *addr, size_t length);
int munlock(const void *addr, size_t length);
int mlockall(int flags);
int munlockall(void);
int mincore(void *addr, size_t length, unsigned char *vec);
int msync(void *addr, size_t length, int flags);
/* An anonymous tmpfs file (MFD_* flags): a descriptor, or -1 with errno. */
int memfd_create(const char *name, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif
