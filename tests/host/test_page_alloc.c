/*
 * test_page_alloc.c - host tests for vm/page_alloc.c (with vm/memblock.c).
 *
 * A 64 MiB fake RAM plays the physical memory at PHYS_OFFSET: memblock learns it and a few
 * reserved ranges (device-tree blob, image, a loader blob at unaligned addresses), mem_init
 * builds mem_map and the buddy lists, and then:
 *  - the boot state: mem_map at the top of RAM, exactly the unreserved frames free, fully
 *    coalesced blocks;
 *  - exhaustion with order-0 pages: every free frame handed out once, then NULL, and all
 *    counters back to their boot values after freeing;
 *  - a random model test: a few hundred thousand allocations and frees of orders 0-10
 *    against a per-frame owner table, with every block filled with its owner's pattern
 *    and checked when freed, __GFP_ZERO checked, the mem_map structure walked regularly;
 *  - refcounts, the pcp cache, and the bad-free reports (text, pfn, counts unchanged).
 * printk and panic are stubs here: printk prints to stdout and keeps a log to check.
 * Prints "N passed, M failed" last; exits non-zero on any failure.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/printk.h"
#include "vm/gfp.h"
#include "vm/memblock.h"
#include "vm/mm.h"

#define RAM_SIZE  (64ul << 20)
#define RAM_PAGES (RAM_SIZE / PAGE_SIZE)
#define PCP_HIGH  64 /* as in page_alloc.c: the pcp list never holds more */

uintptr_t host_linear_base;

#include "tests/host/check.h"

/* ---- runtime stubs ---- */

static char logbuf[16384];
static size_t loglen;

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	if (loglen < sizeof(logbuf) - 1) {
		int m = vsnprintf(logbuf + loglen, sizeof(logbuf) - loglen, fmt, ap);

		if (m > 0)
			loglen += (size_t)m < sizeof(logbuf) - loglen ? (size_t)m
								      : sizeof(logbuf) - 1 - loglen;
	}
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	abort();
}

static void log_clear(void)
{
	loglen = 0;
	logbuf[0] = '\0';
}

static bool log_has(const char *s)
{
	return strstr(logbuf, s) != NULL;
}

/* ---- the fake machine ---- */

static unsigned char *ram;

struct range {
	phys_addr_t base;
	uint32_t size;
};

/*
 * A machine: RAM ranges inside the fake RAM and the ranges reserved before mem_init
 * (unaligned on purpose). mem_map is expected to end at `map_top` (top-down placement);
 * `order10` is the number of 4 MiB blocks at boot, or -1.
 */
struct scenario {
	const char *name;
	struct range mem[2];
	struct range rsv[5];
	phys_addr_t map_top;
	long order10;
};

#define P(x) (PHYS_OFFSET + (x))

static const struct scenario scenarios[] = {
	{
		"64 MiB, blob + image + loader blob",
		{{P(0), RAM_SIZE}},
		{
			{P(0), 0x100000},	    /* device-tree blob */
			{P(TEXT_OFFSET), 0x2a3456}, /* image */
			{P(0x1234567), 0x6789},	    /* loader blob */
		},
		P(RAM_SIZE),
		/*
		 * Free ranges 0x404a4-0x41234 and 0x4123b-0x43f40 hold 2 + 10 naturally
		 * aligned 4 MiB blocks.
		 */
		12,
	},
	{
		/*
		 * RAM in two pieces that start and end off block boundaries, so that edge
		 * blocks are small and have buddies outside mem_map or in the hole; a reserve
		 * below RAM, a one-page gap between reserves, and three free pages at the very
		 * top above a reserve (so mem_map goes below that reserve).
		 */
		"unaligned RAM with a hole",
		{{P(0x3000), 0x1402000}, {P(0x1807000), 0x27d4000}},
		{
			{P(0), 0x1000},
			{P(0x2345678), 0x1000},
			{P(0x2348000), 0x800},
			{P(0x3fd5000), 0x3000},
			{P(0x1404000), 0x405000}, /* across the hole */
		},
		P(0x3fd5000),
		-1,
	},
};

/* The scenario in use, and its reserved ranges plus mem_map once known. */
static const struct scenario *sc;
static struct range rsv[6];
#define NRSV (sizeof(rsv) / sizeof(rsv[0]))

