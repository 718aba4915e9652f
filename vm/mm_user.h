/*
 * The application's address space, managed as Linux manages a process's: an mm_struct holding
 * virtual memory areas (VMAs) in an area tree (ordered by address, augmented with the largest
 * free gap per subtree). See docs/vm-user.md for the layout, the invariants and the paths
 * requests take.
 */
#ifndef UNIARM_VM_MM_USER_H
#define UNIARM_VM_MM_USER_H

#include <stddef.h>
#include <stdint.h>
#include "platform/memory.h"
#include "platform/pgtable.h"
#include "vm/area_tree.h"
#include "runtime/rwsem.h"
#include "runtime/spinlock.h"
#include "vm/gfp.h"

/* vm_flags (Linux's values). */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_LOCKED	0x00002000UL
#define VM_SEQ_READ	0x00008000UL /* MADV_SEQUENTIAL */
#define VM_RAND_READ	0x00010000UL /* MADV_RANDOM */
#define VM_DONTEXPAND	0x00040000UL
#define VM_ACCOUNT	0x00100000UL /* counted in the committed memory */
#define VM_NORESERVE	0x00200000UL
#define VM_DONTCOPY	0x00020000UL /* MADV_DONTFORK */
#define VM_LOCKONFAULT	0x00080000UL /* MCL_ONFAULT: locked, but not populated */
#define VM_WIPEONFORK	0x02000000UL /* MADV_WIPEONFORK */
#define VM_DONTDUMP	0x04000000UL /* MADV_DONTDUMP */
#define VM_STACK	VM_GROWSDOWN
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

struct vm_area_struct;
struct mm_struct;

/* What a kind of VMA does differently (anonymous memory has none: vm_ops NULL). */
struct vm_operations_struct {
	const char *(*name)(const struct vm_area_struct *vma); /* for /proc/self/maps */
	/*
	 * A special mapping's pages (Linux's vm_special_mapping, _install_special_mapping: the
	 * [sigpage], runtime/sigpage.c), which the fault path cannot give since it knows
	 * anonymous memory only: fill the empty entries of [start, end) with them. Called when the
	 * VMA is made and by MADV_DONTNEED after it emptied them, so such a VMA never has an
	 * empty entry (Linux's special_mapping_fault gives the pages back at the next touch).
	 * 0 or -ENOMEM. NULL for every other kind of VMA.
	 */
	int (*populate)(struct vm_area_struct *vma, unsigned long start, unsigned long end);
	/* mremap moved the VMA: new_vma is where it is now (Linux's vm_special_mapping.mremap). */
	void (*moved)(struct vm_area_struct *new_vma);
};

struct vm_area_struct {
	union {
		struct area_node vm_node; /* in mm->mm_areas */
		struct {
			uintptr_t __node_links[3];
			unsigned long vm_start, vm_end; /* [vm_start, vm_end), page aligned */
		};
	};
	unsigned long vm_flags;
	pgprot_t vm_page_prot;	/* pte bits for pages of this VMA */
	unsigned long vm_pgoff; /* offset in the backing object, in pages */
	void *vm_file;		/* backing file (NULL: anonymous) */
	/*
	 * Linux's anon_vma, as an identity that merging compares: private memory has 0 until its
	 * first anonymous page (anon_vma_prepare); shared anonymous memory has its shmem object's
	 * from mmap on (so the fault path never prepares one). Splits and moves keep it.
	 */
	unsigned long anon_vma;
	const struct vm_operations_struct *vm_ops;
	struct mm_struct *vm_mm;
};

/* vm_start and vm_end are the node's start and end (the union above). */
_Static_assert(offsetof(struct vm_area_struct, vm_start) ==
			       offsetof(struct vm_area_struct, vm_node.start) &&
		       offsetof(struct vm_area_struct, vm_end) ==
			       offsetof(struct vm_area_struct, vm_node.end),
	       "vm_start/vm_end overlay the area node's start/end");

