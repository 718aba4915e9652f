/*
 * Page frames: mem_map and the conversions between pfn, struct page, physical and linear-map
 * addresses; reference counts. Valid after mem_init() (vm/page_alloc.c).
 */
#ifndef UNIARM_VM_MM_H
#define UNIARM_VM_MM_H

#include <stdbool.h>
#include <stdint.h>
#include "platform/memory.h"
#include "vm/mm_types.h"

extern struct page *mem_map;	  /* one entry per pfn in [min_low_pfn, max_low_pfn) */
extern unsigned long min_low_pfn; /* first pfn of RAM */
extern unsigned long max_low_pfn; /* one past the last linearly mapped pfn */
extern void *high_memory;	  /* end of the linear map */

#define PFN_DOWN(x) ((unsigned long)(x) >> PAGE_SHIFT)
#define PFN_UP(x)   (((unsigned long)(x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - min_low_pfn);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map) + min_low_pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn >= min_low_pfn && pfn < max_low_pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

static inline bool virt_addr_valid(const void *addr)
{
	return (uintptr_t)addr >= (uintptr_t)__va(PFN_PHYS(min_low_pfn)) &&
	       (uintptr_t)addr < (uintptr_t)high_memory;
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

static inline int page_count(const struct page *page)
{
	return page->_refcount;
}

static inline void get_page(struct page *page)
{
	page->_refcount++;
}

/* Report a frame in a state it must not be in ("BUG: Bad page state: pfn ..."), counted in
 * bad_page_reports; the frame is left alone. */
void bad_page(struct page *page, const char *reason);
extern unsigned long bad_page_reports;

/* Drop a reference to an order-0 page; frees it when the last one goes. */
void put_page(struct page *page);

/* Build mem_map over RAM and hand every page memblock has not reserved to the buddy
 * allocator (memblock_free_all). */
void mem_init(void);

#endif
