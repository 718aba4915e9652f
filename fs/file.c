/*
 * Open files and the descriptor table (Linux's fs/file.c and fs/file_table.c; docs/files.md):
 * allocation lowest-first below RLIMIT_NOFILE, growth of the table in powers of two up to
 * NR_OPEN_MAX, close, and dup/dup2/dup3 with Linux's errors and their order.
 */
#include "fs/fs.h"
#include "runtime/rusage.h"
#include "runtime/syscalls.h"
#include "runtime/uapi.h"
#include "vm/slab.h"

#include <errno.h>
#include <string.h>

#define BITS_PER_LONG (8 * sizeof(unsigned long))

struct files_struct init_files = {
	.fdt =
		{
			.max_fds = NR_OPEN_DEFAULT,
			.fd = init_files.fd_array,
			.open_fds = init_files.open_fds_init,
			.close_on_exec = init_files.close_on_exec_init,
		},
};

static inline bool test_bit_ul(unsigned int nr, const unsigned long *map)
{
	return (map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

static inline void assign_bit_ul(unsigned int nr, unsigned long *map, bool on)
{
	unsigned long bit = 1ul << (nr % BITS_PER_LONG);

	if (on)
		map[nr / BITS_PER_LONG] |= bit;
	else
		map[nr / BITS_PER_LONG] &= ~bit;
}

/* The first clear bit of map at or after from, or size if none (size: a multiple of
 * BITS_PER_LONG). */
static unsigned int find_next_zero_bit_ul(const unsigned long *map, unsigned int size,
					  unsigned int from)
{
	while (from < size) {
		unsigned long word = ~map[from / BITS_PER_LONG] >> (from % BITS_PER_LONG);

		if (word)
			return from + (unsigned int)__builtin_ctzl(word);
		from = (from / BITS_PER_LONG + 1) * BITS_PER_LONG;
	}
	return size;
}

struct file *alloc_file(const struct file_operations *fop, unsigned int open_flags,
			void *private_data)
{
	struct file *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_op = fop;
	f->f_flags = open_flags & ~(LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY | LINUX_O_TRUNC |
				    LINUX_O_CLOEXEC);
	f->f_count = 1;
	f->private_data = private_data;
	f->f_path.mnt = NULL;
	f->f_path.dentry = NULL;
	f->f_pos = 0;
	return f;
}

void fput(struct file *f)
{
	if (--f->f_count)
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	kfree(f);
}

struct file *fget(int fd)
{
	struct fdtable *fdt = &init_files.fdt;

	if (fd < 0 || (unsigned int)fd >= fdt->max_fds || !fdt->fd[fd])
		return NULL;
	return get_file(fdt->fd[fd]);
}

/*
 * Make room for descriptor nr: the table doubles until it holds nr. 0, -EMFILE (past
 * NR_OPEN_MAX) or -ENOMEM. Linux frees the old arrays after an RCU grace period; here
 * nothing can be reading them (one task runs at a time), so they go at once.
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	struct fdtable *fdt = &files->fdt;
	unsigned int n = fdt->max_fds, words, old_words = fdt->max_fds / BITS_PER_LONG;
	struct file **fd;
	unsigned long *bits;

	if (nr < n)
		return 0;
	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	while (n <= nr)
		n *= 2;
	words = n / BITS_PER_LONG;
	fd = kzalloc(n * sizeof(*fd), GFP_KERNEL);
	bits = kzalloc(2 * words * sizeof(*bits), GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	memcpy(fd, fdt->fd, fdt->max_fds * sizeof(*fd));
	memcpy(bits, fdt->open_fds, old_words * sizeof(*bits));
	memcpy(bits + words, fdt->close_on_exec, old_words * sizeof(*bits));
	if (fdt->fd != files->fd_array) {
		kfree(fdt->fd);
		kfree(fdt->open_fds); /* (the two bitmaps are one allocation) */
	}
	fdt->fd = fd;
	fdt->open_fds = bits;
	fdt->close_on_exec = bits + words;
	fdt->max_fds = n;
	return 0;
}

