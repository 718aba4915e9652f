/* Calls through a NULL function pointer: a prefetch abort, reported as an Oops. */
#include <stdio.h>

typedef int (*handler_fn)(int);

__attribute__((noinline)) int dispatch(volatile handler_fn fn, int arg)
{
	return fn(arg) + 1;
}

int main(void)
{
	printf("about to call a NULL function pointer\n");
	return dispatch((handler_fn)0, 3);
}
