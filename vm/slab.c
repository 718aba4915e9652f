/*
 * vm/slab.c - slab caches and kmalloc (docs/mm.md, "Slab"); Linux's SLUB is the model for
 * the semantics, not for the machinery.
 *
 * A cache hands out objects of one size. A slab is a block of 2^order pages from the buddy
 * allocator: objects sit back to back from the start of the block (object i at i * size).
 * Every page of the block has PG_slab and slab_cache set; the first page (the slab's
 * struct page) also holds the free-list head, the in-use count and the object count. The
 * first page of a slab is found from any of its pages because buddy blocks are naturally
 * aligned: pfn & ~(2^order - 1).
 *
 * Free list. It threads through the free objects. The free pointer of an object lives
 *  - at offset 0 of the object when the cache has no constructor (a free object's bytes
 *    are the allocator's), and
 *  - right after the object (at object_size rounded up to a pointer) when it has one, so
 *    that a free object keeps the state its constructor (or its last user) left: the object
 *    grows by a pointer for it. As in Linux, the constructor runs once per object when its
 *    slab is created, and objects must be given back in their constructed state.
 * A free pointer is stored encoded (next ^ its own address ^ a salt). That keeps plain data
 * (zeros, pointers to neighbours) from looking like a free pointer, which makes the double
 * free check cheap: only when the slot of an object being freed decodes to NULL or to an
 * object of the same slab is the slab's free list walked to see whether it is there. The
 * slot is cleared when an object is handed out. Freeing the object at the head of its slab's
 * free list is a double free whatever its slot holds (SLAB_FREELIST_HARDENED's object == fp
 * check: a write after free may have overwritten the slot). Next pointers are checked when
 * they are followed: an object whose free pointer leads outside its slab, off an object
 * boundary or into the middle of an object is not handed out; the report names the cache and
 * the object, and that slab's whole free list is dropped (its objects count as in use
 * forever). slab_corrupt_freelist_reports counts these reports.
 *
 * Each cache keeps partial, full and at most one empty slab. Allocation takes the first
 * partial slab, else the empty one, else a new slab. A slab that becomes empty is kept if
 * the cache has no empty slab yet, otherwise its pages go back to the buddy allocator.
 *
 * kmalloc rounds up to a size class (8 .. 4096); power-of-two classes are naturally
 * aligned (objects of size 2^k start at multiples of 2^k in a page-aligned slab), all
 * classes are ARCH_KMALLOC_MINALIGN aligned. Larger requests are 2^order pages with
 * PG_head on the first page and page->order = order; they are ordinary pages in the
 * statistics, not slab pages. kmalloc(0) returns ZERO_SIZE_PTR, a unique non-NULL pointer
 * that must not be dereferenced; kfree, ksize and krealloc accept it.
 *
 * Pointers that kfree/kmem_cache_free/ksize/krealloc refuse (not from this allocator, not
 * on an object boundary, from another cache, already free) are reported with printk and
 * otherwise ignored; slab_bad_free_reports counts the reports. Any slab object may be given
 * to kfree (as in Linux since 6.4), not only objects of the kmalloc caches.
 *
 * Locking: one CPU; list and counter updates run with interrupts masked, as in the page
 * allocator, so an interrupt handler may allocate.
 */
#include "runtime/compiler.h"
#include "vm/slab.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "platform/memory.h"
#include "runtime/printk.h"
#include "vm/gfp.h"
#include "vm/list.h"
#include "vm/mm.h"
#include "vm/mm_types.h"

#include "runtime/irqflags.h"

#define SLAB_ALIGN(x, a)	(((x) + (a)-1) & ~((size_t)(a)-1))
#define SLAB_MAX_SIZE		((size_t)PAGE_SIZE << (MAX_ORDER - 1))
#define SLAB_MIN_OBJECTS	8 /* a slab holds at least this many objects ... */
#define SLAB_WASTE_FRACTION	8 /* ... or wastes less than 1/8 of its bytes ... */
#define SLAB_PREFERRED_MAXORDER 3 /* ... at orders up to this one, unless one object needs more */
#define FREEPTR_SALT		((uintptr_t)0x9e3779b9u)

#define KMALLOC_NR_CACHES 12

unsigned long slab_bad_free_reports;
unsigned long slab_corrupt_freelist_reports;

