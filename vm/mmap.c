/*
 * mmap.c - the application's VMAs: the tree and its one-entry lookup cache, splitting and
 * merging, placement (get_unmapped_area), mmap, munmap, brk, stack growth and the initial
 * layout. mprotect, mremap, madvise, mlock, mincore and msync live in their own files and use
 * the helpers declared in vm/mmap_internal.h.
 *
 * The VMAs of an mm are the nodes of an area tree over [FIRST_USER_ADDRESS, TASK_SIZE): lookups,
 * neighbours and free-gap searches are O(log n). Every request that changes flags or ranges
 * merges before it returns, as Linux 6.1 decides it (vma_merge, mmap_region, copy_vma): the
 * same flags, backing and contiguous pgoff, and anon_vmas that agree (docs/vm-user.md,
 * "Merging"); stack growth never merges.
 *
 * Requests check their arguments in Linux's order and fail with Linux's errno
 * (mm/mmap.c: ksys_mmap_pgoff, do_mmap, mmap_region, do_vmi_munmap, brk, expand_downwards;
 * arch/arm: arch_mmap_check and the placement). A request that fails changes nothing unless
 * Linux leaves part of the work done too (mprotect, madvise and mlock over several VMAs,
 * mremap after it unmapped the destination). As on Linux, do_mmap and brk refuse a new VMA
 * only once map_count is past sysctl_max_map_count (so one more than the limit can exist);
 * splitting a VMA is refused at the limit.
 *
 * System calls run on the runtime's own syscall stack (platform/entry.S), so no page fault can
 * happen in the middle of a change to the VMAs or the allocators.
 */
#include "vm/mmap_internal.h"
#include "vm/mmap_lock.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

#include "runtime/compiler.h"
#include "runtime/cred.h"
#include "vm/slab.h"

struct mm_struct app_mm;
int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
unsigned long mmap_min_addr = MMAP_MIN_ADDR;

static struct kmem_cache *vm_area_cachep;
/*
 * Freed VMAs kept back: an mmap/munmap pair then never reaches the slab allocator, nor do an
 * mprotect that splits a VMA in three and the one that merges them back (two each). The first
 * is the one taken and refilled first, so the one-VMA case costs what one spare did.
 */
static struct {
	struct vm_area_struct *first, *second;
} vma_spare;

static int mmap_file_check_default(unsigned long fd)
{
	(void)fd;
	return -EBADF;
}

int (*mmap_file_check)(unsigned long fd) = mmap_file_check_default;

void vma_cache_init(void)
{
	if (!vm_area_cachep)
		vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct),
						   sizeof(void *), NULL);
}

static struct vm_area_struct *vm_area_alloc(void)
{
	struct vm_area_struct *vma = vma_spare.first;

	if (likely(vma)) {
		vma_spare.first = NULL;
		return vma;
	}
	vma = vma_spare.second;
	if (vma) {
		vma_spare.second = NULL;
		return vma;
	}
	return kmem_cache_alloc(vm_area_cachep, GFP_KERNEL | __GFP_NOWARN); /* mmap says ENOMEM */
}

static void vm_area_free(struct vm_area_struct *vma)
{
	if (likely(!vma_spare.first))
		vma_spare.first = vma;
	else if (!vma_spare.second)
		vma_spare.second = vma;
	else
		kmem_cache_free(vm_area_cachep, vma);
}

/* --- the tree --------------------------------------------------------------------------- */

/*
 * find_vma past mmap_cache: a few steps from it through its neighbours (faults that alternate
 * between nearby VMAs, e.g. two buffers being copied, then never search the tree), else a
 * search of the tree. The neighbour walk starts from mmap_cache, which is always a VMA of the
 * tree, and follows only the tree's links, so nothing else needs to be kept valid.
 */
#define FIND_VMA_STEPS 3

static __attribute__((noinline)) struct vm_area_struct *find_vma_miss(struct mm_struct *mm,
								      unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache, *n;
	int i;

	if (vma) {
		if (addr < vma->vm_start) {
			/* the answer is vma or one of the VMAs before it */
			for (i = 0; i < FIND_VMA_STEPS; i++) {
				n = vma_prev(vma);
				if (!n || n->vm_end <= addr)
					goto found;
				vma = n;
				if (vma->vm_start <= addr)
					goto found;
			}
		} else {
			/* addr >= vma->vm_end: one of the VMAs after it, or none */
			for (i = 0; i < FIND_VMA_STEPS; i++) {
				vma = vma_next(vma);
				if (!vma)
					return NULL;
				if (addr < vma->vm_end)
					goto found;
			}
		}
	}
	vma = vma_of(area_find_next(&mm->mm_areas, addr));
	if (!vma)
		return NULL;
found:
	mm->mmap_cache = vma;
	return vma;
}

