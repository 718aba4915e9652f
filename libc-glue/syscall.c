/* uniarm_syscall: the system-call door as a function (libc-glue/syscall.h). */
#include "libc-glue/syscall.h"

long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	return __uniarm_syscall(nr, a0, a1, a2, a3, a4, a5);
}
