/*
 * Lazy and bounded (issue 14, item 7): a 64 MiB file (sparse, from ftruncate) mapped whole
 * costs nothing until touched, and one touched page costs one page: the file's st_blocks, the
 * mapping's Rss in /proc/self/smaps, mincore, statm's resident and shared counts and meminfo's
 * Shmem and MemFree say so; read() of a hole allocates nothing, a fault on one allocates its
 * page (tmpfs), overwriting allocates nothing. A file's pages are freed when its last name,
 * descriptor and mapping are gone (in any order), or when ftruncate cuts them: Shmem and
 * MemFree come back. The same for shared anonymous memory at its last munmap.
 *
 * Exact figures are per file (st_blocks) and per mapping (smaps walks the page tables, and so
 * does mincore). Linux's meminfo counters are kept per CPU and folded in batches, MemFree moves
 * with the per-CPU page lists, and 6.1's statm lags by up to 64 faults: those checks allow a
 * slack (uniarm's figures are exact; see README.md).
 */
#include "files_check.h"

#define MiB_	    1048576L
#define BIG	    (64 * MiB_)
#define STATM_SLACK 128
#ifndef SHMEM_SLACK_KB
#define SHMEM_SLACK_KB 256
#endif
#ifndef MEMFREE_SLACK_KB
#define MEMFREE_SLACK_KB 4096
#endif

static long statm(int field)
{
	return proc_value("/proc/self/statm", NULL, field);
}

static long mincore_count(const void *p, size_t len)
{
	static unsigned char vec[BIG / 4096];
	long n = 0;

	if (mincore((void *)p, len, vec))
		return -1;
	for (size_t i = 0; i < len / PG; i++)
		n += vec[i] & 1;
	return n;
}

/* |a - b| <= slack */
#define CHECK_NEAR(name, got, want, slack)                                                         \
	do {                                                                                       \
		long _g = (got), _w = (want), _s = (slack);                                        \
		CHECK(name, _g >= _w - _s && _g <= _w + _s, "got %ld, expected %ld +- %ld", _g,    \
		      _w, _s);                                                                     \
	} while (0)

