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
};

extern struct boot_info boot_info;

void start_kernel(phys_addr_t dtb_phys);

#endif