static void mark_open(struct fdtable *fdt, unsigned int fd, unsigned int flags)
{
	assign_bit_ul(fd, fdt->open_fds, true);
	assign_bit_ul(fd, fdt->close_on_exec, flags & LINUX_O_CLOEXEC);
}

/* The lowest free descriptor in [start, end), reserved; -EMFILE or -ENOMEM. */
static int alloc_fd(unsigned int start, unsigned int end, unsigned int flags)
{
	struct files_struct *files = &init_files;
	struct fdtable *fdt = &files->fdt;
	unsigned int fd = start < files->next_fd ? files->next_fd : start;
	int err;

	fd = find_next_zero_bit_ul(fdt->open_fds, fdt->max_fds, fd);
	if (fd >= end)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	mark_open(fdt, fd, flags);
	return (int)fd;
}

static unsigned int nofile_limit(void)
{
	uint64_t limit = task_rlimit(LINUX_RLIMIT_NOFILE);

	return limit < NR_OPEN_MAX ? (unsigned int)limit : NR_OPEN_MAX;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, nofile_limit(), flags);
}

static void release_fd_slot(struct files_struct *files, unsigned int fd)
{
	assign_bit_ul(fd, files->fdt.open_fds, false);
	assign_bit_ul(fd, files->fdt.close_on_exec, false);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	release_fd_slot(&init_files, fd);
}

void fd_install(unsigned int fd, struct file *f)
{
	init_files.fdt.fd[fd] = f;
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = &init_files;
	struct file *f;

	if (fd >= files->fdt.max_fds || !(f = files->fdt.fd[fd]))
		return -EBADF;
	files->fdt.fd[fd] = NULL;
	release_fd_slot(files, fd);
	fput(f);
	return 0;
}

int f_dupfd(unsigned int from, struct file *f, unsigned int flags)
{
	unsigned int limit = nofile_limit();
	int fd;

	if (from >= limit)
		return -EINVAL;
	fd = alloc_fd(from, limit, flags);
	if (fd >= 0)
		fd_install((unsigned int)fd, get_file(f));
	return fd;
}

bool get_close_on_exec(unsigned int fd)
{
	return test_bit_ul(fd, init_files.fdt.close_on_exec);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	assign_bit_ul(fd, init_files.fdt.close_on_exec, on);
}

long sys_close(int fd)
{
	return close_fd((unsigned int)fd);
}

long sys_dup(int oldfd)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = get_unused_fd_flags(0);
	if (fd >= 0)
		fd_install((unsigned int)fd, f);
	else
		fput(f);
	return fd;
}

/* Linux's ksys_dup3 order: flags, the same descriptor (dup3 only), newfd past RLIMIT_NOFILE
 * (EBADF), the table's growth, then oldfd (EBADF). An open newfd is closed silently. */
static long do_dup3(unsigned int oldfd, unsigned int newfd, unsigned int flags)
{
	struct files_struct *files = &init_files;
	struct fdtable *fdt = &files->fdt;
	struct file *f, *tofree;
	int err;

	if (flags & ~LINUX_O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= nofile_limit())
		return -EBADF;
	err = expand_files(files, newfd);
	if (oldfd >= fdt->max_fds || !(f = fdt->fd[oldfd]))
		return -EBADF;
	if (err)
		return err == -EMFILE ? -EBADF : err;
	tofree = fdt->fd[newfd];
	if (!tofree && test_bit_ul(newfd, fdt->open_fds))
		return -EBUSY; /* reserved by an open in progress */
	fdt->fd[newfd] = get_file(f);
	mark_open(fdt, newfd, flags);
	if (tofree)
		fput(tofree);
	return (long)newfd;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	return do_dup3((unsigned int)oldfd, (unsigned int)newfd, (unsigned int)flags);
}

long sys_dup2(int oldfd, int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return do_dup3((unsigned int)oldfd, (unsigned int)newfd, 0);
}