/*
 * The first VMA with vm_end > addr. mmap_cache answers when it holds addr (the page-fault path
 * asks for the same VMA again and again, and checks mmap_cache itself before it calls here);
 * any other answer is found near it or in the tree (O(log n)) and is cached. mmap_cache is
 * cleared whenever its VMA leaves the tree (vma_unlink).
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache;

	if (likely(vma && vma->vm_start <= addr && addr < vma->vm_end))
		return vma;
	return find_vma_miss(mm, addr);
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	*pprev = vma ? vma_prev(vma) : vma_of(area_last(&mm->mm_areas));
	return vma;
}

/* The first VMA that intersects [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	area_insert(&mm->mm_areas, &vma->vm_node); /* callers checked that the range is free */
	mm->map_count++;
}

/* Take vma out of the tree (the caller frees it). */
static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
	area_erase(&mm->mm_areas, &vma->vm_node);
	mm->map_count--;
}

/*
 * Where the VMA before vma ends (the tree keeps each node's gap to its predecessor), or
 * FIRST_USER_ADDRESS when there is none: no VMA ends at the window's lo, nothing starts below.
 */
static inline unsigned long prev_end(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	unsigned long end = vma->vm_start - vma->vm_node.gap;

	return end == mm->mm_areas.lo ? FIRST_USER_ADDRESS : end;
}

/* vma's range changed in place without crossing a neighbour. */
static inline void vma_moved(struct mm_struct *mm, struct vm_area_struct *vma)
{
	area_update(&mm->mm_areas, &vma->vm_node);
}

/*
 * vma grows over next, which begins where vma ends, and next leaves the tree (the caller frees
 * it): no gap in the tree changes (area_merge_next). A cached next is replaced by vma, which
 * now holds its addresses.
 */
static inline void vma_merge_next(struct mm_struct *mm, struct vm_area_struct *vma,
				  struct vm_area_struct *next)
{
	if (mm->mmap_cache == next)
		mm->mmap_cache = vma;
	area_merge_next(&mm->mm_areas, &vma->vm_node, &next->vm_node);
	mm->map_count--;
}

/* --- merging and splitting ------------------------------------------------------------- */

static inline bool vma_attrs_match(const struct vm_area_struct *vma, unsigned long flags,
				   void *file, const struct vm_operations_struct *ops)
{
	return vma->vm_flags == flags && vma->vm_file == file && vma->vm_ops == ops &&
	       !(flags & VM_SPECIAL);
}

/*
 * Linux's is_mergeable_anon_vma for a range with anon_vma `anon` next to vma: the same one, or
 * the range has none. (Linux also takes a range with one next to a neighbour without, when the
 * neighbour's anon_vma_chain is singular; a neighbour without an anon_vma has an empty chain.)
 */
static inline bool anon_vma_fits(unsigned long anon, const struct vm_area_struct *vma)
{
	return !anon || anon == vma->anon_vma;
}

/* Two neighbours that both stay in a three-way merge: their anon_vmas must not differ. */
static inline bool anon_vmas_compatible(unsigned long a, unsigned long b)
{
	return !a || !b || a == b;
}

/* prev ends where a range with these attributes and first pgoff `pgoff` begins: one VMA? */
static inline bool can_merge_after(const struct vm_area_struct *prev, unsigned long flags,
				   void *file, const struct vm_operations_struct *ops,
				   unsigned long anon, unsigned long pgoff)
{
	return vma_attrs_match(prev, flags, file, ops) && anon_vma_fits(anon, prev) &&
	       prev->vm_pgoff + vma_pages(prev) == pgoff;
}

/* next begins where a range of `pages` pages from pgoff ends: one VMA? */
static inline bool can_merge_before(const struct vm_area_struct *next, unsigned long flags,
				    void *file, const struct vm_operations_struct *ops,
				    unsigned long anon, unsigned long pgoff, unsigned long pages)
{
	return vma_attrs_match(next, flags, file, ops) && anon_vma_fits(anon, next) &&
	       pgoff + pages == next->vm_pgoff;
}

/*
 * anon_vma identities. Nothing but merging and reuse looks at them, so a counter serves:
 * 2^32 anon_vmas later one could repeat (0 is skipped), harmless unless the two VMAs then
 * also meet with continuing pgoffs.
 */
static unsigned long anon_vma_last;

static unsigned long anon_vma_alloc(void)
{
	if (unlikely(!++anon_vma_last))
		++anon_vma_last;
	return anon_vma_last;
}

/*
 * Linux's anon_vma_compatible: a's anonymous pages could be b's (a just below b, the same
 * backing, flags that differ in protection at most, b's pgoff continuing a's).
 */
static bool anon_vma_compatible(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_file == b->vm_file &&
	       !((a->vm_flags ^ b->vm_flags) & ~VM_ACCESS_FLAGS) &&
	       b->vm_pgoff == a->vm_pgoff + vma_pages(a);
}

/*
 * Linux's anon_vma_prepare with find_mergeable_anon_vma: reuse the anon_vma of the next VMA,
 * else of the previous one, when it has one and is compatible (so the two can merge once their
 * protections agree again); else a new one. Only the first anonymous page of a VMA gets here.
 */
