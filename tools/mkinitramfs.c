/*
 * mkinitramfs DIR OUT.cpio: pack a directory tree into a cpio "newc" archive, the initramfs an
 * image is run with (uniarm_add_app's FILES, docs/files.md "The initramfs"; Linux's
 * usr/gen_init_cpio, which reads a list, where this walks the tree itself).
 *
 * Entries are sorted by name within each directory, each directory followed by its contents;
 * names are relative to DIR ("etc/app.conf"; DIR itself has no entry). Owners are 0, mode and
 * mtime are the tree's, a symlink's body is its target (without a NUL, as GNU cpio writes
 * it), every file is written whole with nlink 1 (no hard links). A device node, FIFO or socket
 * stops it: uniarm's file system has no such files. The archive is written to OUT.cpio.tmp and
 * renamed, so a failed run leaves no archive behind. Exit status 0, or 1 with a message.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The longest name the initramfs parser accepts (fs/initramfs.h: INITRAMFS_NAME_MAX). */
#define NAME_MAX_LEN 4095

static const char *prog = "mkinitramfs";

struct cpio_out {
	FILE *f;
	unsigned long long offset; /* bytes written: newc pads relative to the start */
	unsigned int ino;	   /* gen_init_cpio's numbering */
	int failed;
};

static void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void push_bytes(struct cpio_out *o, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, o->f) != n)
		o->failed = 1;
	o->offset += n;
}

static void push_pad(struct cpio_out *o)
{
	static const char zeros[4];

	push_bytes(o, zeros, (4 - (o->offset & 3)) & 3);
}

/* Header and name (padded); the caller writes the body and its padding. */
static void push_hdr(struct cpio_out *o, const char *name, unsigned int mode, unsigned int nlink,
		     uint32_t mtime, uint32_t filesize)
{
	char hdr[111];
	size_t namesize = strlen(name) + 1;

	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 mode ? o->ino++ : 0, mode, 0u, 0u, nlink, mtime, filesize, 0u, 0u, 0u, 0u,
		 (unsigned int)namesize, 0u);
	push_bytes(o, hdr, 110);
	push_bytes(o, name, namesize);
	push_pad(o);
}

static uint32_t mtime_of(const char *path, const struct stat *st)
{
	if (st->st_mtime < 0) {
		fprintf(stderr, "%s: %s: mtime before 1970, written as 0\n", prog, path);
		return 0;
	}
	if ((unsigned long long)st->st_mtime > 0xffffffffull) {
		fprintf(stderr, "%s: %s: mtime past 2106, written as 0xffffffff\n", prog, path);
		return 0xffffffff;
	}
	return (uint32_t)st->st_mtime;
}

static int cpio_mkfile(struct cpio_out *o, const char *path, const char *name,
		       const struct stat *st)
{
	char buf[65536];
	unsigned long long left = (unsigned long long)st->st_size;
	int fd;

	if (left > 0xffffffffull) {
		error("%s: %llu bytes: newc holds files up to 4 GiB - 1", path, left);
		return -1;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		error("%s: %s", path, strerror(errno));
		return -1;
	}
	push_hdr(o, name, st->st_mode, 1, mtime_of(path, st), (uint32_t)left);
	while (left) {
		ssize_t n = read(fd, buf, left < sizeof(buf) ? left : sizeof(buf));
		if (n <= 0) {
			error("%s: %s", path,
			      n ? strerror(errno) : "file shrank while it was read");
			close(fd);
			return -1;
		}
		push_bytes(o, buf, (size_t)n);
		left -= (unsigned long long)n;
	}
	close(fd);
	push_pad(o);
	return 0;
}

