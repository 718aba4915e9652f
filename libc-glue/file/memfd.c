/* memfd_create (<sys/mman.h>): the system call, with Linux's MFD_* flags. */
#include "file_impl.h"

#include <sys/mman.h>

int memfd_create(const char *name, unsigned int flags)
{
	return (int)FSYS2(__NR_memfd_create, name, flags);
}
