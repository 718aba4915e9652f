/*
 * Dentries (Linux's fs/dcache.c): names in the tree, their reference counts, their moves, and
 * the name of a path (d_path).
 *
 * Design note: the children of a directory are found by a walk of its d_subdirs, not in a hash
 * table keyed by (parent, name) as docs/files.md plans: tmpfs has no other index of its
 * directories (the dcache is the directory), and a table can replace the walk in d_lookup
 * alone when a benchmark asks for it.
 */
#include "fs/fs.h"
#include "vm/slab.h"

#include <errno.h>
#include <string.h>

unsigned long nr_dentry;
static struct kmem_cache *dentry_cachep;

static int d_set_name(struct dentry *d, const struct qstr *name)
{
	char *s = d->d_iname;

	if (name->len >= DNAME_INLINE_LEN) {
		s = kmalloc(name->len + 1, GFP_KERNEL);
		if (!s)
			return -ENOMEM;
	}
	memcpy(s, name->name, name->len);
	s[name->len] = '\0';
	d->d_name.name = s;
	d->d_name.len = name->len;
	d->d_name.hash = name->hash;
	return 0;
}

static void d_free_name(struct dentry *d)
{
	if (d->d_name.name != d->d_iname)
		kfree(d->d_name.name);
}

static struct dentry *__d_alloc(struct super_block *sb, const struct qstr *name)
{
	struct dentry *d;

	if (!dentry_cachep) {
		dentry_cachep = kmem_cache_create("dentry", sizeof(struct dentry), 8, NULL);
		if (!dentry_cachep)
			return NULL;
	}
	d = kmem_cache_alloc(dentry_cachep, GFP_KERNEL);
	if (!d)
		return NULL;
	memset(d, 0, sizeof(*d));
	if (d_set_name(d, name)) {
		kmem_cache_free(dentry_cachep, d);
		return NULL;
	}
	d->d_count = 1;
	d->d_sb = sb;
	d->d_parent = d;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	nr_dentry++;
	return d;
}

/* A negative child of parent (on its d_subdirs, newest first as Linux), one reference. */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = __d_alloc(parent->d_sb, name);

	if (!d)
		return NULL;
	d->d_parent = dget(parent);
	list_add(&d->d_child, &parent->d_subdirs);
	return d;
}

struct dentry *d_make_root(struct inode *root_inode)
{
	static const struct qstr slash = {"/", 1, 0};
	struct dentry *d;

	if (!root_inode)
		return NULL;
	d = __d_alloc(root_inode->i_sb, &slash);
	if (!d) {
		iput(root_inode);
		return NULL;
	}
	d->d_inode = root_inode;
	return d;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	dentry->d_inode = inode;
}

struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_subdirs, d_child)
	{
		if (!d->d_inode || (d->d_flags & (DCACHE_CURSOR | DCACHE_UNHASHED)))
			continue;
		if (d->d_name.len == name->len && !memcmp(d->d_name.name, name->name, name->len))
			return d;
	}
	return NULL;
}

/* The last reference frees the dentry, its name, its reference to the inode and to its
 * parent (which may be the parent's last: the loop goes up instead of recursing). */
void dput(struct dentry *d)
{
	while (d && !--d->d_count) {
		struct dentry *parent = IS_ROOT(d) ? NULL : d->d_parent;

		list_del(&d->d_child);
		d_free_name(d);
		iput(d->d_inode);
		kmem_cache_free(dentry_cachep, d);
		nr_dentry--;
		d = parent;
	}
}

void d_delete(struct dentry *d)
{
	d->d_flags |= DCACHE_UNHASHED;
	list_del_init(&d->d_child);
}

void d_move(struct dentry *dentry, struct dentry *target_parent, const struct qstr *name)
{
	struct dentry *old_parent = dentry->d_parent;
	struct qstr old = dentry->d_name;

	/* The name first: a failure (no memory for a long one) leaves everything as it was. */
	if (d_set_name(dentry, name))
		return;
	if (old.name != dentry->d_iname)
		kfree(old.name);
	list_del(&dentry->d_child);
	list_add(&dentry->d_child, &target_parent->d_subdirs);
	if (old_parent != target_parent) {
		dentry->d_parent = dget(target_parent);
		dput(old_parent);
	}
}

/* Each takes the other's parent, name and place in the list. */
void d_exchange(struct dentry *d1, struct dentry *d2)
{
	struct dentry *p1 = d1->d_parent, *p2 = d2->d_parent;
	struct qstr n1 = d1->d_name, n2 = d2->d_name;
	char i1[DNAME_INLINE_LEN];
	struct list_head mark;

	memcpy(i1, d1->d_iname, sizeof(i1));
	memcpy(d1->d_iname, d2->d_iname, sizeof(i1));
	memcpy(d2->d_iname, i1, sizeof(i1));
	d1->d_name = n2;
	if (n2.name == d2->d_iname)
		d1->d_name.name = d1->d_iname;
	d2->d_name = n1;
	if (n1.name == d1->d_iname)
		d2->d_name.name = d2->d_iname;
	/* A mark where d1 was; d1 goes after d2, then d2 after the mark. */
	list_add(&mark, &d1->d_child);
	list_del(&d1->d_child);
	list_add(&d1->d_child, &d2->d_child);
	list_del(&d2->d_child);
	list_add(&d2->d_child, &mark);
	list_del(&mark);
	d1->d_parent = p2;
	d2->d_parent = p1;
}

bool is_subdir(struct dentry *dentry, struct dentry *ancestor)
{
	for (;;) {
		if (dentry == ancestor)
			return true;
		if (IS_ROOT(dentry))
			return false;
		dentry = dentry->d_parent;
	}
}

struct dentry *d_ancestor(struct dentry *p1, struct dentry *p2)
{
	for (struct dentry *p = p2; !IS_ROOT(p); p = p->d_parent)
		if (p->d_parent == p1)
			return p;
	return NULL;
}

static int prepend(char **end, int *left, const char *s, int len)
{
	*left -= len;
	if (*left < 0)
		return -ENAMETOOLONG;
	*end -= len;
	memcpy(*end, s, (size_t)len);
	return 0;
}

char *d_path(const struct path *path, char *buf, int buflen)
{
	struct dentry *d = path->dentry;
	struct vfsmount *mnt = path->mnt;
	char *end = buf + buflen;
	int left = buflen, err = prepend(&end, &left, "", 1);
	bool any = false;

	if (!err && d_unhashed(d))
		err = prepend(&end, &left, " (deleted)", 10);
	while (!err) {
		if (d == init_fs.root.dentry && mnt == init_fs.root.mnt)
			break;
		if (d == mnt->mnt_root) {
			if (mnt->mnt_parent == mnt)
				break; /* not under the root */
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		err = prepend(&end, &left, d->d_name.name, (int)d->d_name.len);
		if (!err)
			err = prepend(&end, &left, "/", 1);
		any = true;
		d = d->d_parent;
	}
	if (!err && !any)
		err = prepend(&end, &left, "/", 1);
	return err ? ERR_PTR(err) : end;
}
