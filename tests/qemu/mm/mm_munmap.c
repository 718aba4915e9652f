/*
 * munmap(2): unmapping the head, the tail or the middle of a mapping (a split), ranges across
 * several mappings and over holes, and the errors. Whether a page is still mapped is asked of
 * mincore (ENOMEM: not mapped) and msync, never by touching it (that would end the test).
 */
#include "mm_check.h"

int main(void)
{
	char *p, *h;

	printf("mm_munmap: munmap(2)\n");

	/* Head: [h+PG, h+5PG) mapped between two free pages; unmap its first page. */
	h = hole(6);
	p = map_or_die(h + PG, 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(p, 4 * PG, 1);
	CHECK_ZERO("munmap_head", munmap(p, PG));
	CHECK_EQ("munmap_head_page_gone", mapped(p, PG), 0);
	CHECK_EQ("munmap_head_rest_mapped", mapped(p + PG, 3 * PG), 1);
	CHECK_PATTERN_PART("munmap_head_rest_intact", p, PG, 3 * PG, 1);
	/* Tail. */
	CHECK_ZERO("munmap_tail", munmap(p + 3 * PG, PG));
	CHECK_EQ("munmap_tail_page_gone", mapped(p + 3 * PG, PG), 0);
	CHECK_EQ("munmap_tail_rest_mapped", mapped(p + PG, 2 * PG), 1);
	CHECK_ERR("munmap_tail_msync_enomem", msync(p + 3 * PG, PG, MS_SYNC), ENOMEM);
	CHECK_ERR("munmap_tail_mincore_enomem", mincore(p + 3 * PG, PG, (unsigned char[1]){0}),
		  ENOMEM);
	munmap(h, 6 * PG);

	/* Middle: the mapping splits in two, both keep their contents. */
	h = hole(7);
	p = map_or_die(h + PG, 5 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(p, 5 * PG, 2);
	CHECK_ZERO("munmap_middle", munmap(p + 2 * PG, PG));
	CHECK_EQ("munmap_middle_page_gone", mapped(p + 2 * PG, PG), 0);
	CHECK_EQ("munmap_middle_lower_part_mapped", mapped(p, 2 * PG), 1);
	CHECK_EQ("munmap_middle_upper_part_mapped", mapped(p + 3 * PG, 2 * PG), 1);
	CHECK_PATTERN("munmap_middle_lower_part_intact", p, 2 * PG, 2);
	CHECK_PATTERN_PART("munmap_middle_upper_part_intact", p, 3 * PG, 2 * PG, 2);
	/* Two mappings now: the lower one can grow in place into the hole, by exactly one page. */
	CHECK_ERR("munmap_middle_split_grow_past_hole_enomem", mremap(p, 2 * PG, 4 * PG, 0),
		  ENOMEM);
	CHECK("munmap_middle_split_grow_into_hole", mremap(p, 2 * PG, 3 * PG, 0) == p,
	      "mremap in place failed: %s", errname(errno));
	CHECK_ZEROED("munmap_middle_hole_refilled_with_zeros", p + 2 * PG, PG);
	CHECK_ERR("munmap_msync_unmapped_enomem", msync(h, PG, MS_ASYNC), ENOMEM);
	munmap(h, 7 * PG);

	/* Across several mappings of different protections: from inside the first to inside the
	 * third; what is outside stays. */
	h = hole(8);
	map_or_die(h + PG, 2 * PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 3 * PG, 2 * PG, PROT_READ, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 5 * PG, 2 * PG, RW, ANON_SHARED | MAP_FIXED);
	h[PG] = 11;
	h[6 * PG] = 12;
	CHECK_ZERO("munmap_across_three_mappings", munmap(h + 2 * PG, 4 * PG));
	CHECK_EQ("munmap_across_gone", mapped(h + 2 * PG, 4 * PG), 0);
	CHECK_EQ("munmap_across_first_page_kept", mapped(h + PG, PG), 1);
	CHECK_EQ("munmap_across_last_page_kept", mapped(h + 6 * PG, PG), 1);
	CHECK("munmap_across_kept_contents", h[PG] == 11 && h[6 * PG] == 12, "got %d %d", h[PG],
	      h[6 * PG]);
	munmap(h, 8 * PG);

	/* Over holes, and over nothing at all: success. */
	h = hole(8);
	map_or_die(h + PG, PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 4 * PG, 2 * PG, RW, ANON_PRIV | MAP_FIXED);
	CHECK_ZERO("munmap_over_holes", munmap(h, 8 * PG));
	CHECK_EQ("munmap_over_holes_all_gone", mapped(h + PG, PG) + mapped(h + 4 * PG, 2 * PG), 0);
	CHECK_ZERO("munmap_nothing_mapped", munmap(h, 8 * PG));
	CHECK_ZERO("munmap_page_zero", munmap(NULL, PG));

	/* The length is rounded up to whole pages. */
	h = hole(3);
	map_or_die(h, 3 * PG, RW, ANON_PRIV | MAP_FIXED);
	CHECK_ZERO("munmap_len_1", munmap(h, 1));
	CHECK_EQ("munmap_len_1_unmaps_one_page", mapped(h, PG), 0);
	CHECK_EQ("munmap_len_1_not_more", mapped(h + PG, 2 * PG), 1);
	CHECK_ZERO("munmap_len_page_plus_1", munmap(h + PG, PG + 1));
	CHECK_EQ("munmap_len_page_plus_1_unmaps_two", mapped(h + PG, 2 * PG), 0);

	/* Shared anonymous: the other pages keep their data. */
	p = map_or_die(NULL, 3 * PG, RW, ANON_SHARED);
	fill(p, 3 * PG, 3);
	CHECK_ZERO("munmap_shared_middle", munmap(p + PG, PG));
	CHECK_PATTERN("munmap_shared_first_kept", p, PG, 3);
	CHECK_PATTERN_PART("munmap_shared_last_kept", p, 2 * PG, PG, 3);
	munmap(p, 3 * PG);

	/* After munmap: every call that needs a mapping says so; mmap can take the range again and
	 * it reads zero. */
	p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	fill(p, 2 * PG, 4);
	CHECK_ZERO("munmap_whole", munmap(p, 2 * PG));
	CHECK_ERR("munmap_then_mincore_enomem", mincore(p, PG, (unsigned char[2]){0}), ENOMEM);
	CHECK_ERR("munmap_then_msync_enomem", msync(p, PG, MS_SYNC), ENOMEM);
	CHECK_ERR("munmap_then_mprotect_enomem", mprotect(p, PG, PROT_READ), ENOMEM);
	CHECK_ERR("munmap_then_madvise_enomem", madvise(p, PG, MADV_NORMAL), ENOMEM);
	CHECK_ERR("munmap_then_mremap_efault", mremap(p, PG, 2 * PG, MREMAP_MAYMOVE), EFAULT);
	CHECK("munmap_then_noreplace_succeeds",
	      mmap(p, 2 * PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0) == p, "got an error: %s",
	      errname(errno));
	CHECK_ZEROED("munmap_then_remap_reads_zero", p, 2 * PG);
	munmap(p, 2 * PG);

	/* Errors. */
	p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	CHECK_ERR("munmap_unaligned_einval", munmap(p + 1, PG), EINVAL);
	CHECK_ERR("munmap_unaligned_half_page_einval", munmap(p + PG / 2, PG), EINVAL);
	CHECK_ERR("munmap_len_0_einval", munmap(p, 0), EINVAL);
	CHECK_ERR("munmap_len_0_unmapped_einval", munmap(hole(1), 0), EINVAL);
	CHECK_ERR("munmap_len_huge_einval", munmap(p, SIZE_MAX - PG + 1), EINVAL);
	CHECK_ERR("munmap_above_task_size_einval", munmap((void *)TOP_ADDR, PG), EINVAL);
	CHECK_ERR("munmap_wraps_einval", munmap((void *)TOP_ADDR, 4 * PG), EINVAL);
#ifdef __arm__
	CHECK_ERR("munmap_arm_kernel_einval", munmap((void *)0xc0000000UL, PG), EINVAL);
	CHECK_ERR("munmap_arm_crossing_task_size_einval",
		  munmap((void *)(0xbf000000UL - PG), 2 * PG), EINVAL);
#endif
	CHECK_EQ("munmap_errors_left_mapping_alone", mapped(p, 2 * PG), 1);
	munmap(p, 2 * PG);

	return t_finish();
}
