/*
 * The xarray: Linux's xarray reduced to what the page cache needs (docs/files.md, "The
 * index"). A sparse array of pointers indexed by unsigned long (a page index: 0..2^32-1 on
 * the target), kept as a radix tree of 64-slot nodes, 6 bits of the index per level.
 *
 * Structure. xa_head is NULL (empty), an entry (the only present index is 0: no node at all),
 * or a node pointer tagged with XA_NODE_TAG (bit 1). A node's shift says which bits of the
 * index select its slots: slot (index >> shift) & 63. A leaf (shift 0) holds entries, every
 * other node holds children of shift - 6; the slots of a node never need a tag, only the head
 * does. The top node covers [0, 64 << shift): the tree is as tall as the largest present
 * index needs (height = top shift / 6 + 1: an index below 64 needs one node, below 4096 two,
 * 2^32 - 1 six).
 *
 * Invariants (xa_check verifies them):
 *  - every node's count is the number of its non-NULL slots, and is at least 1: a node is
 *    freed when its last slot empties, and its parent's slot cleared;
 *  - a child's parent, offset (its slot in the parent) and shift (parent's - 6) are right;
 *    the top node's parent is NULL and its offset 0;
 *  - the height is minimal: the top node has a non-NULL slot other than slot 0 (otherwise
 *    slot 0's child, or for a leaf the entry at index 0, takes its place in the head).
 * So for a given set of present indices the tree is always the same, and a store or an erase
 * never searches: the parent link and the offset lead back up.
 *
 * Entries are non-NULL pointers with the low two bits clear (struct page *, ...); NULL means
 * absent (storing NULL erases). Nodes come from the "xa_node" slab cache, made at the first
 * node allocation.
 *
 * Locking: none inside. The caller holds the owner's lock (the address_space's) around every
 * call, reads included; there is no RCU. So a load followed by a store under that lock is
 * atomic, which is how a caller learns the entry a store replaces.
 */
#ifndef UNIARM_VM_XARRAY_H
#define UNIARM_VM_XARRAY_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include "vm/gfp.h"

#define XA_CHUNK_SHIFT 6
#define XA_CHUNK_SIZE  (1u << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK  (XA_CHUNK_SIZE - 1)
#define XA_BITS	       ((unsigned int)(sizeof(unsigned long) * CHAR_BIT))
/* Levels of the tallest tree: 6 for a 32-bit index, 11 on a 64-bit host. */
#define XA_MAX_LEVELS ((XA_BITS + XA_CHUNK_SHIFT - 1) / XA_CHUNK_SHIFT)
#define XA_NODE_TAG   ((uintptr_t)2)

struct xa_node {
	unsigned char shift;	/* the index bits below this node's slots: 0 for a leaf */
	unsigned char offset;	/* this node's slot in its parent (0 for the top node) */
	unsigned char count;	/* non-NULL slots */
	struct xa_node *parent; /* NULL for the top node */
	void *slots[XA_CHUNK_SIZE];
};

struct xarray {
	void *xa_head;
};

#define XARRAY_INIT                                                                                \
	{                                                                                          \
		NULL                                                                               \
	}

/* The node cache, for tests and accounting (NULL until the first node is allocated). */
extern struct kmem_cache *xa_node_cachep;

static inline void xa_init(struct xarray *xa)
{
	xa->xa_head = NULL;
}

static inline bool xa_empty(const struct xarray *xa)
{
	return !xa->xa_head;
}

/* The entry at index, or NULL. */
void *xa_load(const struct xarray *xa, unsigned long index);

/*
 * Store entry at index, replacing whatever was there; storing NULL erases. 0, -ENOMEM (a
 * node could not be allocated with gfp: nothing changed), or -EINVAL (entry has one of its
 * low two bits set). A store needs at most 2 * XA_MAX_LEVELS - 1 new nodes, allocated before
 * anything changes.
 */
int xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);

/* Store entry at index only if nothing is there: 0, -EEXIST (nothing changed), -ENOMEM
 * (nothing changed), or -EINVAL (entry NULL or with low bits set). Page-cache insertion. */
int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);

/* Remove the entry at index and return it (NULL if there was none). Frees the nodes that
 * become empty and lowers the tree while its top node only uses slot 0. Never allocates. */
void *xa_erase(struct xarray *xa, unsigned long index);

/*
 * The first present entry at an index in [*index, max]: returns it and sets *index to its
 * index; NULL (and *index unchanged) if there is none. Iterative, O(height) per node visited.
 */
void *xa_find(const struct xarray *xa, unsigned long *index, unsigned long max);

/* The first absent index in [*index, max] (SEEK_HOLE): true with *index set to it, false
 * (and *index unchanged) if every index of the range is present. */
bool xa_find_hole(const struct xarray *xa, unsigned long *index, unsigned long max);

/* Free every node; the array is empty afterwards. The entries are the caller's. */
void xa_destroy(struct xarray *xa);

/*
 * Every present entry with start <= index <= last, in index order. Each step is an xa_find
 * from the index after the previous one, so the body may erase the current entry (or store
 * anywhere) under the same lock.
 */
#define xa_for_each_range(xa, index, entry, start, last)                                           \
	for ((index) = (start), (entry) = xa_find((xa), &(index), (last)); (entry);                \
	     (entry) = (index) < (last) ? ((index)++, xa_find((xa), &(index), (last))) : NULL)

#define xa_for_each(xa, index, entry) xa_for_each_range(xa, index, entry, 0, ULONG_MAX)

/*
 * Check every invariant above: NULL if they hold, else a static message naming the first one
 * broken. With nodes/entries non-NULL, the numbers of nodes and entries found. For tests.
 */
const char *xa_check(const struct xarray *xa, unsigned long *nodes, unsigned long *entries);

#endif
