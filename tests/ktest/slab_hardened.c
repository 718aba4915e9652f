/* Slab hardening (vm/slab.c, docs/mm.md "Slab"): a write after free over the free pointer of
 * the free-list head followed by a second kfree of the head is a double free, reported and
 * ignored; the corrupt free pointer is reported when the list reaches it and its object is not
 * handed out; the next two allocations are two different objects. */
#include "vm/gfp.h"
#include "vm/slab.h"

#include <stdint.h>
#include <stdio.h>

int main(void)
{
	unsigned long bad_frees = slab_bad_free_reports;
	unsigned long corrupt = slab_corrupt_freelist_reports;
	char *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL);
	char *c, *d;

	if (!a || !b)
		return 1;
	kfree(a);
	*(volatile uint32_t *)a = 0x41414141; /* use after free: the free pointer */
	kfree(a);			      /* a is the free-list head: a double free */
	printf("double free of the free-list head %s\n",
	       slab_bad_free_reports == bad_frees + 1 ? "reported" : "NOT reported");
	c = kmalloc(64, GFP_KERNEL);
	d = kmalloc(64, GFP_KERNEL);
	printf("next two allocations: %s\n", c && d && c != d ? "different objects" : "the same");
	if (!c || !d || c == d || c == a || d == a || slab_bad_free_reports != bad_frees + 1)
		return 3;
	if (slab_corrupt_freelist_reports != corrupt + 1)
		return 4;
	printf("corrupt free pointer reported, its object not handed out\n");
	kfree(c);
	kfree(d);
	kfree(b);
	if (slab_bad_free_reports != bad_frees + 1)
		return 5;
	printf("slab hardening checks passed\n");
	return 0;
}
