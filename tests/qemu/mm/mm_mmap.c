/*
 * mmap(2): the mappings it makes (every kind of anonymous mapping, every protection, hints,
 * MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_POPULATE, MAP_LOCKED, ...) and every error it reports,
 * with Linux's errno and Linux's order of checks where several apply.
 */
#include "mm_check.h"

#include <fcntl.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sys/syscall.h>
/* The host test may run as root, and CAP_SYS_RAWIO lets root map below mmap_min_addr: drop it
 * from the effective set so that the check sees what an ordinary process (and uniarm) sees. */
static void drop_cap_sys_rawio(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) == 0) {
		d[CAP_SYS_RAWIO / 32].effective &= ~(1u << (CAP_SYS_RAWIO % 32));
		if (syscall(SYS_capset, &h, d))
			t_note("capset failed: %s", errname(errno));
	}
}
#endif

static int some_static = 1;

static void success_cases(void)
{
	char *p;

	/* Anonymous private: page aligned, zero, writable, and not resident before it is touched.
	 */
	p = check_mmap("mmap_anon_private", NULL, 4 * PG, RW, ANON_PRIV, -1, 0);
	if (p) {
		CHECK_EQ("mmap_anon_private_untouched_not_resident", resident(p, 4 * PG), 0);
		CHECK_ZEROED("mmap_anon_private_reads_zero", p, 4 * PG);
		fill(p, 4 * PG, 1);
		CHECK_PATTERN("mmap_anon_private_writable", p, 4 * PG, 1);
		CHECK_ZERO("mmap_anon_private_munmap", munmap(p, 4 * PG));
	}
	/* Anonymous shared. */
	p = check_mmap("mmap_anon_shared", NULL, 4 * PG, RW, ANON_SHARED, -1, 0);
	if (p) {
		CHECK_ZEROED("mmap_anon_shared_reads_zero", p, 4 * PG);
		fill(p, 4 * PG, 2);
		CHECK_PATTERN("mmap_anon_shared_writable", p, 4 * PG, 2);
		munmap(p, 4 * PG);
	}
	/* Odd lengths are rounded up to whole pages, and only those pages are mapped. */
	p = hole(3);
	CHECK("mmap_len_1_fixed_in_hole", mmap(p, 1, RW, ANON_PRIV | MAP_FIXED, -1, 0) == p,
	      "got another address or an error");
	CHECK_EQ("mmap_len_1_maps_one_page", mapped(p, PG), 1);
	CHECK_EQ("mmap_len_1_not_two_pages", mapped(p + PG, PG), 0);
	p[PG - 1] = 1;
	munmap(p, PG);

	/* Every protection (reads only where PROT_READ is given: see mm_segv for PROT_WRITE alone).
	 */
	static const struct {
		int prot;
		const char *name;
	} prots[] = {
		{PROT_NONE, "none"},
		{PROT_READ, "r"},
		{PROT_WRITE, "w"},
		{PROT_READ | PROT_WRITE, "rw"},
		{PROT_EXEC, "x"},
		{PROT_READ | PROT_EXEC, "rx"},
		{PROT_READ | PROT_WRITE | PROT_EXEC, "rwx"},
		{PROT_READ | PROT_SEM, "r_sem"},
	};
	for (size_t i = 0; i < sizeof(prots) / sizeof(prots[0]); i++) {
		char name[64];
		snprintf(name, sizeof(name), "mmap_prot_%s", prots[i].name);
		p = check_mmap(name, NULL, 2 * PG, prots[i].prot, ANON_PRIV, -1, 0);
		if (!p)
			continue;
		if (prots[i].prot & PROT_READ) {
			snprintf(name, sizeof(name), "mmap_prot_%s_reads_zero", prots[i].name);
			CHECK_ZEROED(name, p, 2 * PG);
		}
		if (prots[i].prot & PROT_WRITE) {
			p[0] = 42;
			p[2 * PG - 1] = 43;
			snprintf(name, sizeof(name), "mmap_prot_%s_writes_stick", prots[i].name);
			CHECK(name, p[0] == 42 && p[2 * PG - 1] == 43, "got %d %d, expected 42 43",
			      p[0], p[2 * PG - 1]);
		}
		munmap(p, 2 * PG);
	}
	/* Linux does not validate mmap's prot: unknown bits (and PROT_GROWSDOWN on a mapping that
	 * does not grow) are ignored. mprotect rejects them (mm_mprotect). */
	p = check_mmap("mmap_prot_unknown_bit_ignored", NULL, PG, PROT_READ | 0x10, ANON_PRIV, -1,
		       0);
	if (p) {
		CHECK_ZEROED("mmap_prot_unknown_bit_reads_zero", p, PG);
		munmap(p, PG);
	}
	p = check_mmap("mmap_prot_growsdown_ignored", NULL, PG, PROT_READ | PROT_GROWSDOWN,
		       ANON_PRIV, -1, 0);
	if (p)
		munmap(p, PG);
	/* Unknown flags are ignored too, unless MAP_SHARED_VALIDATE is used (see the errors). */
	p = check_mmap("mmap_flag_unknown_ignored_private", NULL, PG, RW, ANON_PRIV | 0x800000, -1,
		       0);
	if (p)
		munmap(p, PG);
	p = check_mmap("mmap_flag_unknown_ignored_shared", NULL, PG, RW, ANON_SHARED | 0x800000, -1,
		       0);
	if (p)
		munmap(p, PG);
	/* An anonymous mapping ignores a (page-aligned) offset. */
	p = check_mmap("mmap_anon_offset_ignored", NULL, PG, RW, ANON_PRIV, -1, 16 * PG);
	if (p) {
		CHECK_ZEROED("mmap_anon_offset_reads_zero", p, PG);
		munmap(p, PG);
	}
	/* A large virtual-only mapping. */
	p = check_mmap("mmap_64mib_prot_none", NULL, 64 * MiB, PROT_NONE, ANON_PRIV, -1, 0);
	if (p)
		munmap(p, 64 * MiB);

	/* Fresh mappings are distinct: from each other and from the stack, heap, data and code. */
	{
		char *maps[8];
		int local = 0, overlap = 0;
		char *heap = malloc(100);
		int ok = 1;

		for (int i = 0; i < 8; i++) {
			maps[i] = mmap(NULL, (size_t)(i + 1) * PG, RW, ANON_PRIV, -1, 0);
			if (maps[i] == MAP_FAILED)
				ok = 0;
		}
		CHECK("mmap_eight_mappings", ok, "an mmap failed");
		for (int i = 0; ok && i < 8; i++) {
			uintptr_t a = (uintptr_t)maps[i], ae = a + (uintptr_t)(i + 1) * PG;
			for (int j = 0; j < i; j++) {
				uintptr_t b = (uintptr_t)maps[j], be = b + (uintptr_t)(j + 1) * PG;
				if (a < be && b < ae)
					overlap++;
			}
			uintptr_t others[] = {(uintptr_t)&local, (uintptr_t)heap,
					      (uintptr_t)&some_static, (uintptr_t)&success_cases};
			for (size_t k = 0; k < sizeof(others) / sizeof(others[0]); k++)
				if (others[k] >= a && others[k] < ae)
					overlap++;
		}
		CHECK_EQ("mmap_distinct_from_each_other_and_stack_heap_data_code", overlap, 0);
		for (int i = 0; ok && i < 8; i++)
			fill(maps[i], (size_t)(i + 1) * PG, 10 + i);
		int bad = 0;
		for (int i = 0; ok && i < 8; i++)
			bad += verify(maps[i], (size_t)(i + 1) * PG, 10 + i) >= 0;
		CHECK_EQ("mmap_distinct_contents_independent", bad, 0);
		for (int i = 0; ok && i < 8; i++)
			munmap(maps[i], (size_t)(i + 1) * PG);
		free(heap);
	}

	/* A hint is honoured when the range is free; a re-created mapping reads zero again. */
	p = hole(4);
	{
		char *q = mmap(p, 4 * PG, RW, ANON_PRIV, -1, 0);
		CHECK("mmap_hint_free_honoured", q == p, "got %p, expected the hint %p", q, p);
		if (q != MAP_FAILED) {
			fill(q, 4 * PG, 3);
			munmap(q, 4 * PG);
			q = mmap(p, 4 * PG, RW, ANON_PRIV, -1, 0);
			CHECK("mmap_hint_again_after_munmap", q == p, "got %p, expected %p", q, p);
			if (q == p)
				CHECK_ZEROED("mmap_remapped_reads_zero_not_old_contents", q,
					     4 * PG);
			if (q != MAP_FAILED)
				munmap(q, 4 * PG);
		}
	}
	/* A hint on a busy range is not an error: the mapping goes elsewhere, the old one stays. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	fill(p, 4 * PG, 4);
	{
		char *q = mmap(p + PG, 2 * PG, RW, ANON_PRIV, -1, 0);
		CHECK("mmap_hint_busy_goes_elsewhere",
		      q != MAP_FAILED && (q + 2 * PG <= p || q >= p + 4 * PG),
		      "got %p, expected a range outside [%p, %p)", q, p, p + 4 * PG);
		CHECK_PATTERN("mmap_hint_busy_old_mapping_intact", p, 4 * PG, 4);
		if (q != MAP_FAILED)
			munmap(q, 2 * PG);
	}
	munmap(p, 4 * PG);
	/* A hint below mmap_min_addr is raised to it (round_hint_to_min), not refused. */
	if (mapped((void *)MMAP_MIN_ADDR, 4 * PG) == 0) {
		p = mmap((void *)PG, 4 * PG, RW, ANON_PRIV, -1, 0);
		CHECK("mmap_hint_below_min_raised_to_min", p == (char *)MMAP_MIN_ADDR,
		      "got %p, expected %p", p, (void *)MMAP_MIN_ADDR);
		if (p != MAP_FAILED)
			munmap(p, 4 * PG);
	} else {
		/* [mmap_min_addr, +16 KiB) is in use (a static program is linked at 64 KiB, which
		 * is uniarm's mmap_min_addr): the raised hint is busy, so the mapping goes
		 * elsewhere, never below mmap_min_addr. */
		p = mmap((void *)PG, 4 * PG, RW, ANON_PRIV, -1, 0);
		CHECK("mmap_hint_below_min_busy_goes_above_min",
		      p != MAP_FAILED && (uintptr_t)p >= MMAP_MIN_ADDR + 4 * PG, "got %p", p);
		if (p != MAP_FAILED)
			munmap(p, 4 * PG);
	}
	/* A hint that is not page aligned is rounded down (round_hint_to_min, before any arch
	 * code). */
	p = hole(4);
	{
		char *q = mmap(p + PG + 1, PG, RW, ANON_PRIV, -1, 0);
		CHECK("mmap_hint_unaligned_rounded_down", q == p + PG, "got %p, expected %p", q,
		      p + PG);
		if (q != MAP_FAILED)
			munmap(q, PG);
	}
	/* A hint beyond TASK_SIZE is ignored. */
	p = mmap((void *)TOP_ADDR, 2 * PG, RW, ANON_PRIV, -1, 0);
	CHECK("mmap_hint_above_task_size_ignored", p != MAP_FAILED && (uintptr_t)p < TOP_ADDR,
	      "got %p", p);
	if (p != MAP_FAILED) {
		p[0] = 1;
		munmap(p, 2 * PG);
	}
#ifdef __arm__
	/* uniarm's layout (docs/vm-user.md), which is 32-bit ARM Linux's with a 3 GiB TASK_SIZE. */
	p = mmap((void *)0xc0000000UL, PG, RW, ANON_PRIV, -1, 0);
	CHECK("mmap_arm_hint_in_kernel_ignored",
	      p != MAP_FAILED && (uintptr_t)p + PG <= 0xbf000000UL, "got %p", p);
	if (p != MAP_FAILED)
		munmap(p, PG);
	p = mmap(NULL, PG, RW, ANON_PRIV, -1, 0);
	CHECK("mmap_arm_topdown_below_mmap_base",
	      p != MAP_FAILED && (uintptr_t)p + PG <= 0xb7000000UL &&
		      (uintptr_t)p >= 0xb7000000UL - 64 * MiB,
	      "got %p, expected just below 0xb7000000", p);
	if (p != MAP_FAILED)
		munmap(p, PG);
#endif

	/* MAP_FIXED replaces what is there: the new pages read zero, the rest is untouched. */
	p = map_or_die(NULL, 4 * PG, RW, ANON_PRIV);
	fill(p, 4 * PG, 5);
	{
		char *q = mmap(p + PG, 2 * PG, PROT_READ, ANON_PRIV | MAP_FIXED, -1, 0);
		CHECK("mmap_fixed_replace_returns_addr", q == p + PG, "got %p, expected %p", q,
		      p + PG);
		CHECK_ZEROED("mmap_fixed_replaced_pages_zero", p + PG, 2 * PG);
		CHECK_PATTERN("mmap_fixed_replace_keeps_head", p, PG, 5);
		CHECK_PATTERN_PART("mmap_fixed_replace_keeps_tail", p, 3 * PG, PG, 5);
	}
	munmap(p, 4 * PG);
	/* MAP_FIXED on a free range and over a mix of mapped and free pages. */
	p = hole(6);
	CHECK("mmap_fixed_free_range", mmap(p + PG, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0) == p + PG,
	      "not at the address");
	CHECK("mmap_fixed_over_mapped_and_free",
	      mmap(p, 6 * PG, RW, ANON_PRIV | MAP_FIXED, -1, 0) == p, "not at the address");
	CHECK_EQ("mmap_fixed_over_mapped_and_free_all_mapped", mapped(p, 6 * PG), 1);
	munmap(p, 6 * PG);

	/* MAP_FIXED_NOREPLACE: EEXIST on any overlap (the old mapping intact), else at the address.
	 */
	p = hole(8);
	map_or_die(p + 2 * PG, 4 * PG, RW, ANON_PRIV | MAP_FIXED);
	fill(p + 2 * PG, 4 * PG, 6);
	CHECK_ERR("mmap_noreplace_same_range_eexist",
		  mmap(p + 2 * PG, 4 * PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	CHECK_ERR("mmap_noreplace_overlap_start_eexist",
		  mmap(p, 3 * PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	CHECK_ERR("mmap_noreplace_overlap_end_eexist",
		  mmap(p + 5 * PG, 3 * PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	CHECK_ERR("mmap_noreplace_inside_eexist",
		  mmap(p + 3 * PG, PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	CHECK_ERR("mmap_noreplace_covering_eexist",
		  mmap(p, 8 * PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	CHECK_PATTERN("mmap_noreplace_eexist_leaves_old_mapping", p + 2 * PG, 4 * PG, 6);
	CHECK_EQ("mmap_noreplace_eexist_maps_nothing_around", mapped(p, 2 * PG), 0);
	CHECK("mmap_noreplace_free_range",
	      mmap(p, 2 * PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0) == p,
	      "not at the address");
	CHECK("mmap_noreplace_free_range_adjacent_after",
	      mmap(p + 6 * PG, 2 * PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0) == p + 6 * PG,
	      "not at the address");
	CHECK_ZEROED("mmap_noreplace_new_pages_zero", p, 2 * PG);
	munmap(p, 8 * PG);

	/* MAP_POPULATE: resident at once (writable private: written in, so still zero). */
	p = check_mmap("mmap_populate_rw", NULL, 16 * PG, RW, ANON_PRIV | MAP_POPULATE, -1, 0);
	if (p) {
		CHECK_EQ("mmap_populate_rw_all_resident", resident(p, 16 * PG), 16);
		CHECK_ZEROED("mmap_populate_rw_reads_zero", p, 16 * PG);
		munmap(p, 16 * PG);
	}
	p = check_mmap("mmap_populate_ro", NULL, 16 * PG, PROT_READ, ANON_PRIV | MAP_POPULATE, -1,
		       0);
	if (p) {
		CHECK_EQ("mmap_populate_ro_all_resident", resident(p, 16 * PG), 16);
		CHECK_ZEROED("mmap_populate_ro_reads_zero", p, 16 * PG);
		munmap(p, 16 * PG);
	}
	/* MAP_LOCKED: populated like mlock (64 KiB: within a host's RLIMIT_MEMLOCK). */
	errno = 0;
	p = mmap(NULL, 16 * PG, RW, ANON_PRIV | MAP_LOCKED, -1, 0);
#ifdef __linux__
	if (p == MAP_FAILED && (errno == EAGAIN || errno == EPERM)) {
		t_skip("mmap_locked", "host RLIMIT_MEMLOCK: %s", errname(errno));
		p = NULL;
	} else
#endif
		CHECK("mmap_locked", p != MAP_FAILED, "got -1/%s", errname(errno));
	if (p && p != MAP_FAILED) {
		CHECK_EQ("mmap_locked_all_resident", resident(p, 16 * PG), 16);
		CHECK_ZEROED("mmap_locked_reads_zero", p, 16 * PG);
		munmap(p, 16 * PG);
	}
	/* MAP_NORESERVE, MAP_STACK, MAP_GROWSDOWN (growth itself: mm_segv growsdown). */
	p = check_mmap("mmap_noreserve", NULL, 16 * PG, RW, ANON_PRIV | MAP_NORESERVE, -1, 0);
	if (p) {
		CHECK_ZEROED("mmap_noreserve_reads_zero", p, 16 * PG);
		fill(p, 16 * PG, 7);
		CHECK_PATTERN("mmap_noreserve_writable", p, 16 * PG, 7);
		munmap(p, 16 * PG);
	}
	p = check_mmap("mmap_stack", NULL, 16 * PG, RW, ANON_PRIV | MAP_STACK, -1, 0);
	if (p) {
		fill(p, 16 * PG, 8);
		CHECK_PATTERN("mmap_stack_writable", p, 16 * PG, 8);
		munmap(p, 16 * PG);
	}
	p = check_mmap("mmap_growsdown", NULL, 4 * PG, RW, ANON_PRIV | MAP_GROWSDOWN, -1, 0);
	if (p) {
		fill(p, 4 * PG, 9);
		CHECK_PATTERN("mmap_growsdown_writable", p, 4 * PG, 9);
		munmap(p, 4 * PG);
	}
}

static void error_cases(void)
{
	char *p;
	unsigned long dac_min = MMAP_MIN_ADDR;

	/* Length. */
	CHECK_ERR("mmap_len_0_einval", mmap(NULL, 0, RW, ANON_PRIV, -1, 0), EINVAL);
	p = hole(1);
	CHECK_ERR("mmap_len_0_fixed_einval", mmap(p, 0, RW, ANON_PRIV | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR("mmap_len_max_enomem", mmap(NULL, SIZE_MAX, RW, ANON_PRIV, -1, 0), ENOMEM);
	CHECK_ERR("mmap_len_max_page_aligned_enomem",
		  mmap(NULL, SIZE_MAX - PG + 1, RW, ANON_PRIV, -1, 0), ENOMEM);
	if (sizeof(size_t) == 8) /* 2^63 bytes: more than any 64-bit TASK_SIZE */
		CHECK_ERR("mmap_len_half_address_space_enomem",
			  mmap(NULL, SIZE_MAX / 2 + 1, PROT_NONE, ANON_PRIV | MAP_NORESERVE, -1, 0),
			  ENOMEM);
#ifdef __arm__
	/* Larger than TASK_SIZE - mmap_min_addr (3 GiB - 16 MiB - 64 KiB). */
	CHECK_ERR("mmap_arm_len_3gib_enomem",
		  mmap(NULL, 0xc0000000UL, PROT_NONE, ANON_PRIV | MAP_NORESERVE, -1, 0), ENOMEM);
	CHECK_ERR("mmap_arm_len_task_size_enomem",
		  mmap(NULL, 0xbf000000UL, PROT_NONE, ANON_PRIV | MAP_NORESERVE, -1, 0), ENOMEM);
#endif

	/* Address. */
	p = hole(2);
	CHECK_ERR("mmap_fixed_unaligned_einval", mmap(p + 1, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0),
		  EINVAL);
	CHECK_ERR("mmap_fixed_unaligned_by_half_page_einval",
		  mmap(p + PG / 2, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR("mmap_noreplace_unaligned_einval",
		  mmap(p + 1, PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EINVAL);
	CHECK_ERR("mmap_fixed_above_task_size_enomem",
		  mmap((void *)TOP_ADDR, 2 * PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), ENOMEM);
	CHECK_ERR("mmap_fixed_wraps_enomem",
		  mmap((void *)TOP_ADDR, 4 * PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), ENOMEM);
#ifdef __arm__
	CHECK_ERR("mmap_arm_fixed_kernel_enomem",
		  mmap((void *)0xc0000000UL, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), ENOMEM);
	CHECK_ERR("mmap_arm_fixed_crossing_task_size_enomem",
		  mmap((void *)(0xbf000000UL - PG), 2 * PG, RW, ANON_PRIV | MAP_FIXED, -1, 0),
		  ENOMEM);
	CHECK_ERR("mmap_arm_noreplace_stack_top_eexist",
		  mmap((void *)(0xbf000000UL - PG), PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0),
		  EEXIST);
#endif
	/* Below mmap_min_addr: EPERM (the capability check on /proc/sys/vm/mmap_min_addr). */
#ifdef __linux__
	drop_cap_sys_rawio();
#endif
	if (proc_number("/proc/sys/vm/mmap_min_addr", NULL, &dac_min))
		t_note("/proc/sys/vm/mmap_min_addr = %lu", dac_min);
#ifdef __arm__
	CHECK_ERR("mmap_arm_fixed_at_0_einval", mmap(NULL, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0),
		  EINVAL);
	CHECK_ERR("mmap_arm_noreplace_at_0_einval",
		  mmap(NULL, PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EINVAL);
	CHECK_ERR("mmap_arm_fixed_second_page_einval",
		  mmap((void *)PG, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR("mmap_arm_fixed_crossing_first_user_address_einval",
		  mmap((void *)PG, 4 * PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), EINVAL);
#else
	CHECK_ERR("mmap_fixed_at_0_eperm", mmap(NULL, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), EPERM);
	CHECK_ERR("mmap_noreplace_at_0_eperm",
		  mmap(NULL, PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EPERM);
#endif
	/* The highest page below mmap_min_addr (on the x86 host with 4096: page 0 again). */
	unsigned long eperm_addr = dac_min - PG;
	if ((long)eperm_addr >= (long)FIRST_USER_ADDRESS) {
		CHECK_ERR("mmap_fixed_just_below_min_eperm",
			  mmap((void *)eperm_addr, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), EPERM);
		CHECK_ERR("mmap_noreplace_just_below_min_eperm",
			  mmap((void *)eperm_addr, PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0),
			  EPERM);
	}
#ifdef __arm__
	CHECK_ERR("mmap_arm_fixed_at_first_user_address_eperm",
		  mmap((void *)FIRST_USER_ADDRESS, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0), EPERM);
#endif
	if (dac_min > PG && mapped((void *)dac_min, PG) == 0) {
		p = mmap((void *)dac_min, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0);
		CHECK("mmap_fixed_at_min_allowed", p == (char *)dac_min, "got %p, expected %p", p,
		      (void *)dac_min);
		if (p != MAP_FAILED)
			munmap(p, PG);
	}

	/* Type and flags. */
	CHECK_ERR("mmap_neither_shared_nor_private_einval",
		  mmap(NULL, PG, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR("mmap_type_0xf_einval", mmap(NULL, PG, RW, MAP_ANONYMOUS | 0xf, -1, 0), EINVAL);
	/* MAP_SHARED_VALIDATE is for files: anonymous ones are refused whatever the other flags. */
	CHECK_ERR("mmap_shared_validate_anon_einval",
		  mmap(NULL, PG, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR("mmap_growsdown_shared_einval",
		  mmap(NULL, PG, RW, ANON_SHARED | MAP_GROWSDOWN, -1, 0), EINVAL);

	/* Offset. */
	CHECK_ERR("mmap_offset_unaligned_anon_einval", mmap(NULL, PG, RW, ANON_PRIV, -1, 1),
		  EINVAL);
	CHECK_ERR("mmap_offset_half_page_anon_einval",
		  mmap(NULL, PG, RW, ANON_PRIV, -1, (off_t)(PG / 2)), EINVAL);

	/* File descriptor (a file mapping: no MAP_ANONYMOUS). */
	CHECK_ERR("mmap_file_fd_minus_1_ebadf", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0),
		  EBADF);
	CHECK_ERR("mmap_file_fd_unused_ebadf", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 1000, 0),
		  EBADF);
	CHECK_ERR("mmap_file_shared_fd_unused_ebadf",
		  mmap(NULL, PG, PROT_READ, MAP_SHARED, 1000, 0), EBADF);

	/* /dev/null (which uniarm's open knows) cannot be mapped: ENODEV once the access checks
	 * pass; write access to a shared mapping needs a writable fd, any mapping a readable one.
	 */
	int fr = open("/dev/null", O_RDONLY), fw = open("/dev/null", O_WRONLY);
	CHECK("devnull_open", fr >= 0 && fw >= 0, "open(/dev/null) failed: %s", errname(errno));
	if (fr >= 0 && fw >= 0) {
		CHECK_ERR("mmap_devnull_private_enodev",
			  mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fr, 0), ENODEV);
		CHECK_ERR("mmap_devnull_shared_read_enodev",
			  mmap(NULL, PG, PROT_READ, MAP_SHARED, fr, 0), ENODEV);
		CHECK_ERR("mmap_devnull_shared_write_on_rdonly_fd_eacces",
			  mmap(NULL, PG, RW, MAP_SHARED, fr, 0), EACCES);
		CHECK_ERR("mmap_devnull_private_on_wronly_fd_eacces",
			  mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fw, 0), EACCES);
		CHECK_ERR("mmap_devnull_shared_validate_unknown_flag_eopnotsupp",
			  mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | 0x800000, fr, 0),
			  EOPNOTSUPP);
		CHECK_ERR("mmap_devnull_shared_validate_map_sync_eopnotsupp",
			  mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fr, 0),
			  EOPNOTSUPP);
		CHECK_ERR("mmap_devnull_shared_validate_enodev",
			  mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE, fr, 0), ENODEV);
		CHECK_ERR("mmap_devnull_type_0_einval", mmap(NULL, PG, PROT_READ, 0, fr, 0),
			  EINVAL);
		CHECK_ERR("mmap_devnull_len_0_einval", mmap(NULL, 0, PROT_READ, MAP_PRIVATE, fr, 0),
			  EINVAL);
		close(fr);
		close(fw);
	}
	/* A closed descriptor. */
	fr = open("/dev/null", O_RDONLY);
	if (fr >= 0) {
		close(fr);
		CHECK_ERR("mmap_file_closed_fd_ebadf",
			  mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fr, 0), EBADF);
	}

	/* Which error wins when several apply (Linux's order of checks). */
	CHECK_ERR("mmap_order_offset_before_fd_einval",
		  mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 1000, 1), EINVAL);
	CHECK_ERR("mmap_order_fd_before_len_ebadf", mmap(NULL, 0, PROT_READ, MAP_PRIVATE, 1000, 0),
		  EBADF);
	CHECK_ERR("mmap_order_len_before_type_einval", mmap(NULL, 0, RW, MAP_ANONYMOUS, -1, 0),
		  EINVAL);
	CHECK_ERR("mmap_order_placement_before_type_enomem",
		  mmap(NULL, SIZE_MAX - PG + 1, RW, MAP_ANONYMOUS, -1, 0), ENOMEM);
	if ((long)eperm_addr >= (long)FIRST_USER_ADDRESS)
		CHECK_ERR("mmap_order_min_addr_before_type_eperm",
			  mmap((void *)eperm_addr, PG, RW, MAP_ANONYMOUS | MAP_FIXED, -1, 0),
			  EPERM);
	p = map_or_die(NULL, PG, RW, ANON_PRIV);
	CHECK_ERR("mmap_order_noreplace_before_type_eexist",
		  mmap(p, PG, RW, MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	munmap(p, PG);
}

int main(void)
{
	printf("mm_mmap: mmap(2) results and errors\n");
	success_cases();
	error_cases();
	return t_finish();
}
