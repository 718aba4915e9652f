/*
 * The initramfs: a cpio "newc" archive (magic 070701, Linux's
 * Documentation/driver-api/early-userspace/buffer-format.rst) that the loader placed in RAM,
 * validated and walked entry by entry (docs/files.md, "The initramfs"). The parser knows no
 * file system: it reports each entry through struct initramfs_ops, and the caller creates it.
 * It allocates nothing and writes nothing but *err.
 */
#ifndef UNIARM_FS_INITRAMFS_H
#define UNIARM_FS_INITRAMFS_H

#include <stddef.h>
#include <stdint.h>

/* Limits, as Linux's initramfs applies them: a name (without its NUL) up to PATH_MAX - 1, a
 * symlink target (without a NUL) up to PATH_MAX - 1. */
#define INITRAMFS_NAME_MAX    4095
#define INITRAMFS_SYMLINK_MAX 4095
#define INITRAMFS_HEADER_SIZE 110

/*
 * One entry of the archive. name is NUL-terminated and relative to the root of the file
 * system being filled: leading "/" and "./" are taken off, and the archive's entry for the
 * root itself ("." in `find . | cpio -o`) comes as ".". It never has a ".." component.
 * mode holds the file type and the permission bits (S_IFDIR | 0755); mtime is newc's 32-bit
 * count of seconds since the epoch. For a regular file, data/size are its contents; for a
 * symlink, its target (size bytes, 1 to INITRAMFS_SYMLINK_MAX, not NUL-terminated: a NUL the
 * archive put after it is not counted); for a directory, NULL/0. Pointers are into the
 * archive and stay valid as long as it does.
 */
struct initramfs_entry {
	const char *name;
	unsigned int mode;
	unsigned int uid, gid;
	uint32_t mtime;
	const void *data;
	size_t size;
};

/*
 * What the caller does with each entry, in archive order; each returns 0 or a negative errno,
 * which stops the unpacking (the entry's name and a reason from the errno go to *err).
 * Expected behaviour (Linux's init/initramfs.c):
 * - mkdir: create the directory with mode, uid and gid; if a directory is there already (the
 *   root, or a directory named twice), give it mode, uid and gid. Its mtime is set later, by
 *   dir_utime, because creating its contents would change it.
 * - create: a regular file with the data, mode, uid, gid and mtime; an entry of another type
 *   in its place is removed first, a regular file there is truncated.
 * - symlink: a symlink to the target, with uid, gid and mtime (of the link itself).
 * - dir_utime: after the last entry of the last archive, once per directory entry (in archive
 *   order): set its mtime (Linux's dir_utime()).
 * A missing parent is -ENOENT, a parent that is not a directory -ENOTDIR, no memory -ENOMEM.
 */
struct initramfs_ops {
	int (*mkdir)(void *ctx, const struct initramfs_entry *e);
	int (*create)(void *ctx, const struct initramfs_entry *e);
	int (*symlink)(void *ctx, const struct initramfs_entry *e);
	int (*dir_utime)(void *ctx, const struct initramfs_entry *e);
};

/*
 * Why the unpacking stopped. name/name_len: the entry (not NUL-terminated when the refusal is
 * its missing NUL); when the header itself could not be read, the entry before it, with after
 * set ("after etc/app.conf"), or none (name NULL) before the first. why: a fixed string;
 * offset: where in the archive the fault is (the header, the field, the name or the body that
 * is wrong, or the end of the archive).
 */
struct initramfs_error {
	const char *name;
	size_t name_len;
	int after;
	const char *why;
	size_t offset;
	int err; /* the negative errno initramfs_unpack() returned */
};

/*
 * Walk the archive(s) in buf[0..len): each header checked, each entry passed to ops, then
 * dir_utime for every directory. Archives may be concatenated; zero bytes after a trailer are
 * skipped. Returns 0, or a negative errno with *err filled: -EINVAL for a malformed archive,
 * -EOPNOTSUPP for an entry type uniarm does not create (device, FIFO, socket, hard link),
 * -ENAMETOOLONG for a name or target too long, or what a callback returned.
 */
int initramfs_unpack(const void *buf, size_t len, const struct initramfs_ops *ops, void *ctx,
		     struct initramfs_error *err);

/*
 * "NAME: WHY at offset N" (the panic's text after "initramfs: "), NUL-terminated and cut to
 * size; a very long name is shortened with "...". Returns the length written.
 */
size_t initramfs_error_format(const struct initramfs_error *err, char *buf, size_t size);

#endif