struct mm_struct {
	struct area_tree mm_areas;     /* VMAs in [mmap_min_addr, TASK_SIZE) */
	struct rw_semaphore mmap_lock; /* over the VMAs (vm/mmap_lock.h) */
	spinlock_t page_table_lock;    /* over the entries of its level-2 tables (vm/memory.c) */
	int mm_users; /* threads using it (clone with CLONE_VM adds one, exit drops one) */
	int mm_count; /* references to the structure: mm_users counts one, each borrower one */
	struct vm_area_struct *mmap_cache;	     /* last find_vma() result */
	int map_count;				     /* number of VMAs */
	unsigned long mmap_base;		     /* top-down placement starts below this */
	unsigned long start_code, end_code;	     /* the program's code (exec) */
	unsigned long start_brk, brk;		     /* heap: [start_brk, brk) */
	unsigned long start_stack;		     /* STACK_TOP */
	unsigned long stack_rlimit;		     /* RLIMIT_STACK, 8 MiB */
	unsigned long total_vm, locked_vm, stack_vm; /* pages */
	unsigned long def_flags;		     /* VM_LOCKED after mlockall(MCL_FUTURE) */
	unsigned long min_flt, maj_flt;		     /* page faults (getrusage) */
	unsigned long rss, hiwater_rss;		     /* pages resident now, at most */
	/* The [sigpage]'s address (Linux's context.sigpage): exec's, or where mremap moved it;
	 * kept if it is unmapped (runtime/sigpage.c). */
	unsigned long sigpage;
};

/* The application's mm (uniarm runs one application; Linux's init_mm is the kernel's, which
 * uniarm's vm/ never names: the runtime's own mappings are swapper_pgd's, platform/). */
extern struct mm_struct app_mm;
#define current_mm (&app_mm)

/*
 * Its resident pages (Linux's rss counters): present entries other than the zero page, counted
 * where entries are filled (faults, dup_page_range) and cleared (zap_pte_range); the page
 * allocator reads the count too (page_counts.user, set by mm_init_layout). The high-water mark
 * is brought up to date before any decrease, as Linux's update_hiwater_rss, so it is exact.
 */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	if (mm->hiwater_rss < mm->rss)
		mm->hiwater_rss = mm->rss;
}

static inline void add_mm_rss(struct mm_struct *mm, long n)
{
	mm->rss += (unsigned long)n;
}

#define STACK_TOP	      TASK_SIZE
#define STACK_RLIMIT	      (8UL << 20)
#define STACK_GUARD_GAP	      (256UL << PAGE_SHIFT) /* Linux's stack_guard_gap: 1 MiB */
#define DEFAULT_MAX_MAP_COUNT 65530
extern int sysctl_max_map_count;
/* vm.mmap_min_addr (Linux's dac_mmap_min_addr): no mapping below it; MMAP_MIN_ADDR at boot. */
extern unsigned long mmap_min_addr;

/* --- vm/mmap.c: the VMA layer ---------------------------------------------------------- */

void mm_init_layout(struct mm_struct *mm);
/* The first VMA with vm_end > addr (it may not contain addr), or NULL; one-entry cache. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);
/* Grow a VM_GROWSDOWN vma down to include addr: 0, or -ENOMEM past the stack limit or into
 * the guard gap above the next lower VMA. */
int expand_stack(struct vm_area_struct *vma, unsigned long addr);
/* Give a private vma without one an anon_vma before its first anonymous page (the fault path
 * calls it when vma->anon_vma is 0): an adjacent compatible VMA's, else a new one. */
void anon_vma_prepare(struct vm_area_struct *vma);
/* Map page (its reference becomes the mapping's) at the empty entry of addr in vma, as a
 * write fault maps a fresh page (vm/memory.c): 0 or -ENOMEM. */
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);

/*
 * What a file descriptor is to mmap: -EBADF (no such descriptor), or its access mode,
 * MMAP_FILE_READ and/or MMAP_FILE_WRITE (O_RDONLY, O_WRONLY, O_RDWR), for the EACCES checks
 * Linux makes before it finds out that the file cannot be mapped (ENODEV: uniarm maps no
 * files yet). -ENODEV means an open descriptor whose mode is not known (no EACCES checks).
 * Set by the runtime's file layer; the default says -EBADF for every descriptor.
 */
#define MMAP_FILE_READ	1
#define MMAP_FILE_WRITE 2
extern int (*mmap_file_check)(unsigned long fd);

