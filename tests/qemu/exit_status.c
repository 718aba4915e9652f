/* Returns the number given as its first argument: main's return value must become QEMU's
 * exit status. With "exit" as the second argument it calls exit() instead of returning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: exit_status N [exit]\n");
		return 99;
	}
	int n = atoi(argv[1]);
	printf("exiting with %d\n", n);
	if (argc > 2 && !strcmp(argv[2], "exit"))
		exit(n);
	return n;
}
