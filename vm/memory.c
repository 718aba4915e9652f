/*
 * The application's page tables and its page faults (docs/vm-user.md, "Faults"): demand
 * paging of anonymous memory with a shared zero page (private mappings; a shared mapping's
 * read gets a page of its own, as Linux's shmem does), copy-on-write, young and dirty tracking
 * through the Access flag and write protection (platform/pgtable.h), and the page-table side
 * of munmap, mprotect, mremap (moves, and dup_page_range for shared duplicates), MAP_POPULATE/
 * mlock and mincore. Modelled on Linux's mm/memory.c (handle_pte_fault, do_anonymous_page,
 * do_wp_page, zap_pte_range), mm/mprotect.c (change_pte_range) and mm/mremap.c (move_ptes).
 *
 * Rules every path follows:
 * - A pte is present only inside a VMA; the zero page is never refcounted or freed; every
 *   other mapped page holds one reference per pte mapping it, dropped when the pte goes.
 * - In a private mapping, the zero page and any page with more than one reference are never
 *   hardware-writable (their ptes lack the software WRITE bit), so a write to them always
 *   reaches do_wp_page, which copies; a pte with WRITE set maps a page that is ours alone, and
 *   a write fault on it only marks it dirty. A shared mapping writes to its pages in place.
 * - Installing into an empty entry needs the barrier of set_pte_at only (translation faults are
 *   never cached in a TLB). Replacing a valid entry flushes that page's TLB entry by MVA,
 *   except when the old entry had the Access flag clear: the architecture never holds such an
 *   entry in a TLB (ARM ARM DDI 0406C, B3.7.1, software management of the Access flag), so it
 *   may be rewritten with the barrier alone.
 *
 * The fault path is the hot one (budgets in instructions per fault, exception entry and exit
 * included: 340 for an anonymous write, 150 for a zero-page read, 400 for a write after a
 * read): it is straight-line code without loops or printing, the level-2 table walk is
 * open-coded, and counters are plain increments. Faults run with interrupts off (the abort
 * entry masks them), and uniarm has one CPU and one address space, so nothing else walks or
 * changes these tables meanwhile.
 */
#include "vm/mm_user.h"
#include "platform/cp15.h"
#include "platform/page.h"
#include "platform/pgtable.h"
#include "runtime/compiler.h"
#include "runtime/printk.h"
#include "vm/gfp.h"
#include "vm/mm.h"

#include <errno.h>
#include <stdbool.h>

/* The four level-2 tables of one page of tables cover this much (platform/pgtable.h). */
#define PTE_GROUP_SIZE (PMD_GROUP * PGDIR_SIZE)

struct vm_event_counts vm_events;

/* The shared zero page (zero_page_init). Read faults on private anonymous memory map it
 * read-only; it is never freed and holds no reference per mapping. */
unsigned long zero_pfn;

/* --- helpers -------------------------------------------------------------------------- */

static inline bool is_zero_pfn(unsigned long pfn)
{
	return pfn == zero_pfn;
}

/* The end of the 1 MiB level-1 entry holding addr, or end if that comes first. */
static inline unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & ~(PGDIR_SIZE - 1);

	return boundary - 1 < end - 1 ? boundary : end;
}

/* Replace the valid entry at ptep (which may be cached in the TLB) by entry. */
static inline void set_pte_flush(unsigned long addr, pte_t *ptep, pte_t entry)
{
	*ptep = entry;
	flush_tlb_kernel_page(addr); /* DSB first: the store reaches the walker before TLBI */
}

/* Replace the entry old at ptep: a TLB flush only if old may sit in the TLB (valid and
 * young), the barrier of set_pte_at otherwise. */
static inline void replace_pte(unsigned long addr, pte_t *ptep, pte_t old, pte_t entry)
{
	if (pte_valid(old) && pte_young(old))
		set_pte_flush(addr, ptep, entry);
	else
		set_pte_at(&init_mm, addr, ptep, entry);
}

