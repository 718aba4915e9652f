/*
 * /proc for a process that was root and dropped to uid 1000: the sysctls of /proc/sys/vm
 * (0644, root's) can still be read but no longer opened for writing (EACCES). As root, pagemap
 * shows PFNs. (After the drop Linux makes the process non-dumpable, so its own /proc/self files
 * become root's and pagemap cannot be opened at all; uniarm has no dumpable flag yet, so the
 * test does not look at pagemap then.) Builds and passes on Linux too (started as root).
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

#define PS	 4096UL
#define PRESENT	 (1ULL << 63)
#define PFN_MASK ((1ULL << 55) - 1)

/* The pagemap entry of the page at p. */
static uint64_t pagemap_entry(const void *p)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (lseek(fd, (off_t)((uintptr_t)p / PS * 8), SEEK_SET) < 0 ||
	    read(fd, &e, sizeof(e)) != sizeof(e))
		e = 0;
	close(fd);
	return e;
}

int main(void)
{
	char *p = mmap(NULL, PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t e;
	int fd;

	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	p[0] = 1;
	e = pagemap_entry(p);
	CHECK((e & PRESENT) && (e & PFN_MASK), "as root: entry %016llx has a PFN",
	      (unsigned long long)e);
	fd = open("/proc/sys/vm/overcommit_ratio", O_WRONLY);
	CHECK(fd >= 0, "as root: sysctl opened for writing: errno %d", errno);
	if (fd >= 0)
		close(fd);

	CHECK(setuid(1000) == 0, "setuid(1000): errno %d", errno);
	errno = 0;
	fd = open("/proc/sys/vm/overcommit_ratio", O_WRONLY);
	CHECK(fd < 0 && errno == EACCES, "as uid 1000: open for writing gives %d, errno %d", fd,
	      errno);
	fd = open("/proc/sys/vm/overcommit_ratio", O_RDONLY);
	CHECK(fd >= 0, "as uid 1000: sysctl readable: errno %d", errno);
	if (fd >= 0)
		close(fd);
	if (failures)
		return 1;
	printf("proc_nonroot: all checks passed\n");
	return 0;
}