__attribute__((noinline)) void anon_vma_prepare(struct vm_area_struct *vma)
{
	struct vm_area_struct *near = vma_next(vma);

	if (near && near->anon_vma && anon_vma_compatible(vma, near)) {
		vma->anon_vma = near->anon_vma;
		return;
	}
	near = vma_prev(vma);
	if (near && near->anon_vma && anon_vma_compatible(near, vma)) {
		vma->anon_vma = near->anon_vma;
		return;
	}
	vma->anon_vma = anon_vma_alloc();
}

/*
 * Split vma at addr (inside it, page aligned) using the spare VMA new: new takes the part
 * below addr (new_below) or above it, vma keeps the rest. Cannot fail.
 */
static void split_vma_with(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
			   bool new_below, struct vm_area_struct *new)
{
	*new = *vma;
	if (new_below)
		vma->vm_pgoff = vma_pgoff_at(vma, addr);
	else
		new->vm_pgoff = vma_pgoff_at(vma, addr);
	/* new becomes vma's neighbour in the tree, with the ranges set there */
	area_split(&mm->mm_areas, &vma->vm_node, &new->vm_node, addr, new_below);
	mm->map_count++;
}

int vma_modify_flags(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		     unsigned long end, unsigned long newflags, struct vm_area_struct **out)
{
	struct vm_area_struct *prev = NULL, *next = NULL, *below = NULL, *above = NULL;
	bool merge_prev = false, merge_next = false;
	unsigned long pgoff, pages;

	if (start != vma->vm_start && end != vma->vm_end)
		goto split; /* strictly inside: no neighbour can take the range */

	pgoff = vma_pgoff_at(vma, start);
	pages = (end - start) >> PAGE_SHIFT;
	/* a VMA ending at start leaves vma no gap below */
	if (start == vma->vm_start && !vma->vm_node.gap) {
		prev = vma_prev(vma);
		merge_prev = prev && prev->vm_end == start &&
			     can_merge_after(prev, newflags, vma->vm_file, vma->vm_ops,
					     vma->anon_vma, pgoff);
	}
	if (end == vma->vm_end) {
		next = vma_next(vma);
		merge_next = next && next->vm_start == end &&
			     can_merge_before(next, newflags, vma->vm_file, vma->vm_ops,
					      vma->anon_vma, pgoff, pages);
	}
	/* Linux's vma_merge tries prev first: all three only if prev and next agree too */
	if (merge_prev && merge_next && !anon_vmas_compatible(prev->anon_vma, next->anon_vma))
		merge_next = false;

	if (merge_prev && merge_next) {
		/* prev, vma and next become prev (vma's anon_vma is 0 or prev's) */
		vma_merge_next(mm, prev, vma);
		vma_merge_next(mm, prev, next);
		if (!prev->anon_vma)
			prev->anon_vma = next->anon_vma;
		vm_area_free(vma);
		vm_area_free(next);
		*out = prev;
		return 0;
	}
	if (merge_prev) {
		if (end == vma->vm_end) {
			vma_merge_next(mm, prev, vma);
			vm_area_free(vma);
		} else {
			/* the two touch and stay touching: only the boundary moves */
			vma->vm_pgoff += pages;
			area_move_boundary(&prev->vm_node, &vma->vm_node, end);
		}
		*out = prev;
		return 0;
	}
	if (merge_next) {
		if (start == vma->vm_start) {
			vma_unlink(mm, vma);
			vm_area_free(vma);
			next->vm_start = start;
			vma_moved(mm, next);
		} else {
			area_move_boundary(&vma->vm_node, &next->vm_node, start);
		}
		next->vm_pgoff = pgoff;
		*out = next;
		return 0;
	}

split:
	/* Linux's split_vma refuses each split once map_count has reached the limit. */
	if (start > vma->vm_start || end < vma->vm_end) {
		if (mm->map_count + (start > vma->vm_start && end < vma->vm_end) >=
		    sysctl_max_map_count)
			return -ENOMEM;
		if (start > vma->vm_start && !(below = vm_area_alloc()))
			return -ENOMEM;
		if (end < vma->vm_end && !(above = vm_area_alloc())) {
			if (below)
				vm_area_free(below);
			return -ENOMEM;
		}
		if (below && above) {
			/* both splits in one call: below gets [vm_start, start), above [end,
			 * vm_end) */
			*below = *vma;
			*above = *vma;
			above->vm_pgoff = vma_pgoff_at(vma, end);
			vma->vm_pgoff = vma_pgoff_at(vma, start);
			area_split_three(&mm->mm_areas, &vma->vm_node, &below->vm_node,
					 &above->vm_node, start, end);
			mm->map_count += 2;
		} else if (below) {
			split_vma_with(mm, vma, start, true, below);
		} else {
			split_vma_with(mm, vma, end, false, above);
		}
	}
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	*out = vma;
	return 0;
}

/* --- munmap ------------------------------------------------------------------------------ */

