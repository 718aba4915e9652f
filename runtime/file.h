/* Open files: a small descriptor table over device "files" (console, null). */
#ifndef UNIARM_RUNTIME_FILE_H
#define UNIARM_RUNTIME_FILE_H

#include <stddef.h>
#include "runtime/uapi.h"

#define NR_OPEN 32

struct file;

struct file_operations {
	long (*read)(struct file *f, void *buf, size_t count);
	long (*write)(struct file *f, const void *buf, size_t count);
	/* NULL: every command is ENOTTY */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	unsigned int rdev; /* device number reported by fstat */
};

struct file {
	const struct file_operations *f_op;
	int f_flags; /* Linux open flags */
};

/* What fd is to mmap: -EBADF, or its access mode (vm/mm_user.h: MMAP_FILE_READ/WRITE). */
int file_mmap_check(unsigned long fd);

/* Open fds 0, 1 and 2 on the console and start its input. */
void files_init(void);

#endif
