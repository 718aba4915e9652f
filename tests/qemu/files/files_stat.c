/*
 * What stat says (issue 14, item 3): fstat/stat/lstat/statx on regular files, directories,
 * symlinks, /proc and /dev, with the values a tmpfs gives (Linux 6.1's initramfs root):
 * st_mode with the umask applied, st_size (a directory's is 40 + 20 per entry, a symlink's the
 * length of its target), st_nlink (2 + subdirectories for a directory, 0 for an open unlinked
 * file), st_blocks (8 per page that holds data: holes cost nothing), st_blksize 4096, inode
 * numbers, st_dev (one per file system), st_rdev of devices; statx's mask, fields and flags
 * (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, dirfd) and its errors; the errors of the stat calls.
 */
#include "files_check.h"

static struct stat st_of(const char *path)
{
	struct stat st;

	memset(&st, 0xff, sizeof(st));
	if (lstat(path, &st))
		printf("note: lstat(%s) failed: %s\n", path, ferr(errno));
	return st;
}

static void test_regular(void)
{
	struct stat st, dst;
	int fd;

	fd = CHECK_FOK("reg.open", open("f", O_RDWR | O_CREAT | O_TRUNC, 0640));
	CHECK_ZERO("reg.fstat", fstat(fd, &st));
	CHECK_MODE("reg.mode", st.st_mode, S_IFREG | 0640);
	CHECK_EQ("reg.size_empty", st.st_size, 0);
	CHECK_EQ("reg.blocks_empty", st.st_blocks, 0);
	CHECK_EQ("reg.nlink", st.st_nlink, 1);
	CHECK_EQ("reg.uid", st.st_uid, 0);
	CHECK_EQ("reg.gid", st.st_gid, 0);
	CHECK_EQ("reg.blksize", st.st_blksize, 4096);
	CHECK_EQ("reg.rdev", st.st_rdev, 0);
	CHECK(("reg.ino"), st.st_ino != 0, "st_ino 0");
	CHECK_ZERO("reg.stat_dir", stat(".", &dst));
	CHECK_EQ("reg.dev_is_dirs", st.st_dev, dst.st_dev);

	/* st_blocks counts 512-byte blocks of the pages that hold data. */
	CHECK_FVAL("reg.write_1", write(fd, "x", 1), 1);
	CHECK_FVAL("reg.blocks_1_byte", blocks_of(fd), 8);
	CHECK_FVAL("reg.write_page", pwrite(fd, "y", 1, PG), 1);
	CHECK_FVAL("reg.blocks_2_pages", blocks_of(fd), 16);
	CHECK_ZERO("reg.truncate_1m", ftruncate(fd, 1 << 20));
	CHECK_FVAL("reg.blocks_after_grow", blocks_of(fd), 16);
	CHECK_FVAL("reg.write_last_byte", pwrite(fd, "z", 1, (1 << 20) - 1), 1);
	CHECK_FVAL("reg.blocks_sparse", blocks_of(fd), 24);
	CHECK_ZERO("reg.fstat_sparse", fstat(fd, &st));
	CHECK_EQ("reg.size_sparse", st.st_size, 1 << 20);

	/* stat and fstat agree; another file has another inode. */
	{
		struct stat a, b;

		CHECK_ZERO("reg.stat", stat("f", &a));
		CHECK(("reg.stat_same_inode"), a.st_ino == st.st_ino && a.st_dev == st.st_dev,
		      "ino %llu vs %llu", (unsigned long long)a.st_ino,
		      (unsigned long long)st.st_ino);
		CHECK(("reg.stat_same_fields"),
		      a.st_size == st.st_size && a.st_blocks == st.st_blocks &&
			      a.st_mode == st.st_mode && a.st_mtim.tv_sec == st.st_mtim.tv_sec &&
			      a.st_mtim.tv_nsec == st.st_mtim.tv_nsec,
		      "stat and fstat differ");
		put_file("g", "", 0, 0644);
		CHECK_ZERO("reg.stat_other", stat("g", &b));
		CHECK(("reg.other_inode"), b.st_ino != a.st_ino, "both %llu",
		      (unsigned long long)b.st_ino);
	}

	/* Unlinked while open: nlink 0, the rest as before. */
	CHECK_ZERO("reg.unlink_open", unlink("f"));
	CHECK_ZERO("reg.fstat_unlinked", fstat(fd, &st));
	CHECK_EQ("reg.nlink_unlinked", st.st_nlink, 0);
	CHECK_EQ("reg.size_unlinked", st.st_size, 1 << 20);
	close(fd);

	/* A 5 GiB sparse file (raw calls: the C library's off_t may be 32-bit): a 64-bit st_size
	 * and no blocks. */
	fd = CHECK_FOK("reg.open_big", open("big", O_RDWR | O_CREAT | O_TRUNC | O_LARGEFILE, 0644));
	CHECK_ZERO("reg.ftruncate64_5g", ftruncate64_(fd, 5LL << 30));
	{
		struct k_stat64 kst;

		CHECK_ZERO("reg.fstat64_5g", fstat64_(fd, &kst));
		CHECK_FVAL("reg.size_5g", kst.st_size, 5LL << 30);
		CHECK_EQ("reg.blocks_5g", kst.st_blocks, 0);
	}
	close(fd);
	CHECK_ZERO("reg.unlink_big", unlink("big"));
}

