/*
 * test_slab.c - host tests for vm/slab.c over tests/host/fake_page_alloc.c.
 *
 * Targeted cases: kmalloc(0) and ZERO_SIZE_PTR, every size class at n - 1, n and n + 1,
 * cache parameters (sizes, alignments, slab orders, bad parameters), constructors,
 * foreign pointers (stack, object interiors, pages from alloc_pages, large-block
 * interiors), double frees (at the free-list head and deeper), frees into the wrong cache,
 * destroying a cache with live objects, krealloc and kzalloc, slab_pages, a corrupted free
 * list, a write after free followed by a double free of the free-list head, and free pointers
 * leading outside the slab, off an object boundary or into an object. Then a long random run of
 * kmalloc/kzalloc/krealloc/kfree and kmem_cache_alloc/free on custom caches (odd sizes,
 * alignments 8..256, constructors) checked against a model: an owner map of the arena (no two live
 * objects overlap), a byte pattern per object (checked before every free and in full sweeps),
 * alignment, constructor state, krealloc contents, and the caches' own counters and slab lists. At
 * the end everything is freed, the caches destroyed and the fake allocator must have as many pages
 * out as before.
 *
 * Usage: test_slab [seed [operations]]
 */
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/slab.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* From tests/host/fake_page_alloc.c. */
void fake_ram_init(size_t bytes);
unsigned long fake_pages_out(void);
extern unsigned long fake_bad_frees;
extern char fake_printk_last[512];
extern unsigned long fake_printk_count;
extern bool fake_printk_quiet;

#define RAM_BYTES (64u << 20)

static unsigned long passed, failed;

static void check(int line, bool ok, const char *what)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	if (failed <= 50)
		printf("FAIL line %d: %s\n", line, what);
}

#define CHECK(cond) check(__LINE__, (cond), #cond)

/* Expect exactly one report (counted by slab_bad_free_reports) whose text holds `needle`. */
static void expect_report(int line, unsigned long before, const char *needle)
{
	char what[600];

	snprintf(what, sizeof(what), "one report containing \"%s\" (got %lu, last \"%s\")", needle,
		 slab_bad_free_reports - before, fake_printk_last);
	check(line, slab_bad_free_reports == before + 1 && strstr(fake_printk_last, needle), what);
}

static const size_t classes[] = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096};
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

/* The class a kmalloc of n (1..4096) must come from: the smallest class >= n. */
static int class_of(size_t n)
{
	unsigned int i;

	for (i = 0; i < NCLASSES; i++)
		if (n <= classes[i])
			return (int)i;
	return -1;
}

static size_t large_bytes(size_t n)
{
	size_t b = PAGE_SIZE;

	while (b < n)
		b <<= 1;
	return b;
}

static struct kmem_cache *kmalloc_cache[NCLASSES];
static struct kmem_cache *boot_cache;

static uint64_t rng_state = 0x853c49e6748fea9bull;

static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static uint32_t rnd_range(uint32_t lo, uint32_t hi) /* inclusive */
{
	return lo + rnd() % (hi - lo + 1);
}

/* ---- constructors ---- */

#define CTOR_MAGIC 0xc0ffee01u

static unsigned long ctor_calls;

static void ctor_fill(void *obj, size_t size, uint8_t body)
{
	uint32_t magic = CTOR_MAGIC;

	memset(obj, body, size);
	memcpy(obj, &magic, sizeof(magic));
}

static bool ctor_state(const void *obj, size_t size, uint8_t body)
{
	const uint8_t *b = obj;
	uint32_t magic;
	size_t i;

	memcpy(&magic, obj, sizeof(magic));
	if (magic != CTOR_MAGIC)
		return false;
	for (i = sizeof(magic); i < size; i++)
		if (b[i] != body)
			return false;
	return true;
}

static void ctor_a(void *obj) /* 200-byte objects */
{
	ctor_calls++;
	ctor_fill(obj, 200, 0x3c);
}

static void ctor_b(void *obj) /* 4000-byte objects */
{
	ctor_calls++;
	ctor_fill(obj, 4000, 0xd2);
}

static void ctor_c(void *obj) /* 64-byte objects: no padding for the free pointer to hide in */
{
	ctor_calls++;
	ctor_fill(obj, 64, 0x99);
}

/* ---- cache invariants ---- */

/* The cache's lists agree with its counters; returns the pages its slabs hold. */
static unsigned long check_cache(int line, struct kmem_cache *s)
{
	unsigned long slabs = 0, inuse = 0, nfree = 0;
	struct list_head *pos;
	bool ok = true;

	list_for_each(pos, &s->partial)
	{
		struct page *sl = list_entry(pos, struct page, slab_list);

		ok &= (sl->flags & PG_slab) && sl->slab_cache == s && sl->inuse > 0 &&
		      sl->inuse < sl->objects && sl->objects == s->objects;
		slabs++;
		inuse += sl->inuse;
	}
	list_for_each(pos, &s->full)
	{
		struct page *sl = list_entry(pos, struct page, slab_list);

		ok &= (sl->flags & PG_slab) && sl->slab_cache == s && sl->inuse == sl->objects &&
		      sl->freelist == NULL;
		slabs++;
		inuse += sl->inuse;
	}
	list_for_each(pos, &s->free)
	{
		struct page *sl = list_entry(pos, struct page, slab_list);

		ok &= (sl->flags & PG_slab) && sl->slab_cache == s && sl->inuse == 0;
		slabs++;
		nfree++;
	}
	check(line, ok, "slab lists hold slabs of the right state");
	check(line, nfree <= 1, "at most one empty slab");
	check(line, slabs == s->nr_slabs, "nr_slabs matches the lists");
	check(line, inuse == s->nr_objects_inuse, "nr_objects_inuse matches the slabs");
	return slabs << s->order;
}

/* ---- targeted tests ---- */

