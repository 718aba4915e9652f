/*
 * The memory-mapping ABI the application uses: the constants of mmap, mprotect, mremap,
 * madvise, mlock and msync with Linux's values on 32-bit ARM (include/uapi/asm-generic/
 * mman-common.h, mman.h and linux/mman.h). The one definition of them: the application gets
 * them through <sys/mman.h>, the runtime (vm/) includes this file directly.
 */
#ifndef UNIARM_MMAN_UAPI_H
#define UNIARM_MMAN_UAPI_H

/* mmap and mprotect protection. */
#define PROT_NONE      0x0
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define PROT_SEM       0x8	  /* accepted and ignored, as on Linux */
#define PROT_GROWSDOWN 0x01000000 /* mprotect: extend to the start of a growsdown mapping */
#define PROT_GROWSUP   0x02000000 /* mprotect: no upward-growing mappings on ARM: EINVAL */

/* mmap flags. The map type is the low nibble (MAP_TYPE). */
#define MAP_SHARED	    0x01
#define MAP_PRIVATE	    0x02
#define MAP_SHARED_VALIDATE 0x03 /* MAP_SHARED, but unknown flags are an error */
#define MAP_TYPE	    0x0f
#define MAP_FIXED	    0x10
#define MAP_ANONYMOUS	    0x20
#define MAP_ANON	    MAP_ANONYMOUS
#define MAP_GROWSDOWN	    0x0100
#define MAP_DENYWRITE	    0x0800 /* ignored */
#define MAP_EXECUTABLE	    0x1000 /* ignored */
#define MAP_LOCKED	    0x2000
#define MAP_NORESERVE	    0x4000
#define MAP_POPULATE	    0x8000
#define MAP_NONBLOCK	    0x10000 /* with MAP_POPULATE: do not populate */
#define MAP_STACK	    0x20000
#define MAP_HUGETLB	    0x40000 /* no hugetlbfs in uniarm: EINVAL */
#define MAP_SYNC	    0x80000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_UNINITIALIZED   0x4000000

#define MAP_FAILED ((void *)-1)

/* mremap flags. */
#define MREMAP_MAYMOVE	 1
#define MREMAP_FIXED	 2
#define MREMAP_DONTUNMAP 4

/* madvise advice. */
#define MADV_NORMAL	     0
#define MADV_RANDOM	     1
#define MADV_SEQUENTIAL	     2
#define MADV_WILLNEED	     3
#define MADV_DONTNEED	     4
#define MADV_FREE	     8
#define MADV_REMOVE	     9
#define MADV_DONTFORK	     10
#define MADV_DOFORK	     11
#define MADV_MERGEABLE	     12 /* KSM: not in uniarm (EINVAL) */
#define MADV_UNMERGEABLE     13
#define MADV_HUGEPAGE	     14 /* transparent huge pages: not in uniarm (EINVAL) */
#define MADV_NOHUGEPAGE	     15
#define MADV_DONTDUMP	     16
#define MADV_DODUMP	     17
#define MADV_WIPEONFORK	     18
#define MADV_KEEPONFORK	     19
#define MADV_COLD	     20
#define MADV_PAGEOUT	     21
#define MADV_POPULATE_READ   22
#define MADV_POPULATE_WRITE  23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE	     25	 /* transparent huge pages: not in uniarm (EINVAL) */
#define MADV_HWPOISON	     100 /* memory-failure injection: not in uniarm (EINVAL) */
#define MADV_SOFT_OFFLINE    101

/* mlockall flags. */
#define MCL_CURRENT 1
#define MCL_FUTURE  2
#define MCL_ONFAULT 4

/* mlock2 flags. */
#define MLOCK_ONFAULT 0x01

/* msync flags. */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC	      4

/* memfd_create flags (linux/memfd.h). */
#define MFD_CLOEXEC	  0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#define MFD_HUGETLB	  0x0004U

#endif
