/*
 * A kernel thread overflowing its kernel stack (runtime/fork.c: 8 KiB from vmalloc at a 16 KiB
 * boundary, the page below unmapped): the access to the page below is reported as a kernel
 * stack overflow naming the thread and its stack, with an Oops (status 125), not as silent
 * corruption of whatever lies below.
 */
#include "runtime/fork.h"
#include "runtime/sched.h"

#include <stdio.h>

static volatile unsigned long depth;

__attribute__((noinline)) static unsigned long recurse(unsigned long n)
{
	volatile char frame[64];

	frame[0] = (char)n;
	depth = n;
	return recurse(n + 1) + frame[0];
}

static int deep(void *unused)
{
	(void)unused;
	return (int)recurse(0);
}

int main(void)
{
	int pid = kernel_thread(deep, NULL, "deep-recursion", NULL);

	printf("started kernel thread %d, which recurses\n", pid);
	for (int i = 0; i < 1000; i++)
		schedule();
	printf("no overflow was reported (depth %lu)\n", depth);
	return 1;
}
