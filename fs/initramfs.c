/*
 * The initramfs parser (Linux's init/initramfs.c, without its state machine: the whole archive
 * is in memory, so each entry is checked and passed on in one step). docs/files.md, "The
 * initramfs", lists what is refused; fs/initramfs.h says what the callbacks get.
 *
 * A newc entry: a 110-byte header ("070701" and 13 fields of 8 hex digits), the name with its
 * NUL, zeros up to a multiple of 4 (counted from the start of the archive), the body, zeros up
 * to a multiple of 4. An entry named "TRAILER!!!" ends an archive; another may follow.
 */
#include "fs/initramfs.h"
#include "runtime/kstrtox.h"
#include "runtime/vsprintf.h"

#include <errno.h>
#include <string.h>

/* The header's fields, in order (Linux's parse_header()). */
enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_MAJOR,
	F_MINOR,
	F_RMAJOR,
	F_RMINOR,
	F_NAMESIZE,
	F_CHKSUM,
	NR_FIELDS
};

/* The format's own values of the file type bits (POSIX <cpio.h>). */
#define C_ISMT	 0170000
#define C_ISSOCK 0140000
#define C_ISLNK	 0120000
#define C_ISREG	 0100000
#define C_ISBLK	 0060000
#define C_ISDIR	 0040000
#define C_ISCHR	 0020000
#define C_ISFIFO 0010000

static const char *const bad_field[NR_FIELDS] = {
	"non-hex digit in the header's ino field",
	"non-hex digit in the header's mode field",
	"non-hex digit in the header's uid field",
	"non-hex digit in the header's gid field",
	"non-hex digit in the header's nlink field",
	"non-hex digit in the header's mtime field",
	"non-hex digit in the header's filesize field",
	"non-hex digit in the header's devmajor field",
	"non-hex digit in the header's devminor field",
	"non-hex digit in the header's rdevmajor field",
	"non-hex digit in the header's rdevminor field",
	"non-hex digit in the header's namesize field",
	"non-hex digit in the header's check field",
};

static const char trailer[] = "TRAILER!!!";
static const char cannot_create[] = "cannot create it";

struct unpack_state {
	const unsigned char *buf;
	size_t len;
	const struct initramfs_ops *ops;
	void *ctx;
	struct initramfs_error *err;
	const char *prev; /* the last entry read, for "after PREV" */
};

static size_t align4(size_t off)
{
	return (off + 3) & ~(size_t)3;
}

/* Fill *err; returns ret. */
static int refuse(struct unpack_state *s, int ret, const char *name, size_t name_len, int after,
		  const char *why, size_t offset)
{
	s->err->name = name;
	s->err->name_len = name_len;
	s->err->after = after;
	s->err->why = why;
	s->err->offset = offset;
	s->err->err = ret;
	return ret;
}

/* The header itself is unreadable: the message names the entry before it. */
static int refuse_after(struct unpack_state *s, const char *why, size_t offset)
{
	return refuse(s, -EINVAL, s->prev, s->prev ? strlen(s->prev) : 0, s->prev != NULL, why,
		      offset);
}

static const char *errno_reason(int ret)
{
	switch (-ret) {
	case ENOENT:
		return "parent directory missing";
	case ENOTDIR:
		return "parent is not a directory";
	case ENOMEM:
		return "out of memory";
	case ENOSPC:
		return "no space left in the file system";
	case EEXIST:
		return "already exists";
	case EISDIR:
		return "a directory is in the way";
	case ENAMETOOLONG:
		return "name too long";
	default:
		return cannot_create;
	}
}

/* Take off leading "/" and "./": the archive of `find . | cpio -o` names "./etc", and the
 * root itself ".". */
static const char *relative_name(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			break;
	}
	return name[0] ? name : ".";
}

static int has_dotdot(const char *name)
{
	const char *c = name;

	for (const char *p = name;; p++) {
		if (*p == '/' || *p == '\0') {
			if (p - c == 2 && c[0] == '.' && c[1] == '.')
				return 1;
			if (*p == '\0')
				return 0;
			c = p + 1;
		}
	}
}

