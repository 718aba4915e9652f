/*
 * uniarm's <sys/mman.h> (newlib has none): the memory-mapping calls with Linux's names and
 * Linux ARM's flag values, so that they reach the runtime unchanged (libc-glue/mman.c does no
 * flag conversion). The GNU extensions (mremap, MAP_ANONYMOUS & co., the MADV_* beyond POSIX)
 * are always declared, as if _GNU_SOURCE were defined.
 */
#ifndef UNIARM_LIBC_GLUE_SYS_MMAN_H
#define UNIARM_LIBC_GLUE_SYS_MMAN_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Protection (uapi/asm-generic/mman-common.h). */
#define PROT_NONE      0x0
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define PROT_GROWSDOWN 0x01000000 /* mprotect: extend the change to the start of a stack */
#define PROT_GROWSUP   0x02000000

/* Mapping type and flags (ARM uses the generic values). */
#define MAP_SHARED	    0x01
#define MAP_PRIVATE	    0x02
#define MAP_SHARED_VALIDATE 0x03 /* MAP_SHARED, refusing unknown flags */
#define MAP_TYPE	    0x0f
#define MAP_FIXED	    0x10
#define MAP_ANONYMOUS	    0x20
#define MAP_ANON	    MAP_ANONYMOUS
#define MAP_FILE	    0
#define MAP_GROWSDOWN	    0x0100
#define MAP_DENYWRITE	    0x0800
#define MAP_EXECUTABLE	    0x1000
#define MAP_LOCKED	    0x2000
#define MAP_NORESERVE	    0x4000
#define MAP_POPULATE	    0x8000
#define MAP_NONBLOCK	    0x10000
#define MAP_STACK	    0x20000
#define MAP_HUGETLB	    0x40000
#define MAP_SYNC	    0x80000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_HUGE_SHIFT	    26
#define MAP_HUGE_MASK	    0x3f

#define MAP_FAILED ((void *)-1)

/* mremap flags. */
#define MREMAP_MAYMOVE	 1
#define MREMAP_FIXED	 2
#define MREMAP_DONTUNMAP 4

/* madvise advice. */
#define MADV_NORMAL	    0
#define MADV_RANDOM	    1
#define MADV_SEQUENTIAL	    2
#define MADV_WILLNEED	    3
#define MADV_DONTNEED	    4
#define MADV_FREE	    8
#define MADV_REMOVE	    9
#define MADV_DONTFORK	    10
#define MADV_DOFORK	    11
#define MADV_MERGEABLE	    12
#define MADV_UNMERGEABLE    13
#define MADV_HUGEPAGE	    14
#define MADV_NOHUGEPAGE	    15
#define MADV_DONTDUMP	    16
#define MADV_DODUMP	    17
#define MADV_WIPEONFORK	    18
#define MADV_KEEPONFORK	    19
#define MADV_COLD	    20
#define MADV_PAGEOUT	    21
#define MADV_POPULATE_READ  22
#define MADV_POPULATE_WRITE 23

/* posix_madvise advice (the same numbers; POSIX_MADV_DONTNEED is ignored, as in glibc). */
#define POSIX_MADV_NORMAL     0
#define POSIX_MADV_RANDOM     1
#define POSIX_MADV_SEQUENTIAL 2
#define POSIX_MADV_WILLNEED   3
#define POSIX_MADV_DONTNEED   4

/* mlockall flags. */
#define MCL_CURRENT 1
#define MCL_FUTURE  2
#define MCL_ONFAULT 4

/* msync flags. */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC	      4

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

#ifdef __cplusplus
}
#endif

#endif
