/*
 * The page allocator: mem_map over the linearly mapped RAM, a binary buddy allocator for
 * blocks of 2^0 .. 2^(MAX_ORDER-1) pages in one zone, and an order-0 per-cpu cache (pcp) in
 * front of it so that alloc_page + __free_page is a list pop + push. mem_init hands every
 * page memblock has not reserved to the buddy lists. Frees that cannot be right (double
 * free, reserved frame, frame not handed out, bad order) are reported by bad_page and the
 * frame is left alone. See docs/mm.md.
 */
#include "runtime/compiler.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "platform/memory.h"
#include "runtime/printk.h"
#include "runtime/spinlock.h"
#include "vm/gfp.h"
#include "vm/list.h"
#include "vm/memblock.h"
#include "vm/mm.h"
#include "vm/mm_types.h"

#include "runtime/irqflags.h"

#define PCP_HIGH	64 /* the pcp list is drained when it grows past this ... */
#define PCP_BATCH	16 /* ... by this many pages; an empty list is refilled with as many */
#define PCP_BATCH_ORDER 4  /* PCP_BATCH == 1 << PCP_BATCH_ORDER */
_Static_assert(PCP_BATCH == 1 << PCP_BATCH_ORDER, "PCP_BATCH is a power of two");

struct page *mem_map;
unsigned long min_low_pfn;
unsigned long max_low_pfn;
void *high_memory;
unsigned long bad_page_reports;

struct free_area {
	struct list_head free_list; /* PG_buddy heads of free blocks of this order */
	unsigned long nr_free;	    /* blocks on free_list */
};

struct per_cpu_pages {
	struct list_head list; /* PG_pcp order-0 pages, hottest first */
	int count;
};

static struct free_area free_area[MAX_ORDER];

static struct per_cpu_pages pcp;
static uintptr_t mem_map_bytes; /* sizeof(struct page) * (max_low_pfn - min_low_pfn) */

/*
 * Both lists are manipulated with interrupts off, so an interrupt handler may allocate
 * (GFP_ATOMIC) and free without corrupting them.
 */
static inline void list_unlink(struct list_head *e)
{
	e->next->prev = e->prev;
	e->prev->next = e->next;
}

/* ---- buddy lists (callers hold interrupts off) ---- */

static inline void add_to_free_list(struct page *page, unsigned int order)
{
	page->flags = PG_buddy;
	page->order = order;
	list_add(&page->buddy_list, &free_area[order].free_list);
	free_area[order].nr_free++;
	page_counts.free_buddy += 1ul << order;
}

static inline void del_from_free_list(struct page *page, unsigned int order)
{
	list_unlink(&page->buddy_list);
	page->flags = 0;
	free_area[order].nr_free--;
	page_counts.free_buddy -= 1ul << order;
}

/*
 * Put the free block at pfn (naturally aligned to 2^order, inside the zone) on the buddy
 * lists, merging it with its buddy as long as the buddy is a whole free block of the same
 * order. A PG_buddy head of order o always describes a block that lies inside
 * [min_low_pfn, max_low_pfn), so checking the buddy's head pfn is enough.
 */
static void __free_one_page(unsigned long pfn, unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1ul << order);
		struct page *buddy;

		if (!pfn_valid(buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!(buddy->flags & PG_buddy) || buddy->order != order)
			break;
		del_from_free_list(buddy, order);
		pfn &= ~(1ul << order);
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), order);
}

/*
 * Take a free block of exactly 2^order pages: the first block of the smallest non-empty
 * order that is large enough, split in halves whose upper parts go back on the lists.
 * NULL when no order can serve the request. The head's flags are 0 on return.
 */
static struct page *__rmqueue(unsigned int order)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, buddy_list);
		del_from_free_list(page, o);
		while (o > order) {
			o--;
			add_to_free_list(page + (1ul << o), o);
		}
		return page;
	}
	return NULL;
}

/* ---- the order-0 per-cpu list ---- */

