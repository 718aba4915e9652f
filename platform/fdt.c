/*
 * platform/fdt.c - strict, read-only flattened device tree (DTB) parser.
 *
 * fdt_init() validates a whole DTB (DTSpec v0.3, versions 16 and 17) before
 * anything else looks at it; the accessors then walk the structure block.
 * All reads are byte-wise big-endian (the blob may be unaligned) and every
 * read is bounds-checked, in the accessors too, so a corrupt blob or a bogus
 * offset can make a lookup fail but never read outside the blob.
 *
 * Freestanding: no libc, no division (so no __aeabi_*div helpers), only
 * <stdint.h>, <stddef.h> and <stdbool.h>.
 */
#include "fdt.h"

#define HDR_V16_SIZE   36u /* header up to size_dt_strings */
#define HDR_V17_SIZE   40u /* adds size_dt_struct */
#define RSV_ENTRY_SIZE 16u
#define PROP_HDR_SIZE  12u	   /* FDT_PROP, len, nameoff */
#define MAX_TOTALSIZE  0x7fffffffu /* offsets are returned as int */
#define TOK_BAD	       0xffffffffu /* internal: malformed token or bad offset */

/* Header field offsets. */
#define H_MAGIC		    0u
#define H_TOTALSIZE	    4u
#define H_OFF_DT_STRUCT	    8u
#define H_OFF_DT_STRINGS    12u
#define H_OFF_MEM_RSVMAP    16u
#define H_VERSION	    20u
#define H_LAST_COMP_VERSION 24u
#define H_SIZE_DT_STRINGS   32u
#define H_SIZE_DT_STRUCT    36u

/* ---- byte helpers ------------------------------------------------------- */

static uint32_t rd32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
	       (uint32_t)p[3];
}

static uint64_t rd64(const uint8_t *p)
{
	return ((uint64_t)rd32(p) << 32) | rd32(p + 4);
}

static uint32_t align4(uint32_t v)
{
	return (v + 3u) & ~3u;
}

/* Length of the NUL-terminated string at p if the NUL is among the first avail bytes. */
static bool bounded_strlen(const uint8_t *p, uint32_t avail, uint32_t *len)
{
	uint32_t i;

	for (i = 0; i < avail; i++) {
		if (p[i] == 0) {
			*len = i;
			return true;
		}
	}
	return false;
}

/* strlen() for caller-supplied C strings. */
static uint32_t cstr_len(const char *s)
{
	uint32_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static bool bytes_eq(const uint8_t *a, const char *b, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (a[i] != (uint8_t)b[i])
			return false;
	}
	return true;
}

/* ---- error messages ------------------------------------------------------ */

struct errbuf {
	char *buf;
	uint32_t cap;
	uint32_t pos;
};

static void eb_putc(struct errbuf *e, char c)
{
	if (e->buf && e->pos + 1 < e->cap) {
		e->buf[e->pos++] = c;
		e->buf[e->pos] = '\0';
	}
}

static void eb_puts(struct errbuf *e, const char *s)
{
	while (*s)
		eb_putc(e, *s++);
}

static void eb_hex(struct errbuf *e, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int shift = 60;

	eb_puts(e, "0x");
	while (shift > 0 && (v >> shift) == 0)
		shift -= 4;
	for (;;) {
		eb_putc(e, digits[(v >> shift) & 0xf]);
		if (shift == 0)
			break;
		shift -= 4;
	}
}

/* Decimal without division: repeated subtraction of powers of ten. */
static void eb_dec(struct errbuf *e, uint64_t v)
{
	static const uint64_t pow10[] = {
		10000000000000000000ull,
		1000000000000000000ull,
		100000000000000000ull,
		10000000000000000ull,
		1000000000000000ull,
		100000000000000ull,
		10000000000000ull,
		1000000000000ull,
		100000000000ull,
		10000000000ull,
		1000000000ull,
		100000000ull,
		10000000ull,
		1000000ull,
		100000ull,
		10000ull,
		1000ull,
		100ull,
		10ull,
		1ull,
	};
	bool started = false;
	size_t i;

	for (i = 0; i < sizeof(pow10) / sizeof(pow10[0]); i++) {
		char d = '0';

		while (v >= pow10[i]) {
			v -= pow10[i];
			d++;
		}
		if (d != '0' || started || pow10[i] == 1) {
			eb_putc(e, d);
			started = true;
		}
	}
}

