#include <assert.h>
#include <stdio.h>

/* Fails its assert unless compiled with -DNDEBUG: the default build type keeps asserts (exit
 * 134 with newlib's message), -DCMAKE_BUILD_TYPE=Release removes them (tests/cmake). */
int main(int argc, char **argv)
{
	(void)argv;
	assert(argc == 42);
	printf("past the assert\n");
	return 0;
}
