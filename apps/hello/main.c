/* The demo application: greets, shows its arguments and environment, exits 0. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("Hello from uniarm!\n");
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	const char *who = getenv("WHO");
	if (who)
		printf("WHO = %s\n", who);
	return 0;
}
