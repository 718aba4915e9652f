/*
 * mprotect.c - change the protection of a range of the application's mappings (Linux's
 * mm/mprotect.c: do_mprotect_pkey and mprotect_fixup).
 *
 * The range is walked VMA by VMA in address order. Each VMA gets the requested access bits
 * (within its VM_MAY* bits, else EACCES), is split at the ends of the range or merged with a
 * neighbour that now has the same attributes, and its present ptes get the new protection.
 * As on Linux, an error part way (EACCES, a hole: ENOMEM, the map_count or commit limits:
 * ENOMEM) leaves the VMAs before it changed.
 */
#include "vm/mmap_internal.h"
#include "vm/mmap_lock.h"

#include <errno.h>

/*
 * Give [start, end) of vma the flags newflags: commit the pages when a private mapping becomes
 * writable for the first time (Linux never uncommits on the way back), split or merge, change
 * the ptes, fault in a locked private mapping that becomes writable. *out is the VMA that now
 * holds the range.
 */
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, unsigned long newflags, struct vm_area_struct **out)
{
	unsigned long oldflags = vma->vm_flags, nrpages = (end - start) >> PAGE_SHIFT;
	unsigned long charged = 0;
	int err;

	*out = vma;
	if (newflags == oldflags)
		return 0;
	if ((newflags & VM_WRITE) &&
	    !(oldflags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) {
		charged = nrpages;
		if (vm_enough_memory(charged))
			return -ENOMEM;
		newflags |= VM_ACCOUNT;
	}
	err = vma_modify_flags(mm, vma, start, end, newflags, &vma);
	if (err) {
		if (charged)
			vm_unacct_memory(charged);
		return err;
	}
	*out = vma;
	change_protection(vma, start, end, vma->vm_page_prot);
	if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED && (newflags & VM_WRITE) &&
	    !(newflags & VM_LOCKONFAULT))
		populate_range(vma, start, end); /* break COW now; failure is not an error */
	/*
	 * Linux's vm_stat_account(oldflags, -nrpages) and (newflags, nrpages) cancel out here:
	 * newflags differs from oldflags in the access bits and VM_ACCOUNT only, and total_vm,
	 * stack_vm and locked_vm follow none of those.
	 */
	return 0;
}

static long __sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current_mm;
	const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	unsigned long end, nstart, tmp, newflags, bits;
	struct vm_area_struct *vma;
	int err;

	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL; /* arch_validate_prot */

	/* find_vma, with its cache hit inline: mprotect of a page of the VMA last looked at */
	vma = mm->mmap_cache;
	if (!vma || start < vma->vm_start || start >= vma->vm_end)
		vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			return -ENOMEM;
		start = vma->vm_start;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
	} else {
		if (vma->vm_start > start)
			return -ENOMEM;
		if (grows & PROT_GROWSUP)
			return -EINVAL; /* ARM has no VM_GROWSUP mappings */
	}

	bits = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
	for (nstart = start;;) {
		newflags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | bits;
		/* newflags >> 4 puts VM_MAY* where VM_* are */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = mprotect_fixup(mm, vma, nstart, tmp, newflags, &vma);
		if (err)
			return err;
		nstart = tmp < vma->vm_end ? vma->vm_end : tmp;
		if (nstart >= end)
			return 0;
		vma = vma_next(vma);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;
	}
}

/* mprotect with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_mprotect, (unsigned long start, size_t len, unsigned long prot),
		    (start, len, prot))