/*
 * Make the page at kaddr (linear map) coherent for instruction fetches: clean its data-cache
 * lines to the point of unification, then invalidate the instruction caches (Cortex-A15's is
 * PIPT, so the linear-map alias serves for any mapping of the page). Only for pages of
 * executable VMAs; QEMU does not model caches, hardware does.
 */
static __attribute__((noinline)) void sync_icache_page(const void *kaddr)
{
	uint32_t ctr, line;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr)); /* CTR */
	line = 4u << ((ctr >> 16) & 0xfu);			   /* DminLine, bytes */
	for (uintptr_t p = (uintptr_t)kaddr; p < (uintptr_t)kaddr + PAGE_SIZE; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" ::"r"(p) : "memory"); /* DCCMVAU */
	dsb(ish);
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 0" ::"r"(0) : "memory"); /* ICIALLUIS */
	dsb(ish);
	isb();
}

static inline void *pfn_address(unsigned long pfn)
{
	return __va(PFN_PHYS(pfn));
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
 * write permission unless exclusive. prot L_PTE_NONE gives an invalid but present entry. */
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

/* --- the zero page and protections ---------------------------------------------------- */

/* Allocate and clear the zero page (once). False when there is no page for it. */
static bool zero_page_alloc(void)
{
	struct page *page;

	if (zero_pfn)
		return true;
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!page)
		return false;
	clear_page(page_address(page));
	sync_icache_page(page_address(page)); /* an instruction fetch from it sees zeros */
	zero_pfn = page_to_pfn(page);
	return true;
}

/* Boot: the shared zero page, before the application runs. It is never freed. */
void zero_page_init(void)
{
	if (!zero_page_alloc())
		panic("zero_page_init: no memory for the zero page");
}

/*
 * Linux's protection_map, indexed by VM_READ | VM_WRITE | VM_EXEC | VM_SHARED. Unlike Linux
 * (whose private writable protection is read-only, PAGE_COPY), a writable mapping, private or
 * shared, is write-permitted (software WRITE bit): copy-on-write is decided per page, since the
 * zero page and shared pages are always mapped without WRITE (see the rules above). Every
 * accessible entry is young (a page installed by a fault is young), clean (so read-only in
 * hardware until the first write marks it dirty), user, shareable write-back memory, and XN
 * unless VM_EXEC. No access at all is L_PTE_NONE: never valid to the MMU, still present.
 */
#define __PAGE_BASE                                                                                \
	(L_PTE_VALID | L_PTE_YOUNG | L_PTE_USER | L_PTE_SHARED | L_PTE_MT(MT_IDX_WBWA) |           \
	 L_PTE_RDONLY)
#define __PAGE_NONE	  __pgprot(L_PTE_NONE)
#define __PAGE_READONLY	  __pgprot(__PAGE_BASE | L_PTE_XN)
#define __PAGE_READONLY_X __pgprot(__PAGE_BASE)
#define __PAGE_WRITE	  __pgprot(__PAGE_BASE | L_PTE_WRITE | L_PTE_XN)
#define __PAGE_WRITE_X	  __pgprot(__PAGE_BASE | L_PTE_WRITE)

static const pgprot_t protection_map[16] = {
	[VM_NONE] = __PAGE_NONE,
	[VM_READ] = __PAGE_READONLY,
	[VM_WRITE] = __PAGE_WRITE,
	[VM_WRITE | VM_READ] = __PAGE_WRITE,
	[VM_EXEC] = __PAGE_READONLY_X,
	[VM_EXEC | VM_READ] = __PAGE_READONLY_X,
	[VM_EXEC | VM_WRITE] = __PAGE_WRITE_X,
	[VM_EXEC | VM_WRITE | VM_READ] = __PAGE_WRITE_X,
	[VM_SHARED] = __PAGE_NONE,
	[VM_SHARED | VM_READ] = __PAGE_READONLY,
	[VM_SHARED | VM_WRITE] = __PAGE_WRITE,
	[VM_SHARED | VM_WRITE | VM_READ] = __PAGE_WRITE,
	[VM_SHARED | VM_EXEC] = __PAGE_READONLY_X,
	[VM_SHARED | VM_EXEC | VM_READ] = __PAGE_READONLY_X,
	[VM_SHARED | VM_EXEC | VM_WRITE] = __PAGE_WRITE_X,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ] = __PAGE_WRITE_X,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
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
 * VMA's protection. Its reference is the mapping's.
 */
