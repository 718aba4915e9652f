/* stat (Linux's fs/stat.c): a kstat from the inode, by path or by descriptor. */
#include "fs/fs.h"

#include <errno.h>
#include <string.h>

/* Linux's generic_fillattr, then the file system's additions (tmpfs's btime). */
int vfs_getattr(const struct path *path, struct kstat *stat)
{
	const struct inode *inode = path->dentry->d_inode;

	memset(stat, 0, sizeof(*stat));
	stat->result_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	stat->dev = inode->i_sb->s_dev;
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = inode->i_size;
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->blksize = 4096;
	stat->blocks = inode->i_blocks;
	stat->mnt_id = (unsigned long long)path->mnt->mnt_id;
	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(path, stat);
	return 0;
}

int vfs_fstatat(int dfd, const char *name, int flags, struct kstat *stat)
{
	unsigned int lookup_flags = LOOKUP_FOLLOW;
	struct path path;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup_flags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup_flags |= LOOKUP_EMPTY;
	err = vfs_path_at(dfd, name, lookup_flags, &path);
	if (err)
		return err;
	err = vfs_getattr(&path, stat);
	path_put(&path);
	return err;
}
