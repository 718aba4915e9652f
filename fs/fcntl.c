/*
 * fcntl and fcntl64 (Linux's fs/fcntl.c): duplicating a descriptor, its FD_CLOEXEC flag, and
 * the open file's status flags. Record locks, leases, owners and pipe sizes are not built:
 * those commands are EINVAL, as an unknown command is.
 */
#include "fs/fs.h"
#include "runtime/syscalls.h"
#include "runtime/uapi.h"

#include <errno.h>

#define LINUX_F_DUPFD	      0
#define LINUX_F_GETFD	      1
#define LINUX_F_SETFD	      2
#define LINUX_F_GETFL	      3
#define LINUX_F_SETFL	      4
#define LINUX_F_DUPFD_CLOEXEC 1030
#define LINUX_FD_CLOEXEC      1

#define LINUX_O_DIRECT	00200000 /* ARM */
#define LINUX_FASYNC	00020000
#define LINUX_O_NOATIME 01000000
/* What F_SETFL may change (Linux's SETFL_MASK); O_DIRECT is refused: nothing does direct I/O. */
#define SETFL_MASK                                                                                 \
	(LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_FASYNC | LINUX_O_DIRECT | LINUX_O_NOATIME)

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, struct file *f)
{
	switch (cmd) {
	case LINUX_F_DUPFD:
		return f_dupfd((unsigned int)arg, f, 0);
	case LINUX_F_DUPFD_CLOEXEC:
		return f_dupfd((unsigned int)arg, f, LINUX_O_CLOEXEC);
	case LINUX_F_GETFD:
		return get_close_on_exec((unsigned int)fd) ? LINUX_FD_CLOEXEC : 0;
	case LINUX_F_SETFD:
		set_close_on_exec((unsigned int)fd, arg & LINUX_FD_CLOEXEC);
		return 0;
	case LINUX_F_GETFL:
		return (long)f->f_flags;
	case LINUX_F_SETFL:
		if (arg & LINUX_O_DIRECT)
			return -EINVAL;
		f->f_flags = (unsigned int)(arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_fcntl64(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return ret;
}

/* The commands built are the same for both calls (they differ in the lock structures). */
long sys_fcntl(int fd, unsigned int cmd, unsigned long arg)
{
	return sys_fcntl64(fd, cmd, arg);
}
