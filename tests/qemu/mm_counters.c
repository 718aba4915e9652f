/* Fault counters by kind (/proc/vmstat) and the free memory (/proc/meminfo) around a
 * workload: N fresh pages written are N zero-fills, N pages read then written are N zero-page
 * maps and N copies, deep recursion grows the stack; and after unmapping everything MemFree
 * is back to its value before. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/mman.h>

#define N  64
#define PG 4096

/* A counter from a /proc file, read with open/read into a static buffer: no malloc, so the
 * reading itself takes no page faults. */
static unsigned long stat_of(const char *path, const char *key)
{
	static char buf[4096];
	size_t klen = strlen(key);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return (unsigned long)-1;
	buf[n] = '\0';
	for (char *line = buf; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, key, klen) && (line[klen] == ' ' || line[klen] == ':'))
			return strtoul(line + klen + 1, NULL, 10);
	return (unsigned long)-1;
}

static int failures;

static void expect(const char *what, unsigned long got, unsigned long want)
{
	printf("%s %s: %lu (expected %lu)\n", got == want ? "ok" : "FAIL", what, got, want);
	failures += got != want;
}

__attribute__((noinline)) static int recurse(int depth)
{
	char pad[1024];

	pad[0] = (char)depth;
	__asm__ volatile("" : : "r"(pad) : "memory"); /* the whole frame is really there */
	return depth ? recurse(depth - 1) + pad[0] : 0;
}

int main(void)
{
	printf("fault counters\n"); /* stdout's buffer is allocated before the first count */
	unsigned long free0 = stat_of("/proc/meminfo", "MemFree");
	unsigned long zf0 = stat_of("/proc/vmstat", "zero_fill");
	unsigned long zp0 = stat_of("/proc/vmstat", "zero_page_map");
	unsigned long cow0 = stat_of("/proc/vmstat", "cow");

	char *w = mmap(NULL, N * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *r = mmap(NULL, N * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (w == MAP_FAILED || r == MAP_FAILED)
		return 2;
	volatile char sum = 0;
	for (int i = 0; i < N; i++)
		w[i * PG] = 1;
	for (int i = 0; i < N; i++)
		sum += r[i * PG];
	for (int i = 0; i < N; i++)
		r[i * PG] = 2;
	unsigned long zf = stat_of("/proc/vmstat", "zero_fill") - zf0;
	unsigned long zp = stat_of("/proc/vmstat", "zero_page_map") - zp0;
	unsigned long cow = stat_of("/proc/vmstat", "cow") - cow0;
	munmap(w, N * PG);
	munmap(r, N * PG);
	unsigned long free1 = stat_of("/proc/meminfo", "MemFree");

	unsigned long sg0 = stat_of("/proc/vmstat", "stack_growth");
	recurse(256); /* 256 KiB of stack: the initial stack VMA is 128 KiB */
	unsigned long grown = stat_of("/proc/vmstat", "stack_growth") - sg0;

	expect("zero_fill", zf, N);
	expect("zero_page_map", zp, N);
	expect("cow", cow, N);
	expect("MemFree after unmapping everything (kB)", free1, free0);
	printf("%s stack_growth: %lu (expected > 0)\n", grown ? "ok" : "FAIL", grown);
	failures += !grown;
	printf("%d failed\n", failures);
	return failures != 0;
}