static int symlink_target(struct unpack_state *s, struct initramfs_entry *e, size_t body)
{
	const char *t = e->data;

	/* gen_init_cpio counts a NUL after the target, GNU cpio does not. */
	if (e->size && t[e->size - 1] == '\0')
		e->size--;
	if (e->size == 0)
		return refuse(s, -EINVAL, e->name, strlen(e->name), 0, "empty symlink target",
			      body);
	if (e->size > INITRAMFS_SYMLINK_MAX)
		return refuse(s, -ENAMETOOLONG, e->name, strlen(e->name), 0,
			      "symlink target of 4096 bytes or more", body);
	for (size_t i = 0; i < e->size; i++)
		if (t[i] == '\0')
			return refuse(s, -EINVAL, e->name, strlen(e->name), 0,
				      "NUL inside the symlink target", body + i);
	return 0;
}

/*
 * The entry at *off: checked, and passed to the callbacks (first pass) or, for a directory,
 * to dir_utime (second pass, over an archive the first pass accepted). *off moves to the next
 * header; *is_trailer says whether this was a trailer.
 */
static int do_entry(struct unpack_state *s, size_t *off, int second_pass, int *is_trailer)
{
	const size_t hdr = *off, name_off = hdr + INITRAMFS_HEADER_SIZE;
	const unsigned char *h = s->buf + hdr;
	uint32_t f[NR_FIELDS];
	size_t body, next, mode_off = hdr + 6 + 8 * F_MODE;
	struct initramfs_entry e;
	const char *name;
	unsigned int type;
	int ret;

	/* The magic first, so that junk shorter than a header is called so. */
	if (memcmp(h, "070701", s->len - hdr < 6 ? s->len - hdr : 6))
		return refuse_after(s, "bad magic (not a newc cpio header)", hdr);
	if (s->len - hdr < INITRAMFS_HEADER_SIZE)
		return refuse_after(s, "header runs past the end of the archive", hdr);
	for (int i = 0; i < NR_FIELDS; i++) {
		f[i] = 0;
		for (int j = 0; j < 8; j++) {
			int v = hex_to_bin(h[6 + 8 * i + j]);
			if (v < 0)
				return refuse_after(s, bad_field[i], hdr + 6 + 8 * i);
			f[i] = f[i] << 4 | (uint32_t)v;
		}
	}
	if (f[F_NAMESIZE] > s->len - name_off)
		return refuse_after(s, "name runs past the end of the archive", name_off);
	name = (const char *)h + INITRAMFS_HEADER_SIZE;
	if (f[F_NAMESIZE] == 0)
		return refuse_after(s, "name without its NUL", name_off);
	if (name[f[F_NAMESIZE] - 1] != '\0')
		return refuse(s, -EINVAL, name, f[F_NAMESIZE], 0, "name without its NUL",
			      name_off + f[F_NAMESIZE] - 1);
	if (f[F_NAMESIZE] - 1 > INITRAMFS_NAME_MAX)
		return refuse(s, -ENAMETOOLONG, name, f[F_NAMESIZE] - 1, 0,
			      "name longer than 4095 bytes", name_off);
	if (strlen(name) != f[F_NAMESIZE] - 1)
		return refuse(s, -EINVAL, name, strlen(name), 0, "NUL inside the name",
			      name_off + strlen(name));
	if (f[F_NAMESIZE] == 1)
		return refuse_after(s, "empty name", name_off);
	s->prev = name;

	body = align4(name_off + f[F_NAMESIZE]);
	if (f[F_FILESIZE] && (body > s->len || f[F_FILESIZE] > s->len - body))
		return refuse(s, -EINVAL, name, f[F_NAMESIZE] - 1, 0,
			      "body runs past the end of the archive", body);
	next = f[F_FILESIZE] ? align4(body + f[F_FILESIZE]) : body;
	*off = next < s->len ? next : s->len;

	*is_trailer = !strcmp(name, trailer);
	if (*is_trailer)
		return 0;
	if (has_dotdot(name))
		return refuse(s, -EINVAL, name, f[F_NAMESIZE] - 1, 0, "'..' in the name", name_off);

	e.name = relative_name(name);
	e.mode = f[F_MODE];
	e.uid = f[F_UID];
	e.gid = f[F_GID];
	e.mtime = f[F_MTIME];
	e.data = NULL;
	e.size = 0;
	type = f[F_MODE] & C_ISMT;
	if (second_pass) {
		ret = type == C_ISDIR ? s->ops->dir_utime(s->ctx, &e) : 0;
		if (ret)
			return refuse(s, ret, name, f[F_NAMESIZE] - 1, 0, "cannot set its time",
				      hdr);
		return 0;
	}

	switch (type) {
	case C_ISDIR:
		ret = s->ops->mkdir(s->ctx, &e);
		break;
	case C_ISREG:
		/* GNU cpio gives a hard link's data to its last name only; uniarm makes no hard
		 * links (mkinitramfs writes each name as a file of its own). */
		if (f[F_NLINK] > 1)
			return refuse(s, -EOPNOTSUPP, name, f[F_NAMESIZE] - 1, 0,
				      "hard link (not supported)", hdr + 6 + 8 * F_NLINK);
		e.data = s->buf + body;
		e.size = f[F_FILESIZE];
		ret = s->ops->create(s->ctx, &e);
		break;
	case C_ISLNK:
		e.data = s->buf + body;
		e.size = f[F_FILESIZE];
		ret = symlink_target(s, &e, body);
		if (ret)
			return ret;
		ret = s->ops->symlink(s->ctx, &e);
		break;
	case C_ISCHR:
	case C_ISBLK:
		return refuse(s, -EOPNOTSUPP, name, f[F_NAMESIZE] - 1, 0,
			      "device node (not supported)", mode_off);
	case C_ISFIFO:
		return refuse(s, -EOPNOTSUPP, name, f[F_NAMESIZE] - 1, 0, "FIFO (not supported)",
			      mode_off);
	case C_ISSOCK:
		return refuse(s, -EOPNOTSUPP, name, f[F_NAMESIZE] - 1, 0, "socket (not supported)",
			      mode_off);
	default:
		return refuse(s, -EINVAL, name, f[F_NAMESIZE] - 1, 0, "unknown file type",
			      mode_off);
	}
	if (ret)
		return refuse(s, ret, name, f[F_NAMESIZE] - 1, 0, errno_reason(ret), hdr);
	return 0;
}

