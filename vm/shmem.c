/*
 * tmpfs's name space (Linux's mm/shmem.c with the libfs helpers it uses): a super block per
 * mount, inodes numbered by their super, directories whose dentries are the directory
 * (children on d_subdirs, a positive dentry pinned by one reference while its name exists),
 * regular files, symlinks. Sizes and times as Linux's tmpfs keeps them: a directory's i_size
 * is 40 + 20 per entry, its i_nlink 2 + subdirectories; creating and removing names moves
 * the parent's mtime and ctime.
 *
 * Regular files have no data yet: the page cache (issue 14, step 5) brings shmem_get_page,
 * read and write; until then a tmpfs file is always empty.
 */
#include "vm/shmem.h"
#include "platform/memory.h"
#include "vm/slab.h"

#include <errno.h>
#include <string.h>

/* 512-byte blocks in a page (st_blocks counts them). */
#define BLOCKS_PER_PAGE (PAGE_SIZE / 512)

static const struct inode_operations shmem_dir_inode_operations;
static const struct inode_operations shmem_inode_operations;
static const struct inode_operations shmem_symlink_inode_operations;

/*
 * A regular file's operations: read and write are NULL until the page cache lands (step 5).
 * Nothing reaches them meanwhile: the open, read and write system calls are not wired to the
 * VFS yet, so only the kernel's tests open tmpfs files.
 */
static const struct file_operations shmem_file_operations = {
	.read = NULL,
	.write = NULL,
};

static struct inode *shmem_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode,
				     unsigned int dev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode_init_owner(inode, dir, mode);
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	inode->i_btime = inode->i_mtime;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &shmem_inode_operations;
		inode->i_fop = &shmem_file_operations;
		break;
	case S_IFDIR:
		inc_nlink(inode);
		inode->i_size = 2 * BOGO_DIRENT_SIZE;
		inode->i_op = &shmem_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		break;
	case S_IFLNK:
		inode->i_op = &shmem_symlink_inode_operations;
		break;
	default: /* devices, FIFOs, sockets: their nodes come with fs/char_dev.c */
		inode->i_op = &shmem_inode_operations;
		inode->i_rdev = dev;
		break;
	}
	return inode;
}

/* The new name takes its inode; the dentry is pinned (Linux's d_instantiate + dget). */
static void shmem_add_name(struct inode *dir, struct dentry *dentry, struct inode *inode)
{
	dir->i_size += BOGO_DIRENT_SIZE;
	dir->i_ctime = dir->i_mtime = current_time(dir);
	d_instantiate(dentry, inode);
	dget(dentry);
}

static int shmem_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, unsigned int dev)
{
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	shmem_add_name(dir, dentry, inode);
	return 0;
}

static int shmem_create(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	return shmem_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int shmem_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = shmem_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);
	return err;
}

static int shmem_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target) + 1;
	struct inode *inode;

	if (len > PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = shmem_get_inode(dir->i_sb, dir, S_IFLNK | S_IRWXUGO, 0);
	if (!inode)
		return -ENOSPC;
	inode->i_size = (long long)len - 1;
	/* A long target takes a page, as Linux's does in the page cache: 8 blocks. */
	inode->i_link = kmalloc(len <= SHORT_SYMLINK_LEN ? len : PAGE_SIZE, GFP_KERNEL);
	if (!inode->i_link) {
		iput(inode);
		return -ENOMEM;
	}
	memcpy(inode->i_link, target, len);
	if (len > SHORT_SYMLINK_LEN)
		inode->i_blocks = BLOCKS_PER_PAGE;
	shmem_add_name(dir, dentry, inode);
	return 0;
}

/* The name goes (its pin dropped); the inode lives on while a file or path holds it. */
static int shmem_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	dir->i_size -= BOGO_DIRENT_SIZE;
	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_time(inode);
	drop_nlink(inode);
	dput(dentry);
	return 0;
}