static unsigned long slab_total_pages; /* pages held by the slabs of every cache */
static struct list_head slab_caches = LIST_HEAD_INIT(slab_caches);
static struct kmem_cache kmem_cache_boot; /* holds the struct kmem_cache of created caches */
static struct kmem_cache kmalloc_caches[KMALLOC_NR_CACHES];
static bool kmalloc_ready;

static const uint32_t kmalloc_sizes[KMALLOC_NR_CACHES] = {8,   16,  32,	 64,   96,   128,
							  192, 256, 512, 1024, 2048, 4096};
static const char *const kmalloc_names[KMALLOC_NR_CACHES] = {
	"kmalloc-8",   "kmalloc-16",  "kmalloc-32",  "kmalloc-64",   "kmalloc-96",   "kmalloc-128",
	"kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048", "kmalloc-4096",
};
/* Size class of sizes 1..192, indexed by (size - 1) / 8. */
static const uint8_t kmalloc_small_index[24] = {0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
						5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6};

/* ---- object layout and the free pointer ---- */

static inline size_t freeptr_offset(const struct kmem_cache *s)
{
	return s->ctor ? SLAB_ALIGN((size_t)s->object_size, sizeof(void *)) : 0;
}

static inline uintptr_t *freeptr_slot(const struct kmem_cache *s, const void *obj)
{
	return (uintptr_t *)((uintptr_t)obj + freeptr_offset(s));
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *next)
{
	uintptr_t *slot = freeptr_slot(s, obj);

	*slot = (uintptr_t)next ^ (uintptr_t)slot ^ FREEPTR_SALT;
}

static inline void *get_freepointer(const struct kmem_cache *s, const void *obj)
{
	const uintptr_t *slot = freeptr_slot(s, obj);

	return (void *)(*slot ^ (uintptr_t)slot ^ FREEPTR_SALT);
}

static inline char *slab_base(const struct page *slab)
{
	return page_address(slab);
}

/* True when p is the start of one of the slab's objects. */
static bool on_object_boundary(const struct kmem_cache *s, const struct page *slab, const void *p)
{
	uintptr_t base = (uintptr_t)slab_base(slab);
	uintptr_t off = (uintptr_t)p - base;

	return (uintptr_t)p >= base && off < (uintptr_t)slab->objects * s->size &&
	       off % s->size == 0;
}

/*
 * True when obj (an object of slab) is on the slab's free list. Cheap unless obj's free
 * pointer slot holds a valid-looking free pointer: only then is the free list walked.
 */
static bool object_is_free(const struct kmem_cache *s, const struct page *slab, const void *obj)
{
	unsigned int nfree = slab->objects - slab->inuse;
	void *p, *next;

	/* SLAB_FREELIST_HARDENED's object == fp: the head is free whatever its slot holds (a
	 * write after free may have overwritten it). */
	if (obj == slab->freelist || slab->inuse == 0)
		return true;
	next = get_freepointer(s, obj);
	if (next && !on_object_boundary(s, slab, next))
		return false;
	for (p = slab->freelist; p && nfree; nfree--) {
		if (p == obj)
			return true;
		p = get_freepointer(s, p);
		if (p && !on_object_boundary(s, slab, p))
			break;
	}
	return false;
}

/* ---- slabs ---- */

/* A new slab for s with every object constructed and on its free list, or NULL. */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	unsigned int i, npages = 1u << s->order;
	struct page *slab = alloc_pages(gfp & __GFP_NOWARN, s->order);
	char *base, *obj;

	if (!slab)
		return NULL;
	if (unlikely(page_to_pfn(slab) & (npages - 1))) {
		printk("slab %s: page allocator returned pfn 0x%lx, not aligned to order %u\n",
		       s->name, (unsigned long)page_to_pfn(slab), (unsigned int)s->order);
		__free_pages(slab, s->order);
		return NULL;
	}
	for (i = 0; i < npages; i++) {
		slab[i].flags |= PG_slab;
		slab[i].slab_cache = s;
	}
	slab->objects = (uint16_t)s->objects;
	slab->inuse = 0;
	base = slab_base(slab);
	for (i = 0, obj = base; i < s->objects; i++, obj += s->size) {
		if (s->ctor)
			s->ctor(obj);
		set_freepointer(s, obj, i + 1 < s->objects ? obj + s->size : NULL);
	}
	slab->freelist = base;
	s->nr_slabs++;
	slab_total_pages += npages;
	return slab;
}

