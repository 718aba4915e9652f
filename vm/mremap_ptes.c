/*
 * mremap_ptes.c - the page-table side of mremap (Linux's move_page_tables and move_ptes in
 * mm/mremap.c): moving entries, and dup_page_range, which lets the pages of a range be seen at
 * a second place too (mremap's duplicate of a shared mapping, MREMAP_DONTUNMAP of one).
 * vm/mremap.c is the VMA side.
 */
#include "vm/memory_internal.h"

/* The destination entry for the source entry at addr (its table exists: prepare_dst_tables). */
static inline pte_t *dst_pte(struct mm_struct *mm, unsigned long addr)
{
	return pte_offset(pmd_offset(pgd_offset(mm, addr), addr), addr);
}

/*
 * The source 4 MiB group at old can move whole to new: both aligned, the whole group inside
 * [start, end), the destination's four level-1 entries empty and the source's four pointing
 * into one page of tables (pte_alloc's layout). Then the level-1 entries move and no pte is
 * touched.
 */
static bool group_movable(struct mm_struct *mm, unsigned long old, unsigned long new,
			  unsigned long start, unsigned long end)
{
	pmd_t *src = pmd_offset(pgd_offset(mm, old), old);
	pmd_t *dst = pmd_offset(pgd_offset(mm, new), new);

	if (((old | new) & (PTE_GROUP_SIZE - 1)) || old < start || end - old < PTE_GROUP_SIZE)
		return false;
	for (unsigned int i = 0; i < PMD_GROUP; i++)
		if (!pmd_none(dst[i]) || !pmd_table(src[i]) ||
		    (pmd_val(src[i]) & PAGE_MASK) != (pmd_val(src[0]) & PAGE_MASK))
			return false;
	return true;
}

struct move_details {
	unsigned long start, end, delta;
	bool movable; /* whole groups may move by their level-1 entries */
	bool moved_valid;
};

/* The group of addr, when it moves whole (checked the same way for its four entries, which
 * stay as they are until the move). */
static inline bool in_movable_group(struct mm_walk *walk, unsigned long addr)
{
	const struct move_details *d = walk->private;
	unsigned long g = addr & ~(PTE_GROUP_SIZE - 1);

	return d->movable && group_movable(walk->mm, g, g + d->delta, d->start, d->end);
}

static int prepare_pmd_entry(pmd_t *pmd, unsigned long addr, unsigned long next,
			     struct mm_walk *walk)
{
	(void)pmd, (void)next;
	if (in_movable_group(walk, addr))
		walk->action = ACTION_CONTINUE; /* moves by its level-1 entries: no table needed */
	return 0;
}

static int prepare_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	const struct move_details *d = walk->private;
	unsigned long dst = addr + d->delta;
	pmd_t *dpmd;

	if (pte_none(*ptep))
		return 0;
	dpmd = pmd_offset(pgd_offset(walk->mm, dst), dst);
	if (!pmd_table(*dpmd) && !pte_alloc(dpmd, dst))
		return -ENOMEM;
	return 0;
}

static const struct mm_walk_ops prepare_walk_ops = {
	.pmd_entry = prepare_pmd_entry,
	.pte_entry = prepare_pte_entry,
};

/*
 * Allocate the level-2 tables the entries of [src, src + len) need at dst: 0, or -ENOMEM
 * after freeing again the destination tables left empty. Whole 4 MiB groups that move by
 * their level-1 entries (movable, for move_page_tables) need none.
 */
static int prepare_dst_tables(struct mm_struct *mm, unsigned long src, unsigned long dst,
			      unsigned long len, bool movable)
{
	struct move_details d = {src, src + len, dst - src, movable, false};

	if (walk_page_range(mm, src, src + len, &prepare_walk_ops, &d)) {
		free_pgtables(mm, dst, dst + len, 0, 0);
		return -ENOMEM;
	}
	return 0;
}

