/*
 * The initramfs (docs/files.md, "The initramfs"): tools/mkinitramfs.c checked against the
 * system's GNU cpio (its listing and its extraction reproduce the tree), and fs/initramfs.c's
 * parser on archives from mkinitramfs (a temporary tree, tests/qemu/files/data), from
 * `cpio -o -H newc`, concatenated and zero-padded ones, and on every refusal, built here by
 * breaking good archives: the entry named, the reason and the archive offset.
 */
#define _GNU_SOURCE
#define main mkinitramfs_main
#include "tools/mkinitramfs.c"
#undef main

#include "fs/initramfs.h"
#include "tests/host/check.h"

#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>

#ifndef UNIARM_SOURCE_DIR
#error "UNIARM_SOURCE_DIR: the source tree (tests/host/CMakeLists.txt defines it)"
#endif

/* --- helpers ----------------------------------------------------------------------------- */

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r);
	fclose(f);
	*len = n;
	return buf;
}

static void write_all(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		abort();
}

/* Run a shell command; its exit status (-1 when it did not exit). */
static int sh(const char *cmd)
{
	int st = system(cmd);

	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void set_mtime(const char *path, time_t t)
{
	struct timespec ts[2] = {{t, 0}, {t, 0}};

	if (utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW))
		abort();
}

static void put_file(const char *root, const char *name, const void *p, size_t n, mode_t mode,
		     time_t t)
{
	char *path = xasprintf("%s/%s", root, name);

	write_all(path, p, n);
	if (chmod(path, mode))
		abort();
	set_mtime(path, t);
	free(path);
}

/* The sample tree, in the order mkinitramfs must write it. */
static const char *const sample_order[] = {
	"a", "a/b", "a/b/deep.txt", "a/dangling", "a/empty", "a/exec", "a/link", "a-b", "z",
};
#define SAMPLE_N (sizeof(sample_order) / sizeof(sample_order[0]))
#define DEEP_LEN 70001 /* more than mkinitramfs's 64 KiB read buffer */

static void make_sample_tree(const char *root)
{
	static unsigned char deep[DEEP_LEN];
	char *p;

	for (size_t i = 0; i < sizeof(deep); i++)
		deep[i] = (unsigned char)(i * 7 + i / 251);
	p = xasprintf("%s/a/b", root);
	if (mkdir(p, 0755) && errno != EEXIST) {
		char *a = xasprintf("%s/a", root);
		if (mkdir(a, 0750) || mkdir(p, 0755))
			abort();
		free(a);
	}
	free(p);
	put_file(root, "a/b/deep.txt", deep, sizeof(deep), 0644, 1600000100);
	put_file(root, "a/empty", "", 0, 0444, 1600000200);
	put_file(root, "a/exec", "#!/bin/sh\n", 10, 0755, 1600000300);
	put_file(root, "a-b", "dash", 4, 0600, 1600000400);
	p = xasprintf("%s/a/link", root);
	if (symlink("b/deep.txt", p))
		abort();
	set_mtime(p, 1600000500);
	free(p);
	p = xasprintf("%s/a/dangling", root);
	if (symlink("../nowhere", p))
		abort();
	set_mtime(p, 1600000600);
	free(p);
	p = xasprintf("%s/z", root);
	if (mkdir(p, 0700))
		abort();
	set_mtime(p, 1600000700);
	free(p);
	p = xasprintf("%s/a/b", root);
	set_mtime(p, 1600000800);
	free(p);
	p = xasprintf("%s/a", root);
	chmod(p, 0750);
	set_mtime(p, 1600000900);
	free(p);
}

static char *make_tmpdir(void)
{
	char *d = strdup("/tmp/test_initramfs.XXXXXX");

	if (!mkdtemp(d))
		abort();
	return d;
}

static void remove_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	sh(cmd);
	free(cmd);
}

/* mkinitramfs() with its stderr caught in *msg; its return value. */
static int pack(const char *dir, const char *out, char **msg)
{
	char path[] = "/tmp/test_initramfs.err.XXXXXX";
	int fd = mkstemp(path), saved = dup(2), ret;
	size_t n;

	fflush(stderr);
	dup2(fd, 2);
	ret = mkinitramfs(dir, out);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	*msg = (char *)read_all(path, &n);
	*msg = realloc(*msg, n + 1);
	(*msg)[n] = '\0';
	unlink(path);
	return ret;
}

/* --- the tree compared with its copy ---------------------------------------------------- */

/* Every entry of src exists in dst with the same type, permissions, contents or target and
 * (files) mtime; dst has nothing more. */