/*
 * Write "fdt: " and fmt to the error buffer; "%x" prints the next argument
 * as 0x-prefixed hex, "%u" as decimal. Always returns -1.
 */
static int fail_args(struct errbuf *e, const char *fmt, const uint64_t *args, size_t nargs)
{
	size_t a = 0;

	if (!e)
		return -1;
	e->pos = 0;
	if (e->buf && e->cap > 0)
		e->buf[0] = '\0';
	eb_puts(e, "fdt: ");
	for (; *fmt; fmt++) {
		if (fmt[0] == '%' && (fmt[1] == 'x' || fmt[1] == 'u')) {
			uint64_t v = a < nargs ? args[a] : 0;

			a++;
			if (fmt[1] == 'x')
				eb_hex(e, v);
			else
				eb_dec(e, v);
			fmt++;
		} else {
			eb_putc(e, *fmt);
		}
	}
	return -1;
}

static int fail_msg(struct errbuf *e, const char *msg)
{
	return fail_args(e, msg, NULL, 0);
}

/* FAIL(e, fmt, args...): at least one argument; e may be NULL (no message). */
#define FAIL(e, fmt, ...)                                                                          \
	fail_args((e), (fmt), (const uint64_t[]){__VA_ARGS__},                                     \
		  sizeof((const uint64_t[]){__VA_ARGS__}) / sizeof(uint64_t))

/* ---- structure block tokens ---------------------------------------------- */

/*
 * Decode the token at struct offset off. Returns FDT_BEGIN_NODE, FDT_END_NODE,
 * FDT_PROP, FDT_NOP or FDT_END and stores the offset of the following token
 * in *next. Returns TOK_BAD if off is misaligned or outside the block, or the
 * token is unknown or does not fit (node name not NUL-terminated inside the
 * block, property header/value/padding past the block end, property name
 * offset outside the strings block or the name not NUL-terminated inside it,
 * or an empty property name); a message goes to e if it is not NULL.
 * Guarantees on success: *next is 4-aligned, > off and <= size_struct.
 */
static uint32_t next_tag(const struct fdt *f, uint32_t off, uint32_t *next, struct errbuf *e)
{
	const uint8_t *s = f->blob + f->off_struct;
	const uint32_t size = f->size_struct;
	uint32_t tag, len, nameoff, namelen, end;

	if (off & 3u) {
		FAIL(e, "token at struct offset %x is not 4-byte aligned", off);
		return TOK_BAD;
	}
	if (off > size || size - off < 4) {
		FAIL(e, "struct block (size %x) ends at struct offset %x without FDT_END", size,
		     off);
		return TOK_BAD;
	}
	tag = rd32(s + off);
	switch (tag) {
	case FDT_BEGIN_NODE:
		if (!bounded_strlen(s + off + 4, size - off - 4, &namelen)) {
			FAIL(e,
			     "node at struct offset %x: name not NUL-terminated within struct "
			     "block (size %x)",
			     off, size);
			return TOK_BAD;
		}
		end = align4(off + 4 + namelen + 1);
		if (end > size) {
			FAIL(e,
			     "node at struct offset %x: name padding runs past struct block end "
			     "%x",
			     off, size);
			return TOK_BAD;
		}
		*next = end;
		return tag;
	case FDT_PROP:
		if (size - off < PROP_HDR_SIZE) {
			FAIL(e,
			     "property at struct offset %x: header runs past struct block end "
			     "%x",
			     off, size);
			return TOK_BAD;
		}
		len = rd32(s + off + 4);
		nameoff = rd32(s + off + 8);
		if (len > size - off - PROP_HDR_SIZE) {
			FAIL(e,
			     "property at struct offset %x: length %x runs past struct block "
			     "end %x",
			     off, len, size);
			return TOK_BAD;
		}
		end = align4(off + PROP_HDR_SIZE + len);
		if (end > size) {
			FAIL(e,
			     "property at struct offset %x: value padding runs past struct "
			     "block end %x",
			     off, size);
			return TOK_BAD;
		}
		if (nameoff >= f->size_strings) {
			FAIL(e,
			     "property at struct offset %x: name offset %x outside strings "
			     "block (size %x)",
			     off, nameoff, f->size_strings);
			return TOK_BAD;
		}
		if (!bounded_strlen(f->blob + f->off_strings + nameoff, f->size_strings - nameoff,
				    &namelen)) {
			FAIL(e,
			     "property at struct offset %x: name at strings offset %x not "
			     "NUL-terminated within strings block (size %x)",
			     off, nameoff, f->size_strings);
			return TOK_BAD;
		}
		if (namelen == 0) {
			FAIL(e, "property at struct offset %x: empty name (strings offset %x)", off,
			     nameoff);
			return TOK_BAD;
		}
		*next = end;
		return tag;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		*next = off + 4;
		return tag;
	default:
		FAIL(e, "unknown token %x at struct offset %x", tag, off);
		return TOK_BAD;
	}
}

