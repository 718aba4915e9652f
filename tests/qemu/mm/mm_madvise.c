/*
 * madvise(2) on anonymous memory: MADV_DONTNEED (private: the next read gives zeros; shared: the
 * data stays), MADV_FREE, MADV_WILLNEED, the access-pattern hints, and the errors.
 */
#include "mm_check.h"

int main(void)
{
	char *p, *h;

	printf("mm_madvise: madvise(2)\n");

	/* MADV_DONTNEED on private memory: the pages go, reads give zeros, the rest is kept. */
	p = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
	fill(p, 8 * PG, 1);
	CHECK_ZERO("madvise_dontneed", madvise(p + 2 * PG, 4 * PG, MADV_DONTNEED));
	CHECK_EQ("madvise_dontneed_pages_not_resident", resident(p + 2 * PG, 4 * PG), 0);
	CHECK_EQ("madvise_dontneed_others_resident",
		 resident(p, 2 * PG) + resident(p + 6 * PG, 2 * PG), 4);
	CHECK_ZEROED("madvise_dontneed_reads_zero", p + 2 * PG, 4 * PG);
	CHECK_PATTERN("madvise_dontneed_keeps_before", p, 2 * PG, 1);
	CHECK_PATTERN_PART("madvise_dontneed_keeps_after", p, 6 * PG, 2 * PG, 1);
	CHECK_EQ("madvise_dontneed_still_mapped", mapped(p, 8 * PG), 1);
	p[3 * PG] = 5;
	CHECK("madvise_dontneed_writable_after", p[3 * PG] == 5, "got %d", p[3 * PG]);
	/* An odd length covers the page it ends in. */
	fill(p, 2 * PG, 2);
	CHECK_ZERO("madvise_dontneed_len_1", madvise(p, 1, MADV_DONTNEED));
	CHECK_ZEROED("madvise_dontneed_len_1_whole_page_zero", p, PG);
	CHECK_PATTERN_PART("madvise_dontneed_len_1_next_page_kept", p, PG, PG, 2);
	/* Never-touched pages and a PROT_NONE mapping: nothing to do, no error. */
	munmap(p, 8 * PG);
	p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	CHECK_ZERO("madvise_dontneed_untouched", madvise(p, 2 * PG, MADV_DONTNEED));
	CHECK_EQ("madvise_dontneed_untouched_still_absent", resident(p, 2 * PG), 0);
	munmap(p, 2 * PG);
	p = map_or_die(NULL, 2 * PG, PROT_NONE, ANON_PRIV);
	CHECK_ZERO("madvise_dontneed_prot_none", madvise(p, 2 * PG, MADV_DONTNEED));
	CHECK_ZERO("madvise_free_prot_none", madvise(p, 2 * PG, MADV_FREE));
	munmap(p, 2 * PG);

	/* MADV_DONTNEED on shared anonymous memory: the data lives on (shmem), only this mapping's
	 * pages are dropped. */
	p = map_or_die(NULL, 2 * PG, RW, ANON_SHARED);
	fill(p, 2 * PG, 3);
	CHECK_ZERO("madvise_dontneed_shared", madvise(p, 2 * PG, MADV_DONTNEED));
	CHECK_PATTERN("madvise_dontneed_shared_keeps_data", p, 2 * PG, 3);
	CHECK_ERR("madvise_free_shared_einval", madvise(p, 2 * PG, MADV_FREE), EINVAL);
	munmap(p, 2 * PG);

	/* MADV_FREE: the pages may be reclaimed lazily; each reads either its old contents or
	 * zeros; a write after it keeps the page. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	fill(p, 4 * PG, 4);
	CHECK_ZERO("madvise_free", madvise(p, 4 * PG, MADV_FREE));
	{
		int bad = 0;
		for (int i = 0; i < 4; i++) {
			int old = verify_part(p, (size_t)i * PG, PG, 4) < 0;
			int zero = nonzero(p + i * PG, PG) < 0;
			bad += !old && !zero;
		}
		CHECK_EQ("madvise_free_pages_old_or_zero", bad, 0);
	}
	p[0] = 9;
	CHECK("madvise_free_write_after_sticks", p[0] == 9, "got %d", p[0]);
	CHECK_EQ("madvise_free_still_mapped", mapped(p, 4 * PG), 1);
	munmap(p, 4 * PG);

	/* MADV_WILLNEED: accepted. For anonymous memory Linux only reads back swapped-out pages: it
	 * does not populate fresh ones (mincore stays 0), and resident pages stay. */
	p = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
	p[0] = 1;
	CHECK_ZERO("madvise_willneed", madvise(p, 8 * PG, MADV_WILLNEED));
	CHECK_EQ("madvise_willneed_anon_does_not_populate", resident(p, 8 * PG), 1);
	CHECK("madvise_willneed_keeps_contents", p[0] == 1 && nonzero(p + 1, 8 * PG - 1) < 0,
	      "contents changed");
	/* The access-pattern hints change nothing visible. */
	fill(p, 8 * PG, 5);
	CHECK_ZERO("madvise_normal", madvise(p, 8 * PG, MADV_NORMAL));
	CHECK_ZERO("madvise_random", madvise(p, 8 * PG, MADV_RANDOM));
	CHECK_ZERO("madvise_sequential", madvise(p, 8 * PG, MADV_SEQUENTIAL));
	CHECK_ZERO("madvise_random_part", madvise(p + 2 * PG, 2 * PG, MADV_RANDOM));
	CHECK_ZERO("madvise_normal_again", madvise(p, 8 * PG, MADV_NORMAL));
	CHECK_PATTERN("madvise_hints_keep_contents", p, 8 * PG, 5);
	CHECK_EQ("madvise_hints_keep_pages", resident(p, 8 * PG), 8);
	/* len 0: success, whatever the range (even unmapped). */
	CHECK_ZERO("madvise_len_0", madvise(p, 0, MADV_DONTNEED));
	CHECK_PATTERN("madvise_len_0_did_nothing", p, PG, 5);
	CHECK_ZERO("madvise_len_0_unmapped", madvise(hole(1), 0, MADV_NORMAL));

	/* Errors. */
	CHECK_ERR("madvise_unknown_advice_5_einval", madvise(p, PG, 5), EINVAL);
	CHECK_ERR("madvise_unknown_advice_7_einval", madvise(p, PG, 7), EINVAL);
	CHECK_ERR("madvise_unknown_advice_999_einval", madvise(p, PG, 999), EINVAL);
	CHECK_ERR("madvise_unknown_advice_negative_einval", madvise(p, PG, -1), EINVAL);
	CHECK_ERR("madvise_unaligned_einval", madvise(p + 1, PG, MADV_NORMAL), EINVAL);
	CHECK_ERR("madvise_unaligned_dontneed_einval", madvise(p + PG / 2, PG, MADV_DONTNEED),
		  EINVAL);
	CHECK_PATTERN("madvise_unaligned_did_nothing", p, 2 * PG, 5);
	CHECK_ERR("madvise_unaligned_len_0_einval", madvise(p + 1, 0, MADV_NORMAL), EINVAL);
	CHECK_ERR("madvise_unknown_advice_len_0_einval", madvise(p, 0, 999), EINVAL);
	if (LEN_WRAPS)
		CHECK_ERR("madvise_len_wraps_einval", madvise(p, SIZE_MAX - PG + 1, MADV_NORMAL),
			  EINVAL);
	CHECK_ERR("madvise_unmapped_enomem", madvise(hole(2), 2 * PG, MADV_NORMAL), ENOMEM);
	CHECK_ERR("madvise_unmapped_dontneed_enomem", madvise(hole(1), PG, MADV_DONTNEED), ENOMEM);
	CHECK_ERR("madvise_unmapped_willneed_enomem", madvise(hole(1), PG, MADV_WILLNEED), ENOMEM);
	CHECK_ERR("madvise_unmapped_free_enomem", madvise(hole(1), PG, MADV_FREE), ENOMEM);
	CHECK_ERR("madvise_above_task_size_enomem", madvise((void *)TOP_ADDR, PG, MADV_NORMAL),
		  ENOMEM);
	CHECK_ERR("madvise_order_advice_before_alignment_einval", madvise(p + 1, PG, 999), EINVAL);
	CHECK_ERR("madvise_order_advice_before_lookup_einval", madvise(hole(1), PG, 999), EINVAL);
	munmap(p, 8 * PG);

	/* A range with a hole: ENOMEM, but the advice is applied to the mapped parts. */
	h = hole(4);
	map_or_die(h, PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 2 * PG, 2 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(h, PG, 6);
	fill(h + 2 * PG, 2 * PG, 7);
	CHECK_ERR("madvise_range_with_hole_enomem", madvise(h, 4 * PG, MADV_DONTNEED), ENOMEM);
	CHECK_EQ("madvise_range_with_hole_mapped_parts_dropped",
		 resident(h, PG) + resident(h + 2 * PG, 2 * PG), 0);
	CHECK_ZEROED("madvise_range_with_hole_first_part_zero", h, PG);
	CHECK_ZEROED("madvise_range_with_hole_last_part_zero", h + 2 * PG, 2 * PG);
	CHECK_ERR("madvise_range_starting_in_hole_enomem", madvise(h + PG, 3 * PG, MADV_NORMAL),
		  ENOMEM);
	munmap(h, 4 * PG);

	return t_finish();
}