static __fastpath int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
					bool write)
{
	struct page *page;
	unsigned long pfn;
	pte_t entry;

	if (write && unlikely(!vma->anon_vma))
		anon_vma_prepare(vma); /* its first anonymous page */
	page = alloc_user_page(GFP_KERNEL | __GFP_NOWARN);
	if (unlikely(!page))
		return VM_FAULT_OOM;
	pfn = page_to_pfn(page);
	clear_page(pfn_address(pfn));
	entry = pfn_pte(pfn, vma->vm_page_prot);
	if (write)
		entry = pte_mkdirty(pte_mkwrite(entry));
	if (unlikely(pte_exec(entry)))
		sync_icache_page(pfn_address(pfn));
	set_pte_at(&init_mm, addr, ptep, entry);
	add_mm_rss(&init_mm, 1);
	vm_events.zero_fill++;
	init_mm.min_flt++;
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
 * own page, as Linux's shared anonymous memory (shmem) does; before zero_page_init (boot has
 * not called it), the zero page is allocated now.
 */
static __slowpath int do_anonymous_read_slow(struct vm_area_struct *vma, unsigned long addr,
					     pte_t *ptep)
{
	if (vma->vm_flags & VM_SHARED)
		return do_anonymous_page(vma, addr, ptep, false);
	if (!zero_page_alloc())
		return VM_FAULT_OOM;
	set_pte_at(&init_mm, addr, ptep, pte_wrprotect(pfn_pte(zero_pfn, vma->vm_page_prot)));
	vm_events.zero_page_maps++;
	init_mm.min_flt++;
	return 0;
}

/*
 * Read or instruction fetch on an empty entry of a private mapping: the zero page, read-only,
 * young. One store and the barrier; no page allocated.
 */
static __fastpath int do_anonymous_read(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep)
{
	unsigned long pfn = zero_pfn;

	if (unlikely(!pfn || (vma->vm_flags & VM_SHARED)))
		return do_anonymous_read_slow(vma, addr, ptep);
	set_pte_at(&init_mm, addr, ptep, pte_wrprotect(pfn_pte(pfn, vma->vm_page_prot)));
	vm_events.zero_page_maps++;
	init_mm.min_flt++;
	return 0;
}

/*
 * Write to a present entry without the software WRITE bit in a VM_WRITE VMA (Linux's
 * do_wp_page). A page that is ours alone is reused: marked writable, dirty and young. The
 * zero page, or a private page with other references, is copied into a fresh page (the zero
 * page by clearing, which is cheaper than copying zeros) that replaces it in the entry; the
 * old page loses the mapping's reference after the TLB no longer holds it.
 */
static __slowpath int do_wp_page(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				 pte_t orig)
{
	unsigned long old_pfn = pte_pfn(orig), pfn;
	struct page *page;

	if (!is_zero_pfn(old_pfn)) {
		if (unlikely(!pfn_valid(old_pfn)))
			return VM_FAULT_SIGSEGV;
		if (page_count(pfn_to_page(old_pfn)) == 1 || (vma->vm_flags & VM_SHARED)) {
			replace_pte(addr, ptep, orig, pte_mkyoung(pte_mkdirty(pte_mkwrite(orig))));
			vm_events.reuse++;
			init_mm.min_flt++;
			return 0;
		}
	}
	if (unlikely(!vma->anon_vma))
		anon_vma_prepare(vma); /* a copy of the zero page is its first anonymous page */
	page = alloc_user_page(GFP_KERNEL | __GFP_NOWARN);
	if (unlikely(!page))
		return VM_FAULT_OOM;
	pfn = page_to_pfn(page);
	if (is_zero_pfn(old_pfn)) {
		clear_page(pfn_address(pfn));
		add_mm_rss(&init_mm, 1); /* the zero page was not counted */
	} else {
		copy_page(pfn_address(pfn), pfn_address(old_pfn));
	}
	if (unlikely(vma->vm_flags & VM_EXEC))
		sync_icache_page(pfn_address(pfn));
	replace_pte(addr, ptep, orig, pte_mkdirty(pte_mkwrite(pfn_pte(pfn, vma->vm_page_prot))));
	if (!is_zero_pfn(old_pfn))
		put_page(pfn_to_page(old_pfn));
	vm_events.cow++;
	init_mm.min_flt++;
	return 0;
}