/*
 * Walk the whole structure block: NOPs anywhere, then exactly one root node
 * with an empty name, balanced nesting no deeper than FDT_MAX_DEPTH,
 * properties only before a node's subnodes, non-root node names non-empty,
 * and FDT_END right after the root closes. If exact_size, FDT_END must be the
 * last token of the block; otherwise (v16: no size_dt_struct) size_struct is
 * set to the end of FDT_END.
 */
static int check_struct(struct fdt *f, struct errbuf *e, bool exact_size)
{
	const uint8_t *s = f->blob + f->off_struct;
	uint32_t off = 0, next = 0, depth = 0;
	bool root_seen = false, child_seen = false;

	for (;;) {
		switch (next_tag(f, off, &next, e)) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && root_seen)
				return FAIL(e, "second root node at struct offset %x", off);
			if (depth == 0 && s[off + 4] != 0)
				return FAIL(e, "root node at struct offset %x has a non-empty name",
					    off);
			if (depth > 0 && s[off + 4] == 0)
				return FAIL(e, "node at struct offset %x has an empty name", off);
			if (depth >= FDT_MAX_DEPTH)
				return FAIL(e,
					    "node at struct offset %x: nesting depth exceeds limit "
					    "%u",
					    off, FDT_MAX_DEPTH);
			depth++;
			root_seen = true;
			child_seen = false;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return FAIL(e, "FDT_END_NODE at struct offset %x closes no node",
					    off);
			depth--;
			child_seen = true; /* back in the parent, which now has a child */
			break;
		case FDT_PROP:
			if (depth == 0)
				return FAIL(e, "property at struct offset %x outside any node",
					    off);
			if (child_seen)
				return FAIL(e,
					    "property at struct offset %x follows a subnode "
					    "(properties must precede subnodes)",
					    off);
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			if (!root_seen)
				return FAIL(e, "FDT_END at struct offset %x before any root node",
					    off);
			if (depth != 0)
				return FAIL(e, "FDT_END at struct offset %x with %u node(s) open",
					    off, depth);
			if (!exact_size) {
				f->size_struct = next;
			} else if (next != f->size_struct) {
				return FAIL(e,
					    "FDT_END at struct offset %x is not the last token of "
					    "the struct block (size %x)",
					    off, f->size_struct);
			}
			return 0;
		default:
			return -1; /* next_tag() wrote the message */
		}
		off = next;
	}
}

/* ---- header and block layout --------------------------------------------- */

struct range {
	const char *what;
	uint32_t start, size;
};

static int check_overlap(const struct range *a, const struct range *b, struct errbuf *e)
{
	if (a->size == 0 || b->size == 0)
		return 0;
	if (a->start < b->start + b->size && b->start < a->start + a->size) {
		/* what strings are fixed literals without '%' */
		fail_msg(e, a->what);
		eb_puts(e, " [");
		eb_hex(e, a->start);
		eb_puts(e, ", ");
		eb_hex(e, (uint64_t)a->start + a->size);
		eb_puts(e, ") overlaps ");
		eb_puts(e, b->what);
		eb_puts(e, " [");
		eb_hex(e, b->start);
		eb_puts(e, ", ");
		eb_hex(e, (uint64_t)b->start + b->size);
		eb_puts(e, ")");
		return -1;
	}
	return 0;
}

