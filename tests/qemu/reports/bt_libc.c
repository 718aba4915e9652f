/*
 * Faults inside the C library: the backtrace must go on through the library routine (uniarm's
 * assembler string routines, newlib's C code) up to main. The first argument picks the fault:
 *   strlen   strlen(NULL) called from main
 *   printf   printf("%s", (char *)1): newlib's vfprintf calls strlen on the bad pointer
 *   qsort    a comparator that faults, called by newlib's qsort
 * The test registrations check the names in order, innermost first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bad pointers the compiler cannot see through. */
static const char *volatile null_string;
static const char *volatile one_string = (const char *)1;
static volatile int *volatile bad_int;
volatile size_t sink;

__attribute__((noinline)) static int faulting_compare(const void *a, const void *b)
{
	/* Reads through a NULL pointer once qsort compares. */
	return *(const int *)a - *(const int *)b + *bad_int;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "strlen";
	int values[16];

	printf("bt_libc: %s\n", mode);
	fflush(stdout);
	if (!strcmp(mode, "strlen")) {
		sink = strlen(null_string);
	} else if (!strcmp(mode, "printf")) {
		printf("string: %s\n", one_string);
	} else if (!strcmp(mode, "qsort")) {
		for (int i = 0; i < 16; i++)
			values[i] = 16 - i;
		qsort(values, 16, sizeof(values[0]), faulting_compare);
		sink = (size_t)values[0];
	}
	printf("not reached\n");
	return 0;
}