/* Counters for `pages` pages of vma leaving the address space; returns those to unaccount. */
static inline unsigned long vma_gone(struct mm_struct *mm, const struct vm_area_struct *vma,
				     unsigned long pages)
{
	vma_stat(mm, vma->vm_flags, -(long)pages);
	return vma->vm_flags & VM_ACCOUNT ? pages : 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start), *next, *new;
	unsigned long floor, ceiling, nr_accounted = 0, ustart, uend;

	if (!vma || vma->vm_start >= end)
		return 0;
	/* unmap_region gets the part of the range that VMAs held, not the holes around it */
	ustart = vma->vm_start > start ? vma->vm_start : start;

	if (start > vma->vm_start && end < vma->vm_end) {
		/* A hole inside one VMA: it becomes two. */
		if (mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		new = vm_area_alloc();
		if (!new)
			return -ENOMEM;
		split_vma_with(mm, vma, end, false, new);
		nr_accounted = vma_gone(mm, vma, (end - start) >> PAGE_SHIFT);
		vma->vm_end = start;
		vma_moved(mm, vma);
		unmap_region(mm, start, end, start, end);
		if (nr_accounted)
			vm_unacct_memory(nr_accounted);
		return 0;
	}

	if (start > vma->vm_start) {
		/* vma keeps its head: it is the neighbour below the hole */
		next = vma_next(vma);
		nr_accounted += vma_gone(mm, vma, (vma->vm_end - start) >> PAGE_SHIFT);
		uend = vma->vm_end;
		vma->vm_end = start;
		vma_moved(mm, vma);
		floor = start;
		vma = next;
	} else {
		floor = prev_end(mm, vma);
		uend = start;
	}
	ceiling = TASK_SIZE;
	while (vma) {
		if (vma->vm_start >= end) {
			ceiling = vma->vm_start;
			break;
		}
		if (vma->vm_end > end) {
			/* the last VMA keeps its tail */
			nr_accounted += vma_gone(mm, vma, (end - vma->vm_start) >> PAGE_SHIFT);
			vma->vm_pgoff = vma_pgoff_at(vma, end);
			vma->vm_start = end;
			vma_moved(mm, vma);
			ceiling = uend = end;
			break;
		}
		next = vma_next(vma);
		nr_accounted += vma_gone(mm, vma, vma_pages(vma));
		uend = vma->vm_end;
		vma_unlink(mm, vma);
		vm_area_free(vma);
		vma = next;
	}
	unmap_region(mm, ustart, uend, floor, ceiling);
	if (nr_accounted)
		vm_unacct_memory(nr_accounted);
	return 0;
}

static long __sys_munmap(unsigned long addr, size_t len)
{
	struct mm_struct *mm = current_mm;

	if ((addr & ~PAGE_MASK) || addr > TASK_SIZE || len > TASK_SIZE - addr)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	return do_munmap(mm, addr, addr + len);
}

/* munmap with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_munmap, (unsigned long addr, size_t len), (addr, len))

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = vma_of(area_first(&mm->mm_areas));

	if (vma)
		do_munmap(mm, vma->vm_start, vma_of(area_last(&mm->mm_areas))->vm_end);
}

/* --- placement ---------------------------------------------------------------------------- */

/*
 * The highest (top-down) or lowest free range of len bytes in [lo, hi) that also keeps
 * STACK_GUARD_GAP below a VM_GROWSDOWN VMA above it (Linux's unmapped_area(_topdown)). Each
 * search is one O(log n) descent of the gap-augmented tree; a candidate that would sit in a
 * stack's guard gap moves the limit past that stack and searches again.
 */
static unsigned long unmapped_area(struct mm_struct *mm, unsigned long len, unsigned long lo,
				   unsigned long hi, bool topdown, struct vm_area_struct **pnext)
{
	struct vm_area_struct *next;
	unsigned long addr, gap_start;

	for (;;) {
		if (topdown)
			addr = area_find_gap_highest(&mm->mm_areas, len, PAGE_SIZE, lo, hi);
		else
			addr = area_find_gap_lowest(&mm->mm_areas, len, PAGE_SIZE, lo, hi);
		if (AREA_FAILED(addr))
			return (unsigned long)-ENOMEM;
		next = vma_of(area_find_next(&mm->mm_areas, addr));
		*pnext = next;
		if (!next || !(next->vm_flags & VM_GROWSDOWN))
			return addr;
		gap_start = vm_start_gap(next);
		if (addr + len <= gap_start)
			return addr;
		if (topdown) {
			if (gap_start < lo + len)
				return (unsigned long)-ENOMEM;
			hi = gap_start;
		} else {
			lo = next->vm_end;
		}
	}
}

/* VMA_UNKNOWN: the placement did not look at the VMAs (MAP_FIXED). */
#define VMA_UNKNOWN ((struct vm_area_struct *)1)

