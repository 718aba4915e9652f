/*
 * test_area_tree.c - host tests for vm/area_tree.c.
 *
 * Directed cases (empty tree, limits, alignment, bad requests, a window at the top of the
 * address space), a model-based random test of more than a million operations against a
 * page map of the window (one byte busy/free, one owner per page) in which every search
 * result is compared with a brute-force scan of the map, corruption cases that
 * area_tree_check must name, and a scaling check that counts the nodes visited by the gap
 * searches for trees of 10, 10,000 and 60,000 areas. Prints "N passed, M failed" last.
 */
#include "vm/area_tree.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern unsigned long area_tree_visits, area_tree_walks;

#include "tests/host/check.h"

#define FAILV	 ((unsigned long)-12L)
#define PAGE	 4096UL
#define BASE	 0x10000UL
#define WSIZE	 (64UL << 20)
#define NPAGES	 (WSIZE / PAGE)
#define MAXNODES 12000

/* xorshift64*: deterministic, seed printed so that a failure can be replayed. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [0, n), n > 0. */
static unsigned long below(unsigned long n)
{
	return (unsigned long)(rnd() % n);
}

static const char *check_tree(const struct area_tree *t)
{
	const char *m = area_tree_check(t);

	return m ? m : "ok";
}

/* ---- directed cases ---- */

static void test_empty_and_requests(void)
{
	struct area_tree t;
	struct area_node a = {0}, b = {0};
	unsigned long r;

	area_tree_init(&t, 0x10000, 0x20000);
	CHECK(area_tree_check(&t) == NULL, "empty tree: %s", check_tree(&t));
	CHECK(!area_first(&t) && !area_last(&t) && !area_find(&t, 0x10000) &&
		      !area_find_next(&t, 0),
	      "empty tree lookups");
	CHECK(area_find_gap_lowest(&t, 0x1000, 0x1000, 0, ULONG_MAX) == 0x10000, "empty lowest");
	CHECK(area_find_gap_highest(&t, 0x1000, 0x1000, 0, ULONG_MAX) == 0x1f000, "empty highest");
	CHECK(area_find_gap_lowest(&t, 0x10000, 0x1000, 0, ULONG_MAX) == 0x10000, "whole window");
	CHECK(area_find_gap_highest(&t, 0x10000, 0x10000, 0, ULONG_MAX) == 0x10000,
	      "whole window, highest");
	r = area_find_gap_lowest(&t, 0x10001, 1, 0, ULONG_MAX);
	CHECK(r == FAILV && AREA_FAILED(r), "larger than the window: %lx", r);
	CHECK(AREA_FAILED(area_find_gap_lowest(&t, 0, 0x1000, 0, ULONG_MAX)), "size 0");
	CHECK(AREA_FAILED(area_find_gap_highest(&t, 0, 0x1000, 0, ULONG_MAX)), "size 0, highest");
	CHECK(AREA_FAILED(area_find_gap_lowest(&t, 0x1000, 0x3000, 0, ULONG_MAX)),
	      "alignment not a power of two");
	CHECK(area_find_gap_lowest(&t, 0x1000, 0, 0x12345, ULONG_MAX) == 0x12345,
	      "alignment 0 means 1");
	CHECK(AREA_FAILED(area_find_gap_lowest(&t, 0x1000, 1, 0x18000, 0x18000)), "lo == hi");
	CHECK(AREA_FAILED(area_find_gap_highest(&t, 0x1000, 1, 0x19000, 0x18000)), "lo > hi");
	CHECK(AREA_FAILED(area_find_gap_lowest(&t, 0x1000, 1, 0, 0x10fff)), "hi clips too much");
	CHECK(area_find_gap_lowest(&t, 0x1000, 1, 0, 0x11000) == 0x10000, "hi clips exactly");
	CHECK(area_find_gap_highest(&t, 0x1000, 0x1000, 0x10001, 0x12fff) == 0x11000,
	      "both limits, highest");
	CHECK(area_find_gap_lowest(&t, 0x1000, 0x1000, 0x10001, 0x12fff) == 0x11000,
	      "both limits, lowest");

	/* insert contracts */
	a.start = 0x12000;
	a.end = 0x12000;
	CHECK(area_insert(&t, &a) == -1, "empty range refused");
	a.start = 0xf000;
	a.end = 0x11000;
	CHECK(area_insert(&t, &a) == -1, "below the window refused");
	a.start = 0x1f000;
	a.end = 0x20001;
	CHECK(area_insert(&t, &a) == -1, "above the window refused");
	a.start = 0x10000;
	a.end = 0x20000;
	CHECK(area_insert(&t, &a) == 0 && t.count == 1, "whole window accepted");
	CHECK(AREA_FAILED(area_find_gap_lowest(&t, 1, 1, 0, ULONG_MAX)), "full window lowest");
	CHECK(AREA_FAILED(area_find_gap_highest(&t, 1, 1, 0, ULONG_MAX)), "full window highest");
	b.start = 0x1ffff;
	b.end = 0x20000;
	CHECK(area_insert(&t, &b) == -1 && t.count == 1, "overlap at the end refused");
	b.start = 0x10000;
	b.end = 0x10001;
	CHECK(area_insert(&t, &b) == -1 && t.count == 1, "same start refused");
	area_erase(&t, &a);
	CHECK(t.count == 0 && !t.root && area_tree_check(&t) == NULL, "erase the only node");

	a.start = 0x14000;
	a.end = 0x15000;
	b.start = 0x15000;
	b.end = 0x16000;
	CHECK(area_insert(&t, &a) == 0 && area_insert(&t, &b) == 0, "adjacent nodes");
	CHECK(area_tree_check(&t) == NULL, "adjacent: %s", check_tree(&t));
	CHECK(area_find(&t, 0x14fff) == &a && area_find(&t, 0x15000) == &b &&
		      !area_find(&t, 0x16000) && !area_find(&t, 0x13fff),
	      "find at the edges");
	CHECK(area_find_next(&t, 0) == &a && area_find_next(&t, 0x14fff) == &a &&
		      area_find_next(&t, 0x15000) == &b && !area_find_next(&t, 0x16000),
	      "find_next at the edges");
	CHECK(area_next(&a) == &b && !area_next(&b) && area_prev(&b) == &a && !area_prev(&a),
	      "next/prev");
	CHECK(area_find_gap_lowest(&t, 0x4000, 0x1000, 0, ULONG_MAX) == 0x10000, "before");
	CHECK(area_find_gap_lowest(&t, 0x5000, 0x1000, 0, ULONG_MAX) == 0x16000, "tail");
	CHECK(area_find_gap_highest(&t, 0x4000, 0x1000, 0, ULONG_MAX) == 0x1c000, "tail, top");
	CHECK(area_find_gap_highest(&t, 0xa000, 0x1000, 0, ULONG_MAX) == 0x16000,
	      "the tail exactly");
	CHECK(AREA_FAILED(area_find_gap_highest(&t, 0xa001, 0x1000, 0, ULONG_MAX)), "nothing fits");
	CHECK(area_find_gap_highest(&t, 0x4000, 0x1000, 0, 0x1a000) == 0x16000,
	      "hi limit clips the tail");
	CHECK(area_find_gap_highest(&t, 0x4000, 0x1000, 0, 0x15000) == 0x10000, "hi limit");
	CHECK(area_find_gap_lowest(&t, 0x4000, 0x1000, 0x10001, ULONG_MAX) == 0x16000,
	      "lo limit skips the head gap");
	CHECK(area_find_gap_lowest(&t, 0x3000, 0x4000, 0x10001, ULONG_MAX) == 0x18000,
	      "alignment inside the tail");
	/* grow b down is not allowed (it would cross a); shrink a, grow b into the space */
	a.end = 0x14800;
	area_update(&t, &a);
	b.start = 0x14800;
	area_update(&t, &b);
	CHECK(area_tree_check(&t) == NULL, "update: %s", check_tree(&t));
	b.end = 0x20000;
	area_update(&t, &b);
	CHECK(area_tree_check(&t) == NULL &&
		      area_find_gap_highest(&t, 0x4000, 0x1000, 0, ULONG_MAX) == 0x10000,
	      "grow to the window end: %s", check_tree(&t));
	/* a and b touch at 0x14800: move the boundary both ways; the gaps stay right */
	CHECK(area_move_boundary(&a, &b, 0x16000) == 0 && a.end == 0x16000 && b.start == 0x16000 &&
		      area_tree_check(&t) == NULL && area_find(&t, 0x15fff) == &a,
	      "boundary up: %s", check_tree(&t));
	CHECK(area_move_boundary(&a, &b, 0x14001) == 0 && area_tree_check(&t) == NULL &&
		      area_find(&t, 0x14001) == &b,
	      "boundary down: %s", check_tree(&t));
	CHECK(area_move_boundary(&a, &b, 0x14000) == -1 &&
		      area_move_boundary(&a, &b, 0x20000) == -1 &&
		      area_move_boundary(&b, &a, 0x14800) == -1 && a.end == 0x14001,
	      "boundary refused: at a's start, at b's end, nodes that do not touch");
	CHECK(area_tree_check(&t) == NULL, "after the refusals: %s", check_tree(&t));
}

