/*
 * tools/mkbaddtb.c - make a DTB that QEMU boots with but platform/fdt.c rejects.
 *
 *   mkbaddtb [-n NODE_PATH] [-p PROPERTY] [-o NAMEOFF] IN.dtb OUT.dtb
 *
 * Copies IN.dtb to OUT.dtb with exactly one structural corruption: the name
 * offset (nameoff) of one property is pointed far past the end of the strings
 * block. By default that is "clock-names" of /pl011 and nameoff 0xbad0000.
 * QEMU 7.2 (hw/arm/boot.c, libfdt) only looks up /, /chosen and the memory
 * nodes by name when it loads a -dtb, and libfdt's property iteration skips a
 * property whose name it cannot resolve, so QEMU still boots with the blob;
 * fdt_init() validates every property and must refuse it. The nameoff is far
 * beyond any strings block QEMU could grow while editing /chosen and /memory,
 * so the corruption survives QEMU's edits.
 *
 * The copy is also compacted: totalsize is cut to the end of the last block
 * (rounded up to 8), dropping the free space at the end. QEMU's own
 * -machine dumpdtb output is padded to 1 MiB, and QEMU doubles a -dtb's size
 * for its edits, so an uncompacted copy would not fit below an ELF image
 * loaded at RAM + 1 MiB (QEMU then silently loads no DTB at all).
 *
 * IN.dtb must pass fdt_init(); OUT.dtb is checked to fail it, and the
 * rejection message is printed. Exit status 0 on success.
 */
#include "platform/fdt.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DTB (16u << 20)

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint8_t *read_file(const char *path, uint32_t *sizep)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (!f) {
		fprintf(stderr, "mkbaddtb: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf = malloc(MAX_DTB + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, MAX_DTB + 1, f);
	fclose(f);
	if (n > MAX_DTB) {
		fprintf(stderr, "mkbaddtb: %s: larger than %u bytes\n", path, MAX_DTB);
		free(buf);
		return NULL;
	}
	*sizep = (uint32_t)n;
	return buf;
}

static void usage(void)
{
	fprintf(stderr, "usage: mkbaddtb [-n NODE_PATH] [-p PROPERTY] [-o NAMEOFF] IN.dtb "
			"OUT.dtb\n"
			"  defaults: -n /pl011 -p clock-names -o 0xbad0000\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *node_path = "/pl011", *prop_name = "clock-names", *in, *out;
	unsigned long bad_nameoff = 0xbad0000;
	char err[256];
	struct fdt fdt;
	uint32_t size, end, old_nameoff, len;
	uint8_t *blob;
	const char *name;
	int i, node, prop;
	FILE *f;

	for (i = 1; i < argc && argv[i][0] == '-'; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-n") == 0)
			node_path = argv[i + 1];
		else if (strcmp(argv[i], "-p") == 0)
			prop_name = argv[i + 1];
		else if (strcmp(argv[i], "-o") == 0)
			bad_nameoff = strtoul(argv[i + 1], NULL, 0);
		else
			usage();
	}
	if (argc - i != 2 || bad_nameoff > 0xffffffffu)
		usage();
	in = argv[i];
	out = argv[i + 1];

	blob = read_file(in, &size);
	if (!blob)
		return 1;
	if (fdt_init(&fdt, blob, size, err, sizeof(err))) {
		fprintf(stderr, "mkbaddtb: %s is not a valid DTB to start from: %s\n", in, err);
		return 1;
	}
	if (bad_nameoff < fdt.size_strings) {
		fprintf(stderr, "mkbaddtb: nameoff 0x%lx is inside the strings block (size 0x%x)\n",
			bad_nameoff, fdt.size_strings);
		return 1;
	}

	node = fdt_path_offset(&fdt, node_path);
	if (node < 0) {
		fprintf(stderr, "mkbaddtb: %s: no node %s\n", in, node_path);
		return 1;
	}
	for (prop = fdt_first_prop(&fdt, node); prop >= 0; prop = fdt_next_prop(&fdt, prop)) {
		if (fdt_prop_by_offset(&fdt, prop, &name, &len) && strcmp(name, prop_name) == 0)
			break;
	}
	if (prop < 0) {
		fprintf(stderr, "mkbaddtb: %s: node %s has no property %s\n", in, node_path,
			prop_name);
		return 1;
	}

	/* Compact: cut totalsize to the end of the last block. */
	end = fdt.off_struct + fdt.size_struct;
	if (fdt.off_strings + fdt.size_strings > end)
		end = fdt.off_strings + fdt.size_strings;
	if (fdt.off_rsvmap + 16 * (fdt_num_mem_rsv(&fdt) + 1) > end)
		end = fdt.off_rsvmap + 16 * (fdt_num_mem_rsv(&fdt) + 1);
	end = (end + 7) & ~7u;
	if (end < size) {
		size = end;
		put32(blob + 4, size);
	}

	/* The corruption: FDT_PROP, len, nameoff -> nameoff is at +8. */
	old_nameoff = get32(blob + fdt.off_struct + (uint32_t)prop + 8);
	put32(blob + fdt.off_struct + (uint32_t)prop + 8, (uint32_t)bad_nameoff);

	printf("mkbaddtb: %s property \"%s\" at struct offset 0x%x: nameoff 0x%x -> 0x%lx "
	       "(strings block size 0x%x); totalsize 0x%x\n",
	       node_path, prop_name, (unsigned)prop, old_nameoff, bad_nameoff, fdt.size_strings,
	       size);

	if (fdt_init(&fdt, blob, size, err, sizeof(err)) == 0) {
		fprintf(stderr, "mkbaddtb: the corrupted blob still passes fdt_init()\n");
		return 1;
	}
	printf("mkbaddtb: fdt_init() rejects it: %s\n", err);

	f = fopen(out, "wb");
	if (!f || fwrite(blob, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "mkbaddtb: %s: %s\n", out, strerror(errno));
		return 1;
	}
	free(blob);
	return 0;
}
