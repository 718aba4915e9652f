/*
 * mincore_ptes.c - the page-table side of mincore (Linux's mincore_pte_range and
 * mincore_unmapped_range in mm/mincore.c); vm/mincore.c is the system call.
 */
#include "vm/memory_internal.h"

/* A page is resident when an entry maps it: the zero page and PROT_NONE entries included. */
static int mincore_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	unsigned char *vec = walk->private;

	(void)addr;
	*vec++ = pte_present(*ptep) ? 1 : 0;
	walk->private = vec;
	return 0;
}

static int mincore_unmapped_range(unsigned long addr, unsigned long next, struct mm_walk *walk)
{
	unsigned char *vec = walk->private;

	for (; addr < next; addr += PAGE_SIZE)
		*vec++ = 0;
	walk->private = vec;
	return 0;
}

static const struct mm_walk_ops mincore_walk_ops = {
	.pte_entry = mincore_pte_entry,
	.pte_hole = mincore_unmapped_range,
};

void mincore_range(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned char *vec)
{
	walk_page_range(mm, start, end, &mincore_walk_ops, vec);
}
