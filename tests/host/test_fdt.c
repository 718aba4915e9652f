/*
 * tests/host/test_fdt.c - host unit test of platform/fdt.c.
 *
 * Builds DTBs in memory with a tiny blob builder (no files needed), checks
 * every accessor on a realistic QEMU-virt-like tree, then attacks fdt_init()
 * with one violation per validation rule, with every truncation of the good
 * blob and with thousands of random mutations. Run under ASan/UBSan: every
 * blob handed to the parser sits in a malloc() buffer of exactly its size, so
 * any out-of-bounds read is a sanitizer error. Prints "N passed, M failed"
 * last and exits non-zero on any failure.
 */
#include "platform/fdt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned int passed, failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		unsigned long long va_ = (unsigned long long)(a), vb_ = (unsigned long long)(b);   \
		if (va_ == vb_) {                                                                  \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (0x%llx != 0x%llx)\n",   \
				__FILE__, __LINE__, #a, #b, va_, vb_);                             \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *sa_ = (a), *sb_ = (b);                                                 \
		if (sa_ && sb_ && strcmp(sa_, sb_) == 0) {                                         \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			fprintf(stderr, "%s:%d: CHECK_STR failed: %s == \"%s\" (got \"%s\")\n",    \
				__FILE__, __LINE__, #a, sb_ ? sb_ : "(null)",                      \
				sa_ ? sa_ : "(null)");                                             \
		}                                                                                  \
	} while (0)

/* ---- blob builder --------------------------------------------------------- */

#define B_STRUCT_MAX  65536
#define B_STRINGS_MAX 4096
#define B_RSV_MAX     8

