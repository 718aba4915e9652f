/*
 * pagewalk.h - the one walk over the application's page tables (Linux's mm/pagewalk.c).
 * Every range operation on them goes through it: unmapping (vm/memory.c), moves and
 * duplicates (vm/mremap_ptes.c), making pages old (vm/madvise_ptes.c), mincore
 * (vm/mincore_ptes.c), populating (vm/gup.c), and the readers of /proc and getrusage
 * (runtime/procfs.c, runtime/rusage.c, vm/report.c). The one exception is change_protection
 * (vm/mprotect_ptes.c), which open-codes the same walk (the same entries, under the same lock)
 * to keep a one-page mprotect short.
 *
 * Two levels (platform/pgtable.h): a level-1 entry maps 1 MiB by a level-2 table of 256 ptes;
 * the application's range never holds sections. For each level-1 entry meeting [start, end):
 * - no table: ops->pte_hole(addr, next) if given; with the walk installing tables
 *   (apply_to_page_range), a table is allocated first instead (-ENOMEM when there is no
 *   memory, -EFAULT on a section);
 * - a table: ops->pmd_entry(pmd, addr, next) if given, which may set walk->action to
 *   ACTION_CONTINUE to skip the table's entries (having handled the whole 1 MiB, or more:
 *   mremap moves a 4 MiB group by its level-1 entries, which leaves the next three empty);
 *   then ops->pte_entry(pte, addr) for every entry of the part, present or not.
 * A callback returning non-zero ends the walk with that value. The walk reads entries and
 * changes none: the callbacks store, and end with the barriers or TLB flush their stores need
 * (platform/pgtable.h).
 *
 * pte_entry runs under mm->page_table_lock, taken for each table's part of the range (Linux's
 * pte_offset_map_lock in walk_pte_range): a callback must not sleep or copy to or from the
 * application (a fault there takes the same lock); readers gather into runtime buffers and
 * copy afterwards (mincore, pagemap). pmd_entry and pte_hole run without it.
 *
 * The walk is an inline function: an operation whose callbacks are static functions in a
 * constant mm_walk_ops gets them inlined into one loop per level, as an open-coded walk would
 * be; fault-path neighbours (unmap) stay as cheap as they were.
 */
#ifndef UNIARM_VM_PAGEWALK_H
#define UNIARM_VM_PAGEWALK_H

#include <errno.h>
#include <stdbool.h>
#include "platform/pgtable.h"
#include "runtime/compiler.h"
#include "runtime/spinlock.h"
#include "vm/mm_user.h"

struct mm_struct;
struct mm_walk;

enum page_walk_action {
	ACTION_SUBTREE = 0,  /* walk the table's entries (the default) */
	ACTION_CONTINUE = 1, /* pmd_entry handled this level-1 entry: go to the next */
};

struct mm_walk_ops {
	int (*pmd_entry)(pmd_t *pmd, unsigned long addr, unsigned long next, struct mm_walk *walk);
	int (*pte_entry)(pte_t *pte, unsigned long addr, struct mm_walk *walk);
	int (*pte_hole)(unsigned long addr, unsigned long next, struct mm_walk *walk);
};

struct mm_walk {
	const struct mm_walk_ops *ops;
	struct mm_struct *mm;
	void *private;
	enum page_walk_action action;
};

/* ops is passed apart from walk (which the callbacks receive, so its fields are not known to
 * stay constant): calls through a constant ops are what the compiler can inline. */
static __always_inline int walk_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
					  const struct mm_walk_ops *ops, struct mm_walk *walk)
{
	pte_t *first = pte_offset(pmd, addr), *last = first + ((end - addr) >> PAGE_SHIFT);

	/* The loop counts entries only: an entry's address is computed where the callback uses
	 * it, so skipping an empty entry costs a load and a test. */
	for (pte_t *pte = first; pte != last; pte++) {
		int err = ops->pte_entry(pte, addr + ((unsigned long)(pte - first) << PAGE_SHIFT),
					 walk);

		if (err)
			return err;
	}
	return 0;
}

/* The walk itself; install: allocate the level-2 tables missing in the range. */
static __always_inline int __walk_page_range(struct mm_struct *mm, unsigned long start,
					     unsigned long end, const struct mm_walk_ops *ops,
					     void *private, bool install)
{
	struct mm_walk walk = {ops, mm, private, ACTION_SUBTREE};
	int err;

	for (unsigned long addr = start, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd)) {
			if (install) {
				if (!pte_alloc(pmd, addr))
					return pmd_none(*pmd) ? -ENOMEM : -EFAULT;
			} else {
				if (ops->pte_hole && (err = ops->pte_hole(addr, next, &walk)))
					return err;
				continue;
			}
		}
		if (ops->pmd_entry) {
			walk.action = ACTION_SUBTREE;
			if ((err = ops->pmd_entry(pmd, addr, next, &walk)))
				return err;
			if (walk.action == ACTION_CONTINUE)
				continue;
		}
		if (ops->pte_entry) {
			spin_lock(&mm->page_table_lock);
			err = walk_pte_range(pmd, addr, next, ops, &walk);
			spin_unlock(&mm->page_table_lock);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Walk the existing tables of [start, end) (page aligned, below TASK_SIZE). */
static __always_inline int walk_page_range(struct mm_struct *mm, unsigned long start,
					   unsigned long end, const struct mm_walk_ops *ops,
					   void *private)
{
	return __walk_page_range(mm, start, end, ops, private, false);
}

/* Walk [start, end), first allocating the tables it lacks (Linux's apply_to_page_range):
 * every pte of the range is visited. */
static __always_inline int apply_to_page_range(struct mm_struct *mm, unsigned long start,
					       unsigned long end, const struct mm_walk_ops *ops,
					       void *private)
{
	return __walk_page_range(mm, start, end, ops, private, true);
}

#endif
