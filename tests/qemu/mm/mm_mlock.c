/*
 * mlock(2), munlock, mlockall, munlockall: locking populates (mincore shows every page resident
 * without a touch), MCL_FUTURE makes new mappings and heap growth resident, and the errors.
 * Sizes stay at 64 KiB or less so that an unprivileged host run fits in RLIMIT_MEMLOCK; on the
 * host only, mlockall may be refused by that limit (then skipped).
 */
#include "mm_check.h"

/* mlockall on the host may exceed RLIMIT_MEMLOCK for an unprivileged user. */
static int host_limit(int err)
{
#ifdef __linux__
	return (err == ENOMEM || err == EPERM || err == EAGAIN) && geteuid() != 0;
#else
	(void)err;
	return 0;
#endif
}

int main(void)
{
	char *p, *q, *h;

	printf("mm_mlock: mlock(2), mlockall(2)\n");

	/* mlock populates: every page resident without touching, reading zero. */
	p = map_or_die(NULL, 16 * PG, RW, ANON_PRIV);
	CHECK_EQ("mlock_before_not_resident", resident(p, 16 * PG), 0);
	CHECK_ZERO("mlock", mlock(p, 16 * PG));
	CHECK_EQ("mlock_all_resident", resident(p, 16 * PG), 16);
	CHECK_ZEROED("mlock_reads_zero", p, 16 * PG);
	fill(p, 16 * PG, 1);
	CHECK_ZERO("mlock_again", mlock(p, 16 * PG));
	/* Locked pages cannot be dropped: MADV_DONTNEED/MADV_FREE say EINVAL, msync MS_INVALIDATE
	 * says EBUSY (MS_SYNC is fine). */
	CHECK_ERR("mlock_then_madv_dontneed_einval", madvise(p, PG, MADV_DONTNEED), EINVAL);
	CHECK_ERR("mlock_then_madv_free_einval", madvise(p, PG, MADV_FREE), EINVAL);
	CHECK_ZERO("mlock_then_madv_willneed", madvise(p, PG, MADV_WILLNEED));
	CHECK_ERR("mlock_then_msync_invalidate_ebusy", msync(p, PG, MS_INVALIDATE), EBUSY);
	CHECK_ERR("mlock_then_msync_sync_invalidate_ebusy", msync(p, PG, MS_SYNC | MS_INVALIDATE),
		  EBUSY);
	CHECK_ZERO("mlock_then_msync_sync", msync(p, PG, MS_SYNC));
	CHECK_PATTERN("mlock_contents_kept", p, 16 * PG, 1);
	/* munlock: the pages stay (nothing is evicted), and can be dropped again. */
	CHECK_ZERO("munlock", munlock(p, 16 * PG));
	CHECK_EQ("munlock_pages_stay_resident", resident(p, 16 * PG), 16);
	CHECK_ZERO("munlock_then_madv_dontneed", madvise(p, PG, MADV_DONTNEED));
	CHECK_ZERO("munlock_then_msync_invalidate", msync(p, PG, MS_INVALIDATE));
	CHECK_ZERO("munlock_not_locked", munlock(p, 16 * PG));
	munmap(p, 16 * PG);

	/* Part of a mapping; an unaligned start is rounded down and the length covers the last byte
	 * (no EINVAL, unlike most calls). */
	p = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
	CHECK_ZERO("mlock_part", mlock(p + 2 * PG, 2 * PG));
	CHECK_EQ("mlock_part_only_those_pages", resident(p, 8 * PG), 2);
	CHECK_EQ("mlock_part_the_right_pages", resident(p + 2 * PG, 2 * PG), 2);
	CHECK_ZERO("mlock_unaligned_start", mlock(p + 5 * PG + 1, PG));
	CHECK_EQ("mlock_unaligned_covers_two_pages", resident(p + 5 * PG, 2 * PG), 2);
	CHECK_ZERO("mlock_len_1", mlock(p + 7 * PG + 100, 1));
	CHECK_EQ("mlock_len_1_one_page", resident(p + 7 * PG, PG), 1);
	CHECK_ZERO("munlock_unaligned", munlock(p + 1, 8 * PG - 1));
	CHECK_ZERO("mlock_len_0", mlock(p, 0));
	CHECK_ZERO("mlock_len_0_unmapped", mlock(hole(1), 0));
	munmap(p, 8 * PG);

	/* A read-only mapping is populated too (with zero pages); shared memory as well. */
	p = map_or_die(NULL, 4 * PG, PROT_READ, ANON_PRIV);
	CHECK_ZERO("mlock_read_only", mlock(p, 4 * PG));
	CHECK_EQ("mlock_read_only_resident", resident(p, 4 * PG), 4);
	CHECK_ZEROED("mlock_read_only_reads_zero", p, 4 * PG);
	munmap(p, 4 * PG);
	p = map_or_die(NULL, 4 * PG, RW, ANON_SHARED);
	CHECK_ZERO("mlock_shared", mlock(p, 4 * PG));
	CHECK_EQ("mlock_shared_resident", resident(p, 4 * PG), 4);
	munmap(p, 4 * PG);
	/* PROT_NONE cannot be populated: ENOMEM (the VMA is marked locked all the same). */
	p = map_or_die(NULL, 4 * PG, PROT_NONE, ANON_PRIV);
	CHECK_ERR("mlock_prot_none_enomem", mlock(p, 4 * PG), ENOMEM);
	CHECK_EQ("mlock_prot_none_not_resident", resident(p, 4 * PG), 0);
	CHECK_ZERO("munlock_prot_none", munlock(p, 4 * PG));
	munmap(p, 4 * PG);

	/* Growing a locked mapping with mremap populates the new part. */
	h = hole(12);
	p = map_or_die(h, 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 4 * PG, PG, PROT_NONE, ANON_PRIV | MAP_FIXED);
	CHECK_ZERO("mlock_before_mremap", mlock(p, 4 * PG));
	q = mremap(p, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
	CHECK("mlock_mremap_grow_moves", q != MAP_FAILED, "got %s", errname(errno));
	if (q != MAP_FAILED) {
		CHECK_EQ("mlock_mremap_grown_all_resident", resident(q, 8 * PG), 8);
		munmap(q, 8 * PG);
	}
	munmap(h, 12 * PG);

	/* Errors. */
	CHECK_ERR("mlock_unmapped_enomem", mlock(hole(2), 2 * PG), ENOMEM);
	CHECK_ERR("munlock_unmapped_enomem", munlock(hole(2), 2 * PG), ENOMEM);
	CHECK_ERR("mlock_above_task_size_enomem", mlock((void *)TOP_ADDR, PG), ENOMEM);
	h = hole(3);
	map_or_die(h, PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 2 * PG, PG, RW, ANON_PRIV | MAP_FIXED);
	CHECK_ERR("mlock_range_with_hole_enomem", mlock(h, 3 * PG), ENOMEM);
	CHECK_ERR("munlock_range_with_hole_enomem", munlock(h, 3 * PG), ENOMEM);
	/* (A wrapping length is EINVAL with CAP_IPC_LOCK, but ENOMEM from RLIMIT_MEMLOCK without:
	 * it depends on privileges, so it is not checked.) */
	munmap(h, 3 * PG);
	CHECK_ERR("mlockall_0_einval", mlockall(0), EINVAL);
	CHECK_ERR("mlockall_onfault_alone_einval", mlockall(MCL_ONFAULT), EINVAL);
	CHECK_ERR("mlockall_unknown_flag_einval", mlockall(MCL_CURRENT | 8), EINVAL);
	CHECK_ERR("mlockall_unknown_flag_only_einval", mlockall(16), EINVAL);

	/* mlockall(MCL_CURRENT | MCL_FUTURE): what exists is populated, what comes later too. */
	p = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
	errno = 0;
	int r = mlockall(MCL_CURRENT | MCL_FUTURE);
	if (r && host_limit(errno)) {
		t_skip("mlockall_current_future", "host RLIMIT_MEMLOCK: %s", errname(errno));
	} else {
		CHECK("mlockall_current_future", r == 0, "got -1/%s", errname(errno));
		CHECK_EQ("mlockall_current_populates_existing", resident(p, 8 * PG), 8);
		q = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
		CHECK_EQ("mlockall_future_new_mmap_resident", resident(q, 8 * PG), 8);
		CHECK_ZEROED("mlockall_future_new_mmap_reads_zero", q, 8 * PG);
		CHECK_ERR("mlockall_future_new_mmap_is_locked", madvise(q, PG, MADV_DONTNEED),
			  EINVAL);
		munmap(q, 8 * PG);
		q = map_or_die(NULL, 4 * PG, RW, ANON_SHARED);
		CHECK_EQ("mlockall_future_new_shared_resident", resident(q, 4 * PG), 4);
		munmap(q, 4 * PG);
		/* Heap growth (no malloc between the two sbrk calls). */
		char *brk0 = sbrk(0);
		char *aligned = (char *)PAGE_UP(brk0);
		char *old = sbrk((aligned - brk0) + (intptr_t)(4 * PG));
		long heap_res = old == (char *)-1 ? -2 : resident(aligned, 4 * PG);
		int back = old == (char *)-1
				   ? 0
				   : (sbrk(-((aligned - brk0) + (intptr_t)(4 * PG))) == (void *)-1);
		CHECK("mlockall_future_sbrk", old != (char *)-1 && !back, "sbrk failed");
		CHECK_EQ("mlockall_future_heap_growth_resident", heap_res, 4);
		CHECK_ZERO("munlockall", munlockall());
		q = map_or_die(NULL, 8 * PG, RW, ANON_PRIV);
		CHECK_EQ("munlockall_new_mmap_not_resident", resident(q, 8 * PG), 0);
		CHECK_ZERO("munlockall_unlocked", madvise(p, PG, MADV_DONTNEED));
		munmap(q, 8 * PG);
	}
	/* MCL_FUTURE alone: existing untouched mappings stay untouched. */
	CHECK_ZERO("munlockall_before_future", munlockall());
	q = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	errno = 0;
	r = mlockall(MCL_FUTURE);
	if (r && host_limit(errno)) {
		t_skip("mlockall_future", "host RLIMIT_MEMLOCK: %s", errname(errno));
	} else {
		CHECK("mlockall_future", r == 0, "got -1/%s", errname(errno));
		CHECK_EQ("mlockall_future_leaves_existing_alone", resident(q, 4 * PG), 0);
		char *n = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
		CHECK_EQ("mlockall_future_only_new_resident", resident(n, 4 * PG), 4);
		munmap(n, 4 * PG);
		CHECK_ZERO("munlockall_after_future", munlockall());
	}
	munmap(q, 4 * PG);
	munmap(p, 8 * PG);
	CHECK_ZERO("munlockall_nothing_locked", munlockall());

	return t_finish();
}
