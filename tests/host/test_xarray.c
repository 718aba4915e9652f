/*
 * test_xarray.c - host tests for vm/xarray.c over a fake slab cache defined here.
 *
 * The fake slab gives each node its own malloc'd block (so AddressSanitizer sees any use of a
 * freed node), counts the nodes out, and fails on request: the cache's creation, or the Nth
 * allocation from now. Targeted cases: the empty array; index 0 alone in the head (no node);
 * growth to 2..6 levels (63, 64, 4095, 4096, 2^18, 2^24, 2^32 - 1; on a 64-bit host also
 * 2^32, 2^40 and ULONG_MAX) and the shrink back with every node freed; node counts against
 * the count the index set implies; xa_find, xa_find_hole and xa_for_each_range across levels
 * and gaps; xa_insert's -EEXIST and -EINVAL; -ENOMEM at every allocation of growing stores
 * (the array unchanged and consistent); xa_destroy. Then a random run against a sorted
 * reference array, with xa_check (counts, links, no empty node, minimal height) and the node
 * count the reference implies checked as it goes. At the end no node is out.
 *
 * Usage: test_xarray [seed [operations]]
 */
#include "vm/slab.h"
#include "vm/xarray.h"
#include "tests/host/check.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* From vm/xarray.c under UNIARM_HOST_TEST. */
extern unsigned long xa_unused_preallocated;

/* The fake slab. */
static struct kmem_cache fake_cache;
static unsigned long fake_creates, fake_live, fake_allocs;
static bool fake_fail_create;
static unsigned long fake_fail_at; /* 0: never; n: the nth allocation from now fails */

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *))
{
	CHECK(!ctor && size >= sizeof(struct xa_node) && align >= sizeof(void *),
	      "cache %s: size %zu align %zu", name, size, align);
	if (fake_fail_create)
		return NULL;
	CHECK(fake_creates == 0, "the node cache is created once (%lu)", fake_creates);
	fake_creates++;
	fake_cache.name = name;
	fake_cache.object_size = (uint32_t)size;
	fake_cache.align = (uint32_t)align;
	return &fake_cache;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	size_t size;
	void *p;

	CHECK(s == &fake_cache, "allocation from cache %p", (void *)s);
	if (fake_fail_at && !--fake_fail_at)
		return NULL;
	size = (s->object_size + s->align - 1) / s->align * s->align;
	p = aligned_alloc(s->align, size);
	if (!p) {
		printf("out of host memory\n");
		exit(2);
	}
	memset(p, (gfp & __GFP_ZERO) ? 0 : 0xa5, size);
	fake_live++;
	fake_allocs++;
	s->nr_objects_inuse++;
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	CHECK(s == &fake_cache && obj, "free of %p into cache %p", obj, (void *)s);
	CHECK(fake_live > 0, "more nodes freed than allocated");
	fake_live--;
	s->nr_objects_inuse--;
	memset(obj, 0x6b, s->object_size); /* a stale pointer reads garbage (ASan catches it) */
	free(obj);
}

/* An entry standing for index i: non-NULL, low bits clear, different per index and tag. */
static void *val(unsigned long i, unsigned int tag)
{
	return (void *)(uintptr_t)(((i * 2654435761u + tag) << 2) | 4);
}

static unsigned int levels_for(unsigned long index)
{
	unsigned int n = 1;

	while (n < XA_MAX_LEVELS && index >> (XA_CHUNK_SHIFT * n))
		n++;
	return n;
}

/* The number of nodes a minimal tree of these (sorted, distinct) indices has. */
static unsigned long expected_nodes(const unsigned long *keys, size_t n)
{
	unsigned long total = 0;
	unsigned int shift, top;
	size_t i;

	if (!n || (n == 1 && keys[0] == 0))
		return 0;
	top = (levels_for(keys[n - 1]) - 1) * XA_CHUNK_SHIFT;
	for (shift = 0; shift <= top; shift += XA_CHUNK_SHIFT) {
		unsigned int s = shift + XA_CHUNK_SHIFT;

		if (s >= XA_BITS) {
			total++;
			continue;
		}
		for (i = 0; i < n; i++)
			if (!i || (keys[i] >> s) != (keys[i - 1] >> s))
				total++;
	}
	return total;
}

