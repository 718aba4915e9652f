/* meminfo at boot: MemTotal close to the RAM QEMU was given (argv[1], MiB), MemFree below it,
 * the per-order free counts adding up to MemFree. */
#include "vm/gfp.h"
#include "vm/meminfo.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	unsigned long ram_kb = argc > 1 ? strtoul(argv[1], NULL, 0) * 1024 : 0;
	unsigned long total_kb = totalram_pages() * 4, free_kb, sum = 0;

	meminfo_show();
	drain_local_pages();
	free_kb = nr_free_pages() * 4;
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		sum += nr_free_pages_order(o) << o;
	/* The image, the device tree and mem_map are reserved: at most 8 MiB plus mem_map. */
	if (total_kb > ram_kb || total_kb + 8192 + ram_kb / 128 < ram_kb)
		return 1;
	if (free_kb > total_kb || sum * 4 != free_kb)
		return 2;
	printf("MemTotal %lu kB of %lu kB RAM; MemFree %lu kB\n", total_kb, ram_kb, free_kb);
	return 0;
}
