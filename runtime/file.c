/*
 * File descriptors. uniarm has no file system yet: the names it knows are character devices
 * (/dev/console, /dev/tty, /dev/stdin|stdout|stderr, /dev/null) and the generated read-only
 * files of /proc (runtime/procfs.c); everything else is ENOENT. fds 0-2 start open on the
 * console. Reads of the console block (wfi) until a byte arrives. Descriptors are allocated
 * lowest first below RLIMIT_NOFILE.
 */
#include "runtime/file.h"
#include "vm/mm_user.h"
#include "runtime/procfs.h"
#include "runtime/rusage.h"
#include "runtime/syscalls.h"
#include "runtime/printk.h"
#include "platform/cp15.h"
#include "platform/pl011.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#define MKDEV(ma, mi) (((ma) << 8) | (mi))

static struct file fd_table[NR_OPEN];
/* The open /proc file behind a descriptor (struct file has no private pointer), else NULL. */
static struct procfs_file *fd_proc[NR_OPEN];

static long console_read(struct file *f, void *buf, size_t count)
{
	unsigned char *p = buf;
	size_t n = 0;
	int c;

	if (count == 0)
		return 0;
	for (;;) {
		uint32_t flags = local_irq_save();

		c = pl011_getc();
		if (c < 0) {
			if (f->f_flags & LINUX_O_NONBLOCK) {
				local_irq_restore(flags);
				return -EAGAIN;
			}
			/* Sleep until the UART's receive interrupt (masked again by its handler).
			 */
			pl011_enable_rx_irq();
			wfi();
			local_irq_restore(flags);
			continue;
		}
		local_irq_restore(flags);
		break;
	}
	/* Return what has arrived, up to the end of a line. */
	while (c >= 0) {
		p[n++] = (unsigned char)(c == '\r' ? '\n' : c);
		if (n == count || p[n - 1] == '\n')
			break;
		c = pl011_getc();
	}
	return (long)n;
}

static long console_write_op(struct file *f, const void *buf, size_t count)
{
	(void)f;
	console_write(buf, count);
	return (long)count;
}

static long null_read(struct file *f, void *buf, size_t count)
{
	(void)f;
	(void)buf;
	(void)count;
	return 0;
}

static long null_write(struct file *f, const void *buf, size_t count)
{
	(void)f;
	(void)buf;
	return (long)count;
}

static const struct file_operations console_fops = {
	.read = console_read, .write = console_write_op, .rdev = MKDEV(5, 1)};
static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .rdev = MKDEV(1, 3)};

static const struct {
	const char *path;
	const struct file_operations *fops;
} devices[] = {
	{"/dev/console", &console_fops}, {"/dev/tty", &console_fops},
	{"/dev/stdin", &console_fops},	 {"/dev/stdout", &console_fops},
	{"/dev/stderr", &console_fops},	 {"/dev/null", &null_fops},
};

static long proc_read(struct file *f, void *buf, size_t count)
{
	return procfs_read(fd_proc[f - fd_table], buf, count);
}

static long proc_write(struct file *f, const void *buf, size_t count)
{
	(void)f;
	(void)buf;
	(void)count;
	return -EBADF; /* never reached: /proc files only open read-only */
}

static const struct file_operations proc_fops = {.read = proc_read, .write = proc_write};

static const struct file_operations *lookup_device(const char *path)
{
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (!strcmp(devices[i].path, path))
			return devices[i].fops;
	return NULL;
}

static struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN || !fd_table[fd].f_op)
		return NULL;
	return &fd_table[fd];
}

/* The open /proc file of fd, or NULL for a device or a closed descriptor. */
static struct procfs_file *fget_proc(int fd)
{
	return fget(fd) ? fd_proc[fd] : NULL;
}

/* The lowest free descriptor below RLIMIT_NOFILE, or -EMFILE. */
static int get_unused_fd(void)
{
	uint64_t limit = task_rlimit(LINUX_RLIMIT_NOFILE);
	int max = limit < NR_OPEN ? (int)limit : NR_OPEN;

	for (int fd = 0; fd < max; fd++)
		if (!fd_table[fd].f_op)
			return fd;
	return -EMFILE;
}

void files_init(void)
{
	fd_table[0] = (struct file){&console_fops, 0};
	fd_table[1] = (struct file){&console_fops, 1};
	fd_table[2] = (struct file){&console_fops, 1};
}

/* Linux allocates the descriptor before it looks at the path: EMFILE comes first. */
static long proc_open(const char *path, int flags)
{
	struct procfs_file *pf;
	int fd = get_unused_fd();
	int err;

	if (fd < 0)
		return fd;
	err = procfs_open(path, flags, &pf);
	if (err)
		return err;
	fd_table[fd] = (struct file){&proc_fops, flags};
	fd_proc[fd] = pf;
	return fd;
}