/*
 * get_unmapped_area. MAP_FIXED: addr itself. Otherwise a free hint (do_mmap has page-aligned
 * it) when [addr, addr + len) is below TASK_SIZE and clear of the next VMA and its guard gap,
 * else the highest fit below mmap_base, else the lowest anywhere in the window (ARM Linux
 * falls back to [mmap_base, TASK_SIZE); the space below mmap_base is full by then anyway,
 * except for a fit that straddles mmap_base). The checks are Linux's __get_unmapped_area's:
 * MAP_FIXED below FIRST_USER_ADDRESS -EINVAL (ARM), longer than TASK_SIZE or past it -ENOMEM,
 * unaligned -EINVAL, below mmap_min_addr -EPERM (security_mmap_addr). *pnext says which VMA
 * follows the range chosen (the first with vm_end > the result; VMA_UNKNOWN for MAP_FIXED),
 * so that mmap need not look it up again.
 */
static unsigned long place(struct mm_struct *mm, unsigned long addr, unsigned long len,
			   unsigned long flags, struct vm_area_struct **pnext)
{
	struct vm_area_struct *vma;

	/* Placement stays above mmap_min_addr (Linux's generic low_limit); ARM's own searches go
	 * down to FIRST_USER_ADDRESS and then fail security_mmap_addr's check instead. */
	const unsigned long floor =
		mmap_min_addr > FIRST_USER_ADDRESS ? mmap_min_addr : FIRST_USER_ADDRESS;

	*pnext = VMA_UNKNOWN;
	if ((flags & MAP_FIXED) && addr < FIRST_USER_ADDRESS)
		return (unsigned long)-EINVAL; /* ARM's arch_mmap_check */
	if (len > TASK_SIZE)
		return (unsigned long)-ENOMEM;
	if (!(flags & MAP_FIXED)) {
		/* arch/arm/mm/mmap.c: the hint is taken if it fits (no mmap_min_addr check) */
		addr = PAGE_ALIGN(addr);
		if (addr) {
			vma = find_vma(mm, addr);
			if (TASK_SIZE - len >= addr && (!vma || addr + len <= vm_start_gap(vma))) {
				*pnext = vma;
				goto found;
			}
		}
		/*
		 * The common case first: [mmap_base - len, mmap_base) is free (nothing was mapped
		 * just below mmap_base, or it was unmapped again). It is the highest fit there can
		 * be, found with one lookup instead of a gap search.
		 */
		addr = mm->mmap_base - len;
		if (mm->mmap_base >= floor && len <= mm->mmap_base - floor) {
			vma = vma_of(area_find_next(&mm->mm_areas, addr));
			if (!vma || (vma->vm_start >= mm->mmap_base &&
				     (!(vma->vm_flags & VM_GROWSDOWN) ||
				      mm->mmap_base <= vm_start_gap(vma)))) {
				*pnext = vma;
				goto found;
			}
		}
		addr = unmapped_area(mm, len, floor, mm->mmap_base, true, pnext);
		if (addr & ~PAGE_MASK)
			addr = unmapped_area(mm, len, floor, TASK_SIZE, false, pnext);
		if (addr & ~PAGE_MASK)
			return addr;
	}
found:
	if (addr > TASK_SIZE - len)
		return (unsigned long)-ENOMEM;
	if (addr & ~PAGE_MASK)
		return (unsigned long)-EINVAL;
	if (addr < mmap_min_addr)
		return (unsigned long)-EPERM; /* security_mmap_addr */
	return addr;
}

unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	struct vm_area_struct *next;

	(void)pgoff; /* no cache colouring: the Cortex-A15's caches do not alias */
	return place(mm, addr, len, flags, &next);
}

/* --- mmap --------------------------------------------------------------------------------- */

/* Pages of VM_ACCOUNT VMAs inside [start, end). */
static unsigned long accounted_pages(struct vm_area_struct *vma, unsigned long start,
				     unsigned long end)
{
	unsigned long n = 0, s, e;

	for (; vma && vma->vm_start < end; vma = vma_next(vma)) {
		if (!(vma->vm_flags & VM_ACCOUNT))
			continue;
		s = vma->vm_start > start ? vma->vm_start : start;
		e = vma->vm_end < end ? vma->vm_end : end;
		n += (e - s) >> PAGE_SHIFT;
	}
	return n;
}

/*
 * vma_insert_range, given next: the first VMA with vm_end > addr. mmap_order: decide as Linux
 * 6.1's mmap_region (next first, then prev against next's anon_vma), else as vma_merge (prev
 * first, then next if prev and next agree); they differ for a never-written prev and a written
 * next (mmap joins next only, vma_merge all three).
 */
static inline __attribute__((always_inline)) struct vm_area_struct *
insert_range(struct mm_struct *mm, struct vm_area_struct *next, unsigned long addr,
	     unsigned long end, unsigned long flags, unsigned long pgoff, void *file,
	     const struct vm_operations_struct *ops, unsigned long anon, bool mmap_order,
	     struct vm_area_struct *spare)
{
	unsigned long pages = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *prev = NULL, *vma;
	bool merge_prev, merge_next;

