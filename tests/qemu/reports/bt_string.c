/*
 * A fault in each path of uniarm's assembler string routines (libc-glue/string, the copy
 * template): every path has its own unwind annotation (a frameless leaf, or a pushed frame),
 * and the backtrace must name the routine once and then main, the caller. argv[1] picks the
 * routine and the path, e.g. "memcpy-big"; the test registrations check the two lines.
 *
 * The bad addresses are either NULL (or a small offset from it, in the never-mapped first 64
 * KiB) or the first byte past a readable page followed by an inaccessible one, for the routines
 * that must read a while before they reach it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* The compiler cannot see through these: every call is a real call with a run-time size. */
static char *volatile bad = NULL;
static volatile size_t small = 8, mid = 40, big = 300;
volatile uintptr_t sink;
static char buf[1024] __attribute__((aligned(8)));

/* A page of 'a's (no NUL) followed by a PROT_NONE page and a writable one: returns the address
 * `before` bytes before the end of the first page. */
static char *page_end(size_t before)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap failed\n");
		return NULL;
	}
	memset(p, 'a', 4096);
	mprotect(p + 4096, 4096, PROT_NONE);
	return p + 4096 - before;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "memcpy-small";
	char *a = page_end(64), *b = page_end(64);

	memset(buf, 'a', sizeof(buf));
	printf("bt_string: %s\n", m);
	fflush(stdout);
	if (!strcmp(m, "memcpy-small"))
		memcpy(buf, bad, small);
	else if (!strcmp(m, "memcpy-mid"))
		memcpy(buf, bad, mid);
	else if (!strcmp(m, "memcpy-big"))
		memcpy(buf, bad, big);
	else if (!strcmp(m, "memcpy-neon")) /* source misaligned relative to dst */
		memcpy(buf, bad + 1, big);
	else if (!strcmp(m, "memmove-small")) /* dst above src, overlapping: downward */
		memmove(bad + 4, bad, small);
	else if (!strcmp(m, "memmove-big"))
		memmove(bad + 64, bad, big);
	else if (!strcmp(m, "memmove-up")) /* dst below src: memcpy's code */
		memmove(buf, bad, big);
	else if (!strcmp(m, "memset-small"))
		memset(bad, 0, small);
	else if (!strcmp(m, "memset-big")) /* first and last words written, the loop faults */
		memset(a + 32, 1, 4096 + 64);
	else if (!strcmp(m, "memcmp-small"))
		sink = (uintptr_t)memcmp(buf, bad, small);
	else if (!strcmp(m, "memcmp-big"))
		sink = (uintptr_t)memcmp(buf, bad, big);
	else if (!strcmp(m, "strlen"))
		sink = strlen(a);
	else if (!strcmp(m, "strchr-short"))
		sink = (uintptr_t)strchr(bad, 'x');
	else if (!strcmp(m, "strchr-long"))
		sink = (uintptr_t)strchr(a, 'x');
	else if (!strcmp(m, "strcmp-aligned"))
		sink = (uintptr_t)strcmp(a, b);
	else if (!strcmp(m, "strcmp-misaligned"))
		sink = (uintptr_t)strcmp(a, b + 1);
	else if (!strcmp(m, "strcmp-bytes"))
		sink = (uintptr_t)strcmp(a + 1, bad);
	else
		printf("unknown mode %s\n", m);
	printf("not reached\n");
	return 0;
}
