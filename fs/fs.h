/*
 * The VFS's types (docs/files.md): the open file and the descriptor table, and the name space
 * (inodes, dentries, super blocks, mounts, the walk's paths).
 *
 * One process: one files_struct (init_files), shared by every thread as CLONE_FILES shares it
 * on Linux. The runtime runs one task at a time and none of this sleeps (PREEMPT_NONE,
 * kmalloc does not wait), so the table needs no lock; a file in use by a system call that
 * sleeps (a console read) is kept alive by the reference fget took, whatever close does
 * meanwhile.
 */
#ifndef UNIARM_FS_FS_H
#define UNIARM_FS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/list.h"

#ifndef __user
#define __user
#endif

#ifndef IS_ERR
#define IS_ERR(p)  ((unsigned long)(p) >= (unsigned long)-4095)
#define PTR_ERR(p) ((long)(p))
#define ERR_PTR(e) ((void *)(long)(e))
#endif

struct file;
struct dir_context;
struct vfsmount;
struct dentry;

/* A mount and a dentry in it: a place in the tree. */
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file_operations {
	long (*read)(struct file *f, void __user *buf, size_t count);
	long (*write)(struct file *f, const void __user *buf, size_t count);
	/* NULL: every command is ENOTTY */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* At the last fput; NULL: nothing to release. */
	void (*release)(struct file *f);
	unsigned int rdev; /* device number reported by fstat (0: none) */
	/* Files of the name space (fs/open.c): set-up after the file is made (a directory's
	 * cursor), the directory's entries (fs/readdir.c), its lseek. NULL: none. */
	int (*open)(struct file *f);
	int (*iterate_shared)(struct file *f, struct dir_context *ctx);
	long long (*llseek)(struct file *f, long long offset, int whence);
};

struct file {
	const struct file_operations *f_op;
	/* Where the file was opened: a reference to both (fput drops them). NULL mnt and dentry
	 * for the files that are not in the name space yet (the console, runtime/file.c's
	 * devices and /proc). */
	struct path f_path;
	long long f_pos; /* a directory's readdir position (read/write's with step 5) */
	/* Linux's open flags, without the ones that only act at open (O_CREAT, O_EXCL,
	 * O_NOCTTY, O_TRUNC, O_CLOEXEC): what F_GETFL reports and F_SETFL changes. */
	unsigned int f_flags;
	unsigned int f_count; /* descriptors and system calls using it */
	void *private_data;   /* the file system's (an open /proc file) */
};

/* The descriptors: fd[n] is open when bit n of open_fds is set; close_on_exec is FD_CLOEXEC. */
struct fdtable {
	unsigned int max_fds; /* a multiple of BITS_PER_LONG */
	struct file **fd;
	unsigned long *open_fds;
	unsigned long *close_on_exec;
};

/* Linux's sysctl_nr_open: no table grows past it, nor the RLIMIT_NOFILE hard limit. */
#define NR_OPEN_MAX (1024 * 1024)
/* The table's first size, in the structure itself (Linux's NR_OPEN_DEFAULT). */
#define NR_OPEN_DEFAULT 32

struct files_struct {
	struct fdtable fdt;
	unsigned int next_fd; /* no free descriptor below it */
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long open_fds_init[NR_OPEN_DEFAULT / (8 * sizeof(unsigned long))];
	unsigned long close_on_exec_init[NR_OPEN_DEFAULT / (8 * sizeof(unsigned long))];
};

extern struct files_struct init_files;

/* A new open file with one reference, or NULL (no memory). */
struct file *alloc_file(const struct file_operations *fop, unsigned int open_flags,
			void *private_data);
/* fd's file with a reference taken, or NULL (not open); fput gives it back. */
struct file *fget(int fd);
static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}
void fput(struct file *f);

/* The lowest free descriptor below RLIMIT_NOFILE, reserved (LINUX_O_CLOEXEC in flags sets
 * FD_CLOEXEC), or -EMFILE / -ENOMEM. Then fd_install, or put_unused_fd to give it back. */
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
/* fd (reserved) now refers to f, whose reference it takes over. */
void fd_install(unsigned int fd, struct file *f);
/* Close fd: 0 or -EBADF. */
int close_fd(unsigned int fd);