/* A window ending at the top of the address space: no alignment or end computation wraps. */
static void test_top_of_address_space(void)
{
	struct area_tree t;
	struct area_node a = {0};
	unsigned long lo = ULONG_MAX - 0x3fffff; /* 4 MiB below the top, 4 MiB aligned */

	area_tree_init(&t, lo, ULONG_MAX);
	a.start = lo + 0x100000;
	a.end = lo + 0x200000;
	CHECK(area_insert(&t, &a) == 0, "insert near the top");
	CHECK(area_find_gap_lowest(&t, 0x100000, 0x100000, 0, ULONG_MAX) == lo, "head gap");
	CHECK(area_find_gap_lowest(&t, 0x100000, 0x100000, lo + 1, ULONG_MAX) == lo + 0x200000,
	      "tail gap");
	CHECK(AREA_FAILED(area_find_gap_lowest(&t, 0x100000, 0x400000, lo + 1, ULONG_MAX)),
	      "alignment would wrap");
	CHECK(area_find_gap_lowest(&t, 0x1fffff, 1, lo + 0x200000, ULONG_MAX) == lo + 0x200000,
	      "fits exactly to the top");
	CHECK(AREA_FAILED(area_find_gap_lowest(&t, 0x200000, 1, lo + 0x200000, ULONG_MAX)),
	      "one byte too many");
	CHECK(area_find_gap_highest(&t, 0x1000, 0x1000, 0, ULONG_MAX) == ULONG_MAX - 0x1fff,
	      "highest below the top: %lx",
	      area_find_gap_highest(&t, 0x1000, 0x1000, 0, ULONG_MAX));
	CHECK(AREA_FAILED(area_find_gap_highest(&t, ULONG_MAX, 1, 0, ULONG_MAX)), "huge size");
	CHECK(area_tree_check(&t) == NULL, "top window: %s", check_tree(&t));
}

/*
 * area_split and area_merge_next: a node split into three and merged back (mprotect of a page
 * inside a mapping and back), refusals, and long runs of splits on one side of a node (each
 * new node the neighbour of the last) and merges back, which keep rebalancing the same spine.
 */
