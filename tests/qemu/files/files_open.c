/*
 * Opening and the descriptor table (issue 14, item 3): open/openat and each flag (O_CREAT,
 * O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, the access modes), the path
 * walk's errors (ENOENT, ENOTDIR, EISDIR, ELOOP, ENAMETOOLONG, a trailing slash, "." and "..",
 * symlinks followed or not, 40 links at most), openat's dirfd, close, dup/dup2/dup3, fcntl
 * (F_GETFL/F_SETFL/F_DUPFD/F_DUPFD_CLOEXEC/F_GETFD/F_SETFD), RLIMIT_NOFILE, access (real ids,
 * root's rules) and umask. Expectations are Linux 6.1's on its initramfs root (tmpfs).
 */
#include "files_check.h"

#include <sys/resource.h>

/* The status flags F_GETFL reports, without O_LARGEFILE (glibc opens with it on 32-bit ARM;
 * the kernel never adds it there itself). */
#ifndef O_LARGEFILE
#define O_LARGEFILE 0400000
#endif
static int getfl(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl == -1 ? -1 : fl & ~O_LARGEFILE;
}

static void test_open_create(void)
{
	struct stat st;
	int fd, fd2;
	char buf[16];

	CHECK_FERR("open.missing", open("missing", O_RDONLY), ENOENT);
	CHECK_FERR("open.missing_wronly", open("missing", O_WRONLY), ENOENT);
	fd = CHECK_FOK("open.creat", open("f", O_WRONLY | O_CREAT, 0666));
	CHECK_ZERO("open.creat.fstat", fstat(fd, &st));
	CHECK_MODE("open.creat.mode_umask", st.st_mode, S_IFREG | 0644);
	CHECK_EQ("open.creat.size", st.st_size, 0);
	CHECK_EQ("open.creat.nlink", st.st_nlink, 1);
	CHECK_EQ("open.creat.uid", st.st_uid, 0);
	CHECK_FVAL("open.creat.write", write(fd, "hello", 5), 5);
	/* The lowest free descriptor. */
	fd2 = CHECK_FOK("open.second", open("f", O_RDONLY));
	CHECK_EQ("open.second_is_next", fd2, fd + 1);
	CHECK_ZERO("close.first", close(fd));
	CHECK_FVAL("open.lowest_free", open("f", O_RDONLY), fd);
	CHECK_ZERO("close.again", close(fd));
	CHECK_ZERO("close.second", close(fd2));

	CHECK_FERR("open.excl_exists", open("f", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	/* O_CREAT alone on an existing file: opened, neither truncated nor re-moded. */
	fd = CHECK_FOK("open.creat_exists", open("f", O_RDWR | O_CREAT, 0600));
	CHECK_ZERO("open.creat_exists.fstat", fstat(fd, &st));
	CHECK_EQ("open.creat_exists.size", st.st_size, 5);
	CHECK_MODE("open.creat_exists.mode", st.st_mode, S_IFREG | 0644);
	close(fd);
	/* O_EXCL without O_CREAT is ignored for a regular file. */
	fd = CHECK_FOK("open.excl_without_creat", open("f", O_RDONLY | O_EXCL));
	close(fd);
	/* The mode only matters for a new file: O_RDWR on a 0444 file created now works. */
	fd = CHECK_FOK("open.creat_readonly_mode_rdwr", open("ro", O_RDWR | O_CREAT, 0444));
	CHECK_FVAL("open.creat_readonly_mode_rdwr.write", write(fd, "x", 1), 1);
	close(fd);
	CHECK_ZERO("open.creat_readonly_mode.stat", stat("ro", &st));
	CHECK_MODE("open.creat_readonly_mode.mode", st.st_mode, S_IFREG | 0444);
	/* Root opens a 0444 file for writing (CAP_DAC_OVERRIDE). */
	fd = CHECK_FOK("open.root_writes_0444", open("ro", O_WRONLY));
	close(fd);
	/* A mode with file-type or special bits keeps only the permission and special bits. */
	fd = CHECK_FOK("open.creat_mode_bits", open("m", O_WRONLY | O_CREAT, S_IFDIR | 01777));
	CHECK_ZERO("open.creat_mode_bits.fstat", fstat(fd, &st));
	CHECK_MODE("open.creat_mode_bits.mode", st.st_mode, S_IFREG | 01755);
	close(fd);

	/* O_TRUNC, also with O_RDONLY (Linux truncates; POSIX leaves it unspecified). */
	fd = CHECK_FOK("open.trunc", open("f", O_WRONLY | O_TRUNC));
	CHECK_ZERO("open.trunc.fstat", fstat(fd, &st));
	CHECK_EQ("open.trunc.size", st.st_size, 0);
	CHECK_FVAL("open.trunc.write", write(fd, "0123456789", 10), 10);
	close(fd);
	fd = CHECK_FOK("open.rdonly_trunc", open("f", O_RDONLY | O_TRUNC));
	CHECK_ZERO("open.rdonly_trunc.fstat", fstat(fd, &st));
	CHECK_EQ("open.rdonly_trunc.size", st.st_size, 0);
	CHECK_FERR("open.rdonly_trunc.write", write(fd, "x", 1), EBADF);
	close(fd);

	/* O_APPEND: every write goes to the end, whatever the position. */
	put_file("a", "abc", 3, 0644);
	fd = CHECK_FOK("open.append", open("a", O_RDWR | O_APPEND));
	CHECK_FVAL("open.append.pos_at_open", lseek(fd, 0, SEEK_CUR), 0);
	CHECK_FVAL("open.append.read_from_start", read(fd, buf, 2), 2);
	CHECK_FVAL("open.append.write", write(fd, "de", 2), 2);
	CHECK_FVAL("open.append.pos_after_write", lseek(fd, 0, SEEK_CUR), 5);
	CHECK_FVAL("open.append.lseek0", lseek(fd, 0, SEEK_SET), 0);
	CHECK_FVAL("open.append.write_after_lseek", write(fd, "f", 1), 1);
	CHECK_FVAL("open.append.pos_end", lseek(fd, 0, SEEK_CUR), 6);
	/* pwrite on an O_APPEND descriptor appends too (pwrite(2), BUGS). */
	CHECK_FVAL("open.append.pwrite", pwrite(fd, "g", 1, 0), 1);
	CHECK_FVAL("open.append.pwrite_pos", lseek(fd, 0, SEEK_CUR), 6);
	close(fd);
	memset(buf, 0, sizeof(buf));
	CHECK_FVAL("open.append.content_len", read_file("a", buf, sizeof(buf)), 7);
	CHECK_STR("open.append.content", buf, "abcdefg");

	/* The access modes. */
	fd = CHECK_FOK("open.rdonly", open("a", O_RDONLY));
	CHECK_FERR("open.rdonly.write", write(fd, "x", 1), EBADF);
	close(fd);
	fd = CHECK_FOK("open.wronly", open("a", O_WRONLY));
	CHECK_FERR("open.wronly.read", read(fd, buf, 1), EBADF);
	close(fd);
	/* O_ACCMODE (3) on a regular file: neither read nor write is allowed. */
	fd = CHECK_FOK("open.accmode3", open("a", O_WRONLY | O_RDWR));
	CHECK_FERR("open.accmode3.read", read(fd, buf, 1), EBADF);
	CHECK_FERR("open.accmode3.write", write(fd, "x", 1), EBADF);
	close(fd);
}

static void test_open_dirs(void)
{
	int fd;

	MUSTF("mkdir d", mkdir("d", 0755) == 0);
	put_file("d/in", "in", 2, 0644);
	CHECK_FERR("open.directory_on_file", open("a", O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd = CHECK_FOK("open.directory", open("d", O_RDONLY | O_DIRECTORY));
	close(fd);
	fd = CHECK_FOK("open.dir_rdonly", open("d", O_RDONLY));
	close(fd);
	CHECK_FERR("open.dir_wronly", open("d", O_WRONLY), EISDIR);
	CHECK_FERR("open.dir_rdwr", open("d", O_RDWR), EISDIR);
	CHECK_FERR("open.dir_creat", open("d", O_RDONLY | O_CREAT, 0644), EISDIR);
	CHECK_FERR("open.dir_creat_excl", open("d", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_FERR("open.dir_trunc", open("d", O_RDONLY | O_TRUNC), EISDIR);
	/* O_CREAT with O_DIRECTORY is refused whatever the name is, and creates nothing (Linux
	 * 6.4's rule, in Debian's 6.1 too). */
	CHECK_FERR("open.creat_directory_new", open("cd", O_RDONLY | O_CREAT | O_DIRECTORY, 0644),
		   EINVAL);
	CHECK_FERR("open.creat_directory_new.nothing", access("cd", F_OK), ENOENT);
	CHECK_FERR("open.creat_directory_dir", open("d", O_RDONLY | O_CREAT | O_DIRECTORY, 0644),
		   EINVAL);
	CHECK_FERR("open.creat_directory_file", open("a", O_RDONLY | O_CREAT | O_DIRECTORY, 0644),
		   EINVAL);

	/* The walk. */
	CHECK_FERR("open.file_as_dir", open("a/x", O_RDONLY), ENOTDIR);
	CHECK_FERR("open.file_as_dir_creat", open("a/x", O_RDWR | O_CREAT, 0644), ENOTDIR);
	CHECK_FERR("open.missing_dir", open("nodir/x", O_RDONLY), ENOENT);
	CHECK_FERR("open.missing_dir_creat", open("nodir/x", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_FERR("open.trailing_slash_file", open("a/", O_RDONLY), ENOTDIR);
	CHECK_FERR("open.trailing_slash_creat", open("new/", O_RDWR | O_CREAT, 0644), EISDIR);
	CHECK_FERR("open.trailing_slash_missing", open("new/", O_RDONLY), ENOENT);
	fd = CHECK_FOK("open.trailing_slash_dir", open("d/", O_RDONLY));
	close(fd);
	CHECK_FERR("open.empty_path", open("", O_RDONLY), ENOENT);
	CHECK_FERR("open.empty_path_creat", open("", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_FERR("open.null_path", open(null_ptr, O_RDONLY), EFAULT);
	fd = CHECK_FOK("open.dot_dotdot", open("d/../d/./in", O_RDONLY));
	close(fd);
	fd = CHECK_FOK("open.double_slashes", open("d//in", O_RDONLY));
	close(fd);
	fd = CHECK_FOK("open.root_dotdot", open("/../../tmp/files_open/d/in", O_RDONLY));
	close(fd);
	CHECK_FERR("open.dotdot_of_file", open("d/in/..", O_RDONLY), ENOTDIR);
	CHECK_FERR("open.dot_of_file", open("d/in/.", O_RDONLY), ENOTDIR);

	/* Name lengths: a component of NAME_MAX (255) bytes is fine, 256 is too long; a path of
	 * PATH_MAX (4096) bytes with its NUL is too long. */
	{
		static char name[300], path[4200];

		memset(name, 'n', 255);
		name[255] = 0;
		fd = CHECK_FOK("open.name_255", open(name, O_RDWR | O_CREAT, 0644));
		close(fd);
		CHECK_ZERO("open.name_255.unlink", unlink(name));
		name[255] = 'n';
		name[256] = 0;
		CHECK_FERR("open.name_256", open(name, O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
		CHECK_FERR("open.name_256_lookup", open(name, O_RDONLY), ENAMETOOLONG);
		memset(path, 0, sizeof(path));
		for (size_t i = 0; i + 2 < 4096; i += 2)
			memcpy(path + i, "./", 2);
		path[4094] = 'a';
		path[4095] = 0; /* 4095 bytes + NUL: the longest path */
		fd = CHECK_FOK("open.path_4095", open(path, O_RDONLY));
		close(fd);
		path[4095] = 'a';
		path[4096] = 0;
		CHECK_FERR("open.path_4096", open(path, O_RDONLY), ENAMETOOLONG);
	}
}

static void test_open_symlinks(void)
{
	int fd;
	struct stat st;
	char buf[64], name[16], target[16];

	MUSTF("symlink la", symlink("a", "la") == 0);
	MUSTF("symlink ld", symlink("d", "ld") == 0);
	MUSTF("symlink dangling", symlink("nothing", "dangling") == 0);
	fd = CHECK_FOK("open.symlink_followed", open("la", O_RDONLY));
	CHECK_FVAL("open.symlink_followed.read", read(fd, buf, 3), 3);
	close(fd);
	CHECK_FERR("open.nofollow_symlink", open("la", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_FERR("open.nofollow_symlink_creat", open("la", O_RDWR | O_CREAT | O_NOFOLLOW, 0644),
		   ELOOP);
	fd = CHECK_FOK("open.nofollow_file", open("a", O_RDONLY | O_NOFOLLOW));
	close(fd);
	/* O_NOFOLLOW is about the last component only. */
	fd = CHECK_FOK("open.nofollow_dir_in_path", open("ld/in", O_RDONLY | O_NOFOLLOW));
	close(fd);
	fd = CHECK_FOK("open.symlink_dir_directory", open("ld", O_RDONLY | O_DIRECTORY));
	close(fd);
	/* With both, the link is not followed and is not a directory: O_DIRECTORY's error. */
	CHECK_FERR("open.symlink_dir_nofollow_directory",
		   open("ld", O_RDONLY | O_DIRECTORY | O_NOFOLLOW), ENOTDIR);
	CHECK_FERR("open.dangling", open("dangling", O_RDONLY), ENOENT);
	CHECK_FERR("open.dangling_excl", open("dangling", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
	/* O_CREAT through a dangling symlink creates its target. */
	fd = CHECK_FOK("open.dangling_creat", open("dangling", O_RDWR | O_CREAT, 0600));
	close(fd);
	CHECK_ZERO("open.dangling_creat.target", stat("nothing", &st));
	CHECK_MODE("open.dangling_creat.target_mode", st.st_mode, S_IFREG | 0600);
	CHECK_ZERO("open.dangling_creat.link_kept", lstat("dangling", &st));
	CHECK(("open.dangling_creat.link_is_link"), S_ISLNK(st.st_mode), "mode 0%o",
	      (unsigned)st.st_mode);

	/* Loops, and the limit of 40 links in one lookup. */
	MUSTF("symlink loop1", symlink("loop2", "loop1") == 0);
	MUSTF("symlink loop2", symlink("loop1", "loop2") == 0);
	CHECK_FERR("open.symlink_loop", open("loop1", O_RDONLY), ELOOP);
	CHECK_FERR("open.symlink_self", (symlink("self", "self"), open("self", O_RDONLY)), ELOOP);
	/* chain: c0 -> a, cN -> c(N-1). c39 takes 40 links: fine; c40 takes 41. */
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		if (i)
			snprintf(target, sizeof(target), "c%d", i - 1);
		else
			snprintf(target, sizeof(target), "a");
		MUSTF("symlink chain", symlink(target, name) == 0);
	}
	fd = CHECK_FOK("open.symlinks_40", open("c39", O_RDONLY));
	close(fd);
	CHECK_FERR("open.symlinks_41", open("c40", O_RDONLY), ELOOP);
	/* An absolute symlink restarts at the root. */
	MUSTF("symlink abs", symlink("/tmp/files_open/a", "abs") == 0);
	fd = CHECK_FOK("open.symlink_absolute", open("abs", O_RDONLY));
	close(fd);
	/* A symlink to a file used as a directory. */
	CHECK_FERR("open.symlink_file_as_dir", open("la/x", O_RDONLY), ENOTDIR);
}

static void test_openat(void)
{
	int dfd, fd, ffd;
	char buf[4];

	dfd = CHECK_FOK("openat.dirfd", open("d", O_RDONLY | O_DIRECTORY));
	fd = CHECK_FOK("openat.relative", openat(dfd, "in", O_RDONLY));
	CHECK_FVAL("openat.relative.read", read(fd, buf, 2), 2);
	close(fd);
	fd = CHECK_FOK("openat.creat", openat(dfd, "new", O_RDWR | O_CREAT | O_EXCL, 0644));
	close(fd);
	CHECK_ZERO("openat.creat.in_dir", access("d/new", F_OK));
	fd = CHECK_FOK("openat.dotdot", openat(dfd, "../a", O_RDONLY));
	close(fd);
	fd = CHECK_FOK("openat.at_fdcwd", openat(AT_FDCWD, "a", O_RDONLY));
	close(fd);
	/* An absolute path ignores dirfd, even a bad one. */
	fd = CHECK_FOK("openat.absolute_bad_dirfd", openat(-5, "/tmp/files_open/a", O_RDONLY));
	close(fd);
	CHECK_FERR("openat.bad_dirfd", openat(-5, "a", O_RDONLY), EBADF);
	CHECK_FERR("openat.closed_dirfd", openat(99, "a", O_RDONLY), EBADF);
	ffd = CHECK_FOK("openat.file_fd", open("a", O_RDONLY));
	CHECK_FERR("openat.file_as_dirfd", openat(ffd, "x", O_RDONLY), ENOTDIR);
	close(ffd);
	CHECK_FERR("openat.empty_path", openat(dfd, "", O_RDONLY), ENOENT);
	/* The directory can be renamed: dirfd follows it. */
	MUSTF("rename d", rename("d", "d2") == 0);
	fd = CHECK_FOK("openat.dirfd_after_rename", openat(dfd, "in", O_RDONLY));
	close(fd);
	MUSTF("rename d2", rename("d2", "d") == 0);
	close(dfd);
}

static void test_close_dup(void)
{
	int fd, fd2, fd3;
	char c;

	CHECK_FERR("close.bad", close(-1), EBADF);
	CHECK_FERR("close.unused", close(200), EBADF);
	fd = CHECK_FOK("close.open", open("a", O_RDONLY));
	CHECK_ZERO("close.ok", close(fd));
	CHECK_FERR("close.twice", close(fd), EBADF);

	fd = CHECK_FOK("dup.open", open("a", O_RDONLY));
	fd2 = CHECK_FOK("dup", dup(fd));
	CHECK_EQ("dup.lowest", fd2, fd + 1);
	/* One open file: the position is shared. */
	CHECK_FVAL("dup.shared_pos.lseek", lseek(fd, 3, SEEK_SET), 3);
	CHECK_FVAL("dup.shared_pos.seen", lseek(fd2, 0, SEEK_CUR), 3);
	CHECK_FVAL("dup.shared_pos.read", read(fd2, &c, 1), 1);
	CHECK_EQ("dup.shared_pos.char", c, 'd');
	CHECK_FVAL("dup.shared_pos.moved", lseek(fd, 0, SEEK_CUR), 4);
	close(fd2);
	CHECK_FERR("dup.bad", dup(-1), EBADF);
	CHECK_FERR("dup.unused", dup(150), EBADF);

	CHECK_FVAL("dup2.to_free", dup2(fd, 20), 20);
	CHECK_FVAL("dup2.to_free.pos", lseek(20, 0, SEEK_CUR), 4);
	fd3 = CHECK_FOK("dup2.other_file", open("ro", O_RDONLY));
	CHECK_FVAL("dup2.over_open", dup2(fd, fd3), fd3); /* closes what fd3 was, silently */
	CHECK_FVAL("dup2.over_open.pos", lseek(fd3, 0, SEEK_CUR), 4);
	CHECK_FVAL("dup2.same_fd", dup2(fd, fd), fd);
	CHECK_FERR("dup2.same_fd_bad", dup2(150, 150), EBADF);
	CHECK_FERR("dup2.bad_old", dup2(-1, 21), EBADF);
	CHECK_FERR("dup2.bad_new", dup2(fd, -1), EBADF);
	CHECK_FERR("dup3.same_fd", dup3(fd, fd, 0), EINVAL);
	CHECK_FERR("dup3.bad_flags", dup3(fd, 21, O_APPEND), EINVAL);
	CHECK_FVAL("dup3.cloexec", dup3(fd, 21, O_CLOEXEC), 21);
	CHECK_FVAL("dup3.cloexec.getfd", fcntl(21, F_GETFD), FD_CLOEXEC);
	CHECK_FVAL("dup3.plain", dup3(fd, 22, 0), 22);
	CHECK_FVAL("dup3.plain.getfd", fcntl(22, F_GETFD), 0);
	/* dup and dup2 never copy FD_CLOEXEC. */
	CHECK_ZERO("dup.cloexec_source", fcntl(fd, F_SETFD, FD_CLOEXEC));
	fd2 = dup(fd);
	CHECK_FVAL("dup.clears_cloexec", fcntl(fd2, F_GETFD), 0);
	close(fd2);
	CHECK_FVAL("dup2.clears_cloexec", (dup2(fd, 23), fcntl(23, F_GETFD)), 0);
	/* Closing one descriptor leaves the others. */
	close(fd);
	CHECK_FVAL("dup.after_close_original", read(20, &c, 1), 1);
	CHECK_EQ("dup.after_close_original.char", c, 'e');
	close(20);
	close(21);
	close(22);
	close(23);
	close(fd3);
}

static void test_fcntl(void)
{
	int fd, fd2;

	fd = CHECK_FOK("fcntl.open", open("a", O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0644));
	/* Creation flags are not kept in the file's flags; the access mode and O_APPEND are. */
	CHECK_FVAL("fcntl.getfl", getfl(fd), O_RDWR | O_APPEND);
	CHECK_ZERO("fcntl.setfl_clear_append", fcntl(fd, F_SETFL, 0));
	CHECK_FVAL("fcntl.getfl_no_append", getfl(fd), O_RDWR);
	/* F_SETFL changes O_APPEND and O_NONBLOCK only: not the access mode, not O_CREAT. */
	CHECK_ZERO("fcntl.setfl_mixed",
		   fcntl(fd, F_SETFL, O_WRONLY | O_APPEND | O_NONBLOCK | O_CREAT | O_TRUNC));
	CHECK_FVAL("fcntl.getfl_mixed", getfl(fd), O_RDWR | O_APPEND | O_NONBLOCK);
	CHECK_ZERO("fcntl.setfl_back", fcntl(fd, F_SETFL, 0));
	fd2 = open("a", O_RDONLY);
	CHECK_FVAL("fcntl.getfl_rdonly", getfl(fd2), O_RDONLY);
	close(fd2);
	fd2 = open("a", O_WRONLY);
	CHECK_FVAL("fcntl.getfl_wronly", getfl(fd2), O_WRONLY);
	close(fd2);
	fd2 = open("d", O_RDONLY | O_DIRECTORY);
	CHECK_FVAL("fcntl.getfl_directory", getfl(fd2), O_RDONLY | O_DIRECTORY);
	close(fd2);
	/* The status flags belong to the open file: a dup sees the change. */
	fd2 = dup(fd);
	CHECK_ZERO("fcntl.setfl_dup", fcntl(fd2, F_SETFL, O_APPEND));
	CHECK_FVAL("fcntl.getfl_dup_shared", getfl(fd), O_RDWR | O_APPEND);
	close(fd2);

	CHECK_FVAL("fcntl.getfd", fcntl(fd, F_GETFD), 0);
	CHECK_ZERO("fcntl.setfd", fcntl(fd, F_SETFD, FD_CLOEXEC));
	CHECK_FVAL("fcntl.getfd_set", fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_ZERO("fcntl.setfd_other_bits", fcntl(fd, F_SETFD, 0xfe));
	CHECK_FVAL("fcntl.getfd_other_bits_dropped", fcntl(fd, F_GETFD), 0);
	fd2 = CHECK_FOK("fcntl.open_cloexec", open("a", O_RDONLY | O_CLOEXEC));
	CHECK_FVAL("fcntl.open_cloexec.getfd", fcntl(fd2, F_GETFD), FD_CLOEXEC);
	CHECK_FVAL("fcntl.open_cloexec.getfl", getfl(fd2), O_RDONLY);
	close(fd2);

	CHECK_FVAL("fcntl.dupfd", fcntl(fd, F_DUPFD, 10), 10);
	CHECK_FVAL("fcntl.dupfd_taken", fcntl(fd, F_DUPFD, 10), 11);
	CHECK_FVAL("fcntl.dupfd.getfd", fcntl(10, F_GETFD), 0);
	CHECK_FVAL("fcntl.dupfd_cloexec", fcntl(fd, F_DUPFD_CLOEXEC, 10), 12);
	CHECK_FVAL("fcntl.dupfd_cloexec.getfd", fcntl(12, F_GETFD), FD_CLOEXEC);
	CHECK_FVAL("fcntl.dupfd_zero", fcntl(fd, F_DUPFD, 0), fd + 1);
	close(fd + 1);
	close(10);
	close(11);
	close(12);
	CHECK_FERR("fcntl.dupfd_negative", fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_FERR("fcntl.bad_fd", fcntl(-1, F_GETFD), EBADF);
	CHECK_FERR("fcntl.closed_fd", fcntl(99, F_GETFL), EBADF);
	CHECK_FERR("fcntl.unknown_cmd", fcntl(fd, 9999), EINVAL);
	close(fd);
}

static void test_rlimit_nofile(void)
{
	struct rlimit old, rl;
	int fds[64], n = 0, fd;

	MUSTF("getrlimit", getrlimit(RLIMIT_NOFILE, &old) == 0);
	rl = old;
	rl.rlim_cur = 16;
	CHECK_ZERO("nofile.setrlimit_16", setrlimit(RLIMIT_NOFILE, &rl));
	while (n < 64 && (fd = open("a", O_RDONLY)) >= 0)
		fds[n++] = fd;
	CHECK_EQ("nofile.emfile_errno", errno, EMFILE);
	CHECK_EQ("nofile.last_fd", n ? fds[n - 1] : -1, 15);
	CHECK_FERR("nofile.dup", dup(0), EMFILE);
	CHECK_FERR("nofile.dup2_past", dup2(0, 16), EBADF);
	CHECK_FERR("nofile.fcntl_dupfd_past", fcntl(0, F_DUPFD, 16), EINVAL);
	CHECK_FERR("nofile.fcntl_dupfd_full", fcntl(0, F_DUPFD, 3), EMFILE);
	while (n)
		close(fds[--n]);
	CHECK_ZERO("nofile.restore", setrlimit(RLIMIT_NOFILE, &old));
}

static void test_umask(void)
{
	mode_t old;
	struct stat st;
	int fd;

	/* 022 at start (Linux's init), the old value returned, 0777 bits only. */
	old = umask(027);
	CHECK_MODE("umask.initial", old, 022);
	fd = open("u027", O_RDWR | O_CREAT, 0777);
	CHECK_ZERO("umask.027.fstat", fstat(fd, &st));
	CHECK_MODE("umask.027.file_mode", st.st_mode, S_IFREG | 0750);
	close(fd);
	CHECK_ZERO("umask.027.mkdir", mkdir("u027d", 0777));
	CHECK_ZERO("umask.027.stat_dir", stat("u027d", &st));
	CHECK_MODE("umask.027.dir_mode", st.st_mode, S_IFDIR | 0750);
	CHECK_ZERO("umask.027.symlink", symlink("u027", "u027l"));
	CHECK_ZERO("umask.027.lstat_symlink", lstat("u027l", &st));
	CHECK_MODE("umask.027.symlink_mode", st.st_mode, S_IFLNK | 0777);
	CHECK_MODE("umask.returns_027", umask(0), 027);
	fd = open("u000", O_RDWR | O_CREAT, 0777);
	CHECK_ZERO("umask.0.fstat", fstat(fd, &st));
	CHECK_MODE("umask.0.file_mode", st.st_mode, S_IFREG | 0777);
	close(fd);
	umask(0177777);
	CHECK_MODE("umask.only_0777", umask(022), 0777);
	CHECK_MODE("umask.restored", umask(022), 022);
}

static void test_access(void)
{
	int fd;

	CHECK_ZERO("access.f_ok", access("a", F_OK));
	CHECK_FERR("access.missing", access("missing", F_OK), ENOENT);
	CHECK_FERR("access.through_file", access("a/x", F_OK), ENOTDIR);
	CHECK_ZERO("access.dir", access("d", R_OK | W_OK | X_OK));
	umask(0);
	put_file("x644", "", 0, 0644);
	put_file("x000", "", 0, 0);
	put_file("x100", "", 0, 0100);
	umask(022);
	/* Root may read and write anything, and execute what has an x bit for someone. */
	CHECK_ZERO("access.root_rw_000", access("x000", R_OK | W_OK));
	CHECK_FERR("access.root_x_644", access("x644", X_OK), EACCES);
	CHECK_FERR("access.root_x_000", access("x000", X_OK), EACCES);
	CHECK_ZERO("access.root_x_100", access("x100", X_OK));
	CHECK_FERR("access.bad_mode", access("a", 8), EINVAL);
	CHECK_ZERO("access.symlink_followed", access("la", R_OK));
	CHECK_FERR("access.symlink_loop", access("loop1", F_OK), ELOOP);
	/* access checks with the real ids: real uid 1000 while the effective one stays 0. */
	if (setresuid(1000, 0, 0) == 0) {
		CHECK_FERR("access.real_uid_r_000", access("x000", R_OK), EACCES);
		CHECK_FERR("access.real_uid_w_644", access("x644", W_OK), EACCES);
		CHECK_ZERO("access.real_uid_r_644", access("x644", R_OK));
		CHECK_ZERO("access.real_uid_f_ok", access("x000", F_OK));
		/* open uses the effective ids. */
		fd = CHECK_FOK("access.real_uid_open_000", open("x000", O_RDWR));
		close(fd);
		CHECK_ZERO("access.setresuid_back", setresuid(0, 0, 0));
	} else {
		t_fail("access.setresuid", "got -1/%s, expected 0", ferr(errno));
	}
}

static int run(void)
{
	const char *dir = scratch("files_open");

	test_umask();
	test_open_create();
	test_open_dirs();
	test_open_symlinks();
	test_openat();
	test_close_dup();
	test_fcntl();
	test_rlimit_nofile();
	test_access();
	MUSTF("chdir /", chdir("/") == 0);
	remove_tree(dir);
	CHECK_FERR("cleanup.gone", access(dir, F_OK), ENOENT);
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
