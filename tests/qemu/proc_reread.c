/*
 * A /proc file kept open is generated again when it is read from offset 0 once more: after
 * lseek(fd, 0, SEEK_SET), after stdio's rewind, for /proc/self/maps, /proc/self/statm and
 * /proc/self/status, as Linux's seq_file does. And /proc/self/statm's format: seven numbers
 * (size resident shared text lib data dt, in pages), lib and dt 0, size and data following an
 * mmap, resident following the writes. Builds and passes on Linux too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proc_check.h"

#define PS 4096UL

static char buf[16384];

static long read_fd(int fd)
{
	long n = 0, r;

	while ((r = read(fd, buf + n, sizeof(buf) - 1 - (size_t)n)) > 0)
		n += r;
	buf[n] = '\0';
	return r < 0 ? -1 : n;
}

/* maps holds a line starting with p's address. */
static int maps_has(void *p)
{
	char start[32];

	snprintf(start, sizeof(start), "%08lx-", (unsigned long)p);
	for (const char *l = buf; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (!strncmp(l, start, strlen(start)))
			return 1;
	return 0;
}

struct statm {
	unsigned long size, resident, shared, text, lib, data, dt;
};

static int parse_statm(struct statm *s)
{
	char end;

	return sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu%c", &s->size, &s->resident, &s->shared,
		      &s->text, &s->lib, &s->data, &s->dt, &end) == 8 &&
	       end == '\n';
}

int main(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	struct statm a, b;
	FILE *f;
	char *p, *q;
	long n;

	/* maps through a kept-open descriptor and lseek. */
	CHECK(fd >= 0, "open maps: errno %d", errno);
	CHECK(read_fd(fd) > 0, "read maps");
	p = mmap(NULL, 16 * PS, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	CHECK(!maps_has(p), "the first read already shows the new area");
	CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek: errno %d", errno);
	CHECK(read_fd(fd) > 0 && maps_has(p), "maps read again from 0 lacks the new area %p",
	      (void *)p);
	munmap(p, 16 * PS);
	CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek: errno %d", errno);
	CHECK(read_fd(fd) > 0 && !maps_has(p), "maps read again still shows the unmapped area");
	close(fd);

	/* statm through stdio and rewind. */
	f = fopen("/proc/self/statm", "r");
	CHECK(f != NULL, "fopen statm: errno %d", errno);
	if (!f)
		goto out;
	n = (long)fread(buf, 1, sizeof(buf) - 1, f);
	buf[n > 0 ? n : 0] = '\0';
	printf("statm: %s", buf);
	CHECK(parse_statm(&a), "statm format: \"%s\"", buf);
	CHECK(a.lib == 0 && a.dt == 0, "statm lib %lu dt %lu, expected 0", a.lib, a.dt);
	CHECK(a.resident > 0 && a.resident <= a.size && a.data <= a.size,
	      "statm values: size %lu resident %lu data %lu", a.size, a.resident, a.data);
	q = mmap(NULL, 64 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(q != MAP_FAILED, "mmap: errno %d", errno);
	memset(q, 1, 64 * PS);
	rewind(f);
	n = (long)fread(buf, 1, sizeof(buf) - 1, f);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(parse_statm(&b), "statm format after rewind: \"%s\"", buf);
	CHECK(b.size == a.size + 64, "statm size %lu -> %lu, expected +64", a.size, b.size);
	CHECK(b.data == a.data + 64, "statm data %lu -> %lu, expected +64", a.data, b.data);
	CHECK(b.resident >= a.resident + 64, "statm resident %lu -> %lu, expected +64 or more",
	      a.resident, b.resident);
	fclose(f);
	munmap(q, 64 * PS);
out:
	if (failures) {
		printf("proc_reread: %d checks failed\n", failures);
		return 1;
	}
	printf("proc_reread: all checks passed\n");
	return 0;
}