	/* the VMA before is only needed when it ends at addr */
	if (!next)
		prev = vma_of(area_last(&mm->mm_areas));
	else if (prev_end(mm, next) == addr)
		prev = vma_prev(next);
	merge_prev = prev && prev->vm_end == addr &&
		     can_merge_after(prev, flags, file, ops, anon, pgoff);
	merge_next = next && next->vm_start == end &&
		     can_merge_before(next, flags, file, ops, anon, pgoff, pages);
	if (merge_prev && merge_next) {
		if (mmap_order)
			merge_prev = anon_vma_fits(next->anon_vma, prev);
		else
			merge_next = anon_vmas_compatible(prev->anon_vma, next->anon_vma);
	}
	if (merge_prev) {
		if (merge_next) {
			vma_unlink(mm, next);
			prev->vm_end = next->vm_end;
			if (!prev->anon_vma)
				prev->anon_vma = next->anon_vma;
			vm_area_free(next);
		} else {
			prev->vm_end = end;
		}
		vma_moved(mm, prev);
		vma = prev;
	} else if (merge_next) {
		next->vm_start = addr;
		next->vm_pgoff = pgoff;
		vma_moved(mm, next);
		vma = next;
	} else {
		vma = spare ? spare : vm_area_alloc();
		if (!vma)
			return NULL;
		spare = NULL;
		vma->vm_node.rb_parent_color = 0;
		vma->vm_node.rb_left = vma->vm_node.rb_right = NULL;
		vma->vm_start = addr;
		vma->vm_end = end;
		vma->vm_flags = flags;
		vma->vm_page_prot = vm_get_page_prot(flags);
		vma->vm_pgoff = pgoff;
		vma->vm_file = file;
		vma->anon_vma = anon;
		vma->vm_ops = ops;
		vma->vm_mm = mm;
		vma_link(mm, vma);
	}
	if (spare)
		vm_area_free(spare);
	mm->mmap_cache = vma;
	return vma;
}

struct vm_area_struct *vma_insert_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
					unsigned long flags, unsigned long pgoff, void *file,
					const struct vm_operations_struct *ops,
					unsigned long anon_vma, struct vm_area_struct *spare)
{
	return insert_range(mm, find_vma(mm, addr), addr, end, flags, pgoff, file, ops, anon_vma,
			    false, spare);
}

/*
 * Insert [addr, addr + len) as a mapping with vm_flags, pgoff, file and ops, replacing what is
 * there, merging with the neighbours when their attributes and pgoff allow; accounts it
 * (VM_ACCOUNT) when it is private and writable, or shared anonymous memory, unless
 * VM_NORESERVE. next is find_vma(mm, addr) when the
 * caller knows it, else VMA_UNKNOWN. Returns addr or -ENOMEM (nothing changed:
 * committed-memory limit, map_count limit when splitting, no memory for a VMA).
 */
static long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
			unsigned long vm_flags, unsigned long pgoff, void *file,
			const struct vm_operations_struct *ops, unsigned long anon,
			struct vm_area_struct *next)
{
	unsigned long end = addr + len, pages = len >> PAGE_SHIFT, nr_accounted = 0, charged = 0;
	struct vm_area_struct *spare = NULL, *vma = next == VMA_UNKNOWN ? find_vma(mm, addr) : next;
	bool overlap = vma && vma->vm_start < end;

