/*
 * The kernel page table: paging_init() turns the boot sections into the final linear map with
 * W^X (runtime text read-only + executable, rodata read-only + XN, everything else read-write
 * + XN), and level-2 table management for the vmalloc area and the application's regions.
 */
#include "platform/mmu.h"
#include "platform/pgtable.h"
#include "platform/tlbflush.h"
#include "runtime/printk.h"
#include "vm/gfp.h"
#include "vm/memblock.h"
#include "vm/mm.h"

#include <string.h>

pgd_t *const swapper_pgd = (pgd_t *)swapper_pg_dir;
static unsigned long pagetable_pages;

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

pte_t *pte_alloc(pmd_t *pmd, unsigned long addr)
{
	if (pmd_none(*pmd)) {
		pmd_t *group = swapper_pgd + (pgd_index(addr) & ~(PMD_GROUP - 1u));
		phys_addr_t pa = alloc_pagetable_page();

		if (!pa)
			return NULL;
		/* Entries of the group already holding a table or section keep them; their slot
		 * of the new page simply stays unused. */
		for (unsigned int i = 0; i < PMD_GROUP; i++)
			if (pmd_none(group[i]))
				set_pmd(&group[i],
					__pmd((pa + i * PTE_TABLE_SIZE) | PMD_TYPE_TABLE));
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

	/* pte_alloc links one page into every empty entry of the group, and this clears them
	 * together, so the group's tables are one page; its first table entry names it. */
	while (!pmd_table(group[first]))
		if (++first == PMD_GROUP)
			return;
	pa = pmd_val(group[first]) & PAGE_MASK;
	for (unsigned int i = 0; i < PMD_GROUP; i++) {
		if (!pmd_table(group[i]) || (pmd_val(group[i]) & PAGE_MASK) != pa)
			continue;
		const pte_t *t = pmd_page_vaddr(group[i]);
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++)
			if (!pte_none(t[j]))
				return;
	}
	for (unsigned int i = 0; i < PMD_GROUP; i++)
		if (pmd_table(group[i]) && (pmd_val(group[i]) & PAGE_MASK) == pa)
			group[i] = __pmd(0);
	local_flush_tlb_all();
	struct page *page = pfn_to_page(PFN_DOWN(pa));
	page->flags &= ~PG_pgtable;
	__free_page(page);
	pagetable_pages--;
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

static bool section_is_plain_rw(unsigned long va)
{
	unsigned long end = va + SECTION_SIZE;

	return end <= (unsigned long)_text || va >= (unsigned long)__end_rodata;
}

void paging_init(phys_addr_t ram_base, uint32_t ram_size)
{
	unsigned long start = (unsigned long)__va(ram_base);
	unsigned long end = start + ram_size;

	/* First the plain sections, so that all of RAM is reachable (memblock hands out page
	 * table pages from its top). */
	for (unsigned long va = start; va < end; va += SECTION_SIZE)
		if (section_is_plain_rw(va))
			*pgd_offset_k(va) = __pmd(__pa(va) | PMD_SECT_KERNEL_RW);
	dsb(ishst);
	isb();

	for (unsigned long va = start; va < end; va += SECTION_SIZE) {
		if (section_is_plain_rw(va))
			continue;
		/* A section the image's permissions split: map it with pages. The boot section
		 * stays live until the table replaces it (same memory type and output address,
		 * so no access sees a different translation). */
		phys_addr_t pa = alloc_pagetable_page();
		if (!pa)
			panic("paging_init: no memory for a page table");
		pte_t *table =
			(pte_t *)__va(pa) + (pgd_index(va) & (PMD_GROUP - 1u)) * PTRS_PER_PTE;
		for (unsigned int i = 0; i < PTRS_PER_PTE; i++) {
			unsigned long a = va + i * PAGE_SIZE;
			table[i] = pfn_pte(PFN_DOWN(__pa(a)), linear_prot(a));
		}
		*pgd_offset_k(va) = __pmd(__pa(table) | PMD_TYPE_TABLE);
	}
	local_flush_tlb_all();
}
