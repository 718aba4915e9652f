/*
 * mlock2(2) (MLOCK_ONFAULT), mlockall(MCL_ONFAULT) and /proc/self/status VmLck: a lock on fault
 * counts the whole range in VmLck (Linux's locked_vm) but populates nothing; pages become
 * resident (and stay locked) as they are touched; flags other than MLOCK_ONFAULT are EINVAL;
 * MCL_ONFAULT needs MCL_CURRENT or MCL_FUTURE. Run as root (uniarm's application, Linux's /init).
 */
#include "mm_check.h"

int main(void)
{
	char *p, *q;
	long base;

	printf("mm_mlock2: mlock2(2), mlockall(MCL_ONFAULT), VmLck\n");
	base = vmlck();
	CHECK("vmlck_readable", base >= 0, "got %ld", base);

	/* mlock2 without flags is mlock: populated, counted. */
	p = map_or_die(NULL, 16 * PG, RW, ANON_PRIV);
	CHECK_ZERO("mlock2_0", mlock2_(p, 16 * PG, 0));
	CHECK_EQ("mlock2_0_all_resident", resident(p, 16 * PG), 16);
	CHECK_EQ("mlock2_0_vmlck", vmlck() - base, 64);
	CHECK_ZERO("munlock_after_mlock2", munlock(p, 16 * PG));
	CHECK_EQ("munlock_vmlck_back", vmlck() - base, 0);
	munmap(p, 16 * PG);

	/* MLOCK_ONFAULT: counted, not populated; a touch makes a page resident. */
	p = map_or_die(NULL, 16 * PG, RW, ANON_PRIV);
	CHECK_ZERO("mlock2_onfault", mlock2_(p, 16 * PG, MLOCK_ONFAULT));
	CHECK_EQ("mlock2_onfault_not_populated", resident(p, 16 * PG), 0);
	CHECK_EQ("mlock2_onfault_vmlck_whole_range", vmlck() - base, 64);
	p[3 * PG] = 1;
	p[7 * PG + 5] = 2;
	CHECK_EQ("mlock2_onfault_touched_resident", resident(p, 16 * PG), 2);
	CHECK_ERR("mlock2_onfault_madv_dontneed_einval", madvise(p, PG, MADV_DONTNEED), EINVAL);
	/* Again on a part: no double count. */
	CHECK_ZERO("mlock2_onfault_again", mlock2_(p + PG, 2 * PG, MLOCK_ONFAULT));
	CHECK_EQ("mlock2_onfault_again_vmlck", vmlck() - base, 64);
	/* mlock over an on-fault range populates it, the count unchanged. */
	CHECK_ZERO("mlock_over_onfault", mlock(p, 8 * PG));
	CHECK_EQ("mlock_over_onfault_populates", resident(p, 16 * PG), 8);
	CHECK_EQ("mlock_over_onfault_vmlck", vmlck() - base, 64);
	CHECK_EQ("contents_kept", p[3 * PG] + p[7 * PG + 5], 3);
	CHECK_ZERO("munlock_part", munlock(p + 12 * PG, 4 * PG));
	CHECK_EQ("munlock_part_vmlck", vmlck() - base, 48);
	munmap(p, 16 * PG);
	CHECK_EQ("munmap_vmlck_back", vmlck() - base, 0);

	/* Unaligned start widens to whole pages. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	CHECK_ZERO("mlock2_onfault_unaligned", mlock2_(p + 100, PG, MLOCK_ONFAULT));
	CHECK_EQ("mlock2_onfault_unaligned_two_pages", vmlck() - base, 8);
	munmap(p, 4 * PG);

	/* Errors. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	CHECK_ERR("mlock2_flags_2_einval", mlock2_(p, PG, 2), EINVAL);
	CHECK_ERR("mlock2_flags_all_einval", mlock2_(p, PG, ~0U), EINVAL);
	CHECK_EQ("mlock2_einval_locks_nothing", vmlck() - base, 0);
	CHECK_ZERO("mlock2_len_0", mlock2_(p, 0, MLOCK_ONFAULT));
	CHECK_ERR("mlock2_unmapped_enomem", mlock2_(hole(2), 2 * PG, MLOCK_ONFAULT), ENOMEM);
	CHECK_ERR("mlock2_prot_none_enomem", (mprotect(p, PG, PROT_NONE), mlock2_(p, 4 * PG, 0)),
		  ENOMEM);
	CHECK_ZERO("mlock2_prot_none_onfault_ok", mlock2_(p, 4 * PG, MLOCK_ONFAULT));
	munmap(p, 4 * PG);

	/* mlockall(MCL_ONFAULT). */
	CHECK_ERR("mlockall_onfault_alone_einval", mlockall(MCL_ONFAULT), EINVAL);
	CHECK_ERR("mlockall_onfault_bad_bit_einval", mlockall(MCL_FUTURE | MCL_ONFAULT | 8),
		  EINVAL);
	CHECK_ZERO("mlockall_future_onfault", mlockall(MCL_FUTURE | MCL_ONFAULT));
	base = vmlck();
	q = check_mmap("mmap_after_future_onfault", NULL, 16 * PG, RW, ANON_PRIV, -1, 0);
	if (q) {
		CHECK_EQ("future_onfault_not_populated", resident(q, 16 * PG), 0);
		CHECK_EQ("future_onfault_vmlck", vmlck() - base, 64);
		q[PG] = 1;
		CHECK_EQ("future_onfault_touch_resident", resident(q, 16 * PG), 1);
		CHECK_ERR("future_onfault_madv_dontneed_einval", madvise(q, PG, MADV_DONTNEED),
			  EINVAL);
	}
	CHECK_ZERO("munlockall_1", munlockall());
	CHECK_EQ("munlockall_vmlck_0", vmlck(), 0);
	if (q)
		munmap(q, 16 * PG);

	q = map_or_die(NULL, 16 * PG, RW, ANON_PRIV);
	CHECK_ZERO("mlockall_current_onfault", mlockall(MCL_CURRENT | MCL_ONFAULT));
	CHECK_EQ("current_onfault_not_populated", resident(q, 16 * PG), 0);
	CHECK("current_onfault_vmlck", vmlck() >= 64, "got %ld kB", vmlck());
	CHECK_ZERO("munlockall_2", munlockall());
	CHECK_EQ("munlockall_2_vmlck_0", vmlck(), 0);
	munmap(q, 16 * PG);
	return t_finish();
}