static void test_kmalloc_zero(void)
{
	unsigned long r = slab_bad_free_reports;
	void *p = kmalloc(0, GFP_KERNEL), *q;

	CHECK(p == ZERO_SIZE_PTR);
	CHECK(kzalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	CHECK(ksize(p) == 0);
	CHECK(ksize(NULL) == 0);
	kfree(p);
	kfree(NULL);
	CHECK(slab_bad_free_reports == r);
	q = krealloc(p, 40, GFP_KERNEL);
	CHECK(q && q != ZERO_SIZE_PTR && ksize(q) == 64);
	p = krealloc(q, 0, GFP_KERNEL);
	CHECK(p == ZERO_SIZE_PTR);
	CHECK(krealloc(NULL, 0, GFP_KERNEL) == ZERO_SIZE_PTR);
	q = krealloc(NULL, 10, GFP_KERNEL);
	CHECK(q && ksize(q) == 16);
	kfree(q);
	CHECK(slab_bad_free_reports == r);
}

static void test_class_boundaries(void)
{
	unsigned int i;
	int d;

	for (i = 0; i < NCLASSES; i++) {
		for (d = -1; d <= 1; d++) {
			size_t n = classes[i] + d, want;
			char *p = kmalloc(n, GFP_KERNEL);
			struct page *pg;

			if (n == 0)
				continue;
			want = n <= 4096 ? classes[class_of(n)] : large_bytes(n);
			CHECK(p != NULL);
			if (!p)
				continue;
			CHECK(ksize(p) == want);
			CHECK((uintptr_t)p % 8 == 0);
			if ((want & (want - 1)) == 0)
				CHECK((uintptr_t)p % (want < PAGE_SIZE ? want : PAGE_SIZE) == 0);
			pg = virt_to_page(p);
			if (n <= 4096)
				CHECK((pg->flags & PG_slab) &&
				      pg->slab_cache == kmalloc_cache[class_of(n)]);
			else
				CHECK((pg->flags & PG_head) && pg->order == 1);
			memset(p, 0x5a, want);
			kfree(p);
		}
	}
	/* Bigger large blocks: order and PG_head, counted as pages, not as slab. */
	{
		unsigned long out = fake_pages_out(), slab = slab_pages();
		char *p = kmalloc(3 * PAGE_SIZE + 1, GFP_KERNEL);
		struct page *pg = virt_to_page(p);

		CHECK(p && (pg->flags & PG_head) && pg->order == 2 && ksize(p) == 4 * PAGE_SIZE);
		CHECK(fake_pages_out() == out + 4 && slab_pages() == slab);
		kfree(p);
		CHECK(fake_pages_out() == out && !(pg->flags & PG_head));
	}
	/* Too large for any block: NULL, quietly with __GFP_NOWARN. */
	CHECK(kmalloc(((size_t)PAGE_SIZE << (MAX_ORDER - 1)) + 1, GFP_KERNEL | __GFP_NOWARN) ==
	      NULL);
	CHECK(kmalloc(SIZE_MAX, GFP_KERNEL | __GFP_NOWARN) == NULL);
}

static void test_create_params(void)
{
	struct kmem_cache *s;
	unsigned long c = fake_printk_count;

	fake_printk_quiet = true;
	CHECK(kmem_cache_create("zero", 0, 0, NULL) == NULL);
	CHECK(kmem_cache_create("align3", 64, 3, NULL) == NULL);
	CHECK(kmem_cache_create("align24", 64, 24, NULL) == NULL);
	CHECK(kmem_cache_create("huge", ((size_t)PAGE_SIZE << (MAX_ORDER - 1)) + 1, 0, NULL) ==
	      NULL);
	CHECK(kmem_cache_create(NULL, 64, 0, NULL) == NULL);
	fake_printk_quiet = false;
	CHECK(fake_printk_count == c + 5);

	/* Small objects are pointer-sized and aligned; align 0 is ARCH_KMALLOC_MINALIGN. */
	s = kmem_cache_create("tiny", 1, 0, NULL);
	CHECK(s && s->size >= sizeof(void *) && s->align == ARCH_KMALLOC_MINALIGN &&
	      s->order == 0 && s->objects == PAGE_SIZE / s->size);
	kmem_cache_destroy(s);
	s = kmem_cache_create("tiny-align1", 3, 1, NULL);
	CHECK(s && s->size == sizeof(void *) && s->align == sizeof(void *));
	kmem_cache_destroy(s);

	/* Orders: >= 8 objects or < 1/8 waste, order <= 3 unless one object needs more. */
	s = kmem_cache_create("o24", 24, 8, NULL);
	CHECK(s && s->size == 24 && s->order == 0 && s->objects == PAGE_SIZE / 24);
	kmem_cache_destroy(s);
	s = kmem_cache_create("o3000", 3000, 256, NULL);
	CHECK(s && s->size == 3072 && s->order == 2 && s->objects == 5);
	kmem_cache_destroy(s);
	s = kmem_cache_create("o600", 600, 8, NULL); /* 6 per page (12% waste) */
	CHECK(s && s->order == 0 && s->objects == 6);
	kmem_cache_destroy(s);
	s = kmem_cache_create("o1100", 1100, 4, NULL); /* 1104: 3/page 19% waste, 7 in 2 pages */
	CHECK(s && s->size == 1104 && s->order == 1 && s->objects == 7);
	kmem_cache_destroy(s);
	s = kmem_cache_create("o40k", 40000, 0, NULL); /* needs order 4 */
	CHECK(s && s->order == 4 && s->objects == 1);
	kmem_cache_destroy(s);
	s = kmem_cache_create("omax", (size_t)PAGE_SIZE << (MAX_ORDER - 1), 0, NULL);
	CHECK(s && s->order == MAX_ORDER - 1 && s->objects == 1);
	kmem_cache_destroy(s);
	/* A constructor moves the free pointer behind the object. */
	s = kmem_cache_create("octor", 4096, 0, ctor_b);
	CHECK(s && s->size == 4096 + 8 && s->object_size == 4096 && s->order == 3 &&
	      s->objects == 7);
	kmem_cache_destroy(s);
}

static void test_ctor(void)
{
	struct kmem_cache *s = kmem_cache_create("ctor-a", 200, 16, ctor_a);
	unsigned long before = ctor_calls;
	void *objs[64];
	unsigned int i, n;

	CHECK(s != NULL);
	if (!s)
		return;
	n = s->objects;
	CHECK(n >= 8 && n <= 64);
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(ctor_calls == before + n); /* one slab, every object constructed */
	for (i = 1; i < n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(ctor_calls == before + n);
	for (i = 0; i < n; i++)
		CHECK(objs[i] && ctor_state(objs[i], 200, 0x3c) && (uintptr_t)objs[i] % 16 == 0);
	CHECK(ksize(objs[0]) == 200);
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	/* Freed objects come back constructed, without running the constructor again. */
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		CHECK(objs[i] && ctor_state(objs[i], 200, 0x3c));
	}
	CHECK(ctor_calls == before + n);
	/* __GFP_ZERO zeroes the object (the constructor's state with it). */
	kmem_cache_free(s, objs[0]);
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL | __GFP_ZERO);
	CHECK(objs[0] && ((char *)objs[0])[0] == 0 && ((char *)objs[0])[199] == 0);
	ctor_fill(objs[0], 200, 0x3c);
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	CHECK(s->nr_objects_inuse == 0);
	kmem_cache_destroy(s);
}