static int check_layout(const struct fdt *f, uint32_t rsv_end, struct errbuf *e)
{
	const struct range rsv = {"memory reservation map", f->off_rsvmap, rsv_end - f->off_rsvmap};
	const struct range st = {"struct block", f->off_struct, f->size_struct};
	const struct range str = {"strings block", f->off_strings, f->size_strings};

	if (check_overlap(&rsv, &st, e) || check_overlap(&rsv, &str, e) ||
	    check_overlap(&st, &str, e))
		return -1;
	return 0;
}

/*
 * The reservation map must hold 16-byte entries ending in a (0, 0) entry
 * before the next block that starts at or after it (or totalsize); no entry
 * may wrap around the 64-bit address space. Stores the end of the
 * terminator in *rsv_end.
 */
static int check_rsvmap(const struct fdt *f, uint32_t *rsv_end, struct errbuf *e)
{
	uint32_t limit = f->totalsize, off = f->off_rsvmap, n = 0;

	if (f->off_struct >= f->off_rsvmap && f->off_struct < limit)
		limit = f->off_struct;
	if (f->size_strings && f->off_strings >= f->off_rsvmap && f->off_strings < limit)
		limit = f->off_strings;
	while (limit - off >= RSV_ENTRY_SIZE) {
		uint64_t addr = rd64(f->blob + off), size = rd64(f->blob + off + 8);

		if (addr == 0 && size == 0) {
			*rsv_end = off + RSV_ENTRY_SIZE;
			return 0;
		}
		if (size != 0 && addr + (size - 1) < addr)
			return FAIL(e,
				    "memory reservation entry %u (address %x, size %x) wraps "
				    "around the address space",
				    n, addr, size);
		off += RSV_ENTRY_SIZE;
		n++;
	}
	return FAIL(e,
		    "memory reservation map at %x has no terminating (0, 0) entry before "
		    "offset %x",
		    f->off_rsvmap, limit);
}

/* An offset/size pair from the header must lie inside [hdr_size, totalsize]. */
static int check_block(const char *off_name, uint32_t off, const char *size_name, uint32_t size,
		       uint32_t hdr_size, uint32_t totalsize, struct errbuf *e)
{
	if (off < hdr_size || off > totalsize || size > totalsize - off) {
		/* names are fixed literals without '%' */
		fail_msg(e, off_name);
		eb_puts(e, " ");
		eb_hex(e, off);
		eb_puts(e, off < hdr_size ? " overlaps the header (size " : " + ");
		if (off < hdr_size) {
			eb_hex(e, hdr_size);
			eb_puts(e, ")");
			return -1;
		}
		eb_puts(e, size_name);
		eb_puts(e, " ");
		eb_hex(e, size);
		eb_puts(e, " extends past totalsize ");
		eb_hex(e, totalsize);
		return -1;
	}
	return 0;
}

