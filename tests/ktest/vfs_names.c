/*
 * The VFS's name space on tmpfs (fs/namei.c, fs/open.c, fs/stat.c, fs/readdir.c, fs/dcache.c,
 * vm/shmem.c), driven with kernel paths: the answers files_dirs, files_open and files_stat
 * recorded on Linux 6.1 for mkdir, rmdir, unlink, rename(at2), symlink, readlink, stat,
 * getdents64, chdir/getcwd and open; the mounts at "/" and "/dev"; link counts, directory
 * sizes and times. At the end everything made is removed and the live inodes and dentries
 * are back to their number after the boot.
 */
#include "ktest_check.h"
#include "fs/fs.h"
#include "runtime/cred.h"
#include "runtime/time.h"
#include "runtime/uapi.h"
#include "vm/shmem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int checks;

#define T(cond)                                                                                    \
	do {                                                                                       \
		checks++;                                                                          \
		CHECK(cond);                                                                       \
	} while (0)
/* A value, printed when it is not the one expected. */
#define EQ(expr, want)                                                                             \
	do {                                                                                       \
		long long got_ = (long long)(expr), want_ = (long long)(want);                     \
		checks++;                                                                          \
		if (got_ != want_) {                                                               \
			printf("CHECK failed at line %d: %s is %lld, expected %lld\n", __LINE__,   \
			       #expr, got_, want_);                                                \
			check_failures++;                                                          \
		}                                                                                  \
	} while (0)

#define O_RDONLY    LINUX_O_RDONLY
#define O_WRONLY    LINUX_O_WRONLY
#define O_RDWR	    LINUX_O_RDWR
#define O_CREAT	    LINUX_O_CREAT
#define O_EXCL	    LINUX_O_EXCL
#define O_TRUNC	    LINUX_O_TRUNC
#define O_DIRECTORY LINUX_O_DIRECTORY
#define O_NOFOLLOW  LINUX_O_NOFOLLOW

static struct kstat st;
static char buf[8192] __attribute__((aligned(8)));

static int lstat_(const char *name)
{
	return vfs_fstatat(AT_FDCWD, name, AT_SYMLINK_NOFOLLOW, &st);
}
static int stat_(const char *name)
{
	return vfs_fstatat(AT_FDCWD, name, 0, &st);
}
static long long ino_of(const char *name)
{
	return lstat_(name) ? -1 : (long long)st.ino;
}
static long long nlink_of(const char *name)
{
	return lstat_(name) ? -1 : (long long)st.nlink;
}
static long long size_of(const char *name)
{
	return stat_(name) ? -1 : st.size;
}
static long long mode_of(const char *name)
{
	return lstat_(name) ? -1 : (long long)st.mode;
}
static struct timespec64 mtime_of(const char *name)
{
	struct timespec64 none = {0, 0};

	return lstat_(name) ? none : st.mtime;
}
static bool later(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}
/* Let the clock move past what it said, so a new time differs. */
static void tick(void)
{
	uint64_t t = ktime_get_ns();

	while (ktime_get_ns() - t < 2000)
		;
}
/* open's result as 0 or the error (the file put back). */
static int open_err(int dfd, const char *name, int flags, umode_t mode)
{
	struct file *f = do_filp_open(dfd, name, flags, mode);

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	fput(f);
	return 0;
}
static int put_file(const char *name, umode_t mode)
{
	return open_err(AT_FDCWD, name, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
/* A descriptor for the name (opened O_RDONLY plus flags), or the error. */
static int open_fd(const char *name, int flags)
{
	struct file *f = do_filp_open(AT_FDCWD, name, O_RDONLY | flags, 0);
	int fd;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	fd = get_unused_fd_flags(0);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	fd_install((unsigned int)fd, f);
	return fd;
}
static const char *cwd(void)
{
	static char b[PATH_MAX];

	return vfs_getcwd(b, sizeof(b)) > 0 ? b : "(error)";
}
static bool exists(const char *name)
{
	return lstat_(name) == 0;
}

/* Everything under the directory named in tree_path (of length len) removed, then it: one
 * name at a time, the name appended to tree_path for the way down. */
static char tree_path[PATH_MAX];

static void remove_tree(size_t len)
{
	for (;;) {
		struct file *f = do_filp_open(AT_FDCWD, tree_path, O_RDONLY | O_DIRECTORY, 0);
		const char *name = NULL;
		long n;

		if (IS_ERR(f))
			return;
		n = vfs_getdents64(f, buf, 1024);
		for (long pos = 0; pos < n && !name;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + pos);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				name = d->d_name;
			pos += d->d_reclen;
		}
		fput(f);
		if (!name)
			break;
		snprintf(tree_path + len, sizeof(tree_path) - len, "/%s", name);
		if (!lstat_(tree_path) && S_ISDIR(st.mode))
			remove_tree(strlen(tree_path));
		else if (do_unlinkat(AT_FDCWD, tree_path))
			break;
		tree_path[len] = '\0';
	}
	tree_path[len] = '\0';
	if (do_rmdir(AT_FDCWD, tree_path))
		printf("remove_tree: %s stays\n", tree_path);
}

static void test_boot_tree(void)
{
	struct path root, dev;
	unsigned int root_dev;

	EQ(strcmp(cwd(), "/"), 0);
	EQ(kern_path("/", LOOKUP_FOLLOW, &root), 0);
	EQ(kern_path("/dev", LOOKUP_FOLLOW, &dev), 0);
	T(root.mnt != dev.mnt && dev.dentry == dev.mnt->mnt_root);
	T(dev.mnt->mnt_parent == root.mnt && root.dentry->d_sb->s_magic == TMPFS_MAGIC);
	path_put(&root);
	path_put(&dev);
	EQ(stat_("/"), 0);
	root_dev = st.dev;
	EQ(st.dev, 2); /* anonymous 0:2 */
	EQ(st.mode, S_IFDIR | 0755);
	EQ(stat_("/dev"), 0);
	EQ(st.dev, 3); /* its own super block, 0:3 */
	T(st.dev != root_dev);
	EQ(ino_of("/dev/.."), ino_of("/"));
	EQ(ino_of("/.."), ino_of("/"));
	EQ(ino_of("/../../dev/../.."), ino_of("/"));
	EQ(do_rmdir(AT_FDCWD, "/dev"), -EBUSY);
	EQ(do_rmdir(AT_FDCWD, "/"), -EBUSY);
	EQ(do_umask(022), 022);
}

static void test_mkdir_rmdir(void)
{
	static char name[300];
	struct timespec64 t0, c0;

	EQ(do_mkdirat(AT_FDCWD, "d", 0755), 0);
	EQ(stat_("d"), 0);
	EQ(st.mode, S_IFDIR | 0755);
	EQ(st.nlink, 2);
	EQ(st.size, 40);
	EQ(st.blocks, 0);
	EQ(do_mkdirat(AT_FDCWD, "sticky", 01777), 0);
	EQ(mode_of("sticky"), S_IFDIR | 01755);
	EQ(do_mkdirat(AT_FDCWD, "d2/", 0755), 0);
	EQ(put_file("f", 0644), 0);
	EQ(do_symlinkat("nowhere", AT_FDCWD, "dangling"), 0);
	EQ(do_mkdirat(AT_FDCWD, "d", 0755), -EEXIST);
	EQ(do_mkdirat(AT_FDCWD, "f", 0755), -EEXIST);
	EQ(do_mkdirat(AT_FDCWD, "dangling", 0755), -EEXIST);
	EQ(do_mkdirat(AT_FDCWD, ".", 0755), -EEXIST);
	EQ(do_mkdirat(AT_FDCWD, "/", 0755), -EEXIST);
	EQ(do_mkdirat(AT_FDCWD, "no/d", 0755), -ENOENT);
	EQ(do_mkdirat(AT_FDCWD, "f/d", 0755), -ENOTDIR);
	EQ(do_mkdirat(AT_FDCWD, "", 0755), -ENOENT);
	EQ(do_mkdirat(AT_FDCWD, NULL, 0755), -EFAULT);
	memset(name, 'n', 256);
	EQ(do_mkdirat(AT_FDCWD, name, 0755), -ENAMETOOLONG);
	name[255] = '\0';
	EQ(do_mkdirat(AT_FDCWD, name, 0755), 0);
	EQ(do_rmdir(AT_FDCWD, name), 0);
	/* Link count 2 + subdirectories; size 40 + 20 per entry of any kind. */
	EQ(nlink_of("."), 2 + 3);
	EQ(size_of("."), 40 + 20 * 5);
	t0 = mtime_of(".");
	c0 = st.ctime;
	tick();
	EQ(do_rmdir(AT_FDCWD, "d2"), 0);
	T(later(mtime_of("."), t0) && later(st.ctime, c0));
	EQ(lstat_("d2"), -ENOENT);
	EQ(nlink_of("."), 2 + 2);
	EQ(size_of("."), 40 + 20 * 4);
	EQ(put_file("d/in", 0644), 0);
	EQ(do_rmdir(AT_FDCWD, "d"), -ENOTEMPTY);
	EQ(do_rmdir(AT_FDCWD, "f"), -ENOTDIR);
	EQ(do_rmdir(AT_FDCWD, "missing"), -ENOENT);
	EQ(do_rmdir(AT_FDCWD, "."), -EINVAL);
	EQ(do_rmdir(AT_FDCWD, "d/."), -EINVAL);
	EQ(do_rmdir(AT_FDCWD, ".."), -ENOTEMPTY);
	EQ(do_rmdir(AT_FDCWD, "/"), -EBUSY);
	EQ(do_rmdir(AT_FDCWD, ""), -ENOENT);
	EQ(do_symlinkat("sticky", AT_FDCWD, "lsticky"), 0);
	EQ(do_rmdir(AT_FDCWD, "lsticky"), -ENOTDIR);
	EQ(do_rmdir(AT_FDCWD, "sticky/"), 0);
	EQ(do_unlinkat(AT_FDCWD, "d/in"), 0);
	EQ(size_of("d"), 40);
	EQ(do_rmdir(AT_FDCWD, "d"), 0);
	EQ(nlink_of("."), 2);
}

static void test_unlink(void)
{
	struct file *f;
	long long ino;

	EQ(put_file("u", 0644), 0);
	f = do_filp_open(AT_FDCWD, "u", O_RDWR, 0);
	T(!IS_ERR(f));
	if (IS_ERR(f))
		return;
	ino = ino_of("u");
	EQ(do_unlinkat(AT_FDCWD, "u"), 0);
	EQ(lstat_("u"), -ENOENT);
	EQ(do_unlinkat(AT_FDCWD, "u"), -ENOENT);
	/* The open file lives on, without a name. */
	EQ(vfs_getattr(&f->f_path, &st), 0);
	EQ(st.nlink, 0);
	EQ(st.ino, ino);
	EQ(put_file("u", 0644), 0);
	T(ino_of("u") != ino);
	fput(f);
	EQ(do_mkdirat(AT_FDCWD, "ud", 0755), 0);
	EQ(do_unlinkat(AT_FDCWD, "ud"), -EISDIR);
	EQ(do_unlinkat(AT_FDCWD, "ud/"), -EISDIR);
	EQ(do_unlinkat(AT_FDCWD, "."), -EISDIR);
	EQ(do_unlinkat(AT_FDCWD, "u/"), -ENOTDIR);
	EQ(do_unlinkat(AT_FDCWD, "u/x"), -ENOTDIR);
	EQ(do_unlinkat(AT_FDCWD, ""), -ENOENT);
	EQ(do_unlinkat(AT_FDCWD, "no/x"), -ENOENT);
	EQ(do_symlinkat("u", AT_FDCWD, "lu"), 0);
	EQ(do_unlinkat(AT_FDCWD, "lu"), 0);
	T(exists("u"));
	EQ(do_unlinkat(AT_FDCWD, "dangling"), 0);
	EQ(do_symlinkat("ud", AT_FDCWD, "lud"), 0);
	EQ(do_unlinkat(AT_FDCWD, "lud"), 0);
	T(exists("ud"));
	EQ(do_unlinkat(AT_FDCWD, "/dev"), -EISDIR);
}

static void test_rename(void)
{
	struct file *victim;
	long long ino, ino2;
	struct timespec64 t0;
	char t[8] = {0};

	EQ(put_file("r1", 0644), 0);
	EQ(put_file("r2", 0600), 0);
	ino = ino_of("r1");
	EQ(do_renameat2(AT_FDCWD, "r1", AT_FDCWD, "r3", 0), 0);
	EQ(lstat_("r1"), -ENOENT);
	EQ(ino_of("r3"), ino);
	EQ(do_renameat2(AT_FDCWD, "r3", AT_FDCWD, "r3", 0), 0);
	EQ(ino_of("r3"), ino);
	victim = do_filp_open(AT_FDCWD, "r2", O_RDONLY, 0);
	T(!IS_ERR(victim));
	t0 = mtime_of(".");
	tick();
	EQ(do_renameat2(AT_FDCWD, "r3", AT_FDCWD, "r2", 0), 0);
	T(later(mtime_of("."), t0));
	EQ(ino_of("r2"), ino);
	if (!IS_ERR(victim)) {
		EQ(vfs_getattr(&victim->f_path, &st), 0);
		EQ(st.nlink, 0);
		EQ(st.mode, S_IFREG | 0600);
		fput(victim);
	}
	EQ(do_renameat2(AT_FDCWD, "r2", AT_FDCWD, "r4", 0), 0);

	EQ(do_mkdirat(AT_FDCWD, "a", 0755), 0);
	EQ(do_mkdirat(AT_FDCWD, "a/sub", 0755), 0);
	EQ(do_mkdirat(AT_FDCWD, "b", 0755), 0);
	EQ(do_mkdirat(AT_FDCWD, "empty", 0755), 0);
	EQ(do_mkdirat(AT_FDCWD, "full", 0755), 0);
	EQ(put_file("full/x", 0644), 0);
	EQ(put_file("a/sub/deep", 0644), 0);
	EQ(do_renameat2(AT_FDCWD, "a", AT_FDCWD, "full", 0), -ENOTEMPTY);
	EQ(do_renameat2(AT_FDCWD, "a", AT_FDCWD, "r4", 0), -ENOTDIR);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "empty", 0), -EISDIR);
	EQ(do_renameat2(AT_FDCWD, "a", AT_FDCWD, "a/sub/a", 0), -EINVAL);
	EQ(do_renameat2(AT_FDCWD, "a", AT_FDCWD, "a/sub", 0), -EINVAL);
	EQ(do_renameat2(AT_FDCWD, ".", AT_FDCWD, "x", 0), -EBUSY);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, ".", 0), -EBUSY);
	EQ(do_renameat2(AT_FDCWD, "a/sub/..", AT_FDCWD, "x", 0), -EBUSY);
	EQ(do_renameat2(AT_FDCWD, "missing", AT_FDCWD, "x", 0), -ENOENT);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "no/x", 0), -ENOENT);
	EQ(do_renameat2(AT_FDCWD, "r4/", AT_FDCWD, "x", 0), -ENOTDIR);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "x/", 0), -ENOTDIR);
	EQ(do_renameat2(AT_FDCWD, "", AT_FDCWD, "x", 0), -ENOENT);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "/dev/r4", 0), -EXDEV);
	EQ(do_renameat2(AT_FDCWD, "/dev", AT_FDCWD, "devdir", 0), -EBUSY); /* a mountpoint */
	EQ(put_file("/dev/f", 0644), 0);
	EQ(do_renameat2(AT_FDCWD, "/dev/f", AT_FDCWD, "devf", 0), -EXDEV);
	EQ(do_renameat2(AT_FDCWD, "/dev/f", AT_FDCWD, "/dev/g", 0), 0);
	EQ(do_unlinkat(AT_FDCWD, "/dev/g"), 0);
	ino = ino_of("a");
	EQ(do_renameat2(AT_FDCWD, "a", AT_FDCWD, "empty", 0), 0);
	EQ(ino_of("empty"), ino);
	EQ(do_renameat2(AT_FDCWD, "empty/", AT_FDCWD, "a/", 0), 0);
	EQ(nlink_of("b"), 2);
	EQ(size_of("b"), 40);
	EQ(do_renameat2(AT_FDCWD, "a/sub", AT_FDCWD, "b/moved", 0), 0);
	EQ(nlink_of("a"), 2);
	EQ(nlink_of("b"), 3);
	EQ(size_of("a"), 40);
	EQ(size_of("b"), 60);
	EQ(ino_of("b/moved/.."), ino_of("b"));
	T(exists("b/moved/deep"));
	EQ(do_symlinkat("r4", AT_FDCWD, "lr"), 0);
	EQ(put_file("r5", 0644), 0);
	EQ(do_renameat2(AT_FDCWD, "r5", AT_FDCWD, "lr", 0), 0);
	EQ(mode_of("lr"), S_IFREG | 0644);
	T(exists("r4"));
	EQ(do_symlinkat("r4", AT_FDCWD, "l2"), 0);
	EQ(do_renameat2(AT_FDCWD, "l2", AT_FDCWD, "l3", 0), 0);
	EQ(do_readlinkat(AT_FDCWD, "l3", t, sizeof(t) - 1), 2);
	EQ(strcmp(t, "r4"), 0);

	/* renameat2's flags. */
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "lr", RENAME_NOREPLACE), -EEXIST);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, ".", RENAME_NOREPLACE), -EEXIST);
	EQ(do_renameat2(AT_FDCWD, "lr", AT_FDCWD, "r6", RENAME_NOREPLACE), 0);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "r6", RENAME_NOREPLACE | RENAME_EXCHANGE),
	   -EINVAL);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "r6", 8), -EINVAL);
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "nothere", RENAME_EXCHANGE), -ENOENT);
	ino = ino_of("r4");
	ino2 = ino_of("r6");
	EQ(do_renameat2(AT_FDCWD, "r4", AT_FDCWD, "r6", RENAME_EXCHANGE), 0);
	EQ(ino_of("r4"), ino2);
	EQ(ino_of("r6"), ino);
	/* A directory and a file exchanged across parents: the link counts move. */
	EQ(do_renameat2(AT_FDCWD, "b/moved", AT_FDCWD, "r6", RENAME_EXCHANGE), 0);
	EQ(nlink_of("b"), 2);
	EQ(mode_of("b/moved"), S_IFREG | 0644);
	T(exists("r6/deep"));
	EQ(ino_of("r6/.."), ino_of("."));
	EQ(do_unlinkat(AT_FDCWD, "b/moved"), 0);
	EQ(do_unlinkat(AT_FDCWD, "r6/deep"), 0);
	EQ(do_rmdir(AT_FDCWD, "r6"), 0);
	/* A directory over an empty one: the victim's inode goes. */
	EQ(do_mkdirat(AT_FDCWD, "e2", 0755), 0);
	EQ(do_renameat2(AT_FDCWD, "e2", AT_FDCWD, "b", 0), 0);
	EQ(nlink_of("."), 2 + 4); /* ud, a, full, b */
}