/* xa_check, and the nodes out of the fake slab are exactly those in the tree. */
static void check_tree(int line, const struct xarray *xa, unsigned long want_nodes,
		       unsigned long want_entries)
{
	unsigned long nodes, entries;
	const char *err = xa_check(xa, &nodes, &entries);

	CHECK(!err, "line %d: %s", line, err);
	CHECK(nodes == want_nodes && entries == want_entries && fake_live == nodes,
	      "line %d: %lu nodes (want %lu, %lu out), %lu entries (want %lu)", line, nodes,
	      want_nodes, fake_live, entries, want_entries);
	CHECK(xa_empty(xa) == !entries, "line %d: xa_empty", line);
	CHECK(xa_unused_preallocated == 0, "line %d: %lu nodes preallocated in vain", line,
	      xa_unused_preallocated);
}

#define CHECK_TREE(xa, nodes, entries) check_tree(__LINE__, (xa), (nodes), (entries))

static void test_cache_creation_fails(void)
{
	struct xarray xa = XARRAY_INIT;

	/* Index 0 needs no node, so no cache either. */
	CHECK(xa_store(&xa, 0, val(0, 0), GFP_KERNEL) == 0, "store 0");
	fake_fail_create = true;
	CHECK(xa_store(&xa, 1, val(1, 0), GFP_KERNEL) == -ENOMEM, "no cache: -ENOMEM");
	CHECK(xa_load(&xa, 0) == val(0, 0) && !xa_load(&xa, 1), "unchanged");
	CHECK_TREE(&xa, 0, 1);
	fake_fail_create = false;
	CHECK(xa_store(&xa, 1, val(1, 0), GFP_KERNEL) == 0, "store 1");
	CHECK(xa_node_cachep == &fake_cache, "the cache is made at the first node");
	CHECK_TREE(&xa, 1, 2);
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);
}

static void test_empty(void)
{
	struct xarray xa;
	unsigned long i = 0;

	xa_init(&xa);
	CHECK(xa_empty(&xa), "empty");
	CHECK(!xa_load(&xa, 0) && !xa_load(&xa, 1) && !xa_load(&xa, ULONG_MAX), "loads");
	CHECK(!xa_find(&xa, &i, ULONG_MAX) && i == 0, "find");
	CHECK(xa_find_hole(&xa, &i, ULONG_MAX) && i == 0, "hole at 0");
	i = ULONG_MAX;
	CHECK(xa_find_hole(&xa, &i, ULONG_MAX) && i == ULONG_MAX, "hole at ULONG_MAX");
	CHECK(!xa_erase(&xa, 0) && !xa_erase(&xa, 12345), "erase of nothing");
	CHECK(xa_store(&xa, 77, NULL, GFP_KERNEL) == 0, "store NULL");
	CHECK(xa_store(&xa, 77, (void *)(uintptr_t)0x1001, GFP_KERNEL) == -EINVAL, "low bit 0");
	CHECK(xa_store(&xa, 77, (void *)(uintptr_t)0x1002, GFP_KERNEL) == -EINVAL, "low bit 1");
	CHECK(xa_insert(&xa, 77, NULL, GFP_KERNEL) == -EINVAL, "insert NULL");
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);
	CHECK(fake_allocs == 0, "nothing allocated");
}