/* Move up to `count` of the coldest pcp pages back to the buddy lists (interrupts off). */
static void free_pcppages_bulk(int count)
{
	while (count-- > 0 && pcp.count > 0) {
		struct page *page = list_entry(pcp.list.prev, struct page, buddy_list);

		list_unlink(&page->buddy_list);
		pcp.count--;
		page->flags = 0;
		__free_one_page(page_to_pfn(page), 0);
	}
}

/* Return every pcp page to the buddy lists, so that they can coalesce again. */
void drain_local_pages(void)
{
	uint32_t flags = local_irq_save();

	free_pcppages_bulk(pcp.count);
	local_irq_restore(flags);
}

/*
 * Refill an empty pcp list with up to PCP_BATCH pages (interrupts off); false if none. One
 * block of PCP_BATCH pages when there is one (a single buddy-list operation instead of one
 * per page), else page by page from whatever is left.
 */
static bool rmqueue_bulk(void)
{
	struct page *block = __rmqueue(PCP_BATCH_ORDER);
	int i;

	if (block) {
		for (i = 0; i < PCP_BATCH; i++) {
			block[i].flags = PG_pcp;
			list_add_tail(&block[i].buddy_list, &pcp.list);
		}
		pcp.count += PCP_BATCH;
		return true;
	}
	for (i = 0; i < PCP_BATCH; i++) {
		struct page *page = __rmqueue(0);

		if (!page)
			break;
		page->flags = PG_pcp;
		list_add_tail(&page->buddy_list, &pcp.list);
		pcp.count++;
	}
	return i > 0;
}

/* ---- allocation ---- */

static void warn_alloc(gfp_t gfp, unsigned int order, const char *why)
{
	if (gfp & __GFP_NOWARN)
		return;
	printk("page allocation failure: order:%u, mode:0x%x: %s (free %lu pages)\n", order,
	       (unsigned int)gfp, why, nr_free_pages());
}

static const unsigned long no_user_pages;
struct page_counts page_counts = {.user = &no_user_pages};