static int init(struct fdt *f, const uint8_t *b, uint32_t max_size, struct errbuf *e)
{
	uint32_t version, last_comp, hdr_size, rsv_end = 0;
	bool v17;

	if (!b)
		return fail_msg(e, "blob pointer is NULL");
	if ((uintptr_t)b + max_size < (uintptr_t)b)
		return FAIL(e, "blob at %x with size %x wraps around the address space",
			    (uintptr_t)b, max_size);
	if (max_size < HDR_V17_SIZE)
		return FAIL(e, "only %u bytes available, header needs %u", max_size, HDR_V17_SIZE);
	if (rd32(b + H_MAGIC) != FDT_MAGIC)
		return FAIL(e, "bad magic %x (expected %x)", rd32(b + H_MAGIC), FDT_MAGIC);

	version = rd32(b + H_VERSION);
	last_comp = rd32(b + H_LAST_COMP_VERSION);
	if (version < 16)
		return FAIL(e, "version %u unsupported (need >= 16)", version);
	if (last_comp > 17)
		return FAIL(e, "last_comp_version %u unsupported (need <= 17)", last_comp);
	if (last_comp > version)
		return FAIL(e, "last_comp_version %u greater than version %u", last_comp, version);
	v17 = version >= 17;
	hdr_size = v17 ? HDR_V17_SIZE : HDR_V16_SIZE;

	f->totalsize = rd32(b + H_TOTALSIZE);
	if (f->totalsize < hdr_size)
		return FAIL(e, "totalsize %x smaller than header (%x)", f->totalsize, hdr_size);
	if (f->totalsize > MAX_TOTALSIZE)
		return FAIL(e, "totalsize %x exceeds limit %x", f->totalsize, MAX_TOTALSIZE);
	if (f->totalsize > max_size)
		return FAIL(e, "totalsize %x exceeds available size %x", f->totalsize, max_size);

	f->off_rsvmap = rd32(b + H_OFF_MEM_RSVMAP);
	f->off_struct = rd32(b + H_OFF_DT_STRUCT);
	f->off_strings = rd32(b + H_OFF_DT_STRINGS);
	f->size_strings = rd32(b + H_SIZE_DT_STRINGS);

	if (f->off_rsvmap < hdr_size)
		return FAIL(e, "off_mem_rsvmap %x overlaps the header (size %x)", f->off_rsvmap,
			    hdr_size);
	if (f->off_rsvmap & 7u)
		return FAIL(e, "off_mem_rsvmap %x not 8-byte aligned", f->off_rsvmap);
	if (f->off_rsvmap > f->totalsize || f->totalsize - f->off_rsvmap < RSV_ENTRY_SIZE)
		return FAIL(e, "off_mem_rsvmap %x + one entry (%x) extends past totalsize %x",
			    f->off_rsvmap, RSV_ENTRY_SIZE, f->totalsize);

	if (f->off_struct & 3u)
		return FAIL(e, "off_dt_struct %x not 4-byte aligned", f->off_struct);
	if (v17) {
		f->size_struct = rd32(b + H_SIZE_DT_STRUCT);
	} else {
		/* v16 has no size_dt_struct: bound the walk by totalsize, trim after. */
		f->size_struct = f->off_struct <= f->totalsize ? f->totalsize - f->off_struct : 0;
	}
	if (check_block("off_dt_struct", f->off_struct, "size_dt_struct", f->size_struct, hdr_size,
			f->totalsize, e))
		return -1;
	if (check_block("off_dt_strings", f->off_strings, "size_dt_strings", f->size_strings,
			hdr_size, f->totalsize, e))
		return -1;

	f->blob = b; /* next_tag() reads through f */
	if (check_rsvmap(f, &rsv_end, e))
		return -1;
	if (v17 && check_layout(f, rsv_end, e))
		return -1;
	if (check_struct(f, e, v17))
		return -1;
	if (!v17 && check_layout(f, rsv_end, e))
		return -1;
	return 0;
}

/* Field by field, so the compiler emits no memset/__aeabi_memclr call. */
static void clear(struct fdt *f)
{
	f->blob = NULL;
	f->totalsize = 0;
	f->off_struct = 0;
	f->size_struct = 0;
	f->off_strings = 0;
	f->size_strings = 0;
	f->off_rsvmap = 0;
}

int fdt_init(struct fdt *fdt, const void *blob, uint32_t max_size, char *err, uint32_t errlen)
{
	struct errbuf e = {err, errlen, 0};

	if (err && errlen)
		err[0] = '\0';
	if (!fdt)
		return fail_msg(&e, "struct fdt pointer is NULL");
	clear(fdt);
	if (init(fdt, blob, max_size, &e)) {
		clear(fdt);
		return -1;
	}
	return 0;
}

int fdt_peek_totalsize(const void *blob, uint32_t *totalsize)
{
	const uint8_t *b = blob;

	if (!b || !totalsize || rd32(b + H_MAGIC) != FDT_MAGIC)
		return -1;
	if (rd32(b + H_TOTALSIZE) < HDR_V16_SIZE)
		return -1;
	*totalsize = rd32(b + H_TOTALSIZE);
	return 0;
}

/* ---- accessors ----------------------------------------------------------- */

static bool usable(const struct fdt *f)
{
	return f && f->blob;
}

static uint32_t tag_at(const struct fdt *f, int off, uint32_t *next)
{
	if (off < 0)
		return TOK_BAD;
	return next_tag(f, (uint32_t)off, next, NULL);
}

