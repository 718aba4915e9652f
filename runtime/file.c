/*
 * File descriptors. uniarm has no file system yet: the names it knows are character devices
 * (/dev/console, /dev/tty, /dev/stdin|stdout|stderr, /dev/null, /dev/zero) and the generated
 * files of /proc (runtime/procfs.c); everything else is ENOENT. fds 0-2 start open on the
 * console (runtime/tty.c, docs/console.md): one open file, O_RDWR, as Linux's
 * console_on_rootfs opens it and dups it to 1 and 2. The descriptor table is fs/file.c's.
 *
 * Every pointer from the application goes through platform/uaccess.h: buffers are checked
 * with access_ok and copied in bounded chunks through a runtime buffer, paths are copied
 * with strncpy_from_user, results are built in runtime memory and copied out. A pointer the
 * application cannot use gives EFAULT (or, part way through a transfer, the count done so
 * far) instead of a fault in the runtime. The buf of a file_operations read/write is such an
 * application pointer, already checked by access_ok: the operation must copy through the
 * uaccess API.
 */
#include "runtime/file.h"
#include "vm/mm_user.h"
#include "runtime/printk.h"
#include "runtime/procfs.h"
#include "runtime/rusage.h"
#include "runtime/syscalls.h"
#include "runtime/tty.h"
#include "platform/uaccess.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#define MKDEV(ma, mi) (((ma) << 8) | (mi))

/* Linux's limits: a path of PATH_MAX bytes including its NUL; one read or write moves at most
 * MAX_RW_COUNT bytes (INT_MAX rounded down to a page). */
#define LINUX_PATH_MAX	   4096
#define LINUX_MAX_RW_COUNT (INT_MAX & ~4095)

/* /dev/null never touches the buffer: a bad one that passes access_ok is no error (Linux). */
static long null_read(struct file *f, void __user *buf, size_t count)
{
	(void)f;
	(void)buf;
	(void)count;
	return 0;
}

static long null_write(struct file *f, const void __user *buf, size_t count)
{
	(void)f;
	(void)buf;
	return (long)count;
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .rdev = MKDEV(1, 3)};

/*
 * Linux's read_iter_zero: a page-sized chunk at a time; a chunk that cannot be cleared ends the
 * read with the bytes done so far, or -EFAULT when there are none. ARM's clear_user clears all
 * of a chunk or reports none of it cleared, so a chunk that runs into a fault counts nothing.
 */
static long zero_read(struct file *f, void __user *buf, size_t count)
{
	size_t written = 0;

	(void)f;
	while (written < count) {
		size_t chunk = count - written < PAGE_SIZE ? count - written : PAGE_SIZE;

		if (clear_user((char __user *)buf + written, chunk))
			return written ? (long)written : -EFAULT;
		written += chunk;
	}
	return (long)written;
}

/* Writes to /dev/zero are discarded, as /dev/null's (Linux's write_zero is write_null). */
static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .rdev = MKDEV(1, 5)};

static const struct {
	const char *path;
	const struct file_operations *fops;
} devices[] = {
	{"/dev/console", &console_fops}, {"/dev/tty", &console_fops},
	{"/dev/stdin", &console_fops},	 {"/dev/stdout", &console_fops},
	{"/dev/stderr", &console_fops},	 {"/dev/null", &null_fops},
	{"/dev/zero", &zero_fops},
};

static long proc_read(struct file *f, void __user *buf, size_t count)
{
	return procfs_read(f->private_data, buf, count);
}

static long proc_write(struct file *f, const void __user *buf, size_t count)
{
	return procfs_write(f->private_data, buf, count);
}

static void proc_release(struct file *f)
{
	procfs_release(f->private_data);
}

static const struct file_operations proc_fops = {
	.read = proc_read, .write = proc_write, .release = proc_release};

static const struct file_operations *lookup_device(const char *path)
{
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (!strcmp(devices[i].path, path))
			return devices[i].fops;
	return NULL;
}

/* The open /proc file of f, or NULL for a device. */
static struct procfs_file *proc_file(const struct file *f)
{
	return f->f_op == &proc_fops ? f->private_data : NULL;
}

void files_init(void)
{
	struct file *console = alloc_file(&console_fops, LINUX_O_RDWR, NULL);

	if (!console)
		panic("no memory for the console's file");
	fd_install((unsigned int)get_unused_fd_flags(0), console);
	fd_install((unsigned int)get_unused_fd_flags(0), get_file(console));
	fd_install((unsigned int)get_unused_fd_flags(0), get_file(console));
	tty_init();
}

/*
 * Linux's getname: copy the application's path into kbuf (LINUX_PATH_MAX bytes). 0, or
 * -EFAULT (a bad pointer, or a string that runs into a fault before its NUL), -ENAMETOOLONG
 * (no NUL within PATH_MAX bytes), -ENOENT (the empty path).
 */
