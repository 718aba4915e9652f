/*
 * Demand paging, counted with getrusage(RUSAGE_SELF).ru_minflt: a fresh anonymous page costs one
 * minor fault when first touched and none after; a read maps the shared zero page (one fault) and
 * a later write copies it (one more); MADV_DONTNEED makes the next touch fault again; populating
 * (MAP_POPULATE, mlock) faults every page in at once, and those faults are counted too (Linux
 * counts faults taken on the process's behalf by get_user_pages).
 *
 * Each measured loop is run once beforehand on another mapping, so that its code, stack and the
 * getrusage path are already faulted in. On the host, transparent huge pages could turn many
 * faults into one: the mappings get MADV_NOHUGEPAGE there.
 */
#include "mm_check.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#if defined(__linux__)
#include <sys/sysmacros.h>
#endif

static long majflt(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

static char *fresh(size_t pages, int prot, int flags)
{
	char *p = map_or_die(NULL, pages * PG, prot, flags);
#if defined(__linux__) && defined(MADV_NOHUGEPAGE)
	madvise(p, pages * PG, MADV_NOHUGEPAGE);
#endif
	return p;
}

/* Faults taken by writing (or reading) one byte in each of n pages from p. */
static long write_pages(char *p, size_t n, size_t stride)
{
	long before = minflt();
	for (size_t i = 0; i < n; i++)
		((volatile char *)p)[i * stride] = (char)(i + 1);
	return minflt() - before;
}

static long read_pages(const char *p, size_t n, size_t stride, unsigned *sum)
{
	unsigned s = 0;
	long before = minflt();
	for (size_t i = 0; i < n; i++)
		s += ((const volatile unsigned char *)p)[i * stride];
	long d = minflt() - before;
	*sum = s;
	return d;
}

int main(void)
{
	char *p;
	unsigned sum;
	long d;

	printf("mm_faults: demand paging and ru_minflt\n");
	fflush(stdout);
	/* Warm up every path measured below. */
	p = fresh(4, RW, ANON_PRIV);
	write_pages(p, 4, PG);
	read_pages(p, 4, PG, &sum);
	munmap(p, 4 * PG);
	p = fresh(4, RW, ANON_PRIV);
	read_pages(p, 4, PG, &sum);
	write_pages(p, 4, PG);
	munmap(p, 4 * PG);
	long maj0 = majflt();

	/* N fresh pages written: exactly N faults, then none. */
	p = fresh(64, RW, ANON_PRIV);
	d = write_pages(p, 32, PG);
	CHECK_EQ("faults_write_32_fresh_pages", d, 32);
	d = write_pages(p, 32, PG);
	CHECK_EQ("faults_rewrite_32_pages_none", d, 0);
	d = write_pages(p + PG / 2, 32, PG);
	CHECK_EQ("faults_other_bytes_same_pages_none", d, 0);
	d = read_pages(p, 32, PG, &sum);
	CHECK_EQ("faults_read_written_pages_none", d, 0);
	CHECK_EQ("faults_written_values_read_back", sum, 32 * 33 / 2);
	/* Several bytes in one page: one fault. */
	d = write_pages(p + 32 * PG, 64, 64);
	CHECK_EQ("faults_64_writes_in_one_page_one_fault", d, 1);
	CHECK_EQ("faults_untouched_pages_not_resident", resident(p + 33 * PG, 31 * PG), 0);

	/* Read first: the zero page (one fault), contents zero; the write then copies (one more).
	 */
	d = read_pages(p + 40 * PG, 16, PG, &sum);
	CHECK_EQ("faults_read_16_fresh_pages", d, 16);
	CHECK_EQ("faults_read_fresh_reads_zero", sum, 0);
	CHECK_EQ("faults_read_pages_resident", resident(p + 40 * PG, 16 * PG), 16);
	d = read_pages(p + 40 * PG, 16, PG, &sum);
	CHECK_EQ("faults_reread_none", d, 0);
	d = write_pages(p + 40 * PG, 16, PG);
	CHECK_EQ("faults_write_after_read_one_more_each", d, 16);
	d = write_pages(p + 40 * PG, 16, PG);
	CHECK_EQ("faults_write_after_write_none", d, 0);
	CHECK_ZEROED("faults_zero_page_copy_is_zero", p + 40 * PG + 1, PG - 1);

	/* MADV_DONTNEED: zeros, and the next touch faults again. */
	CHECK_ZERO("faults_madv_dontneed", madvise(p, 32 * PG, MADV_DONTNEED));
	d = read_pages(p, 32, PG, &sum);
	CHECK_EQ("faults_after_dontneed_read_faults", d, 32);
	CHECK_EQ("faults_after_dontneed_reads_zero", sum, 0);
	d = write_pages(p, 32, PG);
	CHECK_EQ("faults_after_dontneed_write_faults", d, 32);
	munmap(p, 64 * PG);

	/* A larger mapping: 1 MiB, 256 faults. */
	p = fresh(256, RW, ANON_PRIV);
	d = write_pages(p, 256, PG);
	CHECK_EQ("faults_write_256_pages", d, 256);
	munmap(p, 256 * PG);

	/* A read-only mapping: reads fault once per page and give zeros. */
	p = fresh(8, PROT_READ, ANON_PRIV);
	d = read_pages(p, 8, PG, &sum);
	CHECK_EQ("faults_read_only_mapping", d, 8);
	CHECK_EQ("faults_read_only_zero", sum, 0);
	munmap(p, 8 * PG);

	/* Shared anonymous memory: one fault per page too. */
	p = fresh(8, RW, ANON_SHARED);
	d = write_pages(p, 8, PG);
	CHECK_EQ("faults_shared_write_8_pages", d, 8);
	d = write_pages(p, 8, PG);
	CHECK_EQ("faults_shared_rewrite_none", d, 0);
	munmap(p, 8 * PG);

	/* PROT_NONE and back keeps the pages: reading them costs nothing. */
	p = fresh(8, RW, ANON_PRIV);
	write_pages(p, 8, PG);
	mprotect(p, 8 * PG, PROT_NONE);
	mprotect(p, 8 * PG, PROT_READ);
	d = read_pages(p, 8, PG, &sum);
	CHECK_EQ("faults_after_mprotect_read_none", d, 0);
	CHECK_EQ("faults_after_mprotect_values", sum, 8 * 9 / 2);
	munmap(p, 8 * PG);

	/* Populated mappings: the faults happen (and are counted) at mmap/mlock time. */
	{
		long before = minflt();
		p = map_or_die(NULL, 16 * PG, RW, ANON_PRIV | MAP_POPULATE);
		d = minflt() - before;
		CHECK_EQ("faults_map_populate_counts_16", d, 16);
		d = write_pages(p, 16, PG);
		CHECK_EQ("faults_after_populate_none", d, 0);
		munmap(p, 16 * PG);
		p = fresh(16, RW, ANON_PRIV);
		before = minflt();
		int r = mlock(p, 16 * PG);
		d = minflt() - before;
		if (r == 0) {
			CHECK_EQ("faults_mlock_counts_16", d, 16);
			d = write_pages(p, 16, PG);
			CHECK_EQ("faults_after_mlock_none", d, 0);
		} else {
			t_fail("faults_mlock", "mlock failed: %s", errname(errno));
		}
		munmap(p, 16 * PG);
	}

	/* Heap growth is demand paged too. */
	{
		char *b0 = sbrk(0), *a = (char *)PAGE_UP(b0);
		char *old = sbrk((a - b0) + (intptr_t)(8 * PG));
		long dw = old == (char *)-1 ? -1 : write_pages(a, 8, PG);
		if (old != (char *)-1)
			sbrk(-((a - b0) + (intptr_t)(8 * PG)));
		CHECK_EQ("faults_heap_growth_8_pages", dw, 8);
	}

	/* Faults the kernel takes on the program's behalf inside a system call, copying into its
	 * memory, count as the program's (issue 10 item 9): a read(2) of /dev/zero into 4 fresh
	 * pages is 4 faults, into 4 pages that map the zero page 4 more (the copies), and
	 * getrusage itself into a fresh page 1. */
	{
		int fd = open("/dev/zero", O_RDONLY);
		struct rusage *ru;
		long before;

#if defined(__linux__)
		/* Linux run as /init: its initramfs has no /dev/zero. */
		if (fd < 0 && errno == ENOENT &&
		    mknod("/dev/zero", S_IFCHR | 0666, makedev(1, 5)) == 0)
			fd = open("/dev/zero", O_RDONLY);
#endif

		CHECK("faults_open_dev_zero", fd >= 0, "errno %s", errname(errno));
		p = fresh(8, RW, ANON_PRIV);
		before = minflt();
		CHECK_EQ("faults_read_syscall_4_pages", read(fd, p, 4 * PG), (long)(4 * PG));
		CHECK_EQ("faults_read_syscall_fresh_counted", minflt() - before, 4);
		read_pages(p + 4 * PG, 4, PG, &sum); /* the zero page, 4 faults */
		before = minflt();
		CHECK_EQ("faults_read_syscall_zero_page", read(fd, p + 4 * PG, 4 * PG),
			 (long)(4 * PG));
		CHECK_EQ("faults_read_syscall_copies_counted", minflt() - before, 4);
		munmap(p, 8 * PG);
		close(fd);
		p = fresh(1, RW, ANON_PRIV);
		ru = (struct rusage *)(void *)p;
		before = minflt();
		getrusage(RUSAGE_SELF, ru);
		/* The copy out faults after the figures were taken: counted, seen by the next. */
		CHECK_EQ("faults_getrusage_copy_after_sampling", ru->ru_minflt - before, 0);
		CHECK_EQ("faults_getrusage_copy_counted", minflt() - before, 1);
		munmap(p, PG);
	}

	CHECK_EQ("faults_no_major_faults", majflt() - maj0, 0);
	return t_finish();
}
