/*
 * libfs's directories over the dcache (Linux's fs/libfs.c: dcache_dir_open, dcache_readdir,
 * dcache_dir_lseek, simple_empty): a tmpfs directory's entries are its dentry's children.
 * An open directory keeps a cursor dentry in that list just after the last entry it
 * returned, so names created or removed meanwhile never make an entry appear twice.
 */
#include "fs/fs.h"

#include <errno.h>

static bool d_positive_entry(const struct dentry *d)
{
	return d->d_inode && !(d->d_flags & (DCACHE_CURSOR | DCACHE_UNHASHED));
}

bool simple_empty(struct dentry *dentry)
{
	struct dentry *child;

	list_for_each_entry(child, &dentry->d_subdirs, d_child)
	{
		if (d_positive_entry(child))
			return false;
	}
	return true;
}

static int dcache_dir_open(struct file *file)
{
	static const struct qstr none = {"", 0, 0};
	struct dentry *cursor = d_alloc(file->f_path.dentry, &none);

	if (!cursor)
		return -ENOMEM;
	cursor->d_flags |= DCACHE_CURSOR;
	list_del_init(&cursor->d_child); /* off the list: nothing returned yet */
	file->private_data = cursor;
	return 0;
}

static void dcache_dir_close(struct file *file)
{
	dput(file->private_data);
}

static unsigned int dt_type(const struct inode *inode)
{
	return (inode->i_mode >> 12) & 15;
}

/* The cursor goes just after the n-th entry (n >= 1), or off the list past the last. */
static void move_cursor_after(struct dentry *cursor, struct dentry *dir, long long n)
{
	struct dentry *d;

	list_del_init(&cursor->d_child);
	list_for_each_entry(d, &dir->d_subdirs, d_child)
	{
		if (d_positive_entry(d) && !--n) {
			list_add(&cursor->d_child, &d->d_child);
			return;
		}
	}
}

static int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file->f_path.dentry, *cursor = file->private_data;
	struct list_head *p;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, ctx->pos, dentry->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, ctx->pos, dentry->d_parent->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	if (ctx->pos == 2)
		p = &dentry->d_subdirs;
	else if (!list_empty(&cursor->d_child))
		p = &cursor->d_child;
	else
		return 0; /* past the last entry */
	for (p = p->next; p != &dentry->d_subdirs; p = p->next) {
		struct dentry *d = list_entry(p, struct dentry, d_child);

		if (!d_positive_entry(d))
			continue;
		if (!ctx->actor(ctx, d->d_name.name, (int)d->d_name.len, ctx->pos,
				d->d_inode->i_ino, dt_type(d->d_inode)))
			break;
		ctx->pos++;
		list_del(&cursor->d_child);
		list_add(&cursor->d_child, &d->d_child);
		p = &cursor->d_child;
	}
	if (p == &dentry->d_subdirs)
		list_del_init(&cursor->d_child); /* everything returned */
	return 0;
}

/* SEEK_SET and SEEK_CUR place the cursor after as many entries; SEEK_END is EINVAL. */
static long long dcache_dir_lseek(struct file *file, long long offset, int whence)
{
	switch (whence) {
	case 1: /* SEEK_CUR */
		offset += file->f_pos;
		/* fallthrough */
	case 0: /* SEEK_SET */
		if (offset >= 0)
			break;
		/* fallthrough */
	default:
		return -EINVAL;
	}
	if (offset != file->f_pos) {
		file->f_pos = offset;
		if (offset > 2)
			move_cursor_after(file->private_data, file->f_path.dentry, offset - 2);
		else
			list_del_init(&((struct dentry *)file->private_data)->d_child);
	}
	return offset;
}

const struct file_operations simple_dir_operations = {
	.open = dcache_dir_open,
	.release = dcache_dir_close,
	.iterate_shared = dcache_readdir,
	.llseek = dcache_dir_lseek,
};