static void test_index0(void)
{
	struct xarray xa = XARRAY_INIT;
	unsigned long allocs = fake_allocs, i;

	CHECK(xa_insert(&xa, 0, val(0, 1), GFP_KERNEL) == 0, "insert 0");
	CHECK(xa.xa_head == val(0, 1), "the entry sits in the head");
	CHECK_TREE(&xa, 0, 1);
	CHECK(xa_load(&xa, 0) == val(0, 1) && !xa_load(&xa, 1) && !xa_load(&xa, 64), "loads");
	CHECK(xa_insert(&xa, 0, val(0, 2), GFP_KERNEL) == -EEXIST, "insert again");
	CHECK(xa_load(&xa, 0) == val(0, 1), "kept");
	CHECK(xa_store(&xa, 0, val(0, 3), GFP_KERNEL) == 0 && xa_load(&xa, 0) == val(0, 3),
	      "replace");
	i = 0;
	CHECK(xa_find(&xa, &i, 0) == val(0, 3) && i == 0, "find [0, 0]");
	i = 1;
	CHECK(!xa_find(&xa, &i, ULONG_MAX) && i == 1, "find from 1");
	i = 0;
	CHECK(xa_find_hole(&xa, &i, ULONG_MAX) && i == 1, "hole at 1");
	i = 0;
	CHECK(!xa_find_hole(&xa, &i, 0) && i == 0, "no hole in [0, 0]");
	CHECK(fake_allocs == allocs, "no node allocated");
	CHECK(xa_erase(&xa, 0) == val(0, 3) && xa_empty(&xa), "erase");
	CHECK_TREE(&xa, 0, 0);
}

static const unsigned long growth_indices[] = {
	1,
	63,
	64,
	4095,
	4096,
	1ul << 18,
	(1ul << 18) - 1,
	1ul << 24,
	1ul << 30,
	0xffffffffu,
#if ULONG_MAX > 0xffffffffu
	1ul << 32,
	1ul << 40,
	ULONG_MAX - 1,
	ULONG_MAX,
#endif
};
#define NGROWTH (sizeof(growth_indices) / sizeof(growth_indices[0]))

