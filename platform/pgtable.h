/*
 * Page tables: the ARMv7-A short-descriptor format as uniarm uses it, and the accessor family
 * the generic VM code speaks (it never touches a descriptor bit itself).
 *
 * Reference: ARM Architecture Reference Manual ARMv7-A/R (DDI 0406C.d), B3.5.1
 * "Short-descriptor translation table format descriptors", figure B3-4 (first level) and
 * figure B3-5 (second level), with SCTLR.AFE = 1 (B3.7.1: AP[0] is the Access flag) and
 * SCTLR.TRE = 1 (B3.8.3: TEX[0]:C:B select one of eight memory types in PRRR/NMRR; TEX[2:1]
 * are ignored by the MMU and free for software).
 *
 * Level 1 (pmd_t, 4096 entries, 1 MiB each): a section or a pointer to a level-2 table.
 * Level 2 (pte_t, 256 entries of 4 KiB in a 1 KiB table). uniarm allocates level-2 tables a
 * page at a time: one page holds the four tables of a 4 MiB-aligned group of level-1 entries.
 *
 * Small-page descriptor (level 2):
 *   [31:12] pfn  [11] nG  [10] S  [9] AP[2] read-only  [8] TEX[2] sw WRITE  [7] TEX[1] sw DIRTY
 *   [6] TEX[0]  [5] AP[1] user  [4] AP[0] Access flag (young)  [3] C  [2] B  [1] 1  [0] XN
 * Software write permission and dirtiness live in TEX[2:1]; the hardware read-only bit is kept
 * equal to !(WRITE && DIRTY), so the first write to a clean writable page faults and marks it
 * dirty. A page whose Access flag is clear faults on any access and is then marked young.
 * An entry with bits [1:0] = 0 is invalid to the MMU; with L_PTE_NONE set it is still
 * "present" to the VM (PROT_NONE), holding its pfn.
 */
#ifndef UNIARM_PLATFORM_PGTABLE_H
#define UNIARM_PLATFORM_PGTABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "platform/cp15.h"
#include "platform/memory.h"
#include "platform/pgtable-hwdef.h"

struct mm_struct;

typedef struct {
	uint32_t pte;
} pte_t;
typedef struct {
	uint32_t pmd;
} pmd_t;
typedef pmd_t pgd_t; /* two levels: the pgd is the pmd */
typedef struct {
	uint32_t pgprot;
} pgprot_t;

#define pte_val(x)    ((x).pte)
#define pmd_val(x)    ((x).pmd)
#define pgd_val(x)    ((x).pmd)
#define pgprot_val(x) ((x).pgprot)
#define __pte(x)      ((pte_t){(x)})
#define __pmd(x)      ((pmd_t){(x)})
#define __pgprot(x)   ((pgprot_t){(x)})

#define PGDIR_SHIFT    20
#define PGDIR_SIZE     (1UL << PGDIR_SHIFT)
#define PTRS_PER_PGD   4096
#define PTRS_PER_PTE   256
#define PTE_TABLE_SIZE (PTRS_PER_PTE * sizeof(pte_t)) /* 1 KiB */
#define PMD_GROUP      4			/* level-1 entries whose tables share one page */
#define PTE_GROUP_SIZE (PMD_GROUP * PGDIR_SIZE) /* what one page of level-2 tables maps */

/* Level-2 (small page) bits. */
#define L_PTE_XN      (1u << 0)
#define L_PTE_VALID   (1u << 1)
#define L_PTE_B	      (1u << 2)
#define L_PTE_C	      (1u << 3)
#define L_PTE_YOUNG   (1u << 4) /* AP[0], Access flag */
#define L_PTE_USER    (1u << 5) /* AP[1] */
#define L_PTE_TEX0    (1u << 6)
#define L_PTE_DIRTY   (1u << 7) /* TEX[1], software */
#define L_PTE_WRITE   (1u << 8) /* TEX[2], software */
#define L_PTE_RDONLY  (1u << 9) /* AP[2] */
#define L_PTE_SHARED  (1u << 10)
#define L_PTE_NG      (1u << 11)
#define L_PTE_NONE    (1u << 2) /* in an invalid entry: PROT_NONE, still present */
#define L_PTE_MT(idx) ((((idx) >> 2) & 1u) << 6 | (((idx) >> 1) & 1u) << 3 | ((idx)&1u) << 2)
#define L_PTE_MT_MASK (L_PTE_TEX0 | L_PTE_C | L_PTE_B)
#define PTE_PFN_MASK  0xfffff000u

/* Level-1 descriptor types. */
#define PMD_TYPE_MASK  3u
#define PMD_TYPE_TABLE 1u
#define PMD_TABLE_MASK 0xfffffc00u

