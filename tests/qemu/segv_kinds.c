/*
 * Faults the application may not take end it with a segmentation fault report and exit status
 * 139; the mode (first argument) picks the bad access:
 *   write-ro    write to a page made read-only by mprotect (change_protection)
 *   nomap       read where no VMA is
 *   prot-none   read of a PROT_NONE mapping
 *   exec-nx     call into a writable, non-executable mapping (prefetch abort)
 * Each prints what it is about to do; nothing after the access may run. (On Linux each ends
 * with SIGSEGV: the same status.)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PG 4096

static __attribute__((noinline)) void write_byte(volatile unsigned char *p)
{
	*p = 1;
}

static __attribute__((noinline)) unsigned char read_byte(volatile unsigned char *p)
{
	return *p;
}

static unsigned char *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		return NULL;
	}
	return p;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "write-ro";
	unsigned char *p;

	if (!strcmp(mode, "write-ro")) {
		if (!(p = map(4 * PG, PROT_READ | PROT_WRITE)))
			return 2;
		write_byte(p);
		mprotect(p, 4 * PG, PROT_READ);
		printf("reading %p: %u\n", (void *)p, read_byte(p));
		printf("writing to read-only %p\n", (void *)(p + 4));
		fflush(stdout);
		write_byte(p + 4);
	} else if (!strcmp(mode, "nomap")) {
		if (!(p = map(PG, PROT_READ)))
			return 2;
		munmap(p, PG);
		printf("reading unmapped %p\n", (void *)(p + 0x123));
		fflush(stdout);
		read_byte(p + 0x123);
	} else if (!strcmp(mode, "prot-none")) {
		if (!(p = map(PG, PROT_NONE)))
			return 2;
		printf("reading PROT_NONE %p\n", (void *)p);
		fflush(stdout);
		read_byte(p);
	} else if (!strcmp(mode, "exec-nx")) {
		if (!(p = map(PG, PROT_READ | PROT_WRITE)))
			return 2;
		*(volatile uint32_t *)p = 0xe12fff1e; /* bx lr */
		__builtin___clear_cache((char *)p, (char *)p + 4);
		printf("calling non-executable %p\n", (void *)p);
		fflush(stdout);
		((void (*)(void))(uintptr_t)p)();
	} else {
		printf("unknown mode %s\n", mode);
		return 2;
	}
	printf("the bad access did not fault\n");
	return 1;
}
