/* A write just past a vmalloc area hits its guard page: the Oops names the area and who
 * allocated it. */
#include "vm/vmalloc.h"

#include <stdio.h>

int main(void)
{
	volatile char *p = vmalloc(16384);

	if (!p)
		return 1;
	p[0] = 1;
	p[16383] = 2;
	printf("area at %p; writing one byte past its end\n", (void *)p);
	p[16384] = 3;
	return 0;
}