static void test_split_merge(void)
{
	static struct area_node run[600];
	struct area_tree t;
	struct area_node a = {0}, b, c, z = {0};
	const char *m;
	int i, ok;

	area_tree_init(&t, 0x10000, 0x40000);
	a.start = 0x12000;
	a.end = 0x20000;
	z.start = 0x30000;
	z.end = 0x31000;
	CHECK(area_insert(&t, &a) == 0 && area_insert(&t, &z) == 0, "split: two nodes");
	CHECK(area_split(&t, &a, &b, 0x12000, true) == -1 &&
		      area_split(&t, &a, &b, 0x20000, false) == -1 &&
		      area_split(&t, &a, &b, 0x21000, false) == -1 && t.count == 2 &&
		      a.start == 0x12000 && a.end == 0x20000,
	      "split at or outside an end refused");
	CHECK(area_split(&t, &a, &b, 0x18000, true) == 0 && b.start == 0x12000 &&
		      b.end == 0x18000 && a.start == 0x18000 && a.end == 0x20000 &&
		      b.gap == 0x2000 && a.gap == 0 && t.count == 3 && area_tree_check(&t) == NULL,
	      "split below: %s", check_tree(&t));
	CHECK(area_split(&t, &a, &c, 0x19000, false) == 0 && a.end == 0x19000 &&
		      c.start == 0x19000 && c.end == 0x20000 && c.gap == 0 && z.gap == 0x10000 &&
		      area_tree_check(&t) == NULL,
	      "split above: %s", check_tree(&t));
	CHECK(area_first(&t) == &b && area_next(&b) == &a && area_next(&a) == &c &&
		      area_next(&c) == &z && area_find(&t, 0x18fff) == &a,
	      "split: order");
	CHECK(area_find_gap_lowest(&t, 0x10000, 0x1000, 0, ULONG_MAX) == 0x20000 &&
		      area_find_gap_highest(&t, 0x2000, 0x1000, 0, 0x30000) == 0x2e000,
	      "split: the gaps are searched as before");
	CHECK(area_merge_next(&t, &b, &c) == -1 && area_merge_next(&t, &c, &b) == -1 &&
		      area_merge_next(&t, &c, &z) == -1 && b.end == 0x18000 && t.count == 4,
	      "merge of nodes that do not touch refused");
	CHECK(area_merge_next(&t, &b, &a) == 0 && b.end == 0x19000 && t.count == 3 &&
		      area_tree_check(&t) == NULL,
	      "merge: %s", check_tree(&t));
	CHECK(area_merge_next(&t, &b, &c) == 0 && b.start == 0x12000 && b.end == 0x20000 &&
		      t.count == 2 && area_tree_check(&t) == NULL && area_next(&b) == &z,
	      "merged back: %s", check_tree(&t));
	/* the same three in one call, and the refusals */
	CHECK(area_split_three(&t, &b, &a, &c, 0x12000, 0x13000) == -1 &&
		      area_split_three(&t, &b, &a, &c, 0x13000, 0x20000) == -1 &&
		      area_split_three(&t, &b, &a, &c, 0x14000, 0x14000) == -1 &&
		      area_split_three(&t, &b, &a, &c, 0x15000, 0x14000) == -1 && t.count == 2 &&
		      b.start == 0x12000 && b.end == 0x20000,
	      "split_three not strictly inside refused");
	CHECK(area_split_three(&t, &b, &a, &c, 0x18000, 0x19000) == 0 && a.start == 0x12000 &&
		      a.end == 0x18000 && b.start == 0x18000 && b.end == 0x19000 &&
		      c.start == 0x19000 && c.end == 0x20000 && a.gap == 0x2000 && b.gap == 0 &&
		      c.gap == 0 && t.count == 4 && area_tree_check(&t) == NULL &&
		      area_next(&a) == &b && area_next(&b) == &c && area_next(&c) == &z,
	      "split_three: %s", check_tree(&t));
	CHECK(area_merge_next(&t, &a, &b) == 0 && area_merge_next(&t, &a, &c) == 0 &&
		      a.start == 0x12000 && a.end == 0x20000 && t.count == 2 &&
		      area_tree_check(&t) == NULL,
	      "split_three merged back: %s", check_tree(&t));

	/* a run of splits: below at the node's start, then above at its end */
	area_tree_init(&t, 0x10000, 0x10000 + 0x1000 * 1300);
	a.start = 0x11000;
	a.end = 0x11000 + 0x1000 * 1250;
	CHECK(area_insert(&t, &a) == 0, "run: one node");
	ok = 1;
	for (i = 0; i < 600 && ok; i++) {
		if (i < 300)
			ok = area_split(&t, &a, &run[i], a.start + 0x1000, true) == 0;
		else
			ok = area_split(&t, &a, &run[i], a.end - 0x1000, false) == 0;
		m = area_tree_check(&t);
		ok = ok && !m;
	}
	CHECK(ok && t.count == 601, "run of splits: %s", check_tree(&t));
	/* merge back: the lowest node (run[0], split off first) absorbs every other one */
	ok = 1;
	for (i = 0; i < 600 && ok; i++) {
		struct area_node *first = area_first(&t);

		ok = area_merge_next(&t, first, area_next(first)) == 0 && !area_tree_check(&t);
	}
	CHECK(ok && t.count == 1 && area_first(&t) == &run[0] && run[0].start == 0x11000 &&
		      run[0].end == 0x11000 + 0x1000 * 1250 && run[0].gap == 0x1000,
	      "run merged back: %s", check_tree(&t));
}

/* ---- the model ---- */

static struct area_tree tree;
static struct area_node pool[MAXNODES];
static int used[MAXNODES], nused, where[MAXNODES];
static uint8_t busy[NPAGES];
static uint16_t owner[NPAGES]; /* pool index + 1, 0 when free */
static bool stop_random;
static unsigned long nsplits, nmerges; /* area_split and area_merge_next calls that succeeded */

static unsigned long pg(unsigned long addr)
{
	return (addr - BASE) / PAGE;
}

static unsigned long addr_of(unsigned long page)
{
	return BASE + page * PAGE;
}

static void model_set(unsigned long from, unsigned long to, int idx)
{
	memset(busy + from, idx >= 0, to - from);
	for (unsigned long p = from; p < to; p++)
		owner[p] = (uint16_t)(idx + 1);
}

/*
 * Pool slots: used[] lists the nodes in the tree (where[i] is i's place in it, or -1),
 * spare[] the others.
 */
static int spare[MAXNODES], nspare;

static void pool_reset(void)
{
	int i;

	nused = 0;
	nspare = MAXNODES;
	for (i = 0; i < MAXNODES; i++) {
		where[i] = -1;
		spare[i] = MAXNODES - 1 - i;
	}
	memset(busy, 0, sizeof(busy));
	memset(owner, 0, sizeof(owner));
	area_tree_init(&tree, BASE, BASE + WSIZE);
}

static int take_slot(void)
{
	int i;

	if (!nspare)
		return -1;
	i = spare[--nspare];
	where[i] = nused;
	used[nused++] = i;
	return i;
}

