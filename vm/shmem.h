/*
 * tmpfs (Linux's mm/shmem.c): the file system behind "/" and "/dev" (docs/files.md). This part
 * is its name space; file data (the page cache) comes with issue 14's step 5.
 */
#ifndef UNIARM_VM_SHMEM_H
#define UNIARM_VM_SHMEM_H

#include "fs/fs.h"

#define TMPFS_MAGIC 0x01021994
/* A directory's i_size: 2 of these for "." and "..", one per entry (Linux's tmpfs). */
#define BOGO_DIRENT_SIZE 20
/* A symlink target of up to this many bytes with its NUL lives in a small allocation; a longer
 * one takes a page. */
#define SHORT_SYMLINK_LEN 128

extern const struct file_system_type shmem_fs_type;

#endif
