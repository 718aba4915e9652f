/*
 * Slab caches: objects of one size carved from page blocks, and kmalloc over a ladder of
 * size-class caches (sizes above KMALLOC_MAX_CACHE_SIZE come straight from the buddy
 * allocator). Freeing a pointer the allocator did not hand out is reported, not absorbed.
 */
#ifndef UNIARM_VM_SLAB_H
#define UNIARM_VM_SLAB_H

#include <stddef.h>
#include <stdint.h>
#include "vm/gfp.h"
#include "vm/list.h"

#define KMALLOC_MIN_SIZE       8
#define KMALLOC_MAX_CACHE_SIZE 4096
#define ARCH_KMALLOC_MINALIGN  8

/* kmalloc(0) returns this unique non-NULL pointer (never dereferenceable); kfree takes it. */
#define ZERO_SIZE_PTR	    ((void *)16)
#define ZERO_OR_NULL_PTR(p) ((uintptr_t)(p) <= (uintptr_t)ZERO_SIZE_PTR)

extern unsigned long slab_bad_free_reports; /* pointers refused by kfree & co. */
/* Free lists dropped because an object's free pointer was corrupt (vm/slab.c). */
extern unsigned long slab_corrupt_freelist_reports;

struct kmem_cache {
	const char *name;
	uint32_t object_size; /* as asked */
	uint32_t size;	      /* object_size rounded up to align */
	uint32_t align;
	uint32_t order;	  /* each slab is 2^order pages */
	uint32_t objects; /* objects per slab */
	void (*ctor)(void *);
	struct list_head partial; /* slabs with free and used objects */
	struct list_head full;
	struct list_head free; /* empty slabs kept for reuse (at most one) */
	uint32_t nr_slabs;
	uint32_t nr_objects_inuse;
	struct list_head list; /* all caches */
};

/* NULL when size is 0 or too large for a slab (> 2^(MAX_ORDER-1) pages), or out of memory. */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *));
/* Destroying a cache with live objects is reported and the cache is kept. */
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *obj);

void kmem_cache_init(void); /* the kmalloc caches; after mem_init */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
void kfree(const void *p);
/* Usable size of a kmalloc'd object (its size class). */
size_t ksize(const void *p);

/* Pages held by all slabs (meminfo's Slab). */
unsigned long slab_pages(void);

#endif
