/*
 * /proc/sys/vm/{overcommit_memory, overcommit_ratio, max_map_count, mmap_min_addr}: each reads
 * as one decimal number and a newline; as root the first three are written with effect (a
 * write is read back; overcommit_memory 2 with ratio 0 refuses a large private writable mmap
 * that mode 1 allows; max_map_count caps the number of areas) and values Linux's
 * proc_dointvec_minmax refuses are EINVAL with the value unchanged (3 for overcommit_memory,
 * -1 for max_map_count, no number, trailing junk); mmap_min_addr is written too (root has
 * CAP_SYS_RAWIO), and a hint below it is raised to it. Writes at a position past 0 are ignored
 * (sysctl_writes_strict). Builds and passes on Linux too (as root).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc_check.h"

#define PS 4096UL
#define VM "/proc/sys/vm/"

static long get(const char *name)
{
	char path[64], buf[64], *end;
	long n, v;

	snprintf(path, sizeof(path), VM "%s", name);
	n = read_file(path, buf, sizeof(buf), sizeof(buf));
	CHECK(n > 1 && buf[n - 1] == '\n', "read %s: %ld \"%s\" errno %d", name, n,
	      n > 0 ? buf : "", errno);
	if (n <= 1)
		return -1000;
	v = strtol(buf, &end, 10);
	CHECK(end == buf + n - 1, "%s: \"%s\" is not one number and a newline", name, buf);
	return v;
}

/* write(2) of s to name: its result, errno in *err. */
static long put(const char *name, const char *s, int *err)
{
	char path[64];
	int fd;
	long n;

	snprintf(path, sizeof(path), VM "%s", name);
	fd = open(path, O_WRONLY);
	CHECK(fd >= 0, "open %s for writing: errno %d", name, errno);
	if (fd < 0)
		return -2;
	errno = 0;
	n = write(fd, s, strlen(s));
	*err = errno;
	close(fd);
	return n;
}

static void put_ok(const char *name, const char *s, long want)
{
	int err;
	long n = put(name, s, &err);

	CHECK(n == (long)strlen(s), "write \"%s\" to %s: %ld errno %d", s, name, n, err);
	CHECK(get(name) == want, "%s: %ld after writing \"%s\"", name, get(name), s);
}

static void put_einval(const char *name, const char *s)
{
	long before = get(name);
	int err;
	long n = put(name, s, &err);

	CHECK(n == -1 && err == EINVAL, "write \"%s\" to %s: %ld errno %d, expected EINVAL", s,
	      name, n, err);
	CHECK(get(name) == before, "%s changed by a refused write", name);
}

int main(void)
{
	long mem = get("overcommit_memory"), ratio = get("overcommit_ratio");
	long maxmap = get("max_map_count"), minaddr = get("mmap_min_addr");
	struct stat st;
	int err, fd;
	void *p;

	printf("overcommit_memory %ld overcommit_ratio %ld max_map_count %ld mmap_min_addr %ld\n",
	       mem, ratio, maxmap, minaddr);
	CHECK(mem >= 0 && mem <= 2 && ratio >= 0 && maxmap > 0 && minaddr >= 0,
	      "implausible values");
	fd = open(VM "overcommit_memory", O_RDONLY);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0644,
	      "overcommit_memory mode %o, expected 0644", (unsigned)st.st_mode & 0777);
	close(fd);

	put_ok("overcommit_memory", "1\n", 1);
	put_ok("overcommit_memory", "  2", 2);
	put_ok("overcommit_memory", "0 \n", 0);
	put_einval("overcommit_memory", "3\n");
	put_einval("overcommit_memory", "-1\n");
	put_einval("overcommit_memory", "1x\n");
	put_einval("overcommit_memory", "\n");
	put_einval("overcommit_memory", "x");
	put_einval("overcommit_memory", "99999999999999999999\n");
	put_einval("max_map_count", "-1\n");
	put_ok("overcommit_ratio", "0\n", 0);

	/* Effect: mode 2 with ratio 0 refuses 64 MiB of accounted memory; mode 1 allows it. */
	put_ok("overcommit_memory", "2\n", 2);
	p = mmap(NULL, 64UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == MAP_FAILED && errno == ENOMEM, "mode 2, ratio 0: mmap of 64 MiB %p errno %d", p,
	      errno);
	if (p != MAP_FAILED)
		munmap(p, 64UL << 20);
	put_ok("overcommit_memory", "1\n", 1);
	p = mmap(NULL, 64UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mode 1: mmap of 64 MiB: errno %d", errno);
	if (p != MAP_FAILED)
		munmap(p, 64UL << 20);

	/* Effect: with max_map_count at 1 a new area is refused. */
	{
		char v[32];

		put_ok("max_map_count", "1\n", 1);
		p = mmap(NULL, PS, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		err = errno;
		snprintf(v, sizeof(v), "%ld\n", maxmap);
		put_ok("max_map_count", v, maxmap);
		CHECK(p == MAP_FAILED && err == ENOMEM, "max_map_count 1: mmap %p errno %d", p,
		      err);
	}

	/* mmap_min_addr (proc_doulongvec_minmax: no sign, no bound): raised to 8 MiB, a hint below
	 * it asks for it instead (round_hint_to_min), for root as for anyone. */
	put_einval("mmap_min_addr", "-4096\n");
	put_einval("mmap_min_addr", "4096x\n");
	put_einval("mmap_min_addr", "99999999999999999999999\n");
	put_ok("mmap_min_addr", "8388608\n", 8388608);
	{
		void *min = (void *)(8UL << 20);
		bool free_at_min = msync(min, PS, MS_ASYNC) == -1 && errno == ENOMEM;
		char v[32];

		p = mmap((void *)(2 * PS), PS, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(p != MAP_FAILED && (free_at_min ? p == min : p > min),
		      "hint below mmap_min_addr 8 MiB: mapped at %p (free at 8 MiB: %d)", p,
		      free_at_min);
		if (p != MAP_FAILED)
			munmap(p, PS);
		snprintf(v, sizeof(v), "%ld\n", minaddr);
		put_ok("mmap_min_addr", v, minaddr);
	}

	/* A write at a position past 0 is ignored but reported as done (sysctl_writes_strict). */
	fd = open(VM "overcommit_memory", O_RDWR);
	CHECK(fd >= 0, "open O_RDWR: errno %d", errno);
	if (fd >= 0) {
		CHECK(write(fd, "0", 1) == 1, "first write: errno %d", errno);
		CHECK(write(fd, "2", 1) == 1, "second write: errno %d", errno);
		close(fd);
		CHECK(get("overcommit_memory") == 0, "the write at position 1 took effect");
	}

	/* Back as they were. */
	{
		char v[32];

		snprintf(v, sizeof(v), "%ld\n", ratio);
		put_ok("overcommit_ratio", v, ratio);
		snprintf(v, sizeof(v), "%ld\n", mem);
		put_ok("overcommit_memory", v, mem);
	}
	if (failures) {
		printf("proc_sysvm: %d checks failed\n", failures);
		return 1;
	}
	printf("proc_sysvm: all checks passed\n");
	return 0;
}
