/* Device register access (the mappings are Device memory, so plain volatile accesses suffice
 * for ordering among themselves; barriers order them against normal memory where needed). */
#ifndef UNIARM_PLATFORM_IO_H
#define UNIARM_PLATFORM_IO_H

#include <stdint.h>
#include <stddef.h>
#include "platform/memory.h"

#define __iomem

static inline uint32_t readl(const volatile void __iomem *addr)
{
	return *(const volatile uint32_t *)addr;
}

static inline void writel(uint32_t v, volatile void __iomem *addr)
{
	*(volatile uint32_t *)addr = v;
}

/* Map a device's registers (Device memory, XN) before the vmalloc area exists; NULL when the
 * early window is full. Mappings are 1 MiB sections and live for the runtime's lifetime. */
void __iomem *early_ioremap(phys_addr_t phys, size_t size);
/* Drop every early mapping (once the devices have moved to ioremap). */
void early_ioremap_reset(void);

#endif