/* F_DUPFD and F_DUPFD_CLOEXEC: the lowest free descriptor >= from for f (a new reference). */
int f_dupfd(unsigned int from, struct file *f, unsigned int flags);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);

/* ---- The name space (fs/dcache.c, fs/inode.c, fs/namespace.c, fs/namei.c) ---- */

typedef unsigned short umode_t;

#define NAME_MAX    255	 /* a component */
#define PATH_MAX    4096 /* a whole name, with its NUL */
#define MAXSYMLINKS 40	 /* links followed in one walk */

/* Linux's S_IF* and permission bits (include/uapi/linux/stat.h). */
#define S_IFMT	   0170000
#define S_IFSOCK   0140000
#define S_IFLNK	   0120000
#define S_IFREG	   0100000
#define S_IFBLK	   0060000
#define S_IFDIR	   0040000
#define S_IFCHR	   0020000
#define S_IFIFO	   0010000
#define S_ISUID	   0004000
#define S_ISGID	   0002000
#define S_ISVTX	   0001000
#define S_IALLUGO  07777
#define S_IRWXUGO  00777
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)

/* inode_permission's mask. */
#define MAY_EXEC  0x01
#define MAY_WRITE 0x02
#define MAY_READ  0x04
#define MAY_OPEN  0x20

/* Linux's *at flags and values. */
#define AT_FDCWD	    (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR	    0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_NO_AUTOMOUNT	    0x800
#define AT_EMPTY_PATH	    0x1000

#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE	 (1 << 1)
#define RENAME_WHITEOUT	 (1 << 2)

#define LINUX_O_NOFOLLOW  00100000 /* ARM */
#define LINUX_O_LARGEFILE 00400000 /* ARM */
#define LINUX_O_PATH	  010000000
#define LINUX_O_TMPFILE	  (020000000 | 00040000)

struct timespec64 {
	long long tv_sec;
	long tv_nsec;
};

/* A name: the bytes (not NUL-terminated in a walk), their length and hash. */
struct qstr {
	const char *name;
	unsigned int len;
	unsigned int hash;
};

struct inode;
struct super_block;
struct kstat;

struct inode_operations {
	/* The child named by dentry (negative, not yet in the tree) in dir: NULL (no such
	 * name) or an error. tmpfs has none: its dcache is the directory. */
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry, unsigned int flags);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*rename)(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		      struct dentry *new_dentry, unsigned int flags);
	/* A symlink's target (NUL-terminated); NULL op: i_link is the target. */
	const char *(*get_link)(struct dentry *dentry, struct inode *inode);
	int (*getattr)(const struct path *path, struct kstat *stat);
};

/* i_flags */
#define S_DEAD 0x1 /* a removed directory: nothing may be created in it */

struct inode {
	umode_t i_mode;
	unsigned int i_uid, i_gid;
	unsigned int i_nlink;
	long long i_size;
	unsigned long long i_blocks; /* 512-byte units */
	struct timespec64 i_atime, i_mtime, i_ctime;
	struct timespec64 i_btime; /* creation (statx's btime; Linux's shmem i_crtime) */
	unsigned long i_ino;
	unsigned int i_rdev;
	unsigned int i_flags;
	unsigned int i_count; /* dentries and transient users */
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	char *i_link; /* a symlink's target */
	void *i_private;
	struct list_head i_sb_list; /* on its super's s_inodes */
};

/* d_flags */
#define DCACHE_MOUNTED	0x1 /* a mount sits on it */
#define DCACHE_UNHASHED 0x2 /* its name was removed (unlink, rmdir, rename over it) */
#define DCACHE_CURSOR	0x4 /* a directory reader's place among d_subdirs, no name */

#define DNAME_INLINE_LEN 32

/*
 * A name in the tree. A positive dentry has d_inode; tmpfs keeps no negative ones (a name
 * that is not there has no dentry). d_count: the pin of a tmpfs name while it exists, each
 * child (its d_parent reference), each path (open file, pwd, root, a walk in progress).
 */