static void test_symlink_readlink(void)
{
	static char longt[4200];
	char b[64];

	EQ(do_symlinkat("target/of/link", AT_FDCWD, "sl"), 0);
	memset(b, '#', sizeof(b));
	EQ(do_readlinkat(AT_FDCWD, "sl", b, sizeof(b)), 14);
	T(!memcmp(b, "target/of/link", 14) && b[14] == '#');
	EQ(do_readlinkat(AT_FDCWD, "sl", b, 6), 6);
	T(!memcmp(b, "target", 6));
	EQ(do_readlinkat(AT_FDCWD, "sl", b, 0), -EINVAL);
	EQ(do_readlinkat(AT_FDCWD, "r4", b, sizeof(b)), -EINVAL);
	EQ(do_readlinkat(AT_FDCWD, ".", b, sizeof(b)), -EINVAL);
	EQ(do_readlinkat(AT_FDCWD, "missing", b, sizeof(b)), -ENOENT);
	EQ(do_symlinkat("x", AT_FDCWD, "sl"), -EEXIST);
	EQ(do_symlinkat("x", AT_FDCWD, "r4"), -EEXIST);
	EQ(do_symlinkat("", AT_FDCWD, "empty_target"), -ENOENT);
	EQ(do_symlinkat("x", AT_FDCWD, "no/sl"), -ENOENT);
	EQ(do_symlinkat("x", AT_FDCWD, "r4/sl"), -ENOTDIR);
	EQ(do_symlinkat("x", AT_FDCWD, "sl2/"), -ENOENT);
	EQ(lstat_("sl"), 0);
	EQ(st.mode, S_IFLNK | 0777);
	EQ(st.size, 14);
	EQ(st.blocks, 0);
	memset(longt, 'a', 4095);
	EQ(do_symlinkat(longt, AT_FDCWD, "long"), 0);
	EQ(lstat_("long"), 0);
	EQ(st.size, 4095);
	EQ(st.blocks, 8); /* a target of 128 bytes or more takes a page */
	longt[4095] = 'a';
	EQ(do_symlinkat(longt, AT_FDCWD, "toolong"), -ENAMETOOLONG);
	longt[128] = '\0';
	EQ(do_symlinkat(longt, AT_FDCWD, "l128"), 0);
	EQ(lstat_("l128"), 0);
	EQ(st.blocks, 8);
	longt[127] = '\0';
	EQ(do_symlinkat(longt, AT_FDCWD, "l127"), 0);
	EQ(lstat_("l127"), 0);
	EQ(st.blocks, 0);
	EQ(do_mkdirat(AT_FDCWD, "rel", 0755), 0);
	EQ(do_symlinkat("../r4", AT_FDCWD, "rel/up"), 0);
	EQ(ino_of("rel/up/"), -1); /* a file: a trailing slash is ENOTDIR */
	EQ(stat_("rel/up"), 0);
	EQ(st.ino, ino_of("r4"));
	EQ(do_symlinkat("rel", AT_FDCWD, "lrel"), 0);
	EQ(stat_("lrel/up"), 0);
	EQ(st.mode, S_IFREG | 0644);
	/* A trailing slash follows a symlink to a directory even without LOOKUP_FOLLOW. */
	EQ(lstat_("lrel/"), 0);
	EQ(st.mode, S_IFDIR | 0755);
	EQ(lstat_("lrel"), 0);
	EQ(st.mode, S_IFLNK | 0777);
	EQ(stat_("dangling2"), -ENOENT);
	EQ(do_symlinkat("nowhere", AT_FDCWD, "dangling2"), 0);
	EQ(stat_("dangling2"), -ENOENT);
	EQ(lstat_("dangling2"), 0);
	/* Loops. */
	EQ(do_symlinkat("loop2", AT_FDCWD, "loop1"), 0);
	EQ(do_symlinkat("loop1", AT_FDCWD, "loop2"), 0);
	EQ(do_symlinkat("self", AT_FDCWD, "self"), 0);
	EQ(stat_("loop1"), -ELOOP);
	EQ(lstat_("loop1"), 0);
	EQ(stat_("self"), -ELOOP);
	EQ(stat_("self/x"), -ELOOP);
	EQ(open_err(AT_FDCWD, "loop1", O_RDONLY, 0), -ELOOP);
	/* 40 links followed in one walk, not 41. */
	EQ(do_mkdirat(AT_FDCWD, "chain", 0755), 0);
	EQ(put_file("chain/end", 0644), 0);
	EQ(do_symlinkat("end", AT_FDCWD, "chain/l0"), 0);
	for (int i = 1; i <= 40; i++) {
		char n[32], to[32];

		snprintf(n, sizeof(n), "chain/l%d", i);
		snprintf(to, sizeof(to), "l%d", i - 1);
		do_symlinkat(to, AT_FDCWD, n);
	}
	EQ(stat_("chain/l39"), 0);
	EQ(stat_("chain/l40"), -ELOOP);
	EQ(open_err(AT_FDCWD, "chain/l39", O_RDONLY, 0), 0);
	EQ(open_err(AT_FDCWD, "chain/l40", O_RDONLY, 0), -ELOOP);
	/* Absolute targets, and one into the other mount. */
	EQ(do_symlinkat("/t/r4", AT_FDCWD, "abs"), 0);
	EQ(stat_("abs"), 0);
	EQ(st.ino, ino_of("/t/r4"));
	EQ(do_symlinkat("/dev", AT_FDCWD, "ldev"), 0);
	EQ(stat_("ldev"), 0);
	EQ(st.dev, 3);
	EQ(stat_("ldev/.."), 0);
	EQ(st.ino, ino_of("/"));
}

