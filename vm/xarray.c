/*
 * xarray.c - the page cache's index: a radix tree of 64-slot nodes (vm/xarray.h has the
 * structure and its invariants).
 *
 * Every walk is a loop: down through the slots, or up through the parent links. A store
 * first walks to find the slot; when nodes are missing it counts them, allocates them all
 * (so that -ENOMEM leaves the array as it was), then grows the tree at the top if the index
 * is past the top node's range and creates the missing nodes on the path down. An erase
 * clears the slot, frees the nodes it leaves empty going up, then lowers the tree while the
 * top node's only child is in slot 0.
 *
 * Counting the nodes a store needs, with T the top shift the index needs (the smallest
 * multiple of 6 with index >> T < 64):
 *  - the path exists down to a node of shift s whose slot is empty: s / 6 nodes below it;
 *  - the index is past the top node of shift S < T: new top nodes of shifts S + 6 .. T, each
 *    holding the previous top in slot 0, and T / 6 nodes below the new top, since the index's
 *    digit at T is not 0 (T is minimal) and so its path leaves the old tree at the top;
 *  - an entry in the head (index 0) is the same with S = -6 (a leaf is made for it first);
 *  - an empty array: the top node and T / 6 below it.
 */
#include "vm/xarray.h"

#include <errno.h>
#include <stddef.h>
#include "runtime/compiler.h"
#include "vm/slab.h"

struct kmem_cache *xa_node_cachep;

#ifdef UNIARM_HOST_TEST
/* Nodes preallocated for a store and not used by it: a miscount (the tests check it is 0). */
extern unsigned long xa_unused_preallocated;
unsigned long xa_unused_preallocated;
#endif

static inline bool xa_is_node(const void *entry)
{
	return (uintptr_t)entry & XA_NODE_TAG;
}

static inline struct xa_node *xa_to_node(const void *entry)
{
	return (struct xa_node *)((uintptr_t)entry - XA_NODE_TAG);
}

static inline void *xa_mk_node(const struct xa_node *node)
{
	return (void *)((uintptr_t)node | XA_NODE_TAG);
}

/* Bits of the index covered by a node of this shift, as a mask (all ones for a top node
 * whose range reaches ULONG_MAX: the shift of 64 wraps to 0, minus 1). */
static inline unsigned long node_mask(unsigned int shift)
{
	return ((unsigned long)XA_CHUNK_SIZE << shift) - 1;
}

/* The shift of the smallest top node whose range holds index. */
static unsigned int top_shift_for(unsigned long index)
{
	unsigned int shift = 0;

	while ((index >> shift) > XA_CHUNK_MASK)
		shift += XA_CHUNK_SHIFT;
	return shift;
}

void *xa_load(const struct xarray *xa, unsigned long index)
{
	void *entry = xa->xa_head;
	const struct xa_node *node;
	unsigned long offset;

	if (!xa_is_node(entry))
		return index ? NULL : entry;
	node = xa_to_node(entry);
	offset = index >> node->shift;
	if (offset > XA_CHUNK_MASK)
		return NULL;
	for (;;) {
		entry = node->slots[offset];
		if (!node->shift || !entry)
			return entry;
		node = entry;
		offset = (index >> node->shift) & XA_CHUNK_MASK;
	}
}

/* Nodes set aside for one store. */
struct xa_prealloc {
	unsigned int nr;
	struct xa_node *nodes[2 * XA_MAX_LEVELS];
};

static void xa_node_free(struct xa_node *node)
{
	kmem_cache_free(xa_node_cachep, node);
}

static int xa_prealloc(struct xa_prealloc *p, unsigned int need, gfp_t gfp)
{
	if (unlikely(!xa_node_cachep)) {
		xa_node_cachep =
			kmem_cache_create("xa_node", sizeof(struct xa_node), sizeof(void *), NULL);
		if (!xa_node_cachep)
			return -ENOMEM;
	}
	for (p->nr = 0; p->nr < need; p->nr++) {
		/* Zeroed: a new node has no slot in use. */
		p->nodes[p->nr] = kmem_cache_alloc(xa_node_cachep, gfp | __GFP_ZERO);
		if (!p->nodes[p->nr]) {
			while (p->nr)
				xa_node_free(p->nodes[--p->nr]);
			return -ENOMEM;
		}
	}
	return 0;
}