static int getname(char *kbuf, const char __user *upath)
{
	long len = strncpy_from_user(kbuf, upath, LINUX_PATH_MAX);

	if (len < 0)
		return (int)len;
	if (len == LINUX_PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	return 0;
}

/* The copied paths. One task makes one call at a time, so static buffers are safe, and they
 * keep 8 KiB off the stack a system call runs on. */
static char path_buf[LINUX_PATH_MAX], path_buf2[LINUX_PATH_MAX];

/* Linux allocates the descriptor before it looks at the path: EMFILE comes first. */
static long proc_open(const char *path, int flags)
{
	struct procfs_file *pf;
	struct file *f;
	int fd = get_unused_fd_flags((unsigned int)flags);
	int err;

	if (fd < 0)
		return fd;
	err = procfs_open(path, flags, &pf);
	if (err) {
		put_unused_fd((unsigned int)fd);
		return err;
	}
	f = alloc_file(&proc_fops, (unsigned int)flags, pf);
	if (!f) {
		procfs_release(pf);
		put_unused_fd((unsigned int)fd);
		return -ENOMEM;
	}
	fd_install((unsigned int)fd, f);
	return fd;
}

long sys_open(const char __user *upath, int flags, int mode)
{
	const struct file_operations *fops;
	const char *path = path_buf;
	int fd, err;

	(void)mode;
	err = getname(path_buf, upath);
	if (err)
		return err;
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
	fd = get_unused_fd_flags((unsigned int)flags);
	if (fd >= 0) {
		struct file *f = alloc_file(fops, (unsigned int)flags, NULL);

		if (!f) {
			put_unused_fd((unsigned int)fd);
			return -ENOMEM;
		}
		fd_install((unsigned int)fd, f);
	}
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
	fput(f);
	return (mode != 1 ? MMAP_FILE_READ : 0) | (mode != 0 ? MMAP_FILE_WRITE : 0);
}

/* Linux's vfs_read order: EBADF, EFAULT (access_ok), EINVAL; then at most MAX_RW_COUNT. */
static long vfs_read(struct file *f, void __user *buf, size_t count)
{
	if ((f->f_flags & LINUX_O_ACCMODE) == LINUX_O_WRONLY)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	if ((long)count < 0)
		return -EINVAL;
	if (count > LINUX_MAX_RW_COUNT)
		count = LINUX_MAX_RW_COUNT;
	return f->f_op->read(f, buf, count);
}

static long vfs_write(struct file *f, const void __user *buf, size_t count)
{
	if ((f->f_flags & LINUX_O_ACCMODE) == LINUX_O_RDONLY)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	if ((long)count < 0)
		return -EINVAL;
	if (count > LINUX_MAX_RW_COUNT)
		count = LINUX_MAX_RW_COUNT;
	return f->f_op->write(f, buf, count);
}

long sys_read(int fd, void __user *buf, size_t count)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_read(f, buf, count);
	fput(f);
	return ret;
}

long sys_write(int fd, const void __user *buf, size_t count)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_write(f, buf, count);
	fput(f);
	return ret;
}

static long do_lseek(struct file *f, long offset, int whence)
{
	struct procfs_file *pf = proc_file(f);
	long long pos;

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

long sys_lseek(int fd, long offset, int whence)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_lseek(f, offset, whence);
	fput(f);
	return ret;
}

/*
 * As Linux: the position moves first, then the result is copied out; a result pointer the
 * application cannot write gives -EFAULT with the position already moved (Linux's
 * llseek does the same, and reports it).
 */
static long do_llseek(struct file *f, unsigned long hi, unsigned long lo, long long __user *result,
		      int whence)
{
	struct procfs_file *pf = proc_file(f);
	long long pos;

	if (!pf)
		return do_lseek(f, 0, whence);
	if (whence < LINUX_SEEK_SET || whence > LINUX_SEEK_END)
		return -EINVAL;
	pos = procfs_llseek(pf, (long long)(((unsigned long long)hi << 32) | lo), whence);
	if (pos < 0)
		return (long)pos;
	if (copy_to_user(result, &pos, sizeof(pos)))
		return -EFAULT;
	return 0;
}

long sys_llseek(int fd, unsigned long hi, unsigned long lo, long long __user *result, int whence)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_llseek(f, hi, lo, result, whence);
	fput(f);
	return ret;
}

long sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op->ioctl ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	fput(f);
	return ret;
}

/* The stat is built in runtime memory and copied out whole: -EFAULT when it cannot be. */
long sys_fstat64(int fd, struct linux_stat64 __user *ust)
{
	struct file *f = fget(fd);
	struct linux_stat64 st;

	if (!f)
		return -EBADF;
	if (proc_file(f)) {
		procfs_stat(proc_file(f), &st);
	} else {
		memset(&st, 0, sizeof(st));
		st.st_mode = LINUX_S_IFCHR | 0620;
		st.st_nlink = 1;
		st.st_rdev = f->f_op->rdev;
		st.st_blksize = 1024;
		st.__st_ino = st.st_ino = f->f_op->rdev;
	}
	fput(f);
	if (copy_to_user(ust, &st, sizeof(st)))
		return -EFAULT;
	return 0;
}

/*
 * Linux's do_linkat order: both names are copied, then the old one is looked up (its copy
 * error or ENOENT first), then the new one's copy error, then the link itself fails.
 */
long sys_link(const char __user *uoldpath, const char __user *unewpath)
{
	const char *oldpath = path_buf;
	int err = getname(path_buf, uoldpath);
	int newerr = getname(path_buf2, unewpath);
	bool proc;

	if (err)
		return err;
	proc = procfs_owns(oldpath);
	if (proc) {
		err = procfs_lookup(oldpath);
		if (err)
			return err;
	} else if (!lookup_device(oldpath)) {
		return -ENOENT;
	}
	if (newerr)
		return newerr;
	/* A /proc file cannot be linked from anywhere else: another file system, as Linux says. */
	return proc ? -EXDEV : -EROFS;
}

long sys_unlink(const char __user *upath)
{
	const char *path = path_buf;
	int err = getname(path_buf, upath);

	if (err)
		return err;
	/* /proc's directories are r-x: removing from them is EACCES, as for a user on Linux. */
	if (procfs_owns(path)) {
		err = procfs_lookup(path);
		return err ? err : -EACCES;
	}
	if (!lookup_device(path))
		return -ENOENT;
	return -EROFS;
}