static void test_foreign(void)
{
	unsigned long r, out;
	char stack_obj[32];
	char *p = kmalloc(100, GFP_KERNEL), *big;
	struct page *pg;

	memset(p, 0x11, 100);
	stack_obj[0] = 1;
	fake_printk_quiet = true;

	r = slab_bad_free_reports;
	kfree(stack_obj);
	expect_report(__LINE__, r, "outside the linear map");
	CHECK(strstr(fake_printk_last, "was not allocated by kmalloc") != NULL);

	r = slab_bad_free_reports;
	kfree(p + 8);
	expect_report(__LINE__, r, "not on an object boundary");
	r = slab_bad_free_reports;
	kfree(p + 1);
	expect_report(__LINE__, r, "not on an object boundary");
	r = slab_bad_free_reports;
	CHECK(ksize(p + 8) == 0);
	expect_report(__LINE__, r, "not on an object boundary");
	CHECK(ksize(p) == 128 && p[0] == 0x11 && p[99] == 0x11);

	/* A page straight from the page allocator, its interior, and a free page. */
	pg = alloc_pages(GFP_KERNEL, 0);
	r = slab_bad_free_reports;
	kfree(page_address(pg));
	expect_report(__LINE__, r, "neither a slab nor a kmalloc block");
	r = slab_bad_free_reports;
	kfree((char *)page_address(pg) + 64);
	expect_report(__LINE__, r, "neither a slab nor a kmalloc block");
	out = fake_pages_out();
	__free_pages(pg, 0);
	CHECK(fake_pages_out() == out - 1 && fake_bad_frees == 0);
	r = slab_bad_free_reports;
	kfree(page_address(pg)); /* now free */
	expect_report(__LINE__, r, "neither a slab nor a kmalloc block");

	/* Inside a large block: first page, a later page; the block stays allocated. */
	big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	memset(big, 0x22, 3 * PAGE_SIZE);
	r = slab_bad_free_reports;
	kfree(big + 16);
	expect_report(__LINE__, r, "not the start of a large block");
	r = slab_bad_free_reports;
	kfree(big + PAGE_SIZE);
	expect_report(__LINE__, r, "neither a slab nor a kmalloc block");
	CHECK(ksize(big) == 4 * PAGE_SIZE && big[3 * PAGE_SIZE - 1] == 0x22);
	out = fake_pages_out();
	kfree(big);
	CHECK(fake_pages_out() == out - 4);
	r = slab_bad_free_reports;
	kfree(big); /* double free of a large block */
	expect_report(__LINE__, r, "neither a slab nor a kmalloc block");
	CHECK(fake_pages_out() == out - 4 && fake_bad_frees == 0);

	/* Outside RAM and just past its end. */
	r = slab_bad_free_reports;
	kfree((char *)high_memory + 64);
	expect_report(__LINE__, r, "outside the linear map");
	r = slab_bad_free_reports;
	CHECK(krealloc(stack_obj, 100, GFP_KERNEL) == NULL);
	expect_report(__LINE__, r, "krealloc: pointer");

	fake_printk_quiet = false;
	CHECK(p[0] == 0x11 && p[99] == 0x11);
	kfree(p);
}