/* Protections. */
#define _L_PTE_KERNEL	 (L_PTE_VALID | L_PTE_YOUNG | L_PTE_SHARED | L_PTE_MT(MT_IDX_WBWA))
#define PAGE_KERNEL	 __pgprot(_L_PTE_KERNEL | L_PTE_WRITE | L_PTE_DIRTY | L_PTE_XN)
#define PAGE_KERNEL_RO	 __pgprot(_L_PTE_KERNEL | L_PTE_RDONLY | L_PTE_XN)
#define PAGE_KERNEL_EXEC __pgprot(_L_PTE_KERNEL | L_PTE_RDONLY)
#define PAGE_KERNEL_IO                                                                             \
	__pgprot(L_PTE_VALID | L_PTE_YOUNG | L_PTE_MT(MT_IDX_DEVICE) | L_PTE_WRITE | L_PTE_DIRTY | \
		 L_PTE_XN)

/*
 * The application's protections (vm_get_page_prot, platform/pgprot.c). Every accessible one is
 * young (a page installed by a fault is young), clean (so read-only in hardware until the first
 * write marks it dirty), user, shareable write-back memory, XN unless executable. PAGE_SHARED
 * carries the software WRITE bit; copy-on-write is decided per page by leaving it off the
 * entry (vm/memory.c). PAGE_NONE is never valid to the MMU, yet present to the VM.
 */
#define _L_PTE_USER_BASE                                                                           \
	(L_PTE_VALID | L_PTE_YOUNG | L_PTE_USER | L_PTE_SHARED | L_PTE_MT(MT_IDX_WBWA) |           \
	 L_PTE_RDONLY)
#define PAGE_NONE	   __pgprot(L_PTE_NONE)
#define PAGE_READONLY	   __pgprot(_L_PTE_USER_BASE | L_PTE_XN)
#define PAGE_READONLY_EXEC __pgprot(_L_PTE_USER_BASE)
#define PAGE_SHARED	   __pgprot(_L_PTE_USER_BASE | L_PTE_WRITE | L_PTE_XN)
#define PAGE_SHARED_EXEC   __pgprot(_L_PTE_USER_BASE | L_PTE_WRITE)

/* --- entries ------------------------------------------------------------------------ */

static inline bool pte_same(pte_t a, pte_t b)
{
	return pte_val(a) == pte_val(b);
}

static inline bool pte_none(pte_t pte)
{
	return pte_val(pte) == 0;
}
static inline bool pte_present(pte_t pte)
{
	return (pte_val(pte) & L_PTE_VALID) || (pte_val(pte) & (L_PTE_NONE | 3u)) == L_PTE_NONE;
}
static inline bool pte_valid(pte_t pte) /* the MMU translates it */
{
	return (pte_val(pte) & L_PTE_VALID) != 0;
}
static inline bool pte_write(pte_t pte)
{
	return (pte_val(pte) & L_PTE_WRITE) != 0;
}
static inline bool pte_dirty(pte_t pte)
{
	return (pte_val(pte) & L_PTE_DIRTY) != 0;
}
static inline bool pte_young(pte_t pte)
{
	return (pte_val(pte) & L_PTE_YOUNG) != 0;
}
static inline bool pte_exec(pte_t pte)
{
	return (pte_val(pte) & L_PTE_XN) == 0;
}
static inline unsigned long pte_pfn(pte_t pte)
{
	return pte_val(pte) >> PAGE_SHIFT;
}

/* Keep AP[2] (hardware read-only) equal to !(WRITE && DIRTY). */
static inline pte_t __pte_sync_rdonly(uint32_t v)
{
	if ((v & (L_PTE_WRITE | L_PTE_DIRTY)) == (L_PTE_WRITE | L_PTE_DIRTY))
		v &= ~L_PTE_RDONLY;
	else
		v |= L_PTE_RDONLY;
	return __pte(v);
}
static inline pte_t pte_mkwrite(pte_t pte)
{
	return __pte_sync_rdonly(pte_val(pte) | L_PTE_WRITE);
}
static inline pte_t pte_wrprotect(pte_t pte)
{
	return __pte_sync_rdonly(pte_val(pte) & ~L_PTE_WRITE);
}
static inline pte_t pte_mkdirty(pte_t pte)
{
	return __pte_sync_rdonly(pte_val(pte) | L_PTE_DIRTY);
}
static inline pte_t pte_mkclean(pte_t pte)
{
	return __pte_sync_rdonly(pte_val(pte) & ~L_PTE_DIRTY);
}
static inline pte_t pte_mkyoung(pte_t pte)
{
	return __pte(pte_val(pte) | L_PTE_YOUNG);
}
static inline pte_t pte_mkold(pte_t pte)
{
	return __pte(pte_val(pte) & ~L_PTE_YOUNG);
}
static inline pte_t pte_mkexec(pte_t pte)
{
	return __pte(pte_val(pte) & ~L_PTE_XN);
}

