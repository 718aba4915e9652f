/*
 * open for the name space's files, chdir/fchdir/getcwd and umask (Linux's fs/open.c and the
 * open half of fs/namei.c: path_openat, open_last_lookups, do_open, may_open).
 */
#include "fs/namei.h"
#include "runtime/syscalls.h"
#include "runtime/uapi.h"
#include "vm/slab.h"

#include <errno.h>
#include <string.h>

/* Linux's ACC_MODE: O_RDONLY reads, O_WRONLY writes, O_RDWR and 3 do both. */
static int acc_mode_of(int flags)
{
	static const unsigned char acc[4] = {MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE,
					     MAY_READ | MAY_WRITE};

	return acc[flags & LINUX_O_ACCMODE];
}

/* The last component of an open: looked up, created (O_CREAT), or a symlink followed. */
static int open_last_lookups(struct nameidata *nd, int flags, umode_t mode, bool *created)
{
	bool follow = !(flags & LINUX_O_NOFOLLOW);

	/* O_EXCL opens the name itself, never a symlink's target (Linux adds O_NOFOLLOW). */
	if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_EXCL))
		follow = false;
	for (;;) {
		struct dentry *child;
		struct inode *dir = nd->path.dentry->d_inode;
		bool followed, slash;
		int err;

		if (nd->last_type != LAST_NORM)
			return handle_dots(nd, nd->last_type);
		if ((flags & LINUX_O_CREAT) && nd->last_slash)
			return -EISDIR;
		child = lookup_child(nd, &nd->last);
		if (IS_ERR(child))
			return (int)PTR_ERR(child);
		if (!child) {
			struct path next;

			if (!(flags & LINUX_O_CREAT))
				return -ENOENT;
			err = may_create(dir);
			if (err)
				return err;
			if (!dir->i_op->create)
				return -EACCES;
			child = d_alloc(nd->path.dentry, &nd->last);
			if (!child)
				return -ENOMEM;
			err = dir->i_op->create(dir, child,
						(mode & S_IALLUGO & ~init_fs.umask) | S_IFREG);
			if (!err) {
				next.mnt = nd->path.mnt;
				next.dentry = child;
				path_get(&next);
				path_put(&nd->path);
				nd->path = next;
				*created = true;
			}
			dput(child);
			return err;
		}
		slash = nd->last_slash;
		err = step_into(nd, child, follow || slash, &followed);
		if (err || !followed)
			return err;
		/* The target's last component is looked up (or created) in its turn; "link/"
		 * still needs a directory. */
		nd->last_slash |= slash;
	}
}

/* Linux's may_open: the type, then permission by access mode. */
static int may_open(struct inode *inode, int acc_mode)
{
	switch (inode->i_mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (acc_mode & MAY_WRITE)
			return -EISDIR;
		break;
	default:
		break;
	}
	return inode_permission(inode, MAY_OPEN | acc_mode);
}

struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode)
{
	struct nameidata nd;
	bool created = false;
	int acc_mode = acc_mode_of(flags), err;
	struct inode *inode;
	struct file *f;

	if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_DIRECTORY))
		return ERR_PTR(-EINVAL);
	if (flags & (LINUX_O_PATH | (LINUX_O_TMPFILE & ~LINUX_O_DIRECTORY)))
		return ERR_PTR(-EINVAL); /* not built (docs/files.md, "Out of scope") */
	if (flags & LINUX_O_TRUNC)
		acc_mode |= MAY_WRITE;
	err = path_init(&nd, dfd, name, 0);
	if (!err)
		err = link_path_walk(name, &nd);
	if (!err)
		err = open_last_lookups(&nd, flags, mode, &created);
	if (err)
		goto fail;
	inode = nd.path.dentry->d_inode;
	err = -EEXIST;
	if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_EXCL) && !created)
		goto fail;
	err = -EISDIR;
	if ((flags & LINUX_O_CREAT) && S_ISDIR(inode->i_mode))
		goto fail;
	err = -ENOTDIR;
	if (((flags & LINUX_O_DIRECTORY) || nd.last_slash) && !S_ISDIR(inode->i_mode))
		goto fail;
	/* A file just made is opened whatever its mode says (a 0444 file created O_RDWR). */
	err = may_open(inode, created ? 0 : acc_mode);
	if (err)
		goto fail;
	f = alloc_file(inode->i_fop, (unsigned int)flags, NULL);
	err = -ENOMEM;
	if (!f)
		goto fail;
	f->f_path = nd.path; /* the walk's reference passes to the file */
	if (f->f_op->open) {
		err = f->f_op->open(f);
		if (err) {
			fput(f);
			return ERR_PTR(err);
		}
	}
	/* O_TRUNC (with any access mode) of an existing regular file: tmpfs files hold no data
	 * yet, so only the size and times change; the page cache (step 5) truncates pages. */
	if ((flags & LINUX_O_TRUNC) && !created && S_ISREG(inode->i_mode)) {
		inode->i_size = 0;
		inode->i_mtime = inode->i_ctime = current_time(inode);
	}
	return f;
fail:
	path_put(&nd.path);
	return ERR_PTR(err);
}

static void set_fs_pwd(const struct path *path)
{
	struct path old = init_fs.pwd;

	path_get(path);
	init_fs.pwd = *path;
	path_put(&old);
}

int do_chdir(const char *name)
{
	struct path path;
	int err = vfs_path_at(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	err = inode_permission(path.dentry->d_inode, MAY_EXEC);
	if (!err)
		set_fs_pwd(&path);
	path_put(&path);
	return err;
}

int do_fchdir(int fd)
{
	struct file *f = fget(fd);
	int err = -ENOTDIR;

	if (!f)
		return -EBADF;
	if (f->f_path.dentry && d_is_dir(f->f_path.dentry)) {
		err = inode_permission(f->f_path.dentry->d_inode, MAY_EXEC);
		if (!err)
			set_fs_pwd(&f->f_path);
	}
	fput(f);
	return err;
}

/* Linux's getcwd: ENOENT for a removed directory first, then the name, then ERANGE. */
int vfs_getcwd(char *buf, size_t size)
{
	const struct dentry *pwd = init_fs.pwd.dentry;
	char *page, *name;
	int len;

	if (d_unhashed(pwd) && !IS_ROOT(pwd))
		return -ENOENT;
	page = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	name = d_path(&init_fs.pwd, page, PATH_MAX);
	if (IS_ERR(name)) {
		kfree(page);
		return (int)PTR_ERR(name);
	}
	len = (int)(page + PATH_MAX - name);
	if ((size_t)len <= size)
		memcpy(buf, name, (size_t)len);
	else
		len = -ERANGE;
	kfree(page);
	return len;
}

unsigned int do_umask(unsigned int mask)
{
	unsigned int old = init_fs.umask;

	init_fs.umask = mask & S_IRWXUGO;
	return old;
}

/* umask(2): the only name-space call wired so far, since it needs no name: libc-glue's umask()
 * cannot report an error, so it must not meet ENOSYS. */
long sys_umask(int mask)
{
	return (long)do_umask((unsigned int)mask);
}