static int move_pmd_entry(pmd_t *pmd, unsigned long addr, unsigned long next, struct mm_walk *walk)
{
	struct move_details *d = walk->private;
	pmd_t *dst;

	(void)next;
	if ((addr & (PTE_GROUP_SIZE - 1)) || !in_movable_group(walk, addr))
		return 0;
	/* The group's four level-1 entries move; the next three are empty now, so the walk
	 * passes them as holes. */
	dst = pmd_offset(pgd_offset(walk->mm, addr + d->delta), addr + d->delta);
	for (unsigned int i = 0; i < PMD_GROUP; i++) {
		dst[i] = pmd[i];
		pmd[i] = __pmd(0);
	}
	d->moved_valid = true;
	walk->action = ACTION_CONTINUE;
	return 0;
}

static int move_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	struct move_details *d = walk->private;
	pte_t pte = *ptep;

	if (pte_none(pte))
		return 0;
	set_pte(dst_pte(walk->mm, addr + d->delta), pte);
	ptep_get_and_clear(walk->mm, addr, ptep);
	d->moved_valid |= pte_valid(pte);
	return 0;
}

static const struct mm_walk_ops move_walk_ops = {
	.pmd_entry = move_pmd_entry,
	.pte_entry = move_pte_entry,
};

/*
 * Move the entries of [old_addr, old_addr + len) to new_addr (Linux's move_page_tables; the
 * ranges do not overlap and the destination is empty). First every destination table that
 * will be needed is allocated, so that a failure (-ENOMEM) changes no entry; the tables it
 * allocated are freed again if empty. Then the entries move (whole 4 MiB groups by their
 * level-1 entries when aligned), the source range is flushed from the TLB, and source tables
 * left empty are freed.
 */
int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len)
{
	unsigned long old_end = old_addr + len;
	struct move_details d = {old_addr, old_end, new_addr - old_addr, true, false};

	if (prepare_dst_tables(mm, old_addr, new_addr, len, true))
		return -ENOMEM;
	walk_page_range(mm, old_addr, old_end, &move_walk_ops, &d);
	/* The old translations go; the barriers also publish the new entries. */
	if (d.moved_valid)
		flush_tlb_range(mm, old_addr, old_end);
	else
		emit_pte_barriers();
	free_pgtables(mm, old_addr, old_end, 0, 0);
	return 0;
}

struct dup_details {
	struct vm_area_struct *svma, *dvma;
	unsigned long delta;
	struct flush_span flush;
};

static int dup_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	struct dup_details *d = walk->private;
	pte_t pte = *ptep;

	if (!pte_present(pte))
		return 0;
	if (pte_normal_page(pte)) {
		get_page(pte_page(pte));
		add_mm_rss(walk->mm, 1);
	}
	set_pte(dst_pte(walk->mm, addr + d->delta),
		pte_modify_prot(pte, d->dvma->vm_page_prot, pte_page_exclusive(d->dvma, pte)));
	if (pte_write(pte) && (!d->svma || !pte_page_exclusive(d->svma, pte))) {
		set_pte(ptep, pte_wrprotect(pte));
		if (pte_maybe_cached(pte))
			flush_span_add(&d->flush, addr);
	}
	return 0;
}

static const struct mm_walk_ops dup_walk_ops = {
	.pte_entry = dup_pte_entry,
};

/*
 * Let the memory of [src, src + len) be seen also at dst (inside one VMA, its entries empty):
 * mremap's duplicate (old_len 0) and MREMAP_DONTUNMAP of shared mappings
 * (vm/mmap_internal.h). Every present source entry is copied with the destination VMA's
 * protection, keeping young and dirty, and its page gains a reference (the zero page is
 * shared without one). A page of a private source mapping is then no longer ours alone: its
 * source entry loses write permission, so the next write there copies it. 0, -EINVAL when
 * dst is not inside a VMA, or -ENOMEM with no entry changed.
 */
int dup_page_range(struct mm_struct *mm, unsigned long src, unsigned long dst, unsigned long len)
{
	struct dup_details d = {find_vma(mm, src), find_vma(mm, dst), dst - src,
				flush_span_init(src, src + len)};
	int err;

	if (!d.dvma || d.dvma->vm_start > dst || dst + len > d.dvma->vm_end)
		return -EINVAL;
	err = prepare_dst_tables(mm, src, dst, len, false);
	if (err)
		return err;
	walk_page_range(mm, src, src + len, &dup_walk_ops, &d);
	flush_span_finish(mm, &d.flush);
	return 0;
}