static struct xa_node *xa_take(struct xa_prealloc *p, unsigned int shift, struct xa_node *parent,
			       unsigned int offset)
{
	struct xa_node *node = p->nodes[--p->nr];

	node->shift = (unsigned char)shift;
	node->parent = parent;
	node->offset = (unsigned char)offset;
	return node;
}

/*
 * The slot for index, if the nodes down to it exist: *leaf is the node holding it (NULL for
 * the head). Otherwise NULL, and *need says how many nodes a store must add (see the top).
 */
static void **xa_walk(struct xarray *xa, unsigned long index, struct xa_node **leaf,
		      unsigned int *need)
{
	void *head = xa->xa_head;
	struct xa_node *node;
	unsigned int top;
	void **slot;

	*leaf = NULL;
	if (!xa_is_node(head)) {
		if (!index)
			return &xa->xa_head;
		top = top_shift_for(index);
		*need = (head ? 2 : 1) * (top / XA_CHUNK_SHIFT) + 1;
		return NULL;
	}
	node = xa_to_node(head);
	if ((index >> node->shift) > XA_CHUNK_MASK) {
		top = top_shift_for(index);
		*need = (top - node->shift) / XA_CHUNK_SHIFT + top / XA_CHUNK_SHIFT;
		return NULL;
	}
	for (;;) {
		slot = &node->slots[(index >> node->shift) & XA_CHUNK_MASK];
		if (!node->shift) {
			*leaf = node;
			return slot;
		}
		if (!*slot) {
			*need = node->shift / XA_CHUNK_SHIFT;
			return NULL;
		}
		node = *slot;
	}
}

/* Make the top node's range hold index: a top node for an empty array, or new top nodes
 * above the old head (an entry at index 0 first gets a leaf of its own). */
static void xa_grow(struct xarray *xa, unsigned long index, struct xa_prealloc *p)
{
	unsigned int top = top_shift_for(index), shift;
	void *head = xa->xa_head;
	struct xa_node *node;
	void *child;

	if (!head) {
		xa->xa_head = xa_mk_node(xa_take(p, top, NULL, 0));
		return;
	}
	if (xa_is_node(head)) {
		child = xa_to_node(head);
		shift = ((struct xa_node *)child)->shift + XA_CHUNK_SHIFT;
	} else {
		child = head;
		shift = 0;
	}
	for (; shift <= top; shift += XA_CHUNK_SHIFT) {
		node = xa_take(p, shift, NULL, 0);
		node->slots[0] = child;
		node->count = 1;
		if (shift)
			((struct xa_node *)child)->parent = node; /* its offset is 0 already */
		child = node;
	}
	xa->xa_head = xa_mk_node(child);
}

/* The slot for index, creating the nodes missing on the way down (the top holds it). */
static void **xa_create(struct xarray *xa, unsigned long index, struct xa_prealloc *p,
			struct xa_node **leaf)
{
	struct xa_node *node = xa_to_node(xa->xa_head);
	unsigned int offset;
	void **slot;

	for (;;) {
		offset = (index >> node->shift) & XA_CHUNK_MASK;
		slot = &node->slots[offset];
		if (!node->shift) {
			*leaf = node;
			return slot;
		}
		if (!*slot) {
			*slot = xa_take(p, node->shift - XA_CHUNK_SHIFT, node, offset);
			node->count++;
		}
		node = *slot;
	}
}

static int __xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp, bool insert)
{
	struct xa_prealloc p;
	struct xa_node *leaf;
	unsigned int need = 0;
	void **slot;
	int err;

	slot = xa_walk(xa, index, &leaf, &need);
	if (slot) {
		if (*slot) {
			if (insert)
				return -EEXIST;
		} else if (leaf) {
			leaf->count++;
		}
		*slot = entry;
		return 0;
	}
	err = xa_prealloc(&p, need, gfp);
	if (err)
		return err;
	if (!xa_is_node(xa->xa_head) || (index >> xa_to_node(xa->xa_head)->shift) > XA_CHUNK_MASK)
		xa_grow(xa, index, &p);
	slot = xa_create(xa, index, &p, &leaf);
	*slot = entry;
	leaf->count++;
#ifdef UNIARM_HOST_TEST
	xa_unused_preallocated += p.nr;
#endif
	while (p.nr)
		xa_node_free(p.nodes[--p.nr]);
	return 0;
}

int xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	if ((uintptr_t)entry & 3)
		return -EINVAL;
	if (!entry) {
		xa_erase(xa, index);
		return 0;
	}
	return __xa_store(xa, index, entry, gfp, false);
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	if (!entry || ((uintptr_t)entry & 3))
		return -EINVAL;
	return __xa_store(xa, index, entry, gfp, true);
}

/* Lower the tree while its top node uses slot 0 alone: slot 0's child becomes the top, or
 * for a leaf, its entry (index 0) moves into the head. */
static void xa_shrink(struct xarray *xa)
{
	struct xa_node *node, *child;

	while (xa_is_node(xa->xa_head)) {
		node = xa_to_node(xa->xa_head);
		if (node->count != 1 || !node->slots[0])
			return;
		if (node->shift) {
			child = node->slots[0];
			child->parent = NULL;
			xa->xa_head = xa_mk_node(child);
		} else {
			xa->xa_head = node->slots[0];
		}
		xa_node_free(node);
	}
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	struct xa_node *node, *parent;
	unsigned int need;
	void **slot, *entry;

	slot = xa_walk(xa, index, &node, &need);
	if (!slot || !*slot)
		return NULL;
	entry = *slot;
	*slot = NULL;
	if (!node)
		return entry; /* the head */
	while (!--node->count) {
		parent = node->parent;
		if (parent)
			parent->slots[node->offset] = NULL;
		else
			xa->xa_head = NULL;
		xa_node_free(node);
		if (!parent)
			return entry;
		node = parent;
	}
	xa_shrink(xa);
	return entry;
}

void *xa_find(const struct xarray *xa, unsigned long *indexp, unsigned long max)
{
	unsigned long index = *indexp;
	const struct xa_node *node;
	unsigned long offset;
	void *entry = xa->xa_head;

	if (index > max)
		return NULL;
	if (!xa_is_node(entry)) {
		/* An entry in the head is at index 0, and *indexp is 0 if it is in range. */
		return index ? NULL : entry;
	}
	node = xa_to_node(entry);
	offset = index >> node->shift;
	if (offset > XA_CHUNK_MASK)
		return NULL;
	/*
	 * index is the lowest index still possible, always inside node's range; offset is the
	 * slot of node to look at next. A slot past index's own moves index to the slot's start.
	 */
	for (;;) {
		while (offset < XA_CHUNK_SIZE && !node->slots[offset])
			offset++;
		if (offset == XA_CHUNK_SIZE) {
			/* Nothing left in node: on in its parent, after it. */
			if (!node->parent)
				return NULL;
			offset = node->offset + 1;
			node = node->parent;
			continue;
		}
		if (offset != ((index >> node->shift) & XA_CHUNK_MASK))
			index = (index & ~node_mask(node->shift)) | (offset << node->shift);
		if (index > max)
			return NULL;
		entry = node->slots[offset];
		if (!node->shift) {
			*indexp = index;
			return entry;
		}
		node = entry;
		offset = (index >> node->shift) & XA_CHUNK_MASK;
	}
}

bool xa_find_hole(const struct xarray *xa, unsigned long *indexp, unsigned long max)
{
	unsigned long index = *indexp, offset;
	const struct xa_node *node;
	void *entry;

	if (index > max)
		return false;
	/* Each round walks down to index: an empty slot on the way is a hole; at a leaf the
	 * first empty slot from index's on is one; a full leaf sends index to the next leaf. */
	for (;;) {
		entry = xa->xa_head;
		if (!xa_is_node(entry)) {
			if (!index && entry) {
				if (!max)
					return false;
				index = 1;
			}
			break;
		}
		node = xa_to_node(entry);
		offset = index >> node->shift;
		if (offset > XA_CHUNK_MASK)
			break; /* past the top node's range */
		for (;;) {
			entry = node->slots[offset];
			if (!entry || !node->shift)
				break;
			node = entry;
			offset = (index >> node->shift) & XA_CHUNK_MASK;
		}
		if (!entry)
			break;
		while (++offset < XA_CHUNK_SIZE && node->slots[offset])
			;
		if (offset < XA_CHUNK_SIZE) {
			index = (index & ~(unsigned long)XA_CHUNK_MASK) | offset;
			break;
		}
		index |= XA_CHUNK_MASK;
		if (index >= max)
			return false; /* also when the leaf ends at ULONG_MAX */
		index++;
	}
	if (index > max)
		return false;
	*indexp = index;
	return true;
}

