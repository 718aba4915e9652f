/*
 * gup.c - faulting in a range ahead of use (Linux's populate_vma_page_range and
 * faultin_page in mm/gup.c): MAP_POPULATE, mlock, MADV_POPULATE_*, growth of locked memory.
 */
#include "vm/memory_internal.h"

struct populate_details {
	struct vm_area_struct *vma;
	unsigned int flags;
};

static int populate_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	const struct populate_details *d = walk->private;
	pte_t pte = *ptep;
	int ret;

	/* Already as the access would leave it: mapped, and for a write writable and dirty. */
	if (pte_valid(pte) && (!d->flags || (pte_write(pte) && pte_dirty(pte))))
		return 0;
	ret = handle_mm_fault(d->vma, addr, d->flags);
	if (ret)
		return (ret & VM_FAULT_OOM) ? -ENOMEM : -EFAULT;
	return 0;
}

static const struct mm_walk_ops populate_walk_ops = {
	.pte_entry = populate_pte_entry,
};

/*
 * Fault in every page of [start, end) inside vma as handle_mm_fault would for an access of
 * fault_flags (FAULT_FLAG_WRITE: every page real, dirty and writable, never the zero page; 0:
 * a read, which maps the zero page in private memory); pages already satisfying that are left
 * alone. A VMA without access (PROT_NONE) gets nothing, as in Linux. 0, -ENOMEM when out of
 * memory (the pages faulted in so far stay), -EFAULT if a level-1 section sits in the range.
 */
int populate_range_flags(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			 unsigned int flags)
{
	struct populate_details d = {vma, flags};

	if (!(vma->vm_flags & VM_ACCESS_FLAGS))
		return 0;
	return apply_to_page_range(vma->vm_mm, start, end, &populate_walk_ops, &d);
}

/*
 * Populate as Linux's populate_vma_page_range (MAP_POPULATE, mlock, brk/mremap growth of
 * locked memory): private writable memory is write-faulted, so its pages are its own now and
 * no later store faults; everything else is read-faulted, so shared memory stays clean until
 * it is written (and private read-only memory gets the zero page).
 */
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	bool cow = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;

	return populate_range_flags(vma, start, end, cow ? FAULT_FLAG_WRITE : 0);
}