static void drop_slot(int i)
{
	int last = used[--nused];

	used[where[i]] = last;
	where[last] = where[i];
	where[i] = -1;
	spare[nspare++] = i;
}

/*
 * Scans of the page map, a word at a time (the runs are short and the sanitizer's memchr
 * checks the whole remaining range on every call).
 */
#define ONES 0x0101010101010101ULL

static unsigned long scan_up(unsigned long p, uint8_t want)
{
	uint64_t w, skip = want ? 0 : ONES;

	while (p < NPAGES && (p & 7))
		if (busy[p++] == want)
			return p - 1;
	while (p + 8 <= NPAGES) {
		memcpy(&w, busy + p, 8);
		if (w != skip)
			break;
		p += 8;
	}
	while (p < NPAGES && busy[p] != want)
		p++;
	return p;
}

/* Last page before p (exclusive) holding want, or -1. */
static long scan_down(unsigned long p, uint8_t want)
{
	uint64_t w, skip = want ? 0 : ONES;

	while (p && (p & 7))
		if (busy[--p] == want)
			return (long)p;
	while (p >= 8) {
		memcpy(&w, busy + p - 8, 8);
		if (w != skip)
			break;
		p -= 8;
	}
	while (p)
		if (busy[--p] == want)
			return (long)p;
	return -1;
}

/* First free (busy) page at or after p, or NPAGES. */
static unsigned long next_free(unsigned long p)
{
	return scan_up(p, 0);
}

static unsigned long next_busy(unsigned long p)
{
	return scan_up(p, 1);
}

/* Last busy (free) page before p, or -1. */
static long prev_busy(unsigned long p)
{
	return scan_down(p, 1);
}

static long prev_free(unsigned long p)
{
	return scan_down(p, 0);
}

static unsigned long ceil_to(unsigned long x, unsigned long a)
{
	return (x + a - 1) / a * a;
}

/* Brute force: scan the free runs of the page map from the bottom. */
static unsigned long brute_lowest(unsigned long size, unsigned long align, unsigned long lo,
				  unsigned long hi)
{
	unsigned long L = lo > BASE ? lo : BASE, H = hi < BASE + WSIZE ? hi : BASE + WSIZE;
	unsigned long p = 0, a, b, s, e;

	if (!size || L >= H)
		return FAILV;
	while ((a = next_free(p)) < NPAGES) {
		b = next_busy(a);
		s = addr_of(a) > L ? addr_of(a) : L;
		e = addr_of(b) < H ? addr_of(b) : H;
		if (s < e) {
			s = ceil_to(s, align);
			if (s + size <= e)
				return s;
		}
		if (addr_of(b) >= H)
			break;
		p = b;
	}
	return FAILV;
}

/* Brute force: scan the free runs of the page map from the top. */
static unsigned long brute_highest(unsigned long size, unsigned long align, unsigned long lo,
				   unsigned long hi)
{
	unsigned long L = lo > BASE ? lo : BASE, H = hi < BASE + WSIZE ? hi : BASE + WSIZE;
	long b, a;
	unsigned long s, e, top = NPAGES;

	if (!size || L >= H)
		return FAILV;
	while ((b = prev_free(top)) >= 0) {
		a = prev_busy((unsigned long)b) + 1; /* free run [a, b] */
		s = addr_of((unsigned long)a) > L ? addr_of((unsigned long)a) : L;
		e = addr_of((unsigned long)b + 1) < H ? addr_of((unsigned long)b + 1) : H;
		if (s < e && e - s >= size) {
			unsigned long c = (e - size) / align * align;

			if (c >= s)
				return c;
		}
		if (addr_of((unsigned long)a) <= L)
			break;
		top = (unsigned long)a;
	}
	return FAILV;
}

static struct area_node *model_find(unsigned long addr)
{
	if (addr < BASE || addr >= BASE + WSIZE || !busy[pg(addr)])
		return NULL;
	return &pool[owner[pg(addr)] - 1];
}

static struct area_node *model_find_next(unsigned long addr)
{
	unsigned long p;

	if (addr >= BASE + WSIZE)
		return NULL;
	p = addr < BASE ? 0 : pg(addr);
	p = next_busy(p);
	return p < NPAGES ? &pool[owner[p] - 1] : NULL;
}

/* The whole tree against the map, in both directions. */
static void compare_all(const char *when)
{
	static struct area_node *seq[MAXNODES];
	struct area_node *n;
	unsigned long k = 0, p = 0, sp, ep;
	bool ok = true;

	for (n = area_first(&tree); n && ok; n = area_next(n)) {
		sp = pg(n->start);
		ep = pg(n->end);
		if (k >= MAXNODES || next_busy(p) != sp || ep <= sp || ep > NPAGES ||
		    (ep < NPAGES && busy[ep] && owner[ep] == n - pool + 1))
			ok = false;
		for (p = sp; ok && p < ep; p++)
			ok = owner[p] == n - pool + 1;
		if (ok)
			seq[k++] = n;
		p = ep;
	}
	ok = ok && next_busy(p) == NPAGES && k == (unsigned long)nused && k == tree.count;
	for (n = area_last(&tree); n && ok; n = area_prev(n))
		ok = k > 0 && seq[--k] == n;
	ok = ok && k == 0;
	CHECK(ok, "%s: in-order walk differs from the model", when);
	if (!ok)
		stop_random = true;
}

static void verify_tree(unsigned long step)
{
	const char *m = area_tree_check(&tree);

	CHECK(!m, "step %lu: area_tree_check: %s", step, m);
	if (m)
		stop_random = true;
}

static void random_limits(unsigned long *lo, unsigned long *hi)
{
	switch (below(4)) {
	case 0:
		*lo = 0;
		*hi = ULONG_MAX;
		break;
	case 1:
		*lo = BASE - PAGE + below(WSIZE + 2 * PAGE);
		*hi = ULONG_MAX;
		break;
	case 2:
		*lo = 0;
		*hi = BASE - PAGE + below(WSIZE + 2 * PAGE);
		break;
	default:
		*lo = BASE - PAGE + below(WSIZE + 2 * PAGE);
		*hi = *lo + below(WSIZE / (1UL << below(8)) + 1) - (below(8) ? 0 : below(*lo));
		if (below(2)) { /* page-aligned limits are the common case */
			*lo &= ~(PAGE - 1);
			*hi &= ~(PAGE - 1);
		}
		break;
	}
}

