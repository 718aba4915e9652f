/*
 * memblock: the early physical memory map. Two sorted tables of page-aligned ranges, the RAM
 * (memory) and the parts of it that are taken (reserved), filled from the device tree by
 * setup_memory and consulted by paging_init and mem_init. memblock_phys_alloc carves early
 * allocations (mem_map, second-level page tables) from the top of RAM. After mem_init the
 * tables are history, read only for statistics.
 */
#include "vm/memblock.h"

#include <stddef.h>

struct memblock memblock;

/*
 * Range ends are kept below 4 GiB so that base + size always fits a phys_addr_t: the last
 * page of the 32-bit physical space cannot be described and is dropped.
 */
#define MEMBLOCK_LIMIT ((uint64_t)0x100000000ull - PAGE_SIZE)

static inline uint64_t region_end(const struct memblock_region *r)
{
	return (uint64_t)r->base + r->size;
}

/*
 * Insert [base, base + size), widened to whole pages, into the sorted table, merging it with
 * every region it overlaps or touches, so the table stays sorted, non-overlapping and
 * without adjacent neighbours. -1 (and the table unchanged) when a new slot is needed and
 * none is left.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base, uint32_t size)
{
	uint64_t start = base & PAGE_MASK;
	uint64_t end = ((uint64_t)base + size + PAGE_SIZE - 1) & PAGE_MASK;
	unsigned int first, last, i;

	if (size == 0)
		return 0;
	if (end > MEMBLOCK_LIMIT)
		end = MEMBLOCK_LIMIT;
	if (start >= end)
		return 0;

	/* Regions [first, last) overlap or touch the new range. */
	for (first = 0; first < type->cnt && region_end(&type->regions[first]) < start; first++)
		;
	for (last = first; last < type->cnt && type->regions[last].base <= end; last++)
		;

	if (first == last) {
		if (type->cnt == MEMBLOCK_MAX_REGIONS)
			return -1;
		for (i = type->cnt; i > first; i--)
			type->regions[i] = type->regions[i - 1];
		type->cnt++;
	} else {
		if (type->regions[first].base < start)
			start = type->regions[first].base;
		if (region_end(&type->regions[last - 1]) > end)
			end = region_end(&type->regions[last - 1]);
		/* Keep one slot (first) for the union, close the gap after it. */
		for (i = last; i < type->cnt; i++)
			type->regions[first + 1 + i - last] = type->regions[i];
		type->cnt -= last - first - 1;
	}
	type->regions[first].base = (phys_addr_t)start;
	type->regions[first].size = (uint32_t)(end - start);
	return 0;
}

int memblock_add(phys_addr_t base, uint32_t size)
{
	return memblock_add_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, uint32_t size)
{
	return memblock_add_range(&memblock.reserved, base, size);
}

bool memblock_is_reserved(phys_addr_t addr)
{
	const struct memblock_type *type = &memblock.reserved;
	unsigned int i;

	for (i = 0; i < type->cnt && type->regions[i].base <= addr; i++)
		if (addr < region_end(&type->regions[i]))
			return true;
	return false;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *type = &memblock.memory;

	return type->cnt ? (phys_addr_t)region_end(&type->regions[type->cnt - 1]) : 0;
}

/*
 * The highest address in the free range [lo, hi) where `size` bytes aligned to `align` fit,
 * or 0 when they do not.
 */
static uint64_t fit_top_down(uint64_t lo, uint64_t hi, uint64_t size, uint64_t align)
{
	uint64_t cand;

	if (hi - lo < size)
		return 0;
	cand = (hi - size) & ~(align - 1);
	return cand >= lo ? cand : 0;
}

/*
 * Top-down first fit: walk the free ranges (memory minus reserved) from the end of DRAM
 * downwards and take the highest aligned place that holds the request. The size is rounded
 * to whole pages and the alignment is at least a page, because reservations are page
 * granular anyway. The result is reserved; 0 when nothing fits, the alignment is not a power
 * of two or the reserved table is full.
 */
phys_addr_t memblock_phys_alloc(uint32_t size, uint32_t align)
{
	const struct memblock_type *mem = &memblock.memory;
	const struct memblock_type *rsv = &memblock.reserved;
	uint64_t sz = ((uint64_t)size + PAGE_SIZE - 1) & PAGE_MASK;
	uint64_t al = align < PAGE_SIZE ? PAGE_SIZE : align;
	unsigned int i, j;

	if (size == 0 || (align & (align - 1)) != 0)
		return 0;

	for (i = mem->cnt; i-- > 0;) {
		uint64_t mb = mem->regions[i].base;
		uint64_t top = region_end(&mem->regions[i]);
		uint64_t found = 0;

		/* Gaps above each reserved region that starts below `top`, highest first. */
		for (j = rsv->cnt; j-- > 0 && top > mb;) {
			const struct memblock_region *r = &rsv->regions[j];
			uint64_t rend = region_end(r);

			if (r->base >= top)
				continue;
			if (rend < top) {
				found = fit_top_down(rend > mb ? rend : mb, top, sz, al);
				if (found)
					break;
			}
			top = r->base;
		}
		if (!found && top > mb)
			found = fit_top_down(mb, top, sz, al);
		if (found) {
			if (memblock_reserve((phys_addr_t)found, (uint32_t)sz) != 0)
				return 0;
			return (phys_addr_t)found;
		}
	}
	return 0;
}
