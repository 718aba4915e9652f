/*
 * What the /proc and getrusage tests share: CHECK (count and print a failure with its line)
 * and reading a whole file. Builds on Linux too, as the tests do.
 */
#ifndef UNIARM_TESTS_QEMU_PROC_CHECK_H
#define UNIARM_TESTS_QEMU_PROC_CHECK_H

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int failures;
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL (line %d): ", __LINE__);                                      \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

/* The whole file, read `chunk` bytes at a time; its length, or -1. */
static inline long read_file(const char *path, char *buf, size_t size, size_t chunk)
{
	int fd = open(path, O_RDONLY);
	size_t n = 0;
	long r;

	if (fd < 0)
		return -1;
	while (n < size - 1) {
		size_t want = size - 1 - n < chunk ? size - 1 - n : chunk;

		r = read(fd, buf + n, want);
		if (r < 0) {
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	return (long)n;
}

#endif