static void test_growth(void)
{
	struct xarray xa = XARRAY_INIT;
	unsigned long keys[2], i;
	unsigned int k;

	for (k = 0; k < NGROWTH; k++) {
		unsigned long idx = growth_indices[k];
		unsigned int levels = levels_for(idx);

		/* Alone: a path of one node per level. */
		CHECK(xa_store(&xa, idx, val(idx, 0), GFP_KERNEL) == 0, "store %#lx", idx);
		CHECK_TREE(&xa, levels, 1);
		CHECK(xa_load(&xa, idx) == val(idx, 0) && !xa_load(&xa, idx - 1) &&
			      !xa_load(&xa, idx + 1) && !xa_load(&xa, 0),
		      "loads around %#lx", idx);
		i = 0;
		CHECK(xa_find(&xa, &i, ULONG_MAX) == val(idx, 0) && i == idx, "find %#lx", idx);
		CHECK(xa_erase(&xa, idx) == val(idx, 0), "erase %#lx", idx);
		CHECK_TREE(&xa, 0, 0);

		/* With index 0 in the head first: it moves into a leaf of its own path. */
		keys[0] = 0;
		keys[1] = idx;
		CHECK(xa_store(&xa, 0, val(0, 0), GFP_KERNEL) == 0, "store 0");
		CHECK(xa_store(&xa, idx, val(idx, 0), GFP_KERNEL) == 0, "store %#lx", idx);
		CHECK_TREE(&xa, expected_nodes(keys, 2), 2);
		CHECK(expected_nodes(keys, 2) == (idx < 64 ? 1 : 2 * levels - 1), "%#lx", idx);
		CHECK(xa_load(&xa, 0) == val(0, 0) && xa_load(&xa, idx) == val(idx, 0), "loads");
		/* Erasing the large index shrinks the tree back to the head entry. */
		CHECK(xa_erase(&xa, idx) == val(idx, 0), "erase %#lx", idx);
		CHECK(xa.xa_head == val(0, 0), "index 0 back in the head");
		CHECK_TREE(&xa, 0, 1);
		CHECK(xa_store(&xa, idx, val(idx, 0), GFP_KERNEL) == 0, "store %#lx", idx);
		/* Erasing 0 first leaves the path of idx alone. */
		CHECK(xa_erase(&xa, 0) == val(0, 0), "erase 0");
		CHECK_TREE(&xa, levels, 1);
		CHECK(xa_erase(&xa, idx) == val(idx, 0), "erase %#lx", idx);
		CHECK_TREE(&xa, 0, 0);
	}

	/* All of them at once, growing step by step, then erased from the largest down: the
	 * tree is minimal after every step. */
	unsigned long sorted[NGROWTH + 1];
	size_t n = 0, j;

	sorted[n++] = 0;
	CHECK(xa_store(&xa, 0, val(0, 0), GFP_KERNEL) == 0, "store 0");
	for (k = 0; k < NGROWTH; k++) {
		unsigned long idx = growth_indices[k];

		CHECK(xa_store(&xa, idx, val(idx, 0), GFP_KERNEL) == 0, "store %#lx", idx);
		for (j = n; j > 0 && sorted[j - 1] > idx; j--)
			sorted[j] = sorted[j - 1];
		sorted[j] = idx;
		n++;
		CHECK_TREE(&xa, expected_nodes(sorted, n), n);
	}
	while (n) {
		unsigned long idx = sorted[--n];

		CHECK(xa_erase(&xa, idx) == val(idx, 0), "erase %#lx", idx);
		CHECK_TREE(&xa, expected_nodes(sorted, n), n);
	}
	CHECK_TREE(&xa, 0, 0);

	/* Indices past the top node's range that share its low digits are absent. */
	CHECK(xa_store(&xa, 5, val(5, 0), GFP_KERNEL) == 0, "store 5");
	CHECK(xa_store(&xa, 64 + 5, val(64 + 5, 0), GFP_KERNEL) == 0, "store 69");
	for (k = 0; k < NGROWTH; k++) {
		unsigned long idx = growth_indices[k] & ~4095ul;

		CHECK(!idx || (!xa_load(&xa, idx | 5) && !xa_load(&xa, idx | 69)), "alias %#lx",
		      idx);
	}
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);

	/* A full leaf, a full second level: every node counted and freed. */
	for (i = 0; i < 64 * 64; i++)
		CHECK(xa_store(&xa, i, val(i, 1), GFP_KERNEL) == 0, "store %lu", i);
	CHECK_TREE(&xa, 65, 4096);
	for (i = 0; i < 64 * 64; i++)
		CHECK(xa_load(&xa, i) == val(i, 1), "load %lu", i);
	for (i = 4095; i > 0; i--)
		CHECK(xa_erase(&xa, i) == val(i, 1), "erase %lu", i);
	CHECK_TREE(&xa, 0, 1);
	CHECK(xa_erase(&xa, 0) == val(0, 1), "erase 0");
	CHECK_TREE(&xa, 0, 0);
}

