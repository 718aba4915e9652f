/*
 * Populating memory as Linux does (issue 10 item 6): MADV_POPULATE_READ of private writable
 * memory maps the zero page (no memory used, the first store still faults); MADV_POPULATE_WRITE
 * makes every page real; MAP_POPULATE and mlock of shared writable memory read-fault it, so its
 * pages are clean and the first store to each takes a (dirty-tracking) minor fault.
 */
#include "mm_check.h"

#include <sys/resource.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Minor faults taken by storing one byte into each of n pages at p. */
static long store_faults(char *p, unsigned long n)
{
	long before = minflt();

	for (unsigned long i = 0; i < n; i++)
		((volatile char *)p)[i * PG] = 1;
	return minflt() - before;
}

int main(void)
{
	const unsigned long n = 4096; /* 16 MiB */
	long rss0, f;
	char *p;

	printf("mm_populate: MADV_POPULATE_READ/WRITE, MAP_POPULATE and mlock of shared memory\n");

	/* A write populate makes every page the mapping's own: stores do not fault. (First: the
	 * rss peak must still be low for its growth to show.) */
	p = map_or_die(NULL, 256 * PG, RW, ANON_PRIV);
	rss0 = maxrss_kb();
	CHECK_ZERO("populate_write", madvise(p, 256 * PG, MADV_POPULATE_WRITE));
	CHECK("populate_write_uses_memory", maxrss_kb() - rss0 >= 1000, "maxrss grew %ld kB",
	      maxrss_kb() - rss0);
	f = store_faults(p, 256);
	CHECK("populate_write_stores_do_not_fault", f < 8, "%ld faults for 256 stores", f);
	CHECK_ERR("populate_write_readonly_einval",
		  (mprotect(p, PG, PROT_READ), madvise(p, PG, MADV_POPULATE_WRITE)), EINVAL);
	munmap(p, 256 * PG);

	/* A sparse read populate costs no memory, maps every page, and stores still fault. */
	p = map_or_die(NULL, n * PG, RW, ANON_PRIV);
	rss0 = maxrss_kb();
	CHECK_ZERO("populate_read", madvise(p, n * PG, MADV_POPULATE_READ));
	CHECK_EQ("populate_read_maps_every_page", resident(p, n * PG), (long)n);
	CHECK("populate_read_uses_no_memory", maxrss_kb() - rss0 < 1024, "maxrss grew %ld kB",
	      maxrss_kb() - rss0);
	CHECK_ZEROED("populate_read_reads_zero", p, n * PG);
	f = store_faults(p, n);
	CHECK("populate_read_stores_fault", f >= (long)n, "%ld faults for %lu stores", f, n);
	munmap(p, n * PG);

	/* MAP_POPULATE of shared writable memory: present, clean; each first store faults. */
	p = map_or_die(NULL, 64 * PG, RW, ANON_SHARED | MAP_POPULATE);
	CHECK_EQ("map_populate_shared_present", resident(p, 64 * PG), 64);
	f = store_faults(p, 64);
	CHECK("map_populate_shared_clean", f >= 64, "%ld faults for 64 stores", f);
	f = store_faults(p, 64);
	CHECK("map_populate_shared_then_dirty", f < 8, "%ld faults for 64 more stores", f);
	munmap(p, 64 * PG);

	/* mlock of shared writable memory: the same. Private writable memory: written now. */
	p = map_or_die(NULL, 64 * PG, RW, ANON_SHARED);
	CHECK_ZERO("mlock_shared", mlock(p, 64 * PG));
	CHECK_EQ("mlock_shared_present", resident(p, 64 * PG), 64);
	f = store_faults(p, 64);
	CHECK("mlock_shared_clean", f >= 64, "%ld faults for 64 stores", f);
	munlock(p, 64 * PG);
	munmap(p, 64 * PG);
	p = map_or_die(NULL, 64 * PG, RW, ANON_PRIV | MAP_POPULATE);
	f = store_faults(p, 64);
	CHECK("map_populate_private_written", f < 8, "%ld faults for 64 stores", f);
	munmap(p, 64 * PG);
	return t_finish();
}