static unsigned long random_size(void)
{
	static const unsigned long scale[] = {1, 2, 4, 16, 64, 512, 4096};
	unsigned long s = (1 + below(scale[below(7)])) * PAGE;

	if (!below(8))
		s -= below(PAGE); /* sizes need not be page multiples */
	return s;
}

/* One gap search of either kind, compared with the brute force; returns the result. */
static unsigned long query(bool low, unsigned long size, unsigned long align, unsigned long lo,
			   unsigned long hi, unsigned long step)
{
	unsigned long got, want;

	if (low) {
		got = area_find_gap_lowest(&tree, size, align, lo, hi);
		want = brute_lowest(size, align, lo, hi);
	} else {
		got = area_find_gap_highest(&tree, size, align, lo, hi);
		want = brute_highest(size, align, lo, hi);
	}
	CHECK(got == want,
	      "step %lu: find_gap_%s(size %#lx, align %#lx, [%#lx, %#lx)) = %#lx, want %#lx", step,
	      low ? "lowest" : "highest", size, align, lo, hi, got, want);
	if (got != want)
		stop_random = true;
	return got;
}

static void do_insert(struct area_node *n, unsigned long sp, unsigned long ep, unsigned long step)
{
	int r;

	n->start = addr_of(sp);
	n->end = addr_of(ep);
	r = area_insert(&tree, n);
	CHECK(r == 0, "step %lu: insert [%#lx, %#lx) refused", step, n->start, n->end);
	if (r) {
		stop_random = true;
		return;
	}
	model_set(sp, ep, (int)(n - pool));
}

static void op_insert(unsigned long step)
{
	unsigned long p, q, sp, len, maxlen;
	struct area_node *n;
	int i;

	if (nused >= MAXNODES)
		return;
	if (below(2)) {
		/* allocate like vmalloc (lowest) or mmap (highest), page-sized */
		unsigned long size = (1 + below(1UL << below(9))) * PAGE, lo, hi, s;
		unsigned long align = 1UL << (12 + below(9));

		random_limits(&lo, &hi);
		s = query(below(2), size, align, lo, hi, step);
		if (AREA_FAILED(s))
			return;
		i = take_slot();
		do_insert(&pool[i], pg(s), pg(s) + size / PAGE, step);
		return;
	}
	p = next_free(below(NPAGES));
	if (p == NPAGES && (p = next_free(0)) == NPAGES)
		return;
	q = next_busy(p);
	sp = p + below(q - p);
	maxlen = 1UL << below(10);
	len = 1 + below(q - sp < maxlen ? q - sp : maxlen);
	i = take_slot();
	n = &pool[i];
	do_insert(n, sp, sp + len, step);
}

/* Inserts that must be refused and leave the tree as it was. */
static void op_bad_insert(unsigned long step)
{
	struct area_node n;
	unsigned long p, count = tree.count;

	memset(&n, 0, sizeof(n));
	switch (below(3)) {
	case 0: /* overlaps a busy page by at least one byte */
		p = next_busy(below(NPAGES));
		if (p == NPAGES)
			return;
		n.start = addr_of(p) + below(PAGE) - (below(2) ? below(64) * PAGE : 0);
		n.end = addr_of(p) + 1 + below(PAGE) + below(64) * PAGE;
		if (n.start < BASE)
			n.start = BASE;
		if (n.end > BASE + WSIZE)
			n.end = BASE + WSIZE;
		break;
	case 1: /* leaves the window */
		if (below(2)) {
			n.start = BASE - 1 - below(BASE);
			n.end = BASE + below(PAGE);
		} else {
			n.start = BASE + WSIZE - below(PAGE);
			n.end = BASE + WSIZE + 1 + below(PAGE);
		}
		break;
	default: /* empty or reversed */
		n.start = BASE + below(WSIZE);
		n.end = n.start - below(2) * below(PAGE);
		break;
	}
	CHECK(area_insert(&tree, &n) == -1 && tree.count == count,
	      "step %lu: bad insert [%#lx, %#lx) accepted", step, n.start, n.end);
}

static void op_erase(void)
{
	int i;
	struct area_node *n;

	if (!nused)
		return;
	i = used[below((unsigned long)nused)];
	n = &pool[i];
	area_erase(&tree, n);
	model_set(pg(n->start), pg(n->end), -1);
	drop_slot(i);
}

/* Move one end of a node into free space or back, and tell the tree. */
static void op_update(void)
{
	struct area_node *n;
	unsigned long sp, ep, room, d;
	int i;

	if (!nused)
		return;
	i = used[below((unsigned long)nused)];
	n = &pool[i];
	sp = pg(n->start);
	ep = pg(n->end);
	switch (below(5)) {
	case 0: /* grow up */
		room = next_busy(ep) - ep;
		if (!room)
			return;
		d = 1 + below(room < 64 ? room : 64);
		model_set(ep, ep + d, i);
		ep += d;
		break;
	case 1: /* shrink from the top */
		if (ep - sp < 2)
			return;
		d = 1 + below(ep - sp - 1);
		model_set(ep - d, ep, -1);
		ep -= d;
		break;
	case 2: /* grow down */
		room = sp - (unsigned long)(prev_busy(sp) + 1);
		if (!room)
			return;
		d = 1 + below(room < 64 ? room : 64);
		model_set(sp - d, sp, i);
		sp -= d;
		break;
	case 3: /* shrink from the bottom */
		if (ep - sp < 2)
			return;
		d = 1 + below(ep - sp - 1);
		model_set(sp, sp + d, -1);
		sp += d;
		break;
	default: /* shift inside the free space around it */
		room = next_busy(ep) - ep;
		d = room ? below(room < 64 ? room : 64) + 1 : 0;
		model_set(sp, ep, -1);
		sp += d;
		ep += d;
		model_set(sp, ep, i);
		break;
	}
	n->start = addr_of(sp);
	n->end = addr_of(ep);
	area_update(&tree, n);
}