struct bld {
	uint8_t st[B_STRUCT_MAX];
	uint32_t st_len;
	char strs[B_STRINGS_MAX];
	uint32_t str_len;
	uint64_t rsv[B_RSV_MAX][2];
	uint32_t nrsv;
	/* layout chosen by bld_finish() */
	uint32_t off_rsv, off_struct, off_strings, totalsize;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static void bld_init(struct bld *b)
{
	memset(b, 0, sizeof(*b));
}

/* Raw 32-bit word in the struct block (tokens, or anything hostile). */
static void b_u32(struct bld *b, uint32_t v)
{
	if (b->st_len + 4 > B_STRUCT_MAX)
		abort();
	put32(b->st + b->st_len, v);
	b->st_len += 4;
}

/* Raw bytes, zero-padded to 4. */
static void b_bytes(struct bld *b, const void *p, uint32_t n)
{
	if (b->st_len + n + 4 > B_STRUCT_MAX)
		abort();
	if (n)
		memcpy(b->st + b->st_len, p, n);
	b->st_len += n;
	while (b->st_len & 3)
		b->st[b->st_len++] = 0;
}

/* Offset of name in the strings block, appending it if it is not there yet. */
static uint32_t b_str(struct bld *b, const char *name)
{
	uint32_t n = (uint32_t)strlen(name) + 1, off;

	for (off = 0; off < b->str_len; off += (uint32_t)strlen(b->strs + off) + 1) {
		if (strcmp(b->strs + off, name) == 0)
			return off;
	}
	if (b->str_len + n > B_STRINGS_MAX)
		abort();
	memcpy(b->strs + b->str_len, name, n);
	b->str_len += n;
	return off;
}

static void b_begin(struct bld *b, const char *name)
{
	b_u32(b, FDT_BEGIN_NODE);
	b_bytes(b, name, (uint32_t)strlen(name) + 1);
}

static void b_endnode(struct bld *b)
{
	b_u32(b, FDT_END_NODE);
}

static void b_prop_raw(struct bld *b, uint32_t nameoff, const void *data, uint32_t len)
{
	b_u32(b, FDT_PROP);
	b_u32(b, len);
	b_u32(b, nameoff);
	b_bytes(b, data, len);
}

static void b_prop(struct bld *b, const char *name, const void *data, uint32_t len)
{
	b_prop_raw(b, b_str(b, name), data, len);
}

static void b_prop_str(struct bld *b, const char *name, const char *s)
{
	b_prop(b, name, s, (uint32_t)strlen(s) + 1);
}

/* Property made of n big-endian cells. */
static void b_prop_cells(struct bld *b, const char *name, uint32_t n, const uint32_t *cells)
{
	uint8_t buf[64 * 4];
	uint32_t i;

	for (i = 0; i < n; i++)
		put32(buf + 4 * i, cells[i]);
	b_prop(b, name, buf, 4 * n);
}

static void b_prop_u32(struct bld *b, const char *name, uint32_t v)
{
	b_prop_cells(b, name, 1, &v);
}

static void b_rsv(struct bld *b, uint64_t addr, uint64_t size)
{
	b->rsv[b->nrsv][0] = addr;
	b->rsv[b->nrsv][1] = size;
	b->nrsv++;
}

enum layout {
	LAYOUT_STD,	    /* header, rsvmap, struct, strings (what dtc does) */
	LAYOUT_STRINGS_1ST, /* header, strings, rsvmap, struct, 64 bytes of free space */
};

/*
 * Lay the blob out in a fresh malloc() buffer of exactly totalsize bytes
 * (version 17). Caller frees.
 */
static uint8_t *bld_finish_layout(struct bld *b, enum layout layout, uint32_t *sizep)
{
	uint32_t rsv_size = (b->nrsv + 1) * 16, i, off = 40;
	uint8_t *p;

	if (layout == LAYOUT_STD) {
		b->off_rsv = off;
		b->off_struct = b->off_rsv + rsv_size;
		b->off_strings = b->off_struct + b->st_len;
		b->totalsize = b->off_strings + b->str_len;
	} else {
		b->off_strings = off;
		b->off_rsv = (b->off_strings + b->str_len + 7) & ~7u;
		b->off_struct = b->off_rsv + rsv_size;
		b->totalsize = b->off_struct + b->st_len + 64;
	}
	p = calloc(1, b->totalsize);
	if (!p)
		abort();
	put32(p + 0, FDT_MAGIC);
	put32(p + 4, b->totalsize);
	put32(p + 8, b->off_struct);
	put32(p + 12, b->off_strings);
	put32(p + 16, b->off_rsv);
	put32(p + 20, 17);
	put32(p + 24, 16);
	put32(p + 28, 0);
	put32(p + 32, b->str_len);
	put32(p + 36, b->st_len);
	for (i = 0; i < b->nrsv; i++) {
		put64(p + b->off_rsv + 16 * i, b->rsv[i][0]);
		put64(p + b->off_rsv + 16 * i + 8, b->rsv[i][1]);
	}
	memcpy(p + b->off_struct, b->st, b->st_len);
	memcpy(p + b->off_strings, b->strs, b->str_len);
	*sizep = b->totalsize;
	return p;
}

static uint8_t *bld_finish(struct bld *b, uint32_t *sizep)
{
	return bld_finish_layout(b, LAYOUT_STD, sizep);
}

static uint8_t *dup_blob(const uint8_t *p, uint32_t size)
{
	uint8_t *q = malloc(size ? size : 1);

	if (!q)
		abort();
	if (size)
		memcpy(q, p, size);
	return q;
}

/* ---- the realistic tree ------------------------------------------------------ */

/* Struct offsets of some nodes of the good tree, recorded while building. */
struct good_offsets {
	uint32_t root, chosen, memory, cpus, cpu0, pl011, pl031, intc, v2m, timer, psci, soc,
		soc_dev, badcells, odd_reg;
};

static void build_good(struct bld *b, struct good_offsets *o)
{
	static const char pl011_compat[] = "arm,pl011\0arm,primecell";
	static const char pl031_compat[] = "arm,pl031\0arm,primecell";
	static const char clock_names[] = "uartclk\0apb_pclk";
	static const uint32_t mem_reg[] = {0, 0x40000000, 0, 0x08000000};
	static const uint32_t pl011_reg[] = {0, 0x09000000, 0, 0x1000};
	static const uint32_t pl031_reg[] = {0, 0x09010000, 0, 0x1000};
	static const uint32_t intc_reg[] = {0, 0x08000000, 0, 0x10000, 0, 0x08010000, 0, 0x10000};
	static const uint32_t v2m_reg[] = {0, 0x08020000, 0, 0x1000};
	static const uint32_t timer_irqs[] = {1, 13, 0x104, 1, 14, 0x104,
					      1, 11, 0x104, 1, 10, 0x104};
	static const uint32_t soc_dev_reg[] = {0x1c090000, 0x1000, 0x1c0a0000, 0x2000};
	static const uint32_t three[] = {0, 0, 0x1234};

	bld_init(b);
	b_rsv(b, 0x48000000, 0x100000);
	b_rsv(b, 0xfffff000ull << 20, 0x2000);

	b_u32(b, FDT_NOP); /* NOPs are allowed anywhere, even before the root */
	o->root = b->st_len;
	b_begin(b, "");
	b_prop_u32(b, "interrupt-parent", 0x8002);
	b_prop_str(b, "model", "linux,dummy-virt");
	b_prop_u32(b, "#size-cells", 2);
	b_prop_u32(b, "#address-cells", 2);
	b_u32(b, FDT_NOP);
	b_prop_str(b, "compatible", "linux,dummy-virt");

	o->chosen = b->st_len;
	b_begin(b, "chosen");
	b_prop_str(b, "bootargs", "console=ttyAMA0 uniarm.test=1");
	b_prop_str(b, "stdout-path", "/pl011@9000000");
	b_endnode(b);

	o->memory = b->st_len;
	b_begin(b, "memory@40000000");
	b_prop_cells(b, "reg", 4, mem_reg);
	b_prop_str(b, "device_type", "memory");
	b_endnode(b);

	o->cpus = b->st_len;
	b_begin(b, "cpus");
	b_prop_u32(b, "#size-cells", 0);
	b_prop_u32(b, "#address-cells", 1);
	o->cpu0 = b->st_len;
	b_begin(b, "cpu@0");
	b_prop_u32(b, "reg", 0);
	b_prop_str(b, "compatible", "arm,cortex-a15");
	b_prop_str(b, "device_type", "cpu");
	b_endnode(b);
	b_endnode(b);

	o->pl011 = b->st_len;
	b_begin(b, "pl011@9000000");
	b_prop(b, "clock-names", clock_names, sizeof(clock_names));
	b_prop_cells(b, "reg", 4, pl011_reg);
	b_prop(b, "compatible", pl011_compat, sizeof(pl011_compat));
	b_endnode(b);

	o->pl031 = b->st_len;
	b_begin(b, "pl031@9010000");
	b_prop_cells(b, "reg", 4, pl031_reg);
	b_prop(b, "compatible", pl031_compat, sizeof(pl031_compat));
	b_endnode(b);

	o->intc = b->st_len;
	b_begin(b, "intc@8000000");
	b_prop_cells(b, "reg", 8, intc_reg);
	b_prop(b, "interrupt-controller", NULL, 0);
	b_prop_u32(b, "#address-cells", 2);
	b_prop_u32(b, "#size-cells", 2);
	b_prop_str(b, "compatible", "arm,cortex-a15-gic");
	b_u32(b, FDT_NOP);
	o->v2m = b->st_len;
	b_begin(b, "v2m@8020000");
	b_prop_str(b, "compatible", "arm,gic-v2m-frame");
	b_prop_cells(b, "reg", 4, v2m_reg);
	b_endnode(b);
	b_endnode(b);

	o->timer = b->st_len;
	b_begin(b, "timer");
	b_prop_cells(b, "interrupts", 12, timer_irqs);
	b_prop_str(b, "compatible", "arm,armv7-timer");
	b_endnode(b);

	o->psci = b->st_len;
	b_begin(b, "psci");
	b_prop_str(b, "method", "hvc");
	b_prop_str(b, "compatible", "arm,psci-1.0\0");
	b_endnode(b);

	o->soc = b->st_len;
	b_begin(b, "soc");
	b_prop_u32(b, "#address-cells", 1);
	b_prop_u32(b, "#size-cells", 1);
	o->soc_dev = b->st_len;
	b_begin(b, "dev@1c090000");
	b_prop_cells(b, "reg", 4, soc_dev_reg);
	b_prop_str(b, "status", "");
	b_endnode(b);
	o->badcells = b->st_len;
	b_begin(b, "bad");
	b_prop_u32(b, "#address-cells", 3);
	b_begin(b, "x@0");
	b_prop_cells(b, "reg", 3, three);
	b_endnode(b);
	b_endnode(b);
	o->odd_reg = b->st_len;
	b_begin(b, "odd@0");
	b_prop_cells(b, "reg", 3, three); /* 1.5 entries with 1+1 cells */
	b_prop(b, "unterminated", "abc", 3);
	b_endnode(b);
	b_endnode(b);

	b_endnode(b); /* root */
	b_u32(b, FDT_NOP);
	b_u32(b, FDT_END);
}

static uint8_t *good_blob(uint32_t *sizep, struct good_offsets *o)
{
	static struct bld b;
	struct good_offsets tmp;

	build_good(&b, o ? o : &tmp);
	return bld_finish(&b, sizep);
}

/* ---- accessor tests on the good tree --------------------------------------- */

static void test_good_tree(void)
{
	struct good_offsets o;
	struct fdt f;
	char err[160];
	uint32_t size, len, v, ts;
	uint64_t addr, sz;
	uint8_t *p = good_blob(&size, &o);
	const char *s;
	const uint8_t *val;
	int n, depth, count, prop;

	CHECK_EQ(fdt_init(&f, p, size, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK(f.blob == p);
	CHECK_EQ(f.totalsize, size);
	CHECK_EQ(fdt_peek_totalsize(p, &ts), 0);
	CHECK_EQ(ts, size);
	CHECK_EQ(fdt_peek_totalsize(NULL, &ts), -1);
	CHECK_EQ(fdt_peek_totalsize(p, NULL), -1);
	{
		uint8_t hdr[8];

		memcpy(hdr, p, 8);
		put32(hdr + 4, 35);
		CHECK_EQ(fdt_peek_totalsize(hdr, &ts), -1);
		put32(hdr + 4, 36);
		CHECK_EQ(fdt_peek_totalsize(hdr, &ts), 0);
		CHECK_EQ(ts, 36);
		hdr[3] ^= 0x10;
		CHECK_EQ(fdt_peek_totalsize(hdr, &ts), -1);
	}
	/* max_size larger than the blob is fine */
	{
		uint8_t *big = calloc(1, size + 100);

		memcpy(big, p, size);
		CHECK_EQ(fdt_init(&f, big, size + 100, err, sizeof(err)), 0);
		free(big);
	}
	CHECK_EQ(fdt_init(&f, p, size, NULL, 0), 0);

	/* paths */
	CHECK_EQ(fdt_path_offset(&f, "/"), o.root);
	CHECK_EQ(fdt_path_offset(&f, "/chosen"), o.chosen);
	CHECK_EQ(fdt_path_offset(&f, "/chosen/"), o.chosen);
	CHECK_EQ(fdt_path_offset(&f, "//chosen"), o.chosen);
	CHECK_EQ(fdt_path_offset(&f, "/memory"), o.memory);
	CHECK_EQ(fdt_path_offset(&f, "/memory@40000000"), o.memory);
	CHECK_EQ(fdt_path_offset(&f, "/memory@4000000"), -1);
	CHECK_EQ(fdt_path_offset(&f, "/memory@400000000"), -1);
	CHECK_EQ(fdt_path_offset(&f, "/mem"), -1);
	CHECK_EQ(fdt_path_offset(&f, "/pl011@9000000"), o.pl011);
	CHECK_EQ(fdt_path_offset(&f, "/pl011"), o.pl011);
	CHECK_EQ(fdt_path_offset(&f, "/pl031"), o.pl031);
	CHECK_EQ(fdt_path_offset(&f, "/intc"), o.intc);
	CHECK_EQ(fdt_path_offset(&f, "/intc/v2m"), o.v2m);
	CHECK_EQ(fdt_path_offset(&f, "/intc@8000000/v2m@8020000"), o.v2m);
	CHECK_EQ(fdt_path_offset(&f, "/v2m"), -1);
	CHECK_EQ(fdt_path_offset(&f, "/timer"), o.timer);
	CHECK_EQ(fdt_path_offset(&f, "/psci"), o.psci);
	CHECK_EQ(fdt_path_offset(&f, "/cpus/cpu@0"), o.cpu0);
	CHECK_EQ(fdt_path_offset(&f, "/soc/dev"), o.soc_dev);
	CHECK_EQ(fdt_path_offset(&f, "/nope"), -1);
	CHECK_EQ(fdt_path_offset(&f, "/chosen/nope"), -1);
	CHECK_EQ(fdt_path_offset(&f, "/pl011@9000000/x"), -1);
	CHECK_EQ(fdt_path_offset(&f, "chosen"), -1);
	CHECK_EQ(fdt_path_offset(&f, ""), -1);
	CHECK_EQ(fdt_path_offset(&f, NULL), -1);
	CHECK_EQ(fdt_path_offset(NULL, "/"), -1);

	/* names */
	CHECK_STR(fdt_node_name(&f, o.root), "");
	CHECK_STR(fdt_node_name(&f, o.memory), "memory@40000000");
	CHECK_STR(fdt_node_name(&f, o.v2m), "v2m@8020000");
	CHECK(fdt_node_name(&f, -1) == NULL);
	CHECK(fdt_node_name(&f, (int)o.root + 4) == NULL);

	/* pre-order walk with depth */
	{
		static const char *const order[] = {
			"",
			"chosen",
			"memory@40000000",
			"cpus",
			"cpu@0",
			"pl011@9000000",
			"pl031@9010000",
			"intc@8000000",
			"v2m@8020000",
			"timer",
			"psci",
			"soc",
			"dev@1c090000",
			"bad",
			"x@0",
			"odd@0",
		};
		static const int depths[] = {1, 2, 2, 2, 3, 2, 2, 2, 3, 2, 2, 2, 3, 3, 4, 3};

		count = 0;
		depth = 0;
		for (n = fdt_next_node(&f, -1, &depth); n >= 0; n = fdt_next_node(&f, n, &depth)) {
			if (count < 16) {
				CHECK_STR(fdt_node_name(&f, n), order[count]);
				CHECK_EQ(depth, depths[count]);
			}
			count++;
		}
		CHECK_EQ(count, 16);
		CHECK_EQ(depth, 0);
		/* subtree walk: leaves the subtree with depth < 0 */
		depth = 0;
		n = fdt_next_node(&f, (int)o.intc, &depth);
		CHECK_EQ(n, o.v2m);
		CHECK_EQ(depth, 1);
		n = fdt_next_node(&f, n, &depth);
		CHECK_EQ(n, -1);
		CHECK(depth < 0);
		/* without depth: plain pre-order */
		CHECK_EQ(fdt_next_node(&f, (int)o.v2m, NULL), o.timer);
		CHECK_EQ(fdt_next_node(&f, (int)o.chosen + 4, NULL), -1);
	}

	/* children, siblings, parents */
	{
		static const char *const kids[] = {
			"chosen",	"memory@40000000", "cpus", "pl011@9000000", "pl031@9010000",
			"intc@8000000", "timer",	   "psci", "soc",
		};

		count = 0;
		for (n = fdt_first_child(&f, (int)o.root); n >= 0; n = fdt_next_sibling(&f, n)) {
			if (count < 9)
				CHECK_STR(fdt_node_name(&f, n), kids[count]);
			CHECK_EQ(fdt_parent(&f, n), o.root);
			count++;
		}
		CHECK_EQ(count, 9);
	}
	CHECK_EQ(fdt_first_child(&f, (int)o.chosen), -1);
	CHECK_EQ(fdt_first_child(&f, (int)o.intc), o.v2m);
	CHECK_EQ(fdt_next_sibling(&f, (int)o.v2m), -1);
	CHECK_EQ(fdt_next_sibling(&f, (int)o.root), -1);
	CHECK_EQ(fdt_next_sibling(&f, (int)o.soc_dev), o.badcells);
	CHECK_EQ(fdt_parent(&f, (int)o.root), -1);
	CHECK_EQ(fdt_parent(&f, (int)o.v2m), o.intc);
	CHECK_EQ(fdt_parent(&f, (int)o.cpu0), o.cpus);
	CHECK_EQ(fdt_parent(&f, (int)o.intc + 4), -1);
	CHECK_EQ(fdt_parent(&f, -5), -1);
	CHECK_EQ(fdt_first_child(&f, 3), -1);

	/* properties */
	s = fdt_getprop(&f, (int)o.chosen, "bootargs", &len);
	CHECK_STR(s, "console=ttyAMA0 uniarm.test=1");
	CHECK_EQ(len, strlen("console=ttyAMA0 uniarm.test=1") + 1);
	CHECK(fdt_getprop(&f, (int)o.chosen, "bootargs", NULL) == s);
	CHECK_STR(fdt_prop_string(&f, (int)o.chosen, "bootargs"), "console=ttyAMA0 uniarm.test=1");
	CHECK(fdt_getprop(&f, (int)o.chosen, "bootarg", &len) == NULL);
	CHECK(fdt_getprop(&f, (int)o.chosen, "bootargsx", &len) == NULL);
	CHECK(fdt_getprop(&f, (int)o.chosen, "", &len) == NULL);
	CHECK(fdt_getprop(&f, (int)o.chosen, NULL, &len) == NULL);
	CHECK(fdt_getprop(&f, (int)o.root, "bootargs", &len) == NULL); /* not inherited */
	len = 99;
	CHECK(fdt_getprop(&f, (int)o.intc, "interrupt-controller", &len) != NULL);
	CHECK_EQ(len, 0);
	CHECK(fdt_prop_string(&f, (int)o.intc, "interrupt-controller") == NULL);
	CHECK(fdt_prop_string(&f, (int)o.odd_reg, "unterminated") == NULL);
	CHECK_STR(fdt_prop_string(&f, (int)o.soc_dev, "status"), "");
	CHECK_STR(fdt_prop_string(&f, (int)o.pl011, "compatible"), "arm,pl011");
	CHECK_STR(fdt_prop_string(&f, (int)o.psci, "method"), "hvc");
	CHECK_STR(fdt_getprop(&f, (int)o.psci, "method", NULL), "hvc");
	CHECK(fdt_prop_u32(&f, (int)o.root, "#address-cells", &v));
	CHECK_EQ(v, 2);
	CHECK(fdt_prop_u32(&f, (int)o.root, "interrupt-parent", &v));
	CHECK_EQ(v, 0x8002);
	CHECK(fdt_prop_u32(&f, (int)o.root, "interrupt-parent", NULL));
	CHECK(!fdt_prop_u32(&f, (int)o.memory, "reg", &v));		   /* 16 bytes */
	CHECK(!fdt_prop_u32(&f, (int)o.intc, "interrupt-controller", &v)); /* 0 bytes */
	CHECK(!fdt_prop_u32(&f, (int)o.memory, "nope", &v));
	CHECK(!fdt_prop_u32(NULL, (int)o.memory, "reg", &v));

	/* property iteration */
	{
		static const char *const names[] = {"clock-names", "reg", "compatible"};
		const char *nm;

		count = 0;
		for (prop = fdt_first_prop(&f, (int)o.pl011); prop >= 0;
		     prop = fdt_next_prop(&f, prop)) {
			val = fdt_prop_by_offset(&f, prop, &nm, &len);
			CHECK(val != NULL);
			if (count < 3)
				CHECK_STR(nm, names[count]);
			count++;
		}
		CHECK_EQ(count, 3);
		/* the root's properties stop at its first child; NOP in between skipped */
		count = 0;
		for (prop = fdt_first_prop(&f, (int)o.root); prop >= 0;
		     prop = fdt_next_prop(&f, prop))
			count++;
		CHECK_EQ(count, 5);
		CHECK_EQ(fdt_first_prop(&f, -1), -1);
		CHECK_EQ(fdt_first_prop(&f, (int)o.root + 4), -1);
	}
	CHECK(fdt_prop_by_offset(&f, (int)o.root, NULL, NULL) == NULL);
	CHECK_EQ(fdt_next_prop(&f, (int)o.root), -1);

	/* cells */
	CHECK(fdt_prop_cell(&f, (int)o.timer, "interrupts", 0, &v));
	CHECK_EQ(v, 1);
	CHECK(fdt_prop_cell(&f, (int)o.timer, "interrupts", 1, &v));
	CHECK_EQ(v, 13);
	CHECK(fdt_prop_cell(&f, (int)o.timer, "interrupts", 11, &v));
	CHECK_EQ(v, 0x104);
	CHECK(!fdt_prop_cell(&f, (int)o.timer, "interrupts", 12, &v));
	CHECK(!fdt_prop_cell(&f, (int)o.timer, "interrupts", 0xffffffffu, &v));
	CHECK(!fdt_prop_cell(&f, (int)o.timer, "nope", 0, &v));
	CHECK(!fdt_prop_cell(&f, (int)o.odd_reg, "unterminated", 0, &v)); /* 3 bytes */

	/* compatible */
	CHECK(fdt_node_is_compatible(&f, (int)o.pl011, "arm,pl011"));
	CHECK(fdt_node_is_compatible(&f, (int)o.pl011, "arm,primecell"));
	CHECK(!fdt_node_is_compatible(&f, (int)o.pl011, "arm,pl01"));
	CHECK(!fdt_node_is_compatible(&f, (int)o.pl011, "arm,pl0111"));
	CHECK(!fdt_node_is_compatible(&f, (int)o.pl011, ""));
	CHECK(!fdt_node_is_compatible(&f, (int)o.pl011, NULL));
	CHECK(!fdt_node_is_compatible(&f, (int)o.chosen, "arm,pl011"));
	CHECK(fdt_node_is_compatible(&f, (int)o.root, "linux,dummy-virt"));
	CHECK(fdt_node_is_compatible(&f, (int)o.psci, "arm,psci-1.0"));
	CHECK(!fdt_node_is_compatible(&f, (int)o.psci, "")); /* "a\0\0": empty 2nd string */
	n = fdt_node_offset_by_compatible(&f, -1, "arm,primecell");
	CHECK_EQ(n, o.pl011);
	n = fdt_node_offset_by_compatible(&f, n, "arm,primecell");
	CHECK_EQ(n, o.pl031);
	CHECK_EQ(fdt_node_offset_by_compatible(&f, n, "arm,primecell"), -1);
	CHECK_EQ(fdt_node_offset_by_compatible(&f, -1, "linux,dummy-virt"), o.root);
	CHECK_EQ(fdt_node_offset_by_compatible(&f, -1, "arm,gic-v2m-frame"), o.v2m);
	CHECK_EQ(fdt_node_offset_by_compatible(&f, -1, "nope"), -1);
	CHECK_EQ(fdt_node_offset_by_compatible(&f, -1, NULL), -1);
	CHECK_EQ(fdt_node_offset_by_devtype(&f, -1, "memory"), o.memory);
	CHECK_EQ(fdt_node_offset_by_devtype(&f, (int)o.memory, "memory"), -1);
	CHECK_EQ(fdt_node_offset_by_devtype(&f, -1, "cpu"), o.cpu0);
	CHECK_EQ(fdt_node_offset_by_devtype(&f, -1, "mem"), -1);
	CHECK_EQ(fdt_node_offset_by_devtype(&f, -1, NULL), -1);

	/* reg */
	CHECK(fdt_read_reg(&f, (int)o.memory, 0, &addr, &sz));
	CHECK_EQ(addr, 0x40000000);
	CHECK_EQ(sz, 0x08000000);
	CHECK(!fdt_read_reg(&f, (int)o.memory, 1, &addr, &sz));
	CHECK(fdt_read_reg(&f, (int)o.pl011, 0, &addr, NULL));
	CHECK_EQ(addr, 0x09000000);
	CHECK(fdt_read_reg(&f, (int)o.intc, 0, &addr, &sz));
	CHECK_EQ(addr, 0x08000000);
	CHECK_EQ(sz, 0x10000);
	CHECK(fdt_read_reg(&f, (int)o.intc, 1, NULL, &sz));
	CHECK(fdt_read_reg(&f, (int)o.intc, 1, &addr, &sz));
	CHECK_EQ(addr, 0x08010000);
	CHECK_EQ(sz, 0x10000);
	CHECK(!fdt_read_reg(&f, (int)o.intc, 2, &addr, &sz));
	CHECK(!fdt_read_reg(&f, (int)o.intc, 0xffffffffu, &addr, &sz));
	CHECK(fdt_read_reg(&f, (int)o.v2m, 0, &addr, &sz)); /* intc's cells: 2/2 */
	CHECK_EQ(addr, 0x08020000);
	CHECK_EQ(sz, 0x1000);
	CHECK(fdt_read_reg(&f, (int)o.soc_dev, 1, &addr, &sz)); /* soc's cells: 1/1 */
	CHECK_EQ(addr, 0x1c0a0000);
	CHECK_EQ(sz, 0x2000);
	CHECK(!fdt_read_reg(&f, (int)o.cpu0, 0, &addr, &sz));	  /* #size-cells = 0 */
	CHECK(!fdt_read_reg(&f, (int)o.badcells, 0, &addr, &sz)); /* no reg */
	n = fdt_first_child(&f, (int)o.badcells);
	CHECK(n >= 0);
	CHECK(!fdt_read_reg(&f, n, 0, &addr, &sz));		 /* #address-cells = 3 */
	CHECK(!fdt_read_reg(&f, (int)o.odd_reg, 0, &addr, &sz)); /* 12 bytes, 8-byte entries */
	CHECK(!fdt_read_reg(&f, (int)o.chosen, 0, &addr, &sz));
	CHECK(!fdt_read_reg(&f, -1, 0, &addr, &sz));

	/* reservation map */
	CHECK_EQ(fdt_num_mem_rsv(&f), 2);
	CHECK(fdt_get_mem_rsv(&f, 0, &addr, &sz));
	CHECK_EQ(addr, 0x48000000);
	CHECK_EQ(sz, 0x100000);
	CHECK(fdt_get_mem_rsv(&f, 1, &addr, &sz));
	CHECK_EQ(addr, 0xfffff000ull << 20);
	CHECK_EQ(sz, 0x2000);
	CHECK(!fdt_get_mem_rsv(&f, 2, &addr, &sz));
	CHECK(!fdt_get_mem_rsv(&f, 0xffffffffu, &addr, &sz));

	free(p);
}

/* A failed fdt_init() leaves an fdt on which every accessor fails cleanly. */
static void test_failed_init_unusable(void)
{
	struct fdt f;
	uint32_t size, v;
	uint64_t a, s;
	uint8_t *p = good_blob(&size, NULL);

	CHECK_EQ(fdt_init(&f, p, size, NULL, 0), 0);
	p[0] ^= 1;
	CHECK_EQ(fdt_init(&f, p, size, NULL, 0), -1);
	CHECK(f.blob == NULL);
	CHECK_EQ(fdt_path_offset(&f, "/"), -1);
	CHECK_EQ(fdt_next_node(&f, -1, NULL), -1);
	CHECK_EQ(fdt_first_child(&f, 0), -1);
	CHECK_EQ(fdt_next_sibling(&f, 0), -1);
	CHECK_EQ(fdt_parent(&f, 0), -1);
	CHECK(fdt_node_name(&f, 0) == NULL);
	CHECK(fdt_getprop(&f, 0, "x", NULL) == NULL);
	CHECK(!fdt_prop_u32(&f, 0, "x", &v));
	CHECK(!fdt_prop_cell(&f, 0, "x", 0, &v));
	CHECK(!fdt_node_is_compatible(&f, 0, "x"));
	CHECK_EQ(fdt_node_offset_by_compatible(&f, -1, "x"), -1);
	CHECK_EQ(fdt_node_offset_by_devtype(&f, -1, "x"), -1);
	CHECK(!fdt_read_reg(&f, 0, 0, &a, &s));
	CHECK_EQ(fdt_num_mem_rsv(&f), 0);
	CHECK(!fdt_get_mem_rsv(&f, 0, &a, &s));
	CHECK_EQ(fdt_first_prop(&f, 0), -1);
	CHECK_EQ(fdt_num_mem_rsv(NULL), 0);
	CHECK_EQ(fdt_init(NULL, p, size, NULL, 0), -1);
	free(p);
}

/* ---- hostile blobs ---------------------------------------------------------- */

/* fdt_init() on a private exact-size copy must fail with a message containing want. */
static void expect_reject_at(const char *file, int line, const uint8_t *p, uint32_t size,
			     uint32_t max_size, const char *want)
{
	struct fdt f;
	char err[200];
	uint8_t *q = dup_blob(p, size);
	int rc;

	memset(err, 'X', sizeof(err));
	rc = fdt_init(&f, q, max_size, err, sizeof(err));
	if (rc == -1 && strncmp(err, "fdt: ", 5) == 0 && strstr(err, want) && f.blob == NULL &&
	    memchr(err, 0, sizeof(err))) {
		passed++;
	} else {
		failed++;
		fprintf(stderr, "%s:%d: expected rejection containing \"%s\", got rc=%d \"%.*s\"\n",
			file, line, want, rc, (int)sizeof(err), err);
	}
	free(q);
}

#define EXPECT_REJECT(p, size, want)                                                               \
	expect_reject_at(__FILE__, __LINE__, (p), (size), (size), (want))
#define EXPECT_REJECT_MAX(p, size, max, want)                                                      \
	expect_reject_at(__FILE__, __LINE__, (p), (size), (max), (want))

static void expect_accept_at(const char *file, int line, const uint8_t *p, uint32_t size)
{
	struct fdt f;
	char err[200];
	uint8_t *q = dup_blob(p, size);

	if (fdt_init(&f, q, size, err, sizeof(err)) == 0) {
		passed++;
	} else {
		failed++;
		fprintf(stderr, "%s:%d: expected acceptance, got \"%s\"\n", file, line, err);
	}
	free(q);
}

#define EXPECT_ACCEPT(p, size) expect_accept_at(__FILE__, __LINE__, (p), (size))

/* Good blob with header word at byte offset off replaced by v. */
static void reject_hdr(int line, uint32_t off, uint32_t v, const char *want)
{
	uint32_t size;
	uint8_t *p = good_blob(&size, NULL);

	put32(p + off, v);
	expect_reject_at(__FILE__, line, p, size, size, want);
	free(p);
}

static void test_header_rejects(void)
{
	struct bld *b = malloc(sizeof(*b));
	struct good_offsets o;
	struct fdt f;
	char err[128];
	uint32_t size;
	uint8_t *p;

	p = good_blob(&size, &o);

	/* blob pointer / size */
	CHECK_EQ(fdt_init(&f, NULL, size, err, sizeof(err)), -1);
	CHECK(strstr(err, "fdt: blob pointer is NULL") != NULL);
	EXPECT_REJECT_MAX(p, 39, 39, "only 39 bytes available, header needs 40");
	EXPECT_REJECT_MAX(p, 0, 0, "only 0 bytes available");
	CHECK_EQ(fdt_init(&f, (const void *)(UINTPTR_MAX - 15), 64, err, sizeof(err)), -1);
	CHECK(strstr(err, "wraps around the address space") != NULL);

	/* magic, versions */
	reject_hdr(__LINE__, 0, 0xedfe0dd0, "bad magic 0xedfe0dd0 (expected 0xd00dfeed)");
	reject_hdr(__LINE__, 20, 15, "version 15 unsupported (need >= 16)");
	reject_hdr(__LINE__, 20, 0, "version 0 unsupported");
	reject_hdr(__LINE__, 24, 18, "last_comp_version 18 unsupported (need <= 17)");
	{
		uint8_t *q = dup_blob(p, size);

		put32(q + 20, 16); /* version 16, last_comp 17 */
		put32(q + 24, 17);
		EXPECT_REJECT(q, size, "last_comp_version 17 greater than version 16");
		free(q);
	}

	/* totalsize */
	reject_hdr(__LINE__, 4, 39, "totalsize 0x27 smaller than header (0x28)");
	reject_hdr(__LINE__, 4, size + 1, "exceeds available size");
	reject_hdr(__LINE__, 4, 0x80000000u, "totalsize 0x80000000 exceeds limit 0x7fffffff");
	{
		/* even with a huge max_size, more than 2 GiB is refused before any read */
		uint8_t *q = dup_blob(p, size);

		put32(q + 4, 0xffffffffu);
		CHECK_EQ(fdt_init(&f, q, 0xffffffffu, err, sizeof(err)), -1);
		CHECK(strstr(err, "exceeds limit 0x7fffffff") != NULL);
		free(q);
	}
	/* truncating max_size below totalsize */
	EXPECT_REJECT_MAX(p, size, size - 1, "exceeds available size");

	/* reservation map */
	reject_hdr(__LINE__, 16, 44, "off_mem_rsvmap 0x2c not 8-byte aligned");
	reject_hdr(__LINE__, 16, 32, "off_mem_rsvmap 0x20 overlaps the header (size 0x28)");
	reject_hdr(__LINE__, 16, 0, "off_mem_rsvmap 0x0 overlaps the header");
	reject_hdr(__LINE__, 16, (size & ~7u) + 8, "extends past totalsize");
	reject_hdr(__LINE__, 16, 0xfffffff8u, "off_mem_rsvmap 0xfffffff8 + one entry");

	/* struct block */
	reject_hdr(__LINE__, 8, get32(p + 8) + 2, "not 4-byte aligned");
	reject_hdr(__LINE__, 8, 36, "off_dt_struct 0x24 overlaps the header (size 0x28)");
	reject_hdr(__LINE__, 8, (size + 4) & ~3u, "extends past totalsize");
	reject_hdr(__LINE__, 8, 0xfffffffcu, "off_dt_struct 0xfffffffc + size_dt_struct");
	reject_hdr(__LINE__, 36, 0xfffffff0u,
		   "+ size_dt_struct 0xfffffff0 extends past totalsize"); /* overflow */
	reject_hdr(__LINE__, 36, size, "extends past totalsize");

	/* strings block */
	reject_hdr(__LINE__, 12, 0, "off_dt_strings 0x0 overlaps the header");
	reject_hdr(__LINE__, 12, size + 1, "off_dt_strings");
	reject_hdr(__LINE__, 32, 0xffffffffu,
		   "+ size_dt_strings 0xffffffff extends past totalsize"); /* overflow */
	reject_hdr(__LINE__, 12, 0xffffffffu, "off_dt_strings 0xffffffff");

	/* overlaps */
	{
		struct bld *bb = b;
		uint8_t *q;
		uint32_t qs;

		build_good(bb, &o);
		q = bld_finish(bb, &qs);
		/* struct block one word into the strings block */
		put32(q + 36, bb->st_len + 4);
		EXPECT_REJECT(q, qs, "struct block [");
		EXPECT_REJECT(q, qs, ") overlaps strings block [");
		/* strings block starting inside the struct block */
		put32(q + 36, bb->st_len);
		put32(q + 12, bb->off_strings - 8);
		EXPECT_REJECT(q, qs, "overlaps strings block");
		/* struct block starting inside the reservation map */
		put32(q + 12, bb->off_strings);
		put32(q + 8, bb->off_struct - 8);
		EXPECT_REJECT(q, qs, "memory reservation map");
		free(q);

		/* strings before the rsvmap, then grown into it */
		q = bld_finish_layout(bb, LAYOUT_STRINGS_1ST, &qs);
		EXPECT_ACCEPT(q, qs);
		put32(q + 32, bb->str_len + 8);
		EXPECT_REJECT(q, qs, "memory reservation map [");
		EXPECT_REJECT(q, qs, ") overlaps strings block [");
		free(q);
		/* strings between the rsvmap and the struct block: fine, and it bounds the map */
		q = bld_finish(bb, &qs);
		{
			uint32_t rsv_size = bb->off_struct - bb->off_rsv;
			uint32_t soff = bb->off_rsv + rsv_size;
			uint32_t toff = (soff + bb->str_len + 3) & ~3u;
			uint32_t rs = toff + bb->st_len;
			uint8_t *r = calloc(1, rs);

			memcpy(r, q, bb->off_struct); /* header and rsvmap */
			memcpy(r + soff, q + bb->off_strings, bb->str_len);
			memcpy(r + toff, q + bb->off_struct, bb->st_len);
			put32(r + 4, rs);
			put32(r + 12, soff);
			put32(r + 8, toff);
			EXPECT_ACCEPT(r, rs);
			put32(r + soff - 4, 1); /* terminator */
			EXPECT_REJECT(r, rs,
				      "memory reservation map at 0x28 has no terminating (0, 0) "
				      "entry before offset 0x58");
			free(r);
		}
		free(q);
		/* the struct block placed over the rsvmap terminator */
		q = bld_finish_layout(bb, LAYOUT_STRINGS_1ST, &qs);
		put32(q + 8, bb->off_struct - 16);
		put32(q + 36, bb->st_len + 16);
		EXPECT_REJECT(q, qs, "has no terminating (0, 0) entry before offset");
		free(q);
	}

	/* unterminated reservation map (terminator overwritten) */
	{
		uint8_t *q = dup_blob(p, size);

		put32(q + 40 + 2 * 16 + 4, 1);
		EXPECT_REJECT(q, size,
			      "memory reservation map at 0x28 has no terminating (0, 0) entry "
			      "before offset 0x58");
		free(q);
	}
	/* wrapping reservation entry */
	{
		uint8_t *q = dup_blob(p, size);

		put64(q + 40, 0xffffffffffff0000ull);
		put64(q + 48, 0x10001);
		EXPECT_REJECT(q, size,
			      "memory reservation entry 0 (address 0xffffffffffff0000, size "
			      "0x10001) wraps");
		put64(q + 48, 0x10000); /* ends exactly at 2^64: fine */
		EXPECT_ACCEPT(q, size);
		free(q);
	}

	/* message truncation: always NUL-terminated, never overruns errlen */
	{
		char small[9];

		memset(small, 'X', sizeof(small));
		CHECK_EQ(fdt_init(&f, p, 10, small, 8), -1);
		CHECK_STR(small, "fdt: on");
		CHECK_EQ(small[8], 'X');
		memset(small, 'X', sizeof(small));
		CHECK_EQ(fdt_init(&f, p, 10, small, 1), -1);
		CHECK_EQ(small[0], 0);
		CHECK_EQ(small[1], 'X');
		CHECK_EQ(fdt_init(&f, p, 10, small, 0), -1);
		CHECK_EQ(small[1], 'X');
	}
	free(p);
	free(b);
}

/* Finish b (standard layout) and expect rejection containing want. */
static void reject_bld(int line, struct bld *b, const char *want)
{
	uint32_t size;
	uint8_t *p = bld_finish(b, &size);

	expect_reject_at(__FILE__, line, p, size, size, want);
	free(p);
}

static void accept_bld(int line, struct bld *b)
{
	uint32_t size;
	uint8_t *p = bld_finish(b, &size);

	expect_accept_at(__FILE__, line, p, size);
	free(p);
}

/* A minimal valid tree: root { a = <1>; child { }; }. */
static void minimal(struct bld *b)
{
	bld_init(b);
	b_begin(b, "");
	b_prop_u32(b, "a", 1);
	b_begin(b, "child");
	b_endnode(b);
	b_endnode(b);
	b_u32(b, FDT_END);
}

static void test_struct_rejects(void)
{
	struct bld *b = malloc(sizeof(*b));
	char msg[160];
	uint32_t size, i;
	uint8_t *p;

	minimal(b);
	accept_bld(__LINE__, b);

	/* NOPs anywhere */
	bld_init(b);
	b_u32(b, FDT_NOP);
	b_begin(b, "");
	b_u32(b, FDT_NOP);
	b_prop_u32(b, "a", 1);
	b_u32(b, FDT_NOP);
	b_begin(b, "child");
	b_u32(b, FDT_NOP);
	b_endnode(b);
	b_u32(b, FDT_NOP);
	b_endnode(b);
	b_u32(b, FDT_NOP);
	b_u32(b, FDT_END);
	accept_bld(__LINE__, b);

	/* empty strings block: a tree without properties */
	bld_init(b);
	b_begin(b, "");
	b_endnode(b);
	b_u32(b, FDT_END);
	accept_bld(__LINE__, b);

	/* first token not BEGIN_NODE */
	bld_init(b);
	b_prop_u32(b, "a", 1);
	b_begin(b, "");
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "property at struct offset 0x0 outside any node");

	bld_init(b);
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "FDT_END_NODE at struct offset 0x0 closes no node");

	bld_init(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "FDT_END at struct offset 0x0 before any root node");

	bld_init(b);
	reject_bld(__LINE__, b,
		   "struct block (size 0x0) ends at struct offset 0x0 without FDT_END");

	/* root name */
	bld_init(b);
	b_begin(b, "/");
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "root node at struct offset 0x0 has a non-empty name");

