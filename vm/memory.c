/*
 * The application's page faults and the unmapping of its memory (docs/vm-user.md, "Faults"):
 * demand paging of anonymous memory with a shared zero page (private mappings; a shared
 * mapping's read gets a page of its own, as Linux's shmem does), copy-on-write, young and dirty
 * tracking through the Access flag and write protection (platform/pgtable.h), and zapping a
 * range with the page tables it leaves empty. Modelled on Linux's mm/memory.c
 * (handle_pte_fault, do_anonymous_page, do_wp_page, zap_pte_range, free_pgtables). The other
 * range operations on the tables live beside it: vm/mprotect_ptes.c, vm/mremap_ptes.c,
 * vm/madvise_ptes.c, vm/mincore_ptes.c, vm/gup.c, all through vm/pagewalk.h.
 *
 * Rules every path follows:
 * - A pte is present only inside a VMA; the zero page is never refcounted or freed; every
 *   other mapped page holds one reference per pte mapping it, dropped when the pte goes.
 * - In a private mapping, the zero page and any page with more than one reference are never
 *   hardware-writable (their ptes lack the software WRITE bit), so a write to them always
 *   reaches do_wp_page, which copies; a pte with WRITE set maps a page that is ours alone, and
 *   a write fault on it only marks it dirty. A shared mapping writes to its pages in place.
 * - Filling an empty entry needs the barriers of set_pte_at only (an invalid entry is never
 *   cached in a TLB). Replacing a valid entry flushes that page's TLB entry, except when the
 *   old entry had the Access flag clear: the architecture never holds such an entry in a TLB
 *   (ARM ARM DDI 0406C, B3.7.1, software management of the Access flag), so it may be
 *   rewritten with the barriers alone.
 *
 * The fault path is the hot one (budgets in instructions per fault, exception entry and exit
 * included: 340 for an anonymous write, 150 for a zero-page read, 400 for a write after a
 * read): it is straight-line code without loops or printing, the level-2 table walk is
 * open-coded (one address, not a range: vm/pagewalk.h is for ranges), and counters are plain
 * increments.
 *
 * Locking (docs/tasks.md, "Locks"): the VMAs are stable under the mmap lock (or find_vma's
 * cache, vm/mmap_lock.h); the entries are read and changed under app_mm.page_table_lock, as
 * Linux's pte_offset_map_lock. Code that lets the lock go to allocate or copy a page takes it
 * again and checks that the entry is still what it saw (pte_none, pte_same), backing off if
 * not, so nothing here depends on the allocation not sleeping.
 */
#include "vm/memory_internal.h"
#include "platform/page.h"
#include "runtime/compiler.h"
#include "runtime/printk.h"
#include "runtime/spinlock.h"
#include "vm/gfp.h"

#include <errno.h>
#include <stdbool.h>

struct vm_event_counts vm_events;

/* The shared zero page (zero_page_init). Read faults on private anonymous memory map it
 * read-only; it is never freed and holds no reference per mapping. */
unsigned long zero_pfn;

/* --- helpers -------------------------------------------------------------------------- */

static inline void pte_lock(void)
{
	spin_lock(&app_mm.page_table_lock);
}

static inline void pte_unlock(void)
{
	spin_unlock(&app_mm.page_table_lock);
}

/* Replace the entry old at ptep: a TLB flush only if old may sit in the TLB (valid and
 * young), the barriers of set_pte_at otherwise. */
static inline void replace_pte(unsigned long addr, pte_t *ptep, pte_t old, pte_t entry)
{
	set_pte(ptep, entry);
	if (pte_maybe_cached(old))
		flush_tlb_page(&app_mm, addr); /* its DSB orders the store before the TLBI */
	else
		emit_pte_barriers();
}

/* A cleared page for the application, and its pfn: one kzerod cleared in idle time if there is
 * one (vm/prezero.c), else a fresh one cleared here. NULL when out of memory. */
