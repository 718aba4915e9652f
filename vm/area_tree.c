/*
 * area_tree.c - busy address ranges in an augmented red-black tree (vm/area_tree.h).
 *
 * The tree is ordered by start. Every node carries subtree_gap, the largest free gap of any
 * node in its subtree, where the gap of a node is the free space between its in-order
 * predecessor's end (or the window's lo) and its own start. The space after the last node
 * (the tail gap) belongs to no node; the searches look at it themselves.
 *
 * The parent pointer and the colour share rb_parent_color: nodes are at least 4-byte aligned,
 * bit 0 is the colour (1 = black) and bit 1 is left clear.
 *
 * Every node caches its own gap in n->gap (start - predecessor's end, or start - lo for the
 * first node), and subtree_gap = max(n->gap, children's subtree_gap). A node's gap changes
 * only when its predecessor does, so an update rewrites at most two gaps: area_insert sets
 * the new node's gap and shrinks its successor's; area_erase grows the erased node's
 * successor's gap by the erased node's gap and span; area_update recomputes the moved node's
 * gap (from its predecessor's end, pred_end) and its successor's. Each rewritten gap is then
 * carried up the ancestors' subtree_gap, stopping where a value stays the same. Rotations
 * keep the in-order sequence, so they change no gap and recompute the subtree_gap of the two
 * nodes they move from cached values. Every update is O(log n): one path to the root for
 * each rewritten gap, plus the red-black fixup (O(1) rotations, O(log n) recolourings);
 * area_update and area_erase also find a neighbour (O(log n) worst case).
 *
 * Splitting and merging touching nodes (mprotect of part of a VMA and back) rewrite no gap
 * outside the node concerned, so they carry nothing up to the root and never search from it.
 * area_split links the new node at its neighbour's leaf slot below the split node (the right
 * end of its left subtree or the left end of its right one); a new node below takes the split
 * node's gap, which stays inside that node's subtree, a new node above has a gap of 0.
 * area_split_three does both in one call. area_merge_next grows a node over the node that
 * starts where it ends and unlinks that one: its gap is 0, its successor's gap stays, so only
 * the nodes below the place its own successor leaves (when it had two children) are
 * recomputed. area_move_boundary moves the shared end of two touching nodes and changes no gap.
 *
 * The searches return the exact lowest/highest aligned fit, reading each own gap from its
 * node. Subtrees are pruned by subtree_gap < size and by whether the span they cover can
 * hold an aligned fit inside the limits, so when the first gap of at least size met also
 * fits, a search is one root-to-leaf descent plus the tail gap's spine: O(log n). A gap of
 * at least size that fails only because of alignment or the limits is stepped over, at a
 * cost of up to one more descent and climb, O(log n), for each such gap met.
 *
 * Everything is iterative and allocation-free; the caller embeds struct area_node and owns
 * the locking.
 */
#include "vm/area_tree.h"

#include <limits.h>
#include <stddef.h>

#define RB_BLACK ((uintptr_t)1)
#define RB_MASK	 ((uintptr_t)3) /* colour bit and one spare bit below the parent pointer */

#define AREA_NOMEM ((unsigned long)-12L) /* -ENOMEM */

#ifdef UNIARM_HOST_TEST
/* Instrumentation for the host tests' scaling checks. */
extern unsigned long area_tree_visits, area_tree_walks;
unsigned long area_tree_visits; /* nodes read by area_find_gap_lowest/highest */
unsigned long area_tree_walks;	/* nodes read by pred_end (area_update); insert/erase need none */
#define COUNT_VISIT() (area_tree_visits++)
#define COUNT_WALK()  (area_tree_walks++)
#else
#define COUNT_VISIT() ((void)0)
#define COUNT_WALK()  ((void)0)
#endif

static inline unsigned long umax(unsigned long a, unsigned long b)
{
	return a > b ? a : b;
}

static inline unsigned long umin(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}