	/* empty child name */
	bld_init(b);
	b_begin(b, "");
	b_begin(b, "");
	b_endnode(b);
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "node at struct offset 0x8 has an empty name");

	/* node name not NUL-terminated within the struct block */
	bld_init(b);
	b_begin(b, "");
	b_u32(b, FDT_BEGIN_NODE);
	b_bytes(b, "abcdefgh", 8);
	reject_bld(__LINE__, b,
		   "node at struct offset 0x8: name not NUL-terminated within struct block "
		   "(size 0x14)");

	/* node name padding past the block end (size_dt_struct cut inside the padding) */
	bld_init(b);
	b_begin(b, "");
	b_begin(b, "abcde");
	p = bld_finish(b, &size);
	put32(p + 36, b->st_len - 1);
	EXPECT_REJECT(p, size,
		      "node at struct offset 0x8: name padding runs past struct block end 0x13");
	free(p);

	/* property header / length / padding past the block end */
	bld_init(b);
	b_begin(b, "");
	b_u32(b, FDT_PROP);
	b_u32(b, 0);
	reject_bld(__LINE__, b,
		   "property at struct offset 0x8: header runs past struct block end 0x10");

	bld_init(b);
	b_begin(b, "");
	b_prop_raw(b, b_str(b, "a"), "xyzw", 4);
	b_endnode(b);
	b_u32(b, FDT_END);
	put32(b->st + 8 + 4, 0x1000);
	reject_bld(__LINE__, b,
		   "property at struct offset 0x8: length 0x1000 runs past struct block end "
		   "0x20");
	put32(b->st + 8 + 4, 0xfffffff8u); /* would overflow a naive off + 12 + len */
	reject_bld(__LINE__, b, "length 0xfffffff8 runs past struct block end");

	bld_init(b);
	b_begin(b, "");
	b_prop(b, "a", "xyzwv", 5);
	p = bld_finish(b, &size);
	put32(p + 36, b->st_len - 2);
	EXPECT_REJECT(
		p, size,
		"property at struct offset 0x8: value padding runs past struct block end 0x1a");
	free(p);

	/* property name offset outside the strings block */
	bld_init(b);
	b_begin(b, "");
	b_prop_u32(b, "abc", 1);
	b_prop_raw(b, 0x900, "1234", 4);
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b,
		   "fdt: property at struct offset 0x18: name offset 0x900 outside strings block "
		   "(size 0x4)");
	bld_init(b);
	b_begin(b, "");
	b_prop_u32(b, "abc", 1);
	b_prop_raw(b, 4, "1234", 4); /* one past the end */
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "name offset 0x4 outside strings block (size 0x4)");
	put32(b->st + 0x18 + 8, 0xffffffffu);
	reject_bld(__LINE__, b, "name offset 0xffffffff outside strings block");
	put32(b->st + 0x18 + 8, 3); /* the NUL of "abc": empty name */
	reject_bld(__LINE__, b, "property at struct offset 0x18: empty name (strings offset 0x3)");
	put32(b->st + 0x18 + 8, 1); /* "bc": fine */
	accept_bld(__LINE__, b);

	/* property name not NUL-terminated inside the strings block */
	bld_init(b);
	b_begin(b, "");
	b_prop_u32(b, "abc", 1);
	b_endnode(b);
	b_u32(b, FDT_END);
	b->str_len = 3; /* drop the NUL */
	reject_bld(__LINE__, b,
		   "property at struct offset 0x8: name at strings offset 0x0 not NUL-terminated "
		   "within strings block (size 0x3)");

	/* END_NODE below depth 0 */
	bld_init(b);
	b_begin(b, "");
	b_endnode(b);
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "FDT_END_NODE at struct offset 0xc closes no node");

	/* second root */
	bld_init(b);
	b_begin(b, "");
	b_endnode(b);
	b_begin(b, "");
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "second root node at struct offset 0xc");

	/* property after the root closed */
	bld_init(b);
	b_begin(b, "");
	b_endnode(b);
	b_prop_u32(b, "a", 1);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "property at struct offset 0xc outside any node");

	/* missing FDT_END / FDT_END inside an open node */
	bld_init(b);
	b_begin(b, "");
	b_endnode(b);
	reject_bld(__LINE__, b,
		   "struct block (size 0xc) ends at struct offset 0xc without FDT_END");
	bld_init(b);
	b_begin(b, "");
	b_begin(b, "a");
	b_endnode(b);
	reject_bld(__LINE__, b, "ends at struct offset 0x14 without FDT_END");
	bld_init(b);
	b_begin(b, "");
	b_begin(b, "a");
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "FDT_END at struct offset 0x14 with 1 node(s) open");

	/* data after FDT_END (size_dt_struct larger than the tokens) */
	minimal(b);
	b_u32(b, FDT_NOP);
	reject_bld(__LINE__, b,
		   "FDT_END at struct offset 0x2c is not the last token of the struct block "
		   "(size 0x34)");

	/* unknown tokens, at various places */
	{
		static const uint32_t bad[] = {0, 5, 6, 7, 8, 10, 0x100, 0x01000000, 0xffffffffu};

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			bld_init(b);
			b_begin(b, "");
			b_prop_u32(b, "a", 1);
			b_u32(b, bad[i]);
			b_endnode(b);
			b_u32(b, FDT_END);
			snprintf(msg, sizeof(msg), "fdt: unknown token 0x%x at struct offset 0x18",
				 bad[i]);
			reject_bld(__LINE__, b, msg);
		}
		bld_init(b);
		b_u32(b, 0x7);
		reject_bld(__LINE__, b, "unknown token 0x7 at struct offset 0x0");
	}

	/* properties after a subnode */
	bld_init(b);
	b_begin(b, "");
	b_begin(b, "child");
	b_endnode(b);
	b_prop_u32(b, "a", 1);
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b,
		   "property at struct offset 0x18 follows a subnode (properties must precede "
		   "subnodes)");
	bld_init(b);
	b_begin(b, "");
	b_begin(b, "child");
	b_begin(b, "grandchild");
	b_endnode(b);
	b_u32(b, FDT_NOP);
	b_prop_u32(b, "a", 1);
	b_endnode(b);
	b_endnode(b);
	b_u32(b, FDT_END);
	reject_bld(__LINE__, b, "follows a subnode");
	/* but a property in a new sibling after a subnode is fine */
	bld_init(b);
	b_begin(b, "");
	b_begin(b, "c1");
	b_begin(b, "g");
	b_endnode(b);
	b_endnode(b);
	b_begin(b, "c2");
	b_prop_u32(b, "a", 1);
	b_endnode(b);
	b_endnode(b);
	b_u32(b, FDT_END);
	accept_bld(__LINE__, b);

	/* depth limit: 64 levels accepted, 65 rejected */
	for (i = 0; i < 2; i++) {
		uint32_t levels = FDT_MAX_DEPTH + i, j;

		bld_init(b);
		b_begin(b, "");
		for (j = 1; j < levels; j++)
			b_begin(b, "n");
		b_prop_u32(b, "leaf", j);
		for (j = 0; j < levels; j++)
			b_endnode(b);
		b_u32(b, FDT_END);
		if (i == 0) {
			struct fdt f;
			int node, d = 0, deepest = 0;
			uint32_t v = 0;

			accept_bld(__LINE__, b);
			p = bld_finish(b, &size);
			CHECK_EQ(fdt_init(&f, p, size, NULL, 0), 0);
			for (node = fdt_next_node(&f, -1, &d); node >= 0;
			     node = fdt_next_node(&f, node, &d))
				deepest = node;
			CHECK_EQ(d, 0);
			CHECK(fdt_prop_u32(&f, deepest, "leaf", &v));
			CHECK_EQ(v, 64);
			/* the deepest node's parent chain reaches the root in 63 steps */
			for (j = 0; deepest >= 0; j++)
				deepest = fdt_parent(&f, deepest);
			CHECK_EQ(j, 64);
			free(p);
		} else {
			reject_bld(__LINE__, b,
				   "node at struct offset 0x200: nesting depth exceeds limit 64");
		}
	}

	free(b);
}

