/*
 * open, openat, creat, open64: the flags are Linux's already (<fcntl.h>) and go to the kernel
 * as they are; the mode argument is read only when the flags ask for one (O_CREAT, O_TMPFILE),
 * as glibc does. open does not add O_LARGEFILE (newlib's off_t is 32 bits, as glibc's open for
 * such a program); open64 does.
 *
 * _open is newlib's entry (fopen, freopen, mkstemp, tmpfile through _open_r), called with
 * newlib's flag values: it converts them.
 */
#include "file_impl.h"
#include "newlib_fcntl.h"

#include <fcntl.h>
#include <stdarg.h>

static int needs_mode(int flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

/* The variadic mode argument of the function this is used in, whose last named parameter is
 * flags: read only when the flags ask for one. */
#define OPEN_MODE(flags, mode)                                                                     \
	do {                                                                                       \
		if (needs_mode(flags)) {                                                           \
			va_list ap_;                                                               \
                                                                                                   \
			va_start(ap_, flags);                                                      \
			(mode) = va_arg(ap_, mode_t);                                              \
			va_end(ap_);                                                               \
		}                                                                                  \
	} while (0)

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return (int)FSYS3(__NR_open, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return (int)FSYS3(__NR_open, path, flags | O_LARGEFILE, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return (int)FSYS4(__NR_openat, dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return (int)FSYS2(__NR_creat, path, mode);
}

static int newlib_flags_to_linux(int flags)
{
	static const struct {
		int newlib, linux;
	} map[] = {
		{NEWLIB_O_APPEND, O_APPEND},	   {NEWLIB_O_CREAT, O_CREAT},
		{NEWLIB_O_TRUNC, O_TRUNC},	   {NEWLIB_O_EXCL, O_EXCL},
		{NEWLIB_O_SYNC, O_SYNC},	   {NEWLIB_O_NONBLOCK, O_NONBLOCK},
		{NEWLIB_O_NOCTTY, O_NOCTTY},	   {NEWLIB_O_CLOEXEC, O_CLOEXEC},
		{NEWLIB_O_DIRECT, O_DIRECT},	   {NEWLIB_O_NOFOLLOW, O_NOFOLLOW},
		{NEWLIB_O_DIRECTORY, O_DIRECTORY},
	};
	int out = flags & NEWLIB_O_ACCMODE; /* 0, 1, 2: the same in both */

	for (unsigned int i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (flags & map[i].newlib)
			out |= map[i].linux;
	return out;
}

/* newlib's declaration (<sys/_default_fcntl.h>, _COMPILING_NEWLIB) is variadic; _open_r
 * always passes the mode. */
int _open(const char *path, int flags, int mode);

int _open(const char *path, int flags, int mode)
{
	return (int)FSYS3(__NR_open, path, newlib_flags_to_linux(flags), mode);
}
