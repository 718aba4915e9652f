/*
 * An image built with FILES (uniarm_add_ktest(... FILES ...)): uniarm-run placed the archive
 * (--initrd), the runtime reserved it (initrd=ADDR,SIZE), and fs/initramfs.c reads it back
 * from the linear map: every entry with its type, mode, size, target or first line, then the
 * directory times. The file system that will take the entries does not exist yet; this test
 * stands in for it. Then the archive cut short is refused with its message.
 */
#include "fs/initramfs.h"
#include "runtime/setup.h"
#include "vm/mm.h"

#include <stdio.h>

static int ndirs, ntimes;

static int show(const char *what, const struct initramfs_entry *e)
{
	const char *d = e->data;
	size_t line = 0;

	while (line < e->size && line < 40 && d[line] != '\n')
		line++;
	printf("%s %s %o %u %lu", what, e->name, e->mode, (unsigned)e->uid, (unsigned long)e->size);
	if (e->size)
		printf(" '%.*s'", (int)line, d);
	printf("\n");
	return 0;
}

static int k_mkdir(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	ndirs++;
	return show("dir", e);
}

static int k_create(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	return show("file", e);
}

static int k_symlink(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	return show("symlink", e);
}

static int k_dir_utime(void *ctx, const struct initramfs_entry *e)
{
	(void)ctx;
	/* the tree's times are real: after 2020 */
	if (e->mtime > 1577836800u)
		ntimes++;
	return 0;
}

static const struct initramfs_ops ops = {
	.mkdir = k_mkdir,
	.create = k_create,
	.symlink = k_symlink,
	.dir_utime = k_dir_utime,
};

int main(void)
{
	phys_addr_t lo = boot_info.initrd_phys;
	size_t len = boot_info.initrd_size;
	struct initramfs_error err;
	char msg[256];
	int ret;

	printf("initrd at %#lx, %lu bytes\n", (unsigned long)lo, (unsigned long)len);
	if (!lo)
		return 1;
	ret = initramfs_unpack(__va(lo), len, &ops, NULL, &err);
	if (ret) {
		initramfs_error_format(&err, msg, sizeof(msg));
		printf("initramfs: %s\n", msg);
		return 2;
	}
	printf("%d directories, %d directory times\n", ndirs, ntimes);

	/* The same archive cut short in the last file's body (the parser writes nothing). */
	ret = initramfs_unpack(__va(lo), len - 200, &ops, NULL, &err);
	initramfs_error_format(&err, msg, sizeof(msg));
	printf("cut: %d: initramfs: %s\n", ret, msg);
	return 0;
}