/* Give an empty slab's pages back (it is on no list). */
static void discard_slab(struct kmem_cache *s, struct page *slab)
{
	unsigned int i, npages = 1u << s->order;

	for (i = 0; i < npages; i++) {
		slab[i].flags &= ~PG_slab;
		slab[i].slab_cache = NULL;
	}
	slab->freelist = NULL;
	s->nr_slabs--;
	slab_total_pages -= npages;
	__free_pages(slab, s->order);
}

/*
 * The free pointer of obj, the slab's first free object, is corrupt (a write after free or
 * a stray write): it points outside the slab, off an object boundary or into an object.
 * Report it, and give up the whole free list, obj included: nothing on it can be trusted.
 * The slab counts as full (its lost objects stay in use for good); it must be on s->partial.
 */
static void freelist_corrupted(struct kmem_cache *s, struct page *slab, void *obj, void *next)
{
	unsigned int lost = slab->objects - slab->inuse;

	slab_corrupt_freelist_reports++;
	printk("slab %s: free list of slab %p corrupted: object %p holds free pointer %p; %u "
	       "free objects abandoned\n",
	       s->name, (void *)slab_base(slab), obj, next, lost);
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	s->nr_objects_inuse += lost;
	list_del(&slab->slab_list);
	list_add(&slab->slab_list, &s->full);
}

static void *slab_alloc(struct kmem_cache *s, gfp_t gfp);

/* slab_alloc found obj's free pointer corrupt: drop the list, try again (interrupts on). */
static __attribute__((noinline, cold)) void *slab_alloc_corrupted(struct kmem_cache *s,
								  struct page *slab, void *obj,
								  void *next, gfp_t gfp,
								  uint32_t flags)
{
	freelist_corrupted(s, slab, obj, next);
	local_irq_restore(flags);
	return slab_alloc(s, gfp);
}

static void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab;
	void *obj, *next;
	uint32_t flags = local_irq_save();

	if (!list_empty(&s->partial)) {
		slab = list_first_entry(&s->partial, struct page, slab_list);
	} else if (!list_empty(&s->free)) {
		slab = list_first_entry(&s->free, struct page, slab_list);
		list_del(&slab->slab_list);
		list_add(&slab->slab_list, &s->partial);
	} else {
		slab = new_slab(s, gfp);
		if (!slab) {
			local_irq_restore(flags);
			return NULL;
		}
		list_add(&slab->slab_list, &s->partial);
	}
	obj = slab->freelist;
	next = get_freepointer(s, obj);
	if (unlikely(next && !on_object_boundary(s, slab, next)))
		return slab_alloc_corrupted(s, slab, obj, next, gfp, flags);
	slab->freelist = next;
	slab->inuse++;
	s->nr_objects_inuse++;
	if (slab->inuse == slab->objects) {
		list_del(&slab->slab_list);
		list_add(&slab->slab_list, &s->full);
	}
	*freeptr_slot(s, obj) = 0;
	local_irq_restore(flags);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

/* Put obj (an in-use object of slab, a slab of s) back on the slab's free list. */
static void slab_free(struct kmem_cache *s, struct page *slab, void *obj)
{
	bool was_full = slab->inuse == slab->objects;

	set_freepointer(s, obj, slab->freelist);
	slab->freelist = obj;
	slab->inuse--;
	s->nr_objects_inuse--;
	if (slab->inuse == 0) {
		list_del(&slab->slab_list);
		if (list_empty(&s->free))
			list_add(&slab->slab_list, &s->free);
		else
			discard_slab(s, slab);
	} else if (was_full) {
		list_del(&slab->slab_list);
		list_add(&slab->slab_list, &s->partial);
	}
}

/* ---- finding what a pointer is ---- */

enum obj_kind {
	OBJ_BAD,   /* not something this allocator handed out; why says what */
	OBJ_SLAB,  /* on an object boundary of a slab (in use or free) */
	OBJ_LARGE, /* the start of a large kmalloc block */
};

struct obj_info {
	struct page *page; /* the slab, or the first page of the large block */
	struct kmem_cache *s;
	const char *why;
};

static enum obj_kind classify(const void *p, struct obj_info *oi)
{
	struct page *page, *slab;
	struct kmem_cache *s;

