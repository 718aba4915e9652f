/*
 * The VMA layer's internal interface, shared by vm/mmap.c (the tree, placement, mmap, munmap,
 * brk, the stack), vm/mprotect.c, vm/mremap.c, vm/madvise.c, vm/mlock.c, vm/mincore.c,
 * vm/msync.c and vm/overcommit.c, and by their host tests.
 *
 * Every helper keeps the invariants of docs/vm-user.md when it returns: VMAs are page aligned,
 * non-empty and disjoint; two neighbours are one VMA whenever Linux's vma_merge would have
 * merged them (docs/vm-user.md, "Merging"); map_count is the number of VMAs in the tree;
 * mmap_cache is NULL or in the tree; total_vm, stack_vm and locked_vm are the pages of all, of
 * VM_GROWSDOWN and of VM_LOCKED VMAs; vm_committed_pages counts the pages of VM_ACCOUNT VMAs.
 */
#ifndef UNIARM_VM_MMAP_INTERNAL_H
#define UNIARM_VM_MMAP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "vm/list.h"
#include "vm/mm_user.h"
#include "libc-glue/include/uniarm/mman-uapi.h"

/*
 * Linux's vm_flags that vm/mm_user.h does not define yet (the values are Linux's). They only
 * matter to the VMA layer: they split and merge VMAs like any other flag.
 */
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)
#define VM_SPECIAL     VM_DONTEXPAND /* never merged, never mlocked */

/* The flags MAP_SHARED silently accepts and MAP_SHARED_VALIDATE checks against (Linux's
 * LEGACY_MAP_MASK, include/linux/mman.h). */
#define LEGACY_MAP_MASK                                                                            \
	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE |   \
	 MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |           \
	 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

/*
 * ARM Linux's FIRST_USER_ADDRESS (two pages: the vectors page of CPUs without high vectors):
 * MAP_FIXED below it is EINVAL (arch_mmap_check), and page tables below the lowest VMA are
 * freed down to here.
 */
#define FIRST_USER_ADDRESS (2 * PAGE_SIZE)

/* Create the slab cache of VMAs (idempotent; mm_init_layout calls it when needed). */
void vma_cache_init(void);
/* Unmap and free every VMA of mm (process exit; the host tests start over with it). */
void exit_mmap(struct mm_struct *mm);

/* The VMA whose node n is (NULL for none). */
static inline struct vm_area_struct *vma_of(struct area_node *n)
{
	return n ? container_of(n, struct vm_area_struct, vm_node) : NULL;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline struct vm_area_struct *vma_next(const struct vm_area_struct *vma)
{
	return vma_of(area_next(&vma->vm_node));
}

static inline struct vm_area_struct *vma_prev(const struct vm_area_struct *vma)
{
	return vma_of(area_prev(&vma->vm_node));
}

/* The VMA containing addr, or NULL (Linux's vma_lookup). */
static inline struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}

/* The pgoff that the page at addr of vma has. */
static inline unsigned long vma_pgoff_at(const struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

static inline bool vma_is_accessible(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_ACCESS_FLAGS) != 0;
}

/* Linux's vm_start_gap: where the guard gap below a VM_GROWSDOWN vma begins (0 on underflow). */
static inline unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		start -= STACK_GUARD_GAP;
		if (start > vma->vm_start)
			start = 0;
	}
	return start;
}

/* total_vm, stack_vm and locked_vm follow `pages` (negative: removed) of a VMA with flags. */
static inline void vma_stat(struct mm_struct *mm, unsigned long flags, long pages)
{
	mm->total_vm += (unsigned long)pages;
	if (flags & VM_GROWSDOWN)
		mm->stack_vm += (unsigned long)pages;
	if (flags & VM_LOCKED)
		mm->locked_vm += (unsigned long)pages;
}

/* Commit pages with no policy check (the counterpart of vm_unacct_memory). */
void vm_acct_memory(unsigned long pages);

/*
 * Give [start, end) of vma (start < end, inside vma) the flags newflags, splitting vma at start
 * and end unless a neighbour with the same attributes absorbs the range (Linux's vma_modify).
 * On success *out is the VMA that now covers [start, end) exactly or as part of a merged VMA,
 * with vm_flags == newflags and vm_page_prot to match; counters are the caller's. Fails with
 * -ENOMEM, leaving everything unchanged, when a split would take map_count past
 * sysctl_max_map_count or no VMA can be allocated.
 */
int vma_modify_flags(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		     unsigned long end, unsigned long newflags, struct vm_area_struct **out);

/*
 * Unmap [start, end) (page aligned, start < end): split the VMAs at both ends, free those
 * inside, unmap_region the range, update the counters and release the committed memory of
 * VM_ACCOUNT pages. 0, or -ENOMEM (nothing changed) when the range lies strictly inside one
 * VMA and map_count is at sysctl_max_map_count, or no VMA can be allocated.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end);

/*
 * Make [addr, end) (free, page aligned) a VMA with these attributes and anon_vma: prev or next
 * grows over it when they can merge as Linux's vma_merge decides (both, when it fills the hole
 * between them and their anon_vmas agree), else spare (or a new VMA
 * when spare is NULL) is linked. An unused spare is freed. Returns the VMA that holds the
 * range, or NULL when no VMA could be allocated (nothing changed). Counters are the caller's.
 */
struct vm_area_struct *vma_insert_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
					unsigned long flags, unsigned long pgoff, void *file,
					const struct vm_operations_struct *ops,
					unsigned long anon_vma, struct vm_area_struct *spare);

/*
 * Fault in the pages of every VMA in [start, end) (Linux's __mm_populate): VM_LOCKONFAULT VMAs
 * are skipped, an inaccessible (PROT_NONE) VMA gives -EFAULT, populate_range's -ENOMEM is
 * passed on. With ignore_errors, failures are skipped and the result is 0.
 */
int mm_populate(struct mm_struct *mm, unsigned long start, unsigned long end, bool ignore_errors);

#endif