static inline struct page *alloc_zeroed_user_page(unsigned long *pfn)
{
	struct page *page = alloc_prezeroed_page();

	if (page) {
		vm_events.zero_fill_prezeroed++;
		*pfn = page_to_pfn(page);
		return page;
	}
	page = alloc_user_page(GFP_KERNEL | __GFP_NOWARN);
	if (likely(page)) {
		*pfn = page_to_pfn(page);
		clear_page(pfn_address(*pfn));
	}
	return page;
}

/* --- the zero page ---------------------------------------------------- */

/* Allocate and clear the zero page. False when there is no page for it. */
static bool zero_page_alloc(void)
{
	struct page *page;

	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!page)
		return false;
	clear_page(page_address(page));
	flush_icache_pfn(page_to_pfn(page)); /* an instruction fetch from it sees zeros */
	zero_pfn = page_to_pfn(page);
	return true;
}

/* Boot: the shared zero page, before the application runs. It is never freed. */
void zero_page_init(void)
{
	if (!zero_page_alloc())
		panic("zero_page_init: no memory for the zero page");
}

/* --- faults ----------------------------------------------------------------------------- */

/*
 * The fast paths are shaped for the instruction count: handle_mm_fault needs no stack frame
 * (it only tail-calls), do_anonymous_write is the one frame on a first write, arguments stay
 * at four or fewer (no stack arguments), and the pfn of a new page is computed once.
 */
#define __fastpath __attribute__((always_inline)) inline
#define __slowpath __attribute__((noinline))

/*
 * A fresh page for an empty entry, cleared, mapped young: for a write also dirty and writable
 * (the VMA is VM_WRITE: the caller checked); for a read (shared mappings only) clean, with the
 * VMA's protection. Its reference is the mapping's. Called without the page-table lock; the
 * page is prepared outside it and the entry checked again under it: if another fault filled
 * it meanwhile, that one's page stays and this one goes back.
 */
static __fastpath int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
					bool write)
{
	struct page *page;
	unsigned long pfn;
	pte_t entry;

	if (write && unlikely(!vma->anon_vma))
		anon_vma_prepare(vma); /* its first anonymous page */
	page = alloc_zeroed_user_page(&pfn);
	if (unlikely(!page))
		return VM_FAULT_OOM;
	entry = pfn_pte(pfn, vma->vm_page_prot);
	if (write)
		entry = pte_mkdirty(pte_mkwrite(entry));
	if (unlikely(pte_exec(entry)))
		flush_icache_pfn(pfn);
	pte_lock();
	if (unlikely(!pte_none(*ptep))) {
		pte_unlock();
		__free_page(page);
		return 0;
	}
	set_pte_at(&app_mm, addr, ptep, entry);
	pte_unlock();
	add_mm_rss(&app_mm, 1);
	vm_events.zero_fill++;
	app_mm.min_flt++;
	return 0;
}

/* Write on an empty entry. */
static __slowpath int do_anonymous_write(struct vm_area_struct *vma, unsigned long addr,
					 pte_t *ptep)
{
	return do_anonymous_page(vma, addr, ptep, true);
}

/*
 * Read on an empty entry the zero page cannot serve: in a shared mapping, whose pages must be
 * the same for every view of it (mremap can duplicate one: dup_page_range), a read gets its
 * own page, as Linux's shared anonymous memory (shmem) does.
 */
static __slowpath int do_anonymous_read_slow(struct vm_area_struct *vma, unsigned long addr,
					     pte_t *ptep)
{
	pte_unlock();
	return do_anonymous_page(vma, addr, ptep, false);
}

/*
 * Read or instruction fetch on an empty entry of a private mapping: the zero page, read-only,
 * young. One store and the barrier; no page allocated. (zero_page_init made the zero page at
 * boot, before anything could fault.) Called with the page-table lock, which it releases.
 */
static __fastpath int do_anonymous_read(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep)
{
	unsigned long pfn = zero_pfn;

	if (unlikely(vma->vm_flags & VM_SHARED))
		return do_anonymous_read_slow(vma, addr, ptep);
	set_pte_at(&app_mm, addr, ptep, pte_wrprotect(pfn_pte(pfn, vma->vm_page_prot)));
	pte_unlock();
	vm_events.zero_page_maps++;
	app_mm.min_flt++;
	return 0;
}

