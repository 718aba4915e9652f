/*
 * Cache maintenance the VM asks for (ARMv7-A): making memory written through the data cache
 * coherent for instruction fetches.
 */
#ifndef UNIARM_PLATFORM_CACHEFLUSH_H
#define UNIARM_PLATFORM_CACHEFLUSH_H

/*
 * Make [start, end) (runtime addresses, e.g. a page's linear-map alias) coherent for
 * instruction fetches: clean its data-cache lines to the point of unification, then
 * invalidate the instruction caches. The Cortex-A15's instruction cache is PIPT, so any alias
 * of a page serves for every mapping of it. QEMU does not model caches; hardware does.
 */
void flush_icache_range(unsigned long start, unsigned long end);

#endif
