/*
 * pagemap.c - read-only walks of the application's page tables for /proc/<pid>/pagemap
 * (Linux's pagemap_pmd_range in fs/proc/task_mmu.c). Reads only: no table is allocated, no
 * entry changed.
 */
#include "vm/pagemap.h"
#include "vm/pagewalk.h"

struct pagemapread {
	const struct vm_area_struct *vma;
	uint64_t *out; /* the entry of the page being walked */
	bool show_pfn;
};

static uint64_t pte_to_pagemap_entry(const struct pagemapread *pm, pte_t pte)
{
	uint64_t entry = PM_PRESENT;

	/* No soft-dirty tracking on ARM (Linux's CONFIG_MEM_SOFT_DIRTY is x86, s390 and powerpc
	 * only): bit 55 stays clear; no swap: bit 62 too. */
	if (pm->show_pfn)
		entry |= (uint64_t)pte_pfn(pte) & PM_PFRAME_MASK;
	/* The zero page is no normal page: neither file nor exclusive (vm_normal_page). */
	if (pte_pfn(pte) == zero_pfn)
		return entry;
	if (pm->vma->vm_flags & VM_SHARED)
		entry |= PM_FILE;   /* shmem on Linux */
	entry |= PM_MMAP_EXCLUSIVE; /* one mm, no fork: every page is mapped once */
	return entry;
}

static int pagemap_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;

	(void)addr;
	if (pte_present(*ptep))
		*pm->out = pte_to_pagemap_entry(pm, *ptep);
	pm->out++;
	return 0;
}

static int pagemap_pte_hole(unsigned long addr, unsigned long next, struct mm_walk *walk)
{
	struct pagemapread *pm = walk->private;

	pm->out += (next - addr) >> PAGE_SHIFT;
	return 0;
}

static const struct mm_walk_ops pagemap_walk_ops = {
	.pte_entry = pagemap_pte_entry,
	.pte_hole = pagemap_pte_hole,
};

void pagemap_range(struct mm_struct *mm, unsigned long start, unsigned long end, uint64_t *out,
		   bool show_pfn)
{
	for (unsigned long i = 0; i < (end - start) >> PAGE_SHIFT; i++)
		out[i] = 0;
	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = find_vma(mm, vma->vm_end)) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;
		struct pagemapread pm = {vma, out + ((s - start) >> PAGE_SHIFT), show_pfn};

		walk_page_range(mm, s, e, &pagemap_walk_ops, &pm);
	}
}