static void test_big_sparse(void)
{
	unsigned char *s, *p, *buf;
	int fd;
	long free0, shmem0;

	fd = CHECK_FOK("big.open", open("big", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK_ZERO("big.ftruncate_64m", ftruncate(fd, BIG));
	CHECK_FVAL("big.blocks_0", blocks_of(fd), 0);
	/* Warm up the readers (their buffers, the stack) before the baselines. */
	statm(1), meminfo_kb("Shmem"), smaps_kb(&fd, "Rss"), mincore_count(&fd, PG);
	free0 = meminfo_kb("MemFree");
	shmem0 = meminfo_kb("Shmem");
	s = mmap(NULL, BIG, RW, MAP_SHARED, fd, 0);
	MUSTF("mmap 64 MiB", s != MAP_FAILED);
	CHECK_FVAL("big.mapped_rss_0", smaps_kb(s, "Rss"), 0);
	CHECK_FVAL("big.mapped_mincore_0", mincore_count(s, BIG), 0);
	CHECK_FVAL("big.mapped_blocks_0", blocks_of(fd), 0);
	/* One read in the middle: one page (tmpfs allocates the hole's page on a fault). */
	CHECK_EQ("big.read_touch", s[BIG / 2 + 5], 0);
	CHECK_FVAL("big.read_touch.blocks", blocks_of(fd), 8);
	CHECK_FVAL("big.read_touch.rss_kb", smaps_kb(s, "Rss"), 4);
	CHECK_FVAL("big.read_touch.mincore", mincore_count(s, BIG), 1);
	/* One write elsewhere: one more. */
	s[BIG / 4] = 1;
	CHECK_FVAL("big.write_touch.blocks", blocks_of(fd), 16);
	CHECK_FVAL("big.write_touch.rss_kb", smaps_kb(s, "Rss"), 8);
	CHECK_FVAL("big.write_touch.mincore", mincore_count(s, BIG), 2);
	CHECK_NEAR("big.two_pages.shmem_kb", meminfo_kb("Shmem") - shmem0, 8, SHMEM_SLACK_KB);
	CHECK_NEAR("big.two_pages.memfree_kb", meminfo_kb("MemFree") - free0, -8, MEMFREE_SLACK_KB);
	/* Overwriting a page allocates nothing. */
	CHECK_FVAL("big.overwrite", pwrite(fd, "xyz", 3, BIG / 4 + 10), 3);
	CHECK_FVAL("big.overwrite.blocks", blocks_of(fd), 16);
	/* read() of a megabyte of holes: zeros, nothing allocated. */
	buf = map_or_die(NULL, MiB_, RW, ANON_PRIV);
	memset(buf, 0xff, MiB_);
	CHECK_FVAL("big.read_hole", pread(fd, buf, MiB_, 3 * MiB_), MiB_);
	CHECK_ZEROED("big.read_hole.zeros", buf, MiB_);
	CHECK_FVAL("big.read_hole.blocks", blocks_of(fd), 16);
	munmap(buf, MiB_);
	/* A private mapping's read fault on a hole allocates the file's page too (tmpfs). */
	p = mmap(NULL, BIG, PROT_READ, MAP_PRIVATE, fd, 0);
	MUSTF("mmap private 64 MiB", p != MAP_FAILED);
	CHECK_EQ("big.private_read_touch", p[BIG - 1], 0);
	CHECK_FVAL("big.private_read_touch.blocks", blocks_of(fd), 24);
	CHECK_FVAL("big.private_read_touch.rss_kb", smaps_kb(p, "Rss"), 4);
	/* mincore of a file mapping: the file's cached pages, mapped here or not. */
	CHECK_FVAL("big.private_mincore_sees_cache", mincore_count(p, BIG), 3);
	munmap(p, BIG);
	munmap(s, BIG);
	CHECK_FVAL("big.unmapped.blocks_kept", blocks_of(fd), 24);
	close(fd);
	CHECK_ZERO("big.unlink", unlink("big"));
	CHECK_NEAR("big.freed.shmem_kb", meminfo_kb("Shmem") - shmem0, 0, SHMEM_SLACK_KB);
	CHECK_NEAR("big.freed.memfree_kb", meminfo_kb("MemFree") - free0, 0, MEMFREE_SLACK_KB);
}

/* A 16 MiB file written with write(): its memory figures. */
#define DATA (16 * MiB_)
static int make_data(const char *name)
{
	static unsigned char chunk[65536];
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);

	MUSTF("open data file", fd >= 0);
	memset(chunk, 0x5a, sizeof(chunk));
	for (long off = 0; off < DATA; off += sizeof(chunk))
		MUSTF("write data file", write(fd, chunk, sizeof(chunk)) == sizeof(chunk));
	return fd;
}

static void test_freeing(void)
{
	long free0, shmem0;
	unsigned char *s;
	int fd;

	meminfo_kb("Shmem");
	free0 = meminfo_kb("MemFree");
	shmem0 = meminfo_kb("Shmem");

	/* unlink, close, munmap: freed at the munmap. */
	fd = make_data("d1");
	CHECK_FVAL("free.written.blocks", blocks_of(fd), DATA / 512);
	CHECK_NEAR("free.written.shmem_kb", meminfo_kb("Shmem") - shmem0, DATA / 1024,
		   SHMEM_SLACK_KB);
	CHECK_NEAR("free.written.memfree_kb", meminfo_kb("MemFree") - free0, -DATA / 1024,
		   MEMFREE_SLACK_KB);
	s = mmap(NULL, DATA, RW, MAP_SHARED, fd, 0);
	MUSTF("mmap data", s != MAP_FAILED);
	CHECK_EQ("free.mapped_reads", s[DATA - 1], 0x5a);
	CHECK_ZERO("free.unlink_open_mapped", unlink("d1"));
	CHECK_NEAR("free.unlinked.shmem_kept", meminfo_kb("Shmem") - shmem0, DATA / 1024,
		   SHMEM_SLACK_KB);
	CHECK_ZERO("free.close_mapped", close(fd));
	CHECK_NEAR("free.closed.shmem_kept", meminfo_kb("Shmem") - shmem0, DATA / 1024,
		   SHMEM_SLACK_KB);
	CHECK_EQ("free.closed.data", s[DATA / 2], 0x5a);
	CHECK_ZERO("free.munmap_last", munmap(s, DATA));
	CHECK_NEAR("free.munmap_last.shmem_kb", meminfo_kb("Shmem") - shmem0, 0, SHMEM_SLACK_KB);
	CHECK_NEAR("free.munmap_last.memfree_kb", meminfo_kb("MemFree") - free0, 0,
		   MEMFREE_SLACK_KB);

	/* munmap, unlink, close: freed at the close. */
	fd = make_data("d2");
	s = mmap(NULL, DATA, PROT_READ, MAP_SHARED, fd, 0);
	MUSTF("mmap data", s != MAP_FAILED);
	CHECK_EQ("free2.mapped_reads", s[0], 0x5a);
	CHECK_ZERO("free2.munmap", munmap(s, DATA));
	CHECK_ZERO("free2.unlink", unlink("d2"));
	CHECK_NEAR("free2.unlinked_open.shmem_kept", meminfo_kb("Shmem") - shmem0, DATA / 1024,
		   SHMEM_SLACK_KB);
	CHECK_ZERO("free2.close_last", close(fd));
	CHECK_NEAR("free2.close_last.shmem_kb", meminfo_kb("Shmem") - shmem0, 0, SHMEM_SLACK_KB);
	CHECK_NEAR("free2.close_last.memfree_kb", meminfo_kb("MemFree") - free0, 0,
		   MEMFREE_SLACK_KB);

	/* close, munmap, unlink: freed at the unlink. */
	fd = make_data("d3");
	s = mmap(NULL, DATA, PROT_READ, MAP_PRIVATE, fd, 0);
	MUSTF("mmap data", s != MAP_FAILED);
	CHECK_EQ("free3.mapped_reads", s[PG], 0x5a);
	CHECK_ZERO("free3.close", close(fd));
	CHECK_ZERO("free3.munmap", munmap(s, DATA));
	CHECK_NEAR("free3.named.shmem_kept", meminfo_kb("Shmem") - shmem0, DATA / 1024,
		   SHMEM_SLACK_KB);
	CHECK_ZERO("free3.unlink_last", unlink("d3"));
	CHECK_NEAR("free3.unlink_last.shmem_kb", meminfo_kb("Shmem") - shmem0, 0, SHMEM_SLACK_KB);
	CHECK_NEAR("free3.unlink_last.memfree_kb", meminfo_kb("MemFree") - free0, 0,
		   MEMFREE_SLACK_KB);

	/* Replaced by rename: the old file's pages go with its last name. */
	fd = make_data("d4");
	close(fd);
	put_file("d5", "x", 1, 0644);
	CHECK_ZERO("free4.rename_over", rename("d5", "d4"));
	CHECK_NEAR("free4.replaced.shmem_kb", meminfo_kb("Shmem") - shmem0, 4, SHMEM_SLACK_KB);
	CHECK_ZERO("free4.unlink", unlink("d4"));

	/* ftruncate frees the cut pages. */
	fd = make_data("d6");
	CHECK_ZERO("free5.ftruncate_half", ftruncate(fd, DATA / 2));
	CHECK_FVAL("free5.half.blocks", blocks_of(fd), DATA / 1024);
	CHECK_NEAR("free5.half.shmem_kb", meminfo_kb("Shmem") - shmem0, DATA / 2048,
		   SHMEM_SLACK_KB);
	CHECK_ZERO("free5.ftruncate_0", ftruncate(fd, 0));
	CHECK_FVAL("free5.zero.blocks", blocks_of(fd), 0);
	CHECK_NEAR("free5.zero.shmem_kb", meminfo_kb("Shmem") - shmem0, 0, SHMEM_SLACK_KB);
	close(fd);
	unlink("d6");
	CHECK_NEAR("free.end.memfree_kb", meminfo_kb("MemFree") - free0, 0, MEMFREE_SLACK_KB);
}

static void test_anon_shared(void)
{
	unsigned char *a, *v;
	long rss0, shared0, shmem0, free0;

	statm(1);
	rss0 = statm(1);
	shared0 = statm(2);
	shmem0 = meminfo_kb("Shmem");
	free0 = meminfo_kb("MemFree");
	a = map_or_die(NULL, BIG, RW, ANON_SHARED);
	CHECK_FVAL("anon.mapped_rss_0", smaps_kb(a, "Rss"), 0);
	a[BIG / 2] = 1;
	CHECK_FVAL("anon.one_page_rss_kb", smaps_kb(a, "Rss"), 4);
	v = mremap(a, 0, BIG, MREMAP_MAYMOVE);
	MUSTF("mremap view", v != MAP_FAILED);
	CHECK_FVAL("anon.view_rss_0", smaps_kb(v, "Rss"), 0);
	CHECK_EQ("anon.view_reads", v[BIG / 2], 1);
	CHECK_FVAL("anon.view_one_page_rss_kb", smaps_kb(v, "Rss"), 4);
	memset(a, 2, 8 * MiB_);
	/* statm counts shared memory in resident and in shared (Linux 6.1's per-thread RSS
	 * caches fold into them every 64 faults: STATM_SLACK pages). */
	CHECK_NEAR("anon.8m.statm_resident", statm(1) - rss0, 2049, STATM_SLACK);
	CHECK_NEAR("anon.8m.statm_shared", statm(2) - shared0, 2049, STATM_SLACK);
	CHECK_NEAR("anon.8m.shmem_kb", meminfo_kb("Shmem") - shmem0, 8 * 1024 + 4, SHMEM_SLACK_KB);
	CHECK_ZERO("anon.munmap_one_view", munmap(a, BIG));
	CHECK_NEAR("anon.one_view_left.shmem_kb", meminfo_kb("Shmem") - shmem0, 8 * 1024 + 4,
		   SHMEM_SLACK_KB);
	CHECK_EQ("anon.one_view_left.data", v[8 * MiB_ - 1], 2);
	CHECK_ZERO("anon.munmap_last_view", munmap(v, BIG));
	CHECK_NEAR("anon.freed.shmem_kb", meminfo_kb("Shmem") - shmem0, 0, SHMEM_SLACK_KB);
	CHECK_NEAR("anon.freed.memfree_kb", meminfo_kb("MemFree") - free0, 0, MEMFREE_SLACK_KB);
}

static int run(void)
{
	const char *dir = scratch("files_lazy");

	test_big_sparse();
	test_freeing();
	test_anon_shared();
	MUSTF("chdir /", chdir("/") == 0);
	remove_tree(dir);
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
