/*
 * memory_internal.h - what the page-table side of the application's address space shares:
 * vm/memory.c (faults, unmapping) and the range operations of vm/mprotect_ptes.c,
 * vm/mremap_ptes.c, vm/madvise_ptes.c, vm/mincore_ptes.c and vm/gup.c. The rules these keep
 * are in vm/memory.c's header comment.
 */
#ifndef UNIARM_VM_MEMORY_INTERNAL_H
#define UNIARM_VM_MEMORY_INTERNAL_H

#include <stdbool.h>
#include "platform/cacheflush.h"
#include "platform/pgtable.h"
#include "platform/tlbflush.h"
#include "vm/mm.h"
#include "vm/mm_user.h"
#include "vm/pagewalk.h"

static inline bool is_zero_pfn(unsigned long pfn)
{
	return pfn == zero_pfn;
}

static inline void *pfn_address(unsigned long pfn)
{
	return __va(PFN_PHYS(pfn));
}

/* A page mapped by the application that holds a reference per mapping (not the zero page). */
static inline bool pte_normal_page(pte_t pte)
{
	return !is_zero_pfn(pte_pfn(pte)) && pfn_valid(pte_pfn(pte));
}

/* Before a page of an executable VMA is mapped: instruction fetches see what was written. */
static inline void flush_icache_pfn(unsigned long pfn)
{
	unsigned long kaddr = (unsigned long)pfn_address(pfn);

	flush_icache_range(kaddr, kaddr + PAGE_SIZE);
}

/*
 * Whether the page behind a present pte of vma may be hardware-writable: never the zero page;
 * a page of a shared mapping always (its writes go to the page itself); a private page only
 * when it has a single reference (ours), else a write must copy it first.
 */
static inline bool pte_page_exclusive(const struct vm_area_struct *vma, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (is_zero_pfn(pfn) || !pfn_valid(pfn))
		return false;
	return (vma->vm_flags & VM_SHARED) || page_count(pfn_to_page(pfn)) == 1;
}

/* The entry for the page of pte under protection prot, keeping young and dirty; without
 * write permission unless exclusive. prot PAGE_NONE gives an invalid but present entry. */
static inline pte_t pte_modify_prot(pte_t pte, pgprot_t prot, bool exclusive)
{
	pte_t n = pfn_pte(pte_pfn(pte), prot);

	n = pte_young(pte) ? pte_mkyoung(n) : pte_mkold(n);
	if (pte_dirty(pte))
		n = pte_mkdirty(n);
	if (!exclusive)
		n = pte_wrprotect(n);
	return n;
}

/*
 * The span of pages whose entries a range operation changed while they may have been cached
 * in the TLB (valid and young): one flush at the end covers them all. Entries that were
 * invalid, or valid but old, are never held in a TLB (ARM ARM DDI 0406C, B3.7.1, software
 * management of the Access flag) and need only the barriers.
 */
struct flush_span {
	unsigned long start, end;
};

/* An empty span, for a range operation over [start, end). */
static inline struct flush_span flush_span_init(unsigned long start, unsigned long end)
{
	return (struct flush_span){end, start};
}

static inline void flush_span_add(struct flush_span *f, unsigned long addr)
{
	if (addr < f->start)
		f->start = addr;
	f->end = addr + PAGE_SIZE;
}

/* Flush what changed; when nothing cached changed, still make the new entries visible. */
static inline void flush_span_finish(struct mm_struct *mm, const struct flush_span *f)
{
	if (f->start < f->end)
		flush_tlb_range(mm, f->start, f->end);
	else
		emit_pte_barriers();
}

/* Whether an entry may be held in the TLB (so replacing it needs a flush). */
static inline bool pte_maybe_cached(pte_t pte)
{
	return pte_valid(pte) && pte_young(pte);
}

/* Free the pages of tables of the 4 MiB groups meeting [start, end) that lie wholly inside
 * [floor, ceiling) (ceiling 0: the top of the address space), as Linux's free_pgtables. */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long floor, unsigned long ceiling);

#endif