static int shmem_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(dentry->d_inode);
	drop_nlink(dir);
	return shmem_unlink(dir, dentry);
}

/* Linux's simple_rename_exchange: the names swap; a directory changing parent moves a link. */
static int shmem_exchange(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
			  struct dentry *new_dentry)
{
	bool old_is_dir = d_is_dir(old_dentry), new_is_dir = d_is_dir(new_dentry);
	struct timespec64 now = current_time(old_dir);

	if (old_dir != new_dir && old_is_dir != new_is_dir) {
		if (old_is_dir) {
			drop_nlink(old_dir);
			inc_nlink(new_dir);
		} else {
			drop_nlink(new_dir);
			inc_nlink(old_dir);
		}
	}
	old_dir->i_ctime = old_dir->i_mtime = new_dir->i_ctime = new_dir->i_mtime = now;
	old_dentry->d_inode->i_ctime = new_dentry->d_inode->i_ctime = now;
	return 0;
}

/*
 * Linux's shmem_rename2 on simple_rename: a positive target is unlinked first (a directory
 * target must be empty); the parents' link counts follow a directory that moves; the entry
 * leaves old_dir's size and joins new_dir's. The dentries themselves move in the VFS.
 */
static int shmem_rename2(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
			 struct dentry *new_dentry, unsigned int flags)
{
	struct inode *inode = old_dentry->d_inode;
	bool they_are_dirs = d_is_dir(old_dentry);

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL; /* RENAME_WHITEOUT: no whiteouts here (no overlayfs) */
	if (flags & RENAME_EXCHANGE)
		return shmem_exchange(old_dir, old_dentry, new_dir, new_dentry);
	if (!simple_empty(new_dentry))
		return -ENOTEMPTY;
	if (new_dentry->d_inode) {
		shmem_unlink(new_dir, new_dentry);
		if (they_are_dirs) {
			drop_nlink(new_dentry->d_inode);
			drop_nlink(old_dir);
		}
	} else if (they_are_dirs) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	old_dir->i_size -= BOGO_DIRENT_SIZE;
	new_dir->i_size += BOGO_DIRENT_SIZE;
	old_dir->i_ctime = old_dir->i_mtime = new_dir->i_ctime = new_dir->i_mtime = inode->i_ctime =
		current_time(old_dir);
	return 0;
}

/* tmpfs keeps a creation time (statx's btime). */
static int shmem_getattr(const struct path *path, struct kstat *stat)
{
	stat->btime = path->dentry->d_inode->i_btime;
	stat->result_mask |= STATX_BTIME;
	return 0;
}

static const struct inode_operations shmem_dir_inode_operations = {
	.create = shmem_create,
	.mkdir = shmem_mkdir,
	.rmdir = shmem_rmdir,
	.unlink = shmem_unlink,
	.symlink = shmem_symlink,
	.rename = shmem_rename2,
	.getattr = shmem_getattr,
};

static const struct inode_operations shmem_inode_operations = {
	.getattr = shmem_getattr,
};

static const struct inode_operations shmem_symlink_inode_operations = {
	.getattr = shmem_getattr, /* the target is i_link: no get_link needed */
};

static void shmem_evict_inode(struct inode *inode)
{
	kfree(inode->i_link);
}

static const struct super_operations shmem_ops = {
	.evict_inode = shmem_evict_inode,
};

/* A new instance: the root directory is 0755, root's (as the initramfs root and devtmpfs). */
static int shmem_fill_super(struct super_block *sb, void *data)
{
	struct inode *inode;

	(void)data;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &shmem_ops;
	inode = shmem_get_inode(sb, NULL, S_IFDIR | 0755, 0);
	sb->s_root = d_make_root(inode);
	return sb->s_root ? 0 : -ENOMEM;
}

const struct file_system_type shmem_fs_type = {
	.name = "tmpfs",
	.fill_super = shmem_fill_super,
};
