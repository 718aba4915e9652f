/* Instruction-cache coherency (platform/cacheflush.h); ARM ARM DDI 0406C, B2.2.7 and B2.2.9. */
#include "platform/cacheflush.h"
#include "platform/cp15.h"

#include <stdint.h>

void flush_icache_range(unsigned long start, unsigned long end)
{
	uint32_t ctr, line;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr)); /* CTR */
	line = 4u << ((ctr >> 16) & 0xfu);			   /* DminLine, bytes */
	for (unsigned long p = start & ~(line - 1); p < end; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" ::"r"(p) : "memory"); /* DCCMVAU */
	dsb(ish); /* the cleaned lines reach the point of unification before the invalidation */
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 0" ::"r"(0) : "memory"); /* ICIALLUIS */
	dsb(ish);
	isb(); /* no instruction fetched before the invalidation is executed after it */
}
