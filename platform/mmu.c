/*
 * The kernel page table: paging_init() turns the boot sections into the final linear map with
 * W^X (runtime text read-only + executable, rodata read-only + XN, everything else read-write
 * + XN), and level-2 table management for the vmalloc area and the application's regions.
 */
#include "platform/mmu.h"
#include "platform/domain.h"
#include "platform/pgtable.h"
#include "platform/tlbflush.h"
#include "runtime/printk.h"
#include "runtime/spinlock.h"
#include "vm/gfp.h"
#include "vm/memblock.h"
#include "vm/mm.h"

#include <string.h>

/*
 * How the kernel page table changes, and why with these barriers. References are to the ARM
 * Architecture Reference Manual ARMv7-A/R, DDI 0406C.d, and the Cortex-A15 TRM, DDI 0438.
 * The translation table walker is an observer of memory apart from this CPU's own loads:
 *
 * R1 (visibility) A store to a table is used by walks only after a DSB has completed it; a
 *    DMB orders accesses between processor observers and says nothing to the walker (A3.8.3,
 *    B3.10.1 "TLB maintenance operations and the memory order model"). Walks are inner and
 *    outer write-back cacheable (TTBR0 IRGN = RGN = 0b01, head.S) and the Cortex-A15 walks
 *    coherently with the data cache (ID_MMFR3 "Coherent walk" = 1, checked in paging_init), so
 *    no cache clean is needed, only the DSB. DSB ISHST: only stores need completing, and the
 *    walker is inside the inner shareable domain.
 * R2 (context) After R1's DSB, an ISB makes the instructions after it, fetches included, use
 *    the tables as changed (A3.8.3, B3.10.1). A previously invalid entry needs nothing else:
 *    an entry that gives a Translation fault is never held in a TLB or walk cache (B3.9,
 *    B3.10.1), so no stale entry can hide the new one.
 * R3 (maintenance) A TLB invalidation is complete only after a DSB, and instructions see its
 *    effect only after an ISB (B3.10.1). TLBIALL also removes the A15's intermediate
 *    table-walk cache entries (DDI 0438, 5.6).
 * R4 (break-before-make) Replacing a valid entry by a valid one of another size (a 1 MiB
 *    section by a table of 4 KiB pages) lets the TLB hold both for one VA: a TLB conflict
 *    abort, or a translation amalgamated from the two (B3.9.5 "TLB conflict aborts",
 *    B3.10.1). The sequence the architecture requires: write an invalid entry, DSB (R1),
 *    invalidate the TLB, DSB (R3), write the new entry, DSB (R1), ISB (R2). An entry changed
 *    only in its permissions (same output address, size and memory type) needs no break, only
 *    the invalidation afterwards, until which the old permissions may still apply.
 * R5 (reuse) A table page may be freed only after the invalidation that removes every TLB and
 *    walk-cache entry read from it has completed (R3): otherwise a walk could go on using the
 *    page after its reuse.
 */

pgd_t *const swapper_pgd = (pgd_t *)swapper_pg_dir;
static unsigned long pagetable_pages;
/* Over the level-1 entries (Linux ARM's pgd_lock, and pmd_install's lock): linking a page of
 * tables into a group and unlinking it. Taken inside a page-table lock, never around one. */
static DEFINE_SPINLOCK(pgd_lock);

/* One page for the four level-2 tables of a 4 MiB group: from memblock before mem_init, from
 * the buddy allocator after. Zeroed. */
static phys_addr_t alloc_pagetable_page(void)
{
	phys_addr_t pa;

	if (mem_map) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!page)
			return 0;
		page->flags |= PG_pgtable;
		pa = PFN_PHYS(page_to_pfn(page));
	} else {
		pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
		if (!pa)
			return 0;
		memset(__va(pa), 0, PAGE_SIZE);
	}
	pagetable_pages++;
	return pa;
}

/* A page of tables no level-1 entry points at any more (nor any TLB or walk cache: R5). Only
 * after mem_init: before it one flow of execution builds the tables and never unlinks them. */
static void free_pagetable_page(phys_addr_t pa)
{
	struct page *page = pfn_to_page(PFN_DOWN(pa));

	page->flags &= ~PG_pgtable;
	__free_page(page);
	pagetable_pages--;
}

/*
 * A level-1 table descriptor's attributes: the application's tables are in DOMAIN_USER
 * (platform/domain.h) and privileged-execute-never (PXN: the runtime never runs the
 * application's code); the runtime's in DOMAIN_KERNEL. A 4 MiB group lies wholly on one side
 * of TASK_SIZE.
 */
static inline uint32_t table_flags(unsigned long addr)
{
	return addr < TASK_SIZE ? PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_USER) | PMD_TABLE_PXN
				: PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL);
}

