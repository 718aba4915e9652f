/*
 * platform/fdt.h - strict, read-only flattened device tree (DTB) parser.
 *
 * The boot loader (QEMU) hands us a DTB that we do not trust. fdt_init()
 * validates the whole blob once (header, block layout, memory reservation
 * map and every token of the structure block) and rejects anything that is
 * malformed with a message naming the offending field or struct offset. The
 * accessors below rely on that validation for meaning, but every one of them
 * still bounds-checks each read, so even a bogus node offset passed by the
 * caller can never make them read outside [blob, blob + totalsize).
 *
 * Node and property offsets are byte offsets into the structure block (like
 * libfdt); they are only meaningful when obtained from this API.
 *
 * Freestanding: needs nothing but <stdint.h>, <stddef.h> and <stdbool.h>.
 */
#ifndef UNIARM_PLATFORM_FDT_H
#define UNIARM_PLATFORM_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC     0xd00dfeedu
#define FDT_MAX_DEPTH 64 /* deepest accepted node nesting; the root is depth 1 */

/* Tokens of the structure block (DTSpec v0.3, 5.4.1). */
#define FDT_BEGIN_NODE 0x00000001u
#define FDT_END_NODE   0x00000002u
#define FDT_PROP       0x00000003u
#define FDT_NOP	       0x00000004u
#define FDT_END	       0x00000009u

struct fdt {
	const uint8_t *blob; /* start of the blob; NULL until fdt_init() succeeds */
	uint32_t totalsize;
	uint32_t off_struct, size_struct;
	uint32_t off_strings, size_strings;
	uint32_t off_rsvmap;
};

/*
 * Validate the whole blob, of which at most max_size bytes are readable at
 * blob, and fill in *fdt. Returns 0 on success. On failure returns -1, leaves
 * fdt->blob NULL (so every accessor fails cleanly) and, if err is not NULL and
 * errlen > 0, stores a NUL-terminated message starting with "fdt: " that names
 * the cause, e.g. "fdt: property at struct offset 0x1a4: name offset 0x900
 * outside strings block (size 0x120)". The message is truncated to errlen - 1
 * characters. Never reads outside [blob, blob + max_size).
 */
int fdt_init(struct fdt *fdt, const void *blob, uint32_t max_size, char *err, uint32_t errlen);

/*
 * Check the magic of the header at blob and store its totalsize field, so a
 * caller can reserve or map the blob before calling fdt_init(). Reads only the
 * first 8 bytes. Returns 0, or -1 if blob or totalsize is NULL, the magic is
 * wrong or totalsize is smaller than the smallest header (36 bytes). The value
 * is NOT otherwise validated; fdt_init() does that.
 */
int fdt_peek_totalsize(const void *blob, uint32_t *totalsize);

/*
 * Offset of the node named by the absolute path (e.g. "/", "/chosen",
 * "/pl011@9000000"). A path component containing '@' must match a node name
 * exactly; one without '@' matches a node named exactly like it or starting
 * with it followed by '@' (the first such child in blob order). Repeated and
 * trailing '/' are ignored. Returns the node offset (>= 0) or -1 if there is
 * no such node, path is NULL or it does not start with '/'.
 */
int fdt_path_offset(const struct fdt *fdt, const char *path);

/*
 * Pre-order walk, like libfdt: returns the next node after offset (offset < 0
 * means "before the root", so the root is returned). If depth is not NULL it
 * is adjusted by the nesting change: +1 when stepping into a child, -n when
 * climbing out of n nodes. Returns -1 at the end of the tree, on an invalid
 * offset, or when *depth would become negative (the walk left the subtree it
 * was started in with *depth == 0); in that case *depth is left negative.
 */
int fdt_next_node(const struct fdt *fdt, int offset, int *depth);

/* First child node of parent, or -1 if it has none (or parent is invalid). */
int fdt_first_child(const struct fdt *fdt, int parent);