/* Version 16 (36-byte header, no size_dt_struct) is accepted; its struct size is found by the walk.
 */
static void test_v16(void)
{
	struct bld *b = malloc(sizeof(*b));
	struct fdt f;
	char err[160];
	uint32_t size;
	uint8_t *p;

	minimal(b);
	p = bld_finish(b, &size);
	put32(p + 20, 16);
	put32(p + 36, 0xdeadbeef); /* not a header field in v16 */
	CHECK_EQ(fdt_init(&f, p, size, err, sizeof(err)), 0);
	CHECK_EQ(f.size_struct, b->st_len);
	CHECK_STR(fdt_node_name(&f, fdt_path_offset(&f, "/child")), "child");
	free(p);

	/* v16 without FDT_END: the walk runs into the strings block and fails */
	bld_init(b);
	b_begin(b, "");
	b_prop_u32(b, "a", 1);
	b_endnode(b);
	p = bld_finish(b, &size);
	put32(p + 20, 16);
	EXPECT_REJECT(p, size, "fdt: ");
	free(p);

	/* v16: the strings block may only be checked against the struct block after the walk */
	bld_init(b);
	b_begin(b, "");
	b_endnode(b);
	b_u32(b, FDT_END);
	p = bld_finish(b, &size);
	put32(p + 20, 16);
	put32(p + 12, b->off_struct + 4); /* strings = the root's (empty) name word */
	put32(p + 32, 4);
	EXPECT_REJECT(p, size, "struct block [0x38, 0x48) overlaps strings block [0x3c, 0x40)");
	free(p);

	/* v16 with trailing garbage in the struct block: the struct block (up to FDT_END) is
	 * fine, the junk is free space */
	minimal(b);
	b_u32(b, 0x12345678);
	p = bld_finish(b, &size);
	put32(p + 20, 16);
	EXPECT_ACCEPT(p, size);
	free(p);
	free(b);
}