static int do_present_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			    unsigned int flags);

/*
 * The entry does not allow an access the VMA allows: a PROT_NONE entry left in a VMA that has
 * become accessible, or an XN entry in an executable one. Rebuild it from vm_page_prot
 * (keeping young and dirty, write permission only for an exclusive page), then finish as a
 * fault on a present entry (a write may still need do_wp_page or the dirty bit).
 */
static __slowpath int do_prot_fixup(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				    unsigned int flags)
{
	pte_t orig = *ptep;
	pte_t entry = pte_mkyoung(
		pte_modify_prot(orig, vma->vm_page_prot, pte_page_exclusive(vma, orig)));

	if (!pte_valid(entry) || ((flags & FAULT_FLAG_EXEC) && !pte_exec(entry)))
		return VM_FAULT_SIGSEGV;
	if (pte_exec(entry) && (!pte_valid(orig) || !pte_exec(orig)) && pfn_valid(pte_pfn(entry)))
		sync_icache_page(pfn_address(pte_pfn(entry)));
	replace_pte(addr, ptep, orig, entry);
	if ((flags & FAULT_FLAG_WRITE) && !(pte_write(entry) && pte_dirty(entry)))
		return do_present_fault(vma, addr, ptep, flags);
	init_mm.min_flt++;
	return 0;
}

/*
 * A fault on a present entry: a write without WRITE goes to do_wp_page; a write to a clean
 * writable page marks it dirty; an entry whose Access flag is clear becomes young (both in one
 * update, as the Access flag fault is reported first). An entry that already allows the access
 * was a stale TLB entry: flushing it is the fix.
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
	init_mm.min_flt++;
	return 0;
}

/* One fault at addr whose level-2 entry is ptep (Linux's handle_pte_fault). */
static __fastpath int handle_pte_fault(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
				       unsigned int flags)
{
	if (likely(pte_none(*ptep))) {
		if (flags & FAULT_FLAG_WRITE)
			return do_anonymous_write(vma, addr, ptep);
		return do_anonymous_read(vma, addr, ptep);
	}
	return do_present_fault(vma, addr, ptep, flags);
}

/* The first fault in a 4 MiB group: its page of tables first. */
static __slowpath int handle_mm_fault_alloc(struct vm_area_struct *vma, unsigned long addr,
					    unsigned int flags)
{
	pmd_t *pmd = pmd_offset(pgd_offset(&init_mm, addr), addr);
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
	pmd_t *pmd = pmd_offset(pgd_offset(&init_mm, addr), addr);

	if (unlikely(!pmd_table(*pmd)))
		return handle_mm_fault_alloc(vma, addr, flags);
	return handle_pte_fault(vma, addr, pte_offset(pmd, addr), flags);
}

/* --- whole ranges --------------------------------------------------------------------- */

/*
 * Free the pages of tables of the 4 MiB groups meeting [start, end) that lie wholly inside
 * [floor, ceiling) (ceiling 0: the top of the address space, as in Linux's free_pgtables):
 * no VMA outside the range being removed can have entries there. pte_free itself checks that
 * all four tables are empty.
 */
static void free_pgtables(unsigned long start, unsigned long end, unsigned long floor,
			  unsigned long ceiling)
{
	for (unsigned long g = start & ~(PTE_GROUP_SIZE - 1); g < end; g += PTE_GROUP_SIZE) {
		if (g < floor || g + PTE_GROUP_SIZE - 1 > ceiling - 1)
			goto next;
		for (unsigned int i = 0; i < PMD_GROUP; i++) {
			unsigned long a = g + i * PGDIR_SIZE;
			pmd_t *pmd = pmd_offset(pgd_offset(&init_mm, a), a);

			if (pmd_table(*pmd))
				pte_free(pmd, a);
		}
	next:
		if (g + PTE_GROUP_SIZE < g)
			break;
	}
}