/* The reference answers for a sorted key array. */
static size_t lower_bound(const unsigned long *keys, size_t n, unsigned long idx)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (keys[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool ref_find(const unsigned long *keys, size_t n, unsigned long *idx, unsigned long max)
{
	size_t p = lower_bound(keys, n, *idx);

	if (*idx > max || p == n || keys[p] > max)
		return false;
	*idx = keys[p];
	return true;
}

static bool ref_hole(const unsigned long *keys, size_t n, unsigned long *idx, unsigned long max)
{
	size_t p = lower_bound(keys, n, *idx);
	unsigned long i = *idx;

	if (i > max)
		return false;
	for (; p < n && keys[p] == i; p++) {
		if (i == max)
			return false;
		i++;
	}
	*idx = i;
	return true;
}

/* xa_find and xa_find_hole from start with bound max, against the reference. */
static void check_find(int line, const struct xarray *xa, const unsigned long *keys, size_t n,
		       unsigned int tag, unsigned long start, unsigned long max)
{
	unsigned long got = start, want = start;
	bool found;
	void *e;

	e = xa_find(xa, &got, max);
	found = ref_find(keys, n, &want, max);
	CHECK(found == !!e && got == want && (!e || e == val(want, tag)),
	      "line %d: find [%#lx, %#lx]: got %p at %#lx, want %s at %#lx", line, start, max, e,
	      got, found ? "an entry" : "none", want);
	got = want = start;
	found = ref_hole(keys, n, &want, max);
	CHECK(xa_find_hole(xa, &got, max) == found && got == want,
	      "line %d: hole [%#lx, %#lx]: got %#lx, want %s %#lx", line, start, max, got,
	      found ? "" : "none", want);
}

/* xa_for_each_range over [start, last] visits exactly the reference's keys in it. */
static void check_for_each(int line, const struct xarray *xa, const unsigned long *keys, size_t n,
			   unsigned int tag, unsigned long start, unsigned long last)
{
	size_t p = lower_bound(keys, n, start);
	unsigned long index;
	bool ok = true;
	void *entry;

	xa_for_each_range(xa, index, entry, start, last)
	{
		if (p == n || keys[p] != index || entry != val(index, tag))
			ok = false;
		p++;
	}
	if (start <= last)
		ok = ok && (p == n || keys[p] > last);
	CHECK(ok, "line %d: for_each [%#lx, %#lx]", line, start, last);
}

static void test_find(void)
{
	static const unsigned long keys[] = {0,
					     5,
					     6,
					     63,
					     64,
					     200,
					     4095,
					     4096,
					     4097,
					     1ul << 20,
					     (1ul << 24) + 63,
					     0xfffffffeu,
					     0xffffffffu};
	const size_t n = sizeof(keys) / sizeof(keys[0]);
	struct xarray xa = XARRAY_INIT;
	unsigned long index, probes[3 * sizeof(keys) / sizeof(keys[0]) + 8];
	size_t i, j, np = 0;
	unsigned int count;
	void *entry;

	for (i = 0; i < n; i++) {
		CHECK(xa_store(&xa, keys[i], val(keys[i], 2), GFP_KERNEL) == 0, "store");
		probes[np++] = keys[i];
		probes[np++] = keys[i] + 1;
		probes[np++] = keys[i] - 1;
	}
	probes[np++] = 100;
	probes[np++] = 1ul << 12;
	probes[np++] = 1ul << 18;
	probes[np++] = (1ul << 30) + 5;
	probes[np++] = 0x7fffffffu;
	probes[np++] = ULONG_MAX;
	probes[np++] = ULONG_MAX - 1;
	probes[np++] = 0xfffffff0u;
	CHECK_TREE(&xa, expected_nodes(keys, n), n);
	for (i = 0; i < np; i++)
		for (j = 0; j < np; j++) {
			check_find(__LINE__, &xa, keys, n, 2, probes[i], probes[j]);
			check_for_each(__LINE__, &xa, keys, n, 2, probes[i], probes[j]);
		}

	/* Holes inside a run of present indices and at its ends. */
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);
	for (index = 60; index < 200; index++)
		CHECK(xa_store(&xa, index, val(index, 3), GFP_KERNEL) == 0, "store");
	index = 60;
	CHECK(xa_find_hole(&xa, &index, ULONG_MAX) && index == 200, "hole after a run: %lu", index);
	index = 60;
	CHECK(!xa_find_hole(&xa, &index, 199) && index == 60, "no hole in the run");
	index = 0;
	CHECK(xa_find_hole(&xa, &index, 199) && index == 0, "hole before");
	xa_erase(&xa, 128);
	index = 64;
	CHECK(xa_find_hole(&xa, &index, ULONG_MAX) && index == 128, "hole in the run: %lu", index);
	index = 129;
	CHECK(xa_find(&xa, &index, ULONG_MAX) == val(129, 3) && index == 129, "find after it");

	/* Erasing inside xa_for_each: every entry seen once, the array empty at the end. */
	count = 0;
	xa_for_each(&xa, index, entry)
	{
		CHECK(entry == val(index, 3) && xa_erase(&xa, index) == entry, "erase %lu", index);
		count++;
	}
	CHECK(count == 139, "%u entries visited", count);
	CHECK_TREE(&xa, 0, 0);

	/* The last leaf of the index space, full: no hole up to ULONG_MAX, no wrap. */
	for (index = ULONG_MAX - 63;; index++) {
		CHECK(xa_store(&xa, index, val(index, 4), GFP_KERNEL) == 0, "store");
		if (index == ULONG_MAX)
			break;
	}
	index = ULONG_MAX - 100;
	CHECK(xa_find_hole(&xa, &index, ULONG_MAX) && index == ULONG_MAX - 100, "hole below");
	index = ULONG_MAX - 63;
	CHECK(!xa_find_hole(&xa, &index, ULONG_MAX), "no hole in the last leaf");
	index = ULONG_MAX;
	CHECK(xa_find(&xa, &index, ULONG_MAX) == val(ULONG_MAX, 4), "find ULONG_MAX");
	count = 0;
	xa_for_each_range(&xa, index, entry, ULONG_MAX - 10, ULONG_MAX)
	{
		count++;
	}
	CHECK(count == 11, "for_each up to ULONG_MAX: %u", count);
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);
}