static void test_dirs_links(void)
{
	struct stat st, root, rootdotdot;

	MUSTF("mkdir d", mkdir("d", 0777) == 0);
	st = st_of("d");
	CHECK_MODE("dir.mode", st.st_mode, S_IFDIR | 0755);
	CHECK_EQ("dir.nlink_empty", st.st_nlink, 2);
	CHECK_EQ("dir.size_empty", st.st_size, 40);
	CHECK_EQ("dir.blocks", st.st_blocks, 0);
	CHECK_EQ("dir.blksize", st.st_blksize, 4096);
	put_file("d/a", "", 0, 0644);
	CHECK_EQ("dir.size_1_entry", st_of("d").st_size, 60);
	CHECK_EQ("dir.nlink_file_entry", st_of("d").st_nlink, 2);
	MUSTF("mkdir d/s", mkdir("d/s", 0755) == 0);
	CHECK_EQ("dir.size_2_entries", st_of("d").st_size, 80);
	CHECK_EQ("dir.nlink_subdir", st_of("d").st_nlink, 3);
	MUSTF("symlink", symlink("a", "d/l") == 0);
	CHECK_EQ("dir.size_3_entries", st_of("d").st_size, 100);
	CHECK_EQ("dir.nlink_symlink_entry", st_of("d").st_nlink, 3);
	MUSTF("rmdir d/s", rmdir("d/s") == 0);
	CHECK_EQ("dir.size_after_rmdir", st_of("d").st_size, 80);
	CHECK_EQ("dir.nlink_after_rmdir", st_of("d").st_nlink, 2);
	MUSTF("unlink d/a", unlink("d/a") == 0);
	CHECK_EQ("dir.size_after_unlink", st_of("d").st_size, 60);
	CHECK_EQ("dir.dot_same_inode", st_of("d/.").st_ino, st_of("d").st_ino);
	CHECK_EQ("dir.dotdot_is_parent", st_of("d/..").st_ino, st_of(".").st_ino);
	CHECK_ZERO("dir.stat_root", stat("/", &root));
	CHECK_ZERO("dir.stat_root_dotdot", stat("/..", &rootdotdot));
	CHECK(("dir.root_dotdot_is_root"),
	      root.st_ino == rootdotdot.st_ino && root.st_dev == rootdotdot.st_dev,
	      "ino %llu vs %llu", (unsigned long long)root.st_ino,
	      (unsigned long long)rootdotdot.st_ino);
	CHECK(("dir.root_is_dir"), S_ISDIR(root.st_mode), "mode 0%o", (unsigned)root.st_mode);

	/* Symlinks: lstat sees the link, stat its target. */
	st = st_of("d/l");
	CHECK_MODE("link.mode", st.st_mode, S_IFLNK | 0777);
	CHECK_EQ("link.size", st.st_size, 1);
	CHECK_EQ("link.nlink", st.st_nlink, 1);
	CHECK_EQ("link.blocks_short", st.st_blocks, 0);
	CHECK_FERR("link.stat_dangling", stat("d/l", &st), ENOENT);
	put_file("d/a", "abc", 3, 0600);
	CHECK_ZERO("link.stat_target", stat("d/l", &st));
	CHECK_MODE("link.stat_target.mode", st.st_mode, S_IFREG | 0600);
	CHECK_EQ("link.stat_target.size", st.st_size, 3);
	CHECK_EQ("link.stat_target.ino", st.st_ino, st_of("d/a").st_ino);
	MUSTF("symlink long",
	      symlink("/a/long/target/path/that/is/forty/bytes!", "d/ll") == 0); /* 40 bytes */
	CHECK_EQ("link.size_long", st_of("d/ll").st_size, 40);
	MUSTF("symlink loop", symlink("loop", "d/loop") == 0);
	CHECK_FERR("link.stat_loop", stat("d/loop", &st), ELOOP);
	CHECK_ZERO("link.lstat_loop", lstat("d/loop", &st));
}