/* Split a node of at least two pages at a page inside it; the new node takes either side. */
static void op_split(unsigned long step)
{
	struct area_node *n, *m;
	unsigned long sp, ep, at, count = tree.count;
	bool below_ = below(2);
	int i, j;

	if (!nused || nused >= MAXNODES)
		return;
	i = used[below((unsigned long)nused)];
	n = &pool[i];
	sp = pg(n->start);
	ep = pg(n->end);
	if (ep - sp < 2) {
		/* not inside: refused, nothing changes */
		m = &pool[spare[nspare - 1]];
		CHECK(area_split(&tree, n, m, n->start, below_) == -1 &&
			      area_split(&tree, n, m, n->end, below_) == -1 &&
			      tree.count == count && n->start == addr_of(sp) &&
			      n->end == addr_of(ep),
		      "step %lu: split at an end of [%#lx, %#lx) accepted", step, n->start, n->end);
		return;
	}
	at = sp + 1 + below(ep - sp - 1);
	j = take_slot();
	m = &pool[j];
	memset(m, 0x5a, sizeof(*m)); /* the tree must set every field */
	CHECK(area_split(&tree, n, m, addr_of(at), below_) == 0 && tree.count == count + 1,
	      "step %lu: split [%#lx, %#lx) at %#lx refused", step, n->start, n->end, addr_of(at));
	nsplits++;
	if (below_) {
		CHECK(m->start == addr_of(sp) && m->end == addr_of(at) && n->start == addr_of(at) &&
			      n->end == addr_of(ep) && area_next(m) == n,
		      "step %lu: split below: wrong ranges", step);
		model_set(sp, at, j);
	} else {
		CHECK(n->start == addr_of(sp) && n->end == addr_of(at) && m->start == addr_of(at) &&
			      m->end == addr_of(ep) && area_next(n) == m,
		      "step %lu: split above: wrong ranges", step);
		model_set(at, ep, j);
	}
}

/* Split a node of at least three pages in three (area_split_three); the middle stays n. */
static void op_split_three(unsigned long step)
{
	struct area_node *n, *lo, *hi;
	unsigned long sp, ep, a, b, count = tree.count;
	int i, j, k;

	if (!nused || nspare < 2)
		return;
	i = used[below((unsigned long)nused)];
	n = &pool[i];
	sp = pg(n->start);
	ep = pg(n->end);
	if (ep - sp < 3) {
		lo = &pool[spare[nspare - 1]];
		hi = &pool[spare[nspare - 2]];
		CHECK(area_split_three(&tree, n, lo, hi, n->start, n->end) == -1 &&
			      (ep - sp < 2 ||
			       area_split_three(&tree, n, lo, hi, n->start + PAGE, n->end) == -1) &&
			      tree.count == count && n->start == addr_of(sp) &&
			      n->end == addr_of(ep),
		      "step %lu: split_three of [%#lx, %#lx) not strictly inside accepted", step,
		      n->start, n->end);
		return;
	}
	a = sp + 1 + below(ep - sp - 2); /* in [sp + 1, ep - 2] */
	b = a + 1 + below(ep - a - 1);	 /* in [a + 1, ep - 1] */
	j = take_slot();
	k = take_slot();
	lo = &pool[j];
	hi = &pool[k];
	memset(lo, 0x5a, sizeof(*lo));
	memset(hi, 0xa5, sizeof(*hi));
	CHECK(area_split_three(&tree, n, lo, hi, addr_of(a), addr_of(b)) == 0 &&
		      tree.count == count + 2,
	      "step %lu: split_three [%#lx, %#lx) at %#lx, %#lx refused", step, n->start, n->end,
	      addr_of(a), addr_of(b));
	CHECK(lo->start == addr_of(sp) && lo->end == addr_of(a) && n->start == addr_of(a) &&
		      n->end == addr_of(b) && hi->start == addr_of(b) && hi->end == addr_of(ep) &&
		      area_next(lo) == n && area_next(n) == hi,
	      "step %lu: split_three: wrong ranges", step);
	nsplits++;
	model_set(sp, a, j);
	model_set(b, ep, k);
}

/* A node absorbs the node that starts where it ends; one that is not touched is refused. */
static void op_merge_next(unsigned long step)
{
	struct area_node *n, *next;
	unsigned long ep, count = tree.count, end;
	int i, j;

	if (!nused)
		return;
	i = used[below((unsigned long)nused)];
	n = &pool[i];
	ep = pg(n->end);
	if (ep >= NPAGES || !busy[ep]) {
		next = model_find_next(n->end);
		end = n->end;
		CHECK(!next || (area_merge_next(&tree, n, next) == -1 && tree.count == count &&
				n->end == end),
		      "step %lu: merge of [%#lx, %#lx) with a node that does not touch it accepted",
		      step, n->start, n->end);
		return;
	}
	j = owner[ep] - 1;
	next = &pool[j];
	end = next->end;
	CHECK(area_merge_next(&tree, n, next) == 0 && n->end == end && tree.count == count - 1,
	      "step %lu: merge of [%#lx, %#lx) with [%#lx, %#lx) refused", step, n->start, n->end,
	      next->start, next->end);
	nmerges++;
	model_set(pg(next->start), pg(next->end), i);
	drop_slot(j);
}

static void op_lookup(unsigned long step)
{
	unsigned long a = BASE - 2 * PAGE + below(WSIZE + 4 * PAGE);
	struct area_node *got = area_find(&tree, a), *want = model_find(a);

	CHECK(got == want, "step %lu: area_find(%#lx) = %p, want %p", step, a, (void *)got,
	      (void *)want);
	got = area_find_next(&tree, a);
	want = model_find_next(a);
	CHECK(got == want, "step %lu: area_find_next(%#lx) = %p, want %p", step, a, (void *)got,
	      (void *)want);
	if (!below(64)) {
		got = area_find_next(&tree, below(2) ? 0 : ULONG_MAX);
		CHECK(got == (got ? area_first(&tree) : NULL), "find_next at the extremes");
	}
}

