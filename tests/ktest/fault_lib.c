/*
 * Helpers shared by the page-fault ktests (tests/ktest/fault_*.c include this file): VMAs made
 * by hand and inserted straight into app_mm's area tree, so that vm/memory.c and the fault
 * path are tested without the mmap layer; a page-table walk to look at one entry; a check
 * macro that names the failing line.
 */
#include "platform/cp15.h"
#include "platform/pgtable.h"
#include "platform/tlbflush.h"
#include "runtime/exit_codes.h"
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/mm_user.h"
#include "vm/slab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* vm/memory.c: the shared zero page (zero_page_init is idempotent). */
void zero_page_init(void);
extern unsigned long zero_pfn;

static int check_failures;

/* A counter the fault handler changes behind the compiler's back: read it where it stands. */
#define ONCE(x) (*(volatile __typeof__(x) *)&(x))

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("CHECK failed at line %d: %s\n", __LINE__, #cond);                  \
			check_failures++;                                                          \
		}                                                                                  \
	} while (0)

#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		unsigned long a_ = (unsigned long)(a), b_ = (unsigned long)(b);                    \
		if (a_ != b_) {                                                                    \
			printf("CHECK failed at line %d: %s == %s (%lu != %lu)\n", __LINE__, #a,   \
			       #b, a_, b_);                                                        \
			check_failures++;                                                          \
		}                                                                                  \
	} while (0)

/* The address space exists (mm_init_layout, when boot has not done it) and so does the zero
 * page. */
static void fault_test_init(void)
{
	if (app_mm.mm_areas.hi == 0)
		mm_init_layout(&app_mm);
	zero_page_init();
}

/* A free, align-aligned range of len bytes in the application's address space. */
static unsigned long free_range(unsigned long len, unsigned long align)
{
	unsigned long a =
		area_find_gap_lowest(&app_mm.mm_areas, len, align, 0x10000000UL, 0xa0000000UL);

	if (AREA_FAILED(a)) {
		printf("no free range of %lu bytes\n", len);
		exit(3);
	}
	return a;
}

/* A VMA [start, start + len) with vm_flags, inserted into app_mm; start 0: anywhere free,
 * aligned to align. */
static struct vm_area_struct *make_vma_at(unsigned long start, unsigned long len,
					  unsigned long vm_flags, unsigned long align)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (!vma) {
		printf("no memory for a VMA\n");
		exit(3);
	}
	if (!start)
		start = free_range(len, align);
	vma->vm_start = start;
	vma->vm_end = start + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = start >> PAGE_SHIFT; /* anonymous memory: Linux's convention */
	vma->vm_mm = &app_mm;
	if (area_insert(&app_mm.mm_areas, &vma->vm_node)) {
		printf("area_insert failed at %08lx\n", start);
		exit(3);
	}
	app_mm.map_count++;
	return vma;
}

static struct vm_area_struct *make_vma(unsigned long len, unsigned long vm_flags)
{
	return make_vma_at(0, len, vm_flags, PAGE_SIZE);
}

/* Take vma out of the tree (its pages are the caller's business). */
static void remove_vma(struct vm_area_struct *vma)
{
	if (app_mm.mmap_cache == vma)
		app_mm.mmap_cache = NULL;
	area_erase(&app_mm.mm_areas, &vma->vm_node);
	app_mm.map_count--;
	kfree(vma);
}

/* New flags for vma and its present pages (what mprotect does after splitting). */
static void protect_vma(struct vm_area_struct *vma, unsigned long vm_flags)
{
	/* The fault handler reads the VMA behind the compiler's back: a plain store to it must
	 * not move above the caller's accesses to the area (it did, under hard float). */
	barrier();
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	change_protection(vma, vma->vm_start, vma->vm_end, vma->vm_page_prot);
}

/* The level-2 entry for addr, or NULL when no table covers it. */
static pte_t *lookup_pte(unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset_k(addr), addr);

	return pmd_table(*pmd) ? pte_offset(pmd, addr) : NULL;
}

static pte_t get_pte(unsigned long addr)
{
	pte_t *p = lookup_pte(addr);

	return p ? *p : __pte(0);
}

/* Rewrite the entry for addr (a test reaching under the VM: re-arming the Access flag or
 * the dirty bit). */
static void put_pte(unsigned long addr, pte_t pte)
{
	*lookup_pte(addr) = pte;
	flush_tlb_page(current_mm, addr);
}

static int fault_test_result(const char *name)
{
	if (check_failures) {
		printf("%s: %d checks failed\n", name, check_failures);
		return 1;
	}
	printf("%s: all checks passed\n", name);
	return 0;
}