static void test_special(void)
{
	struct stat st, root;

	CHECK_ZERO("special.stat_root", stat("/", &root));
	CHECK_ZERO("special.stat_proc", stat("/proc", &st));
	CHECK(("special.proc_is_dir"), S_ISDIR(st.st_mode), "mode 0%o", (unsigned)st.st_mode);
	CHECK(("special.proc_own_dev"), st.st_dev != root.st_dev, "the same st_dev as /");
	CHECK_ZERO("special.stat_maps", stat("/proc/self/maps", &st));
	CHECK_MODE("special.maps_mode", st.st_mode, S_IFREG | 0444);
	CHECK_EQ("special.maps_size", st.st_size, 0);
	CHECK_ZERO("special.lstat_proc_self", lstat("/proc/self", &st));
	CHECK(("special.proc_self_is_link"), S_ISLNK(st.st_mode), "mode 0%o", (unsigned)st.st_mode);
	CHECK_ZERO("special.stat_devnull", stat("/dev/null", &st));
	CHECK(("special.devnull_is_chr"), S_ISCHR(st.st_mode), "mode 0%o", (unsigned)st.st_mode);
	CHECK(("special.devnull_rdev"), dev_major(st.st_rdev) == 1 && dev_minor(st.st_rdev) == 3,
	      "rdev %u:%u", dev_major(st.st_rdev), dev_minor(st.st_rdev));
	CHECK_EQ("special.devnull_size", st.st_size, 0);
	CHECK_ZERO("special.stat_console", stat("/dev/console", &st));
	CHECK(("special.console_rdev"),
	      S_ISCHR(st.st_mode) && dev_major(st.st_rdev) == 5 && dev_minor(st.st_rdev) == 1,
	      "mode 0%o rdev %u:%u", (unsigned)st.st_mode, dev_major(st.st_rdev),
	      dev_minor(st.st_rdev));
	need_dev("/dev/zero", 1, 5);
	need_dev("/dev/urandom", 1, 9);
	CHECK_ZERO("special.stat_devzero", stat("/dev/zero", &st));
	CHECK(("special.devzero_rdev"),
	      S_ISCHR(st.st_mode) && dev_major(st.st_rdev) == 1 && dev_minor(st.st_rdev) == 5,
	      "mode 0%o rdev %u:%u", (unsigned)st.st_mode, dev_major(st.st_rdev),
	      dev_minor(st.st_rdev));
	CHECK_ZERO("special.stat_urandom", stat("/dev/urandom", &st));
	CHECK(("special.urandom_rdev"),
	      S_ISCHR(st.st_mode) && dev_major(st.st_rdev) == 1 && dev_minor(st.st_rdev) == 9,
	      "mode 0%o rdev %u:%u", (unsigned)st.st_mode, dev_major(st.st_rdev),
	      dev_minor(st.st_rdev));
	{
		unsigned char r1[64], r2[64];
		int fd = CHECK_FOK("special.urandom_open", open("/dev/urandom", O_RDONLY));

		CHECK_FVAL("special.urandom_read", read(fd, r1, sizeof(r1)), sizeof(r1));
		CHECK_FVAL("special.urandom_read_again", read(fd, r2, sizeof(r2)), sizeof(r2));
		CHECK(("special.urandom_differs"), memcmp(r1, r2, sizeof(r1)), "the same 64 bytes");
		CHECK(("special.urandom_not_zero"), nonzero(r1, sizeof(r1)) >= 0, "all zeros");
		close(fd);
	}
	CHECK_ZERO("special.fstat_stdout", fstat(1, &st));
	CHECK(("special.stdout_is_console"),
	      S_ISCHR(st.st_mode) && dev_major(st.st_rdev) == 5 && dev_minor(st.st_rdev) == 1,
	      "mode 0%o rdev %u:%u", (unsigned)st.st_mode, dev_major(st.st_rdev),
	      dev_minor(st.st_rdev));
}

