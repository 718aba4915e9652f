/*
 * The name space (issue 14, item 3): mkdir, rmdir, unlink, rename (over a file, a directory
 * over an empty or non-empty one, into itself, ".", open files, the parents' link counts),
 * symlink/readlink, getdents64 (raw: the records, d_type, d_ino, small buffers, resuming from
 * d_off, lseek back to 0, many entries) and opendir/readdir/rewinddir/closedir, getcwd/chdir
 * (relative and through symlinks, ERANGE, a removed or renamed working directory). Errors as
 * Linux 6.1 gives them on its initramfs root (tmpfs).
 */
#include "files_check.h"

static long getdents64_(int fd, void *buf, size_t len)
{
	return RAW(FNR_getdents64, fd, buf, len);
}

static ino_t ino_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? 0 : st.st_ino;
}
static long nlink_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? -1 : (long)st.st_nlink;
}

static void test_mkdir_rmdir(void)
{
	struct stat st;
	static char name[300];

	CHECK_ZERO("mkdir", mkdir("d", 0755));
	CHECK_ZERO("mkdir.stat", stat("d", &st));
	CHECK(("mkdir.is_dir"), S_ISDIR(st.st_mode), "mode 0%o", (unsigned)st.st_mode);
	CHECK_ZERO("mkdir.sticky", mkdir("sticky", 01777));
	CHECK_MODE("mkdir.sticky.mode", (stat("sticky", &st), st.st_mode), S_IFDIR | 01755);
	CHECK_ZERO("mkdir.trailing_slash", mkdir("d2/", 0755));
	put_file("f", "file", 4, 0644);
	MUSTF("symlink", symlink("nowhere", "dangling") == 0);
	CHECK_FERR("mkdir.exists_dir", mkdir("d", 0755), EEXIST);
	CHECK_FERR("mkdir.exists_file", mkdir("f", 0755), EEXIST);
	CHECK_FERR("mkdir.exists_dangling", mkdir("dangling", 0755), EEXIST);
	CHECK_FERR("mkdir.dot", mkdir(".", 0755), EEXIST);
	CHECK_FERR("mkdir.root", mkdir("/", 0755), EEXIST);
	CHECK_FERR("mkdir.missing_parent", mkdir("no/d", 0755), ENOENT);
	CHECK_FERR("mkdir.file_parent", mkdir("f/d", 0755), ENOTDIR);
	CHECK_FERR("mkdir.empty", mkdir("", 0755), ENOENT);
	memset(name, 'n', 256);
	CHECK_FERR("mkdir.name_256", mkdir(name, 0755), ENAMETOOLONG);
	CHECK_FERR("mkdir.null", mkdir(null_ptr, 0755), EFAULT);

	/* The parent's link count follows its subdirectories. */
	CHECK_EQ("mkdir.parent_nlink", nlink_of("."), 2 + 3);
	CHECK_ZERO("rmdir", rmdir("d2"));
	CHECK_FERR("rmdir.gone", access("d2", F_OK), ENOENT);
	CHECK_EQ("rmdir.parent_nlink", nlink_of("."), 2 + 2);
	put_file("d/in", "", 0, 0644);
	CHECK_FERR("rmdir.not_empty", rmdir("d"), ENOTEMPTY);
	CHECK_FERR("rmdir.file", rmdir("f"), ENOTDIR);
	CHECK_FERR("rmdir.missing", rmdir("missing"), ENOENT);
	CHECK_FERR("rmdir.dot", rmdir("."), EINVAL);
	CHECK_FERR("rmdir.dir_dot", rmdir("d/."), EINVAL);
	CHECK_FERR("rmdir.dotdot", rmdir(".."), ENOTEMPTY);
	CHECK_FERR("rmdir.root", rmdir("/"), EBUSY);
	CHECK_FERR("rmdir.empty", rmdir(""), ENOENT);
	MUSTF("symlink to dir", symlink("sticky", "lsticky") == 0);
	CHECK_FERR("rmdir.symlink_to_dir", rmdir("lsticky"), ENOTDIR);
	CHECK_ZERO("rmdir.trailing_slash", rmdir("sticky/"));
	CHECK_ZERO("rmdir.after_emptying", (unlink("d/in"), rmdir("d")));
}

