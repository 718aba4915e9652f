/* ioremap the PL011 again (Device memory, XN) and write through the new mapping directly. */
#include "platform/io.h"
#include "runtime/setup.h"
#include "vm/vmalloc.h"

#include <stdio.h>

#define UART_DR 0x00
#define UART_FR 0x18
#define FR_TXFF (1u << 5)

int main(void)
{
	static const char msg[] = "written through an ioremap'd PL011\r\n";
	void __iomem *uart = ioremap(boot_info.uart_phys, 0x1000);

	if (!uart || (unsigned long)uart < vmalloc_start)
		return 1;
	fflush(stdout);
	for (const char *c = msg; *c; c++) {
		while (readl((char *)uart + UART_FR) & FR_TXFF)
			;
		writel((unsigned char)*c, (char *)uart + UART_DR);
	}
	iounmap(uart);
	if (find_vm_area((void *)((unsigned long)uart & PAGE_MASK)))
		return 2;
	printf("iounmap done\n");
	return 0;
}
