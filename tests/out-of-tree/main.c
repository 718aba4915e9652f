#include <stdio.h>

int main(int argc, char **argv)
{
	printf("out-of-tree app, %d argument(s), first: %s\n", argc - 1, argc > 1 ? argv[1] : "-");
	return 7;
}