static void test_unlink(void)
{
	char buf[8];
	int fd;
	struct stat st;

	put_file("u", "old", 3, 0644);
	fd = CHECK_FOK("unlink.open", open("u", O_RDWR));
	CHECK_ZERO("unlink", unlink("u"));
	CHECK_FERR("unlink.gone", access("u", F_OK), ENOENT);
	CHECK_FERR("unlink.twice", unlink("u"), ENOENT);
	/* The open file lives on. */
	CHECK_FVAL("unlink.open_read", pread(fd, buf, 3, 0), 3);
	CHECK(("unlink.open_data"), !memcmp(buf, "old", 3), "got \"%.3s\"", buf);
	CHECK_FVAL("unlink.open_write", pwrite(fd, "new", 3, 3), 3);
	CHECK_ZERO("unlink.open_fstat", fstat(fd, &st));
	CHECK_EQ("unlink.open_nlink", st.st_nlink, 0);
	CHECK_EQ("unlink.open_size", st.st_size, 6);
	/* A new file of the same name is another inode. */
	put_file("u", "x", 1, 0644);
	CHECK(("unlink.new_inode"), ino_of("u") != st.st_ino, "the same inode");
	CHECK_FVAL("unlink.open_still_old", pread(fd, buf, 6, 0), 6);
	close(fd);

	MUSTF("mkdir ud", mkdir("ud", 0755) == 0);
	CHECK_FERR("unlink.dir", unlink("ud"), EISDIR);
	CHECK_FERR("unlink.dot", unlink("."), EISDIR);
	CHECK_FERR("unlink.trailing_slash", unlink("u/"), ENOTDIR);
	CHECK_FERR("unlink.through_file", unlink("u/x"), ENOTDIR);
	CHECK_FERR("unlink.empty", unlink(""), ENOENT);
	CHECK_FERR("unlink.missing_dir", unlink("no/x"), ENOENT);
	/* A symlink goes, its target stays; a dangling one can go. */
	MUSTF("symlink lu", symlink("u", "lu") == 0);
	CHECK_ZERO("unlink.symlink", unlink("lu"));
	CHECK_ZERO("unlink.symlink_target_stays", access("u", F_OK));
	CHECK_ZERO("unlink.dangling", unlink("dangling"));
	MUSTF("symlink lud", symlink("ud", "lud") == 0);
	CHECK_ZERO("unlink.symlink_to_dir", unlink("lud"));
	CHECK_ZERO("unlink.symlink_to_dir.target_stays", access("ud", F_OK));
}