	if (overlap) {
		/* MAP_FIXED over existing mappings: do_munmap must not fail half way */
		if (addr > vma->vm_start && end < vma->vm_end &&
		    mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		nr_accounted = accounted_pages(vma, addr, end);
	}
	if ((vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE) {
		/* Private writable: the replaced pages' commitment passes on (Linux 6.12). */
		if (pages - nr_accounted && vm_enough_memory(pages - nr_accounted))
			return -ENOMEM;
		if (nr_accounted)
			vm_acct_memory(nr_accounted); /* do_munmap releases them again */
		charged = pages;
	} else if ((vm_flags & (VM_NORESERVE | VM_SHARED)) == VM_SHARED && !file) {
		/*
		 * Shared anonymous memory, at any protection: its whole size, checked while the
		 * replaced pages are still committed, as Linux's shmem object commits it.
		 */
		if (vm_enough_memory(pages))
			return -ENOMEM;
		charged = pages;
	}
	if (charged)
		vm_flags |= VM_ACCOUNT;
	if (overlap) {
		spare = vm_area_alloc(); /* before anything is unmapped */
		if (!spare || do_munmap(mm, addr, end))
			goto fail;
		vma = find_vma(mm, addr);
	}
	vma = insert_range(mm, vma, addr, end, vm_flags, pgoff, file, ops, anon, true, spare);
	if (!vma)
		goto fail;
	vma_stat(mm, vm_flags, (long)pages);
	return (long)addr;
fail:
	if (spare)
		vm_area_free(spare);
	if (charged)
		vm_unacct_memory(charged);
	return -ENOMEM;
}

/* Linux's round_hint_to_min: a hint below mmap_min_addr asks for mmap_min_addr. */
static inline unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (hint && hint < mmap_min_addr)
		return PAGE_ALIGN(mmap_min_addr);
	return hint;
}

/*
 * Linux's ksys_mmap_pgoff + do_mmap, for anonymous memory (descriptors go through
 * mmap_file_check and Linux's checks up to ENODEV: no file can be mapped yet). Unknown prot bits
 * are ignored, as Linux's calc_vm_prot_bits ignores them; the map type must be MAP_SHARED or
 * MAP_PRIVATE (MAP_SHARED_VALIDATE only validates file mappings: anonymous, it is EINVAL as on
 * Linux).
 */
static long __sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
			     unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct mm_struct *mm = current_mm;
	struct vm_area_struct *next;
	unsigned long vm_flags, anon = 0;
	int file_err = 0;
	long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		file_err = mmap_file_check ? mmap_file_check(fd) : -EBADF;
		if (file_err == -EBADF)
			return -EBADF;
		if (flags & MAP_HUGETLB)
			return -EINVAL; /* not a hugetlbfs file */
	} else if (flags & MAP_HUGETLB) {
		return -EINVAL; /* no huge page sizes without hugetlbfs */
	}

	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED))
		addr = round_hint_to_min(addr);
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	/* Linux's test is '>', so one more VMA than the limit can exist */
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;

	addr = place(mm, addr, len, flags, &next);
	if (addr & ~PAGE_MASK)
		return (long)addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;

	vm_flags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		   (prot & PROT_EXEC ? VM_EXEC : 0) | (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
		   (flags & MAP_LOCKED ? VM_LOCKED : 0) | mm->def_flags | VM_MAYREAD | VM_MAYWRITE |
		   VM_MAYEXEC;
	/* RLIMIT_MEMLOCK (vm/mlock.c): EPERM when it is 0, EAGAIN when passed (no CAP_IPC_LOCK) */
	if (unlikely(vm_flags & VM_LOCKED)) {
		if ((flags & MAP_LOCKED) && !can_do_mlock())
			return -EPERM;
		if (mlock_future_check(mm, vm_flags, len))
			return -EAGAIN;
	}

	if (!(flags & MAP_ANONYMOUS)) {
		/* file_err: the descriptor's MMAP_FILE_* mode, or -ENODEV (mode unknown) */
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			flags &= LEGACY_MAP_MASK;
			/* fall through */
		case MAP_SHARED_VALIDATE:
			if (flags & ~LEGACY_MAP_MASK)
				return -EOPNOTSUPP;
			if ((prot & PROT_WRITE) && file_err >= 0 && !(file_err & MMAP_FILE_WRITE))
				return -EACCES;
			/* fall through */
		case MAP_PRIVATE:
			if (file_err >= 0 && !(file_err & MMAP_FILE_READ))
				return -EACCES;
			return -ENODEV; /* no file can be mapped yet */
		default:
			return -EINVAL;
		}
	}
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		/* its own shmem object: never merged with another one */
		pgoff = 0;
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		break;
	case MAP_PRIVATE:
		pgoff = addr >> PAGE_SHIFT;
		break;
	default:
		return -EINVAL;
	}
	/* MAP_NORESERVE is honoured only while overcommit is allowed */
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE;

	if (vm_flags & VM_SHARED)
		anon = anon_vma_alloc(); /* after the last check: no identity is wasted */
	ret = mmap_region(mm, addr, len, vm_flags, pgoff, NULL, NULL, anon, next);
	/* an address is not an error even when it is "negative" (above 2 GiB on ARM) */
	if (!((unsigned long)ret & ~PAGE_MASK) &&
	    ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		mm_populate(mm, addr, addr + len, true); /* mmap succeeds regardless */
	return ret;
}

/* mmap_pgoff with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_mmap_pgoff,
		    (unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
		     unsigned long fd, unsigned long pgoff),
		    (addr, len, prot, flags, fd, pgoff))

int mm_populate(struct mm_struct *mm, unsigned long start, unsigned long end, bool ignore_errors)
{
	struct vm_area_struct *vma;
	unsigned long s, e;
	int err;

	if (start >= end)
		return 0;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(vma)) {
		if (vma->vm_flags & VM_LOCKONFAULT)
			continue;
		s = vma->vm_start > start ? vma->vm_start : start;
		e = vma->vm_end < end ? vma->vm_end : end;
		err = vma_is_accessible(vma) ? populate_range(vma, s, e) : -EFAULT;
		if (err && !ignore_errors)
			return err;
	}
	return 0;
}

/* --- brk ---------------------------------------------------------------------------------- */

/*
 * Linux's brk: returns the new break, or the old one when the request fails (below start_brk,
 * past BRK_LIMIT, growing to within a page (or a stack's guard gap) of another mapping,
 * map_count, committed memory). Shrinking unmaps [PAGE_ALIGN(new), PAGE_ALIGN(old)); growing
 * extends the heap VMA or makes one (VM_READ | VM_WRITE, accounted), populated under
 * mlockall(MCL_FUTURE).
 */