/* N of "entry-with-a-longer-name-NNN", or -1. */
static int entry_number(const char *name)
{
	static const char prefix[] = "entry-with-a-longer-name-";
	const char *p = name + sizeof(prefix) - 1;

	if (strlen(name) != sizeof(prefix) + 2 || memcmp(name, prefix, sizeof(prefix) - 1))
		return -1;
	return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

static void test_getdents(void)
{
	static const char *const names[] = {".", "..", "file", "sub", "link"};
	static const unsigned char types[] = {DT_DIR, DT_DIR, DT_REG, DT_DIR, DT_LNK};
	int seen[5] = {0}, others = 0, count = 0, bad = 0;
	long n, n2, total = 0;
	long long off_after_first = -1;
	char first[64] = "";
	struct file *f;

	EQ(do_mkdirat(AT_FDCWD, "g", 0755), 0);
	EQ(do_mkdirat(AT_FDCWD, "g/sub", 0755), 0);
	EQ(put_file("g/file", 0644), 0);
	EQ(do_symlinkat("file", AT_FDCWD, "g/link"), 0);
	f = do_filp_open(AT_FDCWD, "g", O_RDONLY | O_DIRECTORY, 0);
	T(!IS_ERR(f));
	if (IS_ERR(f))
		return;
	n = vfs_getdents64(f, buf, sizeof(buf));
	T(n > 0);
	for (long pos = 0; pos < n;) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + pos);
		int k;
		char path[64];

		if (d->d_reclen % 8 || d->d_reclen < 24 || pos + d->d_reclen > n) {
			bad = 1;
			break;
		}
		for (k = 0; k < 5 && strcmp(d->d_name, names[k]); k++)
			;
		if (k == 5) {
			others++;
		} else {
			seen[k]++;
			snprintf(path, sizeof(path), "g/%s", names[k]);
			if (d->d_type != types[k] || (long long)d->d_ino != ino_of(path))
				bad = 1;
		}
		if (count == 0 && strcmp(d->d_name, "."))
			bad = 1;
		if (count == 1 && strcmp(d->d_name, ".."))
			bad = 1;
		if (d->d_off != count + 1)
			bad = 1;
		count++;
		pos += d->d_reclen;
		total = pos;
	}
	T(!bad && total == n && count == 5 && !others);
	T(seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && seen[3] == 1 && seen[4] == 1);
	EQ(vfs_getdents64(f, buf, sizeof(buf)), 0);
	EQ(vfs_getdents64(f, buf, sizeof(buf)), 0);
	EQ(vfs_llseek(f, 0, 0), 0);
	EQ(vfs_getdents64(f, buf, sizeof(buf)), n);
	EQ(vfs_llseek(f, 0, 2), -EINVAL);
	EQ(vfs_llseek(f, -1, 0), -EINVAL);
	vfs_llseek(f, 0, 0);
	EQ(vfs_getdents64(f, buf, 23), -EINVAL);
	EQ(vfs_getdents64(f, buf, 24), 24);
	EQ(strcmp(((struct linux_dirent64 *)buf)->d_name, "."), 0);
	{
		int calls = 0, got = 1;

		while (calls < 10 && (n2 = vfs_getdents64(f, buf, 32)) > 0) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)buf;

			if (!calls) {
				off_after_first = d->d_off;
				snprintf(first, sizeof(first), "%s", d->d_name);
			}
			calls++;
			got++;
		}
		T(got == 5 && n2 == 0);
	}
	EQ(vfs_llseek(f, off_after_first, 0), off_after_first);
	n = vfs_getdents64(f, buf, sizeof(buf));
	{
		int dup = 0, k = 0;

		for (long pos = 0; pos < n; k++) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + pos);

			if (!strcmp(d->d_name, first) || !strcmp(d->d_name, "."))
				dup = 1;
			pos += d->d_reclen;
		}
		T(!dup && k == 3);
	}
	fput(f);
	f = do_filp_open(AT_FDCWD, "g/file", O_RDONLY, 0);
	T(!IS_ERR(f));
	if (!IS_ERR(f)) {
		EQ(vfs_getdents64(f, buf, sizeof(buf)), -ENOTDIR);
		fput(f);
	}

	/* 300 entries, 1 KiB at a time; names made and removed meanwhile never repeat one. */
	{
		static unsigned char seen_many[400];
		int dups = 0, missing = 0, made = 0;
		char path[64];

		EQ(do_mkdirat(AT_FDCWD, "many", 0755), 0);
		for (int i = 0; i < 300; i++) {
			snprintf(path, sizeof(path), "many/entry-with-a-longer-name-%03d", i);
			made += put_file(path, 0644) == 0;
		}
		EQ(made, 300);
		EQ(size_of("many"), 40 + 20 * 300);
		f = do_filp_open(AT_FDCWD, "many", O_RDONLY | O_DIRECTORY, 0);
		T(!IS_ERR(f));
		if (IS_ERR(f))
			return;
		for (int round = 0; (n = vfs_getdents64(f, buf, 1024)) > 0; round++) {
			for (long pos = 0; pos < n;) {
				struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + pos);
				int i;

				i = entry_number(d->d_name);
				if (i >= 0 && seen_many[i]++)
					dups++;
				pos += d->d_reclen;
			}
			if (round == 2) {
				/* New names, and removals of names returned and not yet returned.
				 */
				for (int i = 300; i < 310; i++) {
					snprintf(path, sizeof(path),
						 "many/entry-with-a-longer-name-%03d", i);
					put_file(path, 0644);
				}
				for (int i = 0; i < 300; i += 7) {
					snprintf(path, sizeof(path),
						 "many/entry-with-a-longer-name-%03d", i);
					if (!seen_many[i] || i % 2)
						do_unlinkat(AT_FDCWD, path);
				}
			}
		}
		EQ(n, 0);
		EQ(dups, 0);
		for (int i = 0; i < 300; i++) {
			snprintf(path, sizeof(path), "many/entry-with-a-longer-name-%03d", i);
			if (!seen_many[i] && exists(path))
				missing++;
		}
		EQ(missing, 0);
		fput(f);
	}
	/* A removed directory: getdents64 ENOENT. */
	EQ(do_mkdirat(AT_FDCWD, "gone", 0755), 0);
	f = do_filp_open(AT_FDCWD, "gone", O_RDONLY | O_DIRECTORY, 0);
	EQ(do_rmdir(AT_FDCWD, "gone"), 0);
	if (!IS_ERR(f)) {
		EQ(vfs_getdents64(f, buf, sizeof(buf)), -ENOENT);
		fput(f);
	}
}

