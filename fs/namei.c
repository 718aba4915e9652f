/*
 * The walk and the name-space calls (Linux's fs/namei.c): names resolved from the root, the
 * working directory or a directory descriptor, one component at a time, with search
 * permission, "." and "..", mounts and symlinks (MAXSYMLINKS per walk); mkdir, rmdir, unlink,
 * rename, symlink and readlink with Linux's checks in Linux's order.
 *
 * Names are kernel strings: the system calls will copy them in with getname (-EFAULT,
 * -ENAMETOOLONG) before calling these. Nothing here sleeps and one task runs at a time, so
 * no directory lock is taken (docs/files.md's i_rwsem order applies once tasks can race).
 */
#include "fs/namei.h"
#include "runtime/cred.h"

#include <errno.h>
#include <string.h>

#define CAP_FOWNER 3

/* strlen up to max (the runtime's string routines have no strnlen). */
static size_t name_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int path_init(struct nameidata *nd, int dfd, const char *name, unsigned int flags)
{
	size_t len;

	memset(nd, 0, sizeof(*nd));
	nd->flags = flags;
	nd->root = init_fs.root;
	if (!name)
		return -EFAULT;
	len = name_len(name, PATH_MAX);
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (!len && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	if (name[0] == '/') {
		nd->path = nd->root;
	} else if (dfd == AT_FDCWD) {
		nd->path = init_fs.pwd;
	} else {
		struct file *f = fget(dfd);

		if (!f)
			return -EBADF;
		/* A file outside the name space (the console) has no directory to start from. */
		if (!f->f_path.dentry || (len && !d_is_dir(f->f_path.dentry))) {
			int err = f->f_path.dentry ? -ENOTDIR : (len ? -ENOTDIR : -EBADF);

			fput(f);
			return err;
		}
		nd->path = f->f_path;
		path_get(&nd->path);
		fput(f);
		return 0;
	}
	path_get(&nd->path);
	return 0;
}

static void set_path(struct nameidata *nd, const struct path *next)
{
	struct path old = nd->path;

	path_get(next);
	nd->path = *next;
	path_put(&old);
}

int handle_dots(struct nameidata *nd, int type)
{
	struct path next = nd->path;

	if (type != LAST_DOTDOT)
		return 0;
	for (;;) {
		if (path_equal(&next, &nd->root))
			break;
		if (next.dentry != next.mnt->mnt_root) {
			next.dentry = next.dentry->d_parent;
			break;
		}
		if (next.mnt->mnt_parent == next.mnt)
			break; /* the top of the tree */
		next.dentry = next.mnt->mnt_mountpoint;
		next.mnt = next.mnt->mnt_parent;
	}
	set_path(nd, &next);
	return 0;
}

struct dentry *lookup_child(struct nameidata *nd, const struct qstr *name)
{
	/* Linux's simple_lookup refuses the name before looking: no dentry can be this long. */
	if (name->len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	/* tmpfs: a miss is final. A file system with ->lookup (proc, to come) makes its
	 * dentries there. */
	return d_lookup(nd->path.dentry, name);
}

static int pick_link(struct nameidata *nd, struct dentry *link)
{
	const char *target;
	struct inode *inode = link->d_inode;
	int err;

	if (++nd->total_links > MAXSYMLINKS)
		return -ELOOP;
	target = inode->i_op->get_link ? inode->i_op->get_link(link, inode) : inode->i_link;
	if (IS_ERR(target))
		return (int)PTR_ERR(target);
	if (*target == '/')
		set_path(nd, &nd->root);
	err = link_path_walk(target, nd);
	return err;
}

int step_into(struct nameidata *nd, struct dentry *dentry, bool follow, bool *followed)
{
	struct path next = {nd->path.mnt, dentry};

	*followed = false;
	while (d_mountpoint(next.dentry)) {
		struct vfsmount *m = lookup_mnt(&next);

		if (!m)
			break;
		next.mnt = m;
		next.dentry = m->mnt_root;
	}
	if (follow && S_ISLNK(next.dentry->d_inode->i_mode)) {
		*followed = true;
		return pick_link(nd, next.dentry);
	}
	set_path(nd, &next);
	return 0;
}

/* The last component, symlinks followed as asked (a trailing slash always follows). */
static int walk_last(struct nameidata *nd, bool follow)
{
	for (;;) {
		struct dentry *child;
		bool followed, slash = nd->last_slash;
		int err;

		if (nd->last_type != LAST_NORM)
			return handle_dots(nd, nd->last_type);
		child = lookup_child(nd, &nd->last);
		if (IS_ERR(child))
			return (int)PTR_ERR(child);
		if (!child)
			return -ENOENT;
		err = step_into(nd, child, follow || slash, &followed);
		if (err || !followed)
			return err;
		nd->last_slash |= slash; /* "link/" still needs a directory at the end */
	}
}

int link_path_walk(const char *name, struct nameidata *nd)
{
	while (*name == '/')
		name++;
	if (!*name) {
		nd->last_type = LAST_ROOT;
		nd->last_slash = false;
		return 0;
	}
	for (;;) {
		const char *s = name;
		unsigned int len = 0;
		int type = LAST_NORM, err;
		struct dentry *child;
		bool followed;

		err = inode_permission(nd->path.dentry->d_inode, MAY_EXEC);
		if (err)
			return err;
		while (name[len] && name[len] != '/')
			len++;
		if (s[0] == '.' && len == 1)
			type = LAST_DOT;
		else if (s[0] == '.' && s[1] == '.' && len == 2)
			type = LAST_DOTDOT;
		name += len;
		nd->last.name = s;
		nd->last.len = len;
		nd->last.hash = 0;
		nd->last_type = type;
		nd->last_slash = false;
		if (!*name)
			return 0;
		while (*name == '/')
			name++;
		if (!*name) {
			nd->last_slash = true;
			return 0;
		}
		/* A component in the middle: a directory, symlinks followed all the way. */
		if (type != LAST_NORM) {
			handle_dots(nd, type);
		} else {
			child = lookup_child(nd, &nd->last);
			if (IS_ERR(child))
				return (int)PTR_ERR(child);
			if (!child)
				return -ENOENT;
			err = step_into(nd, child, true, &followed);
			if (!err && followed)
				err = walk_last(nd, true);
			if (err)
				return err;
		}
		if (!d_is_dir(nd->path.dentry))
			return -ENOTDIR;
	}
}

static int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *out)
{
	struct nameidata nd;
	int err = path_init(&nd, dfd, name, flags);

	if (!err)
		err = link_path_walk(name, &nd);
	if (!err)
		err = walk_last(&nd, flags & LOOKUP_FOLLOW);
	if (!err && (nd.last_slash || (flags & LOOKUP_DIRECTORY)) && !d_is_dir(nd.path.dentry))
		err = -ENOTDIR;
	if (err) {
		path_put(&nd.path);
		return err;
	}
	*out = nd.path;
	return 0;
}

int vfs_path_at(int dfd, const char *name, unsigned int flags, struct path *out)
{
	return path_lookupat(dfd, name, flags, out);
}

int kern_path(const char *name, unsigned int flags, struct path *out)
{
	return path_lookupat(AT_FDCWD, name, flags, out);
}

/* Linux's filename_parentat: nd->path the parent (a reference), nd->last the name in it. */
static int filename_parentat(int dfd, const char *name, struct nameidata *nd)
{
	int err = path_init(nd, dfd, name, 0);

	if (!err)
		err = link_path_walk(name, nd);
	if (err)
		path_put(&nd->path);
	return err;
}

int may_create(struct inode *dir)
{
	if (dir->i_flags & S_DEAD)
		return -ENOENT;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* Linux's check_sticky: in a sticky directory only the owners (or CAP_FOWNER) remove. */
static bool check_sticky(const struct inode *dir, const struct inode *inode)
{
	unsigned int fsuid = current_cred()->fsuid;

	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (inode->i_uid == fsuid || dir->i_uid == fsuid)
		return false;
	return !capable(CAP_FOWNER);
}

static int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	int err;

	if (!victim->d_inode)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (check_sticky(dir, victim->d_inode))
		return -EPERM;
	if (isdir) {
		if (!d_is_dir(victim))
			return -ENOTDIR;
		if (IS_ROOT(victim))
			return -EBUSY;
	} else if (d_is_dir(victim)) {
		return -EISDIR;
	}
	if (dir->i_flags & S_DEAD)
		return -ENOENT;
	return 0;
}

/*
 * Linux's filename_create: the parent and a new negative dentry for the last component
 * (returned with a reference; the parent stays in nd->path). "." "..", "/" and an existing
 * name are EEXIST; a trailing slash is ENOENT unless a directory is being made.
 */
static struct dentry *filename_create(int dfd, const char *name, struct nameidata *nd, bool is_dir)
{
	struct dentry *d;
	int err = filename_parentat(dfd, name, nd);

	if (err)
		return ERR_PTR(err);
	err = -EEXIST;
	if (nd->last_type != LAST_NORM)
		goto fail;
	d = lookup_child(nd, &nd->last);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		goto fail;
	}
	if (d)
		goto fail;
	err = -ENOENT;
	if (!is_dir && nd->last_slash)
		goto fail;
	d = d_alloc(nd->path.dentry, &nd->last);
	if (d)
		return d;
	err = -ENOMEM;
fail:
	path_put(&nd->path);
	return ERR_PTR(err);
}