/* Next node with the same parent as node, or -1 if none (or node is invalid). */
int fdt_next_sibling(const struct fdt *fdt, int node);

/* Parent of node, or -1 for the root or an offset that is not a node. O(tree size). */
int fdt_parent(const struct fdt *fdt, int node);

/* NUL-terminated name of node ("" for the root, "memory@40000000", ...); NULL if invalid. */
const char *fdt_node_name(const struct fdt *fdt, int node);

/*
 * Value of property name of node, with its length in *lenp (if lenp is not
 * NULL). The returned pointer is inside the blob and the whole value
 * [p, p + *lenp) is readable; it is not aligned. Returns NULL (and leaves
 * *lenp alone) if the property is absent or node is invalid.
 */
const void *fdt_getprop(const struct fdt *fdt, int node, const char *name, uint32_t *lenp);

/* true and *out set iff the property exists and is exactly 4 bytes (one big-endian cell). */
bool fdt_prop_u32(const struct fdt *fdt, int node, const char *name, uint32_t *out);

/*
 * true and *out set iff the property exists, its length is a multiple of 4
 * and it holds cell number index (0-based, big-endian, as u32).
 */
bool fdt_prop_cell(const struct fdt *fdt, int node, const char *name, uint32_t index,
		   uint32_t *out);

/*
 * The property as a C string: non-NULL only if it exists, is at least one
 * byte long and its last byte is NUL (so the string is wholly inside the
 * value). For a stringlist this is the first string.
 */
const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name);

/*
 * true iff node's "compatible" stringlist contains a string exactly equal to
 * compat. Only NUL-terminated strings inside the value are considered.
 */
bool fdt_node_is_compatible(const struct fdt *fdt, int node, const char *compat);

/*
 * First node after start in pre-order (start = -1: from the beginning, root
 * included) that is compatible with compat; -1 if none.
 */
int fdt_node_offset_by_compatible(const struct fdt *fdt, int start, const char *compat);

/*
 * First node after start in pre-order (start = -1: from the beginning) whose
 * "device_type" property is the string device_type (e.g. "memory"); -1 if none.
 */
int fdt_node_offset_by_devtype(const struct fdt *fdt, int start, const char *device_type);

/*
 * Decode entry index of node's "reg" property using the PARENT's
 * #address-cells / #size-cells (the DTSpec defaults 2 and 1 when absent; the
 * root, having no parent, uses the defaults). Only 1 or 2 cells are supported
 * for each; anything else (including #size-cells = 0, as under /cpus), a
 * cells property that is not exactly 4 bytes, a missing reg, a reg whose
 * length is not a whole number of entries, or index past the last entry
 * gives false. On true, *addr and *size (each may be NULL) are set.
 */
bool fdt_read_reg(const struct fdt *fdt, int node, uint32_t index, uint64_t *addr, uint64_t *size);

/* Number of /memreserve/ entries in the reservation map (before the 0,0 terminator). */
uint32_t fdt_num_mem_rsv(const struct fdt *fdt);

/* Reservation entry index; false if index >= fdt_num_mem_rsv(). addr/size may be NULL. */
bool fdt_get_mem_rsv(const struct fdt *fdt, uint32_t index, uint64_t *addr, uint64_t *size);

/* Offset of node's first property, or -1 if it has none (or node is invalid). */
int fdt_first_prop(const struct fdt *fdt, int node);

/* Offset of the property following prop in the same node, or -1 if none / invalid. */
int fdt_next_prop(const struct fdt *fdt, int prop);

/*
 * Value of the property at offset prop (from fdt_first_prop/fdt_next_prop),
 * its name in *name and its length in *lenp (each may be NULL). NULL if prop
 * is not a property offset.
 */
const void *fdt_prop_by_offset(const struct fdt *fdt, int prop, const char **name, uint32_t *lenp);

#endif /* UNIARM_PLATFORM_FDT_H */