/*
 * -ENOMEM at each allocation a store makes: nothing changes, the array stays consistent, and
 * the store succeeds once the allocator does. The array holds `keys` (tag 5) beforehand.
 */
static void check_enomem(struct xarray *xa, unsigned long *keys, size_t n, unsigned long idx)
{
	unsigned long nodes = expected_nodes(keys, n), allocs, fail;
	size_t j;
	int rc;

	for (fail = 1;; fail++) {
		fake_fail_at = fail;
		allocs = fake_allocs;
		rc = xa_store(xa, idx, val(idx, 5), GFP_KERNEL);
		if (rc == 0)
			break;
		CHECK(rc == -ENOMEM, "store %#lx: %d", idx, rc);
		CHECK(fake_fail_at == 0, "the failing allocation was reached");
		CHECK(fake_allocs - allocs == fail - 1 && fake_live == nodes,
		      "store %#lx failing at allocation %lu: the others given back", idx, fail);
		CHECK_TREE(xa, nodes, n);
		CHECK(!xa_load(xa, idx), "%#lx still absent", idx);
		for (j = 0; j < n; j++)
			CHECK(xa_load(xa, keys[j]) == val(keys[j], 5), "%#lx kept", keys[j]);
		check_for_each(__LINE__, xa, keys, n, 5, 0, ULONG_MAX);
		if (fail > 2 * XA_MAX_LEVELS)
			break;
	}
	fake_fail_at = 0;
	CHECK(rc == 0, "store %#lx succeeds at last", idx);
	for (j = n; j > 0 && keys[j - 1] > idx; j--)
		keys[j] = keys[j - 1];
	keys[j] = idx;
	CHECK_TREE(xa, expected_nodes(keys, n + 1), n + 1);
	CHECK(fake_allocs - allocs == expected_nodes(keys, n + 1) - nodes,
	      "store %#lx: %lu allocations for %lu new nodes", idx, fake_allocs - allocs,
	      expected_nodes(keys, n + 1) - nodes);
}