/*
 * Whether the frame must never be handed out: outside RAM, or touched by a reserved range
 * (ranges widen to whole pages).
 */
static bool frame_reserved(unsigned long pfn)
{
	uint64_t lo = PFN_PHYS(pfn), hi = lo + PAGE_SIZE;
	bool ram = false;
	unsigned int i;

	for (i = 0; i < 2; i++)
		if (sc->mem[i].size && sc->mem[i].base <= lo &&
		    (uint64_t)sc->mem[i].base + sc->mem[i].size >= hi)
			ram = true;
	if (!ram)
		return true;
	for (i = 0; i < NRSV; i++)
		if (rsv[i].size && rsv[i].base < hi && (uint64_t)rsv[i].base + rsv[i].size > lo)
			return true;
	return false;
}

static unsigned long boot_free, boot_order[MAX_ORDER];

static unsigned long pcp_pages(void)
{
	unsigned long n = 0;
	unsigned int o;

	for (o = 0; o < MAX_ORDER; o++)
		n += nr_free_pages_order(o) << o;
	return nr_free_pages() - n;
}

/* Owner of each frame in the model test (0 = free); NULL outside it. */
static uint16_t *owner;

/*
 * Walk mem_map and check the free structure against the counters: every PG_buddy head is a
 * naturally aligned block of clear, unreferenced, unowned frames inside RAM; PG_pcp frames
 * are free order-0 pages; the per-order block counts and the total equal the allocator's;
 * the pcp list is within its bound. With `coalesced`, also no two free buddies of the same
 * order are left unmerged. Returns the number of problems (each printed).
 */
