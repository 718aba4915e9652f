/*
 * brk: the application's heap, from BRK_BASE up, in its own part of the address space. Growing
 * the break maps zeroed pages from the page allocator; shrinking unmaps and frees them (and
 * page tables left empty). As in Linux, brk returns the new break on success and the old one
 * on failure (out of memory, or outside [BRK_BASE, BRK_LIMIT]); brk(0) asks for the current
 * one. (Demand-paged VMAs replace the eager mapping in the next step of the VM work.)
 */
#include "runtime/brk.h"
#include "runtime/syscalls.h"
#include "platform/pgtable.h"
#include "vm/gfp.h"
#include "vm/mm.h"

static unsigned long cur_brk = BRK_BASE;
static unsigned long mapped_end = BRK_BASE; /* pages in [BRK_BASE, mapped_end) are mapped */

static pte_t *brk_pte(unsigned long addr, bool alloc)
{
	pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

	if (alloc)
		return pte_alloc(pmd, addr);
	return pmd_table(*pmd) ? pte_offset(pmd, addr) : NULL;
}

static void unmap_heap(unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = brk_pte(a, false);
		if (!pte || pte_none(*pte))
			continue;
		struct page *page = pte_page(*pte);
		pte_clear(NULL, a, pte);
		__free_page(page);
	}
	/* Give back the page tables of 4 MiB groups the heap no longer uses. */
	for (unsigned long g = start & ~(PMD_GROUP * PGDIR_SIZE - 1); g < end;
	     g += PMD_GROUP * PGDIR_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset_k(g), g);
		if (pmd_table(*pmd))
			pte_free(pmd, g);
	}
}

static int map_heap(unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
		pte_t *pte = page ? brk_pte(a, true) : NULL;

		if (!pte) {
			if (page)
				__free_page(page);
			unmap_heap(start, a);
			return -1;
		}
		set_pte_ext(pte, mk_pte(page, PAGE_KERNEL));
	}
	return 0;
}

void brk_init(void)
{
	cur_brk = mapped_end = BRK_BASE;
}

long sys_brk(unsigned long brk)
{
	unsigned long end = PAGE_ALIGN(brk);

	if (brk < BRK_BASE || brk > BRK_LIMIT)
		return (long)cur_brk;
	if (end > mapped_end) {
		if (map_heap(mapped_end, end))
			return (long)cur_brk;
	} else if (end < mapped_end) {
		unmap_heap(end, mapped_end);
	}
	mapped_end = end;
	cur_brk = brk;
	return (long)cur_brk;
}
