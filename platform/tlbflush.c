/* TLB maintenance of a range (platform/tlbflush.h). */
#include "platform/tlbflush.h"

void __flush_tlb_range(unsigned long start, unsigned long end)
{
	/* Past 64 pages one full invalidation is cheaper than many by MVA. */
	if ((end - start) >> PAGE_SHIFT > 64) {
		local_flush_tlb_all();
		return;
	}
	dsb(ishst);
	for (unsigned long a = start & PAGE_MASK; a < end; a += PAGE_SIZE)
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 3" ::"r"(a) : "memory"); /* TLBIMVAA */
	dsb(ish);
	isb();
}
