/*
 * Reading and writing (issue 14, items 3 and 4): read/write (positions, EOF, short counts at a
 * bad page, EBADF/EISDIR/EFAULT), pread64/pwrite64 (the position untouched, holes, 64-bit
 * offsets past 4 GiB through the raw calls), readv/writev (scatter and gather, iovcnt and
 * iov_len limits), lseek/_llseek (past the end, SEEK_DATA/SEEK_HOLE as tmpfs answers them,
 * EOVERFLOW of the 32-bit lseek, directories, /dev/null, the console), ftruncate/truncate
 * (grow, shrink, the tail of the last page, errors), fsync, the times write and truncate
 * change, and two open files of one inode sharing its data. Expectations are Linux 6.1's on
 * its initramfs root (tmpfs).
 */
#include "files_check.h"

#define GiB (1ULL << 30)

/* The raw 64-bit calls (ARM EABI: a 64-bit argument in an even/odd register pair). */
static long pread64_(int fd, void *buf, size_t count, unsigned long long off)
{
	return RAW(FNR_pread64, fd, buf, count, 0, (unsigned long)off, (unsigned long)(off >> 32));
}
static long pwrite64_(int fd, const void *buf, size_t count, unsigned long long off)
{
	return RAW(FNR_pwrite64, fd, buf, count, 0, (unsigned long)off, (unsigned long)(off >> 32));
}
static long llseek_(int fd, long long off, long long *result, int whence)
{
	return RAW(FNR__llseek, fd, (unsigned long)((unsigned long long)off >> 32),
		   (unsigned long)off, result, whence);
}

static void sleep_tick(void)
{
	sleep_ms(20); /* more than a tick of Linux's coarse file times (4 ms at HZ = 250) */
}

