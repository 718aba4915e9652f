/*
 * When two neighbouring VMAs are one: Linux's vma_merge rules beyond flags and pgoff (issue 10
 * item 7). Each case builds a layout inside a free range with an unmapped page at each end (so
 * nothing outside can merge in) and counts the /proc/self/maps lines over it; where two VMAs
 * must stay apart, mremap growing a range across their boundary fails with EFAULT, and where
 * they are one VMA it grows in place.
 *
 * - anon_vma: a private VMA's anonymous memory has an identity from its first anonymous page
 *   on (a write fault, or the copy of the zero page; a read maps the zero page and creates
 *   none). Splits keep it; MADV_DONTNEED does not drop it. Neighbours whose identities differ
 *   are not merged; a range without one merges with a neighbour that has one; a range with one
 *   does not merge into a neighbour without (Linux: that neighbour's anon_vma_chain is empty,
 *   not singular). The first anonymous page of a VMA reuses the identity of an adjacent VMA
 *   that differs from it only in protection and continues its pgoff (find_mergeable_anon_vma).
 * - mremap: a moved VMA without anonymous memory takes the pgoff of its new address (copy_vma)
 *   and merges there; one with anonymous memory keeps its pgoff and does not.
 * - MAP_GROWSDOWN growth never merges with the VMA below (expand_downwards).
 * - Two shared anonymous objects (each mmap is its own shmem file) never merge, even when their
 *   pgoffs continue each other; two parts of one object do.
 */
#include "mm_check.h"

#include <fcntl.h>

static char buf[256 * 1024];

static int read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	size_t len = 0;
	long n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = 0;
	return n < 0 ? -1 : 0;
}

/* The /proc/self/maps lines (VMAs) meeting [lo, hi), or -1 when the file cannot be read. */
static int vmas_in(const void *lo, const void *hi)
{
	int n = 0;

	if (read_maps())
		return -1;
	for (const char *s = buf; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL) {
		unsigned long start, end;

		if (sscanf(s, "%lx-%lx", &start, &end) == 2 && start < (uintptr_t)hi &&
		    end > (uintptr_t)lo)
			n++;
	}
	return n;
}

/* One VMA exactly [start, end)? */
static int vma_is(const void *start, const void *end)
{
	if (read_maps())
		return 0;
	for (const char *s = buf; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL) {
		unsigned long a, b;

		if (sscanf(s, "%lx-%lx", &a, &b) == 2 && a == (uintptr_t)start &&
		    b == (uintptr_t)end)
			return 1;
	}
	return 0;
}

#define CHECK_VMAS(name, lo, hi, want)                                                             \
	do {                                                                                       \
		int _n = vmas_in(lo, hi);                                                          \
		CHECK(name, _n == (want), "%d VMAs over %p-%p, expected %d", _n, (void *)(lo),     \
		      (void *)(hi), want);                                                         \
	} while (0)

/*
 * mremap growing [p, p + len) by a page: EFAULT when the range is not inside one VMA; when it
 * is (and the page after it is free) it grows in place, and the page is unmapped again.
 */
static void check_cross(const char *name, char *p, size_t len, int one_vma)
{
	errno = 0;
	void *r = mremap(p, len, len + PG, 0);

	if (one_vma) {
		CHECK(name, r == p, "mremap got %p/%s, expected %p", r, errname(errno), p);
		if (r == p)
			munmap(p + len, PG);
	} else {
		check_err_(name, r == MAP_FAILED ? -1 : (long)r, errno, EFAULT);
		if (r != MAP_FAILED && r != p)
			munmap(r, len + PG);
	}
}

/* n pages to build in, with a free page below and above; area() gives page i. */
static char *base;
static size_t base_pages;

static char *area(size_t n)
{
	char *h = hole(n + 2);

	base = h + PG;
	base_pages = n;
	return base;
}

static void area_done(void)
{
	munmap(base - PG, (base_pages + 2) * PG);
}

static char *fixed(char *at, size_t pages, int prot, int flags)
{
	return map_or_die(at, pages * PG, prot, flags | MAP_FIXED);
}