/* Offset just past node's BEGIN_NODE token and name, or -1 if node is not a node. */
static int node_body(const struct fdt *f, int node)
{
	uint32_t next;

	if (!usable(f) || tag_at(f, node, &next) != FDT_BEGIN_NODE)
		return -1;
	return (int)next;
}

/*
 * Skip properties and NOPs from off; returns the offset of the first other
 * token (the first subnode's BEGIN_NODE, or the node's END_NODE) with the
 * token in *tagp, or -1 on a bad token.
 */
static int skip_props(const struct fdt *f, int off, uint32_t *tagp)
{
	uint32_t next, tag;

	for (;;) {
		tag = tag_at(f, off, &next);
		if (tag == TOK_BAD)
			return -1;
		if (tag != FDT_PROP && tag != FDT_NOP) {
			*tagp = tag;
			return off;
		}
		off = (int)next;
	}
}

int fdt_next_node(const struct fdt *fdt, int offset, int *depth)
{
	uint32_t next = 0, tag;
	int off;

	if (!usable(fdt))
		return -1;
	if (offset >= 0) {
		if (tag_at(fdt, offset, &next) != FDT_BEGIN_NODE)
			return -1;
	}
	for (;;) {
		off = (int)next;
		tag = tag_at(fdt, off, &next);
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth)
				(*depth)++;
			return off;
		case FDT_END_NODE:
			if (depth && --(*depth) < 0)
				return -1;
			break;
		case FDT_PROP:
		case FDT_NOP:
			break;
		default:
			return -1; /* FDT_END or malformed */
		}
	}
}

int fdt_first_child(const struct fdt *fdt, int parent)
{
	uint32_t tag = TOK_BAD;
	int off = node_body(fdt, parent);

	if (off < 0)
		return -1;
	off = skip_props(fdt, off, &tag);
	return off >= 0 && tag == FDT_BEGIN_NODE ? off : -1;
}

int fdt_next_sibling(const struct fdt *fdt, int node)
{
	uint32_t next, tag;
	uint32_t depth = 0;
	int off = node;

	if (node_body(fdt, node) < 0)
		return -1;
	/* Skip node's whole subtree. */
	do {
		tag = tag_at(fdt, off, &next);
		if (tag == FDT_BEGIN_NODE)
			depth++;
		else if (tag == FDT_END_NODE)
			depth--;
		else if (tag != FDT_PROP && tag != FDT_NOP)
			return -1;
		off = (int)next;
	} while (depth > 0);
	for (;;) {
		tag = tag_at(fdt, off, &next);
		if (tag == FDT_BEGIN_NODE)
			return off;
		if (tag != FDT_NOP)
			return -1;
		off = (int)next;
	}
}

int fdt_parent(const struct fdt *fdt, int node)
{
	int stack[FDT_MAX_DEPTH];
	uint32_t next = 0, tag, depth = 0;
	int off;

	if (node_body(fdt, node) < 0)
		return -1;
	for (;;) {
		off = (int)next;
		if (off > node)
			return -1;
		tag = tag_at(fdt, off, &next);
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (off == node)
				return depth > 0 ? stack[depth - 1] : -1;
			if (depth >= FDT_MAX_DEPTH)
				return -1;
			stack[depth++] = off;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return -1;
			depth--;
			break;
		case FDT_PROP:
		case FDT_NOP:
			break;
		default:
			return -1;
		}
	}
}

const char *fdt_node_name(const struct fdt *fdt, int node)
{
	if (node_body(fdt, node) < 0)
		return NULL;
	/* next_tag() checked the name is NUL-terminated inside the block. */
	return (const char *)(fdt->blob + fdt->off_struct + (uint32_t)node + 4);
}

/* Property header fields; prop must be a valid FDT_PROP offset. */
static uint32_t prop_len(const struct fdt *f, int prop)
{
	return rd32(f->blob + f->off_struct + (uint32_t)prop + 4);
}

static const uint8_t *prop_name(const struct fdt *f, int prop)
{
	return f->blob + f->off_strings + rd32(f->blob + f->off_struct + (uint32_t)prop + 8);
}

static const uint8_t *prop_value(const struct fdt *f, int prop)
{
	return f->blob + f->off_struct + (uint32_t)prop + PROP_HDR_SIZE;
}

