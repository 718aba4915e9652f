/*
 * mprotect_ptes.c - the page-table side of mprotect (Linux's change_pte_range in
 * mm/mprotect.c); vm/mprotect.c is the VMA side. Kept apart so that the VMA layer can be
 * tested on the host against tests/host/fake_memory.c.
 */
#include "vm/memory_internal.h"

struct change_prot_details {
	struct vm_area_struct *vma;
	pgprot_t newprot;
	struct flush_span flush;
};

static int change_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	struct change_prot_details *d = walk->private;
	pte_t old = *ptep, new;

	if (!pte_present(old))
		return 0;
	new = pte_modify_prot(old, d->newprot, pte_page_exclusive(d->vma, old));
	if (pte_val(new) == pte_val(old))
		return 0;
	if (pte_valid(new) && pte_exec(new) && (!pte_valid(old) || !pte_exec(old)) &&
	    pfn_valid(pte_pfn(new)))
		flush_icache_pfn(pte_pfn(new));
	set_pte(ptep, new);
	if (pte_maybe_cached(old))
		flush_span_add(&d->flush, addr);
	return 0;
}

static const struct mm_walk_ops change_prot_walk_ops = {
	.pte_entry = change_pte_entry,
};

/*
 * New protection for the present entries of [start, end): young and dirty are kept; write
 * permission only for pages that are ours alone (pte_page_exclusive), so the zero page and
 * copy-on-write pages stay read-only and the next write copies them. A page becoming
 * executable gets its instruction-cache maintenance. One TLB flush for the span of entries
 * that may be cached.
 */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot)
{
	struct change_prot_details d = {vma, newprot, flush_span_init(start, end)};

	walk_page_range(vma->vm_mm, start, end, &change_prot_walk_ops, &d);
	flush_span_finish(vma->vm_mm, &d.flush);
}