/* A mapping of its own, away from the area (a free page on either side). */
static char *lone(size_t pages, int prot)
{
	return fixed(hole(pages + 2) + PG, pages, prot, ANON_PRIV);
}

static void touch(char *p, size_t pages, unsigned char v)
{
	for (size_t i = 0; i < pages; i++)
		((volatile char *)p)[i * PG] = (char)v;
}

static unsigned char peek(const char *p)
{
	return *(const volatile unsigned char *)p;
}

/* Two adjacent mappings, neither written: one VMA (pgoffs continue: both are addr >> 12). */
static void fresh_neighbours(void)
{
	char *b = area(3);

	fixed(b, 1, RW, ANON_PRIV);
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("fresh_neighbours_merge", b, b + 3 * PG, 1);
	check_cross("fresh_neighbours_mremap_across", b, 2 * PG, 1);
	area_done();
}

/* A written mapping and a fresh one mapped next to it, on either side: one VMA. */
static void written_and_fresh(void)
{
	char *b = area(3);

	fixed(b, 1, RW, ANON_PRIV);
	touch(b, 1, 1);
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("fresh_after_written_merges", b, b + 3 * PG, 1);
	check_cross("fresh_after_written_mremap_across", b, 2 * PG, 1);
	area_done();

	b = area(3);
	fixed(b + PG, 1, RW, ANON_PRIV);
	touch(b + PG, 1, 2);
	fixed(b, 1, RW, ANON_PRIV);
	CHECK_VMAS("fresh_before_written_merges", b, b + 3 * PG, 1);
	CHECK_EQ("fresh_before_written_data", peek(b + PG), 2);
	area_done();

	/* read, never written: the zero page creates no anonymous memory either */
	b = area(3);
	fixed(b, 1, RW, ANON_PRIV);
	touch(b, 1, 3);
	fixed(b + 2 * PG, 1, RW, ANON_PRIV);
	(void)peek(b + 2 * PG);
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("written_fresh_read_all_merge", b, b + 3 * PG, 1);
	area_done();
}

/* Anonymous memory created apart: the gap refilled merges with one side only. */
static void created_apart(void)
{
	char *b = area(4);

	fixed(b, 1, RW, ANON_PRIV);
	fixed(b + 2 * PG, 1, RW, ANON_PRIV);
	touch(b, 1, 1);
	touch(b + 2 * PG, 1, 3);
	CHECK_VMAS("apart_two", b, b + 3 * PG, 2);
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("apart_refilled_gap_two_vmas", b, b + 3 * PG, 2);
	/* Linux 6.1's mmap_region tries the next VMA first, then the previous one against the
	 * next one's anon_vma */
	CHECK("apart_gap_joins_the_upper", vma_is(b + PG, b + 3 * PG), "no VMA %p-%p",
	      (void *)(b + PG), (void *)(b + 3 * PG));
	check_cross("apart_mremap_across_efault", b, 3 * PG, 0);
	check_cross("apart_mremap_across_lower_boundary_efault", b, 2 * PG, 0);
	CHECK("apart_data", peek(b) == 1 && peek(b + PG) == 0 && peek(b + 2 * PG) == 3,
	      "got %u %u %u", peek(b), peek(b + PG), peek(b + 2 * PG));
	/* the same protection change over both does not merge them either */
	CHECK_ZERO("apart_mprotect_both", mprotect(b, 3 * PG, PROT_READ));
	CHECK_VMAS("apart_mprotect_still_two", b, b + 3 * PG, 2);
	area_done();

	/* a gap between a never-written VMA below and a written one above joins the upper only */
	b = area(4);
	fixed(b, 1, RW, ANON_PRIV);
	fixed(b + 2 * PG, 1, RW, ANON_PRIV);
	touch(b + 2 * PG, 1, 3);
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("gap_fresh_below_written_above_two", b, b + 3 * PG, 2);
	CHECK("gap_fresh_below_joins_upper", vma_is(b + PG, b + 3 * PG), "no VMA %p-%p",
	      (void *)(b + PG), (void *)(b + 3 * PG));
	area_done();

	/* written below, never written above: all three are one */
	b = area(4);
	fixed(b, 1, RW, ANON_PRIV);
	fixed(b + 2 * PG, 1, RW, ANON_PRIV);
	touch(b, 1, 3);
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("gap_written_below_fresh_above_one", b, b + 3 * PG, 1);
	area_done();

	/* mprotect (vma_merge) joins a never-written VMA below and a written one above */
	b = area(4);
	fixed(b, 3, RW, ANON_PRIV);
	CHECK_ZERO("mprotect_gap_split", mprotect(b + PG, PG, PROT_READ));
	touch(b + 2 * PG, 1, 3);
	CHECK_ZERO("mprotect_gap_back", mprotect(b + PG, PG, RW));
	CHECK_VMAS("mprotect_fresh_below_written_above_one", b, b + 3 * PG, 1);
	area_done();

	/* written while their flags differed (VM_DONTCOPY is not a protection): no reuse */
	b = area(3);
	fixed(b, 2, RW, ANON_PRIV);
	CHECK_ZERO("apart_dontfork", madvise(b + PG, PG, MADV_DONTFORK));
	touch(b, 2, 4);
	CHECK_ZERO("apart_dofork", madvise(b + PG, PG, MADV_DOFORK));
	CHECK_VMAS("apart_dontfork_written_two", b, b + 2 * PG, 2);
	check_cross("apart_dontfork_mremap_across_efault", b, 2 * PG, 0);
	area_done();

	/* MADV_DONTNEED does not make memory "never written" */
	b = area(4);
	fixed(b, 1, RW, ANON_PRIV);
	fixed(b + 2 * PG, 1, RW, ANON_PRIV);
	touch(b, 1, 1);
	touch(b + 2 * PG, 1, 3);
	CHECK_ZERO("apart_dontneed", madvise(b + 2 * PG, PG, MADV_DONTNEED));
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("apart_after_dontneed_two", b, b + 3 * PG, 2);
	area_done();
}

