/*
 * A fault that finds no free page ends the application with "out of memory" and exit status
 * 137. Every free page is taken first; the mode (first argument) picks the fault:
 *   write       first write to an anonymous page (its page table exists already)
 *   cow         write to a page that maps the zero page (the copy needs a page)
 *   table       first touch of a 4 MiB group (the page of tables cannot be allocated)
 */
#include "fault_lib.c"

/* Take every free page (chained through their first words, never given back). */
static unsigned long exhaust_pages(void)
{
	struct page *page, *head = NULL;
	unsigned long n = 0;

	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		*(struct page **)page_address(page) = head;
		head = page;
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "write";
	struct vm_area_struct *vma;
	volatile unsigned char *p;
	unsigned long n;

	fault_test_init();
	vma = make_vma_at(0, 8 * PAGE_SIZE, VM_READ | VM_WRITE, 4UL << 20);
	p = (volatile unsigned char *)vma->vm_start;
	if (strcmp(mode, "table")) {
		p[0] = 1;	    /* the page table exists now */
		(void)p[PAGE_SIZE]; /* page 1: the zero page */
	}
	printf("mode %s: about to take every free page\n", mode);
	n = exhaust_pages();
	printf("took %lu pages, %lu free\n", n, nr_free_pages());
	if (!strcmp(mode, "cow"))
		p[PAGE_SIZE] = 2;
	else
		p[2 * PAGE_SIZE] = 3;
	printf("the fault found a page\n");
	return 1;
}