static void test_errors(void)
{
	struct stat st;
	static char name[300];

	CHECK_FERR("err.stat_missing", stat("missing", &st), ENOENT);
	CHECK_FERR("err.lstat_missing", lstat("missing", &st), ENOENT);
	CHECK_FERR("err.stat_empty", stat("", &st), ENOENT);
	CHECK_FERR("err.stat_through_file", stat("g/x", &st), ENOTDIR);
	CHECK_FERR("err.stat_trailing_slash_file", stat("g/", &st), ENOTDIR);
	CHECK_FERR("err.lstat_trailing_slash_file", lstat("g/", &st), ENOTDIR);
	CHECK_FERR("err.stat_null_path", stat(null_ptr, &st), EFAULT);
	/* A bad buffer, through the raw calls (glibc's 32-bit stat fills the caller's buffer
	 * itself from a statx, and would fault there). */
	CHECK_FERR("err.stat64_null_buf", RAW(FNR_stat64, "g", null_ptr), EFAULT);
	CHECK_FERR("err.lstat64_null_buf", RAW(FNR_lstat64, "g", null_ptr), EFAULT);
	CHECK_FERR("err.fstat64_null_buf", RAW(FNR_fstat64, 0, null_ptr), EFAULT);
	CHECK_FERR("err.fstat_bad_fd", fstat(-1, &st), EBADF);
	CHECK_FERR("err.fstat_closed_fd", fstat(99, &st), EBADF);
	memset(name, 'n', 256);
	CHECK_FERR("err.stat_name_256", stat(name, &st), ENAMETOOLONG);
	/* A trailing slash on a symlink to a directory follows it, even for lstat. */
	MUSTF("symlink to dir", symlink("d", "ld") == 0);
	CHECK_ZERO("err.lstat_link_slash", lstat("ld/", &st));
	CHECK(("err.lstat_link_slash_is_dir"), S_ISDIR(st.st_mode), "mode 0%o",
	      (unsigned)st.st_mode);
}