static void compare_trees(const char *src, const char *dst, const char *what)
{
	char *cmd = xasprintf("cd '%s' && find . | LC_ALL=C sort > /tmp/cmp.%d.a && cd '%s' && "
			      "find . | LC_ALL=C sort > /tmp/cmp.%d.b && cmp -s /tmp/cmp.%d.a "
			      "/tmp/cmp.%d.b",
			      src, getpid(), dst, getpid(), getpid(), getpid());
	FILE *f;
	char line[4200];

	CHECK(sh(cmd) == 0, "%s: the trees list different names", what);
	free(cmd);
	cmd = xasprintf("/tmp/cmp.%d.a", getpid());
	f = fopen(cmd, "r");
	while (f && fgets(line, sizeof(line), f)) {
		struct stat a, b;
		char *pa, *pb;

		line[strcspn(line, "\n")] = '\0';
		pa = xasprintf("%s/%s", src, line);
		pb = xasprintf("%s/%s", dst, line);
		if (lstat(pa, &a) || lstat(pb, &b)) {
			CHECK(0, "%s: %s: lstat failed", what, line);
		} else if (strcmp(line, ".")) {
			CHECK(a.st_mode == b.st_mode, "%s: %s: mode %o, copy %o", what, line,
			      a.st_mode, b.st_mode);
			if (S_ISREG(a.st_mode)) {
				size_t na, nb;
				unsigned char *da = read_all(pa, &na), *db = read_all(pb, &nb);
				CHECK(na == nb && !memcmp(da, db, na), "%s: %s: contents differ",
				      what, line);
				CHECK(a.st_mtime == b.st_mtime, "%s: %s: mtime %ld, copy %ld", what,
				      line, (long)a.st_mtime, (long)b.st_mtime);
				free(da);
				free(db);
			} else if (S_ISLNK(a.st_mode)) {
				char ta[4200] = "", tb[4200] = "";
				CHECK(readlink(pa, ta, sizeof(ta) - 1) > 0 &&
					      readlink(pb, tb, sizeof(tb) - 1) > 0 &&
					      !strcmp(ta, tb),
				      "%s: %s: target '%s', copy '%s'", what, line, ta, tb);
			}
		}
		free(pa);
		free(pb);
	}
	if (f)
		fclose(f);
	unlink(cmd);
	free(cmd);
	cmd = xasprintf("/tmp/cmp.%d.b", getpid());
	unlink(cmd);
	free(cmd);
}

/* --- mkinitramfs against GNU cpio --------------------------------------------------------- */

static void test_mkinitramfs(void)
{
	char *tree = make_tmpdir(), *work = make_tmpdir(), *out = xasprintf("%s/t.cpio", work);
	char *copy = xasprintf("%s/copy", work), *cmd, *msg, *list;
	size_t n;

	make_sample_tree(tree);
	CHECK(pack(tree, out, &msg) == 0, "mkinitramfs failed: %s", msg);
	CHECK(!*msg, "mkinitramfs said: %s", msg);
	free(msg);

	/* cpio lists the names in mkinitramfs's order, each with its type and target. */
	cmd = xasprintf("cpio -it --quiet < '%s' > '%s/list' 2>&1", out, work);
	CHECK(sh(cmd) == 0, "cpio -it failed");
	free(cmd);
	cmd = xasprintf("%s/list", work);
	list = (char *)read_all(cmd, &n);
	free(cmd);
	{
		char want[512] = "";
		for (size_t i = 0; i < SAMPLE_N; i++)
			strcat(strcat(want, sample_order[i]), "\n");
		CHECK(list && n == strlen(want) && !memcmp(list, want, n),
		      "cpio -it lists\n%.*s\nwant\n%s", (int)n, list ? list : "", want);
	}
	free(list);
	cmd = xasprintf("cpio -itv --quiet < '%s' > '%s/listv' 2>&1", out, work);
	CHECK(sh(cmd) == 0, "cpio -itv failed");
	free(cmd);
	cmd = xasprintf("%s/listv", work);
	list = (char *)read_all(cmd, &n);
	list = realloc(list, n + 1);
	list[n] = '\0';
	free(cmd);
	CHECK(strstr(list, "lrwxrwxrwx   1 root     root           10 ") &&
		      strstr(list, " a/link -> b/deep.txt\n") &&
		      strstr(list, " a/dangling -> ../nowhere\n") &&
		      strstr(list, "-rw-------   1 root     root            4 ") &&
		      strstr(list, "drwxr-x---   2 root     root            0 ") &&
		      strstr(list, "-rw-r--r--   1 root     root        70001 "),
	      "cpio -itv says:\n%s", list);
	free(list);

	/* Extracted, it is the tree again. */
	cmd = xasprintf("mkdir '%s' && cd '%s' && cpio -idm --quiet --no-absolute-filenames < '%s'",
			copy, copy, out);
	CHECK(sh(cmd) == 0, "cpio -idm failed");
	free(cmd);
	compare_trees(tree, copy, "mkinitramfs + cpio -idm");

	/* The shipped files of tests/qemu/files. */
	cmd = xasprintf("rm -rf '%s' '%s'", copy, out);
	sh(cmd);
	free(cmd);
	CHECK(pack(UNIARM_SOURCE_DIR "/tests/qemu/files/data", out, &msg) == 0,
	      "mkinitramfs data/ failed: %s", msg);
	free(msg);
	cmd = xasprintf("mkdir '%s' && cd '%s' && cpio -idm --quiet --no-absolute-filenames < '%s'",
			copy, copy, out);
	CHECK(sh(cmd) == 0, "cpio -idm of data/ failed");
	free(cmd);
	compare_trees(UNIARM_SOURCE_DIR "/tests/qemu/files/data", copy, "data/");

	/* What it refuses: the message names the path; no archive is left. */
	unlink(out);
	{
		char *p = xasprintf("%s/a/fifo", tree);
		CHECK(mkfifo(p, 0644) == 0, "mkfifo");
		CHECK(pack(tree, out, &msg) == -1, "a FIFO was packed");
		CHECK(strstr(msg, "mkinitramfs: ") && strstr(msg, "/a/fifo: a FIFO: uniarm's "
								  "initramfs holds directories"),
		      "FIFO message: %s", msg);
		CHECK(access(out, F_OK) && errno == ENOENT, "an archive was left");
		free(msg);
		unlink(p);
		free(p);
	}
	{
		struct sockaddr_un sa = {.sun_family = AF_UNIX};
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);
		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/z/sock", tree);
		CHECK(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind");
		CHECK(pack(tree, out, &msg) == -1, "a socket was packed");
		CHECK(strstr(msg, "/z/sock: a socket: "), "socket message: %s", msg);
		free(msg);
		close(fd);
		unlink(sa.sun_path);
	}
	{
		char *p = xasprintf("%s/a/b/null", tree);
		if (mknod(p, S_IFCHR | 0666, makedev(1, 3))) {
			printf("note: mknod %s: %s: the device node case is skipped\n", p,
			       strerror(errno));
		} else {
			CHECK(pack(tree, out, &msg) == -1, "a device node was packed");
			CHECK(strstr(msg, "/a/b/null: a character device: "), "device message: %s",
			      msg);
			free(msg);
			unlink(p);
		}
		free(p);
	}
	CHECK(pack("/nonexistent/dir", out, &msg) == -1 &&
		      strstr(msg, "mkinitramfs: /nonexistent/dir: No such file or directory"),
	      "missing dir: %s", msg);
	free(msg);
	CHECK(pack(UNIARM_SOURCE_DIR "/README.md", out, &msg) == -1 &&
		      strstr(msg, "README.md: not a directory"),
	      "not a dir: %s", msg);
	free(msg);

	remove_tree(tree);
	remove_tree(work);
	free(tree);
	free(work);
	free(out);
	free(copy);
}