static void done_path_create(struct nameidata *nd, struct dentry *d)
{
	dput(d);
	path_put(&nd->path);
}

int do_mkdirat(int dfd, const char *name, umode_t mode)
{
	struct nameidata nd;
	struct dentry *d = filename_create(dfd, name, &nd, true);
	struct inode *dir;
	int err;

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	dir = nd.path.dentry->d_inode;
	err = may_create(dir);
	if (!err && !dir->i_op->mkdir)
		err = -EPERM;
	if (!err)
		err = dir->i_op->mkdir(dir, d, (mode & ~init_fs.umask) & (S_IRWXUGO | S_ISVTX));
	done_path_create(&nd, d);
	return err;
}

int do_symlinkat(const char *target, int newdfd, const char *newname)
{
	struct nameidata nd;
	struct dentry *d;
	struct inode *dir;
	size_t len;
	int err;

	if (!target)
		return -EFAULT;
	len = name_len(target, PATH_MAX);
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (!len)
		return -ENOENT;
	d = filename_create(newdfd, newname, &nd, false);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	dir = nd.path.dentry->d_inode;
	err = may_create(dir);
	if (!err && !dir->i_op->symlink)
		err = -EPERM;
	if (!err)
		err = dir->i_op->symlink(dir, d, target);
	done_path_create(&nd, d);
	return err;
}

