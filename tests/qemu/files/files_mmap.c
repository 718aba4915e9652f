/*
 * File-backed mmap (issue 14, item 5), as Linux 6.1 does it on a tmpfs file: MAP_PRIVATE reads
 * the page cache (and sees write()s until a page is copied), a MAP_PRIVATE store copies the
 * page; MAP_SHARED stores are seen by read() at once and the other way round, by every view of
 * the same offset (another mapping, another open file); munmap and close in any order keep the
 * data, which a reopen finds; msync's flags and errors, MS_INVALIDATE keeping private copies;
 * madvise DONTNEED (shared data kept, private copies dropped) and REMOVE (a hole punched);
 * access past the last page of the file raises SIGBUS with BUS_ADRERR and the exact address,
 * also after ftruncate shrinks a mapped file (the cut pages leave every view, private copies
 * too, and come back as zeros when it grows again); the bytes past the end in the last page;
 * EACCES/EINVAL/ENODEV/EBADF of mmap and mprotect by the descriptor's mode; mincore of a file
 * mapping reporting the page cache; read() into and write() from a mapping of the same file;
 * /proc/self/maps lines of file mappings (offset, device, inode, path, " (deleted)").
 */
#include "files_check.h"

#define FILE_LEN (3 * PG + 100) /* three pages and a bit */

static const char *dir;
static char path_m[256];

static unsigned char *map(size_t len, int prot, int flags, int fd, off_t off)
{
	void *p = mmap(NULL, len, prot, flags, fd, off);

	if (p == MAP_FAILED) {
		printf("FAIL setup: mmap(%lu, 0x%x, 0x%x, fd %d, %lld): %s\n", (unsigned long)len,
		       prot, flags, fd, (long long)off, ferr(errno));
		t_failed++;
		exit(t_finish());
	}
	return p;
}

static int reopen(int flags)
{
	int fd = open(path_m, flags);

	MUSTF("open m", fd >= 0);
	return fd;
}