static int cpio_mkslink(struct cpio_out *o, const char *path, const char *name,
			const struct stat *st)
{
	char target[PATH_MAX + 1];
	ssize_t n = readlink(path, target, sizeof(target));

	if (n < 0) {
		error("%s: %s", path, strerror(errno));
		return -1;
	}
	if (n > NAME_MAX_LEN) {
		error("%s: symlink target longer than %d bytes", path, NAME_MAX_LEN);
		return -1;
	}
	push_hdr(o, name, st->st_mode, 1, mtime_of(path, st), (uint32_t)n);
	push_bytes(o, target, (size_t)n);
	push_pad(o);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The contents of directory path (archive name prefix name, "" for DIR), sorted, recursively. */
static int cpio_mkdir_contents(struct cpio_out *o, const char *path, const char *name)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int ret = 0;

	if (!d) {
		error("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((errno = 0, de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			names = realloc(names, cap * sizeof(*names));
			if (!names) {
				error("out of memory");
				exit(1);
			}
		}
		names[n] = strdup(de->d_name);
		if (!names[n++]) {
			error("out of memory");
			exit(1);
		}
	}
	if (errno) {
		error("%s: %s", path, strerror(errno));
		ret = -1;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);

	for (size_t i = 0; i < n && !ret; i++) {
		char *cpath, *cname;
		struct stat st;

		if (asprintf(&cpath, "%s/%s", path, names[i]) < 0 ||
		    asprintf(&cname, "%s%s%s", name, *name ? "/" : "", names[i]) < 0) {
			error("out of memory");
			exit(1);
		}
		if (lstat(cpath, &st)) {
			error("%s: %s", cpath, strerror(errno));
			ret = -1;
		} else if (strlen(cname) > NAME_MAX_LEN) {
			error("%s: name longer than %d bytes in the archive", cpath, NAME_MAX_LEN);
			ret = -1;
		} else if (S_ISDIR(st.st_mode)) {
			/* gen_init_cpio's nlink for a directory: 2 */
			push_hdr(o, cname, st.st_mode, 2, mtime_of(cpath, &st), 0);
			ret = cpio_mkdir_contents(o, cpath, cname);
		} else if (S_ISREG(st.st_mode)) {
			ret = cpio_mkfile(o, cpath, cname, &st);
		} else if (S_ISLNK(st.st_mode)) {
			ret = cpio_mkslink(o, cpath, cname, &st);
		} else {
			error("%s: %s: uniarm's initramfs holds directories, regular files and "
			      "symlinks only",
			      cpath,
			      S_ISFIFO(st.st_mode)   ? "a FIFO"
			      : S_ISSOCK(st.st_mode) ? "a socket"
			      : S_ISCHR(st.st_mode)  ? "a character device"
			      : S_ISBLK(st.st_mode)  ? "a block device"
						     : "an unknown file type");
			ret = -1;
		}
		free(cpath);
		free(cname);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ret;
}

static int cpio_trailer(struct cpio_out *o)
{
	push_hdr(o, "TRAILER!!!", 0, 1, 0, 0);
	return 0;
}

/* Pack dir into out; 0 or -1 (a message printed, no out left behind). */
static int mkinitramfs(const char *dir, const char *out)
{
	struct cpio_out o = {.ino = 721};
	struct stat st;
	char *tmp;
	int ret;

	if (stat(dir, &st)) {
		error("%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		error("%s: not a directory", dir);
		return -1;
	}
	if (asprintf(&tmp, "%s.tmp", out) < 0) {
		error("out of memory");
		return -1;
	}
	o.f = fopen(tmp, "wb");
	if (!o.f) {
		error("%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	ret = cpio_mkdir_contents(&o, dir, "");
	if (!ret)
		ret = cpio_trailer(&o);
	if (fclose(o.f) || o.failed) {
		if (!ret)
			error("%s: write error", tmp);
		ret = -1;
	}
	if (!ret && rename(tmp, out)) {
		error("%s: %s", out, strerror(errno));
		ret = -1;
	}
	if (ret)
		unlink(tmp);
	free(tmp);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s DIR OUT.cpio\n", prog);
		return 2;
	}
	return mkinitramfs(argv[1], argv[2]) ? 1 : 0;
}
