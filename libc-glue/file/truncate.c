/*
 * ftruncate and truncate on the 64-bit calls (ftruncate64, truncate64), whose length goes in
 * the r2/r3 pair (r1 is padding); the off_t forms widen newlib's 32-bit length with its sign,
 * so a negative one is the kernel's EINVAL.
 */
#include "file_impl.h"

#include <unistd.h>

int ftruncate64(int fd, off64_t length)
{
	return (int)FSYS4(__NR_ftruncate64, fd, 0, LO32(length), HI32(length));
}

int truncate64(const char *path, off64_t length)
{
	return (int)FSYS4(__NR_truncate64, path, 0, LO32(length), HI32(length));
}

int ftruncate(int fd, off_t length)
{
	return ftruncate64(fd, length);
}

int truncate(const char *path, off_t length)
{
	return truncate64(path, length);
}
