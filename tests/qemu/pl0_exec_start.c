/*
 * The start of the program as Linux's exec lays it out (create_elf_tables, docs/pl0.md): at
 * the top of the main stack argc, argv[], NULL, envp[], NULL and the auxiliary vector, above
 * them the 16 AT_RANDOM bytes and the strings (argv's, then envp's, each right after the
 * previous one's NUL). getauxval answers from that vector.
 * Prints execstart.<check>: ok or FAIL per check; the exit status is the number of failures.
 * Builds and passes on Linux too (the layout was checked there):
 *   ALL=1 ../shared/peer/linux/run-c.sh tests/qemu/pl0_exec_start.c
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#if __has_include(<elf.h>)
#include <elf.h>
#else
typedef struct {
	uint32_t p_type;
	uint32_t p_offset;
	uint32_t p_vaddr;
	uint32_t p_paddr;
	uint32_t p_filesz;
	uint32_t p_memsz;
	uint32_t p_flags;
	uint32_t p_align;
} Elf32_Phdr;
#endif

#ifndef PT_LOAD
#define PT_LOAD 1
#endif
#ifndef PF_X
#define PF_X (1 << 0)
#endif
#ifndef AT_NULL
#define AT_NULL 0
#endif
#ifndef AT_PHDR
#define AT_PHDR 3
#endif
#ifndef AT_PHENT
#define AT_PHENT 4
#endif
#ifndef AT_PHNUM
#define AT_PHNUM 5
#endif
#ifndef AT_PAGESZ
#define AT_PAGESZ 6
#endif
#ifndef AT_ENTRY
#define AT_ENTRY 9
#endif
#ifndef AT_HWCAP
#define AT_HWCAP 16
#endif
#ifndef AT_RANDOM
#define AT_RANDOM 25
#endif
#ifndef AT_EXECFN
#define AT_EXECFN 31
#endif
/* Linux's arch/arm/include/uapi/asm/hwcap.h (glibc names them HWCAP_ARM_*). */
#ifndef HWCAP_VFP
#define HWCAP_VFP (1 << 6)
#endif
#ifndef HWCAP_NEON
#define HWCAP_NEON (1 << 12)
#endif
#ifndef HWCAP_TLS
#define HWCAP_TLS (1 << 15)
#endif

/* A type nobody defines: getauxval says ENOENT. */
#define AT_UNKNOWN 0x7fff
/* Enough for every AT_* Linux 6.1 gives ARM (19 entries): a walk that goes further is lost. */
#define AUXV_MAX 64

extern char **environ;

static int failed;

static void check(const char *name, int ok, const char *what)
{
	if (ok) {
		printf("execstart.%s: ok\n", name);
	} else {
		printf("execstart.%s: FAIL (%s)\n", name, what);
		failed++;
	}
}

/* The value the walked vector holds for type; found is set when it holds one. */
static unsigned long auxv_lookup(const unsigned long *auxv, unsigned long type, int *found)
{
	for (; auxv[0] != AT_NULL; auxv += 2) {
		if (auxv[0] == type) {
			*found = 1;
			return auxv[1];
		}
	}
	*found = 0;
	return 0;
}

/* Each string starts right after the previous one's NUL (prev == NULL: no check). */
static int strings_follow(const char *prev, char *const *v, int n)
{
	for (int i = 0; i < n; i++) {
		if (prev && v[i] != prev + strlen(prev) + 1)
			return 0;
		prev = v[i];
	}
	return 1;
}

