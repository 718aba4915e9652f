/*
 * madvise details Linux 6.1 shows (issue 10 item 8): MADV_COLD and MADV_PAGEOUT make the pages
 * old, so the next access to each is a minor fault (ARM has no hardware-updated young bit: an
 * old entry is not translated); MADV_REMOVE of shared memory mapped read-only or PROT_NONE is
 * allowed when the mapping may be written (VM_MAYWRITE), and drops the data.
 */
#include "mm_check.h"

#include <sys/resource.h>

/* Minor faults taken by reading one byte of each of n pages at p. */
static long read_faults(const char *p, unsigned long n)
{
	long before = minflt();
	unsigned sum = 0;

	for (unsigned long i = 0; i < n; i++)
		sum += ((const volatile char *)p)[i * PG];
	(void)sum;
	return minflt() - before;
}

static void old_case(const char *name, int advice, int flags)
{
	char *p = map_or_die(NULL, 16 * PG, RW, flags);
	char what[64];
	long f;

	fill(p, 16 * PG, 7);
	snprintf(what, sizeof(what), "%s_warm", name);
	f = read_faults(p, 16);
	CHECK(what, f == 0, "%ld faults on young pages", f);
	CHECK_ZERO(name, madvise(p, 16 * PG, advice));
	snprintf(what, sizeof(what), "%s_next_access_faults", name);
	f = read_faults(p, 16);
	CHECK(what, f >= 16, "%ld faults for 16 reads", f);
	snprintf(what, sizeof(what), "%s_keeps_data", name);
	CHECK_PATTERN(what, p, 16 * PG, 7);
	snprintf(what, sizeof(what), "%s_young_again", name);
	f = read_faults(p, 16);
	CHECK(what, f == 0, "%ld faults after the pages were touched", f);
	munmap(p, 16 * PG);
}

int main(void)
{
	char *p;

	printf("mm_madvise_old: MADV_COLD/PAGEOUT make pages old; MADV_REMOVE and VM_MAYWRITE\n");
	old_case("cold_private", MADV_COLD, ANON_PRIV);
	old_case("pageout_private", MADV_PAGEOUT, ANON_PRIV);
	old_case("cold_shared", MADV_COLD, ANON_SHARED);

	/* Locked memory: EINVAL, as Linux (can_madv_lru_vma). */
	p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	CHECK_ZERO("cold_locked_mlock", mlock(p, 2 * PG));
	CHECK_ERR("cold_locked_einval", madvise(p, 2 * PG, MADV_COLD), EINVAL);
	CHECK_ERR("pageout_locked_einval", madvise(p, 2 * PG, MADV_PAGEOUT), EINVAL);
	munmap(p, 2 * PG);

	/* MADV_REMOVE: shared memory that may be written, whatever its protection now. */
	p = map_or_die(NULL, 2 * PG, RW, ANON_SHARED);
	fill(p, 2 * PG, 9);
	CHECK_ZERO("remove_readonly_mprotect", mprotect(p, 2 * PG, PROT_READ));
	CHECK_ZERO("remove_readonly", madvise(p, 2 * PG, MADV_REMOVE));
	CHECK_ZEROED("remove_readonly_drops_data", p, 2 * PG);
	CHECK_ZERO("remove_none_mprotect", mprotect(p, 2 * PG, PROT_NONE));
	CHECK_ZERO("remove_prot_none", madvise(p, 2 * PG, MADV_REMOVE));
	munmap(p, 2 * PG);
	p = map_or_die(NULL, 2 * PG, PROT_READ, ANON_SHARED);
	CHECK_ZERO("remove_mapped_readonly", madvise(p, 2 * PG, MADV_REMOVE));
	munmap(p, 2 * PG);
	p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	CHECK_ERR("remove_private_einval", madvise(p, 2 * PG, MADV_REMOVE), EINVAL);
	munmap(p, 2 * PG);
	return t_finish();
}