/* Zero padding after a trailer, in whole words (a header starts at a multiple of 4). */
static size_t skip_zeros(const unsigned char *buf, size_t off, size_t len)
{
	while (len - off >= 4 && !buf[off] && !buf[off + 1] && !buf[off + 2] && !buf[off + 3])
		off += 4;
	for (size_t i = off; i < len; i++)
		if (buf[i])
			return off;
	return len;
}

static int unpack_pass(struct unpack_state *s, int second_pass)
{
	size_t off = 0;
	int in_archive = 1, is_trailer, ret;

	s->prev = NULL;
	while (off < s->len) {
		ret = do_entry(s, &off, second_pass, &is_trailer);
		if (ret)
			return ret;
		in_archive = !is_trailer;
		if (is_trailer)
			off = skip_zeros(s->buf, off, s->len);
	}
	if (in_archive)
		return refuse_after(s, "no TRAILER!!! (the archive ends)", s->len);
	return 0;
}

int initramfs_unpack(const void *buf, size_t len, const struct initramfs_ops *ops, void *ctx,
		     struct initramfs_error *err)
{
	struct unpack_state s = {
		.buf = buf,
		.len = len,
		.ops = ops,
		.ctx = ctx,
		.err = err,
	};
	int ret;

	ret = unpack_pass(&s, 0);
	if (ret)
		return ret;
	/* Directory times last: creating an entry changes its parent's (Linux's dir_utime()). */
	return unpack_pass(&s, 1);
}

size_t initramfs_error_format(const struct initramfs_error *err, char *buf, size_t size)
{
	size_t n = 0, show = err->name_len > 200 ? 200 : err->name_len;
	const char *more = err->name_len > show ? "..." : "";

	if (!err->name)
		n += scnprintf(buf + n, size - n, "at the start");
	else
		n += scnprintf(buf + n, size - n, "%s%.*s%s", err->after ? "after " : "", (int)show,
			       err->name, more);
	n += scnprintf(buf + n, size - n, ": %s", err->why);
	if (err->why == cannot_create)
		n += scnprintf(buf + n, size - n, " (errno %d)", -err->err);
	n += scnprintf(buf + n, size - n, " at offset %zu", err->offset);
	return n;
}
