/* meminfo: MemTotal, MemFree, free blocks per order, Slab, VmallocUsed, PageTables. */
#include "vm/meminfo.h"
#include "vm/gfp.h"
#include "vm/slab.h"
#include "vm/vmalloc.h"
#include "platform/pgtable.h"
#include "runtime/printk.h"
#include "runtime/vsprintf.h"

#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))

size_t meminfo_format(char *buf, size_t size)
{
	size_t n = 0;

	n += scnprintf(buf + n, size - n, "MemTotal:       %8lu kB\n", K(totalram_pages()));
	n += scnprintf(buf + n, size - n, "MemFree:        %8lu kB\n", K(nr_free_pages()));
	n += scnprintf(buf + n, size - n, "Slab:           %8lu kB\n", K(slab_pages()));
	n += scnprintf(buf + n, size - n, "PageTables:     %8lu kB\n", K(nr_pagetable_pages()));
	n += scnprintf(buf + n, size - n, "VmallocTotal:   %8lu kB\n",
		       (VMALLOC_END - vmalloc_start) >> 10);
	n += scnprintf(buf + n, size - n, "VmallocUsed:    %8lu kB\n", K(vmalloc_used_pages()));
	n += scnprintf(buf + n, size - n, "FreeBlocks:     ");
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		n += scnprintf(buf + n, size - n, "%6lu", nr_free_pages_order(o));
	n += scnprintf(buf + n, size - n, "\n");
	return n;
}

void meminfo_show(void)
{
	char buf[512];
	size_t n = meminfo_format(buf, sizeof(buf));

	console_write(buf, n);
}