static void test_enomem(void)
{
	static const unsigned long seq[] = {
		1ul << 24,
		1ul << 24 | 1,
		5,
		1ul << 18,
		0,
		0xffffffffu,
		4096,
		64 * 64 * 64 + 64 * 3 + 1,
#if ULONG_MAX > 0xffffffffu
		ULONG_MAX,
#endif
	};
	unsigned long keys[sizeof(seq) / sizeof(seq[0]) + 2];
	struct xarray xa = XARRAY_INIT;
	size_t n = 0, k;

	/* Growing from the head entry straight to the largest index first. */
	CHECK(xa_store(&xa, 0, val(0, 5), GFP_KERNEL) == 0, "store 0");
	keys[n++] = 0;
	check_enomem(&xa, keys, n++, 0xffffffffu);
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);

	n = 0;
	for (k = 0; k < sizeof(seq) / sizeof(seq[0]); k++)
		check_enomem(&xa, keys, n++, seq[k]);
	/* xa_insert fails the same way. */
	fake_fail_at = 1;
	CHECK(xa_insert(&xa, 5ul << 12 | 7, val(1, 5), GFP_KERNEL) == -ENOMEM, "insert");
	CHECK(fake_fail_at == 0 && !xa_load(&xa, 5ul << 12 | 7), "insert: nothing");
	fake_fail_at = 0;
	CHECK_TREE(&xa, expected_nodes(keys, n), n);
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);
}

/* The random run. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned long rnd_below(unsigned long n)
{
	return (unsigned long)(rnd() % n);
}

#define MAX_KEYS 3000

static unsigned long rkeys[MAX_KEYS];
static size_t rn;

static unsigned long random_index(void)
{
	static unsigned long cluster;
	unsigned int r = (unsigned int)rnd_below(100), s;

	if (r < 35)
		return rnd_below(300);
	if (r < 50) { /* around a boundary between subtrees of some level */
		s = XA_CHUNK_SHIFT * (1 + (unsigned int)rnd_below(5));
		return (1ul << s) * (1 + rnd_below(3)) - 3 + rnd_below(6);
	}
	if (r < 75) { /* a cluster that moves now and then */
		if (!cluster || !rnd_below(200))
			cluster = (unsigned long)(rnd() & 0xffffffffu) & ~0xffful;
		return cluster + rnd_below(5000);
	}
	if (r < 80 && rn) /* one present, or next to one */
		return rkeys[rnd_below(rn)] + rnd_below(3) - 1;
	if (r < 97 || XA_BITS == 32)
		return (unsigned long)(rnd() & 0xffffffffu) >> rnd_below(32);
	return (unsigned long)rnd() >> rnd_below(64);
}

static void ref_insert(unsigned long idx)
{
	size_t p = lower_bound(rkeys, rn, idx);

	memmove(rkeys + p + 1, rkeys + p, (rn - p) * sizeof(rkeys[0]));
	rkeys[p] = idx;
	rn++;
}

static void ref_remove(unsigned long idx)
{
	size_t p = lower_bound(rkeys, rn, idx);

	memmove(rkeys + p, rkeys + p + 1, (rn - p - 1) * sizeof(rkeys[0]));
	rn--;
}

static bool ref_has(unsigned long idx)
{
	size_t p = lower_bound(rkeys, rn, idx);

	return p < rn && rkeys[p] == idx;
}

