/*
 * /dev/zero: reads fill the buffer with zeros (any count, a buffer that faults part way gives
 * the whole pages cleared so far, one whose first page-sized chunk faults EFAULT), writes succeed
 * and discard, fstat shows character device 1:5. Builds and passes on Linux too (the peer's
 * initramfs has no /dev/zero: the test makes it). mmap of /dev/zero is ENODEV on uniarm until the
 * files issue backs it with shmem; that check is uniarm's only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/sysmacros.h>
#endif

#include "proc_check.h"

#define PS 4096

static char buf[3 * PS + 7];

static int all(const char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

int main(void)
{
	struct stat st;
	char *p;
	long n;
	int fd = open("/dev/zero", O_RDWR);

#if defined(__linux__)
	if (fd < 0 && errno == ENOENT && mknod("/dev/zero", S_IFCHR | 0666, makedev(1, 5)) == 0)
		fd = open("/dev/zero", O_RDWR);
#endif
	CHECK(fd >= 0, "open /dev/zero: errno %d", errno);
	if (fd < 0)
		goto out;

	memset(buf, 0xaa, sizeof(buf));
	n = read(fd, buf, 100);
	CHECK(n == 100, "read 100: %ld errno %d", n, errno);
	CHECK(all(buf, 100, 0), "read 100: not all zero");
	CHECK(all(buf + 100, sizeof(buf) - 100, (char)0xaa), "read 100 wrote past 100 bytes");
	n = read(fd, buf, sizeof(buf));
	CHECK(n == (long)sizeof(buf), "read %zu: %ld errno %d", sizeof(buf), n, errno);
	CHECK(all(buf, sizeof(buf), 0), "read %zu: not all zero", sizeof(buf));
	CHECK(read(fd, buf, 0) == 0, "read 0");

	memset(buf, 0x55, sizeof(buf));
	n = write(fd, buf, sizeof(buf));
	CHECK(n == (long)sizeof(buf), "write: %ld errno %d", n, errno);
	CHECK(all(buf, sizeof(buf), 0x55), "write changed the buffer");

	CHECK(fstat(fd, &st) == 0, "fstat: errno %d", errno);
	CHECK(S_ISCHR(st.st_mode), "st_mode %o", (unsigned)st.st_mode);
	CHECK(st.st_rdev == 0x105, "st_rdev %#lx, expected 1:5", (unsigned long)st.st_rdev);

	/* A buffer whose second page is not mapped: the first page's bytes, then EFAULT. */
	p = mmap(NULL, 2 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	if (p != MAP_FAILED) {
		memset(p, 1, 2 * PS);
		CHECK(munmap(p + PS, PS) == 0, "munmap: errno %d", errno);
		/* Linux zeroes a page at a time and ARM's clear_user clears all of a chunk or
		 * nothing: the whole first page, then EFAULT, gives the first page's count... */
		n = read(fd, p, 2 * PS);
		CHECK(n == PS, "read across the end of a mapping: %ld, expected %d", n, PS);
		CHECK(all(p, PS, 0), "partial read: first page not zeroed");
		/* ...and a first chunk that runs into the hole is EFAULT. */
		errno = 0;
		n = read(fd, p + PS - 10, 100);
		CHECK(n == -1 && errno == EFAULT, "read of a chunk across the end: %ld errno %d", n,
		      errno);
		errno = 0;
		n = read(fd, p + PS, 100);
		CHECK(n == -1 && errno == EFAULT, "read into no mapping: %ld errno %d", n, errno);
		munmap(p, PS);
	}
	/* Read-only and write-only opens do what they say. */
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	CHECK(fd >= 0 && write(fd, buf, 1) == -1 && errno == EBADF, "write on O_RDONLY: errno %d",
	      errno);
	close(fd);
	fd = open("/dev/zero", O_WRONLY);
	CHECK(fd >= 0 && read(fd, buf, 1) == -1 && errno == EBADF, "read on O_WRONLY: errno %d",
	      errno);
	close(fd);
#if !defined(__linux__)
	fd = open("/dev/zero", O_RDWR);
	errno = 0;
	p = mmap(NULL, PS, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p == MAP_FAILED && errno == ENODEV, "mmap /dev/zero: %p errno %d (ENODEV for now)",
	      (void *)p, errno);
	close(fd);
#endif
out:
	if (failures) {
		printf("dev_zero: %d checks failed\n", failures);
		return 1;
	}
	printf("dev_zero: all checks passed\n");
	return 0;
}
