/*
 * struct page: one per page frame of RAM (the array mem_map), 32 bytes. What the frame is
 * used for decides which union member is live; the PG_* flags say which (docs/mm.md).
 */
#ifndef UNIARM_VM_MM_TYPES_H
#define UNIARM_VM_MM_TYPES_H

#include <stdint.h>
#include "vm/list.h"

struct kmem_cache;

struct page {
	uint32_t flags;	   /* PG_* bits */
	int32_t _refcount; /* 0 when free; allocation sets 1 */
	union {
		/* PG_buddy: free block head in the buddy allocator, or on the order-0 per-cpu
		 * list (PG_pcp). PG_head: a large kmalloc block; `order` is its size. */
		struct {
			struct list_head buddy_list;
			uint32_t order;
		};
		/* PG_slab: a slab of `slab_cache`; `freelist` is its first free object. */
		struct {
			struct list_head slab_list;
			struct kmem_cache *slab_cache;
			void *freelist;
			uint16_t inuse;
			uint16_t objects;
		};
	};
	uint32_t _pad; /* 32 bytes on ARM, so page <-> pfn is a shift */
};

/* Page flags. */
#define PG_reserved (1u << 0) /* never given to the buddy allocator (image, blob, holes) */
#define PG_buddy    (1u << 1) /* head of a free buddy block */
#define PG_pcp	    (1u << 2) /* free, on the order-0 per-cpu list */
#define PG_slab	    (1u << 3) /* part of a slab */
#define PG_head	    (1u << 4) /* first page of a multi-page kmalloc */
#define PG_pgtable  (1u << 5) /* holds page tables */
#define PG_vmalloc  (1u << 6) /* mapped into the vmalloc area */
#define PG_zeroed   (1u << 7) /* free, cleared, on the pre-zeroed list (vm/prezero.c) */

#endif
