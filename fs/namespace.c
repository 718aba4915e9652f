/*
 * Super blocks and mounts (Linux's fs/super.c and fs/namespace.c, reduced to a fixed set of
 * mounts made at boot): anonymous device numbers, vfs_kern_mount, attaching a mount on a
 * directory, finding the mount on a mountpoint, and the boot's tree ("/" and "/dev").
 */
#include "fs/fs.h"
#include "vm/shmem.h"
#include "vm/slab.h"

#include <errno.h>
#include <string.h>

struct fs_struct init_fs = {.umask = 0022};

static LIST_HEAD(mounts);
static int next_mnt_id = 1;

/* Anonymous devices 0:N. 0:1 is kept for the internal shm mount (docs/files.md), which is
 * not built yet; "/" is then 0:2 and "/dev" 0:3 as planned. */
static unsigned int next_anon_minor = 2;

static struct super_block *alloc_super(const struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_dev = next_anon_minor++; /* major 0 */
	sb->s_next_ino = 1;
	INIT_LIST_HEAD(&sb->s_inodes);
	return sb;
}

/* A new instance of the file system and a mount of its root, attached nowhere yet. */
struct vfsmount *vfs_kern_mount(const struct file_system_type *type, void *data)
{
	struct super_block *sb = alloc_super(type);
	struct vfsmount *mnt;
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);
	if (!mnt) {
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	err = type->fill_super(sb, data);
	if (err) {
		kfree(mnt);
		kfree(sb);
		return ERR_PTR(err);
	}
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(sb->s_root);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	mnt->mnt_count = 1;
	mnt->mnt_id = next_mnt_id++;
	list_add_tail(&mnt->mnt_list, &mounts);
	return mnt;
}

int do_add_mount(struct vfsmount *mnt, const struct path *mountpoint)
{
	struct dentry *mp = mountpoint->dentry;

	if (!d_is_dir(mp))
		return -ENOTDIR;
	if (d_mountpoint(mp) || d_unhashed(mp))
		return -EBUSY;
	mp->d_flags |= DCACHE_MOUNTED;
	mnt->mnt_mountpoint = dget(mp);
	mnt->mnt_parent = mntget(mountpoint->mnt);
	return 0;
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &mounts, mnt_list)
	{
		if (mnt->mnt_parent != mnt && mnt->mnt_parent == path->mnt &&
		    mnt->mnt_mountpoint == path->dentry)
			return mnt;
	}
	return NULL;
}

static int mount_at(const char *name, struct vfsmount *mnt)
{
	struct path mp;
	int err = kern_path(name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mp);

	if (err)
		return err;
	err = do_add_mount(mnt, &mp);
	path_put(&mp);
	return err;
}

int vfs_init(void)
{
	struct vfsmount *root, *dev;
	int err;

	root = vfs_kern_mount(&shmem_fs_type, NULL);
	if (IS_ERR(root))
		return (int)PTR_ERR(root);
	init_fs.root.mnt = mntget(root);
	init_fs.root.dentry = dget(root->mnt_root);
	init_fs.pwd.mnt = mntget(root);
	init_fs.pwd.dentry = dget(root->mnt_root);

	/* Here the initramfs will be unpacked into the root (docs/files.md, step 8). */

	/* /dev: Linux's devtmpfs, a second tmpfs (its device nodes come with fs/char_dev.c). */
	err = do_mkdirat(AT_FDCWD, "/dev", 0755);
	if (err && err != -EEXIST)
		return err;
	dev = vfs_kern_mount(&shmem_fs_type, NULL);
	if (IS_ERR(dev))
		return (int)PTR_ERR(dev);
	err = mount_at("/dev", dev);
	if (err)
		return err;

	/*
	 * /proc: still runtime/procfs.c's by-name file system, reached through runtime/file.c's
	 * calls. When it becomes a file system (fs/proc.c), it is mounted here: "/proc" made with
	 * do_mkdirat and a vfs_kern_mount of procfs's type attached with mount_at.
	 */
	return 0;
}