static void test_double_free(void)
{
	struct kmem_cache *s = kmem_cache_create("df", 48, 16, NULL);
	struct kmem_cache *c = kmem_cache_create("df-ctor", 200, 16, ctor_a);
	void *objs[200], *a, *b, *x;
	unsigned long r;
	unsigned int i, n;

	fake_printk_quiet = true;
	/* kfree: at the head of the free list, then deeper in it. */
	a = kmalloc(32, GFP_KERNEL);
	b = kmalloc(32, GFP_KERNEL);
	x = kmalloc(32, GFP_KERNEL); /* keeps the slab from going empty */
	kfree(a);
	r = slab_bad_free_reports;
	kfree(a);
	expect_report(__LINE__, r, "double free");
	kfree(b);
	r = slab_bad_free_reports;
	kfree(a);
	expect_report(__LINE__, r, "double free");
	r = slab_bad_free_reports;
	CHECK(ksize(a) == 0);
	expect_report(__LINE__, r, "free object");
	r = slab_bad_free_reports;
	CHECK(krealloc(a, 100, GFP_KERNEL) == NULL);
	expect_report(__LINE__, r, "free object");
	/* The free list is intact: the next allocations are distinct. */
	a = kmalloc(32, GFP_KERNEL);
	b = kmalloc(32, GFP_KERNEL);
	CHECK(a && b && a != b && a != x && b != x);
	kfree(a);
	kfree(b);
	kfree(x);

	/* kmem_cache_free, a whole slab's worth, freed in an order unlike the list. */
	n = s->objects;
	CHECK(n + 1 <= 200);
	for (i = 0; i <= n; i++) /* two slabs: the first full */
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (i = 0; i < n; i += 2)
		kmem_cache_free(s, objs[i]);
	for (i = 0; i < n; i += 2) {
		r = slab_bad_free_reports;
		kmem_cache_free(s, objs[i]);
		expect_report(__LINE__, r, "double free");
	}
	/* Live objects holding what a user might (zeros, a pointer to a neighbour) are not
	 * mistaken for free ones. */
	for (i = 1; i < n; i += 2) {
		memset(objs[i], 0, 48);
		*(void **)objs[i] = objs[i - 1];
	}
	r = slab_bad_free_reports;
	for (i = 1; i < n; i += 2)
		kmem_cache_free(s, objs[i]); /* live: no report although they hold pointers */
	CHECK(slab_bad_free_reports == r);
	kmem_cache_free(s, objs[n]);
	CHECK(s->nr_objects_inuse == 0 && s->nr_slabs == 1);
	/* A double free into an emptied slab and after its slab went back to the pages. */
	r = slab_bad_free_reports;
	kmem_cache_free(s, objs[1]);
	CHECK(slab_bad_free_reports == r + 1);
	/* Both slabs are gone or empty; everything allocates fresh and distinct. */
	for (i = 0; i <= n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (i = 0; i <= n; i++) {
		unsigned int j;

		for (j = 0; j < i; j++)
			if (objs[i] == objs[j])
				break;
		CHECK(objs[i] && j == i);
	}
	for (i = 0; i <= n; i++)
		kmem_cache_free(s, objs[i]);

	/* A constructor cache: the free pointer is outside the object. */
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, a);
	r = slab_bad_free_reports;
	kmem_cache_free(c, a);
	expect_report(__LINE__, r, "double free");
	r = slab_bad_free_reports;
	kfree(a);
	expect_report(__LINE__, r, "double free");
	a = kmem_cache_alloc(c, GFP_KERNEL);
	x = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(a && x && a != x && a != b && x != b && ctor_state(a, 200, 0x3c) &&
	      ctor_state(x, 200, 0x3c));
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_free(c, x);
	fake_printk_quiet = false;
	CHECK(s->nr_objects_inuse == 0 && c->nr_objects_inuse == 0);
	kmem_cache_destroy(s);
	kmem_cache_destroy(c);
}

static void test_wrong_cache(void)
{
	struct kmem_cache *s = kmem_cache_create("wc-a", 64, 0, NULL);
	struct kmem_cache *t = kmem_cache_create("wc-b", 64, 0, NULL);
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *k = kmalloc(64, GFP_KERNEL);
	void *big = kmalloc(2 * PAGE_SIZE, GFP_KERNEL);
	unsigned long r;

	fake_printk_quiet = true;
	r = slab_bad_free_reports;
	kmem_cache_free(t, a);
	expect_report(__LINE__, r, "is an object of cache wc-a");
	r = slab_bad_free_reports;
	kmem_cache_free(t, k);
	expect_report(__LINE__, r, "is an object of cache kmalloc-64");
	r = slab_bad_free_reports;
	kmem_cache_free(t, big);
	expect_report(__LINE__, r, "not an object of this cache");
	r = slab_bad_free_reports;
	kmem_cache_free(t, (char *)a + 8);
	expect_report(__LINE__, r, "not on an object boundary");
	kmem_cache_free(t, NULL);
	CHECK(slab_bad_free_reports == r + 1);
	fake_printk_quiet = false;
	CHECK(s->nr_objects_inuse == 1 && t->nr_objects_inuse == 0);
	/* kfree takes any slab object, as in Linux. */
	CHECK(ksize(a) == 64);
	kfree(a);
	CHECK(s->nr_objects_inuse == 0);
	kfree(k);
	kfree(big);
	kmem_cache_destroy(s);
	kmem_cache_destroy(t);
}

static void test_destroy_live(void)
{
	struct kmem_cache *s = kmem_cache_create("live", 100, 32, NULL);
	unsigned long c = fake_printk_count, out;
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b;

	fake_printk_quiet = true;
	kmem_cache_destroy(s);
	CHECK(fake_printk_count == c + 1 && strstr(fake_printk_last, "still has objects"));
	/* still usable */
	b = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(b && b != a && s->nr_objects_inuse == 2);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	/* the built-in caches are never destroyed */
	c = fake_printk_count;
	kmem_cache_destroy(kmalloc_cache[0]);
	kmem_cache_destroy(boot_cache);
	CHECK(fake_printk_count == c + 2 && strstr(fake_printk_last, "built-in"));
	fake_printk_quiet = false;
	out = fake_pages_out();
	CHECK(s->nr_slabs == 1);
	kmem_cache_destroy(s); /* empty now: its slab goes back */
	CHECK(fake_pages_out() == out - 1);
	kmem_cache_destroy(NULL);
}

static void test_krealloc(void)
{
	char *p = kmalloc(20, GFP_KERNEL), *q;
	unsigned int i;

	for (i = 0; i < 20; i++)
		p[i] = (char)i;
	q = krealloc(p, 32, GFP_KERNEL); /* fits in kmalloc-32 */
	CHECK(q == p);
	q = krealloc(p, 10, GFP_KERNEL); /* shrinking keeps the block */
	CHECK(q == p);
	q = krealloc(p, 33, GFP_KERNEL);
	CHECK(q && q != p && ksize(q) == 64);
	for (i = 0; i < 20 && q[i] == (char)i; i++)
		;
	CHECK(i == 20);
	p = krealloc(q, 9000, GFP_KERNEL); /* to a large block */
	CHECK(p && ksize(p) == 4 * PAGE_SIZE && p[19] == 19);
	memset(p, 0x77, 9000);
	q = krealloc(p, 16000, GFP_KERNEL); /* fits in 4 pages */
	CHECK(q == p);
	q = krealloc(p, 20000, GFP_KERNEL); /* large to larger */
	CHECK(q && q != p && q[8999] == 0x77 && q[0] == 0x77);
	p = krealloc(q, 100, GFP_KERNEL); /* fits: same block */
	CHECK(p == q);
	kfree(p);
}