static inline struct area_node *parent_of(const struct area_node *n)
{
	return (struct area_node *)(n->rb_parent_color & ~RB_MASK);
}

/* NULL (an empty subtree) counts as black. */
static inline bool is_red(const struct area_node *n)
{
	return n && !(n->rb_parent_color & RB_BLACK);
}

static inline bool is_black(const struct area_node *n)
{
	return !is_red(n);
}

static inline void set_black(struct area_node *n)
{
	n->rb_parent_color |= RB_BLACK;
}

static inline void set_red(struct area_node *n)
{
	n->rb_parent_color &= ~RB_BLACK;
}

/* Change the parent, keep the colour. */
static inline void set_parent(struct area_node *n, struct area_node *p)
{
	n->rb_parent_color = (uintptr_t)p | (n->rb_parent_color & RB_BLACK);
}

static inline unsigned long sg_of(const struct area_node *n)
{
	return n ? n->subtree_gap : 0;
}

static inline unsigned long children_sg(const struct area_node *n)
{
	return umax(sg_of(n->rb_left), sg_of(n->rb_right));
}

/* What n's subtree_gap must be, given its cached gap and its children's values. */
static inline unsigned long node_sg(const struct area_node *n)
{
	return umax(n->gap, children_sg(n));
}

/* Make new the child of parent that old was (or the root). Parent pointers are the caller's. */
static inline void change_child(struct area_tree *t, struct area_node *parent,
				const struct area_node *old, struct area_node *new)
{
	if (!parent)
		t->root = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 * End of n's in-order predecessor, or t->lo when n is the first node. Walks down the right
 * spine of the left subtree, or up to the nearest ancestor that has n on its right. Only
 * area_update needs it: there n->start has moved, so n->start - n->gap is stale.
 */
static unsigned long pred_end(const struct area_tree *t, const struct area_node *n)
{
	const struct area_node *m = n->rb_left, *p;

	if (m) {
		while (m->rb_right) {
			COUNT_WALK();
			m = m->rb_right;
		}
		return m->end;
	}
	for (;;) {
		p = parent_of(n);
		if (!p)
			return t->lo;
		COUNT_WALK();
		if (n == p->rb_right)
			return p->end;
		n = p;
	}
}

/*
 * One child subtree of p changed its subtree_gap from old to now (0 stands for an empty
 * subtree), nothing else below p changed. Brings p and its ancestors up to, not including,
 * stop back in line, stopping as soon as a node's value stays the same. A node whose value
 * grew takes the new one; only a node that lost its maximum is recomputed, from its
 * children and, when they do not restore it, its cached gap.
 */
static void propagate(struct area_node *p, unsigned long old, unsigned long now,
		      const struct area_node *stop)
{
	unsigned long was, v;

	while (p && p != stop) {
		was = p->subtree_gap;
		if (now > was) {
			v = now;
		} else if (now == was || old < was) {
			return; /* the maximum is unchanged or comes from elsewhere */
		} else {
			v = children_sg(p);
			if (v < was)
				v = umax(p->gap, v);
			if (v == was)
				return;
		}
		p->subtree_gap = v;
		old = was;
		now = v;
		p = parent_of(p);
	}
}

/*
 * n->gap was rewritten (its children are correct): recompute n and fix the ancestors up to,
 * not including, stop.
 */
static void refresh(struct area_node *n, const struct area_node *stop)
{
	unsigned long old = n->subtree_gap;

	n->subtree_gap = node_sg(n);
	propagate(parent_of(n), old, n->subtree_gap, stop);
}

/*
 * Rotations keep the in-order sequence, hence every node's gap. The node moving up covers
 * the same set as the old subtree root and takes its value; the node moving down is
 * recomputed from its cached gap and its new children.
 */
static void rotate_left(struct area_tree *t, struct area_node *x)
{
	struct area_node *y = x->rb_right, *p = parent_of(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		set_parent(y->rb_left, x);
	y->rb_left = x;
	set_parent(y, p);
	set_parent(x, y);
	change_child(t, p, x, y);

	y->subtree_gap = x->subtree_gap;
	x->subtree_gap = node_sg(x);
}

static void rotate_right(struct area_tree *t, struct area_node *x)
{
	struct area_node *y = x->rb_left, *p = parent_of(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		set_parent(y->rb_right, x);
	y->rb_right = x;
	set_parent(y, p);
	set_parent(x, y);
	change_child(t, p, x, y);

	y->subtree_gap = x->subtree_gap;
	x->subtree_gap = node_sg(x);
}

void area_tree_init(struct area_tree *t, unsigned long lo, unsigned long hi)
{
	t->root = NULL;
	t->lo = lo;
	t->hi = hi;
	t->count = 0;
}

/* Restore the red-black rules after linking the red leaf n. At most two rotations. */
static inline __attribute__((always_inline)) void insert_fixup(struct area_tree *t,
							       struct area_node *n)
{
	struct area_node *p, *g, *u;

	while ((p = parent_of(n)) && is_red(p)) {
		g = parent_of(p); /* a red node is never the root */
		if (p == g->rb_left) {
			u = g->rb_right;
			if (is_red(u)) {
				set_black(p);
				set_black(u);
				set_red(g);
				n = g;
				continue;
			}
			if (n == p->rb_right) {
				rotate_left(t, p);
				p = n;
			}
			set_black(p);
			set_red(g);
			rotate_right(t, g);
		} else {
			u = g->rb_left;
			if (is_red(u)) {
				set_black(p);
				set_black(u);
				set_red(g);
				n = g;
				continue;
			}
			if (n == p->rb_left) {
				rotate_right(t, p);
				p = n;
			}
			set_black(p);
			set_red(g);
			rotate_left(t, g);
		}
		break;
	}
	/* Only recolouring can reach the root, and a rotation leaves a black one there. */
	if (!p)
		set_black(n);
}

/*
 * Links n as a leaf. Its gap runs from the predecessor found on the way down; the successor
 * (the nearest ancestor where the descent went left) loses the part n now covers. Ancestors
 * below the successor can only grow (they gained n's gap); the successor and those above it
 * are recomputed as needed.
 */
int area_insert(struct area_tree *t, struct area_node *n)
{
	struct area_node **link = &t->root, *parent = NULL, *pred = NULL, *succ = NULL, *a;
	unsigned long gap;

	if (n->start >= n->end || n->start < t->lo || n->end > t->hi)
		return -1;
	while (*link) {
		parent = *link;
		if (n->start < parent->start) {
			succ = parent;
			link = &parent->rb_left;
		} else {
			pred = parent;
			link = &parent->rb_right;
		}
	}
	if ((pred && pred->end > n->start) || (succ && succ->start < n->end))
		return -1;

	gap = n->start - (pred ? pred->end : t->lo);
	n->rb_left = n->rb_right = NULL;
	n->rb_parent_color = (uintptr_t)parent; /* red */
	n->subtree_gap = n->gap = gap;
	*link = n;
	t->count++;

	for (a = parent; a != succ; a = parent_of(a)) {
		if (a->subtree_gap >= gap)
			break;
		a->subtree_gap = gap;
	}
	if (succ) {
		succ->gap = succ->start - n->end;
		refresh(succ, NULL);
	}

	insert_fixup(t, n);
	return 0;
}

/*
 * Link new, its range set, as n's in-order neighbour, found below n without a search from the
 * root: the predecessor's place is the right end of n's left subtree (or n's left child), the
 * successor's the left end of its right subtree (or n's right child). Either is a leaf slot
 * under n. The gaps: new below has the gap n had (n's is now 0), which stays inside n's
 * subtree, so only the nodes between new and n can grow and n keeps its value; new above has
 * a gap of 0, which changes no maximum, and n's old successor keeps its gap (new ends where n
 * ended).
 */
static inline __attribute__((always_inline)) void link_neighbour(struct area_tree *t,
								 struct area_node *n,
								 struct area_node *new, bool below,
								 unsigned long gap)
{
	struct area_node *parent = n, **link, *a;

	if (below) {
		link = &n->rb_left;
		while (*link) {
			parent = *link;
			link = &parent->rb_right;
		}
	} else {
		link = &n->rb_right;
		while (*link) {
			parent = *link;
			link = &parent->rb_left;
		}
	}
	new->rb_left = new->rb_right = NULL;
	new->rb_parent_color = (uintptr_t)parent; /* red */
	new->subtree_gap = new->gap = gap;
	*link = new;
	t->count++;
	if (below)
		for (a = parent; a != n && a->subtree_gap < gap; a = parent_of(a))
			a->subtree_gap = gap;
	insert_fixup(t, new);
}

int area_split(struct area_tree *t, struct area_node *n, struct area_node *new, unsigned long addr,
	       bool new_below)
{
	unsigned long gap = n->gap;

	if (addr <= n->start || addr >= n->end)
		return -1;
	if (new_below) {
		new->start = n->start;
		new->end = addr;
		n->start = addr;
		n->gap = 0;
		link_neighbour(t, n, new, true, gap);
	} else {
		new->start = addr;
		new->end = n->end;
		n->end = addr;
		link_neighbour(t, n, new, false, 0);
	}
	return 0;
}

int area_split_three(struct area_tree *t, struct area_node *n, struct area_node *below,
		     struct area_node *above, unsigned long start, unsigned long end)
{
	unsigned long gap = n->gap;

	if (start <= n->start || end >= n->end || start >= end)
		return -1;
	below->start = n->start;
	below->end = start;
	above->start = end;
	above->end = n->end;
	n->start = start;
	n->end = end;
	n->gap = 0;
	link_neighbour(t, n, below, true, gap);
	link_neighbour(t, n, above, false, 0);
	return 0;
}

/*
 * Restore the red-black rules after removing a black node whose place is now taken by n
 * (possibly NULL) under p: n's side is one black short. At most three rotations.
 */
static void erase_fixup(struct area_tree *t, struct area_node *n, struct area_node *p)
{
	struct area_node *w;

	while (n != t->root && is_black(n)) {
		if (n == p->rb_left) {
			w = p->rb_right; /* not NULL: it has a black height of at least one */
			if (is_red(w)) {
				set_black(w);
				set_red(p);
				rotate_left(t, p);
				w = p->rb_right;
			}
			if (is_black(w->rb_left) && is_black(w->rb_right)) {
				set_red(w);
				n = p;
				p = parent_of(n);
				continue;
			}
			if (is_black(w->rb_right)) {
				set_black(w->rb_left);
				set_red(w);
				rotate_right(t, w);
				w = p->rb_right;
			}
			w->rb_parent_color =
				(w->rb_parent_color & ~RB_BLACK) | (p->rb_parent_color & RB_BLACK);
			set_black(p);
			set_black(w->rb_right);
			rotate_left(t, p);
		} else {
			w = p->rb_left;
			if (is_red(w)) {
				set_black(w);
				set_red(p);
				rotate_right(t, p);
				w = p->rb_left;
			}
			if (is_black(w->rb_left) && is_black(w->rb_right)) {
				set_red(w);
				n = p;
				p = parent_of(n);
				continue;
			}
			if (is_black(w->rb_left)) {
				set_black(w->rb_right);
				set_red(w);
				rotate_left(t, w);
				w = p->rb_left;
			}
			w->rb_parent_color =
				(w->rb_parent_color & ~RB_BLACK) | (p->rb_parent_color & RB_BLACK);
			set_black(p);
			set_black(w->rb_left);
			rotate_right(t, p);
		}
		n = t->root;
		break;
	}
	if (n)
		set_black(n);
}

/*
 * Unlinks x. With gapless false, x's gap and its space merge into its successor's gap, which
 * now starts at x's predecessor's end (pe). With gapless true (area_merge_next), x's gap is 0
 * and its predecessor has grown over x, so no node's gap changes: a gap of 0 leaving a
 * subtree cannot lower its maximum, and only the nodes that lose x's successor s below them
 * (when s takes x's place) are recomputed. With two children, x's successor s (leftmost of the
 * right subtree) takes x's place and colour, and s's old place is what loses a node.
 */
static inline __attribute__((always_inline)) void erase_node(struct area_tree *t,
							     struct area_node *x, bool gapless)
{
	struct area_node *p = parent_of(x), *c, *cparent, *s, *a;
	unsigned long old = x->subtree_gap, pe = x->start - x->gap, s_old, g;
	bool black;

	if (!x->rb_left || !x->rb_right) {
		c = x->rb_left ? x->rb_left : x->rb_right;
		s = gapless ? NULL : area_next(x); /* while x is still linked */
		black = is_black(x);
		change_child(t, p, x, c);
		if (c)
			set_parent(c, p);
		cparent = p;
		if (gapless) {
			/* the nodes above lose a gap of 0: nothing to carry up */
		} else if (c && c == x->rb_right) {
			/* s is the leftmost node below c: its gap grew, then c replaced x */
			g = s->gap = s->start - pe;
			for (a = s;; a = parent_of(a)) {
				if (a->subtree_gap >= g)
					break;
				a->subtree_gap = g;
				if (a == c)
					break;
			}
			propagate(p, old, c->subtree_gap, NULL);
		} else {
			/* s, if any, is an ancestor of x's old place */
			propagate(p, old, sg_of(c), s);
			if (s) {
				s->gap = s->start - pe;
				refresh(s, NULL);
			}
		}
	} else {
		s = x->rb_right;
		while (s->rb_left)
			s = s->rb_left;
		c = s->rb_right;
		s_old = s->subtree_gap;
		black = is_black(s);
		if (s == x->rb_right) {
			cparent = s;
		} else {
			cparent = parent_of(s);
			cparent->rb_left = c;
			if (c)
				set_parent(c, cparent);
			s->rb_right = x->rb_right;
			set_parent(x->rb_right, s);
		}
		s->rb_left = x->rb_left;
		set_parent(x->rb_left, s);
		s->rb_parent_color = x->rb_parent_color; /* x's parent and colour */
		change_child(t, p, x, s);

		if (cparent != s)
			propagate(cparent, s_old, sg_of(c), s);
		if (!gapless)
			s->gap = s->start - pe;
		s->subtree_gap = node_sg(s);
		/* gapless: x's old subtree lost only x's gap of 0, s's value is x's */
		if (!gapless)
			propagate(p, old, s->subtree_gap, NULL);
	}
	t->count--;
	if (black)
		erase_fixup(t, c, cparent);
}

void area_erase(struct area_tree *t, struct area_node *x)
{
	erase_node(t, x, false);
}

int area_merge_next(struct area_tree *t, struct area_node *n, struct area_node *next)
{
	if (n->end != next->start)
		return -1;
	n->end = next->end;
	erase_node(t, next, true);
	return 0;
}

/*
 * n's start or end moved without crossing a neighbour: the order is unchanged, n's own gap
 * and its successor's gap are not. When the successor lies below n it is settled first.
 */
void area_update(struct area_tree *t, struct area_node *n)
{
	struct area_node *succ = area_next(n);

	n->gap = n->start - pred_end(t, n);
	if (succ)
		succ->gap = succ->start - n->end;
	if (succ && n->rb_right) {
		refresh(succ, n);
		refresh(n, NULL);
	} else {
		refresh(n, succ);
		if (succ)
			refresh(succ, NULL);
	}
}

struct area_node *area_find(const struct area_tree *t, unsigned long addr)
{
	struct area_node *n = t->root;

	while (n) {
		if (addr < n->start)
			n = n->rb_left;
		else if (addr >= n->end)
			n = n->rb_right;
		else
			return n;
	}
	return NULL;
}

/* Ends are ordered like starts (no overlaps), so this is a lower-bound search on end. */
struct area_node *area_find_next(const struct area_tree *t, unsigned long addr)
{
	struct area_node *n = t->root, *best = NULL;

	while (n) {
		if (n->end > addr) {
			if (n->start <= addr)
				return n;
			best = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return best;
}

struct area_node *area_first(const struct area_tree *t)
{
	struct area_node *n = t->root;

	if (n)
		while (n->rb_left)
			n = n->rb_left;
	return n;
}

struct area_node *area_last(const struct area_tree *t)
{
	struct area_node *n = t->root;

	if (n)
		while (n->rb_right)
			n = n->rb_right;
	return n;
}

/* Amortised O(1) over a full walk; O(log n) worst case. */
struct area_node *area_next(const struct area_node *n)
{
	struct area_node *m = n->rb_right, *p;

	if (m) {
		while (m->rb_left)
			m = m->rb_left;
		return m;
	}
	while ((p = parent_of(n)) && n == p->rb_right)
		n = p;
	return p;
}

struct area_node *area_prev(const struct area_node *n)
{
	struct area_node *m = n->rb_left, *p;

	if (m) {
		while (m->rb_right)
			m = m->rb_right;
		return m;
	}
	while ((p = parent_of(n)) && n == p->rb_left)
		n = p;
	return p;
}

/*
 * The lowest (fit_low) or highest (fit_high) start s, a multiple of mask + 1, with
 * lo <= s and s + size <= hi; false when there is none. Overflow-safe for any lo, hi.
 */
static inline bool fit_low(unsigned long lo, unsigned long hi, unsigned long size,
			   unsigned long mask, unsigned long *out)
{
	unsigned long s;

	if (lo > ULONG_MAX - mask)
		return false;
	s = (lo + mask) & ~mask;
	if (s > hi || hi - s < size)
		return false;
	*out = s;
	return true;
}

static inline bool fit_high(unsigned long lo, unsigned long hi, unsigned long size,
			    unsigned long mask, unsigned long *out)
{
	unsigned long s;

	if (hi < lo || hi - lo < size)
		return false;
	s = (hi - size) & ~mask;
	if (s < lo)
		return false;
	*out = s;
	return true;
}

static inline bool fit(bool low, unsigned long lo, unsigned long hi, unsigned long size,
		       unsigned long mask, unsigned long *out)
{
	return low ? fit_low(lo, hi, size, mask, out) : fit_high(lo, hi, size, mask, out);
}

/* Search limits: the clipped range [lo, hi), the size and the alignment mask. */
struct gap_req {
	unsigned long lo, hi, size, mask;
};

/*
 * Does n's own gap [n->start - n->gap, n->start) hold a fit? The lowest or highest such
 * start goes to *out.
 */
static bool own_fit(const struct area_node *n, const struct gap_req *r, bool low,
		    unsigned long *out)
{
	if (n->gap < r->size)
		return false;
	return fit(low, umax(n->start - n->gap, r->lo), umin(n->start, r->hi), r->size, r->mask,
		   out);
}

/*
 * Clip the limits to the window and validate: size 0, an alignment that is not a power of
 * two, or limits that leave less than size are failures; align 0 means 1.
 */
static bool gap_request(const struct area_tree *t, unsigned long size, unsigned long align,
			unsigned long lo, unsigned long hi, struct gap_req *r)
{
	if (!align)
		align = 1;
	r->mask = align - 1;
	r->lo = umax(lo, t->lo);
	r->hi = umin(hi, t->hi);
	r->size = size;
	return size && !(align & r->mask) && r->lo < r->hi && r->hi - r->lo >= size;
}

/*
 * In-order walk that skips every subtree whose subtree_gap is below size or whose span
 * cannot hold an aligned fit inside the limits, and returns at the first gap that fits.
 * When the largest gaps are big enough for any alignment this is one root-to-leaf descent;
 * a subtree that only looked promising (alignment, limits) costs a detour through it.
 * pend is the end of the predecessor of the subtree being descended (t->lo for the whole
 * tree): n's left subtree and own gap lie in [pend, n->start), which prunes the step left.
 * It is set on the way down and read only there; after a climb it is stale, but a node
 * reached by climbing up from its left child only goes on to its right subtree, whose pend
 * is n->end.
 */
unsigned long area_find_gap_lowest(const struct area_tree *t, unsigned long size,
				   unsigned long align, unsigned long lo, unsigned long hi)
{
	const struct area_node *n = t->root, *p;
	struct gap_req r;
	unsigned long pend = t->lo, s;

	if (!gap_request(t, size, align, lo, hi, &r))
		return AREA_NOMEM;
	if (!n)
		return fit_low(r.lo, r.hi, size, r.mask, &s) ? s : AREA_NOMEM;
	COUNT_VISIT();
	if (n->subtree_gap < size)
		goto tail;
descend:
	while ((p = n->rb_left)) {
		COUNT_VISIT();
		if (p->subtree_gap < size ||
		    !fit_low(umax(pend, r.lo), umin(n->start, r.hi), size, r.mask, &s))
			break;
		n = p;
	}
own:
	if (own_fit(n, &r, true, &s))
		return s;
	/* everything still to be seen lies at or above n->end */
	if (!fit_low(umax(n->end, r.lo), r.hi, size, r.mask, &s))
		return AREA_NOMEM;
	if ((p = n->rb_right)) {
		COUNT_VISIT();
		if (p->subtree_gap >= size) {
			pend = n->end;
			n = p;
			goto descend;
		}
	}
	while ((p = parent_of(n))) {
		COUNT_VISIT();
		if (n == p->rb_left) {
			n = p;
			goto own;
		}
		n = p;
	}
tail:
	for (n = t->root;; n = n->rb_right) {
		COUNT_VISIT();
		if (!fit_low(umax(n->end, r.lo), r.hi, size, r.mask, &s))
			return AREA_NOMEM;
		if (!n->rb_right)
			return s;
	}
}

/*
 * The mirror image: the tail gap first, then a reverse in-order walk (right subtree, own
 * gap, left subtree) with the same pruning. pend is again the low end of the span of the
 * subtree being walked, n's own gap and left subtree: the predecessor's end when the walk
 * came down to n, set when it steps right and kept when it steps left. A node reached by
 * climbing up from its right child has a predecessor the walk never passed; pend is then
 * reset to t->lo, which only weakens the pruning of the left subtree to the limits.
 */
unsigned long area_find_gap_highest(const struct area_tree *t, unsigned long size,
				    unsigned long align, unsigned long lo, unsigned long hi)
{
	const struct area_node *n = t->root, *p;
	struct gap_req r;
	unsigned long pend = t->lo, s;

	if (!gap_request(t, size, align, lo, hi, &r))
		return AREA_NOMEM;
	if (!n)
		return fit_high(r.lo, r.hi, size, r.mask, &s) ? s : AREA_NOMEM;
	/* the tail gap, unless a node on the way to the last one already ends too high */
	for (p = n;; p = p->rb_right) {
		COUNT_VISIT();
		if (!fit_high(umax(p->end, r.lo), r.hi, size, r.mask, &s))
			break;
		if (!p->rb_right)
			return s;
	}
	if (n->subtree_gap < size)
		return AREA_NOMEM;
descend:
	while ((p = n->rb_right)) {
		COUNT_VISIT();
		if (p->subtree_gap < size || !fit_high(umax(n->end, r.lo), r.hi, size, r.mask, &s))
			break;
		pend = n->end;
		n = p;
	}
own:
	/* everything still to be seen lies below n->start */
	if (!fit_high(r.lo, umin(n->start, r.hi), size, r.mask, &s))
		return AREA_NOMEM;
	if (own_fit(n, &r, false, &s))
		return s;
	if ((p = n->rb_left)) {
		COUNT_VISIT();
		if (p->subtree_gap >= size &&
		    fit_high(umax(pend, r.lo), umin(n->start, r.hi), size, r.mask, &s)) {
			n = p; /* same predecessor as n's subtree */
			goto descend;
		}
	}
	while ((p = parent_of(n))) {
		COUNT_VISIT();
		if (n == p->rb_right) {
			n = p;
			pend = t->lo; /* p's predecessor is unknown: no tighter than the window */
			goto own;
		}
		n = p;
	}
	return AREA_NOMEM;
}

/*
 * Two in-order walks. The first checks the structure: child links point back, the sequence
 * is ordered and disjoint inside the window, no red node has a red child, every path to an
 * empty subtree meets the same number of black nodes, the count is right. The second checks
 * that each subtree_gap equals the maximum of the node's own gap and its children's values,
 * which, node by node, is the same as every subtree_gap being the true maximum. Structural
 * damage is reported first because it makes gap errors meaningless. Bounded by count so
 * that a broken structure cannot loop forever.
 */
const char *area_tree_check(const struct area_tree *t)
{
	const struct area_node *n, *prev, *p;
	unsigned long seen, steps, limit = 3 * t->count + 3, gap;
	long depth, height; /* black nodes from the root to n, inclusive */
	int pass;

	if (!t->root)
		return t->count ? "count does not match the nodes" : NULL;
	if (parent_of(t->root))
		return "root has a parent";
	if (is_red(t->root))
		return "root is red";
	for (pass = 0; pass < 2; pass++) {
		n = t->root;
		prev = NULL;
		seen = steps = 0;
		depth = 1;
		height = -1;
		for (;;) {
			while (n->rb_left) {
				if (parent_of(n->rb_left) != n)
					return "child does not point back to its parent";
				if (++steps > limit)
					return "count does not match the nodes (or a cycle)";
				n = n->rb_left;
				depth += is_black(n);
			}
		visit:
			if (pass == 0) {
				if (++seen > t->count)
					return "count does not match the nodes";
				if (n->start >= n->end)
					return "node with start >= end";
				if (n->start < t->lo || n->end > t->hi)
					return "node outside the window";
				if (prev && prev->start >= n->start)
					return "nodes out of order";
				if (prev && prev->end > n->start)
					return "nodes overlap";
				if (is_red(n) && (is_red(n->rb_left) || is_red(n->rb_right)))
					return "red node with a red child";
				if (!n->rb_left || !n->rb_right) {
					if (height < 0)
						height = depth;
					else if (height != depth)
						return "black heights differ";
				}
			} else {
				gap = n->start - (prev ? prev->end : t->lo);
				if (n->gap != gap)
					return "gap is wrong";
				if (n->subtree_gap != umax(gap, children_sg(n)))
					return "subtree_gap is wrong";
			}
			prev = n;

			if (n->rb_right) {
				if (parent_of(n->rb_right) != n)
					return "child does not point back to its parent";
				if (++steps > limit)
					return "count does not match the nodes (or a cycle)";
				n = n->rb_right;
				depth += is_black(n);
				continue;
			}
			for (;;) {
				p = parent_of(n);
				depth -= is_black(n);
				if (!p)
					break;
				if (++steps > limit)
					return "count does not match the nodes (or a cycle)";
				if (n == p->rb_left) {
					n = p;
					goto visit;
				}
				n = p;
			}
			break;
		}
		if (pass == 0 && seen != t->count)
			return "count does not match the nodes";
	}
	return NULL;
}
