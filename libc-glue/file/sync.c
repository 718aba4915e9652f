/* fsync and fdatasync: the system calls (on an in-memory file system they succeed at once). */
#include "file_impl.h"

#include <unistd.h>

int fsync(int fd)
{
	return (int)FSYS1(__NR_fsync, fd);
}

int fdatasync(int fd)
{
	return (int)FSYS1(__NR_fdatasync, fd);
}