	oi->page = NULL;
	oi->s = NULL;
	oi->why = NULL;
	if (!virt_addr_valid(p)) {
		oi->why = "outside the linear map";
		return OBJ_BAD;
	}
	page = virt_to_page(p);
	if (page->flags & PG_slab) {
		s = page->slab_cache;
		slab = pfn_to_page(page_to_pfn(page) & ~((1ul << s->order) - 1));
		if (!(slab->flags & PG_slab) || slab->slab_cache != s ||
		    slab->objects != s->objects) {
			oi->why = "slab page without a valid slab head";
			return OBJ_BAD;
		}
		if (!on_object_boundary(s, slab, p)) {
			oi->why = "not on an object boundary";
			return OBJ_BAD;
		}
		oi->page = slab;
		oi->s = s;
		return OBJ_SLAB;
	}
	if (page->flags & PG_head) {
		if (p != page_address(page)) {
			oi->why = "not the start of a large block";
			return OBJ_BAD;
		}
		oi->page = page;
		return OBJ_LARGE;
	}
	oi->why = "page is neither a slab nor a kmalloc block";
	return OBJ_BAD;
}

static void report_foreign(const char *func, const void *p, const char *why)
{
	slab_bad_free_reports++;
	printk("%s: pointer %p was not allocated by kmalloc (%s)\n", func, p, why);
}

static void report_double_free(const char *func, const void *p, const struct kmem_cache *s)
{
	slab_bad_free_reports++;
	printk("%s: double free of %p (object of cache %s)\n", func, p, s->name);
}

/* ---- caches ---- */

/* The smallest order whose block holds size bytes; MAX_ORDER when none does. */
static unsigned int size_order(size_t size)
{
	unsigned int order = 0;

	if (size > SLAB_MAX_SIZE)
		return MAX_ORDER;
	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	return order;
}

/*
 * The slab order for objects of `size` bytes: the lowest order from the smallest that
 * holds one object up to max(SLAB_PREFERRED_MAXORDER, that order) at which a slab holds at
 * least SLAB_MIN_OBJECTS objects or wastes less than 1/SLAB_WASTE_FRACTION; failing that,
 * the order in that range that wastes the smallest fraction.
 */
static unsigned int calculate_order(size_t size)
{
	unsigned int min = size_order(size), max = min, order, best = min;
	size_t best_waste = 0, best_bytes = 1;

	if (max < SLAB_PREFERRED_MAXORDER)
		max = SLAB_PREFERRED_MAXORDER;
	for (order = min; order <= max && order < MAX_ORDER; order++) {
		size_t bytes = (size_t)PAGE_SIZE << order;
		size_t objects = bytes / size, waste = bytes % size;

		if (objects >= SLAB_MIN_OBJECTS || waste * SLAB_WASTE_FRACTION < bytes)
			return order;
		/* waste / bytes < best_waste / best_bytes, without division */
		if (order == min || waste * best_bytes < best_waste * bytes) {
			best = order;
			best_waste = waste;
			best_bytes = bytes;
		}
	}
	return best;
}

/* Fill in s (not yet on the cache list); false when the parameters are unusable. */
static bool cache_init(struct kmem_cache *s, const char *name, size_t size, size_t align,
		       void (*ctor)(void *))
{
	size_t total;

	if (!name || size == 0 || size > SLAB_MAX_SIZE)
		return false;
	if (align == 0)
		align = ARCH_KMALLOC_MINALIGN;
	if ((align & (align - 1)) != 0 || align > SLAB_MAX_SIZE)
		return false;
	if (align < sizeof(void *))
		align = sizeof(void *);
	if (ctor)
		total = SLAB_ALIGN(size, sizeof(void *)) + sizeof(void *);
	else
		total = size < sizeof(void *) ? sizeof(void *) : size;
	total = SLAB_ALIGN(total, align);
	if (total > SLAB_MAX_SIZE)
		return false;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = (uint32_t)size;
	s->size = (uint32_t)total;
	s->align = (uint32_t)align;
	s->order = calculate_order(total);
	s->objects = (uint32_t)(((size_t)PAGE_SIZE << s->order) / total);
	s->ctor = ctor;
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->full);
	INIT_LIST_HEAD(&s->free);
	INIT_LIST_HEAD(&s->list);
	return true;
}

/* The cache of struct kmem_cache, set up on first use. */
static void slab_bootstrap(void)
{
	if (kmem_cache_boot.name)
		return;
	cache_init(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0, NULL);
	list_add_tail(&kmem_cache_boot.list, &slab_caches);
}

