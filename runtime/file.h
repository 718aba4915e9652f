/* Open files by name: the character devices and /proc (runtime/file.c; the table is fs/file.c). */
#ifndef UNIARM_RUNTIME_FILE_H
#define UNIARM_RUNTIME_FILE_H

#include <stddef.h>
#include "runtime/uapi.h"

#include "fs/fs.h"

/* What fd is to mmap: -EBADF, or its access mode (vm/mm_user.h: MMAP_FILE_READ/WRITE). */
int file_mmap_check(unsigned long fd);

/* Open fds 0, 1 and 2 on the console and start its input. */
void files_init(void);

#endif
