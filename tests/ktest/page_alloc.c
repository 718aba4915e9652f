/* Page allocator at PL1: allocate until exhaustion (NULL), free everything, and the free page
 * count and every per-order count are back exactly to their values before. */
#include "vm/gfp.h"
#include "vm/mm.h"

#include <stdio.h>

int main(void)
{
	unsigned long before[MAX_ORDER], free_before, n = 0;
	struct page *head = NULL, *page;

	printf("page allocator exhaustion test\n"); /* stdout's buffer is allocated now */
	drain_local_pages();
	free_before = nr_free_pages();
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		before[o] = nr_free_pages_order(o);

	/* Chain the pages through their own first word. */
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		*(struct page **)page_address(page) = head;
		head = page;
		n++;
	}
	if (nr_free_pages() != 0 || alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		return 1;
	printf("allocated %lu pages until NULL (%lu were free)\n", n, free_before);
	while (head) {
		page = head;
		head = *(struct page **)page_address(page);
		__free_page(page);
	}
	drain_local_pages();
	printf("free pages: before %lu, after %lu\n", free_before, nr_free_pages());
	if (n != free_before || nr_free_pages() != free_before)
		return 2;
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		if (nr_free_pages_order(o) != before[o]) {
			printf("order %u: %lu free blocks before, %lu after\n", o, before[o],
			       nr_free_pages_order(o));
			return 3;
		}
	}
	printf("per-order free counts restored\n");
	return 0;
}
