/* vmalloc takes its pages one at a time, so it works when no two free pages are adjacent:
 * take every free page, give back every other one, then vmalloc 1 MiB and use it. */
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/vmalloc.h"

#include <stdio.h>
#include <string.h>

int main(void)
{
	struct page *head = NULL, *page;
	unsigned long n = 0, freed = 0;

	printf("fragmenting RAM\n");
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		*(struct page **)page_address(page) = head;
		head = page;
		n++;
	}
	/* Free pages with an even pfn: every free block is a single page now. */
	for (struct page **link = &head; *link;) {
		page = *link;
		if (!(page_to_pfn(page) & 1)) {
			*link = *(struct page **)page_address(page);
			__free_page(page);
			freed++;
		} else {
			link = (struct page **)page_address(page);
		}
	}
	drain_local_pages();
	for (unsigned int o = 1; o < MAX_ORDER; o++)
		if (nr_free_pages_order(o))
			return 1;
	printf("%lu of %lu pages free, no free block larger than one page\n", freed, n);

	unsigned char *p = vmalloc(1 << 20);
	if (!p)
		return 2;
	memset(p, 0x5a, 1 << 20);
	for (unsigned long i = 0; i < (1 << 20); i += 4096)
		if (p[i] != 0x5a || !vmalloc_to_page(p + i))
			return 3;
	vfree(p);
	printf("vmalloc(1 MiB) on fragmented RAM works\n");
	while (head) {
		page = head;
		head = *(struct page **)page_address(page);
		__free_page(page);
	}
	return 0;
}