struct dentry {
	unsigned int d_flags;
	unsigned int d_count;
	struct dentry *d_parent; /* itself for a root */
	struct qstr d_name;	 /* d_name.name NUL-terminated, in d_iname or allocated */
	struct inode *d_inode;
	struct super_block *d_sb;
	struct list_head d_child;   /* on d_parent's d_subdirs */
	struct list_head d_subdirs; /* children (and readers' cursors) */
	char d_iname[DNAME_INLINE_LEN];
};

struct super_operations {
	/* The inode's last iput: free what the file system hung on it (a symlink's target). */
	void (*evict_inode)(struct inode *inode);
	void (*put_super)(struct super_block *sb);
};

struct file_system_type {
	const char *name;
	/* Fill sb (s_root, s_op, s_magic, s_fs_info): 0 or an error. */
	int (*fill_super)(struct super_block *sb, void *data);
};

struct super_block {
	unsigned int s_dev; /* anonymous 0:N, encoded as the devices' rdev: major << 8 | minor */
	unsigned long s_magic;
	struct dentry *s_root;
	const struct super_operations *s_op;
	const struct file_system_type *s_type;
	unsigned long s_next_ino; /* the next inode number handed out */
	struct list_head s_inodes;
	void *s_fs_info;
};

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	struct vfsmount *mnt_parent; /* itself for the root mount */
	struct dentry *mnt_mountpoint;
	unsigned int mnt_count;
	int mnt_id;
	struct list_head mnt_list; /* every mount (fs/namespace.c) */
};

struct fs_struct {
	struct path root, pwd;
	unsigned int umask;
};

extern struct fs_struct init_fs;

/* What stat reports (Linux's struct kstat). */
#define STATX_TYPE	  0x0001u
#define STATX_MODE	  0x0002u
#define STATX_NLINK	  0x0004u
#define STATX_UID	  0x0008u
#define STATX_GID	  0x0010u
#define STATX_ATIME	  0x0020u
#define STATX_MTIME	  0x0040u
#define STATX_CTIME	  0x0080u
#define STATX_INO	  0x0100u
#define STATX_SIZE	  0x0200u
#define STATX_BLOCKS	  0x0400u
#define STATX_BASIC_STATS 0x07ffu
#define STATX_BTIME	  0x0800u
#define STATX_MNT_ID	  0x1000u

struct kstat {
	unsigned int result_mask;
	umode_t mode;
	unsigned int nlink;
	unsigned int blksize;
	unsigned long long attributes, attributes_mask;
	unsigned long long ino;
	unsigned int dev, rdev; /* major << 8 | minor, as file_operations' rdev */
	unsigned int uid, gid;
	long long size;
	struct timespec64 atime, mtime, ctime, btime;
	unsigned long long blocks;
	unsigned long long mnt_id;
};

/* dcache (fs/dcache.c) */
extern unsigned long nr_dentry; /* dentries allocated and not yet freed */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_make_root(struct inode *root_inode);
void d_instantiate(struct dentry *dentry, struct inode *inode);
/* The child of parent named name (positive, in the tree), without a reference; NULL. */
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name);
static inline struct dentry *dget(struct dentry *d)
{
	d->d_count++;
	return d;
}
void dput(struct dentry *d);
/* The name leaves the tree (unlink, rmdir, the victim of a rename). */
void d_delete(struct dentry *d);
/* dentry takes target's place: new parent and name (rename). */
void d_move(struct dentry *dentry, struct dentry *target_parent, const struct qstr *name);
void d_exchange(struct dentry *d1, struct dentry *d2);
static inline bool d_unhashed(const struct dentry *d)
{
	return d->d_flags & DCACHE_UNHASHED;
}
static inline bool IS_ROOT(const struct dentry *d)
{
	return d->d_parent == d;
}
static inline bool d_mountpoint(const struct dentry *d)
{
	return d->d_flags & DCACHE_MOUNTED;
}
static inline bool d_is_dir(const struct dentry *d)
{
	return d->d_inode && S_ISDIR(d->d_inode->i_mode);
}
/* Whether ancestor is dentry or one of its ancestors (Linux's is_subdir). */
bool is_subdir(struct dentry *dentry, struct dentry *ancestor);
/* The child of p1 on the way to p2 if p1 is an ancestor of p2, else NULL (d_ancestor). */
struct dentry *d_ancestor(struct dentry *p1, struct dentry *p2);
/*
 * The path's name from the root of init_fs, built at the end of buf: a pointer into buf, or
 * ERR_PTR(-ENAMETOOLONG). An unlinked dentry gets " (deleted)" appended (Linux's d_path).
 */