static void test_kzalloc(void)
{
	unsigned int i, k;

	for (k = 0; k < NCLASSES; k++) {
		size_t n = classes[k];
		char *p = kmalloc(n, GFP_KERNEL), *q;

		memset(p, 0xff, n);
		kfree(p);
		q = kzalloc(n, GFP_KERNEL); /* most likely p again */
		for (i = 0; i < n && q[i] == 0; i++)
			;
		CHECK(i == n);
		kfree(q);
	}
	{
		char *p = kzalloc(5 * PAGE_SIZE, GFP_KERNEL);

		for (i = 0; i < 8 * PAGE_SIZE && p[i] == 0; i++)
			;
		CHECK(i == 8 * PAGE_SIZE);
		kfree(p);
	}
}

static void test_big_align(void)
{
	struct kmem_cache *a = kmem_cache_create("align4k", 100, 4096, NULL);
	struct kmem_cache *b = kmem_cache_create("align16k", 5000, 16384, NULL);
	void *p[20];
	unsigned int i;

	CHECK(a && a->size == 4096 && a->order == 0 && a->objects == 1);
	CHECK(b && b->size == 16384 && b->order == 2 && b->objects == 1);
	for (i = 0; i < 20; i++) {
		p[i] = kmem_cache_alloc(i & 1 ? b : a, GFP_KERNEL);
		CHECK(p[i] && (uintptr_t)p[i] % (i & 1 ? 16384 : 4096) == 0);
	}
	for (i = 0; i < 20; i++)
		kmem_cache_free(i & 1 ? b : a, p[i]);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

static void test_slab_pages(void)
{
	struct kmem_cache *s = kmem_cache_create("sp", 3000, 256, NULL);
	unsigned long sp = slab_pages(), out = fake_pages_out();
	void *p[11];
	unsigned int i;

	for (i = 0; i < 11; i++) /* 5 per order-2 slab: three slabs */
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(s->nr_slabs == 3 && slab_pages() == sp + 12 && fake_pages_out() == out + 12);
	for (i = 0; i < 11; i++)
		kmem_cache_free(s, p[i]);
	CHECK(s->nr_slabs == 1 && slab_pages() == sp + 4); /* one empty slab kept */
	kmem_cache_destroy(s);
	CHECK(slab_pages() == sp && fake_pages_out() == out);
}

/* A write after free into the free pointer is reported when the list reaches it. */
static struct kmem_cache *corrupt_cache;

/* Pages of slabs whose free list was dropped: they stay out for good. */
static unsigned long abandoned_pages;

static void abandon(struct kmem_cache *s)
{
	abandoned_pages += (unsigned long)s->nr_slabs << s->order;
}

static void test_corrupt_freelist(void)
{
	struct kmem_cache *s = kmem_cache_create("corrupt", 64, 0, NULL);
	void *a, *b, *c, *d;
	unsigned long cnt = fake_printk_count, reports = slab_corrupt_freelist_reports;

	corrupt_cache = s;
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = kmem_cache_alloc(s, GFP_KERNEL); /* keeps the slab from going empty */
	kmem_cache_free(s, b);
	kmem_cache_free(s, a); /* list: a -> b -> rest */
	memset(a, 0x41, 64);   /* write after free */
	fake_printk_quiet = true;
	d = kmem_cache_alloc(s, GFP_KERNEL);
	/* a, whose free pointer is corrupt, is not handed out; neither is anything after it:
	 * the object comes from a new slab. */
	CHECK(d && d != a && d != b && virt_to_page(d) != virt_to_page(a) && s->nr_slabs == 2);
	CHECK(fake_printk_count == cnt + 1 && strstr(fake_printk_last, "corrupted") &&
	      slab_corrupt_freelist_reports == reports + 1);
	fake_printk_quiet = false;
	b = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK(b && b != d && virt_to_page(b) == virt_to_page(d));
	kmem_cache_free(s, d);
	kmem_cache_free(s, b);
	kmem_cache_free(s, c);
	CHECK(s->nr_objects_inuse == s->objects - 1); /* the abandoned ones */
}

/* Linux's encoding of a free pointer as vm/slab.c stores it (next ^ slot address ^ salt). */
static void store_freepointer(void *slot, const void *next)
{
	*(uintptr_t *)slot = (uintptr_t)next ^ (uintptr_t)slot ^ (uintptr_t)0x9e3779b9u;
}

/*
 * The case: a use after free overwrites the free pointer of the free-list head, then
 * the head is freed again. The second free is a double free (SLAB_FREELIST_HARDENED's
 * object == fp), and the next two allocations are two different objects.
 */
static void test_uaf_double_free_head(void)
{
	static const char *const names[] = {"uaf-kfree", "uaf-cache-free", "uaf-ctor"};
	unsigned int i;

	fake_printk_quiet = true;
	for (i = 0; i < 3; i++) {
		struct kmem_cache *s =
			kmem_cache_create(names[i], i == 2 ? 200 : 64, 16, i == 2 ? ctor_a : NULL);
		void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);
		void *x = kmem_cache_alloc(s, GFP_KERNEL), *c, *d;
		unsigned long r, corrupt;
		uintptr_t *slot = (uintptr_t *)((char *)a + (i == 2 ? 200 : 0));

		kmem_cache_free(s, a);
		*slot = 0x41414141; /* write after free over the free pointer */
		r = slab_bad_free_reports;
		corrupt = slab_corrupt_freelist_reports;
		if (i == 0)
			kfree(a);
		else
			kmem_cache_free(s, a);
		expect_report(__LINE__, r, "double free");
		CHECK(strstr(fake_printk_last, names[i]) != NULL);
		c = kmem_cache_alloc(s, GFP_KERNEL);
		d = kmem_cache_alloc(s, GFP_KERNEL);
		CHECK(c && d && c != d && c != a && d != a && c != b && d != b && c != x && d != x);
		/* a's free pointer is still corrupt: reported when the list reached it. */
		CHECK(slab_corrupt_freelist_reports == corrupt + 1);
		kmem_cache_free(s, c);
		kmem_cache_free(s, d);
		kmem_cache_free(s, b);
		kmem_cache_free(s, x);
		CHECK(slab_bad_free_reports == r + 1);
		abandon(s);
	}
	fake_printk_quiet = false;
}