static bool builtin_cache(const struct kmem_cache *s)
{
	return s == &kmem_cache_boot ||
	       ((uintptr_t)s >= (uintptr_t)&kmalloc_caches[0] &&
		(uintptr_t)s < (uintptr_t)&kmalloc_caches[KMALLOC_NR_CACHES]);
}

/*
 * A cache of objects of `size` bytes aligned to `align` (0: ARCH_KMALLOC_MINALIGN; else a
 * power of two; raised to pointer alignment). ctor, when given, runs on every object when
 * its slab is created; objects must be freed in their constructed state. `name` is kept,
 * not copied: it must outlive the cache. NULL (with a report) for a zero or too large size
 * or a bad alignment, NULL when out of memory.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *))
{
	struct kmem_cache tmp, *s;
	uint32_t flags;

	slab_bootstrap();
	if (!cache_init(&tmp, name, size, align, ctor)) {
		printk("kmem_cache_create(%s): cannot make a cache of size %lu, align %lu\n",
		       name ? name : "(null)", (unsigned long)size, (unsigned long)align);
		return NULL;
	}
	s = slab_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (!s)
		return NULL;
	*s = tmp;
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->full);
	INIT_LIST_HEAD(&s->free);
	flags = local_irq_save();
	list_add_tail(&s->list, &slab_caches);
	local_irq_restore(flags);
	return s;
}

/*
 * Free the cache and its (empty) slabs. A cache that still has objects in use is reported
 * and kept intact; so are the built-in caches.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	struct list_head *pos, *n;
	struct page *slab;
	uint32_t flags;

	if (!s)
		return;
	if (builtin_cache(s)) {
		printk("kmem_cache_destroy %s: built-in cache, not destroyed\n", s->name);
		return;
	}
	flags = local_irq_save();
	if (s->nr_objects_inuse) {
		local_irq_restore(flags);
		printk("kmem_cache_destroy %s: Slab cache still has objects (%lu in use), not "
		       "destroyed\n",
		       s->name, (unsigned long)s->nr_objects_inuse);
		return;
	}
	list_for_each_safe(pos, n, &s->free)
	{
		slab = list_entry(pos, struct page, slab_list);
		list_del(&slab->slab_list);
		discard_slab(s, slab);
	}
	list_del(&s->list);
	slab = virt_to_page(s);
	slab = pfn_to_page(page_to_pfn(slab) & ~((1ul << kmem_cache_boot.order) - 1));
	slab_free(&kmem_cache_boot, slab, s);
	local_irq_restore(flags);
}

/* An object of s, or NULL when no memory is left (reported unless __GFP_NOWARN).
 * __GFP_ZERO zeroes object_size bytes (and so undoes the constructor). */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc(s, gfp);
}

/*
 * Give obj back to s. NULL is ignored; a pointer that is not an in-use object of s (not a
 * slab object, another cache's, not on an object boundary, already free) is reported and
 * ignored.
 */
void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct obj_info oi;
	uint32_t flags;

	if (!obj)
		return;
	flags = local_irq_save();
	if (classify(obj, &oi) != OBJ_SLAB) {
		local_irq_restore(flags);
		slab_bad_free_reports++;
		printk("kmem_cache_free(%s): pointer %p is not an object of this cache (%s)\n",
		       s->name, obj, oi.why ? oi.why : "a large kmalloc block");
		return;
	}
	if (oi.s != s) {
		local_irq_restore(flags);
		slab_bad_free_reports++;
		printk("kmem_cache_free(%s): pointer %p is an object of cache %s\n", s->name, obj,
		       oi.s->name);
		return;
	}
	if (object_is_free(s, oi.page, obj)) {
		local_irq_restore(flags);
		report_double_free("kmem_cache_free", obj, s);
		return;
	}
	slab_free(s, oi.page, obj);
	local_irq_restore(flags);
}

/* ---- kmalloc ---- */

/* The kmalloc size classes; idempotent. Needs the page allocator (after mem_init). */
void kmem_cache_init(void)
{
	unsigned int i;

	if (kmalloc_ready)
		return;
	slab_bootstrap();
	for (i = 0; i < KMALLOC_NR_CACHES; i++) {
		cache_init(&kmalloc_caches[i], kmalloc_names[i], kmalloc_sizes[i],
			   ARCH_KMALLOC_MINALIGN, NULL);
		list_add_tail(&kmalloc_caches[i].list, &slab_caches);
	}
	kmalloc_ready = true;
}

static inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return kmalloc_small_index[(size - 1) >> 3];
	/* 193..4096: 2^(k-1) < size <= 2^k is class k - 1 (256 is class 7) */
	return 31 - (unsigned int)__builtin_clz((unsigned int)(size - 1));
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = size_order(size);
	struct page *page;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			printk("kmalloc: %lu bytes is more than the largest block (%lu)\n",
			       (unsigned long)size, (unsigned long)SLAB_MAX_SIZE);
		return NULL;
	}
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	page->flags |= PG_head;
	page->order = order;
	return page_address(page);
}

/*
 * size bytes aligned to ARCH_KMALLOC_MINALIGN (power-of-two sizes up to a page: to their
 * size; larger: to a page). ZERO_SIZE_PTR for size 0; NULL when out of memory or before
 * kmem_cache_init.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	if (unlikely(size == 0))
		return ZERO_SIZE_PTR;
	if (likely(size <= KMALLOC_MAX_CACHE_SIZE)) {
		if (unlikely(!kmalloc_ready)) {
			printk("kmalloc(%lu) before kmem_cache_init\n", (unsigned long)size);
			return NULL;
		}
		return slab_alloc(&kmalloc_caches[kmalloc_index(size)], gfp);
	}
	return kmalloc_large(size, gfp);
}

/* kmalloc with the whole object (ksize bytes) zeroed. */
void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/*
 * Free a kmalloc'd block (or any slab object). NULL and ZERO_SIZE_PTR are ignored; foreign
 * pointers and double frees are reported and ignored.
 */
void kfree(const void *p)
{
	struct obj_info oi;
	uint32_t flags;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	flags = local_irq_save();
	switch (classify(p, &oi)) {
	case OBJ_SLAB:
		if (unlikely(object_is_free(oi.s, oi.page, p))) {
			local_irq_restore(flags);
			report_double_free("kfree", p, oi.s);
			return;
		}
		slab_free(oi.s, oi.page, (void *)p);
		break;
	case OBJ_LARGE:
		oi.page->flags &= ~PG_head;
		local_irq_restore(flags);
		__free_pages(oi.page, oi.page->order);
		return;
	case OBJ_BAD:
		local_irq_restore(flags);
		report_foreign("kfree", p, oi.why);
		return;
	}
	local_irq_restore(flags);
}

/*
 * Usable size of p: its cache's object_size (the class size for kmalloc), or the size of a
 * large block; 0 for NULL and ZERO_SIZE_PTR, and 0 with a report naming func for pointers
 * that are not live objects.
 */
static size_t __ksize(const void *p, const char *func)
{
	struct obj_info oi;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	switch (classify(p, &oi)) {
	case OBJ_SLAB:
		if (object_is_free(oi.s, oi.page, p)) {
			slab_bad_free_reports++;
			printk("%s: pointer %p is a free object of cache %s\n", func, p,
			       oi.s->name);
			return 0;
		}
		return oi.s->object_size;
	case OBJ_LARGE:
		return (size_t)PAGE_SIZE << oi.page->order;
	case OBJ_BAD:
		break;
	}
	report_foreign(func, p, oi.why);
	return 0;
}

size_t ksize(const void *p)
{
	return __ksize(p, "ksize");
}

/*
 * Resize p to new_size bytes, keeping min(old usable size, new_size) bytes: NULL p is
 * kmalloc; new_size 0 frees p and returns ZERO_SIZE_PTR; p itself when new_size fits in
 * ksize(p); else a new block (p is freed). NULL when out of memory (p is untouched) or p is
 * not a live kmalloc pointer (reported).
 */
void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	size_t ks;
	void *n;

	if (!p)
		return kmalloc(new_size, gfp);
	if (new_size == 0) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	ks = __ksize(p, "krealloc");
	if (ks == 0 && p != ZERO_SIZE_PTR)
		return NULL;
	if (new_size <= ks)
		return (void *)p;
	n = kmalloc(new_size, gfp);
	if (!n)
		return NULL;
	if (ks)
		memcpy(n, p, ks);
	kfree(p);
	return n;
}

/* Pages held by the slabs of all caches (meminfo's Slab); large kmalloc blocks excluded. */
unsigned long slab_pages(void)
{
	return slab_total_pages;
}