long sys_open(const char *path, int flags, int mode)
{
	const struct file_operations *fops;
	int fd;

	(void)mode;
	if (!path)
		return -EFAULT;
	if (path[0] == '\0')
		return -ENOENT;
	if (procfs_owns(path))
		return proc_open(path, flags);
	fops = lookup_device(path);
	if (!fops)
		return -ENOENT;
	if ((flags & (LINUX_O_CREAT | LINUX_O_EXCL)) == (LINUX_O_CREAT | LINUX_O_EXCL))
		return -EEXIST;
	if (flags & LINUX_O_DIRECTORY)
		return -ENOTDIR;
	if ((flags & LINUX_O_ACCMODE) == LINUX_O_ACCMODE)
		return -EINVAL;
	fd = get_unused_fd();
	if (fd >= 0)
		fd_table[fd] = (struct file){fops, flags};
	return fd;
}

/* For mmap: -EBADF for no such descriptor, else its access mode (MMAP_FILE_READ/WRITE) so
 * that mmap can make Linux's EACCES checks before it says the file cannot be mapped. */
int file_mmap_check(unsigned long fd)
{
	struct file *f = fget((int)fd);
	int mode;

	if (!f)
		return -EBADF;
	mode = f->f_flags & LINUX_O_ACCMODE;
	return (mode != 1 ? MMAP_FILE_READ : 0) | (mode != 0 ? MMAP_FILE_WRITE : 0);
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (fd_proc[fd]) {
		procfs_release(fd_proc[fd]);
		fd_proc[fd] = NULL;
	}
	*f = (struct file){0};
	return 0;
}

long sys_read(int fd, void *buf, size_t count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((f->f_flags & LINUX_O_ACCMODE) == 1)
		return -EBADF;
	if ((long)count < 0)
		return -EINVAL;
	return f->f_op->read(f, buf, count);
}

long sys_write(int fd, const void *buf, size_t count)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((f->f_flags & LINUX_O_ACCMODE) == 0)
		return -EBADF;
	if ((long)count < 0)
		return -EINVAL;
	return f->f_op->write(f, buf, count);
}

long sys_lseek(int fd, long offset, int whence)
{
	struct procfs_file *pf = fget_proc(fd);
	long long pos;

	if (!fget(fd))
		return -EBADF;
	if (whence < LINUX_SEEK_SET || whence > LINUX_SEEK_END)
		return -EINVAL;
	if (!pf)
		return -ESPIPE; /* character devices do not seek */
	pos = procfs_llseek(pf, offset, whence);
	/* The position is set even when lseek's long cannot report it, as on Linux. */
	if (pos > LONG_MAX)
		return -EOVERFLOW;
	return (long)pos;
}

long sys_llseek(int fd, unsigned long hi, unsigned long lo, long long *result, int whence)
{
	struct procfs_file *pf = fget_proc(fd);
	long long pos;

	if (!pf)
		return sys_lseek(fd, 0, whence);
	if (whence < LINUX_SEEK_SET || whence > LINUX_SEEK_END)
		return -EINVAL;
	pos = procfs_llseek(pf, (long long)(((unsigned long long)hi << 32) | lo), whence);
	if (pos < 0)
		return (long)pos;
	if (!result)
		return -EFAULT;
	*result = pos;
	return 0;
}

long sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	(void)cmd;
	(void)arg;
	if (!fget(fd))
		return -EBADF;
	return -ENOTTY;
}

long sys_fstat64(int fd, struct linux_stat64 *st)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!st)
		return -EFAULT;
	if (fd_proc[fd]) {
		procfs_stat(fd_proc[fd], st);
		return 0;
	}
	memset(st, 0, sizeof(*st));
	st->st_mode = LINUX_S_IFCHR | 0620;
	st->st_nlink = 1;
	st->st_rdev = f->f_op->rdev;
	st->st_blksize = 1024;
	st->__st_ino = st->st_ino = f->f_op->rdev;
	return 0;
}

long sys_link(const char *oldpath, const char *newpath)
{
	if (!oldpath || !newpath)
		return -EFAULT;
	/* A /proc file cannot be linked from anywhere else: another file system, as Linux says. */
	if (procfs_owns(oldpath)) {
		int err = procfs_lookup(oldpath);

		return err ? err : -EXDEV;
	}
	if (!lookup_device(oldpath))
		return -ENOENT;
	return -EROFS;
}

long sys_unlink(const char *path)
{
	if (!path)
		return -EFAULT;
	/* /proc's directories are r-x: removing from them is EACCES, as for a user on Linux. */
	if (procfs_owns(path)) {
		int err = procfs_lookup(path);

		return err ? err : -EACCES;
	}
	if (!lookup_device(path))
		return -ENOENT;
	return -EROFS;
}
