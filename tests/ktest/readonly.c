/* A write to the runtime's text or rodata is a permission fault: the Oops says it was a
 * write to read-only memory and which. */
#include <stdio.h>
#include <string.h>

static const char message[] = "read-only";

int main(int argc, char **argv)
{
	volatile char *target = (volatile char *)message;

	if (argc > 1 && !strcmp(argv[1], "text"))
		target = (volatile char *)(void *)main;
	printf("writing to %s at %p\n", argc > 1 ? argv[1] : "rodata", (void *)target);
	target[0] = 'X';
	return 0;
}
