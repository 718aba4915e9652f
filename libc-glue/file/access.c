/*
 * access, faccessat, umask. faccessat with flags (AT_EACCESS, AT_SYMLINK_NOFOLLOW,
 * AT_EMPTY_PATH) is faccessat2, which takes them; without flags it is faccessat, as glibc
 * chooses. newlib's access (a stat and a look at the mode bits) is replaced: the kernel checks
 * with the real ids, as Linux does.
 */
#include "file_impl.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int access(const char *path, int mode)
{
	return (int)FSYS2(__NR_access, path, mode);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (!flags)
		return (int)FSYS3(__NR_faccessat, dirfd, path, mode);
	return (int)FSYS4(__NR_faccessat2, dirfd, path, mode, flags);
}

mode_t umask(mode_t mask)
{
	/* umask cannot fail: the old mask is the result. */
	return (mode_t)__uniarm_syscall(__NR_umask, (long)mask, 0, 0, 0, 0, 0);
}
