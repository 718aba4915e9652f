/* Reading directories (Linux's fs/readdir.c): iterate_dir and getdents64's records. */
#include "fs/fs.h"

#include <errno.h>
#include <string.h>

int iterate_dir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file->f_path.dentry;
	int err;

	if (!dentry || !file->f_op->iterate_shared)
		return -ENOTDIR;
	if (dentry->d_inode->i_flags & S_DEAD)
		return -ENOENT;
	ctx->pos = file->f_pos;
	err = file->f_op->iterate_shared(file, ctx);
	file->f_pos = ctx->pos;
	return err;
}

struct getdents_callback64 {
	struct dir_context ctx;
	char *current;
	struct linux_dirent64 *prev;
	size_t count; /* room left */
	int error;
};

/* One record, 8-aligned; the previous record's d_off is this entry's position. */
static bool filldir64(struct dir_context *ctx, const char *name, int namlen, long long offset,
		      unsigned long long ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = (struct getdents_callback64 *)ctx;
	size_t reclen = (offsetof(struct linux_dirent64, d_name) + (size_t)namlen + 1 + 7) & ~7u;
	struct linux_dirent64 *d = (struct linux_dirent64 *)buf->current;

	buf->error = -EINVAL; /* no room for this one: EINVAL if it is the first */
	if (reclen > buf->count)
		return false;
	if (buf->prev)
		buf->prev->d_off = offset;
	d->d_ino = ino;
	d->d_reclen = (unsigned short)reclen;
	d->d_type = (unsigned char)d_type;
	memcpy(d->d_name, name, (size_t)namlen);
	memset(d->d_name + namlen, 0,
	       reclen - offsetof(struct linux_dirent64, d_name) - (size_t)namlen);
	buf->prev = d;
	buf->current += reclen;
	buf->count -= reclen;
	return true;
}

long vfs_getdents64(struct file *file, void *dirent, size_t count)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.current = dirent,
		.count = count,
	};
	int err = iterate_dir(file, &buf.ctx);

	if (err < 0)
		return err;
	if (buf.prev) {
		buf.prev->d_off = buf.ctx.pos;
		return (long)(count - buf.count);
	}
	return buf.error;
}

long long vfs_llseek(struct file *file, long long offset, int whence)
{
	if (!file->f_op->llseek)
		return -ESPIPE;
	return file->f_op->llseek(file, offset, whence);
}