static void test_rename(void)
{
	char buf[8];
	int fd;
	ino_t ino;

	put_file("r1", "one", 3, 0644);
	put_file("r2", "two", 3, 0644);
	ino = ino_of("r1");
	CHECK_ZERO("rename.file", rename("r1", "r3"));
	CHECK_FERR("rename.file.old_gone", access("r1", F_OK), ENOENT);
	CHECK_EQ("rename.file.same_inode", ino_of("r3"), ino);
	CHECK_ZERO("rename.same_name", rename("r3", "r3"));
	CHECK_EQ("rename.same_name.kept", ino_of("r3"), ino);
	/* Over a file: replaced; a descriptor of the replaced file still reads it. */
	fd = CHECK_FOK("rename.over_file.open_victim", open("r2", O_RDONLY));
	CHECK_ZERO("rename.over_file", rename("r3", "r2"));
	CHECK_EQ("rename.over_file.inode", ino_of("r2"), ino);
	CHECK_FVAL("rename.over_file.content_len", read_file("r2", buf, sizeof(buf)), 3);
	CHECK_STR("rename.over_file.content", buf, "one");
	CHECK_FVAL("rename.over_file.victim_read", pread(fd, buf, 3, 0), 3);
	CHECK(("rename.over_file.victim_data"), !memcmp(buf, "two", 3), "got \"%.3s\"", buf);
	close(fd);
	/* An open file keeps working under its new name. */
	fd = CHECK_FOK("rename.open_file.open", open("r2", O_RDWR | O_APPEND));
	CHECK_ZERO("rename.open_file", rename("r2", "r4"));
	CHECK_FVAL("rename.open_file.write", write(fd, "!", 1), 1);
	close(fd);
	CHECK_FVAL("rename.open_file.content_len", read_file("r4", buf, sizeof(buf)), 4);

	/* Directories. */
	MUSTF("mkdirs", mkdir("a", 0755) == 0 && mkdir("a/sub", 0755) == 0 &&
				mkdir("b", 0755) == 0 && mkdir("empty", 0755) == 0 &&
				mkdir("full", 0755) == 0);
	put_file("full/x", "", 0, 0644);
	put_file("a/sub/deep", "deep", 4, 0644);
	CHECK_FERR("rename.dir_over_nonempty_dir", rename("a", "full"), ENOTEMPTY);
	CHECK_FERR("rename.dir_over_file", rename("a", "r4"), ENOTDIR);
	CHECK_FERR("rename.file_over_dir", rename("r4", "empty"), EISDIR);
	CHECK_FERR("rename.into_itself", rename("a", "a/sub/a"), EINVAL);
	CHECK_FERR("rename.into_own_child", rename("a", "a/sub"), EINVAL);
	CHECK_FERR("rename.dot", rename(".", "x"), EBUSY);
	CHECK_FERR("rename.to_dot", rename("r4", "."), EBUSY);
	CHECK_FERR("rename.dotdot", rename("a/sub/..", "x"), EBUSY);
	CHECK_FERR("rename.missing", rename("missing", "x"), ENOENT);
	CHECK_FERR("rename.missing_target_dir", rename("r4", "no/x"), ENOENT);
	CHECK_FERR("rename.file_trailing_slash", rename("r4/", "x"), ENOTDIR);
	CHECK_FERR("rename.to_trailing_slash", rename("r4", "x/"), ENOTDIR);
	CHECK_FERR("rename.empty", rename("", "x"), ENOENT);
	ino = ino_of("a");
	CHECK_ZERO("rename.dir_over_empty_dir", rename("a", "empty"));
	CHECK_EQ("rename.dir_over_empty_dir.inode", ino_of("empty"), ino);
	CHECK_ZERO("rename.dir_trailing_slashes", rename("empty/", "a/"));
	/* Moving a directory to another parent: the parents' link counts and its "..". */
	CHECK_EQ("rename.parent_nlink_before", nlink_of("b"), 2);
	CHECK_ZERO("rename.dir_to_other_parent", rename("a/sub", "b/moved"));
	CHECK_EQ("rename.old_parent_nlink", nlink_of("a"), 2);
	CHECK_EQ("rename.new_parent_nlink", nlink_of("b"), 3);
	CHECK_EQ("rename.dotdot_follows", ino_of("b/moved/.."), ino_of("b"));
	CHECK_FVAL("rename.contents_follow", read_file("b/moved/deep", buf, sizeof(buf)), 4);
	/* Over a symlink: the link is replaced, not its target. */
	MUSTF("symlink", symlink("r4", "lr") == 0);
	put_file("r5", "five", 4, 0644);
	CHECK_ZERO("rename.over_symlink", rename("r5", "lr"));
	{
		struct stat st;

		CHECK_ZERO("rename.over_symlink.lstat", lstat("lr", &st));
		CHECK(("rename.over_symlink.is_file"), S_ISREG(st.st_mode), "mode 0%o",
		      (unsigned)st.st_mode);
	}
	CHECK_FVAL("rename.over_symlink.target_kept", size_of("r4"), 4);
	/* A symlink is renamed as itself. */
	MUSTF("symlink l2", symlink("r4", "l2") == 0);
	CHECK_ZERO("rename.symlink", rename("l2", "l3"));
	{
		char t[8] = {0};

		CHECK_FVAL("rename.symlink.readlink", readlink("l3", t, sizeof(t) - 1), 2);
		CHECK_STR("rename.symlink.target", t, "r4");
	}
}

