/* Early device mappings: 1 MiB Device sections in the window EARLY_IO_BASE..EARLY_IO_END. */
#include "platform/io.h"
#include "platform/cp15.h"
#include "platform/pgtable-hwdef.h"

static uintptr_t next_slot = EARLY_IO_BASE;

void __iomem *early_ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t base = phys & ~(SECTION_SIZE - 1);
	phys_addr_t last = phys + size - 1;
	uintptr_t va = next_slot;

	if (size == 0 || last < phys)
		return NULL;
	/* Reuse a section that already maps this device range. */
	for (uintptr_t v = EARLY_IO_BASE; v < next_slot; v += SECTION_SIZE) {
		uint32_t pmd = swapper_pg_dir[v >> SECTION_SHIFT];
		phys_addr_t pbase = pmd & ~(SECTION_SIZE - 1);
		if (pbase == base && last < pbase + SECTION_SIZE)
			return (void __iomem *)(v + (phys - base));
	}
	for (phys_addr_t p = base; p <= last && p >= base; p += SECTION_SIZE) {
		if (next_slot >= EARLY_IO_END)
			return NULL;
		swapper_pg_dir[next_slot >> SECTION_SHIFT] = p | PMD_SECT_DEVICE;
		local_flush_tlb_kernel_page(next_slot);
		next_slot += SECTION_SIZE;
		if (p + SECTION_SIZE < p)
			break;
	}
	return (void __iomem *)(va + (phys - base));
}

void early_ioremap_reset(void)
{
	for (uintptr_t v = EARLY_IO_BASE; v < next_slot; v += SECTION_SIZE) {
		swapper_pg_dir[v >> SECTION_SHIFT] = 0;
		local_flush_tlb_kernel_page(v);
	}
	next_slot = EARLY_IO_BASE;
}
