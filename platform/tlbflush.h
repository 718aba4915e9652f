/*
 * TLB maintenance (ARMv7-A, one CPU, inner shareable operations). Every flush begins with
 * DSB ISHST, so the table stores before it are visible to the walker before the invalidation
 * (ARM ARM DDI 0406C, B3.10.1), and ends with DSB ISH + ISB, so that the instructions after it
 * translate through the new entries (B3.10.2). Entries are invalidated by MVA for all ASIDs
 * (TLBIMVAA): uniarm uses global entries only.
 *
 * The application's entries: flush_tlb_page and flush_tlb_range, which take the mm (Linux
 * passes the vma; uniarm's flush depends on the address space alone). The runtime's own
 * mappings (the linear map, vmalloc): flush_tlb_kernel_page and flush_tlb_kernel_range.
 */
#ifndef UNIARM_PLATFORM_TLBFLUSH_H
#define UNIARM_PLATFORM_TLBFLUSH_H

#include "platform/cp15.h"
#include "platform/memory.h"

struct mm_struct;

static inline void local_flush_tlb_all(void)
{
	dsb(ishst);
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" ::"r"(0) : "memory"); /* TLBIALL */
	dsb(ish);
	isb();
}

static inline void __flush_tlb_page(unsigned long addr)
{
	dsb(ishst);
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 3" ::"r"(addr & PAGE_MASK) : "memory");
	dsb(ish);
	isb();
}

/* [start, end) by MVA, or the whole TLB past 64 pages, where that is cheaper. */
void __flush_tlb_range(unsigned long start, unsigned long end);

static inline void flush_tlb_kernel_page(unsigned long kaddr)
{
	__flush_tlb_page(kaddr);
}
static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	__flush_tlb_range(start, end);
}
static inline void flush_tlb_page(struct mm_struct *mm, unsigned long uaddr)
{
	(void)mm;
	__flush_tlb_page(uaddr);
}
static inline void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	(void)mm;
	__flush_tlb_range(start, end);
}

#endif
