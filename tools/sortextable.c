/*
 * sortextable IMAGE.elf: sort the image's exception table (section __ex_table, 8-byte
 * entries {insn, fixup}, platform/extable.h) by insn, in place, so the runtime can binary-search
 * it. Run by uniarm_add_app after every link. Accepts only 32-bit little-endian ELF files
 * whose section headers and __ex_table lie inside the file; a missing section is not an error
 * (nothing to sort). Exits non-zero with a message on anything malformed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *prog = "sortextable";

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static int cmp_entry(const void *a, const void *b)
{
	uint32_t x = get32(a), y = get32(b);

	return x < y ? -1 : x > y;
}

static int fail(const char *file, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, file, what);
	return 1;
}

/* Sort the __ex_table of the ELF image in buf (len bytes). 0, or 1 after a message. */
static int sort_image(const char *file, unsigned char *buf, size_t len)
{
	uint32_t shoff, shentsize, shnum, shstrndx;
	const unsigned char *strsh;
	uint32_t stroff, strsize;

	if (len < 52 || memcmp(buf, "\177ELF", 4))
		return fail(file, "not an ELF file");
	if (buf[4] != 1 || buf[5] != 1)
		return fail(file, "not a 32-bit little-endian ELF file");
	shoff = get32(buf + 32);
	shentsize = get16(buf + 46);
	shnum = get16(buf + 48);
	shstrndx = get16(buf + 50);
	if (shentsize != 40 || shnum == 0 || shstrndx >= shnum || shoff > len ||
	    (uint64_t)shnum * 40 > len - shoff)
		return fail(file, "malformed section header table");
	strsh = buf + shoff + shstrndx * 40;
	stroff = get32(strsh + 16);
	strsize = get32(strsh + 20);
	if (stroff > len || strsize > len - stroff || strsize == 0 || buf[stroff + strsize - 1])
		return fail(file, "malformed section name table");
	for (uint32_t i = 0; i < shnum; i++) {
		const unsigned char *sh = buf + shoff + i * 40;
		uint32_t name = get32(sh), type = get32(sh + 4);
		uint32_t off = get32(sh + 16), size = get32(sh + 20);

		if (name >= strsize || strcmp((const char *)buf + stroff + name, "__ex_table"))
			continue;
		if (type == 8 /* SHT_NOBITS */ || off > len || size > len - off)
			return fail(file, "__ex_table lies outside the file");
		if (size % 8)
			return fail(file, "__ex_table size is not a multiple of 8 bytes");
		qsort(buf + off, size / 8, 8, cmp_entry);
		return 0;
	}
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f;
	long len;
	unsigned char *buf;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s IMAGE.elf\n", prog);
		return 2;
	}
	f = fopen(argv[1], "r+b");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		perror(argv[1]);
		fclose(f);
		return 1;
	}
	buf = malloc(len ? (size_t)len : 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(buf);
		return fail(argv[1], "cannot read");
	}
	ret = sort_image(argv[1], buf, (size_t)len);
	if (!ret && (fseek(f, 0, SEEK_SET) || fwrite(buf, 1, (size_t)len, f) != (size_t)len))
		ret = fail(argv[1], "cannot write");
	if (fclose(f) && !ret)
		ret = fail(argv[1], "cannot write");
	free(buf);
	return ret;
}