/*
 * Write to a present entry without the software WRITE bit in a VM_WRITE VMA (Linux's
 * do_wp_page). A page that is ours alone is reused: marked writable, dirty and young. The
 * zero page, or a private page with other references, is copied into a fresh page (the zero
 * page by clearing, which is cheaper than copying zeros) that replaces it in the entry; the
 * old page loses the mapping's reference after the TLB no longer holds it. Called with the
 * page-table lock, which it releases; the copy is made outside it, with a reference of its own
 * on the old page, and goes in only if the entry is still orig.
 */
static __slowpath int do_wp_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				 pte_t orig)
{
	unsigned long old_pfn = pte_pfn(orig), pfn;
	struct page *page;

	if (!is_zero_pfn(old_pfn)) {
		if (unlikely(!pfn_valid(old_pfn))) {
			pte_unlock();
			return VM_FAULT_SIGSEGV;
		}
		if (page_count(pfn_to_page(old_pfn)) == 1 || (vma->vm_flags & VM_SHARED)) {
			replace_pte(addr, ptep, orig, pte_mkyoung(pte_mkdirty(pte_mkwrite(orig))));
			pte_unlock();
			vm_events.reuse++;
			app_mm.min_flt++;
			return 0;
		}
		get_page(pfn_to_page(old_pfn)); /* the copy's source stays until it is made */
	}
	pte_unlock();
	if (unlikely(!vma->anon_vma))
		anon_vma_prepare(vma); /* a copy of the zero page is its first anonymous page */
	if (is_zero_pfn(old_pfn)) {
		page = alloc_zeroed_user_page(&pfn);
	} else {
		page = alloc_user_page(GFP_KERNEL | __GFP_NOWARN);
		if (likely(page)) {
			pfn = page_to_pfn(page);
			copy_page(pfn_address(pfn), pfn_address(old_pfn));
		}
	}
	if (unlikely(!page)) {
		if (!is_zero_pfn(old_pfn))
			put_page(pfn_to_page(old_pfn));
		return VM_FAULT_OOM;
	}
	if (unlikely(vma->vm_flags & VM_EXEC))
		flush_icache_pfn(pfn);
	pte_lock();
	if (unlikely(!pte_same(*ptep, orig))) { /* another fault got there first */
		pte_unlock();
		__free_page(page);
		if (!is_zero_pfn(old_pfn))
			put_page(pfn_to_page(old_pfn));
		return 0;
	}
	replace_pte(addr, ptep, orig, pte_mkdirty(pte_mkwrite(pfn_pte(pfn, vma->vm_page_prot))));
	pte_unlock();
	if (is_zero_pfn(old_pfn)) {
		add_mm_rss(&app_mm, 1); /* the zero page was not counted */
	} else {
		put_page(pfn_to_page(old_pfn)); /* the copy's reference */
		put_page(pfn_to_page(old_pfn)); /* the mapping's */
	}
	vm_events.cow++;
	app_mm.min_flt++;
	return 0;
}

static int do_present_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			    unsigned int flags);

/*
 * The entry does not allow an access the VMA allows: a PROT_NONE entry left in a VMA that has
 * become accessible, or an XN entry in an executable one. Rebuild it from vm_page_prot
 * (keeping young and dirty, write permission only for an exclusive page), then finish as a
 * fault on a present entry (a write may still need do_wp_page or the dirty bit). Called with
 * the page-table lock, which it releases.
 */