static void test_symlink_readlink(void)
{
	char buf[64];
	static char longt[4200];
	struct stat st;

	CHECK_ZERO("symlink", symlink("target/of/link", "sl"));
	memset(buf, '#', sizeof(buf));
	CHECK_FVAL("readlink", readlink("sl", buf, sizeof(buf)), 14);
	CHECK(("readlink.data"), !memcmp(buf, "target/of/link", 14), "got \"%.14s\"", buf);
	CHECK_EQ("readlink.no_nul", buf[14], '#');
	CHECK_FVAL("readlink.truncated", readlink("sl", buf, 6), 6);
	CHECK(("readlink.truncated.data"), !memcmp(buf, "target", 6), "got \"%.6s\"", buf);
	CHECK_FERR("readlink.bufsiz_0", readlink("sl", buf, 0), EINVAL);
	CHECK_FERR("readlink.file", readlink("r4", buf, sizeof(buf)), EINVAL);
	CHECK_FERR("readlink.dir", readlink(".", buf, sizeof(buf)), EINVAL);
	CHECK_FERR("readlink.missing", readlink("missing", buf, sizeof(buf)), ENOENT);
	CHECK_FERR("readlink.null_buf", readlink("sl", null_ptr, 10), EFAULT);
	CHECK_FERR("symlink.exists", symlink("x", "sl"), EEXIST);
	CHECK_FERR("symlink.exists_file", symlink("x", "r4"), EEXIST);
	CHECK_FERR("symlink.empty_target", symlink("", "empty_target"), ENOENT);
	CHECK_FERR("symlink.missing_dir", symlink("x", "no/sl"), ENOENT);
	CHECK_FERR("symlink.file_as_dir", symlink("x", "r4/sl"), ENOTDIR);
	CHECK_FERR("symlink.trailing_slash", symlink("x", "sl2/"), ENOENT);
	/* Targets up to PATH_MAX - 1 bytes. */
	memset(longt, 'a', 4095);
	CHECK_ZERO("symlink.target_4095", symlink(longt, "long"));
	CHECK_ZERO("symlink.target_4095.lstat", lstat("long", &st));
	CHECK_EQ("symlink.target_4095.size", st.st_size, 4095);
	longt[4095] = 'a';
	CHECK_FERR("symlink.target_4096", symlink(longt, "toolong"), ENAMETOOLONG);
	/* A relative target is resolved from the link's directory. */
	MUSTF("mkdir rel", mkdir("rel", 0755) == 0);
	CHECK_ZERO("symlink.relative", symlink("../r4", "rel/up"));
	CHECK_FVAL("symlink.relative.resolves", size_of("rel/up"), 4);
	CHECK_ZERO("symlink.to_dir", symlink("rel", "lrel"));
	CHECK_FVAL("symlink.to_dir.walk", size_of("lrel/up"), 4);
}

/* One getdents64 record, checked: its name copied out; 0 when the record is malformed. */
static int check_record(const char *name, const struct k_dirent64 *d, long left)
{
	size_t nlen;

	if (left < 20 || d->d_reclen > left || d->d_reclen % 8 || d->d_reclen < 20) {
		t_fail(name, "bad record: reclen %u with %ld bytes left", d->d_reclen, left);
		return 0;
	}
	nlen = strnlen(d->d_name, d->d_reclen - 19);
	if (nlen == d->d_reclen - 19u || 19 + nlen + 1 > d->d_reclen) {
		t_fail(name, "name not terminated in its record");
		return 0;
	}
	return 1;
}

