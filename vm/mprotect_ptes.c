/*
 * mprotect_ptes.c - the page-table side of mprotect (Linux's change_protection_range,
 * change_pte_range in mm/mprotect.c); vm/mprotect.c is the VMA side. Kept apart so that the
 * VMA layer can be tested on the host against tests/host/fake_memory.c.
 *
 * The walk is open-coded rather than walk_page_range's (vm/pagewalk.h): it visits the same
 * entries (those of the existing tables of the range, under page_table_lock), but keeps the
 * flush span in registers and flushes one page by MVA when one entry that may be cached
 * changed, which is what mprotect of a page in a signal handler (Appel-Li) does.
 */
#include "vm/memory_internal.h"

/*
 * New protection for the present entry *pte of addr: young and dirty are kept; write
 * permission only for pages that are ours alone (pte_page_exclusive), so the zero page and
 * copy-on-write pages stay read-only and the next write copies them. A page becoming
 * executable gets its instruction-cache maintenance. True when an entry that may have been
 * cached in the TLB (pte_maybe_cached) changed: the caller flushes addr.
 */
static __always_inline bool change_pte(struct vm_area_struct *vma, pte_t *pte, pgprot_t newprot)
{
	pte_t old = *pte, new;

	if (!pte_present(old))
		return false;
	/* Without write permission in newprot, pte_modify_prot's wrprotect changes nothing: the
	 * entry's exclusivity need not be known. */
	new = pte_modify_prot(old, newprot,
			      (pgprot_val(newprot) & L_PTE_WRITE) && pte_page_exclusive(vma, old));
	if (pte_same(new, old))
		return false;
	if (pte_valid(new) && pte_exec(new) && (!pte_valid(old) || !pte_exec(old)) &&
	    pfn_valid(pte_pfn(new)))
		flush_icache_pfn(pte_pfn(new));
	set_pte(pte, new);
	return pte_maybe_cached(old);
}

/* More than one page: the walk of every table meeting the range, one flush at the end. */
static __attribute__((noinline)) void change_protection_range(struct vm_area_struct *vma,
							      unsigned long start,
							      unsigned long end, pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long fstart = end, fend = start, next;

	for (unsigned long addr = start; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd))
			continue;
		spin_lock(&mm->page_table_lock);
		for (pte_t *pte = pte_offset(pmd, addr); addr != next; addr += PAGE_SIZE, pte++) {
			if (change_pte(vma, pte, newprot)) {
				if (addr < fstart)
					fstart = addr;
				fend = addr + PAGE_SIZE;
			}
		}
		spin_unlock(&mm->page_table_lock);
	}
	if (fstart >= fend)
		emit_pte_barriers();
	else if (fend - fstart == PAGE_SIZE)
		flush_tlb_page(mm, fstart);
	else
		flush_tlb_range(mm, fstart, fend);
}

/*
 * The present entries of [start, end) get newprot (change_pte). One TLB flush for the span of
 * entries that may be cached: a single page by MVA, more by flush_tlb_range; when nothing
 * cached changed, the barriers that make the new entries visible. One page (mprotect of a
 * page in a signal handler: Appel-Li) is done here, without the loops.
 */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t pmd = *pmd_offset(pgd_offset(mm, start), start);
	bool cached = false;

	if (end - start != PAGE_SIZE) {
		change_protection_range(vma, start, end, newprot);
		return;
	}
	/* The level-1 entry read once: tables are installed under the mmap lock, which we hold
	 * for writing (the fault path takes it for reading). */
	if (pmd_table(pmd)) {
		spin_lock(&mm->page_table_lock);
		cached = change_pte(vma, pmd_page_vaddr(pmd) + pte_index(start), newprot);
		spin_unlock(&mm->page_table_lock);
	}
	if (cached)
		flush_tlb_page(mm, start);
	else
		emit_pte_barriers();
}
