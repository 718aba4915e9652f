/*
 * mremap(2): shrinking, growing in place, moving (MREMAP_MAYMOVE, MREMAP_FIXED) with the contents
 * kept, and the errors. Ranges are placed in holes made for the purpose, so that "the space after
 * is free" or "blocked" is known.
 */
#include "mm_check.h"

int main(void)
{
	char *p, *q, *h, *r;

	printf("mm_mremap: mremap(2)\n");

	/* Shrink: the same address, the head kept, the tail unmapped. */
	p = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
	fill(p, 8 * PG, 1);
	r = mremap(p, 8 * PG, 3 * PG, 0);
	CHECK("mremap_shrink_same_address", r == p, "got %p, expected %p", r, p);
	CHECK_PATTERN("mremap_shrink_keeps_head", p, 3 * PG, 1);
	CHECK_EQ("mremap_shrink_tail_unmapped", mapped(p + 3 * PG, 5 * PG), 0);
	CHECK("mremap_shrink_maymove_same_address", mremap(p, 3 * PG, 2 * PG, MREMAP_MAYMOVE) == p,
	      "moved or failed");
	CHECK("mremap_same_size_noop", mremap(p, 2 * PG, 2 * PG, 0) == p, "moved or failed");
	CHECK_PATTERN("mremap_shrink_twice_keeps_head", p, 2 * PG, 1);
	munmap(p, 2 * PG);

	/* Grow in place into free space. */
	h = hole(16);
	p = map_or_die(h, 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(p, 4 * PG, 2);
	r = mremap(p, 4 * PG, 8 * PG, 0);
	CHECK("mremap_grow_in_place", r == p, "got %p/%s, expected %p", r, errname(errno), p);
	if (r == p) {
		CHECK_PATTERN("mremap_grow_in_place_keeps_contents", p, 4 * PG, 2);
		CHECK_EQ("mremap_grow_in_place_new_part_not_resident", resident(p + 4 * PG, 4 * PG),
			 0);
		CHECK_ZEROED("mremap_grow_in_place_new_part_zero", p + 4 * PG, 4 * PG);
		p[8 * PG - 1] = 9;
		CHECK("mremap_grow_in_place_new_part_writable", p[8 * PG - 1] == 9, "got %d",
		      p[8 * PG - 1]);
	}
	/* By an odd length: rounded up to pages. */
	r = mremap(p, 8 * PG, 9 * PG + 1, 0);
	CHECK("mremap_grow_odd_length", r == p, "got %p/%s", r, errname(errno));
	CHECK_EQ("mremap_grow_odd_length_maps_10_pages", mapped(p, 10 * PG), 1);
	munmap(h, 16 * PG);

	/* Blocked: another mapping right after. Without MREMAP_MAYMOVE: ENOMEM, nothing changes. */
	h = hole(12);
	p = map_or_die(h, 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	q = map_or_die(h + 4 * PG, PG, PROT_READ, ANON_PRIV | MAP_FIXED);
	fill(p, 4 * PG, 3);
	CHECK_ERR("mremap_grow_blocked_enomem", mremap(p, 4 * PG, 8 * PG, 0), ENOMEM);
	CHECK_PATTERN("mremap_grow_blocked_keeps_contents", p, 4 * PG, 3);
	CHECK_EQ("mremap_grow_blocked_neighbour_intact", mapped(q, PG), 1);
	/* With MREMAP_MAYMOVE: moved, contents with it, the old range unmapped, the tail zero. */
	r = mremap(p, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_maymove_moves", r != MAP_FAILED && r != p, "got %p/%s", r, errname(errno));
	if (r != MAP_FAILED && r != p) {
		CHECK_EQ("mremap_maymove_resident_pages_moved", resident(r, 8 * PG), 4);
		CHECK_PATTERN("mremap_maymove_keeps_contents", r, 4 * PG, 3);
		CHECK_ZEROED("mremap_maymove_tail_zero", r + 4 * PG, 4 * PG);
		CHECK_EQ("mremap_maymove_old_range_unmapped", mapped(p, 4 * PG), 0);
		munmap(r, 8 * PG);
	}
	munmap(h, 12 * PG);

	/* A larger move: 256 KiB of pattern, some pages never touched. */
	h = hole(65);
	p = map_or_die(h, 64 * PG, RW, ANON_PRIV | MAP_FIXED);
	for (size_t i = 0; i < 64; i += 2)
		fill(p + i * PG, PG, 100 + (unsigned)i);
	q = map_or_die(p + 64 * PG, PG, PROT_NONE, ANON_PRIV | MAP_FIXED);
	r = mremap(p, 64 * PG, 128 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_maymove_256k", r != MAP_FAILED && r != p, "got %p/%s", r, errname(errno));
	if (r != MAP_FAILED) {
		int bad = 0;
		CHECK_EQ("mremap_maymove_256k_untouched_stay_absent", resident(r, 128 * PG), 32);
		for (size_t i = 0; i < 64; i++)
			bad += (i % 2 ? nonzero(r + i * PG, PG)
				      : verify(r + i * PG, PG, 100 + (unsigned)i)) >= 0;
		CHECK_EQ("mremap_maymove_256k_every_page_kept", bad, 0);
		munmap(r, 128 * PG);
	}
	munmap(q, PG);

	/* Only part of a mapping: growing the first part in place is impossible (the rest of the
	 * VMA follows it): ENOMEM, or a move of that part with MREMAP_MAYMOVE. */
	h = hole(8);
	p = map_or_die(h, 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(p, 4 * PG, 4);
	CHECK_ERR("mremap_grow_part_of_vma_enomem", mremap(p, 2 * PG, 3 * PG, 0), ENOMEM);
	r = mremap(p, 2 * PG, 3 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_grow_part_of_vma_maymove", r != MAP_FAILED && r != p, "got %p/%s", r,
	      errname(errno));
	if (r != MAP_FAILED && r != p) {
		CHECK_PATTERN("mremap_part_moved_contents", r, 2 * PG, 4);
		CHECK_EQ("mremap_part_old_head_unmapped", mapped(p, 2 * PG), 0);
		CHECK_PATTERN_PART("mremap_part_rest_stays", p, 2 * PG, 2 * PG, 4);
		munmap(r, 3 * PG);
	}
	munmap(h, 8 * PG);

	/* MREMAP_FIXED to a chosen free address, growing on the way. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	fill(p, 4 * PG, 5);
	h = hole(8);
	r = mremap(p, 4 * PG, 6 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, h + PG);
	CHECK("mremap_fixed_to_free_address", r == h + PG, "got %p/%s, expected %p", r,
	      errname(errno), h + PG);
	if (r == h + PG) {
		CHECK_PATTERN("mremap_fixed_keeps_contents", r, 4 * PG, 5);
		CHECK_ZEROED("mremap_fixed_grown_tail_zero", r + 4 * PG, 2 * PG);
		CHECK_EQ("mremap_fixed_old_unmapped", mapped(p, 4 * PG), 0);
	}
	/* ... and shrinking on the way. */
	q = hole(4);
	r = mremap(h + PG, 6 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	CHECK("mremap_fixed_shrinking", r == q, "got %p/%s, expected %p", r, errname(errno), q);
	if (r == q) {
		CHECK_PATTERN("mremap_fixed_shrinking_keeps_head", q, 2 * PG, 5);
		CHECK_EQ("mremap_fixed_shrinking_old_unmapped", mapped(h + PG, 6 * PG), 0);
		CHECK_EQ("mremap_fixed_shrinking_new_size", mapped(q + 2 * PG, PG), 0);
	}
	munmap(q, 2 * PG);
	/* MREMAP_FIXED onto an existing mapping replaces it. */
	p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	q = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	fill(p, 2 * PG, 6);
	fill(q, 2 * PG, 7);
	r = mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	CHECK("mremap_fixed_over_mapping", r == q, "got %p/%s", r, errname(errno));
	CHECK_PATTERN("mremap_fixed_over_mapping_replaces", q, 2 * PG, 6);
	CHECK_EQ("mremap_fixed_over_mapping_old_unmapped", mapped(p, 2 * PG), 0);
	munmap(q, 2 * PG);

	/* Shared anonymous memory moves with its pages. */
	h = hole(3);
	p = map_or_die(h, 2 * PG, RW, ANON_SHARED | MAP_FIXED);
	fill(p, 2 * PG, 8);
	q = map_or_die(p + 2 * PG, PG, PROT_NONE, ANON_PRIV | MAP_FIXED);
	r = mremap(p, 2 * PG, 4 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_shared_maymove", r != MAP_FAILED, "got %s", errname(errno));
	if (r != MAP_FAILED) {
		CHECK_PATTERN("mremap_shared_keeps_contents", r, 2 * PG, 8);
		munmap(r, 4 * PG);
	}
	munmap(q, PG);
	/* old_len 0 on a shared mapping: a second mapping of the same pages (mremap(2)). */
	p = map_or_die(NULL, 2 * PG, RW, ANON_SHARED);
	p[0] = 1;
	r = mremap(p, 0, 2 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_old_len_0_shared_duplicates", r != MAP_FAILED && r != p, "got %p/%s", r,
	      errname(errno));
	if (r != MAP_FAILED && r != p) {
		r[0] = 2;
		p[PG] = 3;
		CHECK("mremap_old_len_0_shared_same_pages", p[0] == 2 && r[PG] == 3, "got %d %d",
		      p[0], r[PG]);
		CHECK_EQ("mremap_old_len_0_original_kept", mapped(p, 2 * PG), 1);
		munmap(r, 2 * PG);
	}
	munmap(p, 2 * PG);

	/* MREMAP_DONTUNMAP: the pages move, the old range stays mapped and reads zero. Recent
	 * kernels read new_addr as a hint even without MREMAP_FIXED (6.18: an unaligned one is
	 * EINVAL; 6.1 ignores it): pass NULL. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	fill(p, 4 * PG, 9);
	r = mremap(p, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	CHECK("mremap_dontunmap", r != MAP_FAILED && r != p, "got %p/%s", r, errname(errno));
	if (r != MAP_FAILED && r != p) {
		CHECK_PATTERN("mremap_dontunmap_new_has_contents", r, 4 * PG, 9);
		CHECK_EQ("mremap_dontunmap_old_still_mapped", mapped(p, 4 * PG), 1);
		CHECK_ZEROED("mremap_dontunmap_old_reads_zero", p, 4 * PG);
		munmap(r, 4 * PG);
	}
	munmap(p, 4 * PG);

	/* Errors, on a mapping with free space after it. */
	p = map_or_die(hole(8), 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(p, 4 * PG, 10);
	CHECK_ERR("mremap_unaligned_old_einval", mremap(p + 1, PG, 2 * PG, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERR("mremap_unaligned_old_half_page_einval", mremap(p + PG / 2, PG, PG, 0), EINVAL);
	CHECK_ERR("mremap_bad_flag_0x10_einval", mremap(p, PG, 2 * PG, 0x10), EINVAL);
	CHECK_ERR("mremap_bad_flag_high_einval", mremap(p, PG, 2 * PG, MREMAP_MAYMOVE | 0x1000),
		  EINVAL);
	h = hole(4);
	CHECK_ERR("mremap_fixed_without_maymove_einval", mremap(p, PG, PG, MREMAP_FIXED, h),
		  EINVAL);
	CHECK_ERR("mremap_fixed_unaligned_new_einval",
		  mremap(p, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, h + 1), EINVAL);
	CHECK_ERR("mremap_fixed_overlapping_old_einval",
		  mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, p + PG), EINVAL);
	CHECK_ERR("mremap_fixed_overlapping_old_below_einval",
		  mremap(p + PG, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, p), EINVAL);
	CHECK_ERR("mremap_dontunmap_without_maymove_einval",
		  mremap(p, PG, PG, MREMAP_DONTUNMAP, NULL), EINVAL);
	CHECK_ERR("mremap_dontunmap_size_change_einval",
		  mremap(p, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL), EINVAL);
	CHECK_ERR("mremap_new_len_0_einval", mremap(p, PG, 0, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERR("mremap_new_len_0_no_flags_einval", mremap(p, PG, 0, 0), EINVAL);
	CHECK_ERR("mremap_new_len_wraps_to_0_einval", mremap(p, PG, SIZE_MAX, MREMAP_MAYMOVE),
		  EINVAL);
	CHECK_ERR("mremap_old_len_0_private_einval", mremap(p, 0, PG, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERR("mremap_old_len_0_private_no_flags_einval", mremap(p, 0, PG, 0), EINVAL);
	CHECK_ERR("mremap_unmapped_grow_efault", mremap(hole(2), PG, 2 * PG, MREMAP_MAYMOVE),
		  EFAULT);
	CHECK_ERR("mremap_unmapped_shrink_efault", mremap(hole(2), 2 * PG, PG, 0), EFAULT);
	CHECK_ERR("mremap_unmapped_same_efault", mremap(hole(1), PG, PG, 0), EFAULT);
	CHECK_ERR("mremap_unmapped_fixed_efault",
		  mremap(hole(1), PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, h), EFAULT);
	CHECK_ERR("mremap_old_range_past_vma_end_efault",
		  mremap(p + 2 * PG, 4 * PG, 5 * PG, MREMAP_MAYMOVE), EFAULT);
	CHECK_ERR("mremap_above_task_size_efault",
		  mremap((void *)TOP_ADDR, PG, 2 * PG, MREMAP_MAYMOVE), EFAULT);
	/* Which error wins: the flags and alignment before the lookup. */
	CHECK_ERR("mremap_order_bad_flags_on_unmapped_einval", mremap(hole(1), PG, PG, 0x10),
		  EINVAL);
	CHECK_ERR("mremap_order_new_len_0_on_unmapped_einval", mremap(hole(1), PG, 0, 0), EINVAL);
	CHECK_PATTERN("mremap_errors_left_mapping_alone", p, 4 * PG, 10);
	munmap(p, 4 * PG);

	return t_finish();
}