/* ---- exhaustive exercise of an accepted blob ---------------------------------- */

static unsigned long long sink; /* keeps results observable */

static void exercise_node(const struct fdt *f, int n)
{
	static const char *const names[] = {
		"reg",	    "compatible",  "interrupts", "#address-cells",
		"bootargs", "device_type", "",		 "x"};
	uint32_t len, v, i;
	uint64_t a, s;
	const char *nm;
	const uint8_t *val;
	int prop, c;

	nm = fdt_node_name(f, n);
	if (nm)
		sink += strlen(nm);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		val = fdt_getprop(f, n, names[i], &len);
		if (val && len)
			sink += val[0] + val[len - 1]; /* whole value must be readable */
		sink += fdt_prop_u32(f, n, names[i], &v);
		sink += fdt_prop_cell(f, n, names[i], 2, &v);
		nm = fdt_prop_string(f, n, names[i]);
		if (nm)
			sink += strlen(nm);
	}
	for (prop = fdt_first_prop(f, n); prop >= 0; prop = fdt_next_prop(f, prop)) {
		val = fdt_prop_by_offset(f, prop, &nm, &len);
		if (val) {
			sink += strlen(nm) + len;
			if (len)
				sink += val[len - 1];
		}
	}
	sink += fdt_node_is_compatible(f, n, "arm,pl011");
	for (i = 0; i < 3; i++)
		sink += fdt_read_reg(f, n, i, &a, &s);
	sink += (unsigned)fdt_first_child(f, n) + (unsigned)fdt_next_sibling(f, n) +
		(unsigned)fdt_parent(f, n);
	sink += (unsigned)fdt_node_offset_by_compatible(f, n, "arm,primecell");
	sink += (unsigned)fdt_node_offset_by_devtype(f, n, "memory");
	c = 0;
	sink += (unsigned)fdt_next_node(f, n, &c);
}

