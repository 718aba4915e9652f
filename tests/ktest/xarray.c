/* vm/xarray.c on the real slab: a dense run (a 12 MiB file: two levels), a sparse spread and
 * the last index, stored, loaded, found and erased (then stored again and destroyed); each
 * time the xa_node cache's objects in use come back to where they started. */
#include "ktest_check.h"
#include "vm/slab.h"
#include "vm/xarray.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#define DENSE  3000
#define SPARSE 1000

static void *val(unsigned long i)
{
	return (void *)(uintptr_t)(((i * 2654435761u) << 2) | 4);
}

static unsigned long nodes_in_use(void)
{
	return xa_node_cachep ? xa_node_cachep->nr_objects_inuse : 0;
}

static unsigned long index_of(unsigned int i)
{
	if (i < DENSE)
		return i;
	if (i < DENSE + SPARSE)
		return (i - DENSE + 1) * 65537ul;
	return 0xfffffffful;
}

static void fill(struct xarray *xa)
{
	for (unsigned int i = 0; i <= DENSE + SPARSE; i++)
		CHECK(xa_store(xa, index_of(i), val(index_of(i)), GFP_KERNEL) == 0);
}

int main(void)
{
	const unsigned int n = DENSE + SPARSE + 1;
	unsigned long start = nodes_in_use(), nodes, entries, index, seen = 0;
	struct xarray xa = XARRAY_INIT;
	void *entry;

	fill(&xa);
	CHECK(xa_check(&xa, &nodes, &entries) == NULL);
	CHECK(entries == n);
	CHECK(nodes_in_use() - start == nodes);
	printf("xarray: %u entries stored in %lu nodes\n", n, nodes);
	for (unsigned int i = 0; i < n; i++) {
		CHECK(xa_load(&xa, index_of(i)) == val(index_of(i)));
		CHECK(xa_insert(&xa, index_of(i), val(0), GFP_KERNEL) == -EEXIST);
	}
	CHECK(xa_load(&xa, DENSE) == NULL && xa_load(&xa, 65536) == NULL);
	index = DENSE;
	CHECK(xa_find(&xa, &index, 0xfffffffful) == val(65537) && index == 65537);
	index = 0;
	CHECK(xa_find_hole(&xa, &index, 0xfffffffful) && index == DENSE);
	xa_for_each(&xa, index, entry)
	{
		CHECK(entry == val(index));
		seen++;
	}
	CHECK(seen == n);
	/* Erase from the top down: the tree shrinks level by level. */
	for (unsigned int i = n; i-- > 0;)
		CHECK(xa_erase(&xa, index_of(i)) == val(index_of(i)));
	CHECK(xa_empty(&xa));
	CHECK(nodes_in_use() == start);
	printf("xarray: erased, node objects in use back to %lu\n", nodes_in_use());
	fill(&xa);
	xa_destroy(&xa);
	CHECK(xa_empty(&xa));
	CHECK(nodes_in_use() == start);
	printf("xarray: destroyed, node objects in use back to %lu\n", nodes_in_use());
	if (!check_failures)
		printf("xarray: all checks passed\n");
	return check_failures;
}