static __slowpath int do_prot_fixup(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				    unsigned int flags)
{
	pte_t orig = *ptep;
	pte_t entry = pte_mkyoung(
		pte_modify_prot(orig, vma->vm_page_prot, pte_page_exclusive(vma, orig)));

	if (!pte_valid(entry) || ((flags & FAULT_FLAG_EXEC) && !pte_exec(entry))) {
		pte_unlock();
		return VM_FAULT_SIGSEGV;
	}
	if (pte_exec(entry) && (!pte_valid(orig) || !pte_exec(orig)) && pfn_valid(pte_pfn(entry)))
		flush_icache_pfn(pte_pfn(entry));
	replace_pte(addr, ptep, orig, entry);
	if ((flags & FAULT_FLAG_WRITE) && !(pte_write(entry) && pte_dirty(entry)))
		return do_present_fault(vma, addr, ptep, flags);
	pte_unlock();
	app_mm.min_flt++;
	return 0;
}

/*
 * A fault on a present entry: a write without WRITE goes to do_wp_page; a write to a clean
 * writable page marks it dirty; an entry whose Access flag is clear becomes young (both in one
 * update, as the Access flag fault is reported first). An entry that already allows the access
 * was a stale TLB entry: flushing it is the fix. Called with the page-table lock, which it
 * (or the handler it passes the fault to) releases.
 */
static __slowpath int do_present_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				       unsigned int flags)
{
	pte_t orig = *ptep, entry = orig;

	if (unlikely(!pte_valid(entry)))
		return do_prot_fixup(vma, addr, ptep, flags);
	if (flags & FAULT_FLAG_WRITE) {
		if (!pte_write(entry))
			return do_wp_page(vma, addr, ptep, entry);
		if (!pte_dirty(entry)) {
			entry = pte_mkdirty(entry);
			vm_events.dirty++;
		}
	} else if (unlikely((flags & FAULT_FLAG_EXEC) && !pte_exec(entry))) {
		return do_prot_fixup(vma, addr, ptep, flags);
	}
	if (!pte_young(entry)) {
		entry = pte_mkyoung(entry);
		vm_events.access_flag++;
	}
	replace_pte(addr, ptep, orig, entry);
	pte_unlock();
	app_mm.min_flt++;
	return 0;
}

/*
 * One fault at addr whose level-2 entry is ptep (Linux's handle_pte_fault). The entry is
 * looked at under the page-table lock; each handler releases it (a write to an empty entry
 * at once: its page is allocated outside the lock).
 */
static __fastpath int handle_pte_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				       unsigned int flags)
{
	pte_lock();
	if (likely(pte_none(*ptep))) {
		if (flags & FAULT_FLAG_WRITE) {
			pte_unlock();
			return do_anonymous_write(vma, addr, ptep);
		}
		return do_anonymous_read(vma, addr, ptep);
	}
	return do_present_fault(vma, addr, ptep, flags);
}

/* The first fault in a 4 MiB group: its page of tables first. */
static __slowpath int handle_mm_fault_alloc(struct vm_area_struct *vma, unsigned long addr,
					    unsigned int flags)
{
	pmd_t *pmd = pmd_offset(pgd_offset(&app_mm, addr), addr);
	pte_t *ptep = pte_alloc(pmd, addr);

	if (unlikely(!ptep)) /* out of memory, or a section where the VMA is */
		return pmd_none(*pmd) ? VM_FAULT_OOM : VM_FAULT_SIGSEGV;
	return handle_pte_fault(vma, addr, ptep, flags);
}