/* System calls (Linux arguments and errno). */
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_madvise(unsigned long start, size_t len, int behavior);
long sys_mlock(unsigned long start, size_t len);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);
long sys_mincore(unsigned long start, size_t len, unsigned char *vec);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_brk(unsigned long brk);

/* Committed-memory accounting (vm.overcommit_memory 0/1/2, vm.overcommit_ratio). */
#define OVERCOMMIT_GUESS  0
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER  2
extern int sysctl_overcommit_memory;
extern int sysctl_overcommit_ratio;
extern unsigned long vm_committed_pages;
/* Commit `pages` more when the current policy allows it: 0, else -ENOMEM (nothing
 * committed). */
int vm_enough_memory(unsigned long pages);
void vm_unacct_memory(unsigned long pages);
unsigned long vm_commit_limit(void);

/* --- the page-table side ---------------------------------------------------------------
 * vm/memory.c (faults, unmapping), vm/gup.c (populating) and the range operations of
 * vm/mprotect_ptes.c, vm/mremap_ptes.c, vm/madvise_ptes.c and vm/mincore_ptes.c, which all
 * walk the tables through vm/pagewalk.h. */

/* Allocate the shared zero page (at boot, after the page allocator). */
void zero_page_init(void);

/* Resolve a fault at addr in vma (write: a write access). 0 when the access can be retried;
 * VM_FAULT_SIGSEGV / VM_FAULT_OOM otherwise. */
#define VM_FAULT_OOM	 0x0001
#define VM_FAULT_SIGSEGV 0x0002
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);
#define FAULT_FLAG_WRITE 0x01
#define FAULT_FLAG_EXEC	 0x02
/* Unmap [start, end) (inside VMAs being removed or shrunk) and free its pages; page tables
 * left empty are freed when they lie entirely inside [floor, ceiling). */
void unmap_region(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long floor,
		  unsigned long ceiling);
/* Make the pages of [start, end) old (MADV_COLD/PAGEOUT): the next access to each faults. */
void mkold_range(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Set the protection of the present pages of [start, end) (inside vma) from newprot. */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot);
/* Move the entries of [old, old + len) to new (no overlap; no data copied): 0 or -ENOMEM. */
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len);
/*
 * Let the memory of [src, src + len) be seen also at [dst, dst + len) (present
 * pages shared, as a shared mapping's pages are): the duplicate of mremap(old_len = 0) and the
 * old range of mremap(MREMAP_DONTUNMAP) on VM_SHARED mappings. 0, or -ENOMEM with nothing
 * changed.
 */
int dup_page_range(struct mm_struct *mm, unsigned long src, unsigned long dst, unsigned long len);
/* Fault in every page of [start, end) inside vma, private writable memory as for a write, the
 * rest as for a read (Linux's populate_vma_page_range); _flags: as for fault_flags
 * (MADV_POPULATE_*). 0 or -ENOMEM. */
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int populate_range_flags(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			 unsigned int fault_flags);
/* The shared zero page's pfn (0 until it is allocated); in no rss. */
extern unsigned long zero_pfn;
/* mincore: one byte per page of [start, end), bit 0 set when the page is resident. */
void mincore_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned char *vec);
/* The pte protection for vm_flags (PROT_NONE VMAs: PAGE_NONE, never valid; platform/pgprot.c). */
pgprot_t vm_get_page_prot(unsigned long vm_flags);

/* Fault statistics by kind. */
struct vm_event_counts {
	unsigned long zero_page_maps;	   /* read fault: the shared zero page mapped */
	unsigned long zero_fill;	   /* fresh zeroed page */
	unsigned long zero_fill_prezeroed; /* fresh pages for zero-fill or a zero-page copy that
					    * kzerod had cleared beforehand (vm/prezero.c) */
	unsigned long cow;		   /* write to a shared/zero page: copied */
	unsigned long reuse;		   /* write-protect fault on a page with one user */
	unsigned long stack_growth;	   /* faults that grew the stack */
	unsigned long access_flag;	   /* young-tracking faults */
	unsigned long dirty;		   /* dirty-tracking faults */
};
extern struct vm_event_counts vm_events;

#endif