/* --- the parser's callbacks: a fake file system that records what it is told ------------- */

struct rec {
	char op; /* d(ir) f(ile) l(ink) t(ime of a directory) */
	char *name;
	unsigned int mode, uid, gid;
	uint32_t mtime;
	unsigned char *data;
	size_t size;
};

static struct rec recs[512];
static int nrec;
static const char *fail_name; /* the callback for this name returns fail_ret */
static int fail_ret;

static void reset_recs(void)
{
	for (int i = 0; i < nrec; i++) {
		free(recs[i].name);
		free(recs[i].data);
	}
	nrec = 0;
	fail_name = NULL;
}

static struct rec *find_rec(const char *name)
{
	for (int i = 0; i < nrec; i++)
		if (recs[i].op != 't' && !strcmp(recs[i].name, name))
			return &recs[i];
	return NULL;
}

/* As a file system would: the parent must exist and be a directory. */
static int check_parent(const char *name)
{
	const char *slash = strrchr(name, '/');
	struct rec *r;
	char *parent;

	if (!slash)
		return 0;
	parent = strndup(name, (size_t)(slash - name));
	r = find_rec(parent);
	free(parent);
	return !r ? -ENOENT : r->op != 'd' ? -ENOTDIR : 0;
}

static int record(char op, const struct initramfs_entry *e)
{
	struct rec *r = &recs[nrec];
	int ret;

	if (fail_name && !strcmp(e->name, fail_name))
		return fail_ret;
	if (op != 't' && strcmp(e->name, ".") && (ret = check_parent(e->name)))
		return ret;
	if (nrec == (int)(sizeof(recs) / sizeof(recs[0])))
		return -ENOSPC;
	nrec++;
	r->op = op;
	r->name = strdup(e->name);
	r->mode = e->mode;
	r->uid = e->uid;
	r->gid = e->gid;
	r->mtime = e->mtime;
	r->size = e->size;
	r->data = malloc(e->size + 1);
	memcpy(r->data, e->data ? e->data : "", e->size);
	return 0;
}

static int rec_mkdir(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	return record('d', e);
}

static int rec_create(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	return record('f', e);
}

static int rec_symlink(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	return record('l', e);
}

static int rec_dir_utime(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	return record('t', e);
}

static const struct initramfs_ops rec_ops = {
	.mkdir = rec_mkdir,
	.create = rec_create,
	.symlink = rec_symlink,
	.dir_utime = rec_dir_utime,
};

/* The recorded entries are the tree under root: every name once, with its type, mode, owner 0,
 * mtime, contents or target; each directory before its contents; then each directory's time,
 * after the last entry. with_root: the archive has an entry for the root ("."). */
