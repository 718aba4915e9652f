/* The walk's state, shared by fs/namei.c and fs/open.c (Linux keeps it in fs/namei.c). */
#ifndef UNIARM_FS_NAMEI_H
#define UNIARM_FS_NAMEI_H

#include "fs/fs.h"

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

struct nameidata {
	struct path path; /* where the walk is: a reference */
	struct path root; /* init_fs's root ("/" and ".." stop there) */
	struct qstr last; /* the last component (in the name or a symlink's target) */
	int last_type;
	bool last_slash; /* the last component had trailing slashes: it must be a directory */
	unsigned int flags;
	int total_links; /* symlinks followed (ELOOP past MAXSYMLINKS) */
};

/* Check the name (-EFAULT, -ENAMETOOLONG at PATH_MAX, -ENOENT for "" without LOOKUP_EMPTY)
 * and set the start: the root, the working directory or dfd's directory. */
int path_init(struct nameidata *nd, int dfd, const char *name, unsigned int flags);
/* Every component but the last: nd->path is then the last one's parent. */
int link_path_walk(const char *name, struct nameidata *nd);
/* The child named name of nd->path (no reference), NULL if there is none, or an error. */
struct dentry *lookup_child(struct nameidata *nd, const struct qstr *name);
/* Move nd->path to dentry (crossing mounts), or follow it if it is a symlink and follow is set
 * (the target's components walked, its last left in nd->last: *followed set). */
int step_into(struct nameidata *nd, struct dentry *dentry, bool follow, bool *followed);
/* "." and "..": nd->path moves (never above the root; a mount root goes to its mountpoint). */
int handle_dots(struct nameidata *nd, int type);
/* Linux's may_create: -ENOENT in a removed directory, else write and search permission. */
int may_create(struct inode *dir);

#endif
