/*
 * mprotect(2): protections change without losing contents, VMAs split and merge again, and the
 * errors. Faults on the new protections end the program, so they are in mm_segv. VMA
 * boundaries are observed without /proc: mremap growing a range in place (flags 0) or moving it
 * (MREMAP_MAYMOVE) needs the range to lie in one VMA, and says EFAULT when it spans two.
 */
#include "mm_check.h"

/* Execute code written into a mapping: a function that returns 42. */
#if defined(__x86_64__) || defined(__i386__)
static const unsigned char ret42[] = {0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3}; /* mov $42,%eax; ret */
#define HAVE_RET42 1
#elif defined(__arm__) && !defined(__thumb__)
static const unsigned int ret42[] = {0xe3a0002a, 0xe12fff1e}; /* mov r0, #42; bx lr */
#define HAVE_RET42 1
#endif

int main(void)
{
	char *p, *h;

	printf("mm_mprotect: mprotect(2)\n");

	/* Contents survive every change; PROT_NONE keeps the pages (still resident). */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	fill(p, 4 * PG, 1);
	CHECK_ZERO("mprotect_rw_to_none", mprotect(p, 4 * PG, PROT_NONE));
	CHECK_EQ("mprotect_none_pages_stay_resident", resident(p, 4 * PG), 4);
	CHECK_ZERO("mprotect_none_to_rw", mprotect(p, 4 * PG, RW));
	CHECK_PATTERN("mprotect_none_then_rw_keeps_contents", p, 4 * PG, 1);
	CHECK_ZERO("mprotect_rw_to_r", mprotect(p, 4 * PG, PROT_READ));
	CHECK_PATTERN("mprotect_read_only_keeps_contents", p, 4 * PG, 1);
	CHECK_ZERO("mprotect_r_to_rw", mprotect(p, 4 * PG, RW));
	p[0] = 7;
	CHECK("mprotect_writable_again", p[0] == 7, "got %d", p[0]);
	p[0] = (char)pat(1, 0);
	CHECK_ZERO("mprotect_same_prot", mprotect(p, 4 * PG, RW));
	CHECK_ZERO("mprotect_rw_to_rwx", mprotect(p, 4 * PG, RW | PROT_EXEC));
	CHECK_ZERO("mprotect_prot_sem_accepted", mprotect(p, 4 * PG, PROT_READ | PROT_SEM));
	CHECK_ZERO("mprotect_to_write_only", mprotect(p, 4 * PG, PROT_WRITE));
	CHECK_ZERO("mprotect_to_exec_only", mprotect(p, 4 * PG, PROT_EXEC));
	CHECK_ZERO("mprotect_back_to_rw", mprotect(p, 4 * PG, RW));
	CHECK_PATTERN("mprotect_every_change_keeps_contents", p, 4 * PG, 1);
	/* Untouched pages stay untouched: a protection change does not populate. */
	{
		char *q = map_or_die(NULL, 4 * PG, PROT_NONE, ANON_PRIV);
		CHECK_ZERO("mprotect_untouched_none_to_rw", mprotect(q, 4 * PG, RW));
		CHECK_EQ("mprotect_does_not_populate", resident(q, 4 * PG), 0);
		CHECK_ZEROED("mprotect_untouched_reads_zero", q, 4 * PG);
		munmap(q, 4 * PG);
	}
	/* An odd length covers the page it ends in; len 0 is a no-op. */
	CHECK_ZERO("mprotect_len_1", mprotect(p, 1, PROT_READ));
	CHECK_ZERO("mprotect_len_1_back", mprotect(p, 1, RW));
	CHECK_ZERO("mprotect_len_0", mprotect(p, 0, PROT_NONE));
	p[1] = 1; /* still writable: len 0 did nothing */
	CHECK_ZERO("mprotect_len_0_unmapped", mprotect(hole(1), 0, PROT_READ));
	munmap(p, 4 * PG);

	/* Split and merge: [h, h + 3PG) with free space after it. */
	h = hole(8);
	p = map_or_die(h, 3 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(p, 3 * PG, 2);
	CHECK("mprotect_one_vma_can_grow_in_place", mremap(p, 3 * PG, 4 * PG, 0) == p, "mremap: %s",
	      errname(errno));
	CHECK("mprotect_one_vma_shrinks_back", mremap(p, 4 * PG, 3 * PG, 0) == p, "mremap: %s",
	      errname(errno));
	CHECK_ZERO("mprotect_middle_page", mprotect(p + PG, PG, PROT_READ));
	CHECK_ERR("mprotect_split_range_spans_vmas_efault", mremap(p, 3 * PG, 4 * PG, 0), EFAULT);
	CHECK_ERR("mprotect_split_first_vma_cannot_grow_enomem", mremap(p, PG, 2 * PG, 0), ENOMEM);
	CHECK_ERR("mprotect_split_maymove_spans_vmas_efault",
		  mremap(p, 3 * PG, 4 * PG, MREMAP_MAYMOVE), EFAULT);
	CHECK_PATTERN("mprotect_split_keeps_contents", p, 3 * PG, 2);
	CHECK_ZERO("mprotect_middle_page_back", mprotect(p + PG, PG, RW));
	CHECK("mprotect_merged_again_grows_in_place", mremap(p, 3 * PG, 4 * PG, 0) == p,
	      "mremap: %s (the three VMAs were not merged)", errname(errno));
	CHECK_PATTERN("mprotect_merge_keeps_contents", p, 3 * PG, 2);
	munmap(h, 8 * PG);

	/* Head and tail changes split off one VMA each, and merge back. */
	h = hole(8);
	p = map_or_die(h, 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	CHECK_ZERO("mprotect_head", mprotect(p, PG, PROT_READ));
	CHECK_ZERO("mprotect_tail", mprotect(p + 3 * PG, PG, PROT_READ));
	CHECK_ERR("mprotect_head_tail_split_efault", mremap(p, 4 * PG, 5 * PG, 0), EFAULT);
	CHECK("mprotect_tail_vma_alone_grows", mremap(p + 3 * PG, PG, 2 * PG, 0) == p + 3 * PG,
	      "mremap: %s", errname(errno));
	CHECK_ZERO("mprotect_tail_vma_shrinks", munmap(p + 4 * PG, PG));
	CHECK_ZERO("mprotect_whole_range_one_prot", mprotect(p, 4 * PG, RW));
	CHECK("mprotect_head_tail_merged", mremap(p, 4 * PG, 5 * PG, 0) == p, "mremap: %s",
	      errname(errno));
	munmap(h, 8 * PG);

	/* A range over several mappings of different protections gets one protection; adjacent
	 * private anonymous mappings made separately merge once they have the same flags. */
	h = hole(8);
	map_or_die(h, 2 * PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 2 * PG, 2 * PG, PROT_READ, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 4 * PG, 2 * PG, PROT_NONE, ANON_PRIV | MAP_FIXED);
	h[0] = 5;
	CHECK_ZERO("mprotect_across_three_mappings", mprotect(h, 6 * PG, RW));
	h[5 * PG] = 6;
	CHECK("mprotect_across_all_writable", h[0] == 5 && h[5 * PG] == 6, "got %d %d", h[0],
	      h[5 * PG]);
	CHECK("mprotect_across_merged", mremap(h, 6 * PG, 7 * PG, 0) == h, "mremap: %s",
	      errname(errno));
	munmap(h, 8 * PG);

	/* Shared anonymous memory keeps its contents through PROT_NONE too. */
	p = map_or_die(NULL, 2 * PG, RW, ANON_SHARED);
	fill(p, 2 * PG, 3);
	CHECK_ZERO("mprotect_shared_to_none", mprotect(p, 2 * PG, PROT_NONE));
	CHECK_ZERO("mprotect_shared_to_r", mprotect(p, 2 * PG, PROT_READ));
	CHECK_PATTERN("mprotect_shared_keeps_contents", p, 2 * PG, 3);
	munmap(p, 2 * PG);

#ifdef HAVE_RET42
	/* Code written through a writable mapping runs once the mapping is made executable. */
	p = map_or_die(NULL, PG, RW, ANON_PRIV);
	memcpy(p, ret42, sizeof(ret42));
	CHECK_ZERO("mprotect_rw_to_rx", mprotect(p, PG, PROT_READ | PROT_EXEC));
#ifdef __linux__
	__builtin___clear_cache(p, p + sizeof(ret42));
#endif
	{
		int (*fn)(void) = (int (*)(void))(uintptr_t)p;
		int r = fn();
		CHECK("mprotect_exec_runs_code", r == 42, "got %d, expected 42", r);
	}
	munmap(p, PG);
#endif

	/* Errors. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	CHECK_ERR("mprotect_unaligned_einval", mprotect(p + 1, PG, PROT_READ), EINVAL);
	CHECK_ERR("mprotect_unaligned_len_0_einval", mprotect(p + 1, 0, PROT_READ), EINVAL);
	CHECK_ERR("mprotect_unknown_prot_0x10_einval", mprotect(p, PG, PROT_READ | 0x10), EINVAL);
	CHECK_ERR("mprotect_unknown_prot_0x80_einval", mprotect(p, PG, PROT_READ | 0x80), EINVAL);
	CHECK_ERR("mprotect_unknown_prot_high_bit_einval",
		  mprotect(p, PG, (int)(PROT_READ | 0x40000000)), EINVAL);
	CHECK_ERR("mprotect_growsdown_on_plain_mapping_einval",
		  mprotect(p, PG, PROT_READ | PROT_GROWSDOWN), EINVAL);
	CHECK_ERR("mprotect_growsdown_and_growsup_einval",
		  mprotect(p, PG, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), EINVAL);
	if (LEN_WRAPS)
		CHECK_ERR("mprotect_len_wraps_enomem", mprotect(p, SIZE_MAX - PG + 1, PROT_READ),
			  ENOMEM);
	CHECK_ERR("mprotect_unmapped_enomem", mprotect(hole(2), 2 * PG, PROT_READ), ENOMEM);
	CHECK_ERR("mprotect_unmapped_prot_none_enomem", mprotect(hole(1), PG, PROT_NONE), ENOMEM);
	CHECK_ERR("mprotect_above_task_size_enomem", mprotect((void *)TOP_ADDR, PG, PROT_READ),
		  ENOMEM);
	/* Which error wins: the prot check comes before the lookup. */
	CHECK_ERR("mprotect_order_unknown_prot_on_unmapped_einval",
		  mprotect(hole(1), PG, PROT_READ | 0x10), EINVAL);
	CHECK_ERR("mprotect_order_unaligned_on_unmapped_einval",
		  mprotect(hole(1) + 1, PG, PROT_READ), EINVAL);
	munmap(p, 4 * PG);
	/* A range with a hole in it: ENOMEM. */
	h = hole(6);
	map_or_die(h, 2 * PG, RW, ANON_PRIV | MAP_FIXED);
	map_or_die(h + 3 * PG, 2 * PG, RW, ANON_PRIV | MAP_FIXED);
	CHECK_ERR("mprotect_range_with_hole_enomem", mprotect(h, 5 * PG, PROT_READ), ENOMEM);
	CHECK_ERR("mprotect_range_starting_in_hole_enomem", mprotect(h + 2 * PG, 3 * PG, PROT_READ),
		  ENOMEM);
	CHECK_ERR("mprotect_range_ending_past_mapping_enomem",
		  mprotect(h + 3 * PG, 3 * PG, PROT_READ), ENOMEM);
	munmap(h, 6 * PG);

	return t_finish();
}