static long __sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current_mm;
	unsigned long newbrk, oldbrk, flags, pages;
	struct vm_area_struct *next;

	if (brk < mm->start_brk || brk > BRK_LIMIT)
		return (long)mm->brk;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk)
		goto set;

	if (brk <= mm->brk) {
		/* shrinking: there must be a mapping to take away */
		if (!find_vma_intersection(mm, newbrk, oldbrk) || do_munmap(mm, newbrk, oldbrk))
			return (long)mm->brk;
		goto set;
	}

	/* growing: [oldbrk, newbrk + one page) must be free, and clear of a stack's guard gap */
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		return (long)mm->brk;
	if (mm->map_count > sysctl_max_map_count)
		return (long)mm->brk;
	/* After mlockall(MCL_FUTURE) the new heap is locked: RLIMIT_MEMLOCK holds for it. */
	if (mlock_future_check(mm, mm->def_flags, newbrk - oldbrk))
		return (long)mm->brk;
	pages = (newbrk - oldbrk) >> PAGE_SHIFT;
	if (vm_enough_memory(pages))
		return (long)mm->brk;

	flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT |
		mm->def_flags;
	if (!vma_insert_range(mm, oldbrk, newbrk, flags, oldbrk >> PAGE_SHIFT, NULL, NULL, 0,
			      NULL)) {
		vm_unacct_memory(pages);
		return (long)mm->brk;
	}
	vma_stat(mm, flags, (long)pages);
	mm->brk = brk;
	if (flags & VM_LOCKED)
		mm_populate(mm, oldbrk, newbrk, true);
	return (long)brk;
set:
	mm->brk = brk;
	return (long)brk;
}

/* brk with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_brk, (unsigned long brk), (brk))

/* --- the stack ---------------------------------------------------------------------------- */

/*
 * Grow a VM_GROWSDOWN vma down to the page of addr (Linux's expand_downwards and
 * acct_stack_growth): refused (-ENOMEM) below mmap_min_addr, when the VMA would exceed the
 * stack limit, come within STACK_GUARD_GAP of an accessible VMA below that does not itself
 * grow down, or exceed the committed-memory limit (accounted VMAs only: uniarm's main stack
 * is not accounted). As in Linux, the grown VMA never merges with the one below, even when it
 * reaches it with the same attributes.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev;
	unsigned long grow;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -ENOMEM;
	addr &= PAGE_MASK;
	if (addr >= vma->vm_start)
		return 0;
	if (addr < mmap_min_addr)
		return -ENOMEM; /* Linux: -EPERM; the fault is a SIGSEGV either way */
	prev = vma_prev(vma);
	if (prev) {
		if (addr < prev->vm_end)
			return -ENOMEM;
		if (!(prev->vm_flags & VM_GROWSDOWN) && vma_is_accessible(prev) &&
		    addr - prev->vm_end < STACK_GUARD_GAP)
			return -ENOMEM;
	}
	grow = (vma->vm_start - addr) >> PAGE_SHIFT;
	if (grow > vma->vm_pgoff || vma->vm_end - addr > mm->stack_rlimit)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(grow))
		return -ENOMEM;

	vma->vm_start = addr;
	vma->vm_pgoff -= grow;
	vma_moved(mm, vma);
	vma_stat(mm, vma->vm_flags, (long)grow);
	return 0;
}

/* --- layout ------------------------------------------------------------------------------- */

/*
 * A fresh address space: the window [FIRST_USER_ADDRESS, TASK_SIZE) (mappings below
 * mmap_min_addr are refused when they are made), mmap_base below the stack's
 * room (max(128 MiB, rlimit + guard gap), Linux's mmap_base without randomisation), an empty
 * heap at BRK_BASE (its VMA comes with the first brk that grows it) and the main stack's VMA,
 * the top 128 KiB below STACK_TOP, growing down (not accounted).
 */
void mm_init_layout(struct mm_struct *mm)
{
	const unsigned long flags =
		VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_GROWSDOWN;
	const unsigned long start = STACK_TOP - (128UL << 10);
	unsigned long gap = STACK_RLIMIT + STACK_GUARD_GAP;

	if (gap < (128UL << 20))
		gap = 128UL << 20;
	vma_cache_init();
	init_rwsem(&mm->mmap_lock);
	page_counts.user = &mm->rss;
	area_tree_init(&mm->mm_areas, FIRST_USER_ADDRESS, TASK_SIZE);
	mm->mmap_cache = NULL;
	mm->map_count = 0;
	mm->mmap_base = PAGE_ALIGN(STACK_TOP - gap);
	mm->start_brk = mm->brk = BRK_BASE; /* until exec puts it after the program */
	mm->start_code = mm->end_code = 0;
	mm->start_stack = STACK_TOP;
	mm->stack_rlimit = STACK_RLIMIT;
	mm->total_vm = mm->locked_vm = mm->stack_vm = 0;
	mm->def_flags = 0;
	mm->min_flt = mm->maj_flt = 0;

	/* (no memory for one object at boot: the first fault on the stack will say so) */
	if (vma_insert_range(mm, start, STACK_TOP, flags, start >> PAGE_SHIFT, NULL, NULL, 0, NULL))
		vma_stat(mm, flags, (long)((STACK_TOP - start) >> PAGE_SHIFT));
}