/* An entry for pfn with protection prot (whose WRITE/DIRTY bits decide AP[2]). */
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte_sync_rdonly(((uint32_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}
#define mk_pte(page, prot) pfn_pte(page_to_pfn(page), prot)
#define pte_page(pte)	   pfn_to_page(pte_pfn(pte))

/* --- tables ------------------------------------------------------------------------- */

#define pgd_index(addr) ((unsigned long)(addr) >> PGDIR_SHIFT)
#define pte_index(addr) (((unsigned long)(addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/* The end of the level-1 entry's 1 MiB holding addr, or end if that comes first (end 0: the
 * top of the address space). */
static inline unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & ~(PGDIR_SIZE - 1);

	return boundary - 1 < end - 1 ? boundary : end;
}

extern pgd_t *const swapper_pgd; /* the one page directory (swapper_pg_dir) */

static inline pgd_t *pgd_offset_k(unsigned long addr)
{
	/* The linker's symbol, not swapper_pgd: its address is a constant, with no load. */
	return (pgd_t *)swapper_pg_dir + pgd_index(addr);
}
/* The application's tables are swapper_pgd's too (one address space for now). */
static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	(void)mm;
	return pgd_offset_k(addr);
}
static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	(void)addr;
	return pgd;
}
static inline bool pmd_none(pmd_t pmd)
{
	return pmd_val(pmd) == 0;
}
static inline bool pmd_table(pmd_t pmd)
{
	return (pmd_val(pmd) & PMD_TYPE_MASK) == PMD_TYPE_TABLE;
}
static inline bool pmd_sect(pmd_t pmd)
{
	return (pmd_val(pmd) & PMD_TYPE_MASK) == PMD_TYPE_SECT;
}
static inline pte_t *pmd_page_vaddr(pmd_t pmd)
{
	return (pte_t *)__va(pmd_val(pmd) & PMD_TABLE_MASK);
}
/* The level-2 entry for addr; the pmd must hold a table. */
static inline pte_t *pte_offset(pmd_t *pmd, unsigned long addr)
{
	return pmd_page_vaddr(*pmd) + pte_index(addr);
}
#define pte_offset_kernel pte_offset

/* --- updates ----------------------------------------------------------------------- */

/*
 * Table walks are coherent with the data cache (head.S makes them inner write-back), so an
 * entry store needs ordering only, no cache maintenance (ARM ARM DDI 0406C, B3.10.1 and
 * B3.10.2: a DSB makes a table store visible to the walker; an ISB makes the instructions after
 * it use the new table). set_pte stores alone: a batch of stores into entries that were invalid
 * ends with emit_pte_barriers(), one into entries that may be cached in the TLB with a TLB
 * flush (platform/tlbflush.h), which begins with the same DSB. An invalid entry is never held
 * in a TLB (B3.10.1), so filling one needs no flush.
 */
static inline void set_pte(pte_t *ptep, pte_t pte)
{
	*ptep = pte;
}
static inline void emit_pte_barriers(void)
{
	dsb(ishst);
	isb();
}
/*
 * Fill an application entry that was invalid (the mm is the one address space for now). The
 * DSB alone (R1 in platform/mmu.c): no ISB (R2) is needed for an application entry, as
 * nothing reaches application memory without a context synchronization after this store:
 * the application runs after an exception return, and the runtime's user copies open
 * application memory with an ISB first (platform/domain.h); neither can have fetched through
 * the entry before (PXN: the runtime never executes application pages).
 */
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	(void)mm;
	(void)addr;
	set_pte(ptep, pte);
	dsb(ishst);
}
/* Clear an entry and return what it held; the caller flushes the TLB if it was valid. */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	pte_t old = *ptep;

	(void)mm;
	(void)addr;
	set_pte(ptep, __pte(0));
	return old;
}
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	*pmdp = pmd;
	dsb(ishst);
	isb();
}

/* Level-2 tables: pte_alloc makes sure the pmd for addr holds a table (allocating the page of
 * four tables for its 4 MiB group) and returns the entry; NULL when out of memory. */
pte_t *pte_alloc(pmd_t *pmd, unsigned long addr);
/* Free the page of tables of addr's 4 MiB group if all its entries are none (clearing the
 * group's level-1 entries and flushing the TLB); else leave it. */
void free_pte_group_if_empty(unsigned long addr);
/* Pages used for level-2 tables (meminfo's PageTables). */
unsigned long nr_pagetable_pages(void);

#endif
