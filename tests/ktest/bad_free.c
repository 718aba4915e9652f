/* Frees that must be refused and reported, never absorbed: a page freed twice, a reserved
 * page, a kfree of a pointer kmalloc never returned, and a double kfree. The free counts do
 * not change. */
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/slab.h"

#include <stdio.h>

int main(void)
{
	static int not_from_kmalloc;
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long free_pages, bad_pages = bad_page_reports, bad_frees = slab_bad_free_reports;

	/* tests/ktest/check-bad-free.cmake compares these with the pfns the reports name. */
	printf("pfn of the test page: %#lx\n", page_to_pfn(page));
	printf("pfn of the image page: %#lx\n", page_to_pfn(virt_to_page(&not_from_kmalloc)));
	__free_page(page);
	drain_local_pages();
	free_pages = nr_free_pages();
	__free_page(page);			      /* freed twice */
	__free_page(virt_to_page(&not_from_kmalloc)); /* the image is reserved */
	drain_local_pages();
	if (nr_free_pages() != free_pages || bad_page_reports != bad_pages + 2)
		return 1;

	char *p = kmalloc(100, GFP_KERNEL);
	kfree(&not_from_kmalloc);
	kfree(p + 8);
	kfree(p);
	kfree(p);
	if (slab_bad_free_reports != bad_frees + 3)
		return 2;
	printf("every bad free was reported and ignored\n");
	return 0;
}
