/* Dereferences NULL: the runtime must stop with an Oops that names it. */
#include <stdio.h>

__attribute__((noinline)) int read_through(volatile int *p)
{
	return *p;
}

int main(void)
{
	printf("about to dereference NULL\n");
	return read_through((volatile int *)0);
}