/*
 * The caller (do_page_fault, populate_range) has found vma containing addr and checked that it
 * allows the access (a write fault only in a VM_WRITE VMA). Walks to the level-2 entry,
 * allocating the page of tables for a first touch of its 4 MiB group.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	pmd_t *pmd = pmd_offset(pgd_offset(&app_mm, addr), addr);

	if (unlikely(!pmd_table(*pmd)))
		return handle_mm_fault_alloc(vma, addr, flags);
	return handle_pte_fault(vma, addr, pte_offset(pmd, addr), flags);
}

/*
 * Map page (one reference, which becomes the mapping's) at addr of vma, as the first write
 * fault would map a fresh page there: young, and dirty and writable in a VM_WRITE VMA
 * (Linux's vm_insert_page, for exec's adoption of the image's pages, runtime/exec.c). A page
 * others hold references to too (the sigpage's, runtime/sigpage.c) is mapped as a read fault
 * maps the zero page in a private mapping: without WRITE, so that a write copies it. The
 * entry must be empty. 0, or -ENOMEM when there is no memory for the page of tables.
 */
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	pmd_t *pmd = pmd_offset(pgd_offset(&app_mm, addr), addr);
	pte_t *ptep = pte_alloc(pmd, addr);
	unsigned long pfn = page_to_pfn(page);
	pte_t entry;

	if (!ptep)
		return -ENOMEM;
	if (!vma->anon_vma)
		anon_vma_prepare(vma);
	entry = pfn_pte(pfn, vma->vm_page_prot);
	if ((vma->vm_flags & VM_WRITE) && ((vma->vm_flags & VM_SHARED) || page_count(page) == 1))
		entry = pte_mkdirty(pte_mkwrite(entry));
	else
		entry = pte_wrprotect(entry);
	if (pte_exec(entry))
		flush_icache_pfn(pfn);
	pte_lock();
	set_pte_at(&app_mm, addr, ptep, entry);
	pte_unlock();
	add_mm_rss(&app_mm, 1);
	return 0;
}

/* --- unmapping -------------------------------------------------------------------------- */

/*
 * Free the pages of tables of the 4 MiB groups meeting [start, end) that lie wholly inside
 * [floor, ceiling): no VMA outside the range being removed can have entries there.
 * free_pte_group_if_empty itself checks that all four tables of a group are empty.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long floor, unsigned long ceiling)
{
	(void)mm; /* one address space: the tables are swapper_pgd's */
	for (unsigned long g = start & ~(PTE_GROUP_SIZE - 1); g < end; g += PTE_GROUP_SIZE) {
		if (g >= floor && g + PTE_GROUP_SIZE - 1 <= ceiling - 1)
			free_pte_group_if_empty(g);
		if (g + PTE_GROUP_SIZE < g)
			break;
	}
}

struct zap_details {
	struct flush_span flush; /* entries that were valid */
	unsigned long freed;	 /* pages whose last reference went */
	bool saw_table;
};

static int zap_pmd_entry(pmd_t *pmd, unsigned long addr, unsigned long next, struct mm_walk *walk)
{
	(void)pmd, (void)addr, (void)next;
	((struct zap_details *)walk->private)->saw_table = true;
	return 0;
}

/* Linux's zap_pte_range, one entry: an empty entry costs a load and a test. */
static int zap_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	struct zap_details *d = walk->private;
	pte_t pte = *ptep;

	if (pte_none(pte))
		return 0;
	ptep_get_and_clear(walk->mm, addr, ptep);
	if (pte_valid(pte))
		flush_span_add(&d->flush, addr);
	if (pte_present(pte) && pte_normal_page(pte)) {
		put_page(pte_page(pte));
		d->freed++;
	}
	return 0;
}

static const struct mm_walk_ops zap_walk_ops = {
	.pmd_entry = zap_pmd_entry,
	.pte_entry = zap_pte_entry,
};

/*
 * Clear every entry of [start, end), dropping the mapping's reference on each page (the zero
 * page has none), then flush the TLB once for the span of entries that were valid. Freeing a
 * page before the flush is safe here: until this returns, nothing runs that uses the
 * application's addresses (one CPU; interrupt handlers never touch them).
 */
void unmap_region(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long floor,
		  unsigned long ceiling)
{
	struct zap_details d = {flush_span_init(start, end), 0, false};

	walk_page_range(mm, start, end, &zap_walk_ops, &d);
	if (d.freed) {
		update_hiwater_rss(mm); /* the peak before the drop */
		add_mm_rss(mm, -(long)d.freed);
	}
	if (d.flush.start < d.flush.end)
		flush_tlb_range(mm, d.flush.start, d.flush.end);
	/* A group's table page is linked from all four of its level-1 entries, so when none of
	 * the range's entries holds a table, no group the range touches has one to free. */
	if (d.saw_table)
		free_pgtables(mm, start, end, floor, ceiling);
}