/* mprotect/mlock: split parts keep their identity and merge back. */
static void split_and_back(void)
{
	char *b = area(4);

	fixed(b, 3, RW, ANON_PRIV);
	touch(b, 3, 5);
	CHECK_ZERO("split_mprotect_middle", mprotect(b + PG, PG, PROT_READ));
	CHECK_VMAS("split_three", b, b + 3 * PG, 3);
	CHECK_ZERO("split_mprotect_back", mprotect(b + PG, PG, RW));
	CHECK_VMAS("split_merged_back", b, b + 3 * PG, 1);
	check_cross("split_merged_back_mremap_across", b, 3 * PG, 1);
	CHECK_ZERO("split_mlock_middle", mlock(b + PG, PG));
	CHECK_VMAS("split_mlock_three", b, b + 3 * PG, 3);
	CHECK_ZERO("split_munlock", munlock(b + PG, PG));
	CHECK_VMAS("split_munlock_merged", b, b + 3 * PG, 1);
	/* a hole punched and refilled: the refill has none of its own and merges both ways */
	CHECK_ZERO("split_munmap_middle", munmap(b + PG, PG));
	fixed(b + PG, 1, RW, ANON_PRIV);
	CHECK_VMAS("split_refill_merged", b, b + 3 * PG, 1);
	area_done();

	/* A never-written part made equal to a written neighbour joins it. */
	b = area(3);
	fixed(b, 2, RW, ANON_PRIV);
	CHECK_ZERO("fresh_part_mprotect_ro", mprotect(b + PG, PG, PROT_READ));
	touch(b, 1, 6);
	CHECK_ZERO("fresh_part_mprotect_rw", mprotect(b + PG, PG, RW));
	CHECK_VMAS("fresh_part_joins_written", b, b + 2 * PG, 1);
	area_done();

	/* A written part made equal to a never-written neighbour does not join it. */
	b = area(3);
	fixed(b, 2, RW, ANON_PRIV);
	CHECK_ZERO("written_part_split", mprotect(b + PG, PG, PROT_READ));
	touch(b, 1, 7);
	CHECK_ZERO("written_part_mprotect_ro", mprotect(b, PG, PROT_READ));
	CHECK_VMAS("written_part_stays_apart_from_fresh", b, b + 2 * PG, 2);
	check_cross("written_part_mremap_across_efault", b, 2 * PG, 0);
	area_done();

	/* The first write reuses the identity of a neighbour differing only in protection. */
	b = area(3);
	fixed(b, 2, RW, ANON_PRIV);
	CHECK_ZERO("reuse_split_exec", mprotect(b + PG, PG, RW | PROT_EXEC));
	touch(b, 1, 8);
	touch(b + PG, 1, 9);
	CHECK_ZERO("reuse_mprotect_back", mprotect(b + PG, PG, RW));
	CHECK_VMAS("reuse_neighbours_identity_merges", b, b + 2 * PG, 1);
	area_done();

	/* ... but not when their pgoffs do not continue */
	b = area(3);
	fixed(b, 1, RW, ANON_PRIV);
	touch(b, 1, 10);
	{
		char *far = lone(1, RW | PROT_EXEC);

		void *r = mremap(far, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + PG);
		CHECK("reuse_moved_here", r == b + PG, "mremap got %p/%s", r, errname(errno));
	}
	touch(b + PG, 1, 11); /* pgoff is (b + PG) >> 12 now (moved never written): reuses */
	CHECK_ZERO("reuse_moved_mprotect_back", mprotect(b + PG, PG, RW));
	CHECK_VMAS("reuse_moved_merges", b, b + 2 * PG, 1);
	area_done();
}