int main(int argc, char **argv)
{
	int local = 0;
	uintptr_t here = (uintptr_t)&local;
	char buf[160];
	char **envp = environ;
	int nenv = 0;
	const unsigned long *auxv, *auxv_end;
	int n;

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=<%s>\n", i, argv[i]);
	while (envp[nenv])
		printf("env <%s>\n", envp[nenv++]);

	/* The table: argc, argv[], NULL, envp[], NULL, auxv. argc itself cannot be checked at
	 * argv[-1]: glibc's _start pops it and pushes its own words there. */
	check("argv_null", argv[argc] == NULL, "argv[argc] is not NULL");
	snprintf(buf, sizeof(buf), "environ %p, argv + argc + 1 %p", (void *)environ,
		 (void *)(argv + argc + 1));
	check("environ", environ == argv + argc + 1, buf);

	auxv = (const unsigned long *)(envp + nenv + 1);
	for (n = 0; n < AUXV_MAX && auxv[2 * n] != AT_NULL; n++)
		;
	snprintf(buf, sizeof(buf), "no AT_NULL in the first %d entries", AUXV_MAX);
	check("auxv_end", n < AUXV_MAX, buf);
	if (n == AUXV_MAX) {
		printf("execstart: %d failed\n", failed);
		return failed;
	}
	auxv_end = auxv + 2 * n + 2;
	printf("auxv: %d entries at %p\n", n, (const void *)auxv);

	/* getauxval answers what the vector on the stack holds. */
	static const struct {
		const char *name;
		unsigned long type;
	} types[] = {
		{"auxv_phdr", AT_PHDR},	    {"auxv_phent", AT_PHENT}, {"auxv_phnum", AT_PHNUM},
		{"auxv_pagesz", AT_PAGESZ}, {"auxv_hwcap", AT_HWCAP}, {"auxv_random", AT_RANDOM},
		{"auxv_execfn", AT_EXECFN}, {"auxv_entry", AT_ENTRY},
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		int found;
		unsigned long walked = auxv_lookup(auxv, types[i].type, &found);
		unsigned long got = getauxval(types[i].type);

		snprintf(buf, sizeof(buf), "type %lu: %s, walked %#lx, getauxval %#lx",
			 types[i].type, found ? "present" : "absent", walked, got);
		check(types[i].name, found && walked == got, buf);
	}

	errno = 0;
	unsigned long unknown = getauxval(AT_UNKNOWN);
	snprintf(buf, sizeof(buf), "getauxval(%#x) = %#lx, errno %d", AT_UNKNOWN, unknown, errno);
	check("getauxval_unknown", unknown == 0 && errno == ENOENT, buf);

	unsigned long pagesz = getauxval(AT_PAGESZ);
	snprintf(buf, sizeof(buf), "AT_PAGESZ %lu", pagesz);
	check("pagesz", pagesz == 4096, buf);

	unsigned long hwcap = getauxval(AT_HWCAP);
	unsigned long want = HWCAP_VFP | HWCAP_NEON | HWCAP_TLS;
	snprintf(buf, sizeof(buf), "AT_HWCAP %#lx lacks %#lx", hwcap, want & ~hwcap);
	check("hwcap", (hwcap & want) == want, buf);

	/* The program headers: the executable PT_LOAD holds main and the entry point. */
	const Elf32_Phdr *phdr = (const Elf32_Phdr *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM);
	unsigned long phent = getauxval(AT_PHENT);
	uintptr_t main_addr = (uintptr_t)main & ~(uintptr_t)1; /* without the Thumb bit */
	uintptr_t entry = getauxval(AT_ENTRY) & ~(uintptr_t)1;
	int text_loads = 0, main_in_text = 0, entry_in_text = 0;
	unsigned long text_offset = ~0ul;

	snprintf(buf, sizeof(buf), "AT_PHENT %lu, sizeof(Elf32_Phdr) %zu", phent,
		 sizeof(Elf32_Phdr));
	check("phent", phent == sizeof(Elf32_Phdr), buf);
	if (phdr && phnum > 0 && phnum < 64) {
		for (unsigned long i = 0; i < phnum; i++) {
			const Elf32_Phdr *ph = &phdr[i];

			if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
				continue;
			text_loads++;
			if (main_addr >= ph->p_vaddr && main_addr - ph->p_vaddr < ph->p_memsz) {
				main_in_text = 1;
				text_offset = ph->p_offset & ~0xffful;
			}
			if (entry >= ph->p_vaddr && entry - ph->p_vaddr < ph->p_memsz)
				entry_in_text = 1;
		}
	}
	snprintf(buf, sizeof(buf), "AT_PHDR %p, AT_PHNUM %lu: %d executable PT_LOAD",
		 (const void *)phdr, phnum, text_loads);
	check("phdr_text", text_loads > 0, buf);
	snprintf(buf, sizeof(buf), "main at %#lx outside the executable PT_LOAD",
		 (unsigned long)main_addr);
	check("phdr_main", main_in_text, buf);
	snprintf(buf, sizeof(buf), "AT_ENTRY %#lx outside the executable PT_LOAD",
		 (unsigned long)entry);
	check("entry", entry_in_text, buf);

	/* /proc/self/maps shows the text as a private r-x mapping of the program at the file
	 * offset of its segment (page aligned), as Linux shows an executable's. */
	FILE *maps = fopen("/proc/self/maps", "r");
	char line[256], perms[8] = "";
	unsigned long lo, hi, off = ~0ul;
	int found = 0;

	while (maps && !found && fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx %7s %lx", &lo, &hi, perms, &off) == 4 &&
		    main_addr >= lo && main_addr < hi)
			found = 1;
	if (maps)
		fclose(maps);
	snprintf(buf, sizeof(buf), "maps line of main: %s offset %#lx, want r-xp offset %#lx",
		 found ? perms : "(none)", found ? off : 0ul, text_offset);
	check("maps_text", found && !strcmp(perms, "r-xp") && off == text_offset, buf);

	/* 16 random bytes, above the table (below the strings, with Linux). */
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	int nonzero = 0;

	if (rnd)
		for (int i = 0; i < 16; i++)
			nonzero |= rnd[i];
	snprintf(buf, sizeof(buf), "AT_RANDOM %p: %s", (const void *)rnd,
		 rnd ? "all 16 bytes zero" : "null");
	check("random_bytes", rnd && nonzero, buf);
	snprintf(buf, sizeof(buf), "AT_RANDOM %p, end of auxv %p", (const void *)rnd,
		 (const void *)auxv_end);
	check("random_above_table", (uintptr_t)rnd >= (uintptr_t)auxv_end, buf);

	/* The file name exec was given: what argv[0] says, a copy of its own. */
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	snprintf(buf, sizeof(buf), "AT_EXECFN <%s>, argv[0] <%s>", execfn ? execfn : "(null)",
		 argc > 0 ? argv[0] : "(none)");
	check("execfn", execfn && argc > 0 && !strcmp(execfn, argv[0]), buf);

	/* The strings: argv's in order, each right after the previous NUL, then envp's. */
	check("argv_strings", strings_follow(NULL, argv, argc), "argv strings not contiguous");
	check("envp_strings", strings_follow(argc > 0 ? argv[argc - 1] : NULL, envp, nenv),
	      "envp strings do not follow the argv strings");
	check("random_below_strings", argc == 0 || (uintptr_t)rnd + 16 <= (uintptr_t)argv[0],
	      "AT_RANDOM bytes overlap or follow the strings");

	/* Everything was placed at the top of the stack, above main's frame. */
	int above = (uintptr_t)argv > here && (uintptr_t)environ > here && (uintptr_t)auxv > here;
	for (int i = 0; i < argc; i++)
		above &= (uintptr_t)argv[i] > here;
	for (int i = 0; i < nenv; i++)
		above &= (uintptr_t)envp[i] > here;
	snprintf(buf, sizeof(buf), "&local %p, argv %p, auxv %p", (void *)&local, (void *)argv,
		 (const void *)auxv);
	check("above_stack", above, buf);

	/* Word alignment only: Linux does more (sp at argc 16-aligned), the ABI asks for 8. */
	check("align", (uintptr_t)argv % 4 == 0 && (uintptr_t)auxv % 4 == 0,
	      "argv or auxv not word-aligned");

	printf("execstart: %d failed\n", failed);
	return failed;
}
