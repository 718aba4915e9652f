/*
 * Out of memory: the application touches more anonymous memory than there is RAM (each
 * request is accepted: vm.overcommit_memory 0 only refuses one larger than RAM), so a page
 * fault finds no free page and the application is killed with the out-of-memory report and
 * status 137 (Linux: the OOM killer's SIGKILL). argv[1] picks where the memory comes from:
 *   mmap   8 MiB anonymous mappings
 *   heap   malloc'd 1 MiB blocks (newlib's malloc on brk: the [heap] VMA)
 * Progress is printed as it goes, so the last line before the report says how much the
 * application had touched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MiB (1024u * 1024u)

static unsigned long touched_kb;

/* Write one byte in each page of [p, p + len). */
__attribute__((noinline)) static void touch_pages(volatile char *p, size_t len)
{
	for (size_t off = 0; off < len; off += 4096)
		p[off] = 1;
	touched_kb += len / 1024;
}

__attribute__((noinline)) static void fill(const char *how)
{
	for (int i = 0; i < 1000; i++) {
		char *p;
		size_t len;

		if (!strcmp(how, "heap")) {
			len = MiB;
			p = malloc(len);
			if (!p)
				break;
		} else {
			len = 8 * MiB;
			p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
				 0);
			if (p == MAP_FAILED)
				break;
		}
		touch_pages(p, len);
		printf("touched %lu kB\n", touched_kb);
		fflush(stdout);
	}
	printf("no memory error, not reached\n");
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "mmap";

	printf("oom: %s\n", how);
	fill(how);
	return 0;
}
