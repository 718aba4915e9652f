/*
 * For uniarm-run's tests: prints "tick N" every 100 ms (argv[1] lines, default 5), then a
 * prompt without a newline, then waits for ever (or touches argv[2] pages first and exits
 * with status 3 when a second argument is given).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int ticks = argc > 1 ? atoi(argv[1]) : 5;

	for (int i = 0; i < ticks; i++) {
		printf("tick %d\n", i);
		usleep(100000);
	}
	if (argc > 2) {
		long pages = atol(argv[2]);
		volatile char *p = malloc(pages * 4096);

		for (long i = 0; i < pages; i++)
			p[i * 4096] = 1;
		free((void *)p);
		return 3;
	}
	printf("waiting> ");
	fflush(stdout);
	for (;;)
		sleep(1);
}