/* What every successful allocation guarantees: flags clear, one reference, zero if asked. */
static inline struct page *prep_new_page(struct page *page, gfp_t gfp, unsigned int order)
{
	page->flags = 0;
	page->_refcount = 1;
	if (unlikely(gfp & __GFP_ZERO))
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

/*
 * Everything that is not an order-0 pcp hit: an empty pcp list (refill), higher orders
 * (buddy, and once more after draining the pcp list, whose pages may complete a block),
 * bad orders and exhaustion.
 */
static __attribute__((noinline)) struct page *__alloc_pages_slow(gfp_t gfp, unsigned int order)
{
	struct page *page = NULL;
	uint32_t flags;

	if (order >= MAX_ORDER) {
		printk("page allocation failure: order:%u is not below MAX_ORDER %u\n", order,
		       (unsigned int)MAX_ORDER);
		return NULL;
	}
	flags = local_irq_save();
	if (order == 0) {
		if (!list_empty(&pcp.list) || rmqueue_bulk()) {
			page = list_first_entry(&pcp.list, struct page, buddy_list);
			list_unlink(&page->buddy_list);
			pcp.count--;
		}
	} else {
		page = __rmqueue(order);
		if (!page && pcp.count) {
			free_pcppages_bulk(pcp.count);
			page = __rmqueue(order);
		}
	}
	local_irq_restore(flags);
	if (!page && page_counts.prezeroed) { /* the pre-zeroed pages are free memory too */
		drain_prezeroed_pages();
		return __alloc_pages_slow(gfp, order);
	}
	if (!page) {
		warn_alloc(gfp, order, "out of memory");
		return NULL;
	}
	return prep_new_page(page, gfp, order);
}

/*
 * 2^order contiguous frames, naturally aligned, refcount 1, flags clear; NULL when none are
 * free (reported unless __GFP_NOWARN). An order-0 request is served from the pcp list
 * without touching the buddy lists.
 */
static inline __attribute__((always_inline)) struct page *__alloc_pages(gfp_t gfp,
									unsigned int order)
{
	struct list_head *e;
	struct page *page;
	uint32_t flags;

	if (unlikely(order != 0))
		return __alloc_pages_slow(gfp, order);
	flags = local_irq_save();
	e = pcp.list.next;
	if (unlikely(e == &pcp.list)) {
		local_irq_restore(flags);
		return __alloc_pages_slow(gfp, 0);
	}
	pcp.list.next = e->next;
	e->next->prev = &pcp.list;
	pcp.count--;
	local_irq_restore(flags);
	page = list_entry(e, struct page, buddy_list);
	return prep_new_page(page, gfp, 0);
}

/*
 * The runtime's own memory (pages in use less the application's) only grows by its own
 * allocations, so its peak is noted at each of them; the application's pages come from
 * alloc_user_page, which skips it.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = order == 0 && (gfp & __GFP_ZERO) ? alloc_prezeroed_page() : NULL;
	struct page_counts *c = &page_counts;
	long own;

	if (!page)
		page = __alloc_pages(gfp, order);
	own = (long)(c->totalram - c->free_buddy - (unsigned long)pcp.count - c->prezeroed -
		     *c->user);

	if (own > (long)c->runtime_peak)
		c->runtime_peak = (unsigned long)own;
	return page;
}

struct page *alloc_user_page(gfp_t gfp)
{
	return __alloc_pages(gfp, 0);
}

/* ---- pre-zeroed pages (vm/prezero.c) ---- */

/* Free order-0 pages known to hold zeros: PG_zeroed, no reference, linked by buddy_list,
 * counted in page_counts.prezeroed. Task context fills and empties the list (kzerod, faults,
 * allocations); the lock masks interrupts as the pcp list's users do. */
static struct list_head prezeroed_list = {&prezeroed_list, &prezeroed_list};
static DEFINE_SPINLOCK(prezero_lock);

struct page *__alloc_prezeroed_page(void)
{
	struct page *page = NULL;
	uint32_t flags;

	spin_lock_irqsave(&prezero_lock, flags);
	if (!list_empty(&prezeroed_list)) {
		page = list_first_entry(&prezeroed_list, struct page, buddy_list);
		list_unlink(&page->buddy_list);
		page_counts.prezeroed--;
		page->flags = 0;
		page->_refcount = 1;
	}
	spin_unlock_irqrestore(&prezero_lock, flags);
	return page;
}

void add_prezeroed_page(struct page *page)
{
	uint32_t flags;

	if (page->_refcount != 1 || page->flags) {
		bad_page(page, "pre-zeroed but not a page just allocated");
		return;
	}
	page->_refcount = 0;
	page->flags = PG_zeroed;
	spin_lock_irqsave(&prezero_lock, flags);
	list_add(&page->buddy_list, &prezeroed_list);
	page_counts.prezeroed++;
	spin_unlock_irqrestore(&prezero_lock, flags);
}

void drain_prezeroed_pages(void)
{
	uint32_t flags;

	spin_lock_irqsave(&prezero_lock, flags);
	while (!list_empty(&prezeroed_list)) {
		struct page *page = list_first_entry(&prezeroed_list, struct page, buddy_list);

		list_unlink(&page->buddy_list);
		page_counts.prezeroed--;
		page->flags = 0;
		__free_one_page(page_to_pfn(page), 0);
	}
	spin_unlock_irqrestore(&prezero_lock, flags);
}

/* ---- freeing ---- */

/*
 * Report a frame in a state its user cannot have caused legitimately, naming its pfn (the
 * pointer need not lie in mem_map: the pfn is computed, never looked up). One line per call;
 * the frame is not touched, so a corrupted state stays visible instead of spreading into
 * the free lists.
 */
void bad_page(struct page *page, const char *reason)
{
	unsigned long pfn =
		(unsigned long)(((uintptr_t)page - (uintptr_t)mem_map) / sizeof(struct page)) +
		min_low_pfn;

	printk("BUG: Bad page state: pfn 0x%lx %s\n", pfn, reason);
	bad_page_reports++;
}

/*
 * Why freeing `page` at `order` is wrong, or NULL when it is not. Only called when one of
 * the cheap checks of __free_pages failed, or for orders above 0.
 */
static const char *free_page_problem(struct page *page, unsigned int order)
{
	uintptr_t off = (uintptr_t)page - (uintptr_t)mem_map;

	if (off >= mem_map_bytes || off % sizeof(struct page))
		return "is not in mem_map";
	if (order >= MAX_ORDER)
		return "freed with an order beyond MAX_ORDER";
	if (page->flags & PG_reserved)
		return "is reserved and cannot be freed";
	if (page->flags & (PG_buddy | PG_pcp | PG_zeroed))
		return page->_refcount ? "is free but has references" : "freed twice";
	if (page->_refcount <= 0)
		return "freed but was not allocated (refcount 0)";
	if (page_to_pfn(page) & ((1ul << order) - 1))
		return "freed with an order its pfn is not aligned to";
	if (off + (sizeof(struct page) << order) > mem_map_bytes)
		return "freed with an order reaching past the end of RAM";
	return NULL;
}

static __attribute__((noinline)) void __free_pages_slow(struct page *page, unsigned int order)
{
	const char *problem = free_page_problem(page, order);
	uint32_t flags;

	if (problem) {
		bad_page(page, problem);
		return;
	}
	if (--page->_refcount)
		return;
	flags = local_irq_save();
	page->flags = 0;
	__free_one_page(page_to_pfn(page), order);
	local_irq_restore(flags);
}

/*
 * Drop a reference; the last one returns the block (order-0 pages to the pcp list, larger
 * blocks to the buddy lists, merged with their free buddies). Whatever flags the owner left
 * on the head are cleared. A page outside mem_map, reserved, already free, never handed out
 * or freed with an impossible order is reported with its pfn and not touched.
 */
void __free_pages(struct page *page, unsigned int order)
{
	uint32_t flags;

	if (unlikely(order != 0 || (uintptr_t)page - (uintptr_t)mem_map >= mem_map_bytes ||
		     page->_refcount <= 0 ||
		     (page->flags & (PG_reserved | PG_buddy | PG_pcp | PG_zeroed)) != 0)) {
		__free_pages_slow(page, order);
		return;
	}
	if (--page->_refcount)
		return;
	page->flags = PG_pcp;
	flags = local_irq_save();
	list_add(&page->buddy_list, &pcp.list);
	if (unlikely(++pcp.count > PCP_HIGH))
		free_pcppages_bulk(PCP_BATCH);
	local_irq_restore(flags);
}

void put_page(struct page *page)
{
	__free_pages(page, 0);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)(uintptr_t)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* free_pages(0, order) is allowed and does nothing, as free(NULL). */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((const void *)(uintptr_t)addr), order);
}

