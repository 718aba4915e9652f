/*
 * Address ranges in a balanced (red-black) tree, ordered by address and augmented with the
 * largest free gap in each subtree, so that the lowest or highest free range of a given size
 * is found in O(log n) (plus a detour for each large enough gap that fails only on the
 * alignment or the limits), and every update costs O(log n). One tree holds the busy ranges
 * of one address window [lo, hi); the gap of a node is the free space between its
 * predecessor's end (or lo) and its start, cached in the node. Shared by the vmalloc area
 * (vm/vmalloc.c) and the application's regions (VMAs). See docs/mm.md.
 */
#ifndef UNIARM_VM_AREA_TREE_H
#define UNIARM_VM_AREA_TREE_H

#include <stdbool.h>
#include <stdint.h>

struct area_node {
	uintptr_t rb_parent_color; /* parent pointer | colour bit */
	struct area_node *rb_left, *rb_right;
	unsigned long start, end; /* the busy range [start, end), start < end */
	/* Kept by the tree (area_insert, area_erase and the rest); callers only read them. */
	unsigned long gap;	   /* start - predecessor's end (or the window's lo) */
	unsigned long subtree_gap; /* largest gap of any node in this subtree */
};

struct area_tree {
	struct area_node *root;
	unsigned long lo, hi; /* the window; every node lies inside it */
	unsigned long count;
};

void area_tree_init(struct area_tree *t, unsigned long lo, unsigned long hi);
/* Insert n (start/end set by the caller); -1 if it overlaps a node or leaves the window. */
int area_insert(struct area_tree *t, struct area_node *n);
void area_erase(struct area_tree *t, struct area_node *n);
/*
 * Split n at addr (strictly inside it) with the unlinked node new: new takes [n->start, addr)
 * and becomes n's predecessor (new_below), or [addr, n->end) and becomes its successor; n
 * keeps the rest. No search from the root and no gap outside n's subtree changes: O(1) plus
 * the descent to the neighbour's place below n and the rebalancing. -1, changing nothing, if
 * addr is not inside n.
 */
int area_split(struct area_tree *t, struct area_node *n, struct area_node *new, unsigned long addr,
	       bool new_below);
/*
 * Both splits at once (start < end, both strictly inside n): below takes [n->start, start),
 * above [end, n->end), n keeps [start, end). The same as area_split below, then above, in one
 * call. -1, changing nothing, if [start, end) is not strictly inside n.
 */
int area_split_three(struct area_tree *t, struct area_node *n, struct area_node *below,
		     struct area_node *above, unsigned long start, unsigned long end);
/*
 * n absorbs next, the node that starts where n ends: n->end becomes next->end and next is
 * unlinked. No gap changes, so nothing is carried up the tree: O(1) plus the rebalancing
 * (and, when next has two children, the path from its successor's old place). -1, changing
 * nothing, if they do not touch.
 */
int area_merge_next(struct area_tree *t, struct area_node *n, struct area_node *next);
/* After changing n->start or n->end in place (without crossing a neighbour). */
void area_update(struct area_tree *t, struct area_node *n);
/*
 * Move the boundary between two touching nodes (left->end == right->start) to addr, strictly
 * inside [left->start, right->end). O(1): no gap changes (the one between them stays 0), so
 * nothing above them does either. Returns -1, changing nothing, if they do not touch or addr
 * is out of range. Inline: mprotect of one page in a signal handler (Appel-Li) moves one.
 */
static inline int area_move_boundary(struct area_node *left, struct area_node *right,
				     unsigned long addr)
{
	if (left->end != right->start || addr <= left->start || addr >= right->end)
		return -1;
	left->end = addr;
	right->start = addr;
	return 0;
}

/* The node containing addr, or NULL. */
struct area_node *area_find(const struct area_tree *t, unsigned long addr);
/* The first node with end > addr (Linux's find_vma), or NULL. */
struct area_node *area_find_next(const struct area_tree *t, unsigned long addr);
struct area_node *area_first(const struct area_tree *t);
struct area_node *area_last(const struct area_tree *t);
struct area_node *area_next(const struct area_node *n);
struct area_node *area_prev(const struct area_node *n);

/*
 * Free range search inside [lo, hi) ∩ window for `size` bytes whose start is a multiple of
 * `align` (a power of two): the lowest such start (bottom-up) or the highest (top-down).
 * Returns the start, or -ENOMEM cast to unsigned long (see AREA_FAILED) when none fits.
 */
#define AREA_FAILED(x) ((x) > (unsigned long)-4096)
unsigned long area_find_gap_lowest(const struct area_tree *t, unsigned long size,
				   unsigned long align, unsigned long lo, unsigned long hi);
unsigned long area_find_gap_highest(const struct area_tree *t, unsigned long size,
				    unsigned long align, unsigned long lo, unsigned long hi);

/* Check every invariant (order, no overlap, red-black rules, gap augmentation, count):
 * NULL if all hold, else a static message naming the first broken one. For tests. */
const char *area_tree_check(const struct area_tree *t);

#endif
