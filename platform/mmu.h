/* Building the kernel page table. */
#ifndef UNIARM_PLATFORM_MMU_H
#define UNIARM_PLATFORM_MMU_H

#include <stdbool.h>
#include <stdint.h>
#include "platform/memory.h"

/* Map RAM [ram_base, ram_base + ram_size) at PAGE_OFFSET with W^X: 1 MiB sections where a
 * whole section is plain data, 4 KiB pages where the image's text/rodata boundaries fall. */
void paging_init(phys_addr_t ram_base, uint32_t ram_size);

/* Before paging_init: map [phys, phys + size) of RAM into the linear map with 1 MiB read-write
 * XN sections, leaving sections already mapped (the image) alone. For the device tree blob,
 * which start_kernel reads before it knows where RAM is. */
void early_map_lowmem(phys_addr_t phys, uint32_t size);

/* Whether a read of addr would translate (a section, or a valid small page). For code that
 * must not fault, like the Oops printer walking a stack. */
bool addr_is_mapped(unsigned long addr);

#endif
