/* What start_kernel learned about the machine. */
#ifndef UNIARM_RUNTIME_SETUP_H
#define UNIARM_RUNTIME_SETUP_H

#include <stdint.h>
#include "platform/memory.h"

struct boot_info {
	phys_addr_t ram_base;
	uint32_t ram_size; /* usable by the linear map */
	phys_addr_t dtb_phys;
	uint32_t dtb_size;
	int uart_node;
	phys_addr_t uart_phys;
	phys_addr_t initrd_phys; /* a loader-placed blob (initrd=ADDR,SIZE), or 0 */
	uint32_t initrd_size;
};

extern struct boot_info boot_info;

struct fdt;

void start_kernel(phys_addr_t dtb_phys);
/* RAM and reservations into memblock, the kernel page table, the page allocator. */
void setup_memory(const struct fdt *fdt, const char *initrd_arg);

#endif