/*
 * The span of pages whose valid entries a range operation changed: one TLB flush at the end
 * covers them all. Entries that were invalid need none (they are never in the TLB).
 */
struct flush_span {
	unsigned long start, end;
};

static inline void flush_span_add(struct flush_span *f, unsigned long addr)
{
	if (addr < f->start)
		f->start = addr;
	f->end = addr + PAGE_SIZE;
}

/* Flush what changed; when nothing valid changed, still make new entries visible. */
static void flush_span_finish(const struct flush_span *f)
{
	if (f->start < f->end) {
		flush_tlb_kernel_range(f->start, f->end);
	} else {
		dsb(ishst);
		isb();
	}
}

/*
 * Clear every entry of [start, end), dropping the mapping's reference on each page (the zero
 * page has none), then flush the TLB once for the span of entries that were valid. Freeing a
 * page before the flush is safe here: until this returns, nothing runs that uses the
 * application's addresses (one CPU; interrupt handlers never touch them).
 */
void unmap_region(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long floor,
		  unsigned long ceiling)
{
	struct flush_span flush = {end, start};
	bool saw_table = false;
	unsigned long freed = 0;

	(void)mm; /* one address space: the tables are swapper_pgd's */
	for (unsigned long addr = start, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd))
			continue;
		saw_table = true;
		/* An empty entry costs a load and a test; only the others need their address. */
		pte_t *first = pte_offset(pmd, addr), *last = first + ((next - addr) >> PAGE_SHIFT);
		for (pte_t *ptep = first; ptep < last; ptep++) {
			pte_t pte = *ptep;
			unsigned long a;

			if (pte_none(pte))
				continue;
			*ptep = __pte(0);
			a = addr + ((unsigned long)(ptep - first) << PAGE_SHIFT);
			if (pte_valid(pte)) {
				flush_span_add(&flush, a);
			}
			if (pte_present(pte) && !is_zero_pfn(pte_pfn(pte)) &&
			    pfn_valid(pte_pfn(pte))) {
				put_page(pte_page(pte));
				freed++;
			}
		}
	}
	if (freed) {
		update_hiwater_rss(&init_mm); /* the peak before the drop */
		add_mm_rss(&init_mm, -(long)freed);
	}
	if (flush.start < flush.end)
		flush_tlb_kernel_range(flush.start, flush.end);
	/* A group's table page is linked from all four of its level-1 entries, so when none of
	 * the range's entries holds a table, no group the range touches has one to free. */
	if (saw_table)
		free_pgtables(start, end, floor, ceiling);
}

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
	struct flush_span flush = {end, start};

	for (unsigned long addr = start, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(&init_mm, addr), addr);

		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd))
			continue;
		pte_t *ptep = pte_offset(pmd, addr);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, ptep++) {
			pte_t old = *ptep, new;

			if (!pte_present(old))
				continue;
			new = pte_modify_prot(old, newprot, pte_page_exclusive(vma, old));
			if (pte_val(new) == pte_val(old))
				continue;
			if (pte_valid(new) && pte_exec(new) &&
			    (!pte_valid(old) || !pte_exec(old)) && pfn_valid(pte_pfn(new)))
				sync_icache_page(pfn_address(pte_pfn(new)));
			*ptep = new;
			if (pte_valid(old) && pte_young(old)) {
				flush_span_add(&flush, a);
			}
		}
	}
	flush_span_finish(&flush);
}

/*
 * Make the present entries of [start, end) old (Linux's MADV_COLD/MADV_PAGEOUT part that ARM
 * shows): the Access flag is cleared, so the next access to each page is an Access flag fault.
 * Pages mapped more than once and the zero page are left alone, as Linux leaves pages with
 * other mappings. One TLB flush for the span of entries that may be cached.
 */