/*
 * Run every accessor over every node of an accepted blob and check the tree
 * relations are consistent; if sweep, also call them on every offset of the
 * struct block (and a few outside), valid node or not.
 */
static void exercise_all(const struct fdt *f, bool sweep)
{
	static const char *const paths[] = {"/",	 "/chosen", "/memory", "/pl011",
					    "/intc/v2m", "/a/b/c",  "//",      "/pl011@9000000"};
	uint64_t a, s;
	uint32_t i, nrsv;
	int n, c, depth = 0, nodes = 0;
	bool ok = true;

	for (n = fdt_next_node(f, -1, &depth); n >= 0; n = fdt_next_node(f, n, &depth)) {
		exercise_node(f, n);
		for (c = fdt_first_child(f, n); c >= 0; c = fdt_next_sibling(f, c)) {
			if (fdt_parent(f, c) != n)
				ok = false;
		}
		if (depth < 1 || depth > FDT_MAX_DEPTH)
			ok = false;
		nodes++;
	}
	if (!ok || depth != 0 || nodes == 0) {
		failed++;
		fprintf(stderr, "%s:%d: inconsistent tree (nodes %d, depth %d)\n", __FILE__,
			__LINE__, nodes, depth);
	}
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		sink += (unsigned)fdt_path_offset(f, paths[i]);
	nrsv = fdt_num_mem_rsv(f);
	for (i = 0; i <= nrsv; i++)
		sink += fdt_get_mem_rsv(f, i, &a, &s);
	if (sweep) {
		for (n = -8; n < (int)f->size_struct + 16; n++)
			exercise_node(f, n);
	}
}