static unsigned long check_structure(bool coalesced)
{
	unsigned long blocks[MAX_ORDER] = {0}, pcp = 0, free = 0, bad = 0;
	unsigned long pfn;
	unsigned int o;

#define BAD(...)                                                                                   \
	do {                                                                                       \
		if (bad++ < 10) {                                                                  \
			printf("  structure: " __VA_ARGS__);                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

	for (pfn = min_low_pfn; pfn < max_low_pfn;) {
		struct page *p = pfn_to_page(pfn);
		unsigned long i, n;

		if (p->flags & PG_pcp) {
			if (p->flags != PG_pcp || p->_refcount != 0 ||
			    (owner && owner[pfn - min_low_pfn]))
				BAD("pcp pfn 0x%lx flags 0x%x ref %d", pfn, p->flags, p->_refcount);
			pcp++;
			pfn++;
			continue;
		}
		if (!(p->flags & PG_buddy)) {
			pfn++;
			continue;
		}
		o = p->order;
		if (o >= MAX_ORDER || p->flags != PG_buddy || (pfn & ((1ul << o) - 1)) ||
		    pfn + (1ul << o) > max_low_pfn) {
			BAD("buddy head pfn 0x%lx flags 0x%x order %u", pfn, p->flags, o);
			pfn++;
			continue;
		}
		n = 1ul << o;
		for (i = 0; i < n; i++) {
			struct page *t = p + i;

			if ((i && t->flags != 0) || t->_refcount != 0 ||
			    (owner && owner[pfn + i - min_low_pfn]) || frame_reserved(pfn + i)) {
				BAD("frame 0x%lx of free block 0x%lx/%u flags 0x%x ref %d", pfn + i,
				    pfn, o, t->flags, t->_refcount);
				break;
			}
		}
		if (coalesced && o < MAX_ORDER - 1) {
			unsigned long b = pfn ^ n;

			if (pfn_valid(b) && (pfn_to_page(b)->flags & PG_buddy) &&
			    pfn_to_page(b)->order == o)
				BAD("free buddies 0x%lx and 0x%lx of order %u not merged", pfn, b,
				    o);
		}
		blocks[o]++;
		free += n;
		pfn += n;
	}
	for (o = 0; o < MAX_ORDER; o++)
		if (blocks[o] != nr_free_pages_order(o))
			BAD("order %u: %lu blocks in mem_map, counter says %lu", o, blocks[o],
			    nr_free_pages_order(o));
	if (free + pcp != nr_free_pages())
		BAD("%lu free frames in mem_map, nr_free_pages %lu", free + pcp, nr_free_pages());
	if (pcp != pcp_pages() || pcp > PCP_HIGH)
		BAD("%lu pcp frames (counter %lu, limit %d)", pcp, pcp_pages(), PCP_HIGH);
	return bad;
#undef BAD
}

static void check_boot_values(const char *when)
{
	unsigned int o;
	bool same = nr_free_pages() == boot_free;

	drain_local_pages();
	for (o = 0; o < MAX_ORDER; o++)
		same = same && nr_free_pages_order(o) == boot_order[o];
	CHECK(same, "%s: free %lu (boot %lu), order 10 %lu (boot %lu)", when, nr_free_pages(),
	      boot_free, nr_free_pages_order(MAX_ORDER - 1), boot_order[MAX_ORDER - 1]);
	CHECK(check_structure(true) == 0, "%s: free structure", when);
}

/* ---- tests ---- */

/* A fake free order-0 buddy head where the allocator must not look. */
static void plant_fake_buddy(struct page *fake)
{
	fake->flags = PG_buddy;
	fake->_refcount = 0;
	fake->order = 0;
	INIT_LIST_HEAD(&fake->buddy_list);
}

static void setup(const struct scenario *scn)
{
	phys_addr_t start = scn->mem[0].base, end = start + scn->mem[0].size;
	unsigned long expect = 0, pfn, nr;
	uint32_t map_size;
	unsigned int i, o;

	sc = scn;
	printf("== %s\n", sc->name);
	if (sc->mem[1].size)
		end = sc->mem[1].base + sc->mem[1].size;
	nr = (end - start) / PAGE_SIZE;
	map_size = (uint32_t)PAGE_ALIGN(nr * sizeof(struct page));
	memset(ram, 0xa5, RAM_SIZE); /* garbage, as real RAM */
	memset(&memblock, 0, sizeof(memblock));
	memset(rsv, 0, sizeof(rsv));
	memcpy(rsv, sc->rsv, sizeof(sc->rsv));

	/*
	 * Where mem_map[-1] and mem_map[nr] will be, plant what looks like free order-0 buddy
	 * heads: they are the "buddies" of frames at unaligned zone edges and must never be
	 * merged with.
	 */
	plant_fake_buddy((struct page *)__va(sc->map_top - map_size) - 1);
	if ((nr + 1) * sizeof(struct page) <= map_size)
		plant_fake_buddy((struct page *)__va(sc->map_top - map_size) + nr);

	for (i = 0; i < 2; i++)
		if (sc->mem[i].size)
			CHECK(memblock_add(sc->mem[i].base, sc->mem[i].size) == 0, "memblock_add");
	for (i = 0; i < NRSV; i++)
		if (rsv[i].size)
			CHECK(memblock_reserve(rsv[i].base, rsv[i].size) == 0, "reserve %u", i);
	mem_init();

	CHECK(min_low_pfn == PFN_DOWN(start) && max_low_pfn == PFN_DOWN(end),
	      "pfn range 0x%lx-0x%lx", min_low_pfn, max_low_pfn);
	CHECK(high_memory == __va(end), "high_memory");

	/* mem_map comes top-down from memblock and stays reserved. */
	rsv[NRSV - 1].base = __pa(mem_map);
	rsv[NRSV - 1].size = map_size;
	CHECK((uint64_t)rsv[NRSV - 1].base + map_size == sc->map_top,
	      "mem_map at 0x%x, expected to end at 0x%x", (unsigned int)rsv[NRSV - 1].base,
	      (unsigned int)sc->map_top);
	CHECK(memblock_is_reserved(__pa(mem_map)), "mem_map reserved in memblock");

	for (pfn = min_low_pfn; pfn < max_low_pfn; pfn++)
		if (!frame_reserved(pfn))
			expect++;
	CHECK(nr_free_pages() == expect, "boot free %lu, expected %lu", nr_free_pages(), expect);
	CHECK(totalram_pages() == expect, "totalram %lu, expected %lu", totalram_pages(), expect);

	/* Every frame is reserved (PG_reserved, refcount 0) or free. */
	{
		unsigned long wrong = 0;

		for (pfn = min_low_pfn; pfn < max_low_pfn; pfn++) {
			struct page *p = pfn_to_page(pfn);

			if (p->_refcount != 0 ||
			    frame_reserved(pfn) != ((p->flags & PG_reserved) != 0))
				wrong++;
		}
		CHECK(wrong == 0, "%lu frames with the wrong reserved state", wrong);
	}
	CHECK(check_structure(true) == 0, "boot free structure");
	if (sc->order10 >= 0)
		CHECK(nr_free_pages_order(10) == (unsigned long)sc->order10,
		      "boot order-10 blocks %lu, expected %ld", nr_free_pages_order(10),
		      sc->order10);
	CHECK(nr_free_pages_order(MAX_ORDER) == 0, "order beyond MAX_ORDER counts 0");

	boot_free = nr_free_pages();
	for (o = 0; o < MAX_ORDER; o++)
		boot_order[o] = nr_free_pages_order(o);
}

static void expect_report(int line, struct page *page, unsigned int order, unsigned long pfn,
			  const char *reason);

static void test_exhaustion(void)
{
	struct page **pages = calloc(boot_free + 1, sizeof(*pages));
	unsigned char *seen = calloc(RAM_PAGES, 1);
	unsigned long n = 0, i, dup = 0, outside = 0, reserved = 0, badstate = 0;
	struct page *p;

	while ((p = alloc_page(GFP_KERNEL | __GFP_NOWARN)) != NULL) {
		unsigned long pfn = page_to_pfn(p);

		if (n > boot_free)
			break;
		pages[n++] = p;
		if (!pfn_valid(pfn)) {
			outside++;
			continue;
		}
		if (seen[pfn - min_low_pfn]++)
			dup++;
		if (frame_reserved(pfn) || memblock_is_reserved(PFN_PHYS(pfn)))
			reserved++;
		if (p->_refcount != 1 || p->flags != 0)
			badstate++;
	}
	CHECK(n == boot_free, "allocated %lu order-0 pages, %lu were free", n, boot_free);
	CHECK(dup == 0 && outside == 0 && reserved == 0,
	      "%lu duplicates, %lu outside RAM, %lu reserved", dup, outside, reserved);
	CHECK(badstate == 0, "%lu pages without refcount 1 / clear flags", badstate);
	CHECK(nr_free_pages() == 0, "free at exhaustion %lu", nr_free_pages());

	/* A block that would reach past the end of RAM (when the last frame is free RAM). */
	if (!frame_reserved(max_low_pfn - 1) && !((max_low_pfn - 1) & 1)) {
		expect_report(__LINE__, pfn_to_page(max_low_pfn - 1), 1, max_low_pfn - 1,
			      "reaching past the end of RAM");
		CHECK(page_count(pfn_to_page(max_low_pfn - 1)) == 1, "last frame left alone");
	}

	log_clear();
	CHECK(alloc_page(GFP_KERNEL) == NULL, "order 0 when empty");
	CHECK(log_has("page allocation failure: order:0"), "exhaustion reported: \"%s\"", logbuf);
	log_clear();
	CHECK(alloc_pages(__GFP_NOWARN, 3) == NULL && loglen == 0,
	      "order 3 when empty, no report with __GFP_NOWARN");
	CHECK(__get_free_pages(__GFP_NOWARN, 0) == 0, "__get_free_pages when empty");

	/*
	 * With every page taken, give back one aligned 32-page block page by page: the pages
	 * sit on the pcp list, and an order-5 request must drain it to find them.
	 */
	{
		unsigned long x, k;
		struct page *b;

		for (x = (min_low_pfn + 31) & ~31ul; x + 32 <= max_low_pfn; x += 32) {
			for (k = 0; k < 32 && !frame_reserved(x + k); k++)
				;
			if (k == 32)
				break;
		}
		for (i = 0; i < n; i++) {
			if (pages[i] && page_to_pfn(pages[i]) - x < 32) {
				__free_page(pages[i]);
				pages[i] = NULL;
			}
		}
		CHECK(nr_free_pages() == 32 && pcp_pages() == 32, "32 pages on the pcp list: %lu",
		      pcp_pages());
		b = alloc_pages(GFP_KERNEL, 5);
		CHECK(b && page_to_pfn(b) == x, "order 5 from drained pcp pages: pfn 0x%lx",
		      b ? page_to_pfn(b) : 0);
		if (b)
			__free_pages(b, 5);
	}
	for (i = 0; i < n; i++)
		if (pages[i])
			__free_page(pages[i]);
	CHECK(nr_free_pages() == boot_free, "free after freeing all %lu", nr_free_pages());
	check_boot_values("after exhaustion");

	/* The same through the address interface, in reverse order. */
	n = 0;
	{
		unsigned long *addrs = (unsigned long *)pages, a;

		while ((a = __get_free_pages(__GFP_NOWARN, 0)) != 0 && n <= boot_free)
			addrs[n++] = a;
		CHECK(n == boot_free, "__get_free_pages gave %lu", n);
		while (n)
			free_page(addrs[--n]);
	}
	check_boot_values("after address-interface exhaustion");

	/* Exhaust with the largest blocks: the boot count of order-10 blocks, and no more. */
	n = 0;
	while ((p = alloc_pages(__GFP_NOWARN, MAX_ORDER - 1)) != NULL && n <= boot_free)
		pages[n++] = p;
	CHECK(n == boot_order[MAX_ORDER - 1], "order-10 blocks %lu, boot %lu", n,
	      boot_order[MAX_ORDER - 1]);
	while (n)
		__free_pages(pages[--n], MAX_ORDER - 1);
	check_boot_values("after order-10 exhaustion");

	free(pages);
	free(seen);
}

/* Pattern word k of a page of the allocation `id`. */
static void fill_template(uint64_t *tpl, unsigned int id)
{
	unsigned int k;

	for (k = 0; k < PAGE_SIZE / 8; k++)
		tpl[k] = ((uint64_t)id << 48) ^ ((uint64_t)id * 0x9e3779b97f4a7c15ull) ^ k;
}

struct slot {
	struct page *page;
	unsigned int order;
};

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned int random_order(void)
{
	static const unsigned int weight[MAX_ORDER] = {450, 170, 120, 90, 60, 40, 30, 20, 10, 6, 4};
	unsigned int r = (unsigned int)(rnd() % 1000), o;

	for (o = 0; o < MAX_ORDER - 1; o++) {
		if (r < weight[o])
			return o;
		r -= weight[o];
	}
	return MAX_ORDER - 1;
}

#define MAXLIVE 3000
#define NOPS	300000

static void test_random_model(void)
{
	static uint64_t tpl[PAGE_SIZE / 8];
	static const unsigned char zero[PAGE_SIZE];
	struct slot *slot = calloc(MAXLIVE + 1, sizeof(*slot)); /* slot[id], id 1..MAXLIVE */
	unsigned int *live = calloc(MAXLIVE, sizeof(*live));	/* ids in use */
	unsigned int *freeid = calloc(MAXLIVE, sizeof(*freeid));
	unsigned long nlive = 0, nfreeid = MAXLIVE, livepages = 0;
	unsigned long overlap = 0, misaligned = 0, state = 0, corrupt = 0, notzero = 0;
	unsigned long wrongfail = 0, counts = 0, structure = 0;
	unsigned long allocs = 0, frees = 0, fails = 0, zeroed = 0, op;
	unsigned long i;

	owner = calloc(RAM_PAGES, sizeof(*owner));
	for (i = 0; i < MAXLIVE; i++)
		freeid[i] = (unsigned int)(MAXLIVE - i);

	for (op = 0; op < NOPS; op++) {
		bool do_alloc = nlive == 0 || (nfreeid && rnd() % 100 < 55);

		if (do_alloc) {
			unsigned int order = random_order(), id = freeid[nfreeid - 1];
			bool zero_it = rnd() % 4 == 0;
			gfp_t gfp = __GFP_NOWARN | (zero_it ? __GFP_ZERO : 0);
			struct page *p;
			unsigned long pfn, n = 1ul << order;
			unsigned char *va;

			if (order == 0 && rnd() % 2) {
				unsigned long a = __get_free_pages(gfp, 0);

				p = a ? virt_to_page((void *)a) : NULL;
			} else {
				p = alloc_pages(gfp, order);
			}
			if (!p) {
				unsigned int o;

				fails++;
				/* Only a real shortage may fail: nothing of this order is free. */
				if (order == 0) {
					if (nr_free_pages() != 0)
						wrongfail++;
				} else {
					for (o = order; o < MAX_ORDER; o++)
						if (nr_free_pages_order(o))
							wrongfail++;
				}
				continue;
			}
			allocs++;
			pfn = page_to_pfn(p);
			if (!pfn_valid(pfn) || pfn + n > max_low_pfn || (pfn & (n - 1))) {
				misaligned++;
				continue;
			}
			if (p->_refcount != 1 || p->flags != 0)
				state++;
			for (i = 0; i < n; i++) {
				if (owner[pfn - min_low_pfn + i] || frame_reserved(pfn + i))
					overlap++;
				owner[pfn - min_low_pfn + i] = (uint16_t)id;
			}
			va = page_address(p);
			fill_template(tpl, id);
			for (i = 0; i < n; i++) {
				if (zero_it && memcmp(va + i * PAGE_SIZE, zero, PAGE_SIZE) != 0)
					notzero++;
				memcpy(va + i * PAGE_SIZE, tpl, PAGE_SIZE);
			}
			zeroed += zero_it;
			nfreeid--;
			slot[id].page = p;
			slot[id].order = order;
			live[nlive++] = id;
			livepages += n;
		} else {
			unsigned long k = rnd() % nlive;
			unsigned int id = live[k];
			struct page *p = slot[id].page;
			unsigned int order = slot[id].order;
			unsigned long pfn = page_to_pfn(p), n = 1ul << order;
			unsigned char *va = page_address(p);

			fill_template(tpl, id);
			for (i = 0; i < n; i++) {
				if (memcmp(va + i * PAGE_SIZE, tpl, PAGE_SIZE) != 0)
					corrupt++;
				if (owner[pfn - min_low_pfn + i] != id)
					overlap++;
				owner[pfn - min_low_pfn + i] = 0;
			}
			switch (rnd() % 4) {
			case 0:
				free_pages((unsigned long)va, order);
				break;
			case 1:
				if (order == 0) {
					/* A second reference: the first put must not free it. */
					unsigned long before = nr_free_pages();

					get_page(p);
					put_page(p);
					if (nr_free_pages() != before || page_count(p) != 1)
						state++;
					put_page(p);
					break;
				}
				/* fall through */
			default:
				__free_pages(p, order);
			}
			frees++;
			live[k] = live[--nlive];
			freeid[nfreeid++] = id;
			livepages -= n;
		}
		if (nr_free_pages() + livepages != boot_free)
			counts++;
		if (op % 25000 == 0 && check_structure(false) != 0)
			structure++;
	}
	printf("random model: %lu allocations (%lu zeroed), %lu frees, %lu failed for lack of "
	       "memory, %lu live at the end\n",
	       allocs, zeroed, frees, fails, nlive);
	CHECK(allocs + frees + fails == NOPS && allocs > 100000, "operations");
	CHECK(fails > 0, "the random test never ran out of memory");
	CHECK(overlap == 0, "%lu overlapping frames", overlap);
	CHECK(misaligned == 0, "%lu misaligned or out-of-RAM blocks", misaligned);
	CHECK(state == 0, "%lu pages in a wrong state (refcount/flags)", state);
	CHECK(corrupt == 0, "%lu pages lost their pattern", corrupt);
	CHECK(notzero == 0, "%lu __GFP_ZERO pages not zero", notzero);
	CHECK(wrongfail == 0, "%lu failures while a large enough block was free", wrongfail);
	CHECK(counts == 0, "%lu times nr_free_pages + live != boot free", counts);
	CHECK(structure == 0, "%lu structure walks failed", structure);
	CHECK(check_structure(false) == 0, "structure with %lu live blocks", nlive);

	while (nlive) {
		unsigned int id = live[--nlive];

		__free_pages(slot[id].page, slot[id].order);
	}
	CHECK(nr_free_pages() == boot_free, "free after the random test %lu", nr_free_pages());
	free(owner);
	owner = NULL;
	check_boot_values("after the random test");
	free(slot);
	free(live);
	free(freeid);
}

static void test_pcp_and_refcount(void)
{
	struct page *p, *q, *many[200];
	unsigned long before;
	unsigned int i;

	drain_local_pages();
	CHECK(pcp_pages() == 0, "drained pcp holds %lu", pcp_pages());

	/* The hot page comes back first. */
	p = alloc_page(GFP_KERNEL);
	before = nr_free_pages();
	__free_page(p);
	CHECK(nr_free_pages() == before + 1 && (p->flags & PG_pcp), "freed page on the pcp list");
	q = alloc_page(GFP_KERNEL);
	CHECK(q == p, "pcp is LIFO");

	/* Refcounts: a shared page is freed by the last reference only. */
	get_page(q);
	CHECK(page_count(q) == 2, "get_page");
	before = nr_free_pages();
	__free_page(q);
	CHECK(nr_free_pages() == before && page_count(q) == 1, "first reference dropped");
	__free_page(q);
	CHECK(nr_free_pages() == before + 1 && page_count(q) == 0, "last reference frees");

	/* The pcp list is bounded and drains in batches; frees beyond it reach the buddy. */
	for (i = 0; i < 200; i++)
		many[i] = alloc_page(GFP_KERNEL);
	for (i = 0; i < 200; i++) {
		__free_page(many[i]);
		if (pcp_pages() > PCP_HIGH)
			break;
	}
	CHECK(i == 200, "pcp grew to %lu", pcp_pages());
	CHECK(check_structure(false) == 0, "structure with a full pcp list");

	/* __GFP_ZERO and get_zeroed_page on dirty memory. */
	{
		unsigned long a;
		unsigned char *b;
		bool ok = true;

		p = alloc_pages(GFP_KERNEL, 2);
		memset(page_address(p), 0x5a, 4 * PAGE_SIZE);
		__free_pages(p, 2);
		p = alloc_pages(__GFP_ZERO, 2);
		b = page_address(p);
		for (i = 0; i < 4 * PAGE_SIZE; i++)
			ok = ok && b[i] == 0;
		CHECK(ok, "__GFP_ZERO order-2 block");
		__free_pages(p, 2);

		a = __get_free_pages(GFP_KERNEL, 0);
		memset((void *)a, 0x77, PAGE_SIZE);
		free_page(a);
		a = get_zeroed_page(GFP_KERNEL);
		b = (unsigned char *)a;
		for (i = 0, ok = true; i < PAGE_SIZE; i++)
			ok = ok && b[i] == 0;
		CHECK(ok, "get_zeroed_page");
		free_page(a);
		free_pages(0, 3); /* like free(NULL) */
	}

	/* Flags the owner left on a block are gone when it comes back. */
	p = alloc_pages(GFP_KERNEL, 1);
	p->flags |= PG_head;
	p->order = 1;
	__free_pages(p, 1);
	check_boot_values("after pcp and refcount tests");
}

/* Expect exactly one report for `pfn` with `reason`, and no change of the free count. */
static void expect_report(int line, struct page *page, unsigned int order, unsigned long pfn,
			  const char *reason)
{
	unsigned long before = nr_free_pages(), reports = bad_page_reports;
	unsigned long o_before[MAX_ORDER];
	char want[128];
	unsigned int o;
	bool orders_same = true;

	for (o = 0; o < MAX_ORDER; o++)
		o_before[o] = nr_free_pages_order(o);
	snprintf(want, sizeof(want), "BUG: Bad page state: pfn 0x%lx ", pfn);
	log_clear();
	__free_pages(page, order);
	for (o = 0; o < MAX_ORDER; o++)
		orders_same = orders_same && nr_free_pages_order(o) == o_before[o];
	if (bad_page_reports == reports + 1 && strncmp(logbuf, want, strlen(want)) == 0 &&
	    strstr(logbuf + strlen(want), reason) && logbuf[loglen - 1] == '\n' &&
	    nr_free_pages() == before && orders_same) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL line %d: wanted \"%s...%s\", %lu reports, free %lu -> %lu; log: \"%s\"\n",
	       line, want, reason, bad_page_reports - reports, before, nr_free_pages(), logbuf);
}

static void test_bad_frees(void)
{
	struct page *p, *big, outside;
	unsigned long pfn, pfn_free_tail = 0, pfn_free_head = 0;

	/* Double free of an order-0 page (it sits on the pcp list). */
	p = alloc_page(GFP_KERNEL);
	pfn = page_to_pfn(p);
	__free_page(p);
	expect_report(__LINE__, p, 0, pfn, "freed twice");
	/* ... and once it has gone back to the buddy lists. */
	drain_local_pages();
	expect_report(__LINE__, p, 0, pfn, "");

	/* Double free of a larger block. */
	big = alloc_pages(GFP_KERNEL, 3);
	pfn = page_to_pfn(big);
	__free_pages(big, 3);
	expect_report(__LINE__, big, 3, pfn, "");

	/* Reserved frames: the image, the blob, mem_map. */
	pfn = PFN_DOWN(PHYS_OFFSET + TEXT_OFFSET);
	expect_report(__LINE__, pfn_to_page(pfn), 0, pfn, "is reserved");
	pfn = PFN_DOWN(PHYS_OFFSET);
	expect_report(__LINE__, pfn_to_page(pfn), 2, pfn, "is reserved");
	pfn = PFN_DOWN(__pa(mem_map));
	expect_report(__LINE__, pfn_to_page(pfn), 0, pfn, "is reserved");

	/* Never allocated: the head and a tail frame of a free buddy block. */
	for (pfn = min_low_pfn; pfn < max_low_pfn; pfn++) {
		struct page *h = pfn_to_page(pfn);

		if ((h->flags & PG_buddy) && h->order >= 4) {
			pfn_free_head = pfn;
			pfn_free_tail = pfn + 5;
			break;
		}
	}
	CHECK(pfn_free_head != 0, "a free block of order >= 4");
	expect_report(__LINE__, pfn_to_page(pfn_free_head), 0, pfn_free_head, "freed twice");
	expect_report(__LINE__, pfn_to_page(pfn_free_tail), 0, pfn_free_tail,
		      "freed but was not allocated");
	expect_report(__LINE__, pfn_to_page(pfn_free_tail), 2, pfn_free_tail,
		      "freed but was not allocated");

	/* Inside an allocation: a tail page; the head with a bad order. */
	big = alloc_pages(GFP_KERNEL, 2);
	pfn = page_to_pfn(big);
	expect_report(__LINE__, big + 1, 0, pfn + 1, "freed but was not allocated");
	expect_report(__LINE__, big, MAX_ORDER, pfn, "beyond MAX_ORDER");
	CHECK(page_count(big) == 1 && big->flags == 0, "bad frees left the block alone");
	__free_pages(big, 2);

	/* An order-0 page at an odd pfn freed as an order-1 block. */
	{
		struct page *held[8];
		unsigned int n = 0;

		do {
			p = alloc_page(GFP_KERNEL);
			held[n++] = p;
		} while (!(page_to_pfn(p) & 1) && n < 8);
		pfn = page_to_pfn(p);
		CHECK(pfn & 1, "an odd pfn among %u pages", n);
		expect_report(__LINE__, p, 1, pfn, "freed with an order its pfn is not aligned to");
		while (n)
			__free_page(held[--n]);
	}

	/* A struct page that is not in mem_map at all. */
	memset(&outside, 0, sizeof(outside));
	outside._refcount = 1;
	{
		unsigned long reports = bad_page_reports, before = nr_free_pages();

		log_clear();
		__free_page(&outside);
		CHECK(bad_page_reports == reports + 1 && log_has("is not in mem_map") &&
			      nr_free_pages() == before && outside._refcount == 1,
		      "foreign struct page: \"%s\"", logbuf);
	}

	/* bad_page itself, as other parts of vm/ call it. */
	log_clear();
	pfn = min_low_pfn + 0x1234;
	bad_page(pfn_to_page(pfn), "is odd");
	CHECK(log_has("BUG: Bad page state: pfn 0x41234 is odd\n"), "bad_page text \"%s\"", logbuf);

	/* Bad orders when allocating. */
	log_clear();
	CHECK(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL && log_has("order:11"),
	      "order 11 allocation refused and reported: \"%s\"", logbuf);

	check_boot_values("after the bad frees");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ram = aligned_alloc(4ul << 20, RAM_SIZE);
	if (!ram) {
		printf("no memory for the fake RAM\n");
		return 2;
	}
	host_linear_base = (uintptr_t)ram; /* __va(PHYS_OFFSET) is the fake RAM's start */

	CHECK(__va(PHYS_OFFSET) == (void *)ram, "linear map base");
	setup(&scenarios[0]);
	test_exhaustion();
	test_pcp_and_refcount();
	test_bad_frees();
	test_random_model();

	setup(&scenarios[1]);
	test_exhaustion();
	test_random_model();
	free(ram);
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