static void test_cwd(void)
{
	char b[512];
	struct file *f;
	int fd;

	EQ(strcmp(cwd(), "/t"), 0);
	EQ(do_mkdirat(AT_FDCWD, "cwd", 0755), 0);
	EQ(do_mkdirat(AT_FDCWD, "cwd/in", 0755), 0);
	EQ(do_chdir("cwd"), 0);
	EQ(strcmp(cwd(), "/t/cwd"), 0);
	EQ(do_chdir(".."), 0);
	EQ(strcmp(cwd(), "/t"), 0);
	EQ(do_symlinkat("cwd/in", AT_FDCWD, "lcwd"), 0);
	EQ(do_chdir("lcwd"), 0);
	EQ(strcmp(cwd(), "/t/cwd/in"), 0);
	EQ(do_chdir("/"), 0);
	EQ(strcmp(cwd(), "/"), 0);
	EQ(do_chdir("/dev"), 0);
	EQ(strcmp(cwd(), "/dev"), 0);
	EQ(do_chdir("/t"), 0);
	EQ(do_chdir("missing"), -ENOENT);
	EQ(do_chdir("r4"), -ENOTDIR);
	EQ(do_chdir(""), -ENOENT);
	EQ(do_chdir(NULL), -EFAULT);
	EQ(strcmp(cwd(), "/t"), 0);
	EQ(vfs_getcwd(b, 3), 3);
	EQ(vfs_getcwd(b, 2), -ERANGE);
	fd = open_fd("cwd", O_DIRECTORY);
	T(fd >= 0);
	EQ(do_fchdir(fd), 0);
	EQ(strcmp(cwd(), "/t/cwd"), 0);
	EQ(do_chdir("/t"), 0);
	close_fd((unsigned int)fd);
	EQ(do_fchdir(fd), -EBADF);

	EQ(do_chdir("cwd"), 0);
	EQ(do_renameat2(AT_FDCWD, "../cwd", AT_FDCWD, "../cwd2", 0), 0);
	EQ(strcmp(cwd(), "/t/cwd2"), 0);
	EQ(do_chdir("in"), 0);
	EQ(do_rmdir(AT_FDCWD, "../in"), 0);
	EQ(vfs_getcwd(b, sizeof(b)), -ENOENT);
	EQ(open_err(AT_FDCWD, "x", O_RDWR | O_CREAT, 0644), -ENOENT);
	EQ(do_mkdirat(AT_FDCWD, "x", 0755), -ENOENT);
	f = do_filp_open(AT_FDCWD, ".", O_RDONLY | O_DIRECTORY, 0);
	T(!IS_ERR(f));
	if (!IS_ERR(f)) {
		char *p = d_path(&f->f_path, b, sizeof(b));

		T(!IS_ERR(p) && !strcmp(p, "/t/cwd2/in (deleted)"));
		EQ(vfs_getdents64(f, buf, sizeof(buf)), -ENOENT);
		fput(f);
	}
	EQ(do_chdir(".."), 0);
	EQ(strcmp(cwd(), "/t/cwd2"), 0);

	/* 40 levels. */
	{
		static char deep[PATH_MAX];
		int ok = 1;

		snprintf(deep, sizeof(deep), "/t/cwd2");
		for (int i = 0; i < 40 && ok; i++) {
			char name[32];
			size_t len = strlen(deep);

			snprintf(name, sizeof(name), "level-%02d-of-the-tree", i);
			ok = !do_mkdirat(AT_FDCWD, name, 0755) && !do_chdir(name);
			snprintf(deep + len, sizeof(deep) - len, "/%s", name);
		}
		T(ok);
		EQ(strcmp(cwd(), deep), 0);
	}
	EQ(do_chdir("/t"), 0);
}