/* From off, the next FDT_PROP of the same node (skipping NOPs), or -1. */
static int prop_from(const struct fdt *f, int off)
{
	uint32_t next, tag;

	for (;;) {
		tag = tag_at(f, off, &next);
		if (tag == FDT_PROP)
			return off;
		if (tag != FDT_NOP)
			return -1;
		off = (int)next;
	}
}

int fdt_first_prop(const struct fdt *fdt, int node)
{
	int off = node_body(fdt, node);

	return off < 0 ? -1 : prop_from(fdt, off);
}

int fdt_next_prop(const struct fdt *fdt, int prop)
{
	uint32_t next;

	if (!usable(fdt) || tag_at(fdt, prop, &next) != FDT_PROP)
		return -1;
	return prop_from(fdt, (int)next);
}

const void *fdt_prop_by_offset(const struct fdt *fdt, int prop, const char **name, uint32_t *lenp)
{
	uint32_t next;

	if (!usable(fdt) || tag_at(fdt, prop, &next) != FDT_PROP)
		return NULL;
	/* next_tag() checked the name is NUL-terminated inside the strings block. */
	if (name)
		*name = (const char *)prop_name(fdt, prop);
	if (lenp)
		*lenp = prop_len(fdt, prop);
	return prop_value(fdt, prop);
}

const void *fdt_getprop(const struct fdt *fdt, int node, const char *name, uint32_t *lenp)
{
	uint32_t n;
	int prop;

	if (!name)
		return NULL;
	n = cstr_len(name);
	for (prop = fdt_first_prop(fdt, node); prop >= 0; prop = fdt_next_prop(fdt, prop)) {
		const uint8_t *pn = prop_name(fdt, prop);

		/*
		 * pn is NUL-terminated inside the strings block (next_tag() checked)
		 * and bytes_eq() stops at the first mismatch, which is at the latest
		 * pn's NUL, so pn[n] is only read when pn is at least n bytes long.
		 */
		if (bytes_eq(pn, name, n) && pn[n] == 0) {
			if (lenp)
				*lenp = prop_len(fdt, prop);
			return prop_value(fdt, prop);
		}
	}
	return NULL;
}

bool fdt_prop_u32(const struct fdt *fdt, int node, const char *name, uint32_t *out)
{
	uint32_t len;
	const uint8_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != 4)
		return false;
	if (out)
		*out = rd32(p);
	return true;
}

bool fdt_prop_cell(const struct fdt *fdt, int node, const char *name, uint32_t index, uint32_t *out)
{
	uint32_t len;
	const uint8_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || (len & 3u) || ((uint64_t)index + 1) * 4 > len)
		return false;
	if (out)
		*out = rd32(p + (uint64_t)index * 4);
	return true;
}

const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name)
{
	uint32_t len;
	const uint8_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len == 0 || p[len - 1] != 0)
		return NULL;
	return (const char *)p;
}

/* Is s one of the NUL-terminated strings of the stringlist [p, p + len)? */
static bool stringlist_has(const uint8_t *p, uint32_t len, const char *s)
{
	uint32_t n = cstr_len(s), i = 0, l;

	while (i < len && bounded_strlen(p + i, len - i, &l)) {
		if (l == n && bytes_eq(p + i, s, n))
			return true;
		i += l + 1;
	}
	return false;
}

bool fdt_node_is_compatible(const struct fdt *fdt, int node, const char *compat)
{
	uint32_t len;
	const uint8_t *p;

	if (!compat)
		return false;
	p = fdt_getprop(fdt, node, "compatible", &len);
	return p && stringlist_has(p, len, compat);
}

