/*
 * test_memblock.c - host tests for vm/memblock.c.
 *
 * Table-driven checks of adding and reserving (page alignment outward, merging of
 * overlapping and touching ranges, sorted insertion, the full table), memblock_is_reserved,
 * the DRAM bounds, and memblock_phys_alloc (top-down, alignment, holes, failures); then a
 * random test that compares the tables with a per-page bitmap model and every allocation
 * with a brute-force search for the highest fitting place.
 * Prints "N passed, M failed" last; exits non-zero on any failure.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/memblock.h"

uintptr_t host_linear_base;

#include "tests/host/check.h"

#define MB(x) ((uint32_t)(x) << 20)
#define RAM   PHYS_OFFSET

static void reset(void)
{
	memset(&memblock, 0, sizeof(memblock));
}

/* Whether the table holds exactly the n (base, size) pairs that follow. */
static bool table_is(const struct memblock_type *t, unsigned int n, const uint32_t *pairs)
{
	unsigned int i;

	if (t->cnt != n)
		return false;
	for (i = 0; i < n; i++)
		if (t->regions[i].base != pairs[2 * i] || t->regions[i].size != pairs[2 * i + 1])
			return false;
	return true;
}

static void dump(const char *name, const struct memblock_type *t)
{
	unsigned int i;

	printf("  %s (%u):", name, t->cnt);
	for (i = 0; i < t->cnt; i++)
		printf(" [%#x+%#x]", (unsigned int)t->regions[i].base,
		       (unsigned int)t->regions[i].size);
	printf("\n");
}

