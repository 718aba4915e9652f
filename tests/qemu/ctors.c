/* Constructors run before main, atexit handlers and destructors after it (atexit handlers in
 * reverse order of registration), and stdout is flushed at exit even without a newline. */
#include <stdio.h>
#include <stdlib.h>

static int constructed;

__attribute__((constructor)) static void ctor(void)
{
	constructed = 42;
}

__attribute__((destructor)) static void dtor(void)
{
	printf("[destructor]");
}

static void first(void)
{
	printf("[atexit first]");
}

static void second(void)
{
	printf("[atexit second]");
}

int main(void)
{
	printf("constructor value %d\n", constructed);
	if (atexit(first) || atexit(second))
		return 1;
	printf("main returns");
	return constructed == 42 ? 0 : 1;
}
