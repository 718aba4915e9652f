/*
 * Directory streams (<dirent.h>) over getdents64, as glibc's: a DIR holds the descriptor and
 * a buffer of the kernel's records, and readdir hands them out in place, reading the next
 * batch when the buffer is used up. End of directory is NULL with errno unchanged; a
 * directory removed while open (getdents64's ENOENT) reads as its end, as POSIX asks. A
 * stream is not locked: two threads must not read one stream at once.
 */
#include "file_impl.h"

#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

_Static_assert(sizeof(struct dirent) == 280 && offsetof(struct dirent, d_off) == 8 &&
		       offsetof(struct dirent, d_reclen) == 16 &&
		       offsetof(struct dirent, d_type) == 18 &&
		       offsetof(struct dirent, d_name) == 19,
	       "struct dirent must be the kernel's struct linux_dirent64");

#define DIR_BUF_SIZE 4096 /* at least one record of a 255-byte name (280 bytes) */

struct __dirstream {
	int fd;
	unsigned int pos;  /* the next record in buf */
	unsigned int len;  /* the bytes getdents64 put in buf */
	long long filepos; /* d_off of the record last returned: telldir */
	_Alignas(8) char buf[DIR_BUF_SIZE];
};

ssize_t getdents64(int fd, void *buf, size_t count)
{
	return FSYS3(__NR_getdents64, fd, buf, count);
}

static DIR *dir_alloc(int fd)
{
	DIR *dir = malloc(sizeof(*dir));

	if (!dir)
		return NULL; /* ENOMEM */
	dir->fd = fd;
	dir->pos = dir->len = 0;
	dir->filepos = 0;
	return dir;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = dir_alloc(fd);
	if (!dir) {
		int err = errno;

		close(fd);
		errno = err;
	}
	return dir;
}

/* glibc's checks: a directory (ENOTDIR), open for reading (EINVAL for O_WRONLY). */
DIR *fdopendir(int fd)
{
	struct linux_stat64 st;
	int flags;

	if (FSYS2(__NR_fstat64, fd, &st) < 0)
		return NULL;
	if ((st.st_mode & S_IFMT) != S_IFDIR) {
		__file_err(ENOTDIR);
		return NULL;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags == -1)
		return NULL;
	if ((flags & O_ACCMODE) == O_WRONLY) {
		__file_err(EINVAL);
		return NULL;
	}
	return dir_alloc(fd);
}

struct dirent *readdir(DIR *dir)
{
	struct dirent *entry;

	if (dir->pos >= dir->len) {
		int saved = errno;
		ssize_t n = getdents64(dir->fd, dir->buf, sizeof(dir->buf));

		if (n < 0 && errno == ENOENT)
			n = 0;
		if (n <= 0) {
			if (n == 0)
				errno = saved;
			return NULL;
		}
		dir->len = (unsigned int)n;
		dir->pos = 0;
	}
	entry = (struct dirent *)(void *)&dir->buf[dir->pos];
	dir->pos += entry->d_reclen;
	dir->filepos = entry->d_off;
	return entry;
}

void seekdir(DIR *dir, long loc)
{
	lseek64(dir->fd, loc, SEEK_SET);
	dir->pos = dir->len = 0;
	dir->filepos = loc;
}

void rewinddir(DIR *dir)
{
	seekdir(dir, 0);
}

long telldir(DIR *dir)
{
	return (long)dir->filepos;
}

int dirfd(DIR *dir)
{
	return dir->fd;
}

int closedir(DIR *dir)
{
	int fd = dir->fd;

	free(dir);
	return close(fd);
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

/*
 * The entries filter accepts, each copied into its own allocation, sorted by compar (if any)
 * into a new array: the count, or -1 with errno (and nothing left allocated).
 */
int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **))
{
	DIR *dir = opendir(path);
	struct dirent **v = NULL, *entry;
	size_t n = 0, cap = 0;
	int saved = errno, err = 0;

	if (!dir)
		return -1;
	for (;;) {
		struct dirent *copy;
		size_t size;

		errno = 0;
		entry = readdir(dir);
		if (!entry) {
			err = errno;
			break;
		}
		if (filter && !filter(entry))
			continue;
		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct dirent **nv = realloc(v, ncap * sizeof(*v));

			if (!nv) {
				err = ENOMEM;
				break;
			}
			v = nv;
			cap = ncap;
		}
		size = offsetof(struct dirent, d_name) + strlen(entry->d_name) + 1;
		copy = malloc(size);
		if (!copy) {
			err = ENOMEM;
			break;
		}
		memcpy(copy, entry, size);
		v[n++] = copy;
	}
	closedir(dir);
	if (err) {
		while (n)
			free(v[--n]);
		free(v);
		errno = err;
		return -1;
	}
	if (compar && n > 1)
		qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))compar);
	errno = saved;
	*list = v;
	return (int)n;
}