char *d_path(const struct path *path, char *buf, int buflen);

/* inodes (fs/inode.c) */
extern unsigned long nr_inodes; /* inodes allocated and not yet freed */
struct inode *new_inode(struct super_block *sb);
static inline struct inode *ihold(struct inode *inode)
{
	inode->i_count++;
	return inode;
}
void iput(struct inode *inode);
struct timespec64 current_time(struct inode *inode);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void clear_nlink(struct inode *inode);
/* Linux's inode_init_owner: fsuid, and fsgid (or dir's group under a setgid dir). */
void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode);
/* 0 or -EACCES for the caller's fsuid/fsgid and capabilities (generic_permission). */
int inode_permission(struct inode *inode, int mask);

/* mounts (fs/namespace.c) */
struct vfsmount *vfs_kern_mount(const struct file_system_type *type, void *data);
/* Attach mnt on the directory at mountpoint: 0 or an error. */
int do_add_mount(struct vfsmount *mnt, const struct path *mountpoint);
/* The mount on path (DCACHE_MOUNTED), or NULL. */
struct vfsmount *lookup_mnt(const struct path *path);
static inline struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		mnt->mnt_count++;
	return mnt;
}
static inline void mntput(struct vfsmount *mnt)
{
	if (mnt)
		mnt->mnt_count--;
}
static inline void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}
static inline void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}
/* Mount the root tmpfs at "/" and a second one at "/dev": 0 or an error (at boot). */
int vfs_init(void);

/* The walk (fs/namei.c). Flags: */
#define LOOKUP_FOLLOW	 0x0001 /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x0002 /* the last component must be a directory */
#define LOOKUP_EMPTY	 0x4000 /* "" names the starting point (AT_EMPTY_PATH) */

int kern_path(const char *name, unsigned int flags, struct path *out);
int vfs_path_at(int dfd, const char *name, unsigned int flags, struct path *out);

int do_mkdirat(int dfd, const char *name, umode_t mode);
int do_rmdir(int dfd, const char *name);
int do_unlinkat(int dfd, const char *name);
int do_renameat2(int olddfd, const char *oldname, int newdfd, const char *newname,
		 unsigned int flags);
int do_symlinkat(const char *target, int newdfd, const char *newname);
/* Copy up to size bytes of the symlink's target to buf (no NUL): the bytes copied. */
int do_readlinkat(int dfd, const char *name, char *buf, int size);

/* stat (fs/stat.c) */
int vfs_getattr(const struct path *path, struct kstat *stat);
int vfs_fstatat(int dfd, const char *name, int flags, struct kstat *stat);

/* open, chdir, umask (fs/open.c) */
struct file *do_filp_open(int dfd, const char *name, int open_flags, umode_t mode);
int do_chdir(const char *name);
int do_fchdir(int fd);
/* The working directory's name in buf: its length with the NUL, -ENOENT (removed), -ERANGE. */
int vfs_getcwd(char *buf, size_t size);
unsigned int do_umask(unsigned int mask);

/* Directories (fs/readdir.c, fs/libfs.c) */
struct dir_context;
/* Called per entry: true to go on, false when the caller's buffer is full. */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen, long long offset,
			  unsigned long long ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	long long pos; /* the position of the next entry */
};
#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12
/* 0, -ENOTDIR (not a directory), -ENOENT (removed) or the file system's error. */
int iterate_dir(struct file *file, struct dir_context *ctx);
/* getdents64's record (Linux's struct linux_dirent64): d_name at offset 19. */
struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off; /* the position after this record */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
} __attribute__((packed));
/* getdents64 into a kernel buffer: bytes filled, 0 at the end, -EINVAL (no room for one). */
long vfs_getdents64(struct file *file, void *buf, size_t count);
long long vfs_llseek(struct file *file, long long offset, int whence);

/* libfs's directory operations over the dcache (tmpfs's). */
extern const struct file_operations simple_dir_operations;
bool simple_empty(struct dentry *dentry);

#endif
