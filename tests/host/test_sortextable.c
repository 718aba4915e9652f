/*
 * tools/sortextable.c on hand-made ELF images: a table in reverse order comes out sorted with
 * its fixups attached to the right instructions; an odd-sized table, a truncated file and a
 * 64-bit ELF are refused; an image without __ex_table is left alone.
 */
#define main sortextable_main
#include "tools/sortextable.c"
#undef main

#include "tests/host/check.h"

/* A minimal ELF32 LE: header, shstrtab, __ex_table, 3 section headers (null, strtab, table). */
static size_t make_elf(unsigned char *buf, const uint32_t *ent, unsigned int nwords)
{
	static const char names[] = "\0.shstrtab\0__ex_table";
	size_t off = 52, str = off, tab, sh;

	memset(buf, 0, 4096);
	memcpy(buf, "\177ELF", 4);
	buf[4] = 1;
	buf[5] = 1;
	memcpy(buf + str, names, sizeof(names));
	tab = (str + sizeof(names) + 3) & ~3ul;
	for (unsigned int i = 0; i < nwords; i++)
		for (int b = 0; b < 4; b++)
			buf[tab + 4 * i + b] = (unsigned char)(ent[i] >> (8 * b));
	sh = (tab + 4 * nwords + 3) & ~3ul;
	buf[32] = (unsigned char)sh;
	buf[33] = (unsigned char)(sh >> 8);
	buf[46] = 40;
	buf[48] = 3;
	buf[50] = 1;
	/* strtab */
	buf[sh + 40 + 0] = 1;
	buf[sh + 40 + 4] = 3;
	buf[sh + 40 + 16] = (unsigned char)str;
	buf[sh + 40 + 20] = sizeof(names);
	/* __ex_table */
	buf[sh + 80 + 0] = 11;
	buf[sh + 80 + 4] = 1;
	buf[sh + 80 + 16] = (unsigned char)tab;
	buf[sh + 80 + 20] = (unsigned char)(4 * nwords);
	return sh + 120;
}

int main(void)
{
	static unsigned char buf[4096];
	uint32_t ent[] = {0xc0000300, 3, 0xc0000100, 1, 0xc0000200, 2, 0xc0000050, 0};
	size_t len = make_elf(buf, ent, 8);
	size_t tab = (52 + 22 + 3) & ~3ul;

	prog = "test";
	CHECK(sort_image("t", buf, len) == 0, "check");
	for (int i = 0; i < 4; i++) {
		uint32_t insn = get32(buf + tab + 8 * i), fixup = get32(buf + tab + 8 * i + 4);
		CHECK(fixup == (uint32_t)i, "check");
		CHECK(i == 0 || insn > get32(buf + tab + 8 * (i - 1)), "check");
	}
	len = make_elf(buf, ent, 7); /* 28 bytes */
	CHECK(sort_image("t", buf, len) != 0, "check");
	len = make_elf(buf, ent, 8);
	CHECK(sort_image("t", buf, 60) != 0, "check");
	buf[4] = 2;
	CHECK(sort_image("t", buf, len) != 0, "check");
	buf[4] = 1;
	memcpy(buf + 52 + 11, "__ex_tablf", 10);
	CHECK(sort_image("t", buf, len) == 0, "check");
	CHECK(get32(buf + tab) == 0xc0000300, "check"); /* left alone */
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed != 0;
}