static void test_statx(void)
{
	struct statx x;
	struct stat st;
	struct timespec before;
	int fd, dfd;

	clock_gettime(CLOCK_REALTIME, &before);
	fd = CHECK_FOK("statx.open", open("x", O_RDWR | O_CREAT | O_TRUNC, 0604));
	CHECK_FVAL("statx.write", write(fd, "12345", 5), 5);
	CHECK_ZERO("statx.fstat", fstat(fd, &st));
	memset(&x, 0xff, sizeof(x));
	CHECK_ZERO("statx.path", statx(AT_FDCWD, "x", 0, STATX_BASIC_STATS, &x));
	CHECK_EQ("statx.mask_basic", x.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	CHECK_MODE("statx.mode", x.stx_mode, S_IFREG | 0604);
	CHECK_EQ("statx.size", x.stx_size, 5);
	CHECK_EQ("statx.blocks", x.stx_blocks, 8);
	CHECK_EQ("statx.nlink", x.stx_nlink, 1);
	CHECK_EQ("statx.uid", x.stx_uid, 0);
	CHECK_EQ("statx.gid", x.stx_gid, 0);
	CHECK_EQ("statx.blksize", x.stx_blksize, 4096);
	CHECK(("statx.ino"), x.stx_ino == st.st_ino, "%llu vs %llu", (unsigned long long)x.stx_ino,
	      (unsigned long long)st.st_ino);
	CHECK(("statx.dev"),
	      x.stx_dev_major == dev_major(st.st_dev) && x.stx_dev_minor == dev_minor(st.st_dev),
	      "%u:%u vs %u:%u", x.stx_dev_major, x.stx_dev_minor, dev_major(st.st_dev),
	      dev_minor(st.st_dev));
	CHECK(("statx.rdev"), x.stx_rdev_major == 0 && x.stx_rdev_minor == 0, "%u:%u",
	      x.stx_rdev_major, x.stx_rdev_minor);
	CHECK(("statx.mtime"),
	      x.stx_mtime.tv_sec == st.st_mtim.tv_sec &&
		      x.stx_mtime.tv_nsec == (unsigned)st.st_mtim.tv_nsec,
	      "%lld.%09u vs %lld.%09ld", (long long)x.stx_mtime.tv_sec, x.stx_mtime.tv_nsec,
	      (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	CHECK(("statx.ctime"),
	      x.stx_ctime.tv_sec == st.st_ctim.tv_sec &&
		      x.stx_ctime.tv_nsec == (unsigned)st.st_ctim.tv_nsec,
	      "%lld vs %lld", (long long)x.stx_ctime.tv_sec, (long long)st.st_ctim.tv_sec);
	/* Basic stats come whatever is asked, even nothing. */
	memset(&x, 0, sizeof(x));
	CHECK_ZERO("statx.mask_0", statx(AT_FDCWD, "x", 0, 0, &x));
	CHECK_EQ("statx.mask_0_basic", x.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	CHECK_EQ("statx.mask_0_size", x.stx_size, 5);
	/* The birth time, when asked for: the creation's, kept by later writes. */
	memset(&x, 0, sizeof(x));
	CHECK_ZERO("statx.btime", statx(AT_FDCWD, "x", 0, STATX_BASIC_STATS | STATX_BTIME, &x));
	CHECK_EQ("statx.btime_mask", x.stx_mask & STATX_BTIME, STATX_BTIME);
	CHECK(("statx.btime_value"),
	      x.stx_btime.tv_sec >= before.tv_sec - 1 && x.stx_btime.tv_sec <= x.stx_mtime.tv_sec,
	      "btime %lld, created at %lld, mtime %lld", (long long)x.stx_btime.tv_sec,
	      (long long)before.tv_sec, (long long)x.stx_mtime.tv_sec);
	{
		struct statx y;

		sleep_ms(20);
		CHECK_FVAL("statx.btime_write", write(fd, "6", 1), 1);
		memset(&y, 0, sizeof(y));
		CHECK_ZERO("statx.btime_again",
			   statx(AT_FDCWD, "x", 0, STATX_BASIC_STATS | STATX_BTIME, &y));
		CHECK(("statx.btime_kept"),
		      y.stx_btime.tv_sec == x.stx_btime.tv_sec &&
			      y.stx_btime.tv_nsec == x.stx_btime.tv_nsec,
		      "btime moved");
		CHECK(("statx.mtime_moved"),
		      y.stx_mtime.tv_sec > x.stx_mtime.tv_sec ||
			      (y.stx_mtime.tv_sec == x.stx_mtime.tv_sec &&
			       y.stx_mtime.tv_nsec > x.stx_mtime.tv_nsec),
		      "mtime did not move");
	}

	/* Flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH (the descriptor itself), a dirfd. */
	MUSTF("symlink", symlink("x", "lx") == 0);
	CHECK_ZERO("statx.follow", statx(AT_FDCWD, "lx", 0, STATX_BASIC_STATS, &x));
	CHECK_MODE("statx.follow.mode", x.stx_mode, S_IFREG | 0604);
	CHECK_ZERO("statx.nofollow",
		   statx(AT_FDCWD, "lx", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &x));
	CHECK_MODE("statx.nofollow.mode", x.stx_mode, S_IFLNK | 0777);
	CHECK_EQ("statx.nofollow.size", x.stx_size, 1);
	CHECK_ZERO("statx.empty_path", statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &x));
	CHECK_EQ("statx.empty_path.ino", x.stx_ino, st.st_ino);
	CHECK_ZERO("statx.empty_path_stdout", statx(1, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &x));
	CHECK(("statx.empty_path_stdout.chr"), S_ISCHR(x.stx_mode), "mode 0%o",
	      (unsigned)x.stx_mode);
	dfd = CHECK_FOK("statx.dirfd_open", open("..", O_RDONLY | O_DIRECTORY));
	CHECK_ZERO("statx.dirfd", statx(dfd, "files_stat/x", 0, STATX_BASIC_STATS, &x));
	CHECK_EQ("statx.dirfd.ino", x.stx_ino, st.st_ino);

	/* Errors. */
	CHECK_FERR("statx.empty_without_flag", statx(fd, "", 0, STATX_BASIC_STATS, &x), ENOENT);
	CHECK_FERR("statx.bad_flags", statx(AT_FDCWD, "x", 0x80000000, STATX_BASIC_STATS, &x),
		   EINVAL);
	CHECK_FERR("statx.reserved_mask", statx(AT_FDCWD, "x", 0, 0x80000000U, &x), EINVAL);
	CHECK_FERR("statx.sync_type_both",
		   statx(AT_FDCWD, "x", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, STATX_BASIC_STATS,
			 &x),
		   EINVAL);
	CHECK_FERR("statx.missing", statx(AT_FDCWD, "missing", 0, STATX_BASIC_STATS, &x), ENOENT);
	CHECK_FERR("statx.bad_dirfd", statx(-5, "x", 0, STATX_BASIC_STATS, &x), EBADF);
	CHECK_FERR("statx.file_dirfd", statx(fd, "x", 0, STATX_BASIC_STATS, &x), ENOTDIR);
	CHECK_FERR("statx.null_buf", statx(AT_FDCWD, "x", 0, STATX_BASIC_STATS, null_ptr), EFAULT);
	close(dfd);
	close(fd);
}

static int run(void)
{
	const char *dir = scratch("files_stat");

	test_regular();
	test_dirs_links();
	test_special();
	test_errors();
	test_statx();
	MUSTF("chdir /", chdir("/") == 0);
	remove_tree(dir);
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
