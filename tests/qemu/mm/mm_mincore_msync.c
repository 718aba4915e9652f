/*
 * mincore(2) (residency of anonymous pages: none until touched, then resident, zero page included)
 * and msync(2) (a no-op on anonymous memory, but with all of its argument checks), with errors.
 */
#include "mm_check.h"

int main(void)
{
	char *p, *h, *ro;
	unsigned char vec[16];

	printf("mm_mincore_msync: mincore(2), msync(2)\n");

	/* Fresh: nothing resident. Touched pages, by a write or by a read, are. */
	p = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
	memset(vec, 0x55, sizeof(vec));
	CHECK_ZERO("mincore_fresh", mincore(p, 8 * PG, vec));
	{
		int any = 0;
		for (int i = 0; i < 8; i++)
			any |= vec[i] & 1;
		CHECK_EQ("mincore_fresh_not_resident", any, 0);
		CHECK("mincore_fills_only_len_pages", vec[8] == 0x55, "vec[8] changed to 0x%02x",
		      vec[8]);
	}
	p[0] = 1;			      /* write */
	(void)*(volatile char *)(p + 2 * PG); /* read: the zero page */
	p[5 * PG + 100] = 1;
	CHECK_ZERO("mincore_touched", mincore(p, 8 * PG, vec));
	{
		static const int want[8] = {1, 0, 1, 0, 0, 1, 0, 0};
		int bad = 0;
		for (int i = 0; i < 8; i++)
			bad += (vec[i] & 1) != want[i];
		CHECK("mincore_exactly_the_touched_pages", bad == 0,
		      "got %d%d%d%d%d%d%d%d, expected 10100100", vec[0] & 1, vec[1] & 1, vec[2] & 1,
		      vec[3] & 1, vec[4] & 1, vec[5] & 1, vec[6] & 1, vec[7] & 1);
	}
	/* Odd lengths count the page the range ends in; len 0 is fine anywhere. */
	memset(vec, 0x55, sizeof(vec));
	CHECK_ZERO("mincore_len_page_plus_1", mincore(p, PG + 1, vec));
	CHECK("mincore_len_page_plus_1_two_entries",
	      (vec[0] & 1) == 1 && (vec[1] & 1) == 0 && vec[2] == 0x55, "got 0x%02x 0x%02x 0x%02x",
	      vec[0], vec[1], vec[2]);
	CHECK_ZERO("mincore_len_1", mincore(p + 2 * PG, 1, vec));
	CHECK_EQ("mincore_len_1_resident", vec[0] & 1, 1);
	CHECK_ZERO("mincore_len_0", mincore(p, 0, vec));
	CHECK_ZERO("mincore_len_0_unmapped", mincore(hole(1), 0, vec));
	/* After MADV_DONTNEED, not resident; PROT_NONE keeps residency and can be asked about. */
	madvise(p, PG, MADV_DONTNEED);
	CHECK_EQ("mincore_after_dontneed", resident(p, PG), 0);
	mprotect(p + 5 * PG, PG, PROT_NONE);
	CHECK_EQ("mincore_prot_none_still_resident", resident(p + 5 * PG, PG), 1);
	mprotect(p + 5 * PG, PG, RW);
	{
		char *n = map_or_die(NULL, 2 * PG, PROT_NONE, ANON_PRIV);
		CHECK_EQ("mincore_prot_none_mapping", resident(n, 2 * PG), 0);
		munmap(n, 2 * PG);
	}
	/* Shared memory. */
	{
		char *s = map_or_die(NULL, 2 * PG, RW, ANON_SHARED);
		CHECK_EQ("mincore_shared_fresh", resident(s, 2 * PG), 0);
		s[PG] = 1;
		CHECK_EQ("mincore_shared_touched", resident(s + PG, PG), 1);
		munmap(s, 2 * PG);
	}

	/* mincore errors. */
	CHECK_ERR("mincore_unaligned_einval", mincore(p + 1, PG, vec), EINVAL);
	CHECK_ERR("mincore_unaligned_len_0_einval", mincore(p + 1, 0, vec), EINVAL);
	CHECK_ERR("mincore_unmapped_enomem", mincore(hole(2), 2 * PG, vec), ENOMEM);
	CHECK_ERR("mincore_above_task_size_enomem", mincore((void *)TOP_ADDR, PG, vec), ENOMEM);
	if (LEN_WRAPS) /* (without the wrap, mincore would fill vec far past its end) */
		CHECK_ERR("mincore_len_wraps_enomem", mincore(p, SIZE_MAX - PG + 1, vec), ENOMEM);
#ifdef __arm__
	CHECK_ERR("mincore_arm_kernel_enomem", mincore((void *)0xc0000000UL, PG, vec), ENOMEM);
#endif
	h = hole(3);
	map_or_die(h, PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 2 * PG, PG, RW, ANON_PRIV | MAP_FIXED);
	CHECK_ERR("mincore_range_with_hole_enomem", mincore(h, 3 * PG, vec), ENOMEM);
	CHECK_ERR("mincore_range_starting_in_hole_enomem", mincore(h + PG, 2 * PG, vec), ENOMEM);
	/* The vector must be writable memory: EFAULT otherwise. */
	ro = map_or_die(NULL, PG, PROT_READ, ANON_PRIV);
	CHECK_ERR("mincore_vec_read_only_efault", mincore(p, PG, (unsigned char *)ro), EFAULT);
	CHECK_ERR("mincore_vec_null_efault", mincore(p, PG, NULL), EFAULT);
	CHECK_ERR("mincore_vec_unmapped_efault", mincore(p, PG, (unsigned char *)hole(1)), EFAULT);
	munmap(ro, PG);

	/* msync on anonymous memory: the flags are checked, nothing else happens. */
	fill(p, 8 * PG, 1);
	CHECK_ZERO("msync_sync", msync(p, 8 * PG, MS_SYNC));
	CHECK_ZERO("msync_async", msync(p, 8 * PG, MS_ASYNC));
	CHECK_ZERO("msync_invalidate", msync(p, 8 * PG, MS_INVALIDATE));
	CHECK_ZERO("msync_sync_invalidate", msync(p, 8 * PG, MS_SYNC | MS_INVALIDATE));
	CHECK_ZERO("msync_no_flags", msync(p, 8 * PG, 0));
	CHECK_ZERO("msync_part", msync(p + PG, 2 * PG, MS_SYNC));
	CHECK_ZERO("msync_len_1", msync(p, 1, MS_SYNC));
	CHECK_ZERO("msync_len_0", msync(p, 0, MS_SYNC));
	CHECK_ZERO("msync_len_0_unmapped", msync(hole(1), 0, MS_SYNC));
	CHECK_PATTERN("msync_keeps_contents", p, 8 * PG, 1);
	CHECK_ZERO("msync_shared", msync(h, PG, MS_SYNC));
	{
		char *n = map_or_die(NULL, 2 * PG, PROT_NONE, ANON_PRIV);
		CHECK_ZERO("msync_prot_none", msync(n, 2 * PG, MS_SYNC));
		munmap(n, 2 * PG);
		n = map_or_die(NULL, 2 * PG, RW, ANON_SHARED);
		n[0] = 1;
		CHECK_ZERO("msync_shared_anon", msync(n, 2 * PG, MS_SYNC));
		CHECK_ZERO("msync_shared_anon_invalidate", msync(n, 2 * PG, MS_INVALIDATE));
		CHECK("msync_shared_anon_keeps_data", n[0] == 1, "got %d", n[0]);
		munmap(n, 2 * PG);
	}

	/* msync errors. */
	CHECK_ERR("msync_sync_and_async_einval", msync(p, PG, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERR("msync_all_flags_einval", msync(p, PG, MS_SYNC | MS_ASYNC | MS_INVALIDATE),
		  EINVAL);
	CHECK_ERR("msync_unknown_flag_einval", msync(p, PG, MS_SYNC | 8), EINVAL);
	CHECK_ERR("msync_unknown_flag_only_einval", msync(p, PG, 0x10), EINVAL);
	CHECK_ERR("msync_unaligned_einval", msync(p + 1, PG, MS_SYNC), EINVAL);
	CHECK_ERR("msync_unaligned_half_page_einval", msync(p + PG / 2, PG, MS_ASYNC), EINVAL);
	CHECK_ERR("msync_unmapped_enomem", msync(hole(2), 2 * PG, MS_SYNC), ENOMEM);
	CHECK_ERR("msync_unmapped_async_enomem", msync(hole(1), PG, MS_ASYNC), ENOMEM);
	CHECK_ERR("msync_range_with_hole_enomem", msync(h, 3 * PG, MS_SYNC), ENOMEM);
	CHECK_ERR("msync_range_starting_in_hole_enomem", msync(h + PG, 2 * PG, MS_SYNC), ENOMEM);
	if (LEN_WRAPS)
		CHECK_ERR("msync_len_wraps_enomem", msync(p, SIZE_MAX - PG + 1, MS_SYNC), ENOMEM);
	CHECK_ERR("msync_above_task_size_enomem", msync((void *)TOP_ADDR, PG, MS_SYNC), ENOMEM);
	/* Which error wins: flags, then alignment, then the lookup. */
	CHECK_ERR("msync_order_flags_before_len_0_einval", msync(p, 0, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERR("msync_order_flags_on_unmapped_einval", msync(hole(1), PG, MS_SYNC | MS_ASYNC),
		  EINVAL);
	CHECK_ERR("msync_order_unaligned_on_unmapped_einval", msync(hole(1) + 1, PG, MS_SYNC),
		  EINVAL);
	munmap(h, 3 * PG);
	munmap(p, 8 * PG);

	return t_finish();
}