static void test_private(void)
{
	unsigned char *p, *q, *o, c;
	int fd = reopen(O_RDWR);

	/* Read: the file's bytes, zeros after the end in the last page, SIGBUS past it. */
	p = map(5 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK_PATTERN("private.read", p, FILE_LEN, 11);
	CHECK_ZEROED("private.read_tail_zero", p + FILE_LEN, 4 * PG - FILE_LEN);
	check_sigbus("private.read_past_eof", p + 4 * PG, 0);
	check_sigbus("private.read_past_eof_offset", p + 4 * PG + 0x123, 0);
	check_access("private.read_still_works", p + 3 * PG, 0);
	munmap(p, 5 * PG);
	/* At an offset. */
	o = map(PG, PROT_READ, MAP_PRIVATE, fd, 2 * PG);
	CHECK_PATTERN_PART("private.offset", o - 2 * PG, 2 * PG, PG, 11);
	munmap(o, PG);
	/* An offset past the end maps, and faults. */
	o = map(PG, PROT_READ, MAP_PRIVATE, fd, 8 * PG);
	check_sigbus("private.offset_past_eof", o, 0);
	munmap(o, PG);

	/* Write: copy on write; until then write() shows through. */
	q = map(5 * PG, RW, MAP_PRIVATE, fd, 0);
	c = q[5]; /* page 0 mapped from the page cache, read-only */
	(void)c;
	CHECK_FVAL("private.pwrite_before_cow", pwrite(fd, "A", 1, 5), 1);
	CHECK_EQ("private.sees_write_before_cow", q[5], 'A');
	q[6] = 'P'; /* copy */
	CHECK_EQ("private.store", q[6], 'P');
	CHECK_EQ("private.store_kept_neighbour", q[5], 'A');
	CHECK_FVAL("private.file_untouched.pread", pread(fd, &c, 1, 6), 1);
	CHECK_EQ("private.file_untouched", c, pat(11, 6));
	CHECK_FVAL("private.pwrite_after_cow", pwrite(fd, "B", 1, 7), 1);
	CHECK_EQ("private.not_seen_after_cow", q[7], pat(11, 7));
	/* A page never touched reads the file as it is when it is first touched. */
	CHECK_FVAL("private.pwrite_untouched_page", pwrite(fd, "C", 1, PG + 1), 1);
	CHECK_EQ("private.untouched_page_sees_write", q[PG + 1], 'C');
	/* Past the end inside the last page: a private store works and stays private. */
	q[FILE_LEN + 50] = 'T';
	CHECK_EQ("private.store_past_eof_in_page", q[FILE_LEN + 50], 'T');
	CHECK_FVAL("private.store_past_eof.size", size_of(path_m), FILE_LEN);
	check_sigbus("private.write_past_last_page", q + 4 * PG, 1);
	/* MADV_DONTNEED drops the private copy: the file shows again. */
	CHECK_ZERO("private.dontneed", madvise(q, PG, MADV_DONTNEED));
	CHECK_EQ("private.dontneed_file_again", q[6], pat(11, 6));
	CHECK_EQ("private.dontneed_sees_pwrite", q[7], 'B');
	/* MS_INVALIDATE leaves private copies alone. */
	q[8] = 'Q';
	CHECK_ZERO("private.ms_invalidate", msync(q, PG, MS_INVALIDATE));
	CHECK_EQ("private.ms_invalidate_kept_copy", q[8], 'Q');
	munmap(q, 5 * PG);
	close(fd);
	put_pattern(path_m, FILE_LEN, 11);
}

static void test_shared(void)
{
	unsigned char *s, *s2, *s3, *s4, buf[8];
	int fd = reopen(O_RDWR), fd2 = reopen(O_RDWR);
	struct stat st;

	s = map(4 * PG, RW, MAP_SHARED, fd, 0);
	s[10] = 'S';
	CHECK_FVAL("shared.store.pread", pread(fd, buf, 1, 10), 1);
	CHECK_EQ("shared.store_seen_by_read", buf[0], 'S');
	CHECK_FVAL("shared.pwrite", pwrite(fd, "W", 1, 11), 1);
	CHECK_EQ("shared.write_seen_by_mapping", s[11], 'W');
	/* Another mapping of the same offset, one of another offset, one through another open. */
	s2 = map(4 * PG, RW, MAP_SHARED, fd, 0);
	s3 = map(PG, RW, MAP_SHARED, fd, PG);
	s4 = map(4 * PG, RW, MAP_SHARED, fd2, 0);
	s2[12] = 'T';
	CHECK_EQ("shared.two_views", s[12], 'T');
	s[PG + 3] = 'U';
	CHECK_EQ("shared.offset_view", s3[3], 'U');
	s3[4] = 'V';
	CHECK_EQ("shared.offset_view_back", s2[PG + 4], 'V');
	s4[2 * PG] = 'X';
	CHECK_EQ("shared.other_open_file", s[2 * PG], 'X');
	CHECK_FVAL("shared.pwrite_fd2", pwrite(fd2, "Y", 1, 13), 1);
	CHECK_EQ("shared.pwrite_fd2_seen", s2[13], 'Y');
	munmap(s2, 4 * PG);
	munmap(s3, PG);
	munmap(s4, 4 * PG);

	/* msync. */
	CHECK_ZERO("msync.sync", msync(s, 4 * PG, MS_SYNC));
	CHECK_ZERO("msync.async", msync(s, 4 * PG, MS_ASYNC));
	CHECK_ZERO("msync.invalidate", msync(s, 4 * PG, MS_INVALIDATE));
	CHECK_ZERO("msync.sync_invalidate", msync(s, 4 * PG, MS_SYNC | MS_INVALIDATE));
	CHECK_ZERO("msync.no_flags", msync(s, 4 * PG, 0));
	CHECK_ZERO("msync.len_0", msync(s, 0, MS_SYNC));
	CHECK_ZERO("msync.part", msync(s + PG, 10, MS_SYNC));
	CHECK_EQ("msync.invalidate_kept_data", s[10], 'S');
	CHECK_FERR("msync.sync_and_async", msync(s, PG, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_FERR("msync.unknown_flag", msync(s, PG, 8), EINVAL);
	CHECK_FERR("msync.unaligned", msync(s + 1, PG, MS_SYNC), EINVAL);
	{
		unsigned char *h = map(2 * PG, RW, MAP_SHARED, fd, 0);

		MUSTF("munmap", munmap(h + PG, PG) == 0);
		CHECK_FERR("msync.partly_unmapped", msync(h, 2 * PG, MS_SYNC), ENOMEM);
		CHECK_FERR("msync.unmapped", msync(h + PG, PG, MS_SYNC), ENOMEM);
		munmap(h, PG);
	}
	if (mlock(s, PG) == 0) {
		CHECK_FERR("msync.invalidate_locked", msync(s, PG, MS_INVALIDATE), EBUSY);
		CHECK_ZERO("msync.sync_locked", msync(s, PG, MS_SYNC));
		munlock(s, PG);
	} else {
		t_fail("msync.mlock", "mlock: %s", ferr(errno));
	}

	/* Past the end: the last page's tail is there (not part of the file); then SIGBUS. */
	CHECK_ZEROED("shared.tail_zero", s + FILE_LEN, 4 * PG - FILE_LEN);
	s[FILE_LEN + 20] = 'Z';
	CHECK_FVAL("shared.store_past_eof.size", size_of(path_m), FILE_LEN);
	CHECK_FVAL("shared.store_past_eof.read", pread(fd, buf, 8, FILE_LEN), 0);
	/* Grown by ftruncate, the file takes in what was stored past its end in that page (Linux
	 * keeps the page's tail; POSIX leaves it unspecified); shrunk, the tail is cleared. */
	CHECK_ZERO("shared.grow_over_tail", ftruncate(fd, FILE_LEN + 100));
	CHECK_FVAL("shared.grow_over_tail.pread", pread(fd, buf, 1, FILE_LEN + 20), 1);
	CHECK_EQ("shared.grow_over_tail.kept", buf[0], 'Z');
	CHECK_ZERO("shared.shrink_tail", ftruncate(fd, FILE_LEN));
	CHECK_EQ("shared.shrink_clears_tail", s[FILE_LEN + 20], 0);
	munmap(s, 4 * PG);
	s = map(6 * PG, RW, MAP_SHARED, fd, 0);
	check_sigbus("shared.read_past_eof", s + 4 * PG, 0);
	check_sigbus("shared.write_past_eof", s + 5 * PG + 77, 1);
	CHECK_FVAL("shared.sigbus_no_growth", size_of(path_m), FILE_LEN);

	/* MADV_DONTNEED keeps shared data; MADV_REMOVE punches a hole in the file. */
	s[PG + 5] = 'D';
	CHECK_ZERO("shared.dontneed", madvise(s, 4 * PG, MADV_DONTNEED));
	CHECK_EQ("shared.dontneed_data_kept", s[PG + 5], 'D');
	CHECK_ZERO("shared.fstat_before_remove", fstat(fd, &st));
	CHECK_EQ("shared.blocks_before_remove", st.st_blocks, 32);
	CHECK_ZERO("shared.madv_remove", madvise(s + PG, PG, MADV_REMOVE));
	CHECK_FVAL("shared.madv_remove.pread", pread(fd, buf, 8, PG), 8);
	CHECK_ZEROED("shared.madv_remove_file_zeros", buf, 8);
	CHECK_ZERO("shared.fstat_after_remove", fstat(fd, &st));
	CHECK_EQ("shared.madv_remove_size_kept", st.st_size, FILE_LEN);
	CHECK_EQ("shared.madv_remove_blocks", st.st_blocks, 24);
	/* read() of the hole allocated nothing; a fault on it does (tmpfs's shmem_fault). */
	CHECK_ZEROED("shared.madv_remove_zeros", s + PG, PG);
	CHECK_FVAL("shared.hole_fault_allocates", blocks_of(fd), 32);
	CHECK_PATTERN_PART("shared.madv_remove_rest_kept", s, 2 * PG + 1, PG - 1, 11);
	munmap(s, 6 * PG);
	close(fd2);
	close(fd);
	put_pattern(path_m, FILE_LEN, 11);
}

static int mtime_moved(int fd, struct stat *last)
{
	struct stat now;
	int moved;

	if (fstat(fd, &now))
		return -1;
	moved = now.st_mtim.tv_sec != last->st_mtim.tv_sec ||
		now.st_mtim.tv_nsec != last->st_mtim.tv_nsec;
	*last = now;
	return moved;
}

/*
 * The file's times and stores through a shared mapping (tmpfs: no page_mkwrite). A store that
 * faults the page in (a write fault on an empty entry: Linux's do_shared_fault) updates mtime
 * and ctime, as write() does; a store to a page already mapped does not: one a read fault
 * mapped (writable but clean, the first store only marks the entry dirty), one already
 * written; nor does msync.
 */
static void test_times(void)
{
	unsigned char *s;
	int fd = reopen(O_RDWR);
	struct stat last;

	MUSTF("fstat", fstat(fd, &last) == 0);
	s = map(3 * PG, RW, MAP_SHARED, fd, 0);
	sleep_ms(20);
	s[0] = 1; /* the first access to the mapping: no read fault has mapped anything yet */
	CHECK_EQ("times.write_fault_moves_mtime", mtime_moved(fd, &last), 1);
	CHECK(("times.write_fault_moves_ctime"),
	      last.st_ctim.tv_sec == last.st_mtim.tv_sec &&
		      last.st_ctim.tv_nsec == last.st_mtim.tv_nsec,
	      "ctime %lld.%09ld, mtime %lld.%09ld", (long long)last.st_ctim.tv_sec,
	      (long)last.st_ctim.tv_nsec, (long long)last.st_mtim.tv_sec,
	      (long)last.st_mtim.tv_nsec);
	sleep_ms(20);
	s[2 * PG] = 2;
	CHECK_EQ("times.other_page_write_fault", mtime_moved(fd, &last), 1);
	sleep_ms(20);
	s[1] = 3;
	CHECK_EQ("times.store_to_written_page", mtime_moved(fd, &last), 0);
	CHECK_EQ("times.read_fault", s[PG + 1] + mtime_moved(fd, &last), pat(11, PG + 1));
	sleep_ms(20);
	s[PG] = 4;
	CHECK_EQ("times.store_to_read_page", mtime_moved(fd, &last), 0);
	CHECK_ZERO("times.msync", msync(s, 3 * PG, MS_SYNC));
	CHECK_EQ("times.msync_no_change", mtime_moved(fd, &last), 0);
	munmap(s, 3 * PG);
	close(fd);
	put_pattern(path_m, FILE_LEN, 11);
}

static void test_lifetimes(void)
{
	unsigned char *s, buf[4];
	int fd;
	static char path_l[300];

	/* Store, close, store, munmap: both stores are in the file. */
	fd = reopen(O_RDWR);
	s = map(PG, RW, MAP_SHARED, fd, 0);
	s[0] = 'a';
	CHECK_ZERO("life.close_first", close(fd));
	s[1] = 'b';
	CHECK_ZERO("life.munmap_after_close", munmap(s, PG));
	fd = reopen(O_RDONLY);
	CHECK_FVAL("life.reopen_read", pread(fd, buf, 2, 0), 2);
	CHECK(("life.close_then_munmap_kept"), buf[0] == 'a' && buf[1] == 'b', "got %02x %02x",
	      buf[0], buf[1]);
	close(fd);
	/* Store, munmap, close. */
	fd = reopen(O_RDWR);
	s = map(PG, RW, MAP_SHARED, fd, 0);
	s[2] = 'c';
	CHECK_ZERO("life.munmap_first", munmap(s, PG));
	CHECK_ZERO("life.close_after_munmap", close(fd));
	fd = reopen(O_RDONLY);
	s = map(PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(("life.munmap_then_close_kept"), s[0] == 'a' && s[1] == 'b' && s[2] == 'c',
	      "got %02x %02x %02x", s[0], s[1], s[2]);
	munmap(s, PG);
	close(fd);

	/* A mapping outlives its file's name and descriptor. */
	snprintf(path_l, sizeof(path_l), "%s/gone", dir);
	put_pattern(path_l, 2 * PG, 12);
	fd = open(path_l, O_RDWR);
	s = map(2 * PG, RW, MAP_SHARED, fd, 0);
	CHECK_ZERO("life.unlink_mapped", unlink(path_l));
	CHECK_ZERO("life.close_unlinked", close(fd));
	CHECK_PATTERN("life.unlinked_data", s, 2 * PG, 12);
	s[PG] = 0x5a;
	CHECK_EQ("life.unlinked_store", s[PG], 0x5a);
	CHECK_ZERO("life.munmap_unlinked", munmap(s, 2 * PG));
	put_pattern(path_m, FILE_LEN, 11);
}

static void test_modes(void)
{
	unsigned char *p;
	int ro = reopen(O_RDONLY), wo = reopen(O_WRONLY), rw = reopen(O_RDWR),
	    ap = reopen(O_RDWR | O_APPEND), dfd = open(".", O_RDONLY),
	    nfd = open("/dev/null", O_RDWR);

	CHECK_FERR("mode.shared_write_rdonly",
		   mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
	CHECK_FERR("mode.shared_write_only_rdonly", mmap(NULL, PG, PROT_WRITE, MAP_SHARED, ro, 0),
		   EACCES);
	p = check_mmap("mode.shared_read_rdonly", NULL, PG, PROT_READ, MAP_SHARED, ro, 0);
	if (p) {
		CHECK_FERR("mode.mprotect_write_rdonly_shared", mprotect(p, PG, RW), EACCES);
		munmap(p, PG);
	}
	p = check_mmap("mode.private_write_rdonly", NULL, PG, RW, MAP_PRIVATE, ro, 0);
	if (p) {
		p[0] = 1;
		CHECK_EQ("mode.private_write_rdonly.store", p[0], 1);
		munmap(p, PG);
	}
	p = check_mmap("mode.private_read_rdonly", NULL, PG, PROT_READ, MAP_PRIVATE, ro, 0);
	if (p) {
		CHECK_ZERO("mode.mprotect_write_rdonly_private", mprotect(p, PG, RW));
		munmap(p, PG);
	}
	CHECK_FERR("mode.shared_read_wronly", mmap(NULL, PG, PROT_READ, MAP_SHARED, wo, 0), EACCES);
	CHECK_FERR("mode.shared_write_wronly", mmap(NULL, PG, RW, MAP_SHARED, wo, 0), EACCES);
	CHECK_FERR("mode.private_read_wronly", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wo, 0),
		   EACCES);
	p = check_mmap("mode.shared_write_append", NULL, PG, RW, MAP_SHARED, ap, 0);
	if (p)
		munmap(p, PG);
	p = check_mmap("mode.shared_write_rdwr", NULL, PG, RW, MAP_SHARED, rw, 0);
	if (p) {
		CHECK_ZERO("mode.mprotect_none_back_rw",
			   mprotect(p, PG, PROT_NONE) || mprotect(p, PG, RW));
		munmap(p, PG);
	}
	p = check_mmap("mode.shared_none_rdonly", NULL, PG, PROT_NONE, MAP_SHARED, ro, 0);
	if (p) {
		CHECK_ZERO("mode.mprotect_read_rdonly", mprotect(p, PG, PROT_READ));
		CHECK_FERR("mode.mprotect_write_from_none", mprotect(p, PG, RW), EACCES);
		munmap(p, PG);
	}
	CHECK_FERR("mode.unaligned_offset", mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, 100), EINVAL);
	CHECK_FERR("mode.len_0", mmap(NULL, 0, PROT_READ, MAP_SHARED, rw, 0), EINVAL);
	CHECK_FERR("mode.directory", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dfd, 0), ENODEV);
	CHECK_FERR("mode.devnull", mmap(NULL, PG, PROT_READ, MAP_SHARED, nfd, 0), ENODEV);
	CHECK_FERR("mode.console", mmap(NULL, PG, PROT_READ, MAP_SHARED, 0, 0), ENODEV);
	CHECK_FERR("mode.bad_fd", mmap(NULL, PG, PROT_READ, MAP_SHARED, -1, 0), EBADF);
	CHECK_FERR("mode.closed_fd", mmap(NULL, PG, PROT_READ, MAP_SHARED, 99, 0), EBADF);
	close(ro);
	close(wo);
	close(rw);
	close(ap);
	close(dfd);
	close(nfd);
}

static void test_truncate_mapped(void)
{
	unsigned char *s, *q;
	int fd = reopen(O_RDWR);

	s = map(4 * PG, RW, MAP_SHARED, fd, 0);
	q = map(4 * PG, RW, MAP_PRIVATE, fd, 0);
	CHECK_PATTERN("trunc_map.before", s, FILE_LEN, 11);
	q[0] = 'p';	 /* a private copy of page 0 */
	q[2 * PG] = 'q'; /* and of page 2 */
	/* Shrink to one page and a bit: pages 2 and 3 leave every view, copies too. */
	CHECK_ZERO("trunc_map.shrink", ftruncate(fd, PG + 100));
	check_access("trunc_map.shared_page_0", s, 0);
	check_access("trunc_map.shared_page_1", s + PG, 0);
	check_sigbus("trunc_map.shared_cut_page", s + 2 * PG, 0);
	check_sigbus("trunc_map.shared_cut_write", s + 3 * PG + 8, 1);
	check_sigbus("trunc_map.private_cut_copy", q + 2 * PG, 0);
	CHECK_EQ("trunc_map.private_copy_kept", q[0], 'p');
	/* The tail of the new last page is cleared in the file. */
	CHECK_PATTERN("trunc_map.kept", s, PG + 100, 11);
	CHECK_ZEROED("trunc_map.tail_cleared", s + PG + 100, PG - 100);
	/* Grown again: the cut pages are zeros, not the old data. */
	CHECK_ZERO("trunc_map.grow", ftruncate(fd, 3 * PG));
	check_access("trunc_map.grown_page", s + 2 * PG, 0);
	CHECK_ZEROED("trunc_map.grown_zeros", s + 2 * PG, PG);
	check_access("trunc_map.private_grown_page", q + 2 * PG, 0);
	CHECK_ZEROED("trunc_map.private_grown_zeros", q + 2 * PG, PG);
	check_sigbus("trunc_map.still_past_eof", s + 3 * PG, 0);
	/* To zero: even page 0 leaves, with its private copy. */
	CHECK_ZERO("trunc_map.to_zero", ftruncate(fd, 0));
	check_sigbus("trunc_map.zero_page_0", s, 0);
	check_sigbus("trunc_map.zero_private_copy_0", q, 0);
	munmap(s, 4 * PG);
	munmap(q, 4 * PG);
	close(fd);
	put_pattern(path_m, FILE_LEN, 11);
}

static void test_mincore_copy(void)
{
	unsigned char vec[8], *s, *p;
	int fd = reopen(O_RDWR);

	/* mincore of a file mapping tells the page cache, touched or not; a hole is not there. */
	CHECK_ZERO("mincore.grow_hole", ftruncate(fd, 6 * PG));
	s = map(6 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK_ZERO("mincore.call", mincore(s, 6 * PG, vec));
	CHECK(("mincore.cached_untouched"),
	      (vec[0] & 1) && (vec[1] & 1) && (vec[2] & 1) && (vec[3] & 1) && !(vec[4] & 1) &&
		      !(vec[5] & 1),
	      "vec %d %d %d %d %d %d", vec[0], vec[1], vec[2], vec[3], vec[4], vec[5]);
	munmap(s, 6 * PG);
	CHECK_ZERO("mincore.shrink_back", ftruncate(fd, FILE_LEN));

	/* write() from and read() into a shared mapping of the file itself. */
	s = map(4 * PG, RW, MAP_SHARED, fd, 0);
	CHECK_FVAL("copy.write_from_own_mapping", pwrite(fd, s + PG, PG, 0), PG);
	CHECK_PATTERN_PART("copy.write_from_own_mapping.data", s - PG, PG, PG, 11);
	CHECK_FVAL("copy.read_into_own_mapping", pread(fd, s + 2 * PG, PG, PG), PG);
	CHECK_PATTERN_PART("copy.read_into_own_mapping.data", s + PG, PG, PG, 11);
	munmap(s, 4 * PG);
	put_pattern(path_m, FILE_LEN, 11);
	/* write() from a private mapping of the same file, never touched before. */
	p = map(4 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK_FVAL("copy.write_from_private_mapping", pwrite(fd, p + 2 * PG, 100, 3 * PG), 100);
	CHECK_PATTERN_PART("copy.write_from_private_mapping.data", p + PG, 2 * PG, 100, 11);
	munmap(p, 4 * PG);
	close(fd);
	put_pattern(path_m, FILE_LEN, 11);
}

/* "start-end perms offset major:minor inode " then spaces to column 49 and the name. */
static void check_maps(const char *name, const void *addr, const char *perms, unsigned long offset,
		       const struct stat *st, const char *path)
{
	char line[512], want[128], n[96];
	unsigned long lo, hi;
	size_t prefix;

	if (maps_line(addr, line, sizeof(line))) {
		t_fail(name, "no line for %p", addr);
		return;
	}
	sscanf(line, "%lx-%lx", &lo, &hi);
	prefix = (size_t)snprintf(want, sizeof(want), "%08lx-%08lx %s %08lx %02x:%02x %llu", lo, hi,
				  perms, offset, dev_major(st->st_dev), dev_minor(st->st_dev),
				  (unsigned long long)st->st_ino);
	snprintf(n, sizeof(n), "%s.fields", name);
	CHECK(n, !strncmp(line, want, prefix), "got \"%s\", expected \"%s ...\"", line, want);
	snprintf(n, sizeof(n), "%s.path_column_49", name);
	{
		size_t i = prefix;

		while (line[i] == ' ')
			i++;
		/* "inode " is padded to column 48, then one more space (seq_pad). */
		CHECK(n, i == (prefix + 1 < 48 ? 48 : prefix + 1) + 1,
		      "name at column %lu in \"%s\"", (unsigned long)i, line);
		snprintf(n, sizeof(n), "%s.path", name);
		CHECK_STR(n, line + i, path);
	}
}

static void test_maps(void)
{
	unsigned char *s, *p;
	int fd = reopen(O_RDWR);
	struct stat st;
	char deleted[300];
	static char path_x[300];

	MUSTF("fstat", fstat(fd, &st) == 0);
	s = map(2 * PG, RW, MAP_SHARED, fd, PG);
	p = map(PG, PROT_READ, MAP_PRIVATE, fd, 2 * PG);
	check_maps("maps.shared", s, "rw-s", PG, &st, path_m);
	check_maps("maps.private", p, "r--p", 2 * PG, &st, path_m);
	munmap(p, PG);
	p = map(PG, RW, MAP_PRIVATE, fd, 0);
	p[0] = 1; /* copied: still the file's line */
	check_maps("maps.private_copied", p, "rw-p", 0, &st, path_m);
	munmap(p, PG);
	munmap(s, 2 * PG);
	close(fd);

	snprintf(path_x, sizeof(path_x), "%s/doomed", dir);
	put_pattern(path_x, PG, 13);
	fd = open(path_x, O_RDWR);
	MUSTF("fstat", fstat(fd, &st) == 0);
	s = map(PG, RW, MAP_SHARED, fd, 0);
	MUSTF("unlink", unlink(path_x) == 0);
	snprintf(deleted, sizeof(deleted), "%s (deleted)", path_x);
	check_maps("maps.deleted", s, "rw-s", 0, &st, deleted);
	munmap(s, PG);
	close(fd);
}

static int run(void)
{
	dir = scratch("files_mmap");
	snprintf(path_m, sizeof(path_m), "%s/m", dir);
	put_pattern(path_m, FILE_LEN, 11);
	test_private();
	test_shared();
	test_times();
	test_lifetimes();
	test_modes();
	test_truncate_mapped();
	test_mincore_copy();
	test_maps();
	MUSTF("chdir /", chdir("/") == 0);
	remove_tree(dir);
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