pte_t *pte_alloc(pmd_t *pmd, unsigned long addr)
{
	if (pmd_none(*pmd)) {
		pmd_t *group = swapper_pgd + (pgd_index(addr) & ~(PMD_GROUP - 1u));
		phys_addr_t pa = alloc_pagetable_page();

		if (!pa)
			return NULL;
		/* The zeroing stores (alloc_page's clear_page, or memset) must reach the walker
		 * before any level-1 entry pointing at the page can, or a walk through the new
		 * entry could read the page's old contents as valid entries: R1, a DSB and not
		 * Linux's smp_wmb() (the DMB that pmd_install puts there), which orders the stores
		 * for other CPUs' software walks only. Each set_pmd below then completes its own
		 * store (R1) and ISB (R2); the entries were invalid, so no TLB maintenance. */
		dsb(ishst);
		spin_lock(&pgd_lock);
		if (pmd_none(*pmd)) {
			/* Entries of the group already holding a table or section keep them;
			 * their slot of the new page simply stays unused. */
			for (unsigned int i = 0; i < PMD_GROUP; i++)
				if (pmd_none(group[i]))
					set_pmd(&group[i], __pmd((pa + i * PTE_TABLE_SIZE) |
								 table_flags(addr)));
			pa = 0;
		}
		spin_unlock(&pgd_lock);
		if (pa) /* another task linked a page while this one was allocated */
			free_pagetable_page(pa);
	}
	if (!pmd_table(*pmd))
		return NULL;
	return pte_offset(pmd, addr);
}

void free_pte_group_if_empty(unsigned long addr)
{
	pmd_t *group = swapper_pgd + (pgd_index(addr) & ~(PMD_GROUP - 1u));
	unsigned int first = 0;
	phys_addr_t pa;

	spin_lock(&pgd_lock);
	/* pte_alloc links one page into every empty entry of the group, and this clears them
	 * together, so the group's tables are one page; its first table entry names it. */
	while (!pmd_table(group[first]))
		if (++first == PMD_GROUP)
			goto out;
	pa = pmd_val(group[first]) & PAGE_MASK;
	for (unsigned int i = 0; i < PMD_GROUP; i++) {
		if (!pmd_table(group[i]) || (pmd_val(group[i]) & PAGE_MASK) != pa)
			continue;
		const pte_t *t = pmd_page_vaddr(group[i]);
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++)
			if (!pte_none(t[j]))
				goto out;
	}
	/* Break only (valid -> invalid, nothing made): the cleared entries, then
	 * local_flush_tlb_all's DSB ISHST so the walker sees them (R1) before TLBIALL, and its
	 * DSB ISH + ISB so the invalidation, walk caches included, has completed before the page
	 * goes back to the allocator (R3, R5). No entry in the page is valid (checked above), so
	 * only the walk caches' copies of the level-1 entries can refer to it. */
	for (unsigned int i = 0; i < PMD_GROUP; i++)
		if (pmd_table(group[i]) && (pmd_val(group[i]) & PAGE_MASK) == pa)
			group[i] = __pmd(0);
	local_flush_tlb_all();
	spin_unlock(&pgd_lock);
	free_pagetable_page(pa);
	return;
out:
	spin_unlock(&pgd_lock);
}

void early_map_lowmem(phys_addr_t phys, uint32_t size)
{
	phys_addr_t end = phys + size;

	for (phys_addr_t p = phys & ~(SECTION_SIZE - 1); p < end; p += SECTION_SIZE) {
		unsigned long va = (unsigned long)__va(p);
		pmd_t *pmd = pgd_offset_k(va);

		if (pmd_none(*pmd))
			set_pmd(pmd, __pmd(p | PMD_SECT_KERNEL_RW)); /* was invalid: R2 */
	}
}

bool addr_is_mapped(unsigned long addr)
{
	pmd_t pmd = *pgd_offset_k(addr);

	if (pmd_sect(pmd))
		return true;
	return pmd_table(pmd) && pte_valid(*pte_offset(&pmd, addr));
}

unsigned long nr_pagetable_pages(void)
{
	return pagetable_pages;
}

/* The protection a linear-map page of the runtime gets. */
static pgprot_t linear_prot(unsigned long va)
{
	if (va >= (unsigned long)_text && va < (unsigned long)_etext)
		return PAGE_KERNEL_EXEC;
	if (va >= (unsigned long)__start_rodata && va < (unsigned long)__end_rodata)
		return PAGE_KERNEL_RO;
	return PAGE_KERNEL;
}

/* The unmapped guard pages below the runtime's stacks (uniarm.ld). */
static bool is_stack_guard(unsigned long va)
{
	const char *const guards[] = {__exc_stack_guard, __init_stack_guard};

	for (unsigned int i = 0; i < sizeof(guards) / sizeof(guards[0]); i++)
		if (va - (unsigned long)guards[i] < PAGE_SIZE)
			return true;
	return false;
}