static void test_getdents(void)
{
	static char buf[8192] __attribute__((aligned(8)));
	const char *names[] = {".", "..", "file", "sub", "link"};
	const unsigned char types[] = {DT_DIR, DT_DIR, DT_REG, DT_DIR, DT_LNK};
	int seen[5] = {0}, fd, bad = 0, others = 0, count = 0;
	long n, total = 0;
	long long off_after_first = -1;
	char first_name[256] = "";

	MUSTF("mkdir g", mkdir("g", 0755) == 0 && mkdir("g/sub", 0755) == 0);
	put_file("g/file", "", 0, 0644);
	MUSTF("symlink g/link", symlink("file", "g/link") == 0);
	fd = CHECK_FOK("getdents.open", open("g", O_RDONLY | O_DIRECTORY));
	n = CHECK_FOK("getdents.read", getdents64_(fd, buf, sizeof(buf)));
	for (long pos = 0; n > 0 && pos < n;) {
		struct k_dirent64 *d = (struct k_dirent64 *)(buf + pos);
		int k;

		if (!check_record("getdents.record", d, n - pos)) {
			bad = 1;
			break;
		}
		for (k = 0; k < 5 && strcmp(d->d_name, names[k]); k++)
			;
		if (k == 5) {
			others++;
		} else {
			char path[64];

			seen[k]++;
			snprintf(path, sizeof(path), "g/%s", names[k]);
			if (d->d_type != types[k] || d->d_ino != ino_of(path)) {
				t_fail("getdents.entry", "%s: type %u ino %llu, expected %u %llu",
				       names[k], d->d_type, (unsigned long long)d->d_ino, types[k],
				       (unsigned long long)ino_of(path));
				bad = 1;
			}
		}
		if (count == 0)
			CHECK_STR("getdents.dot_first", d->d_name, ".");
		if (count == 1)
			CHECK_STR("getdents.dotdot_second", d->d_name, "..");
		count++;
		pos += d->d_reclen;
		total = pos;
	}
	CHECK(("getdents.records_fill_result"), !bad && total == n, "records %ld, result %ld",
	      total, n);
	CHECK(("getdents.each_once"),
	      seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && seen[3] == 1 && seen[4] == 1 &&
		      !others,
	      "seen . %d .. %d file %d sub %d link %d, others %d", seen[0], seen[1], seen[2],
	      seen[3], seen[4], others);
	CHECK_FVAL("getdents.end", getdents64_(fd, buf, sizeof(buf)), 0);
	CHECK_FVAL("getdents.end_again", getdents64_(fd, buf, sizeof(buf)), 0);
	/* Back to the start. */
	CHECK_FVAL("getdents.lseek_0", lseek(fd, 0, SEEK_SET), 0);
	CHECK_FVAL("getdents.again", getdents64_(fd, buf, sizeof(buf)), n);
	/* A buffer too small for one record; one that takes exactly ".": 24 bytes. */
	lseek(fd, 0, SEEK_SET);
	CHECK_FERR("getdents.buffer_too_small", getdents64_(fd, buf, 23), EINVAL);
	CHECK_FVAL("getdents.buffer_one_record", getdents64_(fd, buf, 24), 24);
	CHECK_STR("getdents.buffer_one_record.name", ((struct k_dirent64 *)buf)->d_name, ".");
	/* Then one record per call: the rest, each once. */
	{
		int calls = 0, got = 1;

		while (calls < 10 && (n = getdents64_(fd, buf, 32)) > 0) {
			struct k_dirent64 *d = (struct k_dirent64 *)buf;

			if (calls == 0) {
				off_after_first = d->d_off;
				snprintf(first_name, sizeof(first_name), "%s", d->d_name);
			}
			calls++;
			got++;
		}
		CHECK(("getdents.small_buffer_all"), got == 5 && n == 0, "%d records, last %ld",
		      got, n);
	}
	/* Resume after a record by seeking to its d_off. */
	CHECK_FVAL("getdents.lseek_d_off", lseek(fd, off_after_first, SEEK_SET), off_after_first);
	n = getdents64_(fd, buf, sizeof(buf));
	{
		int dup = 0, k = 0;

		for (long pos = 0; pos < n; k++) {
			struct k_dirent64 *d = (struct k_dirent64 *)(buf + pos);

			if (!strcmp(d->d_name, first_name) || !strcmp(d->d_name, "."))
				dup = 1;
			pos += d->d_reclen;
		}
		CHECK(("getdents.resume_from_d_off"), !dup && k == 3, "%d records, repeat %d", k,
		      dup);
	}
	/* Errors. */
	CHECK_FERR("getdents.bad_fd", getdents64_(-1, buf, sizeof(buf)), EBADF);
	{
		int ffd = open("g/file", O_RDONLY);

		CHECK_FERR("getdents.file", getdents64_(ffd, buf, sizeof(buf)), ENOTDIR);
		close(ffd);
	}
	lseek(fd, 0, SEEK_SET);
	CHECK_FERR("getdents.null_buf", getdents64_(fd, null_ptr, 4096), EFAULT);
	close(fd);

	/* Many entries, read 1 KiB at a time. */
	{
		static unsigned char seen_many[300];
		int dups = 0, missing = 0;
		char path[64];

		MUSTF("mkdir many", mkdir("many", 0755) == 0);
		for (int i = 0; i < 300; i++) {
			snprintf(path, sizeof(path), "many/entry-with-a-longer-name-%03d", i);
			put_file(path, "", 0, 0644);
		}
		fd = open("many", O_RDONLY | O_DIRECTORY);
		while ((n = getdents64_(fd, buf, 1024)) > 0)
			for (long pos = 0; pos < n;) {
				struct k_dirent64 *d = (struct k_dirent64 *)(buf + pos);
				int i;

				if (sscanf(d->d_name, "entry-with-a-longer-name-%d", &i) == 1 &&
				    i >= 0 && i < 300 && seen_many[i]++)
					dups++;
				pos += d->d_reclen;
			}
		for (int i = 0; i < 300; i++)
			missing += !seen_many[i];
		CHECK(("getdents.many"), n == 0 && !dups && !missing,
		      "last %ld, %d repeated, %d missing", n, dups, missing);
		close(fd);
	}
}

