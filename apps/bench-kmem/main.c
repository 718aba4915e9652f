/*
 * Benchmark of the runtime's memory allocators, in guest instructions (run under QEMU
 * -icount shift=0,sleep=off, where the PMU's INST_RETIRED counts exactly). Each figure is the
 * cost of one operation, the loop's own cost subtracted; each is checked against its target.
 *   alloc_page + __free_pages            <= 100
 *   vmalloc(16 KiB) + vfree              <= 2,500
 *   the same with 10,000 live areas      <= 2x the cost with 10
 */
#include "apps/bench.h"
#include "vm/gfp.h"
#include "vm/vmalloc.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_LIVE 20000

static void *live[MAX_LIVE];

/* Instructions per iteration of body, minus those of an empty iteration. */

static double vmalloc_pair_cost(void)
{
	return MEASURE(1000, {
		void *p = vmalloc(16384);
		if (!p)
			abort();
		vfree(p);
	});
}

int main(void)
{
	if (bench_start())
		return 2;
	printf("%-44s %9s\n", "operation", "instructions");

	/* Warm the per-cpu page list and the slab caches first. */
	for (int i = 0; i < 100; i++)
		__free_page(alloc_page(GFP_KERNEL));
	double pair = MEASURE(10000, {
		struct page *p = alloc_page(GFP_KERNEL);
		__free_pages(p, 0);
	});
	report("alloc_page + __free_pages", pair, 100);

	for (int i = 0; i < 10; i++)
		live[i] = vmalloc(4096);
	double few = vmalloc_pair_cost();
	report("vmalloc(16 KiB) + vfree, 10 live areas", few, 2500);

	/* 10,000 live one-page areas with 10,000 holes between them too small for the request
	 * (each hole is one page plus a guard page), so placement has to skip them all. */
	for (int i = 10; i < MAX_LIVE; i++) {
		live[i] = vmalloc(4096);
		if (!live[i]) {
			printf("vmalloc failed at area %d\n", i);
			return 3;
		}
	}
	for (int i = 10; i < MAX_LIVE; i += 2)
		vfree(live[i]);
	double many = vmalloc_pair_cost();
	report("vmalloc(16 KiB) + vfree, 10,000 live areas", many, 2500);
	report("  ratio 10,000 live / 10 live", many / few, 2.0);

	return bench_finish();
}
