/*
 * madvise_ptes.c - the page-table side of madvise (Linux's madvise_cold_or_pageout_pte_range
 * in mm/madvise.c); vm/madvise.c is the VMA side.
 */
#include "vm/memory_internal.h"

static int mkold_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	pte_t pte = *ptep;

	if (!pte_valid(pte) || !pte_young(pte) || !pte_normal_page(pte) ||
	    page_count(pte_page(pte)) != 1)
		return 0;
	set_pte(ptep, pte_mkold(pte));
	flush_span_add(walk->private, addr);
	return 0;
}

static const struct mm_walk_ops mkold_walk_ops = {
	.pte_entry = mkold_pte_entry,
};

/*
 * Make the present entries of [start, end) old (Linux's MADV_COLD/MADV_PAGEOUT part that ARM
 * shows): the Access flag is cleared, so the next access to each page is an Access flag fault.
 * Pages mapped more than once and the zero page are left alone, as Linux leaves pages with
 * other mappings. One TLB flush for the span of entries that may be cached.
 */
void mkold_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct flush_span flush = flush_span_init(start, end);

	walk_page_range(mm, start, end, &mkold_walk_ops, &flush);
	flush_span_finish(mm, &flush);
}