static void test_random(unsigned long steps)
{
	/* how many nodes to aim for, phase by phase: sparse, busy, nearly full, thin */
	static const unsigned long target[] = {40, 2000, 9000, 300, 6000, 5, 11000, 1200};
	unsigned long step, phase_len = steps / 16 + 1, ops = 0, maxcount = 0;
	unsigned long before = passed, fails = failed;

	pool_reset();
	for (step = 0; step < steps && !stop_random; step++) {
		unsigned long want = target[(step / phase_len) % 8], r = below(100);
		unsigned long grow = tree.count < want ? 40 : 15;

		if (r < grow)
			op_insert(step);
		else if (r < 55)
			op_erase();
		else if (r < 70)
			op_update();
		else if (r < 72)
			op_bad_insert(step);
		else {
			unsigned long lo, hi, align = 1UL << (12 + below(9));

			random_limits(&lo, &hi);
			query(r < 86, random_size(), align, lo, hi, step);
		}
		/* splits and merges on top of the mix (area_split, area_merge_next) */
		if (!below(6))
			op_split(step);
		if (!below(16))
			op_split_three(step);
		if (!below(8))
			op_merge_next(step);
		op_lookup(step);
		ops++;
		if (tree.count > maxcount)
			maxcount = tree.count;
		if (step < 10000 || step % 1000 == 0)
			verify_tree(step);
		if (step % 1000 == 0)
			compare_all("periodic");
	}
	verify_tree(step);
	compare_all("final");
	while (nused && !stop_random) {
		op_erase();
		if (nused % 256 == 0)
			verify_tree(step);
	}
	CHECK(tree.count == 0 && !tree.root, "emptied");
	printf("random: %lu operations (%lu splits, %lu merges), up to %lu areas, %lu checks "
	       "passed, %lu failed\n",
	       ops, nsplits, nmerges, maxcount, passed - before, failed - fails);
}

/* ---- area_tree_check must name corruption ---- */

static void expect_report(const char *what, const char *needle)
{
	const char *m = area_tree_check(&tree);

	CHECK(m && strstr(m, needle), "corrupt %s: got \"%s\", want \"%s\"", what, m ? m : "(none)",
	      needle);
}

static void test_corruption(void)
{
	struct area_node *a, *b, *x;
	unsigned long s, e;
	uintptr_t pc;
	int i;

	pool_reset();
	for (i = 0; i < 300; i++)
		op_insert(0);
	CHECK(area_tree_check(&tree) == NULL && tree.count > 100, "corruption base tree: %s",
	      check_tree(&tree));

	a = area_first(&tree);
	for (i = 0; i < 50; i++)
		a = area_next(a);
	b = area_next(a);

	a->subtree_gap += 1;
	expect_report("a subtree_gap", "subtree_gap");
	a->subtree_gap -= 1;
	s = tree.root->subtree_gap;
	tree.root->subtree_gap = 0;
	expect_report("the root's subtree_gap", "subtree_gap");
	tree.root->subtree_gap = s;
	CHECK(area_tree_check(&tree) == NULL, "restored: %s", check_tree(&tree));

	tree.root->rb_parent_color &= ~(uintptr_t)1;
	expect_report("the root's colour", "root is red");
	tree.root->rb_parent_color |= 1;

	/* a red node painted black: its paths have one black too many */
	for (x = area_first(&tree); x && (x->rb_parent_color & 1); x = area_next(x))
		;
	CHECK(x != NULL, "a red node exists");
	if (x) {
		x->rb_parent_color |= 1;
		expect_report("a red node's colour", "black heights differ");
		x->rb_parent_color &= ~(uintptr_t)1;
	}
	/* a black node under a red parent painted red */
	for (x = area_first(&tree); x; x = area_next(x)) {
		struct area_node *p = (struct area_node *)(x->rb_parent_color & ~(uintptr_t)3);

		if ((x->rb_parent_color & 1) && p && !(p->rb_parent_color & 1))
			break;
	}
	if (x) {
		const char *m;

		x->rb_parent_color &= ~(uintptr_t)1;
		m = area_tree_check(&tree);
		CHECK(m && (strstr(m, "red node with a red child") ||
			    strstr(m, "black heights differ")),
		      "red under red: got \"%s\"", m ? m : "(none)");
		x->rb_parent_color |= 1;
	}

	/* order: swap the ranges of two neighbours */
	s = a->start;
	e = a->end;
	a->start = b->start;
	a->end = b->end;
	b->start = s;
	b->end = e;
	expect_report("the order", "out of order");
	b->start = a->start;
	b->end = a->end;
	a->start = s;
	a->end = e;

	e = a->end;
	a->end = b->start + 1;
	expect_report("an overlap", "overlap");
	a->end = a->start;
	expect_report("an empty range", "start >= end");
	a->end = e;

	x = area_first(&tree);
	s = x->start;
	x->start = BASE - PAGE;
	expect_report("a node below the window", "outside the window");
	x->start = s;

	tree.count++;
	expect_report("the count (one more)", "count");
	tree.count -= 2;
	expect_report("the count (one less)", "count");
	tree.count++;

	x = tree.root->rb_left;
	pc = x->rb_parent_color;
	x->rb_parent_color = (uintptr_t)tree.root->rb_right | (pc & 1);
	expect_report("a parent pointer", "parent");
	x->rb_parent_color = pc;

	CHECK(area_tree_check(&tree) == NULL, "all restored: %s", check_tree(&tree));
	while (nused)
		op_erase();
}

/* ---- scaling: nodes visited per search for 10, 10,000 and 60,000 areas ---- */

struct scale_result {
	double low, high, upd, depth;
	unsigned long height;
};

/* Average node depth (root = 1) and height, through the parent pointers. */
static void tree_depth(const struct area_tree *t, double *avg, unsigned long *height)
{
	const struct area_node *n, *p;
	unsigned long total = 0, d;

	*height = 0;
	for (n = area_first(t); n; n = area_next(n)) {
		for (d = 1, p = n; (p = (struct area_node *)(p->rb_parent_color & ~(uintptr_t)3));)
			d++;
		total += d;
		if (d > *height)
			*height = d;
	}
	*avg = t->count ? (double)total / (double)t->count : 0;
}

