/*
 * Early memory: which physical ranges are RAM and which of them are taken (the image, the
 * device tree, a loader-placed blob, /reserved-memory, early allocations). Used until
 * mem_init() hands the rest to the buddy allocator.
 */
#ifndef UNIARM_VM_MEMBLOCK_H
#define UNIARM_VM_MEMBLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "platform/memory.h"

#define MEMBLOCK_MAX_REGIONS 32

struct memblock_region {
	phys_addr_t base;
	uint32_t size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS]; /* sorted, non-overlapping, merged */
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Add RAM / reserve a range (page-aligned outward); 0, or -1 when the table is full. */
int memblock_add(phys_addr_t base, uint32_t size);
int memblock_reserve(phys_addr_t base, uint32_t size);
bool memblock_is_reserved(phys_addr_t addr);
/* Allocate and reserve `size` bytes aligned to `align` from the top of RAM; 0 on failure. */
phys_addr_t memblock_phys_alloc(uint32_t size, uint32_t align);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);

#endif