/* The sections mapped with pages: from text's to the stacks' (the image's end), so that text
 * and rodata get page-granular W^X and the stacks' guard pages can be left out. */
static unsigned long image_split_start(void)
{
	return (unsigned long)_text & ~(SECTION_SIZE - 1);
}

static unsigned long image_split_end(void)
{
	return ((unsigned long)_end + SECTION_SIZE - 1) & ~(SECTION_SIZE - 1);
}

static bool section_is_plain_rw(unsigned long va)
{
	return va + SECTION_SIZE <= image_split_start() || va >= image_split_end();
}

/* head.S: break-before-make of n consecutive level-1 entries to n consecutive 1 KiB level-2
 * tables starting at table (a descriptor); pmd and the routine itself are used through the
 * identity alias that paging_init sets up. */
void __split_sections(pmd_t *pmd, unsigned int n, uint32_t table);
typedef void split_sections_fn(pmd_t *pmd, unsigned int n, uint32_t table);

/* PAR after a faulting translation (short-descriptor format): F = 1, FS[3:0] in bits [4:1],
 * FS[4] in bit 5 and ExT in bit 6; FS 0b01111 is a permission fault on a small page. */
#define PAR_F		  1u
#define PAR_FS_PERM_PAGE  0xfu
#define PAR_FS_TRANS_PAGE 0x7u

static uint32_t translate(unsigned long va, bool write)
{
	if (write)
		write_ats1cpw(va);
	else
		write_ats1cpr(va);
	isb();
	return read_par();
}

/* What the MMU itself now makes of the image's mappings (ATS1CPR/ATS1CPW, PAR): text and rodata
 * readable at their physical addresses and, as a write, refused by a permission fault on a
 * page (FS 0b01111: so it is a level-2 entry, not a leftover section, that answers); data
 * writable. QEMU does not model TLB conflicts, so this checks the outcome, not the sequence. */
static void check_linear_map(void)
{
	static const struct {
		const char *name;
		const char *va;
		bool ro;
	} probes[] = {
		{"text", _text, true},
		{"text end", _etext - 1, true},
		{"rodata", __start_rodata, true},
		{"rodata end", __end_rodata - 1, true},
		{"data", _sdata, false},
		{"page directory", (const char *)swapper_pg_dir, false},
		{"stack", __init_stack_top - 1, false},
		{"stack limit", __init_stack, false},
		{"exception stacks", __exc_stacks, false},
	};
	static const char *const guards[] = {__init_stack_guard, __exc_stack_guard};

	for (unsigned int i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		unsigned long va = (unsigned long)probes[i].va;
		uint32_t r = translate(va, false), w = translate(va, true);
		bool w_ok = probes[i].ro ? (w & 0x7fu) == (PAR_F | PAR_FS_PERM_PAGE << 1)
					 : !(w & PAR_F);

		if ((r & PAR_F) || (r & PAGE_MASK) != (__pa(va) & PAGE_MASK) || !w_ok)
			panic("paging_init: %s at %#lx translates wrongly (PAR read %#x, write "
			      "%#x)",
			      probes[i].name, va, (unsigned int)r, (unsigned int)w);
	}
	/* The guard pages: a translation fault on a page (FS 0b00111), first and last byte. */
	for (unsigned int i = 0; i < sizeof(guards) / sizeof(guards[0]); i++)
		for (unsigned long va = (unsigned long)guards[i];
		     va < (unsigned long)guards[i] + PAGE_SIZE; va += PAGE_SIZE - 1) {
			uint32_t r = translate(va, false), w = translate(va, true);

			if ((r & 0x7fu) != (PAR_F | PAR_FS_TRANS_PAGE << 1) ||
			    (w & 0x7fu) != (PAR_F | PAR_FS_TRANS_PAGE << 1))
				panic("paging_init: stack guard page at %#lx is mapped (PAR read "
				      "%#x, write %#x)",
				      va, (unsigned int)r, (unsigned int)w);
		}
}