/*
 * A free pointer that leads outside its slab, off an object boundary (misaligned) or into
 * the middle of an object (or into the slab's unused tail): the object holding it is not
 * handed out, the report names the cache and the object, the slab's free list is dropped,
 * and slab_corrupt_freelist_reports counts it.
 */
static void ctor_96(void *obj)
{
	ctor_fill(obj, 96, 0x5a);
}

static void test_corrupt_freepointer(void)
{
	static const char *const names[] = {"fp-past-end",   "fp-other-page", "fp-misaligned",
					    "fp-mid-object", "fp-tail",	      "fp-ctor-mid"};
	unsigned int i;

	for (i = 0; i < 6; i++) {
		/* 96-byte objects leave a 64-byte tail in a 4 KiB slab. */
		struct kmem_cache *s = kmem_cache_create(names[i], 96, 0, i == 5 ? ctor_96 : NULL);
		char *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);
		char *x = kmem_cache_alloc(s, GFP_KERNEL), *d, *e, *other = kmalloc(64, GFP_KERNEL);
		char *base = (char *)page_address(virt_to_page(a));
		char *slot = a + (s->ctor ? 96 : 0);
		const void *target[] = {
			base + ((size_t)PAGE_SIZE << s->order), other, b + 4, b + 48,
			base + (size_t)s->objects * s->size,	b + 8};
		unsigned long r = slab_corrupt_freelist_reports, bad = slab_bad_free_reports;
		char addr[32];

		CHECK(s->order == 0 && a == base);
		kmem_cache_free(s, b);
		kmem_cache_free(s, a); /* list: a -> b -> rest */
		store_freepointer(slot, target[i]);
		fake_printk_quiet = true;
		d = kmem_cache_alloc(s, GFP_KERNEL);
		fake_printk_quiet = false;
		snprintf(addr, sizeof(addr), "%p", (void *)a);
		CHECK(slab_corrupt_freelist_reports == r + 1 && slab_bad_free_reports == bad);
		CHECK(strstr(fake_printk_last, names[i]) && strstr(fake_printk_last, addr));
		/* Neither a nor what its pointer leads to nor the rest of the list is used. */
		CHECK(d && d != a && d != b && virt_to_page(d) != virt_to_page(a));
		e = kmem_cache_alloc(s, GFP_KERNEL);
		CHECK(e && e != d && virt_to_page(e) == virt_to_page(d));
		CHECK(s->nr_slabs == 2 && slab_corrupt_freelist_reports == r + 1);
		kmem_cache_free(s, d);
		kmem_cache_free(s, e);
		kmem_cache_free(s, x);
		kfree(other);
		CHECK(s->nr_objects_inuse == s->objects - 1 && slab_bad_free_reports == bad);
		abandon(s);
	}
}

/* ---- the random run ---- */

#define MAX_LIVE 6000

struct tcache {
	const char *name;
	size_t size, align;
	void (*ctor)(void *);
	uint8_t body; /* constructor's fill */
	struct kmem_cache *s;
	unsigned long live;
};

static struct tcache tcaches[] = {
	{"r24", 24, 8, NULL, 0, NULL, 0},
	{"r100", 100, 32, NULL, 0, NULL, 0},
	{"r3000", 3000, 256, NULL, 0, NULL, 0},
	{"r40a128", 40, 128, NULL, 0, NULL, 0},
	{"r5", 5, 0, NULL, 0, NULL, 0},
	{"rctor200", 200, 16, ctor_a, 0x3c, NULL, 0},
	{"rctor4000", 4000, 64, ctor_b, 0xd2, NULL, 0},
	{"rctor64", 64, 8, ctor_c, 0x99, NULL, 0},
};
#define NTCACHES (sizeof(tcaches) / sizeof(tcaches[0]))

struct live {
	uint8_t *p;
	size_t size; /* bytes owned by the test (kmalloc: requested; cache: object_size) */
	uint32_t seed;
	int cache;    /* index into tcaches, -1 for kmalloc */
	int cls;      /* kmalloc class, -1 for large or zero-size */
	size_t large; /* bytes of a large block */
};

static struct live live[MAX_LIVE];
static unsigned int nlive;
static uint32_t *owner; /* per 8 bytes of RAM: 0 or the owner's tag */
static uint32_t next_tag = 1;
static unsigned long class_live[NCLASSES];
static unsigned long large_pages_live;
static unsigned long rfail;

static void rcheck(int line, bool ok, const char *what, const struct live *l)
{
	char buf[300];

	if (ok) {
		passed++;
		return;
	}
	rfail++;
	snprintf(buf, sizeof(buf), "%s (object %p size %zu cache %d)", what, (void *)l->p, l->size,
		 l->cache);
	check(line, false, buf);
}

static inline uint8_t pat(uint32_t seed, size_t i)
{
	return (uint8_t)(seed + i * ((seed >> 8) | 1) + (i >> 8));
}

static void fill(const struct live *l)
{
	size_t i;

	for (i = 0; i < l->size; i++)
		l->p[i] = pat(l->seed, i);
}

static bool holds_pattern(const struct live *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l->p[i] != pat(l->seed, i))
			return false;
	return true;
}

static size_t gran(const void *p)
{
	return ((uintptr_t)p - host_linear_base) / 8;
}

/* Take [p, p + size) for tag; false when any of it is owned already. */
static bool own(const uint8_t *p, size_t size, uint32_t tag)
{
	size_t g, end = gran(p + size - 1);
	bool ok = true;

	for (g = gran(p); g <= end; g++) {
		ok &= owner[g] == 0;
		owner[g] = tag;
	}
	return ok;
}