static int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	int err = may_delete(dir, dentry, true);

	if (err)
		return err;
	if (!dir->i_op->rmdir)
		return -EPERM;
	if (d_mountpoint(dentry))
		return -EBUSY;
	err = dir->i_op->rmdir(dir, dentry);
	if (err)
		return err;
	dentry->d_inode->i_flags |= S_DEAD;
	d_delete(dentry);
	return 0;
}

int do_rmdir(int dfd, const char *name)
{
	struct nameidata nd;
	struct dentry *d;
	int err = filename_parentat(dfd, name, &nd);

	if (err)
		return err;
	switch (nd.last_type) {
	case LAST_DOTDOT:
		err = -ENOTEMPTY;
		goto out;
	case LAST_DOT:
		err = -EINVAL;
		goto out;
	case LAST_ROOT:
		err = -EBUSY;
		goto out;
	}
	d = lookup_child(&nd, &nd.last);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		goto out;
	}
	if (!d) {
		err = -ENOENT;
		goto out;
	}
	dget(d);
	err = vfs_rmdir(nd.path.dentry->d_inode, d);
	dput(d);
out:
	path_put(&nd.path);
	return err;
}

static int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	int err = may_delete(dir, dentry, false);

	if (err)
		return err;
	if (!dir->i_op->unlink)
		return -EPERM;
	if (d_mountpoint(dentry))
		return -EBUSY;
	err = dir->i_op->unlink(dir, dentry);
	if (!err)
		d_delete(dentry);
	return err;
}

int do_unlinkat(int dfd, const char *name)
{
	struct nameidata nd;
	struct dentry *d;
	int err = filename_parentat(dfd, name, &nd);

	if (err)
		return err;
	err = -EISDIR;
	if (nd.last_type != LAST_NORM)
		goto out;
	d = lookup_child(&nd, &nd.last);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
		goto out;
	}
	/* A trailing slash, or no such name: Linux's "slashes" answers. */
	if (!d)
		err = -ENOENT;
	else if (nd.last_slash)
		err = d_is_dir(d) ? -EISDIR : -ENOTDIR;
	if (!d || nd.last_slash)
		goto out;
	dget(d);
	err = vfs_unlink(nd.path.dentry->d_inode, d);
	dput(d);
out:
	path_put(&nd.path);
	return err;
}

static int vfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		      struct dentry *new_dentry, unsigned int flags)
{
	struct inode *source = old_dentry->d_inode, *target = new_dentry->d_inode;
	bool is_dir = d_is_dir(old_dentry), new_is_dir = target && d_is_dir(new_dentry);
	int err;

	if (source == target)
		return 0;
	err = may_delete(old_dir, old_dentry, is_dir);
	if (err)
		return err;
	if (!target)
		err = may_create(new_dir);
	else
		err = may_delete(new_dir, new_dentry,
				 (flags & RENAME_EXCHANGE) ? new_is_dir : is_dir);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	/* A directory changing parent rewrites its "..": it needs write permission itself. */
	if (new_dir != old_dir) {
		if (is_dir)
			err = inode_permission(source, MAY_WRITE);
		if (!err && new_is_dir && (flags & RENAME_EXCHANGE))
			err = inode_permission(target, MAY_WRITE);
		if (err)
			return err;
	}
	if (d_mountpoint(old_dentry) || d_mountpoint(new_dentry))
		return -EBUSY;
	err = old_dir->i_op->rename(old_dir, old_dentry, new_dir, new_dentry, flags);
	if (err)
		return err;
	if (flags & RENAME_EXCHANGE) {
		d_exchange(old_dentry, new_dentry);
		return 0;
	}
	if (target) {
		if (is_dir)
			target->i_flags |= S_DEAD;
		d_delete(new_dentry);
	}
	d_move(old_dentry, new_dentry->d_parent, &new_dentry->d_name);
	return 0;
}