/*
 * The boot page directory (head.S) maps RAM from the image's start to 1 MiB past its end with
 * read-write-execute sections. The final map:
 *
 * 1. Plain sections (no text/rodata boundary inside) become read-write XN sections; those
 *    head.S mapped change permissions only, the others were invalid: no break (R4, R2).
 * 2. The sections from text's to the image's end (text, rodata, data, bss, the page directory
 *    and the runtime's stacks) become level-2 tables of pages (W^X at page granularity, and
 *    the stacks' guard pages left invalid, so that an overflow faults): a change of size on
 *    live entries, so break-before-make (R4). These
 *    sections map the code doing the change, its stack, the page directory and VBAR's
 *    vectors, so the sequence runs from somewhere else: __split_sections (head.S) is entered
 *    through an identity alias (VA = PA, sections in the empty low 3 GiB) of the whole image,
 *    written before the call (invalid -> valid: R1, R2). During the sequence:
 *    - its instructions are fetched through the alias, which the sequence does not change;
 *    - it keeps everything in registers: no stack;
 *    - it writes the level-1 entries through the alias too; the walker reads the page
 *      directory and the new level-2 tables by physical address (TTBR0, table descriptors),
 *      and the tables are complete and visible (R1) before the first entry points at them;
 *    - IRQs, FIQs and asynchronous aborts are masked (head.S's cpsid aif; start_kernel
 *      unmasks IRQs only, long after) and the sequence takes no synchronous exception, so
 *      VBAR's vectors (in text) are not fetched;
 *    - speculative fetches or loads at the image's linear addresses find the old sections
 *      before the break's DSB, invalid entries (never cached: R2) until the new entries are
 *      written, and the new ones only after the TLBIALL has completed: at no time can a
 *      section and a page for one VA both be in the TLB.
 *    It returns to its linear-map caller after DSB and ISB (R1, R2), with a BPIALL on the way
 *    (branch predictor maintenance after a change of mappings, B2.2; a NOP on the A15).
 * 3. The alias is removed (break only) and the TLB invalidated (R3), which also retires the
 *    entries step 1 changed (that TLBIALL in step 2 already did).
 *
 * One page of four level-2 tables per 4 MiB-aligned group of level-1 entries, as pte_alloc
 * lays them out; tables for level-1 entries of the group that stay sections are unused.
 */
void paging_init(phys_addr_t ram_base, uint32_t ram_size)
{
	unsigned long start = (unsigned long)__va(ram_base);
	unsigned long end = start + ram_size;

	/* R1: table stores need no cache maintenance only if walks are coherent. */
	if (((read_id_mmfr3() >> 20) & 0xfu) == 0)
		panic("paging_init: the table walker is not coherent with the data cache");

	/* First the plain sections, so that all of RAM is reachable (memblock hands out page
	 * table pages from its top). */
	for (unsigned long va = start; va < end; va += SECTION_SIZE)
		if (section_is_plain_rw(va))
			*pgd_offset_k(va) = __pmd(__pa(va) | PMD_SECT_KERNEL_RW);
	/* R1, R2: the sections that were invalid are usable from here (the memset below). */
	dsb(ishst);
	isb();

	/* The sections to split: [split_start, split_end), whole sections around the image, all
	 * inside RAM (the image is, with a section to spare: setup_memory). */
	unsigned long split_start = image_split_start(), split_end = image_split_end();
	unsigned int first = pgd_index(split_start), n = pgd_index(split_end) - first;
	unsigned int group = first & ~(PMD_GROUP - 1u);
	unsigned int pages = (first + n - group + PMD_GROUP - 1) / PMD_GROUP;
	phys_addr_t pa = memblock_phys_alloc(pages * PAGE_SIZE, PAGE_SIZE);

	if (!pa)
		panic("paging_init: no memory for page tables");
	memset(__va(pa), 0, pages * PAGE_SIZE);
	pagetable_pages += pages;
	pte_t *tables = (pte_t *)__va(pa) + (first - group) * PTRS_PER_PTE;
	for (unsigned long va = split_start; va < split_end; va += PAGE_SIZE)
		if (!is_stack_guard(va)) /* a guard page's pte stays invalid (zeroed above) */
			tables[(va - split_start) >> PAGE_SHIFT] =
				pfn_pte(PFN_DOWN(__pa(va)), linear_prot(va));

	/* The identity alias of the image, in entries that must be empty. */
	unsigned int id_first = __pa(_text) >> SECTION_SHIFT;
	unsigned int id_end = (__pa(_end) + SECTION_SIZE - 1) >> SECTION_SHIFT;
	if (((uint64_t)id_end << SECTION_SHIFT) > TASK_SIZE)
		panic("paging_init: the image's physical addresses collide with the linear map");
	for (unsigned int i = id_first; i < id_end; i++) {
		if (!pmd_none(swapper_pgd[i]))
			panic("paging_init: level-1 entry %u is in use", i);
		swapper_pgd[i] = __pmd(((uint32_t)i << SECTION_SHIFT) | PMD_SECT_KERNEL_RWX);
	}
	/* R1 for the tables' contents and the alias; R2 so the call fetches through the alias. */
	dsb(ishst);
	isb();

	split_sections_fn *split = (split_sections_fn *)(uintptr_t)__pa(__split_sections);
	split((pmd_t *)(uintptr_t)__pa(swapper_pgd + first), n, __pa(tables) | PMD_TYPE_TABLE);

	for (unsigned int i = id_first; i < id_end; i++)
		swapper_pgd[i] = __pmd(0);
	local_flush_tlb_all();

	check_linear_map();
}