static bool disown(const uint8_t *p, size_t size, uint32_t tag)
{
	size_t g, end = gran(p + size - 1);
	bool ok = true;

	for (g = gran(p); g <= end; g++) {
		ok &= owner[g] == tag;
		owner[g] = 0;
	}
	return ok;
}

static uint32_t tag_of(const struct live *l)
{
	return owner[gran(l->p)];
}

static size_t random_size(void)
{
	uint32_t r = rnd() % 100;

	if (r < 45)
		return rnd_range(1, 64);
	if (r < 70)
		return rnd_range(65, 512);
	if (r < 88)
		return rnd_range(513, 4096);
	if (r < 95)
		return rnd_range(4097, 20000);
	{
		size_t c = classes[rnd() % NCLASSES];
		return c + (rnd() % 3) - 1;
	}
}

/* Record a new allocation at l (p, size, cache set) and check and mark it. */
static void took(int line, struct live *l)
{
	size_t ks;

	l->seed = rnd();
	l->cls = -1;
	l->large = 0;
	if (l->size == 0) {
		rcheck(line, l->p == ZERO_SIZE_PTR, "kmalloc(0) is ZERO_SIZE_PTR", l);
		return;
	}
	rcheck(line, l->p != NULL, "allocation succeeds", l);
	if (!l->p)
		return;
	if (l->cache >= 0) {
		const struct tcache *t = &tcaches[l->cache];
		size_t align = t->align ? t->align : 8;

		rcheck(line, (uintptr_t)l->p % align == 0, "cache alignment", l);
		if (t->ctor)
			rcheck(line, ctor_state(l->p, t->size, t->body),
			       "constructed on allocation", l);
	} else {
		ks = ksize(l->p);
		rcheck(line, (uintptr_t)l->p % 8 == 0, "kmalloc alignment", l);
		if (l->size <= 4096) {
			l->cls = class_of(l->size);
			class_live[l->cls]++;
			rcheck(line, ks == classes[l->cls], "ksize is the class size", l);
			if ((ks & (ks - 1)) == 0)
				rcheck(line, (uintptr_t)l->p % ks == 0,
				       "power of two: natural align", l);
		} else {
			l->large = large_bytes(l->size);
			large_pages_live += l->large / PAGE_SIZE;
			rcheck(line, ks == l->large && (uintptr_t)l->p % PAGE_SIZE == 0,
			       "large block size and alignment", l);
		}
	}
	rcheck(line, own(l->p, l->size, next_tag++), "no overlap with a live object", l);
	if (next_tag == 0)
		next_tag = 1;
	fill(l);
}

/* Check l before it is freed or moved, and drop it from the owner map and counters. */
static void releasing(int line, struct live *l)
{
	if (l->size == 0 || !l->p)
		return;
	rcheck(line, holds_pattern(l, l->size), "contents kept until free", l);
	rcheck(line, disown(l->p, l->size, tag_of(l)), "owner map intact", l);
	if (l->cls >= 0)
		class_live[l->cls]--;
	if (l->large)
		large_pages_live -= l->large / PAGE_SIZE;
}

static void free_one(unsigned int i)
{
	struct live *l = &live[i];

	releasing(__LINE__, l);
	if (l->cache < 0) {
		kfree(l->p);
	} else {
		struct tcache *t = &tcaches[l->cache];

		if (l->p) {
			if (t->ctor)
				ctor_fill(l->p, t->size, t->body); /* back in constructed state */
			if (!t->ctor && rnd() % 4 == 0)
				kfree(l->p);
			else
				kmem_cache_free(t->s, l->p);
		}
		t->live--;
	}
	live[i] = live[--nlive];
}

static void verify_all(int line)
{
	unsigned long pages = 0;
	unsigned int i;

	for (i = 0; i < nlive; i++)
		if (live[i].size && live[i].p)
			rcheck(line, holds_pattern(&live[i], live[i].size), "contents (sweep)",
			       &live[i]);
	for (i = 0; i < NCLASSES; i++) {
		pages += check_cache(line, kmalloc_cache[i]);
		check(line, kmalloc_cache[i]->nr_objects_inuse == class_live[i],
		      "kmalloc cache in-use count matches the model");
	}
	for (i = 0; i < NTCACHES; i++) {
		pages += check_cache(line, tcaches[i].s);
		check(line, tcaches[i].s->nr_objects_inuse == tcaches[i].live,
		      "cache in-use count matches the model");
	}
	pages += check_cache(line, boot_cache);
	check(line, pages == slab_pages(), "slab_pages is the sum of the caches' slabs");
	check(line, fake_pages_out() == slab_pages() + large_pages_live,
	      "pages out are slabs plus large kmallocs");
}