int fdt_node_offset_by_compatible(const struct fdt *fdt, int start, const char *compat)
{
	int node;

	if (!compat)
		return -1;
	for (node = fdt_next_node(fdt, start, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (fdt_node_is_compatible(fdt, node, compat))
			return node;
	}
	return -1;
}

int fdt_node_offset_by_devtype(const struct fdt *fdt, int start, const char *device_type)
{
	uint32_t n;
	int node;

	if (!device_type)
		return -1;
	n = cstr_len(device_type);
	for (node = fdt_next_node(fdt, start, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		uint32_t len;
		const uint8_t *p = fdt_getprop(fdt, node, "device_type", &len);

		if (p && len == n + 1 && bytes_eq(p, device_type, n) && p[n] == 0)
			return node;
	}
	return -1;
}

/* A #address-cells / #size-cells value of node: def if absent, 0 if malformed. */
static uint32_t cells_of(const struct fdt *f, int node, const char *name, uint32_t def)
{
	uint32_t len, v;

	if (node < 0 || !fdt_getprop(f, node, name, &len))
		return def;
	if (!fdt_prop_u32(f, node, name, &v))
		return 0;
	return v;
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2 ? rd64(p) : rd32(p);
}

bool fdt_read_reg(const struct fdt *fdt, int node, uint32_t index, uint64_t *addr, uint64_t *size)
{
	uint32_t ac, sc, len, entry;
	const uint8_t *p;
	int parent;

	if (node_body(fdt, node) < 0)
		return false;
	parent = fdt_parent(fdt, node);
	ac = cells_of(fdt, parent, "#address-cells", 2);
	sc = cells_of(fdt, parent, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return false;
	p = fdt_getprop(fdt, node, "reg", &len);
	entry = (ac + sc) * 4;
	if (!p || len == 0 || ((uint64_t)index + 1) * entry > len)
		return false;
	/* A whole number of entries: len is 8, 12 or 16 times something. */
	{
		uint32_t whole = 0;

		while (len - whole >= entry)
			whole += entry;
		if (whole != len)
			return false;
	}
	p += (uint64_t)index * entry;
	if (addr)
		*addr = read_cells(p, ac);
	if (size)
		*size = read_cells(p + ac * 4, sc);
	return true;
}

/*
 * Walk the reservation map (validated to be terminated by fdt_init(), but
 * bounded by totalsize anyway). Returns the number of entries and, if index
 * is below it, stores the offset of entry index in *entry_off.
 */
static uint32_t rsv_walk(const struct fdt *f, uint32_t index, uint32_t *entry_off)
{
	uint32_t off = f->off_rsvmap, n = 0;

	while (off <= f->totalsize && f->totalsize - off >= RSV_ENTRY_SIZE) {
		if (rd64(f->blob + off) == 0 && rd64(f->blob + off + 8) == 0)
			break;
		if (n == index)
			*entry_off = off;
		off += RSV_ENTRY_SIZE;
		n++;
	}
	return n;
}

uint32_t fdt_num_mem_rsv(const struct fdt *fdt)
{
	uint32_t off;

	if (!usable(fdt))
		return 0;
	return rsv_walk(fdt, UINT32_MAX, &off);
}

bool fdt_get_mem_rsv(const struct fdt *fdt, uint32_t index, uint64_t *addr, uint64_t *size)
{
	uint32_t off = 0;

	if (!usable(fdt) || index >= rsv_walk(fdt, index, &off))
		return false;
	if (addr)
		*addr = rd64(fdt->blob + off);
	if (size)
		*size = rd64(fdt->blob + off + 8);
	return true;
}

/* Does node name nm match path component [c, c + n)? See fdt_path_offset(). */
static bool name_matches(const char *nm, const char *c, uint32_t n, bool has_unit)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (nm[i] != c[i]) /* also stops at nm's NUL: c has none in [0, n) */
			return false;
	}
	return nm[n] == '\0' || (!has_unit && nm[n] == '@');
}

int fdt_path_offset(const struct fdt *fdt, const char *path)
{
	int node;

	if (!usable(fdt) || !path || path[0] != '/')
		return -1;
	node = fdt_next_node(fdt, -1, NULL);
	while (node >= 0) {
		const char *c;
		uint32_t n = 0;
		bool has_unit = false;
		int child;

		while (*path == '/')
			path++;
		if (*path == '\0')
			return node;
		c = path;
		while (c[n] != '\0' && c[n] != '/') {
			if (c[n] == '@')
				has_unit = true;
			n++;
		}
		path += n;
		for (child = fdt_first_child(fdt, node); child >= 0;
		     child = fdt_next_sibling(fdt, child)) {
			if (name_matches(fdt_node_name(fdt, child), c, n, has_unit))
				break;
		}
		node = child;
	}
	return -1;
}