static void test_good_sweep(void)
{
	struct fdt f;
	uint32_t size;
	uint8_t *p = good_blob(&size, NULL);

	CHECK_EQ(fdt_init(&f, p, size, NULL, 0), 0);
	exercise_all(&f, true);
	passed++;
	free(p);
}

/*
 * Validate a private exact-size copy of p; if accepted, re-validate a copy
 * cut to the claimed totalsize (so ASan also catches reads between totalsize
 * and the end of the buffer) and exercise every accessor on it.
 * Returns fdt_init()'s result.
 */
static int try_blob(const uint8_t *p, uint32_t size, uint32_t max_size, bool sweep)
{
	struct fdt f;
	char err[256];
	uint8_t *q = dup_blob(p, size), *r;
	int rc;

	memset(err, 'X', sizeof(err));
	rc = fdt_init(&f, q, max_size, err, sizeof(err));
	if (!memchr(err, 0, sizeof(err)) || (rc == -1 && strncmp(err, "fdt: ", 5) != 0) ||
	    (rc != 0 && rc != -1)) {
		failed++;
		fprintf(stderr, "%s:%d: bad result rc=%d err=%.40s\n", __FILE__, __LINE__, rc, err);
	} else {
		passed++; /* no crash, sane result (the sanitizers watch the rest) */
	}
	if (rc == 0) {
		uint32_t ts = f.totalsize;

		r = dup_blob(q, ts);
		free(q);
		q = r;
		rc = fdt_init(&f, q, ts, err, sizeof(err));
		if (rc != 0) {
			failed++;
			fprintf(stderr,
				"%s:%d: accepted blob rejected after cut to totalsize: %s\n",
				__FILE__, __LINE__, err);
		} else {
			exercise_all(&f, sweep);
		}
	}
	free(q);
	return rc;
}

