/* getauxval (glibc's, <sys/auxv.h>): a value of the auxiliary vector exec put on the stack. */
#include <errno.h>
#include <sys/auxv.h>

extern const unsigned long *__uniarm_auxv; /* libc-glue/crt0.c */

unsigned long getauxval(unsigned long type)
{
	for (const unsigned long *a = __uniarm_auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}
