/*
 * File descriptors. uniarm has no file system yet: the names it knows are character devices
 * (/dev/console, /dev/tty, /dev/stdin|stdout|stderr, /dev/null); everything else is ENOENT.
 * fds 0-2 start open on the console. Reads of the console block (wfi) until a byte arrives.
 */
#include "runtime/file.h"
#include "runtime/syscalls.h"
#include "runtime/printk.h"
#include "platform/cp15.h"
#include "platform/pl011.h"

#include <errno.h>
#include <string.h>

#define MKDEV(ma, mi) (((ma) << 8) | (mi))

static struct file fd_table[NR_OPEN];

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

void files_init(void)
{
	fd_table[0] = (struct file){&console_fops, 0};
	fd_table[1] = (struct file){&console_fops, 1};
	fd_table[2] = (struct file){&console_fops, 1};
}

long sys_open(const char *path, int flags, int mode)
{
	const struct file_operations *fops;

	(void)mode;
	if (!path)
		return -EFAULT;
	if (path[0] == '\0')
		return -ENOENT;
	fops = lookup_device(path);
	if (!fops)
		return -ENOENT;
	if ((flags & (LINUX_O_CREAT | LINUX_O_EXCL)) == (LINUX_O_CREAT | LINUX_O_EXCL))
		return -EEXIST;
	if (flags & LINUX_O_DIRECTORY)
		return -ENOTDIR;
	if ((flags & LINUX_O_ACCMODE) == LINUX_O_ACCMODE)
		return -EINVAL;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (!fd_table[fd].f_op) {
			fd_table[fd] = (struct file){fops, flags};
			return fd;
		}
	}
	return -EMFILE;
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
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
	(void)offset;
	if (!fget(fd))
		return -EBADF;
	if (whence < LINUX_SEEK_SET || whence > LINUX_SEEK_END)
		return -EINVAL;
	return -ESPIPE; /* character devices do not seek */
}

long sys_llseek(int fd, unsigned long hi, unsigned long lo, long long *result, int whence)
{
	(void)hi;
	(void)lo;
	(void)result;
	return sys_lseek(fd, 0, whence);
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
	if (!lookup_device(oldpath))
		return -ENOENT;
	return -EROFS;
}

long sys_unlink(const char *path)
{
	if (!path)
		return -EFAULT;
	if (!lookup_device(path))
		return -ENOENT;
	return -EROFS;
}