/*
 * Reserved frames that stop being reserved (the image's application pages, runtime/exec.c):
 * adopt_reserved_page makes one an allocated page with one reference, as if alloc_pages had
 * handed it out (its owner frees it with put_page); free_reserved_page gives one to the page
 * allocator (Linux's name). Both count it in totalram from then on.
 */
struct page *adopt_reserved_page(unsigned long pfn)
{
	struct page *page = pfn_to_page(pfn);

	if (!(page->flags & PG_reserved)) {
		bad_page(page, "adopted but not reserved");
		return NULL;
	}
	page->flags = 0;
	page->_refcount = 1;
	page_counts.totalram++;
	return page;
}

void free_reserved_page(struct page *page)
{
	uint32_t flags;

	if (!(page->flags & PG_reserved)) {
		bad_page(page, "released but not reserved");
		return;
	}
	flags = local_irq_save();
	page->flags = 0;
	page->_refcount = 0;
	__free_one_page(page_to_pfn(page), 0);
	page_counts.totalram++;
	local_irq_restore(flags);
}

/* ---- counters ---- */

/* Free pages in the buddy lists plus those on the pcp and pre-zeroed lists. */
unsigned long nr_free_pages(void)
{
	return page_counts.free_buddy + (unsigned long)pcp.count + page_counts.prezeroed;
}