static void test_truncations(void)
{
	uint32_t size, len, accepted = 0;
	uint8_t *p = good_blob(&size, NULL), *q = malloc(size);
	bool ok = true;

	/* (a) the buffer ends early; header untouched */
	for (len = 0; len <= size; len++) {
		int rc = try_blob(p, len, len, false);

		if (rc != (len == size ? 0 : -1)) {
			ok = false;
			fprintf(stderr, "truncation (a) at %u: rc %d\n", len, rc);
		}
	}
	CHECK(ok);
	/* (b) totalsize patched to the cut length */
	ok = true;
	for (len = 40; len < size; len++) {
		memcpy(q, p, size);
		put32(q + 4, len);
		if (try_blob(q, len, len, false) != -1) {
			ok = false;
			fprintf(stderr, "truncation (b) at %u accepted\n", len);
		}
	}
	CHECK(ok);
	/* (c) totalsize and block sizes clamped, so the walk itself meets the cut */
	for (len = 40; len < size; len++) {
		uint32_t off;

		memcpy(q, p, size);
		put32(q + 4, len);
		off = get32(q + 8);
		if (off + get32(q + 36) > len)
			put32(q + 36, len > off ? len - off : 0);
		off = get32(q + 12);
		if (off + get32(q + 32) > len)
			put32(q + 32, len > off ? len - off : 0);
		if (try_blob(q, len, len, false) == 0)
			accepted++;
	}
	CHECK_EQ(accepted, 0);
	free(q);
	free(p);
}

/* xorshift32: deterministic, so failures are reproducible. */
static uint32_t rng_state = 0x2545f491u;

static uint32_t rnd(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return x;
}

static void test_mutations(void)
{
	static const uint32_t interesting[] = {
		0,	     1,		  2,	       3,    4,	   9,	  0xffffffffu,
		0x7fffffffu, 0x80000000u, 0xfffffffcu, 0x10, 0x40, 0x100, FDT_MAGIC};
	uint32_t size, i, accepted1 = 0, accepted4 = 0, acceptedh = 0;
	uint8_t *p = good_blob(&size, NULL), *q = malloc(size);
	const uint32_t n1 = 3000, n4 = 3000, nh = 1000;

	/* single random bytes anywhere */
	for (i = 0; i < n1; i++) {
		memcpy(q, p, size);
		q[rnd() % size] = (uint8_t)rnd();
		if (try_blob(q, size, size, (i % 64) == 0) == 0)
			accepted1++;
	}
	/* aligned 32-bit words: random or interesting values */
	for (i = 0; i < n4; i++) {
		uint32_t v = (rnd() & 1) ? rnd() : interesting[rnd() % (sizeof(interesting) / 4)];

		memcpy(q, p, size);
		put32(q + 4 * (rnd() % (size / 4)), v);
		if (try_blob(q, size, size, (i % 64) == 0) == 0)
			accepted4++;
	}
	/* header and small-value words, more likely to reach deep checks: +-small deltas */
	for (i = 0; i < nh; i++) {
		uint32_t off = 4 * (rnd() % 10), delta = (rnd() % 33) - 16;

		memcpy(q, p, size);
		put32(q + off, get32(q + off) + delta);
		if (try_blob(q, size, size, (i % 64) == 0) == 0)
			acceptedh++;
	}
	printf("mutations: %u/%u single-byte, %u/%u 4-byte, %u/%u header-delta accepted\n",
	       accepted1, n1, accepted4, n4, acceptedh, nh);
	/* most mutations hit property values and must be accepted; some must be rejected */
	CHECK(accepted1 > 0 && accepted1 < n1);
	CHECK(accepted4 > 0 && accepted4 < n4);
	passed++;
	free(q);
	free(p);
}

int main(void)
{
	test_good_tree();
	test_failed_init_unusable();
	test_header_rejects();
	test_struct_rejects();
	test_v16();
	test_good_sweep();
	test_truncations();
	test_mutations();
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