/* mremap: never written takes its new address's pgoff (copy_vma); written keeps its own. */
static void moved(void)
{
	char *b = area(3), *c;
	void *r;

	fixed(b, 1, RW, ANON_PRIV);
	c = lone(1, RW);
	(void)peek(c); /* read only: still no anonymous memory */
	r = mremap(c, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + PG);
	CHECK("moved_fresh_to_fresh", r == b + PG, "mremap got %p/%s", r, errname(errno));
	CHECK_VMAS("moved_fresh_merges_with_fresh", b, b + 2 * PG, 1);
	check_cross("moved_fresh_mremap_across", b, 2 * PG, 1);
	area_done();

	b = area(3);
	fixed(b, 1, RW, ANON_PRIV);
	touch(b, 1, 1);
	c = lone(1, RW);
	r = mremap(c, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + PG);
	CHECK("moved_fresh_to_written", r == b + PG, "mremap got %p/%s", r, errname(errno));
	CHECK_VMAS("moved_fresh_merges_with_written", b, b + 2 * PG, 1);
	area_done();

	b = area(3);
	fixed(b, 1, RW, ANON_PRIV);
	c = lone(1, RW);
	touch(c, 1, 2);
	r = mremap(c, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + PG);
	CHECK("moved_written", r == b + PG, "mremap got %p/%s", r, errname(errno));
	CHECK_VMAS("moved_written_keeps_pgoff_two", b, b + 2 * PG, 2);
	check_cross("moved_written_mremap_across_efault", b, 2 * PG, 0);
	CHECK_EQ("moved_written_data", peek(b + PG), 2);
	area_done();

	/* written, then MADV_DONTNEED: still has its anonymous memory, keeps its pgoff */
	b = area(3);
	fixed(b, 1, RW, ANON_PRIV);
	c = lone(1, RW);
	touch(c, 1, 2);
	madvise(c, PG, MADV_DONTNEED);
	r = mremap(c, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + PG);
	CHECK("moved_dontneed", r == b + PG, "mremap got %p/%s", r, errname(errno));
	CHECK_VMAS("moved_dontneed_keeps_pgoff_two", b, b + 2 * PG, 2);
	area_done();

	/* a never-written page merged into a written VMA shares its identity: moved, it keeps
	 * its pgoff and does not merge with a never-written mapping at the new place */
	b = area(3);
	c = lone(2, RW);
	touch(c, 1, 3);
	CHECK_ZERO("merged_fresh_part_split", mprotect(c + PG, PG, PROT_READ));
	CHECK_ZERO("merged_fresh_part_back", mprotect(c + PG, PG, RW));
	fixed(b, 1, RW, ANON_PRIV);
	r = mremap(c + PG, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + PG);
	CHECK("merged_fresh_part_moved", r == b + PG, "mremap got %p/%s", r, errname(errno));
	CHECK_VMAS("merged_fresh_part_keeps_pgoff_two", b, b + 2 * PG, 2);
	munmap(c, PG);
	area_done();

	/* growing a move: the new part follows the moved VMA's pgoff */
	b = area(4);
	fixed(b, 1, RW, ANON_PRIV);
	c = lone(1, RW);
	r = mremap(c, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + PG);
	CHECK("moved_grown", r == b + PG, "mremap got %p/%s", r, errname(errno));
	CHECK_VMAS("moved_grown_merges", b, b + 3 * PG, 1);
	area_done();
}

