/*
 * /proc/self/pagemap: 8 bytes per page at offset vaddr / 4096 * 8 (lseek, then read). A written
 * private page: present (bit 63), exclusively mapped (56), not swapped (62) nor file/shared
 * (61), its PFN shown to root; an untouched page and an unmapped one: 0; a page that only read
 * the zero page: present with a PFN, not exclusive; a written shared anonymous page: present
 * and file/shared-anon (61); soft-dirty (55) never on ARM. A read or a position that is not a
 * multiple of 8 is EINVAL; past the user address space there is nothing to read. Builds and
 * passes on Linux too (as root).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proc_check.h"

#define PS	    4096UL
#define PRESENT	    (1ULL << 63)
#define SWAPPED	    (1ULL << 62)
#define FILE_SHARED (1ULL << 61)
#define EXCLUSIVE   (1ULL << 56)
#define SOFT_DIRTY  (1ULL << 55)
#define PFN_MASK    ((1ULL << 55) - 1)

static int fd;

static int entries(const void *addr, uint64_t *e, size_t n)
{
	off_t off = (off_t)((uintptr_t)addr / PS * 8);

	if (lseek(fd, off, SEEK_SET) != off)
		return -1;
	return read(fd, e, n * 8) == (ssize_t)(n * 8) ? 0 : -1;
}

int main(void)
{
	char *p = mmap(NULL, 4 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *s = mmap(NULL, PS, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t e[4];
	volatile char c;
	long n;

	fd = open("/proc/self/pagemap", O_RDONLY);
	CHECK(fd >= 0, "open pagemap: errno %d", errno);
	CHECK(p != MAP_FAILED && s != MAP_FAILED, "mmap: errno %d", errno);
	p[0] = 1;
	p[2 * PS] = 1;
	c = p[3 * PS];
	(void)c;
	s[0] = 1;
	CHECK(entries(p, e, 4) == 0, "read 4 entries: errno %d", errno);
	for (int i = 0; i < 4; i++)
		printf("pagemap[%d] %016llx\n", i, (unsigned long long)e[i]);
	for (int i = 0; i < 4; i += 2)
		CHECK((e[i] & ~PFN_MASK) == (PRESENT | EXCLUSIVE) && (e[i] & PFN_MASK),
		      "written page %d: %#llx, expected present, exclusive and a pfn", i,
		      (unsigned long long)e[i]);
	CHECK(e[0] != e[2], "two written pages show the same entry");
	CHECK(e[1] == 0, "untouched page: %#llx, expected 0", (unsigned long long)e[1]);
	CHECK((e[3] & ~PFN_MASK) == PRESENT && (e[3] & PFN_MASK),
	      "zero page: %#llx, expected present with a pfn, not exclusive",
	      (unsigned long long)e[3]);
	CHECK(!((e[0] | e[2] | e[3]) & (SWAPPED | SOFT_DIRTY)), "swapped or soft-dirty bits set");

	CHECK(entries(s, e, 1) == 0, "read shared entry: errno %d", errno);
	CHECK((e[0] & ~PFN_MASK) == (PRESENT | FILE_SHARED | EXCLUSIVE) && (e[0] & PFN_MASK),
	      "shared anonymous page: %#llx, expected present, file/shared, exclusive, a pfn",
	      (unsigned long long)e[0]);

	/* Unmapped: 0. Touched later: present when read again. */
	CHECK(munmap(p + 2 * PS, PS) == 0, "munmap: errno %d", errno);
	p[PS] = 1;
	CHECK(entries(p, e, 4) == 0, "read 4 entries again: errno %d", errno);
	CHECK(e[2] == 0, "unmapped page: %#llx, expected 0", (unsigned long long)e[2]);
	CHECK((e[1] & PRESENT) && (e[1] & EXCLUSIVE), "page written since: %#llx",
	      (unsigned long long)e[1]);

	/* Sizes and positions that are not multiples of 8. */
	CHECK(lseek(fd, (off_t)((uintptr_t)p / PS * 8), SEEK_SET) >= 0, "lseek: errno %d", errno);
	errno = 0;
	n = read(fd, e, 4);
	CHECK(n == -1 && errno == EINVAL, "read of 4 bytes: %ld errno %d, expected EINVAL", n,
	      errno);
	CHECK(lseek(fd, 4, SEEK_CUR) >= 0, "lseek: errno %d", errno);
	errno = 0;
	n = read(fd, e, 8);
	CHECK(n == -1 && errno == EINVAL, "read at a position not a multiple of 8: %ld errno %d", n,
	      errno);
	CHECK(read(fd, e, 0) == -1 && errno == EINVAL, "read of 0 at an odd position: errno %d",
	      errno);
	/* Past the user address space (3 GiB on both): nothing. */
	CHECK(lseek(fd, (off_t)(0xc0000000UL / PS * 8), SEEK_SET) >= 0, "lseek: errno %d", errno);
	n = read(fd, e, 8);
	CHECK(n == 0, "read past TASK_SIZE: %ld errno %d, expected 0", n, errno);
	close(fd);
	if (failures) {
		printf("proc_pagemap: %d checks failed\n", failures);
		return 1;
	}
	printf("proc_pagemap: all checks passed\n");
	return 0;
}
