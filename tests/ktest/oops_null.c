/* A NULL dereference inside the runtime (an interrupt handler, raised here as a software
 * interrupt) is an Oops that names it, with registers and a backtrace, status 125. */
#include "platform/cp15.h"
#include "platform/gic.h"

#include <stdio.h>

#define TEST_SGI 1

static volatile int *volatile broken_pointer;

__attribute__((noinline)) static void buggy_handler(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
	*broken_pointer = 1;
}

int main(void)
{
	printf("raising an interrupt whose handler dereferences NULL\n");
	request_irq(TEST_SGI, buggy_handler, NULL);
	gic_raise_sgi(TEST_SGI);
	for (int i = 0; i < 1000; i++)
		isb();
	printf("the handler did not run\n");
	return 1;
}