static void test_random(uint64_t seed, unsigned long ops)
{
	struct xarray xa = XARRAY_INIT;
	unsigned long op, idx, a, b, enomem = 0, clears = 0, peak_nodes = 0;
	unsigned long before = failed;
	unsigned int r;
	bool had;
	void *e;
	int rc;

	rng_state = seed ? seed : 1;
	rn = 0;
	for (op = 0; op < ops && failed == before; op++) {
		r = (unsigned int)rnd_below(100);
		idx = random_index();
		had = ref_has(idx);
		if (rn >= MAX_KEYS - 1 && r < 45)
			r += 45; /* full: no store */
		if (r < 45) {
			bool inject = !rnd_below(20), insert = r >= 30;

			if (inject)
				fake_fail_at = 1 + rnd_below(4);
			rc = insert ? xa_insert(&xa, idx, val(idx, 6), GFP_KERNEL)
				    : xa_store(&xa, idx, val(idx, 6), GFP_KERNEL);
			if (rc == -ENOMEM) {
				enomem++;
				CHECK(inject && fake_fail_at == 0, "op %lu: -ENOMEM", op);
				CHECK(xa_load(&xa, idx) == (had ? val(idx, 6) : NULL),
				      "op %lu: %#lx unchanged", op, idx);
			} else {
				CHECK(rc == (insert && had ? -EEXIST : 0), "op %lu: store %#lx: %d",
				      op, idx, rc);
				CHECK(xa_load(&xa, idx) == val(idx, 6), "op %lu: load %#lx", op,
				      idx);
				if (!had)
					ref_insert(idx);
			}
			fake_fail_at = 0;
		} else if (r < 70) {
			if (rn && rnd_below(2))
				idx = rkeys[rnd_below(rn)];
			had = ref_has(idx);
			if (r < 67)
				e = xa_erase(&xa, idx);
			else
				e = xa_store(&xa, idx, NULL, GFP_KERNEL) ? (void *)1 : NULL;
			CHECK(r >= 67 ? !e : e == (had ? val(idx, 6) : NULL),
			      "op %lu: erase %#lx: %p", op, idx, e);
			CHECK(!xa_load(&xa, idx), "op %lu: %#lx gone", op, idx);
			if (had)
				ref_remove(idx);
		} else if (r < 80) {
			e = xa_load(&xa, idx);
			CHECK(e == (had ? val(idx, 6) : NULL), "op %lu: load %#lx: %p", op, idx, e);
		} else if (r < 95) {
			a = idx;
			b = rnd_below(4) ? a + rnd_below(100000) : random_index();
			if (b < a && rnd_below(2))
				b = ULONG_MAX;
			check_find(__LINE__, &xa, rkeys, rn, 6, a, b);
		} else if (r < 98) {
			a = idx;
			b = a + rnd_below(1u << rnd_below(20));
			if (b < a)
				b = ULONG_MAX;
			check_for_each(__LINE__, &xa, rkeys, rn, 6, a, b);
		} else if (!rnd_below(300)) {
			/* Empty it: by erasing everything (in random order) or by xa_destroy. */
			clears++;
			if (rnd_below(2)) {
				xa_destroy(&xa);
			} else {
				while (rn) {
					idx = rkeys[rnd_below(rn)];
					CHECK(xa_erase(&xa, idx) == val(idx, 6), "erase %#lx", idx);
					ref_remove(idx);
				}
			}
			rn = 0;
			CHECK_TREE(&xa, 0, 0);
		}
		CHECK(xa_unused_preallocated == 0, "op %lu: preallocation miscounted", op);
		if (fake_live > peak_nodes)
			peak_nodes = fake_live;
		if (op % 64 == 0 || rn < 8) {
			CHECK(fake_live == expected_nodes(rkeys, rn),
			      "op %lu: %lu nodes out, %lu expected", op, fake_live,
			      expected_nodes(rkeys, rn));
		}
		if (op % 1024 == 0) {
			CHECK_TREE(&xa, expected_nodes(rkeys, rn), rn);
			check_for_each(__LINE__, &xa, rkeys, rn, 6, 0, ULONG_MAX);
		}
	}
	CHECK_TREE(&xa, expected_nodes(rkeys, rn), rn);
	check_for_each(__LINE__, &xa, rkeys, rn, 6, 0, ULONG_MAX);
	printf("random: seed %" PRIu64 ", %lu operations, %lu -ENOMEM, %lu clears, %zu keys at "
	       "the end, at most %lu nodes\n",
	       seed, op, enomem, clears, rn, peak_nodes);
	xa_destroy(&xa);
	CHECK_TREE(&xa, 0, 0);
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 20261206;
	unsigned long ops = argc > 2 ? strtoul(argv[2], NULL, 0) : 200000;

	test_empty();
	test_cache_creation_fails();
	test_index0();
	test_growth();
	test_find();
	test_enomem();
	test_random(seed, ops);
	test_random(seed + 1, ops / 4);
	CHECK(fake_live == 0 && fake_cache.nr_objects_inuse == 0, "%lu nodes never freed",
	      fake_live);
	printf("test_xarray: %lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