static void random_run(unsigned long ops)
{
	unsigned long op, r0 = slab_bad_free_reports, p0 = fake_printk_count;
	size_t arena = (size_t)((uintptr_t)high_memory - host_linear_base);
	unsigned long peak_slab = 0;
	unsigned int i, peak_live = 0;
	bool grow = true;

	owner = calloc(arena / 8, sizeof(*owner));
	for (i = 0; i < NTCACHES; i++) {
		tcaches[i].s = kmem_cache_create(tcaches[i].name, tcaches[i].size, tcaches[i].align,
						 tcaches[i].ctor);
		CHECK(tcaches[i].s != NULL);
	}
	for (op = 0; op < ops; op++) {
		uint32_t r = rnd() % 100;
		struct live *l;

		if (op % 25000 == 0)
			grow = !grow || op == 0;
		if (nlive == MAX_LIVE || (nlive > 0 && !grow && r < 35))
			r = 60; /* free */
		if (r < 22 || (r < 30 && nlive == 0)) {
			l = &live[nlive++];
			l->size = random_size();
			l->cache = -1;
			l->p = kmalloc(l->size, GFP_KERNEL);
			took(__LINE__, l);
		} else if (r < 30) {
			size_t ks, k;

			l = &live[nlive++];
			l->size = random_size();
			l->cache = -1;
			l->p = kzalloc(l->size, GFP_KERNEL);
			ks = ksize(l->p);
			for (k = 0; k < ks && l->p[k] == 0; k++)
				;
			rcheck(__LINE__, k == ks, "kzalloc zeroes ksize bytes", l);
			took(__LINE__, l);
		} else if (r < 50) {
			unsigned int c = rnd() % NTCACHES;

			l = &live[nlive++];
			l->cache = (int)c;
			l->size = tcaches[c].size;
			l->p = kmem_cache_alloc(tcaches[c].s, GFP_KERNEL);
			tcaches[c].live++;
			took(__LINE__, l);
		} else if (r < 82) {
			if (nlive)
				free_one(rnd() % nlive);
		} else if (r < 97) {
			struct live old;
			size_t n, keep, ks;
			uint8_t *np;

			if (!nlive)
				continue;
			l = &live[rnd() % nlive];
			if (l->cache >= 0)
				continue;
			n = rnd() % 50 ? random_size() : 0;
			old = *l;
			ks = ksize(l->p);
			releasing(__LINE__, l);
			np = krealloc(l->p, n, GFP_KERNEL);
			if (n == 0) {
				rcheck(__LINE__, np == ZERO_SIZE_PTR, "krealloc to 0 frees", l);
			} else {
				rcheck(__LINE__, np != NULL, "krealloc succeeds", l);
				if (n <= ks)
					rcheck(__LINE__, np == old.p,
					       "krealloc in place when it fits", l);
				keep = old.size < n ? old.size : n;
				l->p = np;
				rcheck(__LINE__, holds_pattern(l, keep), "krealloc keeps contents",
				       l);
			}
			l->p = np;
			l->size = n;
			if (n && n <= ks) {
				/* same block: same class; keep the seed so the kept bytes match */
				uint32_t seed = old.seed;

				l->cls = old.cls;
				l->large = old.large;
				if (l->cls >= 0)
					class_live[l->cls]++;
				if (l->large)
					large_pages_live += l->large / PAGE_SIZE;
				rcheck(__LINE__, own(l->p, l->size, next_tag++), "no overlap", l);
				l->seed = seed;
				fill(l);
			} else {
				took(__LINE__, l);
			}
		} else if (nlive) {
			l = &live[rnd() % nlive];
			if (l->size && l->p)
				rcheck(__LINE__, holds_pattern(l, l->size), "contents (spot check)",
				       l);
			if (l->cache >= 0)
				check_cache(__LINE__, tcaches[l->cache].s);
		}
		if (op % 5000 == 0)
			verify_all(__LINE__);
		if (nlive > peak_live)
			peak_live = nlive;
		if (slab_pages() > peak_slab)
			peak_slab = slab_pages();
	}
	verify_all(__LINE__);
	CHECK(slab_bad_free_reports == r0);
	CHECK(fake_printk_count == p0);
	CHECK(fake_bad_frees == 0);
	while (nlive)
		free_one(nlive - 1);
	verify_all(__LINE__);
	for (i = 0; i < NTCACHES; i++) {
		CHECK(tcaches[i].s->nr_objects_inuse == 0 && tcaches[i].s->nr_slabs <= 1);
		kmem_cache_destroy(tcaches[i].s);
	}
	for (i = 0; i < arena / 8 && owner[i] == 0; i++)
		;
	CHECK(i == arena / 8);
	free(owner);
	printf("random run: %lu operations, peak %u live objects, peak %lu slab pages, %lu failed "
	       "checks\n",
	       ops, peak_live, peak_slab, rfail);
}

int main(int argc, char **argv)
{
	unsigned long ops = 300000, baseline, out0;
	unsigned int i;

	if (argc > 1)
		rng_state = strtoull(argv[1], NULL, 0) * 2 + 1;
	if (argc > 2)
		ops = strtoul(argv[2], NULL, 0);

	printf("test_slab: seed 0x%llx, %lu random operations\n", (unsigned long long)rng_state,
	       ops);
	fake_ram_init(RAM_BYTES);
	out0 = fake_pages_out();
	CHECK(out0 == 0);
	fake_printk_quiet = true;
	CHECK(kmalloc(8, GFP_KERNEL) == NULL); /* before kmem_cache_init */
	fake_printk_quiet = false;
	kmem_cache_init();
	kmem_cache_init(); /* idempotent */

	/* Warm up: every kmalloc cache and the cache of caches hold one (empty) slab, which
	 * they keep for good; measure from there. */
	for (i = 0; i < NCLASSES; i++) {
		void *p = kmalloc(classes[i], GFP_KERNEL);

		CHECK(p != NULL);
		kmalloc_cache[i] = virt_to_page(p)->slab_cache;
		CHECK(strncmp(kmalloc_cache[i]->name, "kmalloc-", 8) == 0 &&
		      kmalloc_cache[i]->object_size == classes[i] &&
		      kmalloc_cache[i]->align == ARCH_KMALLOC_MINALIGN);
		kfree(p);
	}
	{
		struct kmem_cache *s = kmem_cache_create("warm", 64, 0, NULL);

		boot_cache = virt_to_page(s)->slab_cache;
		CHECK(boot_cache && strcmp(boot_cache->name, "kmem_cache") == 0);
		kmem_cache_destroy(s);
	}
	baseline = fake_pages_out();
	CHECK(baseline == slab_pages());

	test_kmalloc_zero();
	test_class_boundaries();
	test_create_params();
	test_ctor();
	test_foreign();
	test_double_free();
	test_wrong_cache();
	test_destroy_live();
	test_krealloc();
	test_kzalloc();
	test_big_align();
	test_slab_pages();
	CHECK(fake_pages_out() == baseline);
	CHECK(fake_bad_frees == 0);

	random_run(ops);
	CHECK(fake_pages_out() == baseline);

	test_corrupt_freelist();
	abandon(corrupt_cache);
	test_uaf_double_free_head();
	test_corrupt_freepointer();
	CHECK(fake_pages_out() == baseline + abandoned_pages);
	CHECK(fake_bad_frees == 0);

	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