int do_renameat2(int olddfd, const char *oldname, int newdfd, const char *newname,
		 unsigned int flags)
{
	struct nameidata oldnd, newnd;
	struct dentry *old_dentry, *new_dentry = NULL, *trap = NULL;
	struct dentry *old_parent, *new_parent;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if ((flags & RENAME_WHITEOUT) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	err = filename_parentat(olddfd, oldname, &oldnd);
	if (err)
		return err;
	err = filename_parentat(newdfd, newname, &newnd);
	if (err)
		goto out_old;
	err = -EXDEV;
	if (oldnd.path.mnt != newnd.path.mnt)
		goto out;
	err = -EBUSY;
	if (oldnd.last_type != LAST_NORM)
		goto out;
	if (flags & RENAME_NOREPLACE)
		err = -EEXIST;
	if (newnd.last_type != LAST_NORM)
		goto out;

	/* Linux's lock_rename: the child of the upper parent on the way to the lower one. */
	old_parent = oldnd.path.dentry;
	new_parent = newnd.path.dentry;
	if (old_parent != new_parent) {
		trap = d_ancestor(old_parent, new_parent);
		if (!trap)
			trap = d_ancestor(new_parent, old_parent);
	}
	old_dentry = lookup_child(&oldnd, &oldnd.last);
	if (IS_ERR(old_dentry)) {
		err = (int)PTR_ERR(old_dentry);
		goto out;
	}
	err = -ENOENT;
	if (!old_dentry)
		goto out;
	dget(old_dentry);
	new_dentry = lookup_child(&newnd, &newnd.last);
	if (IS_ERR(new_dentry)) {
		err = (int)PTR_ERR(new_dentry);
		new_dentry = NULL;
		goto out_dentries;
	}
	/* A missing target is a negative dentry for the time of the call. */
	new_dentry = new_dentry ? dget(new_dentry) : d_alloc(new_parent, &newnd.last);
	err = -ENOMEM;
	if (!new_dentry)
		goto out_dentries;
	err = -EEXIST;
	if ((flags & RENAME_NOREPLACE) && new_dentry->d_inode)
		goto out_dentries;
	if (flags & RENAME_EXCHANGE) {
		err = -ENOENT;
		if (!new_dentry->d_inode)
			goto out_dentries;
		if (!d_is_dir(new_dentry)) {
			err = -ENOTDIR;
			if (newnd.last_slash)
				goto out_dentries;
		}
	}
	if (!d_is_dir(old_dentry)) {
		err = -ENOTDIR;
		if (oldnd.last_slash)
			goto out_dentries;
		if (!(flags & RENAME_EXCHANGE) && newnd.last_slash)
			goto out_dentries;
	}
	err = -EINVAL;
	if (old_dentry == trap)
		goto out_dentries;
	if (!(flags & RENAME_EXCHANGE))
		err = -ENOTEMPTY;
	if (new_dentry == trap)
		goto out_dentries;
	err = vfs_rename(old_parent->d_inode, old_dentry, new_parent->d_inode, new_dentry, flags);
out_dentries:
	dput(new_dentry);
	dput(old_dentry);
out:
	path_put(&newnd.path);
out_old:
	path_put(&oldnd.path);
	return err;
}

int do_readlinkat(int dfd, const char *name, char *buf, int size)
{
	struct path path;
	struct inode *inode;
	const char *target;
	int err, len;

	if (size <= 0)
		return -EINVAL;
	err = vfs_path_at(dfd, name, LOOKUP_EMPTY, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	if (!S_ISLNK(inode->i_mode)) {
		err = (name && !*name) ? -ENOENT : -EINVAL;
		goto out;
	}
	target = inode->i_op->get_link ? inode->i_op->get_link(path.dentry, inode) : inode->i_link;
	if (IS_ERR(target)) {
		err = (int)PTR_ERR(target);
		goto out;
	}
	len = (int)strlen(target);
	if (len > size)
		len = size;
	memcpy(buf, target, (size_t)len);
	err = len;
out:
	path_put(&path);
	return err;
}