unsigned long nr_free_pages_order(unsigned int order)
{
	return order < MAX_ORDER ? free_area[order].nr_free : 0;
}

/* Pages handed to the allocator at boot (RAM minus what memblock reserved). */
unsigned long totalram_pages(void)
{
	return page_counts.totalram;
}

/* ---- boot ---- */

/*
 * Give the free pfn range [start, end) to the buddy lists in the largest naturally aligned
 * blocks it contains, so that a fresh allocator starts fully coalesced.
 */
static void free_pfn_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;
		unsigned long i;

		while (order > 0 &&
		       ((start & ((1ul << order) - 1)) || start + (1ul << order) > end))
			order--;
		for (i = 0; i < (1ul << order); i++)
			pfn_to_page(start + i)->flags = 0;
		__free_one_page(start, order);
		page_counts.totalram += 1ul << order;
		start += 1ul << order;
	}
}

/*
 * Free every page of memory that no reserved region touches (the regions are page aligned,
 * so these are whole pages). Both tables are sorted, so one pass over each suffices.
 */
static void memblock_free_all(void)
{
	const struct memblock_type *mem = &memblock.memory;
	const struct memblock_type *rsv = &memblock.reserved;
	unsigned int i, j = 0;

	for (i = 0; i < mem->cnt; i++) {
		uint64_t cur = mem->regions[i].base;
		uint64_t end = (uint64_t)mem->regions[i].base + mem->regions[i].size;

		while (j < rsv->cnt && (uint64_t)rsv->regions[j].base + rsv->regions[j].size <= cur)
			j++;
		for (; j < rsv->cnt && rsv->regions[j].base < end; j++) {
			uint64_t rb = rsv->regions[j].base;
			uint64_t re = rb + rsv->regions[j].size;

			if (rb > cur)
				free_pfn_range(PFN_UP(cur), PFN_DOWN(rb));
			if (re > cur)
				cur = re;
			if (cur >= end)
				break;
		}
		if (cur < end)
			free_pfn_range(PFN_UP(cur), PFN_DOWN(end));
	}
}

/*
 * Build mem_map for [start of DRAM, end of DRAM) (the caller added only linearly mapped
 * RAM), with every frame reserved, then release all unreserved memory to the buddy
 * allocator. mem_map itself comes from memblock, so it stays reserved.
 */
void mem_init(void)
{
	phys_addr_t start = memblock_start_of_DRAM(), end = memblock_end_of_DRAM();
	unsigned long nr, pfn;
	phys_addr_t map;
	unsigned int o;

	for (o = 0; o < MAX_ORDER; o++) {
		INIT_LIST_HEAD(&free_area[o].free_list);
		free_area[o].nr_free = 0;
	}
	INIT_LIST_HEAD(&pcp.list);
	pcp.count = 0;
	page_counts.free_buddy = 0;
	page_counts.totalram = 0;

	if (start >= end)
		panic("mem_init: memblock knows no RAM");
	min_low_pfn = PFN_UP(start);
	max_low_pfn = PFN_DOWN(end);
	high_memory = __va(PFN_PHYS(max_low_pfn));
	nr = max_low_pfn - min_low_pfn;

	map = memblock_phys_alloc((uint32_t)(nr * sizeof(struct page)), PAGE_SIZE);
	if (!map)
		panic("mem_init: no memory for mem_map (%lu pages)", nr);
	mem_map = __va(map);
	mem_map_bytes = nr * sizeof(struct page);
	memset(mem_map, 0, mem_map_bytes);
	for (pfn = 0; pfn < nr; pfn++)
		mem_map[pfn].flags = PG_reserved;

	memblock_free_all();
}
