/* Building the kernel page table. */
#ifndef UNIARM_PLATFORM_MMU_H
#define UNIARM_PLATFORM_MMU_H

#include <stdbool.h>
#include <stdint.h>
#include "platform/memory.h"

/* Map RAM [ram_base, ram_base + ram_size) at PAGE_OFFSET with W^X: 1 MiB sections where a
 * whole section is plain data, 4 KiB pages where the image's text/rodata boundaries fall. */
void paging_init(phys_addr_t ram_base, uint32_t ram_size);

/* Whether a read of addr would translate (a section, or a valid small page). For code that
 * must not fault, like the Oops printer walking a stack. */
bool addr_is_mapped(unsigned long addr);

#endif