static void check_recs_tree(const char *root, const char *what, int with_root)
{
	char *cmd = xasprintf("cd '%s' && find . -mindepth 1 | wc -l", root);
	FILE *p = popen(cmd, "r");
	int n = -1, ndirs = 0, first_time = -1;

	if (!p || fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	free(cmd);
	for (int i = 0; i < nrec; i++) {
		struct rec *r = &recs[i];
		struct stat st;
		char *path = xasprintf("%s/%s", root, r->name);

		if (r->op == 't') {
			if (first_time < 0)
				first_time = i;
		} else {
			CHECK(first_time < 0, "%s: %s reported after a directory time", what,
			      r->name);
			if (r->op == 'd')
				ndirs++;
		}
		if (lstat(path, &st)) {
			CHECK(0, "%s: %s: not in the tree", what, r->name);
			free(path);
			continue;
		}
		CHECK(r->uid == 0 && r->gid == 0, "%s: %s: owner %u:%u", what, r->name, r->uid,
		      r->gid);
		if (strcmp(r->name, ".")) {
			CHECK(r->mode == st.st_mode, "%s: %s: mode %o, want %o", what, r->name,
			      r->mode, st.st_mode);
			CHECK(r->mtime == (uint32_t)st.st_mtime, "%s: %s: mtime %u, want %ld", what,
			      r->name, r->mtime, (long)st.st_mtime);
		}
		switch (r->op) {
		case 'd':
		case 't':
			CHECK(S_ISDIR(st.st_mode) && r->size == 0, "%s: %s: not a directory", what,
			      r->name);
			break;
		case 'f': {
			size_t len;
			unsigned char *d = read_all(path, &len);
			CHECK(S_ISREG(st.st_mode) && len == r->size && !memcmp(d, r->data, len),
			      "%s: %s: contents differ (%zu bytes, want %zu)", what, r->name,
			      r->size, len);
			free(d);
			break;
		}
		case 'l': {
			char t[4200] = "";
			ssize_t len = readlink(path, t, sizeof(t));
			CHECK(S_ISLNK(st.st_mode) && len == (ssize_t)r->size &&
				      !memcmp(t, r->data, r->size),
			      "%s: %s: target '%.*s', want '%s'", what, r->name, (int)r->size,
			      r->data, t);
			break;
		}
		}
		free(path);
	}
	CHECK(first_time >= 0 && nrec - first_time == ndirs,
	      "%s: %d directory times for %d directories", what,
	      first_time < 0 ? 0 : nrec - first_time, ndirs);
	CHECK((first_time < 0 ? nrec : first_time) == n + with_root,
	      "%s: %d entries, the tree has %d", what, first_time, n);
	/* Each directory's time is its own (mtime from the tree, checked above for dirs when
	 * the tree's directory times are kept: compare with the entry reported by mkdir). */
	for (int i = first_time < 0 ? nrec : first_time; i < nrec; i++) {
		struct rec *d = find_rec(recs[i].name);
		CHECK(d && d->op == 'd' && d->mtime == recs[i].mtime && d->mode == recs[i].mode,
		      "%s: the time of %s is not its entry's", what, recs[i].name);
	}
}

static int unpack(const void *buf, size_t len, struct initramfs_error *err)
{
	reset_recs();
	memset(err, 0, sizeof(*err));
	return initramfs_unpack(buf, len, &rec_ops, NULL, err);
}

static void test_parse_mkinitramfs(void)
{
	char *tree = make_tmpdir(), *work = make_tmpdir(), *out = xasprintf("%s/t.cpio", work);
	char *msg;
	struct initramfs_error err;
	unsigned char *buf;
	size_t len;

	make_sample_tree(tree);
	CHECK(pack(tree, out, &msg) == 0, "mkinitramfs: %s", msg);
	free(msg);
	buf = read_all(out, &len);
	CHECK(unpack(buf, len, &err) == 0, "unpack of the sample: %s", err.why);
	check_recs_tree(tree, "sample", 0);
	/* The order is mkinitramfs's, and the directories' times come in archive order. */
	for (size_t i = 0; i < SAMPLE_N && i < (size_t)nrec; i++)
		CHECK(!strcmp(recs[i].name, sample_order[i]), "entry %zu is %s, want %s", i,
		      recs[i].name, sample_order[i]);
	CHECK(nrec == (int)SAMPLE_N + 3, "%d callbacks", nrec);
	CHECK(nrec == 12 && !strcmp(recs[9].name, "a") && !strcmp(recs[10].name, "a/b") &&
		      !strcmp(recs[11].name, "z") && recs[9].mtime == 1600000900 &&
		      recs[10].mtime == 1600000800 && recs[11].mtime == 1600000700,
	      "directory times");
	{
		struct rec *r = find_rec("a/link");
		CHECK(r && r->op == 'l' && r->size == 10 && !memcmp(r->data, "b/deep.txt", 10) &&
			      r->mode == (S_IFLNK | 0777) && r->mtime == 1600000500,
		      "a/link");
		r = find_rec("a/empty");
		CHECK(r && r->op == 'f' && r->size == 0 && r->mode == (S_IFREG | 0444), "a/empty");
	}
	free(buf);
	unlink(out);

	CHECK(pack(UNIARM_SOURCE_DIR "/tests/qemu/files/data", out, &msg) == 0, "data/: %s", msg);
	free(msg);
	buf = read_all(out, &len);
	CHECK(unpack(buf, len, &err) == 0, "unpack of data/: %s", err.why);
	check_recs_tree(UNIARM_SOURCE_DIR "/tests/qemu/files/data", "data/", 0);
	{
		struct rec *r = find_rec("etc/current.conf");
		CHECK(r && r->op == 'l' && r->size == 8 && !memcmp(r->data, "app.conf", 8),
		      "etc/current.conf");
		r = find_rec("share/files_shipped/lines.txt");
		CHECK(r && r->op == 'f' && r->size == 16200, "lines.txt");
		r = find_rec("bin/hello.sh");
		CHECK(r && r->mode == (S_IFREG | 0755), "bin/hello.sh");
	}
	free(buf);
	remove_tree(tree);
	remove_tree(work);
	free(tree);
	free(work);
	free(out);
}

/* `find . | cpio -o -H newc`: a "." entry for the root (reported as "."), names without
 * "./", symlinks without a NUL, the trailer padded to 512 bytes with zeros. With -print0 and
 * absolute names too. */
static void test_parse_gnu_cpio(void)
{
	char *tree = make_tmpdir(), *work = make_tmpdir(), *cmd;
	struct initramfs_error err;
	unsigned char *buf;
	size_t len;

	make_sample_tree(tree);
	cmd = xasprintf("cd '%s' && find . | cpio -o -H newc --quiet > '%s/gnu.cpio'", tree, work);
	CHECK(sh(cmd) == 0, "cpio -o failed");
	free(cmd);
	cmd = xasprintf("%s/gnu.cpio", work);
	buf = read_all(cmd, &len);
	free(cmd);
	CHECK(len % 512 == 0, "GNU cpio's archive is %zu bytes", len);
	CHECK(unpack(buf, len, &err) == 0, "unpack of cpio -o: %s at %zu", err.why, err.offset);
	check_recs_tree(tree, "cpio -o", 1);
	CHECK(nrec > 0 && recs[0].op == 'd' && !strcmp(recs[0].name, "."), "the root first: %s",
	      nrec ? recs[0].name : "");
	free(buf);

	/* Leading "/" taken off ("cpio --absolute-filenames"-style names). */
	cmd = xasprintf("cd '%s' && find \"$PWD\" -path \"$PWD\" -o -print | "
			"cpio -o -H newc --quiet > '%s/abs.cpio'",
			tree, work);
	CHECK(sh(cmd) == 0, "cpio -o (absolute) failed");
	free(cmd);
	cmd = xasprintf("%s/abs.cpio", work);
	buf = read_all(cmd, &len);
	free(cmd);
	CHECK(unpack(buf, len, &err) == -ENOENT, "absolute names: the tmp dirs are not in it");
	CHECK(nrec == 0 || recs[0].name[0] != '/', "a name kept its leading /");
	free(buf);
	remove_tree(tree);
	remove_tree(work);
	free(tree);
	free(work);
}

/* --- archives built by hand, and broken ------------------------------------------------- */

struct archive {
	unsigned char buf[20000];
	size_t len;
};

static void put(struct archive *a, const void *p, size_t n)
{
	if (n)
		memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static void pad4(struct archive *a)
{
	while (a->len & 3)
		a->buf[a->len++] = 0;
}

/* One entry; namesize (when not 0) overrides strlen(name) + 1; returns its header's offset. */
static size_t entry(struct archive *a, const char *name, unsigned int mode, unsigned int nlink,
		    const void *data, size_t size, unsigned int namesize)
{
	char hdr[111];
	size_t at = a->len;

	if (!namesize)
		namesize = (unsigned int)strlen(name) + 1;
	snprintf(hdr, sizeof(hdr), "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08x%08x",
		 721u, mode, 0u, 0u, nlink, 1700000000u, size, 0u, 0u, 0u, 0u, namesize, 0u);
	put(a, hdr, 110);
	put(a, name, strlen(name) + 1);
	pad4(a);
	put(a, data, size);
	pad4(a);
	return at;
}

static size_t trailer_entry(struct archive *a)
{
	return entry(a, "TRAILER!!!", 0, 1, NULL, 0, 0);
}

/* The start of a good archive: "etc" (header at 0) and "etc/app.conf" (header at 116, name
 * at 226, body at 240); 252 bytes. A trailer after it is at 252. */
static void base(struct archive *a)
{
	a->len = 0;
	entry(a, "etc", S_IFDIR | 0755, 2, NULL, 0, 0);
	entry(a, "etc/app.conf", S_IFREG | 0644, 1, "key = value\n", 12, 0);
}

/* The unpacking stops with ret, naming name ("after ..." when after), why and offset, and the
 * formatted message is msg. */
static void expect_refusal(const struct archive *a, int ret, const char *name, int after,
			   const char *why, size_t offset, const char *msg, int line)
{
	struct initramfs_error err;
	char text[512];
	int r = unpack(a->buf, a->len, &err);

	CHECK(r == ret, "line %d: returned %d, want %d", line, r, ret);
	if (name)
		CHECK(err.name && err.name_len == strlen(name) &&
			      !memcmp(err.name, name, err.name_len),
		      "line %d: name '%.*s', want '%s'", line, (int)err.name_len,
		      err.name ? err.name : "", name);
	else
		CHECK(!err.name, "line %d: a name", line);
	CHECK(err.after == after, "line %d: after %d", line, err.after);
	CHECK(err.why && !strcmp(err.why, why), "line %d: why '%s', want '%s'", line,
	      err.why ? err.why : "(null)", why);
	CHECK(err.offset == offset, "line %d: offset %zu, want %zu", line, err.offset, offset);
	CHECK(err.err == ret, "line %d: err %d", line, err.err);
	initramfs_error_format(&err, text, sizeof(text));
	CHECK(!strcmp(text, msg), "line %d: message\n  '%s', want\n  '%s'", line, text, msg);
}
#define REFUSED(a, ret, name, after, why, offset, msg)                                             \
	expect_refusal(a, ret, name, after, why, offset, msg, __LINE__)

static void test_concatenated(void)
{
	static struct archive a;
	struct initramfs_error err;

	base(&a);
	trailer_entry(&a);
	memset(a.buf + a.len, 0, 512);
	a.len += 512;
	entry(&a, "bin", S_IFDIR | 0700, 2, NULL, 0, 0);
	entry(&a, "etc/more", S_IFREG | 0600, 1, "x", 1, 0);
	entry(&a, "etc/app.conf", S_IFREG | 0640, 1, "again\n", 6, 0); /* replaced */
	trailer_entry(&a);
	trailer_entry(&a); /* an empty archive */
	memset(a.buf + a.len, 0, 7);
	a.len += 7; /* padding need not be whole words at the end */
	CHECK(unpack(a.buf, a.len, &err) == 0, "concatenated: %s at %zu", err.why, err.offset);
	CHECK(nrec == 7 && recs[0].op == 'd' && !strcmp(recs[2].name, "bin") &&
		      !strcmp(recs[4].name, "etc/app.conf") && recs[4].size == 6 &&
		      recs[5].op == 't' && !strcmp(recs[5].name, "etc") && recs[6].op == 't' &&
		      !strcmp(recs[6].name, "bin"),
	      "concatenated: %d callbacks", nrec);

	/* After the padding, junk: the header there is refused. */
	base(&a);
	trailer_entry(&a);
	memset(a.buf + a.len, 0, 8);
	a.len += 8;
	put(&a, "\0\0junk", 6);
	REFUSED(&a, -EINVAL, "TRAILER!!!", 1, "bad magic (not a newc cpio header)", 384,
		"after TRAILER!!!: bad magic (not a newc cpio header) at offset 384");

	/* Names as GNU cpio and others write them: "./x", "/x", "." for the root. */
	a.len = 0;
	entry(&a, ".", S_IFDIR | 0711, 2, NULL, 0, 0);
	entry(&a, "./etc", S_IFDIR | 0755, 2, NULL, 0, 0);
	entry(&a, "/etc/f", S_IFREG | 0644, 1, "", 0, 0);
	entry(&a, "etc/l", S_IFLNK | 0777, 1, "f\0", 2, 0); /* gen_init_cpio's NUL */
	entry(&a, "etc/..x", S_IFREG | 0644, 1, "", 0, 0);
	trailer_entry(&a);
	CHECK(unpack(a.buf, a.len, &err) == 0, "names: %s at %zu", err.why, err.offset);
	CHECK(nrec == 7 && !strcmp(recs[0].name, ".") && recs[0].mode == (S_IFDIR | 0711) &&
		      !strcmp(recs[1].name, "etc") && !strcmp(recs[2].name, "etc/f") &&
		      recs[3].size == 1 && recs[3].data[0] == 'f' &&
		      !strcmp(recs[4].name, "etc/..x") && !strcmp(recs[5].name, ".") &&
		      !strcmp(recs[6].name, "etc"),
	      "names: %d callbacks", nrec);
}

static void test_refusals(void)
{
	static struct archive a;
	static char longname[4200], target[4200];
	size_t h;

	/* bad magic, first header and a later one */
	base(&a);
	trailer_entry(&a);
	a.buf[5] = '7';
	REFUSED(&a, -EINVAL, NULL, 0, "bad magic (not a newc cpio header)", 0,
		"at the start: bad magic (not a newc cpio header) at offset 0");
	base(&a);
	h = trailer_entry(&a);
	memcpy(a.buf + h, "\x1f\x8b\x08", 3); /* compressed: not supported */
	REFUSED(&a, -EINVAL, "etc/app.conf", 1, "bad magic (not a newc cpio header)", h,
		"after etc/app.conf: bad magic (not a newc cpio header) at offset 252");

	/* a non-hex digit: filesize, and mtime in upper case is fine */
	base(&a);
	trailer_entry(&a);
	a.buf[116 + 6 + 8 * 6 + 7] = 'g';
	REFUSED(&a, -EINVAL, "etc", 1, "non-hex digit in the header's filesize field", 170,
		"after etc: non-hex digit in the header's filesize field at offset 170");
	base(&a);
	trailer_entry(&a);
	memcpy(a.buf + 116 + 6 + 8 * 5, "6553F100", 8);
	CHECK(unpack(a.buf, a.len, &(struct initramfs_error){0}) == 0 &&
		      find_rec("etc/app.conf")->mtime == 0x6553f100,
	      "upper-case hex");

	/* truncated header, name past the end, body past the end */
	base(&a);
	a.len = 116 + 109;
	REFUSED(&a, -EINVAL, "etc", 1, "header runs past the end of the archive", 116,
		"after etc: header runs past the end of the archive at offset 116");
	base(&a);
	a.len = 116 + 110 + 5;
	REFUSED(&a, -EINVAL, "etc", 1, "name runs past the end of the archive", 226,
		"after etc: name runs past the end of the archive at offset 226");
	base(&a);
	a.len = 240 + 11; /* one byte of the body missing */
	REFUSED(&a, -EINVAL, "etc/app.conf", 0, "body runs past the end of the archive", 240,
		"etc/app.conf: body runs past the end of the archive at offset 240");

	/* the name's NUL: missing (namesize one short), inside, none at all */
	a.len = 0;
	entry(&a, "etc", S_IFDIR | 0755, 2, NULL, 0, 3);
	trailer_entry(&a);
	REFUSED(&a, -EINVAL, "etc", 0, "name without its NUL", 112,
		"etc: name without its NUL at offset 112");
	a.len = 0;
	entry(&a, "etc", S_IFDIR | 0755, 2, NULL, 0, 0);
	entry(&a, "abXcd", S_IFREG | 0644, 1, "", 0, 0);
	trailer_entry(&a);
	a.buf[116 + 110 + 2] = '\0';
	REFUSED(&a, -EINVAL, "ab", 0, "NUL inside the name", 228,
		"ab: NUL inside the name at offset 228");
	a.len = 0;
	entry(&a, "", S_IFDIR | 0755, 2, NULL, 0, 0);
	memcpy(a.buf + 6 + 8 * 11, "00000000", 8);
	REFUSED(&a, -EINVAL, NULL, 0, "name without its NUL", 110,
		"at the start: name without its NUL at offset 110");

	/* names too long, empty, with ".." */
	memset(longname, 'n', 4096);
	longname[4096] = '\0';
	a.len = 0;
	entry(&a, longname, S_IFREG | 0644, 1, "", 0, 0);
	trailer_entry(&a);
	{
		char msg[512];
		snprintf(msg, sizeof(msg), "%.200s...: name longer than 4095 bytes at offset 110",
			 longname);
		REFUSED(&a, -ENAMETOOLONG, longname, 0, "name longer than 4095 bytes", 110, msg);
	}
	longname[4095] = '\0';
	a.len = 0;
	entry(&a, longname, S_IFREG | 0644, 1, "", 0, 0);
	trailer_entry(&a);
	CHECK(unpack(a.buf, a.len, &(struct initramfs_error){0}) == 0, "a name of 4095 bytes");
	base(&a);
	entry(&a, "", S_IFREG | 0644, 1, "", 0, 0);
	trailer_entry(&a);
	REFUSED(&a, -EINVAL, "etc/app.conf", 1, "empty name", 362,
		"after etc/app.conf: empty name at offset 362");
	for (int i = 0; i < 4; i++) {
		static const char *const dd[] = {"..", "../x", "etc/..", "etc/../../x"};
		char msg[128];
		base(&a);
		entry(&a, dd[i], S_IFREG | 0644, 1, "", 0, 0);
		trailer_entry(&a);
		snprintf(msg, sizeof(msg), "%s: '..' in the name at offset 362", dd[i]);
		REFUSED(&a, -EINVAL, dd[i], 0, "'..' in the name", 362, msg);
	}

	/* symlink targets: 4095 bytes fine, 4096 (with or without a NUL after) refused, empty */
	memset(target, 't', 4096);
	target[4095] = '\0';
	base(&a);
	entry(&a, "etc/l", S_IFLNK | 0777, 1, target, 4096, 0); /* 4095 + NUL */
	trailer_entry(&a);
	CHECK(unpack(a.buf, a.len, &(struct initramfs_error){0}) == 0 &&
		      find_rec("etc/l")->size == 4095,
	      "a target of 4095 bytes");
	target[4095] = 't';
	base(&a);
	entry(&a, "etc/l", S_IFLNK | 0777, 1, target, 4096, 0);
	trailer_entry(&a);
	REFUSED(&a, -ENAMETOOLONG, "etc/l", 0, "symlink target of 4096 bytes or more", 368,
		"etc/l: symlink target of 4096 bytes or more at offset 368");
	base(&a);
	entry(&a, "etc/l", S_IFLNK | 0777, 1, "", 0, 0);
	trailer_entry(&a);
	REFUSED(&a, -EINVAL, "etc/l", 0, "empty symlink target", 368,
		"etc/l: empty symlink target at offset 368");

	/* types: device nodes, FIFO, socket, unknown; a hard link */
	{
		static const struct {
			unsigned int mode;
			const char *why;
			int ret;
		} t[] = {
			{S_IFCHR | 0666, "device node (not supported)", -EOPNOTSUPP},
			{S_IFBLK | 0660, "device node (not supported)", -EOPNOTSUPP},
			{S_IFIFO | 0644, "FIFO (not supported)", -EOPNOTSUPP},
			{S_IFSOCK | 0755, "socket (not supported)", -EOPNOTSUPP},
			{0070644, "unknown file type", -EINVAL},
		};
		for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			char msg[128];
			base(&a);
			entry(&a, "etc/dev", t[i].mode, 1, NULL, 0, 0);
			trailer_entry(&a);
			snprintf(msg, sizeof(msg), "etc/dev: %s at offset 266", t[i].why);
			REFUSED(&a, t[i].ret, "etc/dev", 0, t[i].why, 266, msg);
		}
	}
	base(&a);
	entry(&a, "etc/hard", S_IFREG | 0644, 2, "", 0, 0);
	trailer_entry(&a);
	REFUSED(&a, -EOPNOTSUPP, "etc/hard", 0, "hard link (not supported)", 290,
		"etc/hard: hard link (not supported) at offset 290");

	/* no trailer: the archive just ends; an empty buffer */
	base(&a);
	REFUSED(&a, -EINVAL, "etc/app.conf", 1, "no TRAILER!!! (the archive ends)", 252,
		"after etc/app.conf: no TRAILER!!! (the archive ends) at offset 252");
	a.len = 0;
	REFUSED(&a, -EINVAL, NULL, 0, "no TRAILER!!! (the archive ends)", 0,
		"at the start: no TRAILER!!! (the archive ends) at offset 0");

	/* the callbacks' refusals: parent missing, parent not a directory, no memory, other */
	base(&a);
	entry(&a, "usr/bin", S_IFDIR | 0755, 2, NULL, 0, 0);
	trailer_entry(&a);
	REFUSED(&a, -ENOENT, "usr/bin", 0, "parent directory missing", 252,
		"usr/bin: parent directory missing at offset 252");
	base(&a);
	entry(&a, "etc/app.conf/x", S_IFLNK | 0777, 1, "y", 1, 0);
	trailer_entry(&a);
	REFUSED(&a, -ENOTDIR, "etc/app.conf/x", 0, "parent is not a directory", 252,
		"etc/app.conf/x: parent is not a directory at offset 252");
	base(&a);
	trailer_entry(&a);
	{
		struct initramfs_error err;
		char text[256], want[256];

		reset_recs();
		fail_name = "etc/app.conf";
		fail_ret = -ENOMEM;
		CHECK(initramfs_unpack(a.buf, a.len, &rec_ops, NULL, &err) == -ENOMEM &&
			      !strcmp(err.why, "out of memory") && err.offset == 116,
		      "ENOMEM: %s at %zu", err.why, err.offset);
		initramfs_error_format(&err, text, sizeof(text));
		CHECK(!strcmp(text, "etc/app.conf: out of memory at offset 116"), "ENOMEM: %s",
		      text);
		reset_recs();
		fail_name = "etc/app.conf";
		fail_ret = -EROFS;
		CHECK(initramfs_unpack(a.buf, a.len, &rec_ops, NULL, &err) == -EROFS, "EROFS");
		initramfs_error_format(&err, text, sizeof(text));
		snprintf(want, sizeof(want),
			 "etc/app.conf: cannot create it (errno %d) at offset 116", EROFS);
		CHECK(!strcmp(text, want), "EROFS message: %s", text);
		reset_recs();
	}
	/* A message cut to the buffer's size stays a string. */
	{
		struct initramfs_error err = {
			.name = "etc", .name_len = 3, .why = "bad magic", .offset = 7};
		char text[8];
		CHECK(initramfs_error_format(&err, text, sizeof(text)) == 7 &&
			      !strcmp(text, "etc: ba"),
		      "cut: %s", text);
	}
}

/* dir_utime's error, after the whole archive was created. */
static int fail_utime(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	return strcmp(e->name, "etc") ? 0 : -EIO;
}

static void test_dir_utime_error(void)
{
	static struct archive a;
	struct initramfs_ops ops = rec_ops;
	struct initramfs_error err;
	char text[256];

	base(&a);
	trailer_entry(&a);
	ops.dir_utime = fail_utime;
	reset_recs();
	CHECK(initramfs_unpack(a.buf, a.len, &ops, NULL, &err) == -EIO && nrec == 2,
	      "dir_utime error");
	initramfs_error_format(&err, text, sizeof(text));
	CHECK(!strcmp(text, "etc: cannot set its time at offset 0"), "message: %s", text);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (sh("cpio --version >/dev/null 2>&1")) {
		printf("FAIL: cpio not found (apt-get install cpio; tools/uniarm-dev test installs "
		       "it)\n");
		return 1;
	}
	test_mkinitramfs();
	test_parse_mkinitramfs();
	test_parse_gnu_cpio();
	test_concatenated();
	test_refusals();
	test_dir_utime_error();
	reset_recs();
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed != 0;
}
