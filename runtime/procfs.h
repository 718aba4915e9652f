/*
 * /proc: a small file system of generated files, opened through runtime/file.c.
 *
 *   /proc/meminfo                       Linux's /proc/meminfo lines
 *   /proc/self/maps, /proc/1/maps       the application's VMAs, Linux's format to the byte
 *   /proc/self/status, /proc/1/status   Name, State, Pid, Vm* lines of Linux's status file
 *   /proc/self/statm, /proc/1/statm     Linux's seven numbers, in pages
 *   /proc/self/smaps, smaps_rollup      Linux 6.1's smaps fields per VMA, and their sums
 *   /proc/self/pagemap                  8 bytes per page, read in place (no snapshot)
 *   /proc/sys/vm/overcommit_memory,     sysctls: root writes them (0644), with effect
 *     overcommit_ratio, max_map_count
 *   /proc/sys/vm/mmap_min_addr          writable with CAP_SYS_RAWIO too
 *   /proc/cpu/alignment                 the unaligned-access fix-up's counters and mode
 *                                       (Linux ARM's format; root writes the mode, 0644)
 *   /proc, /proc/self, /proc/1, /proc/sys, /proc/sys/vm, /proc/cpu  directories (opened, not
 *                                       listed)
 *
 * A file's whole content is generated when it is opened, and generated again by a read at
 * offset 0 after an earlier read (lseek(fd, 0, SEEK_SET), rewind), as Linux's seq_file starts
 * over; reads at other offsets continue the copy (Linux generates maps per record, so a file
 * read in pieces while the VMAs change may differ from Linux's in between).
 */
#ifndef UNIARM_RUNTIME_PROCFS_H
#define UNIARM_RUNTIME_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include "runtime/uapi.h"
#include "runtime/uapi-mm.h"

struct procfs_file;

/* True when path (absolute) resolves into /proc; the other calls take such paths. */
bool procfs_owns(const char *path);
/* 0 when path names an existing /proc entry; -ENOENT or -ENOTDIR as Linux's path walk. */
int procfs_lookup(const char *path);
/*
 * Open path with Linux open flags: 0 and *pf, or Linux's errno: -ENOENT, -ENOTDIR, -EEXIST
 * (O_CREAT | O_EXCL), -EISDIR (a directory with O_CREAT or write access), -EACCES (write
 * access or O_TRUNC on a file other than a sysctl, O_CREAT of a new name), -ENOMEM.
 */
int procfs_open(const char *path, int flags, struct procfs_file **pf);
/* Copy up to count bytes from the file position: bytes read (0 at or past the end), -EISDIR for
 * a directory, -EFAULT for a NULL buffer. */
long procfs_read(struct procfs_file *pf, void *buf, size_t count);
/* Write to a sysctl (opened for writing): count, -EINVAL for a value Linux refuses, -EFAULT. */
long procfs_write(struct procfs_file *pf, const void *buf, size_t count);
/* Linux's seq_lseek: SEEK_SET and SEEK_CUR (the new position, never negative: -EINVAL);
 * SEEK_END is -EINVAL as on Linux, where these files have no size. */
long long procfs_llseek(struct procfs_file *pf, long long offset, int whence);
/* fstat: S_IFREG | 0444 (sysctls 0644) with st_size 0 (as Linux), or S_IFDIR | 0555. */
void procfs_stat(const struct procfs_file *pf, struct linux_stat64 *st);
/* Free the snapshot; pf is gone afterwards. */
void procfs_release(struct procfs_file *pf);

#endif
