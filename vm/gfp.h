/* The page allocator's interface: get free pages (gfp) flags and alloc/free of 2^order pages. */
#ifndef UNIARM_VM_GFP_H
#define UNIARM_VM_GFP_H

#include <stdint.h>
#include "vm/mm_types.h"

typedef uint32_t gfp_t;

#define __GFP_ZERO   (1u << 0) /* the memory is zeroed */
#define __GFP_NOWARN (1u << 1) /* no report on failure */
#define GFP_KERNEL   0u
#define GFP_ATOMIC   0u

#define MAX_ORDER 11 /* orders 0..10: blocks of 1 page .. 4 MiB */

/* 2^order contiguous page frames with refcount 1, or NULL when no block is free. */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
/* The same for a page of the application's memory (counted in its rss, not the runtime's). */
struct page *alloc_user_page(gfp_t gfp);
/* Reserved frames leaving the reserve (vm/page_alloc.c): adopted as allocated, or freed. */
struct page *adopt_reserved_page(unsigned long pfn);
void free_reserved_page(struct page *page);
/* Drop a reference to a block from alloc_pages; the last one frees it. Freeing a page that
 * is free already or was never allocated is reported with its pfn and ignored. */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages((page), 0)

/* The same by linear-map address. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)

/* Return every page of the order-0 per-cpu cache to the buddy lists. */
void drain_local_pages(void);

/* Counters. */
unsigned long nr_free_pages(void);
unsigned long nr_free_pages_order(unsigned int order); /* free blocks of exactly this order */
unsigned long totalram_pages(void);
/* The page counts, together so that the allocator reaches them from one base address. */
struct page_counts {
	unsigned long totalram;	    /* pages handed to the allocator at boot */
	unsigned long free_buddy;   /* pages in the buddy lists (the pcp list's are not in it) */
	unsigned long prezeroed;    /* free pages on the pre-zeroed list (vm/prezero.c) */
	const unsigned long *user;  /* the application's rss counter (its mm's, vm/mm_user.h) */
	unsigned long runtime_peak; /* the most pages the runtime held for itself at once (pages
				     * in use less the application's), noted by alloc_pages */
};
extern struct page_counts page_counts;

/*
 * Pre-zeroed pages (vm/prezero.c): free order-0 pages that kzerod cleared while the CPU was
 * idle. alloc_prezeroed_page hands one out as alloc_user_page would (one reference), or NULL
 * when there is none; add_prezeroed_page takes a page from alloc_user_page that its caller has
 * cleared; drain_prezeroed_pages gives them all back to the buddy lists (an allocation that
 * would fail otherwise does this first). They count as free pages (nr_free_pages).
 */
struct page *__alloc_prezeroed_page(void);
static inline struct page *alloc_prezeroed_page(void)
{
	return page_counts.prezeroed ? __alloc_prezeroed_page() : (struct page *)0;
}
void add_prezeroed_page(struct page *page);
void drain_prezeroed_pages(void);

#endif
