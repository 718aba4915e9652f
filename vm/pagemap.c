/*
 * pagemap.c - read-only looks at the application's page tables for /proc/<pid>/smaps and
 * /proc/<pid>/pagemap (Linux's fs/proc/task_mmu.c). Reads only: no table is allocated, no
 * entry changed.
 */
#include "vm/pagemap.h"

pte_t user_pte_get(unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

	if (!pmd_table(*pmd))
		return __pte(0);
	return *pte_offset(pmd, addr);
}

uint64_t pagemap_entry(const struct vm_area_struct *vma, unsigned long addr, bool show_pfn)
{
	uint64_t entry = 0;
	pte_t pte;

	/* No soft-dirty tracking on ARM (Linux's CONFIG_MEM_SOFT_DIRTY is x86, s390 and powerpc
	 * only): bit 55 stays clear; no swap: bit 62 too. */
	if (!vma)
		return 0;
	pte = user_pte_get(addr);
	if (!pte_present(pte))
		return 0;
	entry |= PM_PRESENT;
	if (show_pfn)
		entry |= (uint64_t)pte_pfn(pte) & PM_PFRAME_MASK;
	/* The zero page is no normal page: neither file nor exclusive (vm_normal_page). */
	if (pte_pfn(pte) == zero_pfn)
		return entry;
	if (vma->vm_flags & VM_SHARED)
		entry |= PM_FILE;   /* shmem on Linux */
	entry |= PM_MMAP_EXCLUSIVE; /* one mm, no fork: every page is mapped once */
	return entry;
}
