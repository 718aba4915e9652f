/*
 * The VFS's types (docs/files.md). This first part is the open file and the descriptor table;
 * inodes, dentries and mounts join it as the file system lands.
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

#ifndef __user
#define __user
#endif

struct file;

struct file_operations {
	long (*read)(struct file *f, void __user *buf, size_t count);
	long (*write)(struct file *f, const void __user *buf, size_t count);
	/* NULL: every command is ENOTTY */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* At the last fput; NULL: nothing to release. */
	void (*release)(struct file *f);
	unsigned int rdev; /* device number reported by fstat (0: none) */
};

struct file {
	const struct file_operations *f_op;
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

#endif
