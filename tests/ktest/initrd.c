/* A blob the loader placed in RAM and named with initrd=ADDR,SIZE is reserved: no page of it
 * is ever handed out (allocate everything and look), and its bytes stay intact. */
#include "runtime/setup.h"
#include "vm/gfp.h"
#include "vm/mm.h"

#include <stdio.h>
#include <string.h>

static const char head[] = "uniarm initrd test blob";

int main(void)
{
	struct page *list = NULL, *page;
	phys_addr_t lo = boot_info.initrd_phys, hi = lo + boot_info.initrd_size;
	int overlaps = 0;

	printf("initrd at %#lx, %lu bytes\n", (unsigned long)lo,
	       (unsigned long)boot_info.initrd_size);
	if (!lo || memcmp(__va(lo), head, sizeof(head) - 1))
		return 1;
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		phys_addr_t pa = PFN_PHYS(page_to_pfn(page));
		if (pa + PAGE_SIZE > (lo & PAGE_MASK) && pa < hi)
			overlaps++;
		memset(page_address(page), 0xee, PAGE_SIZE);
		*(struct page **)page_address(page) = list;
		list = page;
	}
	if (overlaps || memcmp(__va(lo), head, sizeof(head) - 1))
		return 2;
	while (list) {
		page = list;
		list = *(struct page **)page_address(page);
		__free_page(page);
	}
	printf("initrd reserved and intact after allocating all RAM\n");
	return 0;
}