/* A MAP_GROWSDOWN VMA grown down onto another one: no merge (expand_downwards). */
static void growsdown(void)
{
	char *b = area(4);

	fixed(b, 1, RW, ANON_PRIV | MAP_GROWSDOWN);
	fixed(b + 2 * PG, 1, RW, ANON_PRIV | MAP_GROWSDOWN);
	CHECK_VMAS("growsdown_two", b, b + 3 * PG, 2);
	touch(b + PG, 1, 1); /* below the upper one: it grows down to b + PG */
	CHECK("growsdown_grew", vma_is(b + PG, b + 3 * PG), "no VMA %p-%p", (void *)(b + PG),
	      (void *)(b + 3 * PG));
	CHECK_VMAS("growsdown_grown_not_merged", b, b + 3 * PG, 2);
	check_cross("growsdown_mremap_across_efault", b, 3 * PG, 0);
	area_done();

	/* the same two, never grown, made adjacent by mmap: merged as usual */
	b = area(3);
	fixed(b, 1, RW, ANON_PRIV | MAP_GROWSDOWN);
	fixed(b + PG, 1, RW, ANON_PRIV | MAP_GROWSDOWN);
	CHECK_VMAS("growsdown_mmap_adjacent_merges", b, b + 2 * PG, 1);
	area_done();
}

/* Shared anonymous memory: one object per mmap. */
static void shared(void)
{
	char *b = area(4);

	/* object 1 (pgoff 0) loses its first page: [b + 2 PG, b + 3 PG) has pgoff 1 */
	fixed(b + PG, 2, RW, ANON_SHARED);
	CHECK_ZERO("shared_unmap_head", munmap(b + PG, PG));
	fixed(b + PG, 1, RW, ANON_SHARED); /* object 2, pgoff 0: continues object 1's pgoff */
	CHECK_VMAS("shared_two_objects_not_merged", b, b + 3 * PG, 2);
	check_cross("shared_mremap_across_efault", b + PG, 2 * PG, 0);
	touch(b + PG, 1, 1);
	touch(b + 2 * PG, 1, 2);
	CHECK("shared_objects_data", peek(b + PG) == 1 && peek(b + 2 * PG) == 2, "got %u %u",
	      peek(b + PG), peek(b + 2 * PG));
	area_done();

	/* two whole objects side by side (pgoff 0 and 0): apart too */
	b = area(3);
	fixed(b, 1, RW, ANON_SHARED);
	fixed(b + PG, 1, RW, ANON_SHARED);
	CHECK_VMAS("shared_side_by_side_not_merged", b, b + 2 * PG, 2);
	area_done();

	/* parts of one object merge back */
	b = area(4);
	fixed(b, 3, RW, ANON_SHARED);
	touch(b, 3, 3);
	CHECK_ZERO("shared_split", mprotect(b + PG, PG, PROT_READ));
	CHECK_VMAS("shared_split_three", b, b + 3 * PG, 3);
	CHECK_ZERO("shared_back", mprotect(b + PG, PG, RW));
	CHECK_VMAS("shared_one_object_merged_back", b, b + 3 * PG, 1);
	check_cross("shared_merged_mremap_across", b, 3 * PG, 1);
	area_done();
}

int main(void)
{
	printf("mm_merge: when neighbouring VMAs merge\n");
	fflush(stdout);
	if (vmas_in(0, (void *)~(uintptr_t)0) <= 0) {
		t_fail("maps_readable", "cannot read /proc/self/maps: %s", errname(errno));
		return t_finish();
	}
	fresh_neighbours();
	written_and_fresh();
	created_apart();
	split_and_back();
	moved();
	growsdown();
	shared();
	return t_finish();
}
