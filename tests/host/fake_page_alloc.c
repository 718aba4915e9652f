/*
 * fake_page_alloc.c - a host-only stand-in for the page allocator (vm/gfp.h, vm/mm.h) and
 * for printk, so that tests of code built on alloc_pages (the slab) do not depend on the
 * real buddy allocator.
 *
 * fake_ram_init(bytes) makes an arena aligned to the largest block (2^(MAX_ORDER-1) pages)
 * and points the linear map at it: the arena is physical RAM from PHYS_OFFSET, mem_map
 * covers it. alloc_pages is first fit over naturally aligned blocks (a byte per page says
 * whether it is out), so blocks are aligned as the buddy allocator's are. Every check a
 * test may want is made: __free_pages of a page that is not the head of a block out at
 * that order, or with PG_slab/PG_head left set on any of its pages, is reported and counted
 * (fake_bad_frees) and the block is left alone. Pages that are not out are filled with
 * 0x6b and, under AddressSanitizer, poisoned, so a stray access to a freed page is caught;
 * new pages without __GFP_ZERO are filled with 0xa5.
 *
 * printk formats with the host's vprintf to stdout and keeps the last message
 * (fake_printk_last) and a count (fake_printk_count) for tests that check reports.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/memory.h"
#include "runtime/printk.h"
#include "vm/gfp.h"
#include "vm/mm.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FAKE_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define FAKE_ASAN 1
#endif
#ifdef FAKE_ASAN
#include <sanitizer/asan_interface.h>
#define poison(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define poison(p, n)   ((void)(p), (void)(n))
#define unpoison(p, n) ((void)(p), (void)(n))
#endif

/* The interface of this file to the tests (no header: it is for tests only). */
void fake_ram_init(size_t bytes);
unsigned long fake_pages_out(void);
extern unsigned long fake_bad_frees;
extern char fake_printk_last[512];
extern unsigned long fake_printk_count;
extern bool fake_printk_quiet;

struct page *mem_map;
unsigned long min_low_pfn;
unsigned long max_low_pfn;
void *high_memory;
uintptr_t host_linear_base;

/* The allocator's counters (vm/gfp.h): mm_init_layout points .user at the mm's rss. */
struct page_counts page_counts;

unsigned long fake_bad_frees;
char fake_printk_last[512];
unsigned long fake_printk_count;
bool fake_printk_quiet;

static unsigned char *arena;
static unsigned long npages;
static unsigned char *out;	  /* per page: 1 when out */
static unsigned char *head_order; /* per page: order + 1 for the head of a block out */
static unsigned long nfree;

#define BLOCK_ALIGN ((size_t)PAGE_SIZE << (MAX_ORDER - 1))

/* An arena of bytes (rounded up to a page) as the machine's RAM; every page free. */
void fake_ram_init(size_t bytes)
{
	size_t size = (bytes + PAGE_SIZE - 1) & PAGE_MASK;

	size = (size + BLOCK_ALIGN - 1) & ~(BLOCK_ALIGN - 1);
	arena = aligned_alloc(BLOCK_ALIGN, size);
	npages = size / PAGE_SIZE;
	mem_map = calloc(npages, sizeof(struct page));
	out = calloc(npages, 1);
	head_order = calloc(npages, 1);
	if (!arena || !mem_map || !out || !head_order) {
		fprintf(stderr, "fake_ram_init: out of host memory\n");
		exit(2);
	}
	host_linear_base = (uintptr_t)arena;
	min_low_pfn = PHYS_OFFSET >> PAGE_SHIFT;
	max_low_pfn = min_low_pfn + npages;
	high_memory = arena + size;
	nfree = npages;
	memset(arena, 0x6b, size);
	poison(arena, size);
}

static void *pfn_addr(unsigned long i)
{
	return arena + i * PAGE_SIZE;
}

/* First fit: the lowest naturally aligned block of 2^order pages that are all free. */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long n = 1ul << order, i, j;

	if (order >= MAX_ORDER) {
		printk("page allocation failure: order:%u is not below MAX_ORDER\n", order);
		return NULL;
	}
	for (i = 0; i + n <= npages; i += n) {
		for (j = 0; j < n && !out[i + j]; j++)
			;
		if (j < n)
			continue;
		memset(out + i, 1, n);
		head_order[i] = (unsigned char)(order + 1);
		nfree -= n;
		for (j = 0; j < n; j++) {
			mem_map[i + j].flags = 0;
			mem_map[i + j]._refcount = 0;
		}
		mem_map[i]._refcount = 1;
		unpoison(pfn_addr(i), n * PAGE_SIZE);
		memset(pfn_addr(i), (gfp & __GFP_ZERO) ? 0 : 0xa5, n * PAGE_SIZE);
		return &mem_map[i];
	}
	if (!(gfp & __GFP_NOWARN))
		printk("page allocation failure: order:%u: out of memory\n", order);
	return NULL;
}

static void bad_free(struct page *page, const char *why)
{
	fake_bad_frees++;
	printk("BUG: Bad page state: pfn 0x%lx %s\n", page_to_pfn(page), why);
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long i = (unsigned long)(page - mem_map), n = 1ul << order, j;

	if (page < mem_map || i >= npages) {
		fake_bad_frees++;
		printk("BUG: Bad page state: %p is not in mem_map\n", (void *)page);
		return;
	}
	if (order >= MAX_ORDER || head_order[i] != order + 1) {
		bad_free(page, "is not the head of a block out at this order");
		return;
	}
	for (j = 0; j < n; j++)
		if (page[j].flags & (PG_slab | PG_head)) {
			bad_free(page + j, "freed with PG_slab or PG_head set");
			return;
		}
	if (--page->_refcount > 0)
		return;
	head_order[i] = 0;
	memset(out + i, 0, n);
	nfree += n;
	memset(pfn_addr(i), 0x6b, n * PAGE_SIZE);
	poison(pfn_addr(i), n * PAGE_SIZE);
}

struct page *alloc_user_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

unsigned long nr_free_pages(void)
{
	return nfree;
}

unsigned long totalram_pages(void)
{
	return npages;
}

unsigned long fake_pages_out(void)
{
	return npages - nfree;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(fake_printk_last, sizeof(fake_printk_last), fmt, ap);
	va_end(ap);
	fake_printk_count++;
	if (!fake_printk_quiet) {
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	return n;
}
