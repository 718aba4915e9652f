/*
 * gup.c - faulting in a range ahead of use (Linux's populate_vma_page_range and
 * faultin_page in mm/gup.c): MAP_POPULATE, mlock, MADV_POPULATE_*, growth of locked memory.
 */
#include "vm/memory_internal.h"

/* Already as an access of flags would leave it: mapped, and for a write writable and dirty.
 * Read without the page-table lock: a hint only (handle_mm_fault looks again under it). */
static bool populated(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);
	pte_t pte;

	if (!pmd_table(*pmd))
		return false;
	pte = *pte_offset(pmd, addr);
	return pte_valid(pte) && (!flags || (pte_write(pte) && pte_dirty(pte)));
}

/*
 * Fault in every page of [start, end) inside vma as handle_mm_fault would for an access of
 * fault_flags (FAULT_FLAG_WRITE: every page real, dirty and writable, never the zero page; 0:
 * a read, which maps the zero page in private memory); pages already satisfying that are left
 * alone. A VMA without access (PROT_NONE) gets nothing, as in Linux. 0, -ENOMEM when out of
 * memory (the pages faulted in so far stay), -EFAULT if a level-1 section sits in the range.
 * One address at a time, as Linux's __get_user_pages, not through the page-table walker: each
 * fault takes the page-table lock itself, which a walker's callback already holds.
 */
int populate_range_flags(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			 unsigned int flags)
{
	if (!(vma->vm_flags & VM_ACCESS_FLAGS))
		return 0;
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		int ret;

		if (populated(vma->vm_mm, addr, flags))
			continue;
		ret = handle_mm_fault(vma, addr, flags);
		if (ret)
			return (ret & VM_FAULT_OOM) ? -ENOMEM : -EFAULT;
	}
	return 0;
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