void mkold_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct flush_span flush = {end, start};

	(void)mm; /* one address space: the tables are swapper_pgd's */
	for (unsigned long addr = start, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd))
			continue;
		pte_t *ptep = pte_offset(pmd, addr);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, ptep++) {
			pte_t pte = *ptep;

			if (!pte_valid(pte) || !pte_young(pte) || is_zero_pfn(pte_pfn(pte)) ||
			    !pfn_valid(pte_pfn(pte)) || page_count(pte_page(pte)) != 1)
				continue;
			*ptep = pte_mkold(pte);
			flush_span_add(&flush, a);
		}
	}
	flush_span_finish(&flush);
}

/*
 * The source 4 MiB group at old can move whole to new: both aligned, the whole group inside
 * the range, the destination's four level-1 entries empty and the source's four pointing into
 * one page of tables (pte_alloc's layout). Then the level-1 entries move and no pte is touched.
 */
static bool group_movable(unsigned long old, unsigned long new, unsigned long end)
{
	pmd_t *src = pmd_offset(pgd_offset(&init_mm, old), old);
	pmd_t *dst = pmd_offset(pgd_offset(&init_mm, new), new);

	if (((old | new) & (PTE_GROUP_SIZE - 1)) || end - old < PTE_GROUP_SIZE)
		return false;
	for (unsigned int i = 0; i < PMD_GROUP; i++)
		if (!pmd_none(dst[i]) || !pmd_table(src[i]) ||
		    (pmd_val(src[i]) & PAGE_MASK) != (pmd_val(src[0]) & PAGE_MASK))
			return false;
	return true;
}

/*
 * Allocate the level-2 tables the entries of [src, src + len) need at dst: 0, or -ENOMEM
 * after freeing again the destination tables left empty. Whole 4 MiB groups that move by
 * their level-1 entries (movable, for move_page_tables) need none.
 */
static int prepare_dst_tables(unsigned long src, unsigned long dst, unsigned long len, bool movable)
{
	unsigned long end = src + len, delta = dst - src;

	for (unsigned long addr = src, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(&init_mm, addr), addr);

		if (movable && group_movable(addr, addr + delta, end)) {
			next = addr + PTE_GROUP_SIZE;
			continue;
		}
		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd))
			continue;
		const pte_t *ptep = pte_offset(pmd, addr);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, ptep++) {
			unsigned long d = a + delta;
			pmd_t *dpmd;

			if (pte_none(*ptep))
				continue;
			dpmd = pmd_offset(pgd_offset(&init_mm, d), d);
			if (!pmd_table(*dpmd) && !pte_alloc(dpmd, d)) {
				free_pgtables(dst, dst + len, 0, 0);
				return -ENOMEM;
			}
		}
	}
	return 0;
}

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
	unsigned long old_end = old_addr + len, delta = new_addr - old_addr;
	bool moved_valid = false;

	(void)mm;
	/* Pass 1: destination tables. */
	if (prepare_dst_tables(old_addr, new_addr, len, true))
		return -ENOMEM;

	/* Pass 2: the entries. */
	for (unsigned long addr = old_addr, next; addr < old_end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

		if (group_movable(addr, addr + delta, old_end)) {
			pmd_t *dst = pmd_offset(pgd_offset(mm, addr + delta), addr + delta);

			for (unsigned int i = 0; i < PMD_GROUP; i++) {
				dst[i] = pmd[i];
				pmd[i] = __pmd(0);
			}
			moved_valid = true;
			next = addr + PTE_GROUP_SIZE;
			continue;
		}
		next = pmd_addr_end(addr, old_end);
		if (!pmd_table(*pmd))
			continue;
		pte_t *ptep = pte_offset(pmd, addr);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, ptep++) {
			unsigned long d = a + delta;
			pte_t pte = *ptep;

			if (pte_none(pte))
				continue;
			*pte_offset(pmd_offset(pgd_offset(mm, d), d), d) = pte;
			*ptep = __pte(0);
			moved_valid |= pte_valid(pte);
		}
	}

	/* The old translations go; the barriers also publish the new entries. */
	if (moved_valid) {
		flush_tlb_kernel_range(old_addr, old_end);
	} else {
		dsb(ishst);
		isb();
	}
	free_pgtables(old_addr, old_end, 0, 0);
	return 0;
}

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
	struct vm_area_struct *dvma = find_vma(mm, dst), *svma = find_vma(mm, src);
	unsigned long end = src + len, delta = dst - src;
	struct flush_span flush = {end, src};
	int err;

	if (!dvma || dvma->vm_start > dst || dst + len > dvma->vm_end)
		return -EINVAL;
	err = prepare_dst_tables(src, dst, len, false);
	if (err)
		return err;
	for (unsigned long addr = src, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd))
			continue;
		pte_t *ptep = pte_offset(pmd, addr);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, ptep++) {
			unsigned long d = a + delta, pfn;
			pte_t pte = *ptep;

			if (!pte_present(pte))
				continue;
			pfn = pte_pfn(pte);
			if (!is_zero_pfn(pfn) && pfn_valid(pfn)) {
				get_page(pfn_to_page(pfn));
				add_mm_rss(mm, 1);
			}
			*pte_offset(pmd_offset(pgd_offset(mm, d), d), d) = pte_modify_prot(
				pte, dvma->vm_page_prot, pte_page_exclusive(dvma, pte));
			if (pte_write(pte) && (!svma || !pte_page_exclusive(svma, pte))) {
				*ptep = pte_wrprotect(pte);
				if (pte_valid(pte) && pte_young(pte)) {
					flush_span_add(&flush, a);
				}
			}
		}
	}
	flush_span_finish(&flush);
	return 0;
}