static void test_readdir(void)
{
	DIR *d;
	struct dirent *e;
	int seen_file = 0, seen_sub = 0, seen_link = 0, total = 0, type_ok = 1, again = 0;

	d = opendir("g");
	CHECK(("readdir.opendir"), d != NULL, "NULL/%s", ferr(errno));
	if (!d)
		return;
	errno = 0;
	while ((e = readdir(d))) {
		total++;
		if (!strcmp(e->d_name, "file"))
			seen_file++, type_ok &= e->d_type == DT_REG && e->d_ino == ino_of("g/file");
		if (!strcmp(e->d_name, "sub"))
			seen_sub++, type_ok &= e->d_type == DT_DIR;
		if (!strcmp(e->d_name, "link"))
			seen_link++, type_ok &= e->d_type == DT_LNK;
	}
	CHECK_EQ("readdir.end_errno_unchanged", errno, 0);
	CHECK(("readdir.entries"), total == 5 && seen_file == 1 && seen_sub == 1 && seen_link == 1,
	      "%d entries (file %d, sub %d, link %d)", total, seen_file, seen_sub, seen_link);
	CHECK(("readdir.types"), type_ok, "a d_type or d_ino differs");
	CHECK(("readdir.end_stays"), readdir(d) == NULL, "an entry after the end");
	rewinddir(d);
	while ((e = readdir(d)))
		again++;
	CHECK_EQ("readdir.rewinddir", again, 5);
	CHECK(("readdir.dirfd"), dirfd(d) >= 0, "dirfd %d", dirfd(d));
	CHECK_ZERO("readdir.closedir", closedir(d));
	errno = 0;
	CHECK(("readdir.opendir_missing"), opendir("missing") == NULL && errno == ENOENT,
	      "errno %s", ferr(errno));
	errno = 0;
	CHECK(("readdir.opendir_file"), opendir("g/file") == NULL && errno == ENOTDIR, "errno %s",
	      ferr(errno));
}