static void scale_one(unsigned long n, struct scale_result *res)
{
	static struct area_node nodes[60000];
	static unsigned long order[60000];
	struct area_tree t;
	unsigned long i, j, tmp, addr = BASE, queries = 4000, v = 0, vh = 0, w;
	unsigned long span;

	/* areas of 1-3 pages; gaps mostly 1 page, some 2, a few 4: a fragmented window */
	for (i = 0; i < n; i++) {
		unsigned long g = below(100), len = 1 + below(3);

		addr += (g < 90 ? 1 : g < 99 ? 2 : 4) * PAGE;
		nodes[i].start = addr;
		nodes[i].end = addr + len * PAGE;
		addr = nodes[i].end;
		order[i] = i;
	}
	span = addr + PAGE - BASE;
	area_tree_init(&t, BASE, BASE + span);
	for (i = n; i > 1; i--) { /* insert in random order */
		j = below(i);
		tmp = order[i - 1];
		order[i - 1] = order[j];
		order[j] = tmp;
	}
	w = area_tree_walks;
	for (i = 0, j = 0; i < n; i++)
		j += area_insert(&t, &nodes[order[i]]) != 0;
	CHECK(j == 0, "scale: %lu inserts refused", j);
	/* churn: erase and reinsert a tenth so the shape is not just insertion order */
	for (i = 0; i < n / 10; i++)
		area_erase(&t, &nodes[order[i]]);
	for (i = 0; i < n / 10; i++)
		area_insert(&t, &nodes[order[i]]);
	res->upd = (double)(area_tree_walks - w) / (double)(n + n / 5);
	CHECK(area_tree_check(&t) == NULL && t.count == n, "scale tree %lu: %s", n,
	      area_tree_check(&t) ? area_tree_check(&t) : "ok");

	for (i = 0; i < queries; i++) {
		unsigned long size = (2 + below(3)) * PAGE; /* 2..4 pages: the rarer gaps */
		unsigned long lo = BASE + below(span), r;

		area_tree_visits = 0;
		r = area_find_gap_lowest(&t, size, PAGE, lo, ULONG_MAX);
		v += area_tree_visits;
		area_tree_visits = 0;
		r ^= area_find_gap_highest(&t, size, PAGE, 0, lo + size);
		vh += area_tree_visits;
		(void)r;
	}
	tree_depth(&t, &res->depth, &res->height);
	res->low = (double)v / (double)queries;
	res->high = (double)vh / (double)queries;
}

/*
 * Top-down placement as mmap will do it: every area goes at the highest fit below the ones
 * before, so the free space is the first node's gap and every other gap is empty. Returns
 * the mean visits per find_gap_highest over the build.
 */
static double scale_topdown(unsigned long n)
{
	static struct area_node nodes[60000];
	struct area_tree t;
	unsigned long i, s, v = 0, refused = 0;

	area_tree_init(&t, BASE, BASE + (1UL << 30));
	for (i = 0; i < n; i++) {
		area_tree_visits = 0;
		s = area_find_gap_highest(&t, (1 + (i & 1)) * PAGE, PAGE, 0, ULONG_MAX);
		v += area_tree_visits;
		nodes[i].start = s;
		nodes[i].end = s + (1 + (i & 1)) * PAGE;
		refused += AREA_FAILED(s) || area_insert(&t, &nodes[i]) != 0;
	}
	CHECK(!refused && area_tree_check(&t) == NULL, "top-down build of %lu: %s", n,
	      check_tree(&t));
	return (double)v / (double)n;
}

/* Bits in n: floor(log2 n) + 1. */
static unsigned long bits(unsigned long n)
{
	unsigned long b = 0;

	while (n) {
		b++;
		n >>= 1;
	}
	return b;
}

/*
 * The mean depth itself grows about fivefold from 10 to 60,000 nodes, so the bound is per
 * level: a few nodes per level of the tree, and 60,000 areas cost only a little more than
 * 10,000. The top-down build (every search finds all free space below the lowest area, one
 * small gap next to the large one at every level) costs one descent plus the tail gap's right
 * spine now that each node caches its own gap (vm/area_tree.c): held to 4 visits per level,
 * O(log n).
 */
static void test_scaling(void)
{
	static const unsigned long sizes[] = {10, 10000, 60000};
	struct scale_result r[3];
	double td;
	unsigned long b;
	int i;

	for (i = 0; i < 3; i++) {
		scale_one(sizes[i], &r[i]);
		b = bits(sizes[i]);
		printf("scaling: %5lu areas (height %lu, mean depth %.1f): visits per search "
		       "%.1f lowest, %.1f highest; predecessor steps per insert/erase %.1f\n",
		       sizes[i], r[i].height, r[i].depth, r[i].low, r[i].high, r[i].upd);
		CHECK(r[i].low <= 3.0 * (double)b + 6 && r[i].high <= 3.0 * (double)b + 6,
		      "%lu areas: %.1f/%.1f visits per search is more than 3 per level", sizes[i],
		      r[i].low, r[i].high);
		CHECK(r[i].upd <= 2.0 * (double)b, "%lu areas: %.1f steps per update", sizes[i],
		      r[i].upd);
		td = scale_topdown(sizes[i]);
		printf("scaling: %5lu areas placed top-down: %.1f visits per find_gap_highest\n",
		       sizes[i], td);
		CHECK(td <= 4.0 * (double)b + 10, "%lu areas top-down: %.1f visits", sizes[i], td);
	}
	CHECK(r[2].low <= 1.3 * r[1].low && r[2].high <= 1.3 * r[1].high,
	      "10,000 -> 60,000 areas: %.1f -> %.1f, %.1f -> %.1f visits", r[1].low, r[2].low,
	      r[1].high, r[2].high);
}

int main(int argc, char **argv)
{
	unsigned long steps = 1000000;

	if (argc > 1)
		rng_state = strtoull(argv[1], NULL, 0) | 1;
	if (argc > 2)
		steps = strtoul(argv[2], NULL, 0);
	setvbuf(stdout, NULL, _IOLBF, 0); /* keep the report if a broken tree crashes */
	printf("seed %#llx\n", (unsigned long long)rng_state);
	test_empty_and_requests();
	test_top_of_address_space();
	test_split_merge();
	test_random(steps);
	if (!stop_random) /* the corruption cases build on a working tree and model */
		test_corruption();
	test_scaling();
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
