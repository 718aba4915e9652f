/* vmalloc at PL1: 1,000 areas of random sizes, each filled with its own pattern and checked
 * through the page table (vmalloc_to_page + the linear map) and directly, freed in random
 * order; afterwards RAM and the vmalloc area are back as they were. */
#include "platform/pgtable.h"
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/vmalloc.h"

#include <stdint.h>
#include <stdio.h>

#define NR_AREAS 1000

static uint32_t rng = 12345;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static unsigned char *area[NR_AREAS];
static unsigned long area_size[NR_AREAS];
static unsigned int order[NR_AREAS];

static unsigned char pattern(unsigned int i, unsigned long off)
{
	return (unsigned char)(i * 7 + off * 13 + (off >> 12));
}

static int check_area(unsigned int i)
{
	for (unsigned long off = 0; off < area_size[i]; off++)
		if (area[i][off] != pattern(i, off))
			return -1;
	/* The page table agrees: each page's linear-map alias holds the same bytes. */
	for (unsigned long off = 0; off < area_size[i]; off += PAGE_SIZE) {
		struct page *page = vmalloc_to_page(area[i] + off);
		if (!page || *(unsigned char *)page_address(page) != area[i][off])
			return -2;
	}
	return 0;
}

int main(void)
{
	unsigned long free_before, used_before;

	printf("vmalloc test: %d areas\n", NR_AREAS);
	drain_local_pages();
	free_before = nr_free_pages();
	used_before = vmalloc_used_pages();
	for (unsigned int i = 0; i < NR_AREAS; i++) {
		area_size[i] = 1 + next_rand() % (64 * 1024);
		area[i] = (i & 1) ? vzalloc(area_size[i]) : vmalloc(area_size[i]);
		if (!area[i] || (unsigned long)area[i] < vmalloc_start ||
		    (unsigned long)area[i] >= VMALLOC_END)
			return 1;
		if ((i & 1) && area[i][area_size[i] - 1] != 0)
			return 2;
		for (unsigned long off = 0; off < area_size[i]; off++)
			area[i][off] = pattern(i, off);
		order[i] = i;
	}
	for (unsigned int i = NR_AREAS - 1; i > 0; i--) {
		unsigned int j = next_rand() % (i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (unsigned int k = 0; k < NR_AREAS; k++) {
		unsigned int i = order[k];
		int err = check_area(i);
		if (err) {
			printf("area %u (%lu bytes at %p): check failed (%d)\n", i, area_size[i],
			       (void *)area[i], err);
			return 3;
		}
		vfree(area[i]);
		if (vmalloc_to_page(area[i]))
			return 4;
	}
	drain_local_pages();
	printf("free pages: before %lu, after %lu; vmalloc pages used %lu\n", free_before,
	       nr_free_pages(), vmalloc_used_pages());
	/* Page tables made for the areas stay (as in Linux); kmalloc caches may keep a slab. */
	if (vmalloc_used_pages() != used_before)
		return 5;
	printf("all %d areas checked and freed\n", NR_AREAS);
	return 0;
}