#define TABLE(t, ...)                                                                              \
	do {                                                                                       \
		static const uint32_t want_[] = {__VA_ARGS__};                                     \
		bool ok_ = table_is(t, sizeof(want_) / sizeof(want_[0]) / 2, want_);               \
		CHECK(ok_, "%s", #t " is {" #__VA_ARGS__ "}");                                     \
		if (!ok_)                                                                          \
			dump(#t, t);                                                               \
	} while (0)

static void test_add(void)
{
	struct memblock_type *m = &memblock.memory;

	reset();
	CHECK(memblock_start_of_DRAM() == 0 && memblock_end_of_DRAM() == 0, "empty bounds");
	CHECK(memblock_add(RAM + 0x123, 0x10) == 0, "add small");
	TABLE(m, RAM, 0x1000);
	CHECK(memblock_add(RAM + 0x1fff, 2) == 0, "add straddling a page boundary");
	TABLE(m, RAM, 0x3000);
	CHECK(memblock_add(RAM + MB(4), 0) == 0, "size 0");
	TABLE(m, RAM, 0x3000);

	reset();
	memblock_add(RAM + MB(8), MB(1));
	memblock_add(RAM, MB(1));
	memblock_add(RAM + MB(4), MB(1));
	TABLE(m, RAM, MB(1), RAM + MB(4), MB(1), RAM + MB(8), MB(1));
	memblock_add(RAM + MB(1), MB(1)); /* touches the first */
	TABLE(m, RAM, MB(2), RAM + MB(4), MB(1), RAM + MB(8), MB(1));
	memblock_add(RAM + MB(3), MB(1)); /* touches the second from below */
	TABLE(m, RAM, MB(2), RAM + MB(3), MB(2), RAM + MB(8), MB(1));
	memblock_add(RAM + MB(4) + 0x800, 0x1000); /* inside */
	TABLE(m, RAM, MB(2), RAM + MB(3), MB(2), RAM + MB(8), MB(1));
	memblock_add(RAM + MB(1) + 5, MB(8) - 5); /* covers the gaps, overlaps all three */
	TABLE(m, RAM, MB(9));
	CHECK(memblock_start_of_DRAM() == RAM && memblock_end_of_DRAM() == RAM + MB(9), "bounds");

	/* The last page of the 32-bit space is dropped so that ends fit. */
	reset();
	memblock_add(0xfff00000u, MB(1));
	TABLE(m, 0xfff00000u, MB(1) - 0x1000);
	memblock_add(0xffffff00u, 0x1000);
	TABLE(m, 0xfff00000u, MB(1) - 0x1000);
}

static void test_reserve(void)
{
	struct memblock_type *r = &memblock.reserved;

	reset();
	memblock_add(RAM, MB(64));
	CHECK(memblock_reserve(RAM + TEXT_OFFSET, 0x2a3456) == 0, "reserve image");
	TABLE(r, RAM + TEXT_OFFSET, 0x2a4000);
	memblock_reserve(RAM + 0x1234567, 0x6789);
	TABLE(r, RAM + TEXT_OFFSET, 0x2a4000, RAM + 0x1234000, 0x7000);
	memblock_reserve(RAM + TEXT_OFFSET + 0x100000, MB(2)); /* overlaps the image's end */
	TABLE(r, RAM + TEXT_OFFSET, 0x300000, RAM + 0x1234000, 0x7000);
	memblock_reserve(RAM, MB(1));
	TABLE(r, RAM, MB(1), RAM + TEXT_OFFSET, 0x300000, RAM + 0x1234000, 0x7000);
	memblock_reserve(RAM + 0xff000, 0x102000); /* bridges the blob and the image */
	TABLE(r, RAM, 0x500000, RAM + 0x1234000, 0x7000);

	CHECK(memblock_is_reserved(RAM), "start of the first");
	CHECK(memblock_is_reserved(RAM + 0x4fffff), "last byte of the first");
	CHECK(!memblock_is_reserved(RAM + 0x500000), "first byte after");
	CHECK(memblock_is_reserved(RAM + 0x123a000) && !memblock_is_reserved(RAM + 0x123b000),
	      "second");
	CHECK(!memblock_is_reserved(RAM - 1) && !memblock_is_reserved(0xffffffffu), "outside");
	/* Reserving outside RAM is allowed (firmware areas are described that way). */
	CHECK(memblock_reserve(0x1000, 0x1000) == 0 && memblock_is_reserved(0x1800), "below RAM");
	CHECK(memblock.memory.cnt == 1, "memory table untouched by reserves");
}

static void test_full_table(void)
{
	struct memblock_type *m = &memblock.memory;
	struct memblock r0;
	unsigned int i;

	reset();
	for (i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		CHECK(memblock_add(RAM + MB(2 * i), MB(1)) == 0, "add %u", i);
	CHECK(m->cnt == MEMBLOCK_MAX_REGIONS, "full");
	r0 = memblock;
	CHECK(memblock_add(RAM + MB(2 * MEMBLOCK_MAX_REGIONS), MB(1)) == -1, "one past the end");
	CHECK(memblock_add(RAM - MB(2), MB(1)) == -1, "one before the start");
	CHECK(memcmp(&r0, &memblock, sizeof(r0)) == 0, "unchanged after failures");
	/* Growing a region or joining two needs no new slot. */
	CHECK(memblock_add(RAM + MB(1), 0x1000) == 0 && m->cnt == MEMBLOCK_MAX_REGIONS &&
		      m->regions[0].size == MB(1) + 0x1000,
	      "grow while full");
	CHECK(memblock_add(RAM + MB(3), MB(1)) == 0 && m->cnt == MEMBLOCK_MAX_REGIONS - 1 &&
		      m->regions[1].base == RAM + MB(2) && m->regions[1].size == MB(3),
	      "join while full");
	CHECK(memblock_add(RAM + MB(100), MB(1)) == 0, "a slot is free again");
	CHECK(memblock_reserve(RAM, 1) == 0, "the reserved table is separate");

	/* A full reserved table makes an allocation that needs a new slot fail. */
	reset();
	memblock_add(RAM, MB(128));
	for (i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		memblock_reserve(RAM + MB(2 * i), 0x1000);
	CHECK(memblock.reserved.cnt == MEMBLOCK_MAX_REGIONS, "reserved full");
	CHECK(memblock_phys_alloc(0x1000, 0x1000) == 0, "allocation with a full reserved table");
	CHECK(memblock.reserved.cnt == MEMBLOCK_MAX_REGIONS &&
		      !memblock_is_reserved(RAM + MB(128) - 1),
	      "nothing reserved by the failed allocation");
}

static void test_alloc(void)
{
	struct memblock_type *r = &memblock.reserved;
	phys_addr_t a, b;

	reset();
	CHECK(memblock_phys_alloc(0x1000, 0x1000) == 0, "no RAM");
	memblock_add(RAM, MB(64));
	a = memblock_phys_alloc(0x1000, 0x1000);
	CHECK(a == RAM + MB(64) - 0x1000, "top page: %#x", (unsigned int)a);
	b = memblock_phys_alloc(0x10, 8);
	CHECK(b == a - 0x1000, "next one below, rounded to a page: %#x", (unsigned int)b);
	TABLE(r, RAM + MB(64) - 0x2000, 0x2000);
	a = memblock_phys_alloc(0x3000, MB(1));
	CHECK(a == RAM + MB(63), "1 MiB aligned below the taken pages: %#x", (unsigned int)a);
	TABLE(r, RAM + MB(63), 0x3000, RAM + MB(64) - 0x2000, 0x2000);
	a = memblock_phys_alloc(0x1000, 0);
	CHECK(a == RAM + MB(64) - 0x3000, "align 0 means a page; fills the gap: %#x",
	      (unsigned int)a);
	CHECK(memblock_phys_alloc(0x1000, 0x3000) == 0, "alignment not a power of two");
	CHECK(memblock_phys_alloc(0, 0x1000) == 0, "size 0");
	CHECK(memblock_phys_alloc(MB(64), 0x1000) == 0, "larger than what is free");
	CHECK(memblock_phys_alloc(0xffffffffu, 0x1000) == 0, "huge");

	/* A hole in RAM and reserved ranges: the highest range that fits wins. */
	reset();
	memblock_add(RAM, MB(16));
	memblock_add(RAM + MB(32), MB(2));
	memblock_reserve(RAM + MB(32) + 0x1000, MB(2) - 0x2000); /* one page free on each side */
	a = memblock_phys_alloc(0x1000, 0x1000);
	CHECK(a == RAM + MB(34) - 0x1000, "top free page: %#x", (unsigned int)a);
	a = memblock_phys_alloc(0x1000, 0x1000);
	CHECK(a == RAM + MB(32), "the page below the reserved range: %#x", (unsigned int)a);
	a = memblock_phys_alloc(0x2000, 0x1000);
	CHECK(a == RAM + MB(16) - 0x2000, "next memory region down: %#x", (unsigned int)a);
	TABLE(r, RAM + MB(16) - 0x2000, 0x2000, RAM + MB(32), MB(2));
	a = memblock_phys_alloc(MB(16) - 0x1000, 0x1000);
	CHECK(a == 0, "no room for 16 MiB - 4 KiB: %#x", (unsigned int)a);
	memblock_reserve(RAM, 1); /* the only 8 MiB aligned place that fits 8 MiB is gone */
	a = memblock_phys_alloc(MB(8), MB(8));
	CHECK(a == 0, "no 8 MiB aligned 8 MiB range: %#x", (unsigned int)a);
	a = memblock_phys_alloc(MB(4), MB(4));
	CHECK(a == RAM + MB(8), "highest 4 MiB aligned 4 MiB range: %#x", (unsigned int)a);
	CHECK(memblock_end_of_DRAM() == RAM + MB(34), "end of DRAM");
}

/* ---- random test against a bitmap model ---- */

#define MPAGES 2048 /* model space: 8 MiB of pages from RAM */
static unsigned char mem_model[MPAGES], rsv_model[MPAGES];

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* The table equals the maximal runs of set pages in the model. */
static bool table_matches(const struct memblock_type *t, const unsigned char *model)
{
	unsigned int i = 0, p = 0;

	while (p < MPAGES) {
		unsigned int q;

		if (!model[p]) {
			p++;
			continue;
		}
		for (q = p; q < MPAGES && model[q]; q++)
			;
		if (i >= t->cnt || t->regions[i].base != RAM + p * 0x1000u ||
		    t->regions[i].size != (q - p) * 0x1000u)
			return false;
		i++;
		p = q;
	}
	return i == t->cnt;
}

static void model_mark(unsigned char *model, uint32_t base, uint32_t size)
{
	uint32_t p, lo = (base - RAM) / 0x1000, hi = (base - RAM + size + 0xfff) / 0x1000;

	if (!size)
		return;
	for (p = lo; p < hi && p < MPAGES; p++)
		model[p] = 1;
}

/* Highest page-aligned place for `pages` pages aligned to `al` (pages) in free RAM, or -1. */
static long model_alloc(unsigned int pages, unsigned int al)
{
	long p;

	for (p = (long)MPAGES - (long)pages; p >= 0; p--) {
		unsigned int k;

		if (p % al)
			continue;
		for (k = 0; k < pages; k++)
			if (!mem_model[p + k] || rsv_model[p + k])
				break;
		if (k == pages)
			return p;
	}
	return -1;
}

static void test_random(void)
{
	unsigned long tables = 0, allocs = 0, wrong = 0, fails = 0, round;

	for (round = 0; round < 2000; round++) {
		unsigned int i, n;

		reset();
		memset(mem_model, 0, sizeof(mem_model));
		memset(rsv_model, 0, sizeof(rsv_model));
		n = 1 + rnd(6);
		for (i = 0; i < n; i++) {
			uint32_t base = RAM + rnd(MPAGES * 0x1000 - 0x1000);
			uint32_t size = 1 + rnd(MPAGES * 0x1000 / 4);

			if (base - RAM + size > MPAGES * 0x1000u)
				size = MPAGES * 0x1000u - (base - RAM);
			memblock_add(base, size);
			model_mark(mem_model, base, size);
		}
		n = rnd(10);
		for (i = 0; i < n; i++) {
			uint32_t base = RAM + rnd(MPAGES * 0x1000 - 0x1000);
			uint32_t size = rnd(MPAGES * 0x1000 / 16);

			if (base - RAM + size > MPAGES * 0x1000u)
				size = MPAGES * 0x1000u - (base - RAM);
			memblock_reserve(base, size);
			model_mark(rsv_model, base, size);
		}
		if (!table_matches(&memblock.memory, mem_model) ||
		    !table_matches(&memblock.reserved, rsv_model)) {
			if (tables++ < 5) {
				dump("memory", &memblock.memory);
				dump("reserved", &memblock.reserved);
			}
			continue;
		}
		for (i = 0; i < 12; i++) {
			uint32_t size = 1 + rnd(64 * 0x1000);
			uint32_t align = 1u << rnd(21);
			unsigned int pages = (size + 0xfff) / 0x1000;
			unsigned int al = align < 0x1000 ? 1 : align / 0x1000;
			long want = model_alloc(pages, al);
			phys_addr_t got = memblock_phys_alloc(size, align);

			allocs++;
			if (want < 0)
				fails++;
			if ((want < 0 && got != 0) ||
			    (want >= 0 && got != RAM + (uint32_t)want * 0x1000u)) {
				if (wrong++ < 5)
					printf("  alloc %#x align %#x: got %#x, want %#lx\n", size,
					       align, (unsigned int)got,
					       want < 0 ? 0ul : RAM + (unsigned long)want * 0x1000);
				break;
			}
			if (got)
				model_mark(rsv_model, got, size);
			if (!table_matches(&memblock.reserved, rsv_model)) {
				tables++;
				break;
			}
		}
	}
	printf("random: %lu allocations, %lu of them without room\n", allocs, fails);
	CHECK(tables == 0, "%lu tables differ from the model", tables);
	CHECK(wrong == 0, "%lu allocations differ from the model", wrong);
	CHECK(fails > 0 && fails < allocs, "both outcomes exercised (%lu of %lu failed)", fails,
	      allocs);
}

int main(void)
{
	test_add();
	test_reserve();
	test_full_table();
	test_alloc();
	test_random();
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