static void test_open(void)
{
	static char name[PATH_MAX + 8];
	struct file *f;
	struct timespec64 t0;
	int dfd, ffd;

	EQ(open_err(AT_FDCWD, "nothere", O_RDONLY, 0), -ENOENT);
	EQ(put_file("o1", 0777), 0);
	EQ(mode_of("o1"), S_IFREG | 0755);
	EQ(lstat_("o1"), 0);
	EQ(st.size, 0);
	EQ(st.nlink, 1);
	EQ(st.uid, 0);
	EQ(st.gid, 0);
	EQ(st.blksize, 4096);
	EQ(st.rdev, 0);
	EQ(st.blocks, 0);
	T(st.result_mask & STATX_BTIME);
	EQ(st.dev, 2);
	EQ(do_umask(0), 022);
	EQ(put_file("o2", 0666), 0);
	EQ(mode_of("o2"), S_IFREG | 0666);
	EQ(do_umask(077), 0);
	EQ(put_file("o3", 0666), 0);
	EQ(mode_of("o3"), S_IFREG | 0600);
	EQ(do_mkdirat(AT_FDCWD, "od", 0777), 0);
	EQ(mode_of("od"), S_IFDIR | 0700);
	EQ(do_symlinkat("o1", AT_FDCWD, "ol"), 0);
	EQ(mode_of("ol"), S_IFLNK | 0777);
	EQ(do_umask(0777 | 01000), 077);
	EQ(do_umask(022), 0777);
	EQ(open_err(AT_FDCWD, "o4", O_CREAT | O_RDWR, S_IFDIR | 01777), 0);
	EQ(mode_of("o4"), S_IFREG | 01755);
	EQ(open_err(AT_FDCWD, "o1", O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST);
	EQ(open_err(AT_FDCWD, "ol", O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST);
	EQ(do_symlinkat("made-through-link", AT_FDCWD, "odangling"), 0);
	EQ(open_err(AT_FDCWD, "odangling", O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST);
	EQ(open_err(AT_FDCWD, "odangling", O_CREAT | O_RDWR, 0640), 0);
	EQ(mode_of("made-through-link"), S_IFREG | 0640);
	EQ(open_err(AT_FDCWD, "o1", O_EXCL | O_RDWR, 0), 0);
	EQ(open_err(AT_FDCWD, "o1", O_CREAT | O_RDWR, 0600), 0);
	EQ(mode_of("o1"), S_IFREG | 0755);
	/* Root opens a 0444 file for writing; its creator writes a 0444 file it made. */
	EQ(put_file("ro", 0444), 0);
	EQ(open_err(AT_FDCWD, "ro", O_RDWR, 0), 0);
	EQ(open_err(AT_FDCWD, "o1", O_RDWR | O_WRONLY, 0), 0);
	/* O_TRUNC of an empty file: times move (also read-only). */
	t0 = mtime_of("o1");
	tick();
	EQ(open_err(AT_FDCWD, "o1", O_RDONLY | O_TRUNC, 0), 0);
	T(later(mtime_of("o1"), t0));
	t0 = mtime_of("o1");
	tick();
	EQ(open_err(AT_FDCWD, "o1", O_RDONLY, 0), 0);
	T(!later(mtime_of("o1"), t0));

	/* Directories. */
	EQ(open_err(AT_FDCWD, "od", O_RDONLY | O_DIRECTORY, 0), 0);
	EQ(open_err(AT_FDCWD, "od", O_RDONLY, 0), 0);
	EQ(open_err(AT_FDCWD, "o1", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	EQ(open_err(AT_FDCWD, "od", O_WRONLY, 0), -EISDIR);
	EQ(open_err(AT_FDCWD, "od", O_RDWR, 0), -EISDIR);
	EQ(open_err(AT_FDCWD, "od", O_RDONLY | O_CREAT, 0644), -EISDIR);
	EQ(open_err(AT_FDCWD, "od", O_RDONLY | O_TRUNC, 0), -EISDIR);
	EQ(open_err(AT_FDCWD, "od", O_RDONLY | O_CREAT | O_EXCL, 0644), -EEXIST);
	EQ(open_err(AT_FDCWD, "odnew", O_RDONLY | O_CREAT | O_DIRECTORY, 0644), -EINVAL);
	EQ(lstat_("odnew"), -ENOENT);
	EQ(open_err(AT_FDCWD, "od", O_RDONLY | O_CREAT | O_DIRECTORY, 0644), -EINVAL);

	/* The walk. */
	EQ(open_err(AT_FDCWD, "o1/x", O_RDONLY, 0), -ENOTDIR);
	EQ(open_err(AT_FDCWD, "no/x", O_RDONLY, 0), -ENOENT);
	EQ(open_err(AT_FDCWD, "o1/", O_RDONLY, 0), -ENOTDIR);
	EQ(open_err(AT_FDCWD, "onew/", O_RDWR | O_CREAT, 0644), -EISDIR);
	EQ(open_err(AT_FDCWD, "od/", O_RDONLY, 0), 0);
	EQ(open_err(AT_FDCWD, "", O_RDONLY, 0), -ENOENT);
	EQ(open_err(AT_FDCWD, NULL, O_RDONLY, 0), -EFAULT);
	EQ(open_err(AT_FDCWD, ".", O_RDONLY, 0), 0);
	EQ(open_err(AT_FDCWD, "..", O_RDONLY, 0), 0);
	EQ(open_err(AT_FDCWD, "//t//o1", O_RDONLY, 0), 0);
	EQ(open_err(AT_FDCWD, "o1/..", O_RDONLY, 0), -ENOTDIR);
	EQ(open_err(AT_FDCWD, "o1/.", O_RDONLY, 0), -ENOTDIR);
	memset(name, 'n', 255);
	name[255] = '\0';
	EQ(open_err(AT_FDCWD, name, O_RDWR | O_CREAT, 0644), 0);
	EQ(do_unlinkat(AT_FDCWD, name), 0);
	name[255] = 'n';
	name[256] = '\0';
	EQ(open_err(AT_FDCWD, name, O_RDWR | O_CREAT, 0644), -ENAMETOOLONG);
	EQ(open_err(AT_FDCWD, name, O_RDONLY, 0), -ENAMETOOLONG);
	/* 4095 bytes ("./" 2046 times and "/o1") fit; 4096 do not. */
	for (int i = 0; i < 4092; i += 2)
		memcpy(name + i, "./", 2);
	memcpy(name + 4092, "/o1", 4);
	EQ(strlen(name), 4095);
	EQ(open_err(AT_FDCWD, name, O_RDONLY, 0), 0);
	memcpy(name + 4092, "//o1", 5);
	EQ(strlen(name), 4096);
	EQ(open_err(AT_FDCWD, name, O_RDONLY, 0), -ENAMETOOLONG);

	/* Symlinks. */
	EQ(do_symlinkat("od", AT_FDCWD, "lod"), 0);
	EQ(open_err(AT_FDCWD, "ol", O_RDONLY, 0), 0);
	EQ(open_err(AT_FDCWD, "ol", O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
	EQ(open_err(AT_FDCWD, "lod/", O_RDONLY | O_NOFOLLOW, 0), 0);
	EQ(put_file("od/in", 0644), 0);
	EQ(open_err(AT_FDCWD, "lod/in", O_RDONLY | O_NOFOLLOW, 0), 0);
	EQ(open_err(AT_FDCWD, "lod", O_RDONLY | O_NOFOLLOW | O_DIRECTORY, 0), -ENOTDIR);
	EQ(open_err(AT_FDCWD, "dangling2", O_RDONLY, 0), -ENOENT);
	EQ(open_err(AT_FDCWD, "ol/", O_RDONLY, 0), -ENOTDIR);

	/* openat. */
	dfd = open_fd("od", O_DIRECTORY);
	T(dfd >= 0);
	EQ(open_err(dfd, "in", O_RDONLY, 0), 0);
	EQ(open_err(dfd, "new", O_RDWR | O_CREAT, 0644), 0);
	T(exists("od/new"));
	EQ(open_err(dfd, "../o1", O_RDONLY, 0), 0);
	EQ(open_err(dfd, "", O_RDONLY, 0), -ENOENT);
	EQ(open_err(-5, "/t/o1", O_RDONLY, 0), 0);
	EQ(open_err(-5, "o1", O_RDONLY, 0), -EBADF);
	EQ(open_err(999, "o1", O_RDONLY, 0), -EBADF);
	EQ(do_mkdirat(dfd, "sub", 0755), 0);
	T(exists("od/sub"));
	EQ(vfs_fstatat(dfd, "", AT_EMPTY_PATH, &st), 0);
	EQ(st.ino, ino_of("od"));
	EQ(vfs_fstatat(dfd, "", 0, &st), -ENOENT);
	EQ(vfs_fstatat(dfd, "in", 0x8000, &st), -EINVAL);
	EQ(do_renameat2(AT_FDCWD, "od", AT_FDCWD, "od-moved", 0), 0);
	EQ(open_err(dfd, "in", O_RDONLY, 0), 0);
	EQ(do_renameat2(AT_FDCWD, "od-moved", AT_FDCWD, "od", 0), 0);
	ffd = open_fd("o1", 0);
	T(ffd >= 0);
	EQ(open_err(ffd, "x", O_RDONLY, 0), -ENOTDIR);
	EQ(vfs_fstatat(ffd, "", AT_EMPTY_PATH, &st), 0);
	EQ(st.ino, ino_of("o1"));
	EQ(do_mkdirat(ffd, "x", 0755), -ENOTDIR);
	close_fd((unsigned int)ffd);
	close_fd((unsigned int)dfd);

	/* The file an open returns. */
	f = do_filp_open(AT_FDCWD, "o1", O_RDWR | O_CREAT | O_TRUNC, 0644);
	T(!IS_ERR(f));
	if (!IS_ERR(f)) {
		T(f->f_path.dentry->d_inode->i_ino == (unsigned long)ino_of("o1"));
		EQ(f->f_flags, O_RDWR);
		T(f->f_op->read == NULL && f->f_op->write == NULL);
		fput(f);
	}
}

/* An unprivileged caller: search and write permission are checked; root's bypass goes. */
static void test_permission(void)
{
	struct cred saved = init_cred;

	EQ(do_mkdirat(AT_FDCWD, "locked", 0), 0);
	EQ(put_file("locked/in", 0644), 0); /* root: any directory */
	EQ(stat_("locked/in"), 0);
	EQ(put_file("private", 0600), 0);
	EQ(do_umask(0), 022);
	EQ(do_mkdirat(AT_FDCWD, "pub", 0777), 0);
	EQ(do_umask(022), 0);
	init_cred.fsuid = init_cred.euid = 1000;
	init_cred.fsgid = init_cred.egid = 1000;
	init_cred.cap_effective = 0;
	EQ(stat_("locked/in"), -EACCES);
	EQ(open_err(AT_FDCWD, "private", O_RDONLY, 0), -EACCES);
	EQ(open_err(AT_FDCWD, "o1", O_RDWR, 0), -EACCES);
	EQ(open_err(AT_FDCWD, "o1", O_RDONLY, 0), 0);
	EQ(do_mkdirat(AT_FDCWD, "mine", 0755), -EACCES);
	EQ(do_unlinkat(AT_FDCWD, "o1"), -EACCES);
	EQ(do_mkdirat(AT_FDCWD, "pub/mine", 0755), 0);
	EQ(lstat_("pub/mine"), 0);
	EQ(st.uid, 1000);
	EQ(st.gid, 1000);
	init_cred = saved;
	EQ(do_rmdir(AT_FDCWD, "pub/mine"), 0);
}

int main(void)
{
	unsigned long inodes0 = nr_inodes, dentries0 = nr_dentry;

	printf("vfs_names: %lu inodes and %lu dentries after the boot\n", inodes0, dentries0);
	test_boot_tree();
	EQ(do_mkdirat(AT_FDCWD, "/t", 0755), 0);
	EQ(do_chdir("/t"), 0);
	test_mkdir_rmdir();
	test_unlink();
	test_rename();
	test_symlink_readlink();
	test_getdents();
	test_cwd();
	test_open();
	test_permission();
	printf("vfs_names: %lu inodes and %lu dentries with the tree\n", nr_inodes, nr_dentry);
	EQ(do_chdir("/"), 0);
	snprintf(tree_path, sizeof(tree_path), "/t");
	remove_tree(2);
	EQ(lstat_("/t"), -ENOENT);
	EQ(nlink_of("/"), 3);
	EQ(size_of("/"), 60);
	EQ(nr_inodes, inodes0);
	EQ(nr_dentry, dentries0);
	printf("vfs_names: %lu inodes and %lu dentries after removing it\n", nr_inodes, nr_dentry);
	printf("vfs_names: %d checks, %d failed\n", checks, check_failures);
	return check_failures;
}