static void test_cwd(const char *dir)
{
	char buf[512], expect[512];
	long n;

	CHECK_STR("getcwd.scratch", getcwd(buf, sizeof(buf)), dir);
	MUSTF("mkdir cwd", mkdir("cwd", 0755) == 0 && mkdir("cwd/in", 0755) == 0);
	CHECK_ZERO("chdir.relative", chdir("cwd"));
	snprintf(expect, sizeof(expect), "%s/cwd", dir);
	CHECK_STR("getcwd.relative", getcwd(buf, sizeof(buf)), expect);
	CHECK_ZERO("chdir.dotdot", chdir(".."));
	CHECK_STR("getcwd.dotdot", getcwd(buf, sizeof(buf)), dir);
	MUSTF("symlink", symlink("cwd/in", "lcwd") == 0);
	CHECK_ZERO("chdir.symlink", chdir("lcwd"));
	snprintf(expect, sizeof(expect), "%s/cwd/in", dir);
	CHECK_STR("getcwd.symlink_resolved", getcwd(buf, sizeof(buf)), expect);
	CHECK_ZERO("chdir.root", chdir("/"));
	CHECK_STR("getcwd.root", getcwd(buf, sizeof(buf)), "/");
	CHECK_ZERO("chdir.absolute", chdir(dir));
	CHECK_FERR("chdir.missing", chdir("missing"), ENOENT);
	CHECK_FERR("chdir.file", chdir("r4"), ENOTDIR);
	CHECK_FERR("chdir.empty", chdir(""), ENOENT);
	CHECK_FERR("chdir.null", chdir(null_ptr), EFAULT);
	CHECK_STR("getcwd.after_failures", getcwd(buf, sizeof(buf)), dir);

	/* Sizes: exactly enough, one byte short (ERANGE), 0 (EINVAL); the raw call's length. */
	n = (long)strlen(dir) + 1;
	CHECK_STR("getcwd.exact_size", getcwd(buf, (size_t)n), dir);
	CHECK(("getcwd.one_short"), getcwd(buf, (size_t)n - 1) == NULL && errno == ERANGE,
	      "errno %s", ferr(errno));
	CHECK(("getcwd.size_0"), getcwd(buf, 0) == NULL && errno == EINVAL, "errno %s",
	      ferr(errno));
	CHECK_FVAL("getcwd.raw_length", RAW(FNR_getcwd, buf, sizeof(buf)), n);
	CHECK_FERR("getcwd.raw_short", RAW(FNR_getcwd, buf, n - 1), ERANGE);
	CHECK_FERR("getcwd.raw_null", RAW(FNR_getcwd, null_ptr, sizeof(buf)), EFAULT);
	{
		char *p = getcwd(NULL, 0); /* glibc's extension: a malloc'ed copy */

		CHECK_STR("getcwd.null_allocates", p, dir);
		free(p);
	}

	/* The working directory renamed: getcwd follows. */
	CHECK_ZERO("chdir.into_cwd", chdir("cwd"));
	CHECK_ZERO("cwd.rename", rename("../cwd", "../cwd2"));
	snprintf(expect, sizeof(expect), "%s/cwd2", dir);
	CHECK_STR("getcwd.renamed", getcwd(buf, sizeof(buf)), expect);
	/* Removed: getcwd is ENOENT, nothing can be made in it, ".." still leads out. */
	CHECK_ZERO("cwd.chdir_in", chdir("in"));
	CHECK_ZERO("cwd.rmdir_self", rmdir("../in"));
	CHECK(("getcwd.removed"), getcwd(buf, sizeof(buf)) == NULL && errno == ENOENT, "errno %s",
	      ferr(errno));
	CHECK_FERR("cwd.removed_create", open("x", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_FERR("cwd.removed_mkdir", mkdir("x", 0755), ENOENT);
	{
		int fd = open(".", O_RDONLY | O_DIRECTORY);
		char dents[256] __attribute__((aligned(8)));

		CHECK(("cwd.removed_open_dot"), fd >= 0, "errno %s", ferr(errno));
		CHECK_FERR("cwd.removed_getdents", getdents64_(fd, dents, sizeof(dents)), ENOENT);
		close(fd);
	}
	CHECK_ZERO("cwd.removed_chdir_dotdot", chdir(".."));
	CHECK_STR("getcwd.out_of_removed", getcwd(buf, sizeof(buf)), expect);

	/* A deep tree. */
	{
		static char deep[4096];
		size_t len;

		CHECK_ZERO("cwd.chdir_scratch", chdir(dir));
		snprintf(deep, sizeof(deep), "%s", dir);
		for (int i = 0; i < 40; i++) {
			char name[32];

			snprintf(name, sizeof(name), "level-%02d-of-the-tree", i);
			if (mkdir(name, 0755) || chdir(name))
				break;
			len = strlen(deep);
			snprintf(deep + len, sizeof(deep) - len, "/%s", name);
		}
		static char got[4096];

		CHECK_STR("getcwd.deep", getcwd(got, sizeof(got)), deep);
		CHECK_ZERO("cwd.chdir_back", chdir(dir));
	}
}

static int run(void)
{
	char buf[64];
	const char *dir;

	/* Linux starts /init (and uniarm its application) in the root directory. */
	CHECK_STR("getcwd.initial", getcwd(buf, sizeof(buf)), "/");
	dir = scratch("files_dirs");
	test_mkdir_rmdir();
	test_unlink();
	test_rename();
	test_symlink_readlink();
	test_getdents();
	test_readdir();
	test_cwd(dir);
	MUSTF("chdir /", chdir("/") == 0);
	remove_tree(dir);
	CHECK_FERR("cleanup.gone", access(dir, F_OK), ENOENT);
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