static int ts_after(struct timespec a, struct timespec b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}
static int ts_equal(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static void test_read_write(void)
{
	static char buf[16384];
	int fd, fd2, dfd;
	char *m;

	fd = CHECK_FOK("rw.open", open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK_FVAL("rw.write", write(fd, "hello, world", 12), 12);
	CHECK_FVAL("rw.pos_after_write", lseek(fd, 0, SEEK_CUR), 12);
	CHECK_FVAL("rw.read_at_eof", read(fd, buf, sizeof(buf)), 0);
	CHECK_FVAL("rw.lseek_start", lseek(fd, 0, SEEK_SET), 0);
	CHECK_FVAL("rw.read_part", read(fd, buf, 5), 5);
	CHECK(("rw.read_part.data"), !memcmp(buf, "hello", 5), "got \"%.5s\"", buf);
	CHECK_FVAL("rw.read_rest_short", read(fd, buf, sizeof(buf)), 7);
	CHECK(("rw.read_rest.data"), !memcmp(buf, ", world", 7), "got \"%.7s\"", buf);
	CHECK_FVAL("rw.read_zero_count", read(fd, buf, 0), 0);
	CHECK_FVAL("rw.write_zero_count", write(fd, buf, 0), 0);
	CHECK_FVAL("rw.read_null_zero_count", read(fd, null_ptr, 0), 0);
	/* Overwrite in the middle. */
	CHECK_FVAL("rw.overwrite", pwrite(fd, "W", 1, 7), 1);
	memset(buf, 0, 32);
	CHECK_FVAL("rw.overwrite.read", pread(fd, buf, 32, 0), 12);
	CHECK_STR("rw.overwrite.data", buf, "hello, World");

	/* A second open file of the same inode: its own position, the same data at once. */
	fd2 = CHECK_FOK("rw.second_open", open("f", O_RDWR));
	CHECK_FVAL("rw.second_open.pos", lseek(fd2, 0, SEEK_CUR), 0);
	CHECK_FVAL("rw.second_open.write", write(fd2, "J", 1), 1);
	CHECK_FVAL("rw.second_open.first_pos_kept", lseek(fd, 0, SEEK_CUR), 12);
	CHECK_FVAL("rw.second_open.seen", pread(fd, buf, 1, 0), 1);
	CHECK_EQ("rw.second_open.seen_char", buf[0], 'J');
	close(fd2);

	/* A megabyte and a bit at an odd offset, across pages, read back in odd pieces. */
	{
		static unsigned char big[(1 << 20) + 123], back[5000];
		long bad = -1;

		for (size_t i = 0; i < sizeof(big); i++)
			big[i] = pat(7, i);
		CHECK_FVAL("rw.big.write", pwrite(fd, big, sizeof(big), 777), (long)sizeof(big));
		CHECK_FVAL("rw.big.size", (lseek(fd, 0, SEEK_END)), 777 + (long)sizeof(big));
		for (size_t off = 0; off + sizeof(back) <= sizeof(big) && bad < 0; off += 40961) {
			if (pread(fd, back, sizeof(back), 777 + (off_t)off) != sizeof(back))
				bad = (long)off;
			for (size_t i = 0; i < sizeof(back) && bad < 0; i++)
				if (back[i] != pat(7, off + i))
					bad = (long)(off + i);
		}
		CHECK(("rw.big.read_back"), bad < 0, "byte %ld differs", bad);
	}

	/* Errors. */
	CHECK_FERR("rw.read_bad_fd", read(-1, buf, 1), EBADF);
	CHECK_FERR("rw.write_closed_fd", write(99, buf, 1), EBADF);
	CHECK_FERR("rw.read_null", pread(fd, null_ptr, 10, 0), EFAULT);
	CHECK_FERR("rw.write_null", pwrite(fd, null_ptr, 10, 0), EFAULT);
	dfd = CHECK_FOK("rw.open_dir", open(".", O_RDONLY));
	CHECK_FERR("rw.read_dir", read(dfd, buf, 10), EISDIR);
	CHECK_FERR("rw.pread_dir", pread(dfd, buf, 10, 0), EISDIR);
	close(dfd);

	/* A buffer whose second page cannot be used: the first page is transferred. */
	m = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	MUSTF("mprotect", mprotect(m + PG, PG, PROT_NONE) == 0);
	CHECK_FVAL("rw.read_short_at_bad_page", pread(fd, m, 2 * PG, 0), PG);
	fill(m, PG, 3);
	CHECK_FVAL("rw.write_short_at_bad_page", pwrite(fd, m, 2 * PG, 0), PG);
	CHECK_FVAL("rw.write_short.read", pread(fd, buf, PG, 0), PG);
	CHECK_PATTERN("rw.write_short.data", buf, PG, 3);
	CHECK_FERR("rw.read_all_bad", pread(fd, m + PG, PG, 0), EFAULT);
	munmap(m, 2 * PG);
	close(fd);
}

static void test_pread_pwrite(void)
{
	static char buf[8192];
	int fd;
	struct stat st;
	struct k_stat64 kst;
	long long res = 0;

	/* O_LARGEFILE: this file grows past 2 GiB (see the non-LFS checks below). */
	fd = CHECK_FOK("prw.open", open("p", O_RDWR | O_CREAT | O_TRUNC | O_LARGEFILE, 0644));
	CHECK_FVAL("prw.pwrite", pwrite(fd, "abcdef", 6, 0), 6);
	CHECK_FVAL("prw.pos_untouched", lseek(fd, 0, SEEK_CUR), 0);
	CHECK_FVAL("prw.pread", pread(fd, buf, 3, 2), 3);
	CHECK(("prw.pread.data"), !memcmp(buf, "cde", 3), "got \"%.3s\"", buf);
	CHECK_FVAL("prw.pread_pos_untouched", lseek(fd, 0, SEEK_CUR), 0);
	CHECK_FVAL("prw.pread_past_eof", pread(fd, buf, 3, 100), 0);
	/* A pwrite past the end leaves a hole that reads as zeros. */
	CHECK_FVAL("prw.pwrite_past_eof", pwrite(fd, "Z", 1, 10000), 1);
	CHECK_ZERO("prw.hole.fstat", fstat(fd, &st));
	CHECK_EQ("prw.hole.size", st.st_size, 10001);
	memset(buf, 1, sizeof(buf));
	CHECK_FVAL("prw.hole.read", pread(fd, buf, 9994, 6), 9994);
	CHECK_ZEROED("prw.hole.zeros", buf, 9994);
	CHECK_FERR("prw.pwrite_negative", pwrite(fd, "x", 1, -1), EINVAL);
	CHECK_FERR("prw.pread_negative", pread(fd, buf, 1, -4096), EINVAL);
	CHECK_FERR("prw.pread_bad_fd", pread(-1, buf, 1, 0), EBADF);

	/* 64-bit offsets: 5 GiB into a sparse file. */
	CHECK_FVAL("prw64.pwrite_5g", pwrite64_(fd, "far", 3, 5 * GiB), 3);
	CHECK_ZERO("prw64.fstat64", fstat64_(fd, &kst));
	CHECK_FVAL("prw64.size", kst.st_size, (long long)(5 * GiB + 3));
	CHECK_FVAL("prw64.blocks_sparse", kst.st_blocks, 24); /* pages 0, 2 and the one at 5 GiB */
	memset(buf, 0, 8);
	CHECK_FVAL("prw64.pread_5g", pread64_(fd, buf, 8, 5 * GiB), 3);
	CHECK(("prw64.pread_5g.data"), !memcmp(buf, "far", 3), "got \"%.3s\"", buf);
	CHECK_FVAL("prw64.pread_4g_hole", pread64_(fd, buf, 8, 4 * GiB), 8);
	CHECK_ZEROED("prw64.pread_4g_hole.zeros", buf, 8);
	CHECK_ZERO("prw64.llseek_end", llseek_(fd, 0, &res, SEEK_END));
	CHECK_FVAL("prw64.llseek_end.result", res, (long long)(5 * GiB + 3));
	/* The old lseek cannot say 5 GiB: EOVERFLOW, with the position moved all the same. */
	CHECK_FERR("prw64.lseek32_overflow", RAW(FNR_lseek, fd, 0, SEEK_END), EOVERFLOW);
	CHECK_ZERO("prw64.llseek_cur", llseek_(fd, 0, &res, SEEK_CUR));
	CHECK_FVAL("prw64.overflow_moved_pos", res, (long long)(5 * GiB + 3));
	CHECK_ZERO("prw64.llseek_set", llseek_(fd, (long long)(4 * GiB + 1), &res, SEEK_SET));
	CHECK_FVAL("prw64.llseek_set.result", res, (long long)(4 * GiB + 1));
	CHECK_FERR("prw64.llseek_negative", llseek_(fd, -1, &res, SEEK_SET), EINVAL);
	CHECK_FERR("prw64.llseek_bad_whence", llseek_(fd, 0, &res, 7), EINVAL);
	CHECK_FERR("prw64.llseek_efault", llseek_(fd, 0, NULL, SEEK_SET), EFAULT);
	close(fd);

	/*
	 * Without O_LARGEFILE (a 32-bit off_t program: the raw open, since glibc always adds the
	 * flag), Linux keeps writes below 2 GiB - 1: one at 2^31 - 1 or beyond is EFBIG, one that
	 * crosses it is cut short. Opening a bigger file that way works on 6.1's tmpfs (it has no
	 * generic_file_open check, whose EOVERFLOW other file systems give).
	 */
	fd = CHECK_FOK("nonlfs.open_big_file", RAW(FNR_open, "p", K_O_RDWR));
	close(fd);
	fd = CHECK_FOK("nonlfs.open", RAW(FNR_open, "q", K_O_RDWR | K_O_CREAT | K_O_TRUNC, 0644));
	CHECK_FVAL("nonlfs.fcntl_no_largefile", fcntl(fd, F_GETFL) & K_O_LARGEFILE, 0);
	CHECK_FVAL("nonlfs.pwrite_crossing_2g", pwrite64_(fd, "abc", 3, 0x7ffffffeULL), 1);
	CHECK_FERR("nonlfs.pwrite_at_2g", pwrite64_(fd, "abc", 3, 0x7fffffffULL), EFBIG);
	CHECK_FERR("nonlfs.pwrite_5g", pwrite64_(fd, "abc", 3, 5 * GiB), EFBIG);
	close(fd);
}

static void test_readv_writev(void)
{
	char a[2], b[4], c[10], big[4];
	struct iovec iov[3];
	int fd;

	fd = CHECK_FOK("iov.open", open("v", O_RDWR | O_CREAT | O_TRUNC, 0644));
	iov[0] = (struct iovec){(void *)"abc", 3};
	iov[1] = (struct iovec){NULL, 0};
	iov[2] = (struct iovec){(void *)"defgh", 5};
	CHECK_FVAL("iov.writev", writev(fd, iov, 3), 8);
	CHECK_FVAL("iov.writev.pos", lseek(fd, 0, SEEK_CUR), 8);
	CHECK_FVAL("iov.lseek", lseek(fd, 0, SEEK_SET), 0);
	memset(c, 0, sizeof(c));
	iov[0] = (struct iovec){a, sizeof(a)};
	iov[1] = (struct iovec){b, sizeof(b)};
	iov[2] = (struct iovec){c, sizeof(c)};
	CHECK_FVAL("iov.readv_short", readv(fd, iov, 3), 8);
	CHECK(("iov.readv.data"),
	      !memcmp(a, "ab", 2) && !memcmp(b, "cdef", 4) && !memcmp(c, "gh", 3),
	      "got \"%.2s\" \"%.4s\" \"%s\"", a, b, c);
	CHECK_FVAL("iov.readv_eof", readv(fd, iov, 3), 0);
	CHECK_FVAL("iov.iovcnt_0", readv(fd, iov, 0), 0);
	CHECK_FERR("iov.iovcnt_negative", readv(fd, iov, -1), EINVAL);
	{
		static struct iovec many[1025];

		for (int i = 0; i < 1025; i++)
			many[i] = (struct iovec){big, 1};
		lseek(fd, 0, SEEK_SET);
		CHECK_FVAL("iov.iovcnt_1024", writev(fd, many, 1024), 1024);
		CHECK_FERR("iov.iovcnt_1025", writev(fd, many, 1025), EINVAL);
	}
	iov[0] = (struct iovec){big, (size_t)1 << 31};
	CHECK_FERR("iov.len_negative", writev(fd, iov, 1), EINVAL);
	CHECK_FERR("iov.null_array", readv(fd, null_ptr, 1), EFAULT);
	iov[0] = (struct iovec){null_ptr, 4};
	lseek(fd, 0, SEEK_SET);
	CHECK_FERR("iov.null_base", readv(fd, iov, 1), EFAULT);
	/* The first vector is transferred when the second's buffer is bad. */
	iov[0] = (struct iovec){a, 2};
	iov[1] = (struct iovec){null_ptr, 4};
	lseek(fd, 0, SEEK_SET);
	CHECK_FVAL("iov.second_bad", readv(fd, iov, 2), 2);
	CHECK_FERR("iov.bad_fd", writev(-1, iov, 1), EBADF);
	close(fd);
}

static void test_lseek(void)
{
	int fd, dfd, nfd;
	char c = 1;

	fd = CHECK_FOK("lseek.open", open("s", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK_FVAL("lseek.write", write(fd, "0123456789", 10), 10);
	CHECK_FVAL("lseek.set", lseek(fd, 3, SEEK_SET), 3);
	CHECK_FVAL("lseek.cur", lseek(fd, 2, SEEK_CUR), 5);
	CHECK_FVAL("lseek.cur_back", lseek(fd, -4, SEEK_CUR), 1);
	CHECK_FVAL("lseek.end", lseek(fd, 0, SEEK_END), 10);
	CHECK_FVAL("lseek.end_back", lseek(fd, -3, SEEK_END), 7);
	CHECK_FERR("lseek.before_start", lseek(fd, -11, SEEK_END), EINVAL);
	CHECK_FVAL("lseek.failed_kept_pos", lseek(fd, 0, SEEK_CUR), 7);
	CHECK_FERR("lseek.bad_whence", lseek(fd, 0, 5), EINVAL);
	CHECK_FERR("lseek.bad_fd", lseek(-1, 0, SEEK_SET), EBADF);
	/* Past the end: allowed; reading there gives 0; writing there leaves a hole. */
	CHECK_FVAL("lseek.past_end", lseek(fd, 3 * PG, SEEK_SET), 3 * PG);
	CHECK_FVAL("lseek.past_end.read", read(fd, &c, 1), 0);
	CHECK_FVAL("lseek.past_end.size_unchanged", size_of("s"), 10);
	CHECK_FVAL("lseek.past_end.write", write(fd, "E", 1), 1);
	CHECK_FVAL("lseek.past_end.size", size_of("s"), 3 * PG + 1);
	CHECK_FVAL("lseek.hole.read", pread(fd, &c, 1, 2 * PG), 1);
	CHECK_EQ("lseek.hole.zero", c, 0);

	/*
	 * SEEK_DATA and SEEK_HOLE as tmpfs answers them: data is the pages that exist, the page
	 * in the middle that was never written is a hole, and the end of the file is a hole.
	 * Offsets at or past the end are ENXIO.
	 */
	CHECK_FVAL("lseek.data_0", lseek(fd, 0, SEEK_DATA), 0);
	CHECK_FVAL("lseek.hole_0", lseek(fd, 0, SEEK_HOLE), PG);
	CHECK_FVAL("lseek.data_in_hole", lseek(fd, PG + 5, SEEK_DATA), 3 * PG);
	CHECK_FVAL("lseek.hole_in_hole", lseek(fd, PG + 5, SEEK_HOLE), PG + 5);
	CHECK_FVAL("lseek.hole_last_page", lseek(fd, 3 * PG, SEEK_HOLE), 3 * PG + 1);
	CHECK_FERR("lseek.data_at_eof", lseek(fd, 3 * PG + 1, SEEK_DATA), ENXIO);
	CHECK_FERR("lseek.hole_at_eof", lseek(fd, 3 * PG + 1, SEEK_HOLE), ENXIO);
	CHECK_FERR("lseek.data_negative", lseek(fd, -1, SEEK_DATA), ENXIO);
	CHECK_FVAL("lseek.failed_data_kept_pos", lseek(fd, 0, SEEK_CUR), 3 * PG + 1);
	/* A read of the hole allocates nothing: still a hole. */
	CHECK_FVAL("lseek.hole_after_read", lseek(fd, PG, SEEK_HOLE), PG);
	/* ftruncate past the end: a hole up to the new end. */
	CHECK_ZERO("lseek.grow", ftruncate(fd, 6 * PG));
	CHECK_FVAL("lseek.data_after_grow", lseek(fd, 3 * PG + 10, SEEK_DATA), 3 * PG + 10);
	CHECK_FVAL("lseek.hole_after_grow", lseek(fd, 3 * PG + 10, SEEK_HOLE), 4 * PG);
	CHECK_FERR("lseek.data_in_tail_hole", lseek(fd, 4 * PG, SEEK_DATA), ENXIO);
	close(fd);

	/* Directories: SEEK_SET and SEEK_CUR; SEEK_END is EINVAL (tmpfs's dcache_dir_lseek). */
	dfd = CHECK_FOK("lseek.dir_open", open(".", O_RDONLY | O_DIRECTORY));
	CHECK_FVAL("lseek.dir_set", lseek(dfd, 0, SEEK_SET), 0);
	CHECK_FVAL("lseek.dir_cur", lseek(dfd, 0, SEEK_CUR), 0);
	CHECK_FERR("lseek.dir_end", lseek(dfd, 0, SEEK_END), EINVAL);
	close(dfd);
	/* /dev/null seeks to 0 whatever it is asked; the console cannot seek. */
	nfd = CHECK_FOK("lseek.devnull_open", open("/dev/null", O_RDWR));
	CHECK_FVAL("lseek.devnull", lseek(nfd, 100, SEEK_SET), 0);
	CHECK_FVAL("lseek.devnull_end", lseek(nfd, -5, SEEK_END), 0);
	close(nfd);
	CHECK_FERR("lseek.console", lseek(0, 0, SEEK_CUR), ESPIPE);
}

static void test_truncate(void)
{
	static char buf[3 * 4096];
	int fd, rfd, dfd;
	struct stat st;

	put_pattern("t", 3 * PG, 5);
	fd = CHECK_FOK("trunc.open", open("t", O_RDWR));
	CHECK_FVAL("trunc.pos", lseek(fd, 2 * PG, SEEK_SET), 2 * PG);
	CHECK_ZERO("trunc.blocks_before", fstat(fd, &st));
	CHECK_EQ("trunc.blocks_3_pages", st.st_blocks, 24);
	/* Shrink into the middle of a page: the rest of that page reads as zeros once regrown. */
	CHECK_ZERO("trunc.shrink", ftruncate(fd, PG + 100));
	CHECK_ZERO("trunc.shrink.fstat", fstat(fd, &st));
	CHECK_EQ("trunc.shrink.size", st.st_size, PG + 100);
	CHECK_EQ("trunc.shrink.blocks", st.st_blocks, 16);
	CHECK_FVAL("trunc.shrink.pos_kept", lseek(fd, 0, SEEK_CUR), 2 * PG);
	CHECK_FVAL("trunc.shrink.read_at_pos", read(fd, buf, 10), 0);
	CHECK_ZERO("trunc.grow", ftruncate(fd, 3 * PG));
	CHECK_ZERO("trunc.grow.fstat", fstat(fd, &st));
	CHECK_EQ("trunc.grow.size", st.st_size, 3 * PG);
	CHECK_EQ("trunc.grow.blocks", st.st_blocks, 16);
	CHECK_FVAL("trunc.grow.read", pread(fd, buf, 3 * PG, 0), 3 * PG);
	CHECK_PATTERN("trunc.grow.kept", buf, PG + 100, 5);
	CHECK_ZEROED("trunc.grow.zeros", buf + PG + 100, 2 * PG - 100);
	/* Writing at the old position after a shrink leaves a hole before it. */
	CHECK_ZERO("trunc.to_zero", ftruncate(fd, 0));
	CHECK_ZERO("trunc.to_zero.fstat", fstat(fd, &st));
	CHECK_EQ("trunc.to_zero.blocks", st.st_blocks, 0);
	CHECK_FVAL("trunc.write_at_old_pos", write(fd, "x", 1), 1);
	CHECK_FVAL("trunc.write_at_old_pos.size", size_of("t"), 2 * PG + 1);
	/* truncate by name. */
	CHECK_ZERO("trunc.path", truncate("t", 10));
	CHECK_FVAL("trunc.path.size", size_of("t"), 10);
	CHECK_ZERO("trunc.path_grow", truncate("t", 5 * PG));
	CHECK_FVAL("trunc.path_grow.size", size_of("t"), 5 * PG);
	/* Errors. */
	CHECK_FERR("trunc.negative", ftruncate(fd, -1), EINVAL);
	CHECK_FERR("trunc.path_negative", truncate("t", -1), EINVAL);
	CHECK_FERR("trunc.bad_fd", ftruncate(-1, 0), EBADF);
	rfd = CHECK_FOK("trunc.open_rdonly", open("t", O_RDONLY));
	CHECK_FERR("trunc.rdonly_fd", ftruncate(rfd, 0), EINVAL);
	close(rfd);
	dfd = CHECK_FOK("trunc.open_dir", open(".", O_RDONLY));
	CHECK_FERR("trunc.dir_fd", ftruncate(dfd, 0), EINVAL);
	close(dfd);
	CHECK_FERR("trunc.path_dir", truncate(".", 0), EISDIR);
	CHECK_FERR("trunc.path_missing", truncate("missing", 0), ENOENT);
	CHECK_FERR("trunc.path_through_file", truncate("t/x", 0), ENOTDIR);
	CHECK_FERR("trunc.path_empty", truncate("", 0), ENOENT);
	close(fd);
}

static void test_fsync(void)
{
	int fd, dfd, nfd;

	fd = CHECK_FOK("fsync.open", open("y", O_RDWR | O_CREAT, 0644));
	CHECK_FVAL("fsync.write", write(fd, "data", 4), 4);
	CHECK_ZERO("fsync.file", fsync(fd));
	close(fd);
	fd = CHECK_FOK("fsync.open_rdonly", open("y", O_RDONLY));
	CHECK_ZERO("fsync.rdonly", fsync(fd));
	close(fd);
	dfd = CHECK_FOK("fsync.open_dir", open(".", O_RDONLY));
	CHECK_ZERO("fsync.dir", fsync(dfd));
	close(dfd);
	CHECK_FERR("fsync.bad_fd", fsync(-1), EBADF);
	/* A character device without an fsync operation. */
	nfd = CHECK_FOK("fsync.devnull_open", open("/dev/null", O_WRONLY));
	CHECK_FERR("fsync.devnull", fsync(nfd), EINVAL);
	close(nfd);
}

static void test_times(void)
{
	struct stat a, b;
	struct timespec before;
	char c;
	int fd;

	clock_gettime(CLOCK_REALTIME, &before);
	before.tv_sec -= 1; /* the file system's clock may be a tick behind */
	fd = CHECK_FOK("times.open", open("tm", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK_ZERO("times.fstat", fstat(fd, &a));
	CHECK(("times.creation_now"), ts_after(a.st_mtim, before) && ts_after(a.st_ctim, before),
	      "mtime %lld ctime %lld, now %lld", (long long)a.st_mtim.tv_sec,
	      (long long)a.st_ctim.tv_sec, (long long)before.tv_sec + 1);
	sleep_tick();
	CHECK_FVAL("times.write", write(fd, "x", 1), 1);
	CHECK_ZERO("times.fstat_after_write", fstat(fd, &b));
	CHECK(("times.write_mtime"), ts_after(b.st_mtim, a.st_mtim), "mtime did not move");
	CHECK(("times.write_ctime"), ts_after(b.st_ctim, a.st_ctim), "ctime did not move");
	a = b;
	sleep_tick();
	CHECK_FVAL("times.read", pread(fd, &c, 1, 0), 1);
	CHECK_FVAL("times.write_zero", write(fd, &c, 0), 0);
	CHECK_ZERO("times.fstat_after_read", fstat(fd, &b));
	CHECK(("times.read_no_mtime"), ts_equal(b.st_mtim, a.st_mtim), "mtime moved");
	CHECK(("times.write_zero_no_mtime"), ts_equal(b.st_ctim, a.st_ctim), "ctime moved");
	sleep_tick();
	/* ftruncate and truncate set both times even when the size stays (Linux 6.1's tmpfs). */
	CHECK_ZERO("times.ftruncate_same", ftruncate(fd, 1));
	CHECK_ZERO("times.fstat_after_ftruncate", fstat(fd, &b));
	CHECK(("times.ftruncate_same_mtime"), ts_after(b.st_mtim, a.st_mtim), "mtime did not move");
	a = b;
	sleep_tick();
	CHECK_ZERO("times.truncate_same", truncate("tm", 1));
	CHECK_ZERO("times.fstat_after_truncate", fstat(fd, &b));
	CHECK(("times.truncate_same_mtime"), ts_after(b.st_mtim, a.st_mtim), "mtime did not move");
	CHECK(("times.truncate_same_ctime"), ts_after(b.st_ctim, a.st_ctim), "ctime did not move");
	a = b;
	sleep_tick();
	CHECK_ZERO("times.truncate_grow", truncate("tm", 2));
	CHECK_ZERO("times.fstat_after_truncate_grow", fstat(fd, &b));
	CHECK(("times.truncate_grow_mtime"), ts_after(b.st_mtim, a.st_mtim), "mtime did not move");
	close(fd);
}

static int run(void)
{
	const char *dir = scratch("files_rw");

	test_read_write();
	test_pread_pwrite();
	test_readv_writev();
	test_lseek();
	test_truncate();
	test_fsync();
	test_times();
	MUSTF("chdir /", chdir("/") == 0);
	remove_tree(dir);
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