/*
 * Fault in every page of [start, end) inside vma as handle_mm_fault would for an access of
 * fault_flags (FAULT_FLAG_WRITE: every page real, dirty and writable, never the zero page; 0:
 * a read, which maps the zero page in private memory); pages already satisfying that are left
 * alone. A VMA without access (PROT_NONE) gets nothing, as in Linux. 0, -ENOMEM when out of
 * memory (the pages faulted in so far stay), -EFAULT if a level-1 section sits in the range.
 */
int populate_range_flags(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			 unsigned int flags)
{
	if (!(vma->vm_flags & VM_ACCESS_FLAGS))
		return 0;
	for (unsigned long addr = start, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(&init_mm, addr), addr);
		pte_t *ptep = pte_alloc(pmd, addr);

		if (!ptep)
			return pmd_none(*pmd) ? -ENOMEM : -EFAULT;
		next = pmd_addr_end(addr, end);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, ptep++) {
			pte_t pte = *ptep;
			int ret;

			if (pte_valid(pte) && (!flags || (pte_write(pte) && pte_dirty(pte))))
				continue;
			ret = handle_pte_fault(vma, a, ptep, flags);
			if (ret)
				return (ret & VM_FAULT_OOM) ? -ENOMEM : -EFAULT;
		}
	}
	return 0;
}

/*
 * Populate as Linux's populate_vma_page_range (MAP_POPULATE, mlock, brk/mremap growth of
 * locked memory): private writable memory is write-faulted, so its pages are its own now and
 * no later store faults; everything else is read-faulted, so shared memory stays clean until
 * it is written (and private read-only memory gets the zero page).
 */
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	bool cow = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;

	return populate_range_flags(vma, start, end, cow ? FAULT_FLAG_WRITE : 0);
}

/* One byte per page of [start, end): 1 when a page is mapped there (the zero page included,
 * PROT_NONE entries included: the page is resident), else 0. */
void mincore_range(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned char *vec)
{
	(void)mm;
	for (unsigned long addr = start, next; addr < end; addr = next) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

		next = pmd_addr_end(addr, end);
		if (!pmd_table(*pmd)) {
			for (unsigned long a = addr; a < next; a += PAGE_SIZE)
				*vec++ = 0;
			continue;
		}
		const pte_t *ptep = pte_offset(pmd, addr);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE, ptep++)
			*vec++ = pte_present(*ptep) ? 1 : 0;
	}
}