void xa_destroy(struct xarray *xa)
{
	void *head = xa->xa_head;
	struct xa_node *node, *parent;
	unsigned int offset = 0;

	xa->xa_head = NULL;
	if (!xa_is_node(head))
		return;
	node = xa_to_node(head);
	/* Depth first without a stack: a node is freed once its children are, and the walk
	 * goes on in its parent after its own slot. */
	for (;;) {
		if (node->shift) {
			while (offset < XA_CHUNK_SIZE && !node->slots[offset])
				offset++;
			if (offset < XA_CHUNK_SIZE) {
				node = node->slots[offset];
				offset = 0;
				continue;
			}
		}
		parent = node->parent;
		offset = node->offset + 1u;
		xa_node_free(node);
		if (!parent)
			return;
		node = parent;
	}
}

/* One node's own invariants; its entries are counted into *entries. */
static const char *check_node(const struct xa_node *node, unsigned long *entries)
{
	const struct xa_node *child;
	unsigned int i, used = 0;

	for (i = 0; i < XA_CHUNK_SIZE; i++) {
		if (!node->slots[i])
			continue;
		used++;
		if ((uintptr_t)node->slots[i] & 3)
			return node->shift ? "a child pointer has low bits set"
					   : "an entry has low bits set";
		if (!node->shift) {
			(*entries)++;
			continue;
		}
		child = node->slots[i];
		if (child->parent != node || child->offset != i)
			return "a child's parent or offset is wrong";
		if (child->shift + XA_CHUNK_SHIFT != node->shift)
			return "a child's shift is not its parent's - 6";
	}
	if (used != node->count)
		return "a node's count differs from its used slots";
	if (!used)
		return "an empty node is left in the tree";
	return NULL;
}

const char *xa_check(const struct xarray *xa, unsigned long *nodesp, unsigned long *entriesp)
{
	unsigned long nodes = 0, entries = 0;
	const struct xa_node *node;
	const char *err = NULL;
	void *head = xa->xa_head;
	unsigned int offset, i;

	if (!xa_is_node(head)) {
		if ((uintptr_t)head & 3)
			err = "the head holds an entry with low bits set";
		entries = head ? 1 : 0;
		goto out;
	}
	node = xa_to_node(head);
	if (node->parent || node->offset) {
		err = "the top node has a parent or an offset";
		goto out;
	}
	if (node->shift % XA_CHUNK_SHIFT || node->shift >= XA_BITS) {
		err = "the top node's shift is not a multiple of 6 below the index width";
		goto out;
	}
	if (node->shift + XA_CHUNK_SHIFT > (int)XA_BITS)
		for (i = (unsigned int)(ULONG_MAX >> node->shift) + 1; i < XA_CHUNK_SIZE; i++)
			if (node->slots[i]) {
				err = "the top node uses a slot past ULONG_MAX";
				goto out;
			}
	for (i = 1; i < XA_CHUNK_SIZE && !node->slots[i]; i++)
		;
	if (i == XA_CHUNK_SIZE) {
		err = "the tree is taller than needed (the top node uses slot 0 alone)";
		goto out;
	}
	/* Depth first as in xa_destroy; each node is checked (with the links to its children)
	 * when the walk first reaches it, at offset 0. */
	for (offset = 0;;) {
		if (!offset) {
			nodes++;
			err = check_node(node, &entries);
			if (err)
				goto out;
		}
		if (node->shift) {
			while (offset < XA_CHUNK_SIZE && !node->slots[offset])
				offset++;
			if (offset < XA_CHUNK_SIZE) {
				node = node->slots[offset];
				offset = 0;
				continue;
			}
		}
		if (!node->parent)
			break;
		offset = node->offset + 1u;
		node = node->parent;
	}
out:
	if (nodesp)
		*nodesp = nodes;
	if (entriesp)
		*entriesp = entries;
	return err;
}
