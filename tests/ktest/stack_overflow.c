/* Runtime code recursing until its stack overflows: the access to the guard page below the
 * stack is reported as a kernel stack overflow naming the stack, with an Oops (status 125),
 * instead of writing over what lies below: an interrupt handler (runtime code on the kernel stack
 * of the task it interrupts, raised here as a software interrupt) recurses; the abort on the guard
 * page finds no room on that stack, so entry.S reports it from the emergency stack. (System calls
 * run on the task's kernel stack too.) */
#include "platform/cp15.h"
#include "platform/gic.h"
#include "platform/memory.h"
#include "runtime/sched.h"

#include <stdio.h>

#define TEST_SGI 1

static volatile unsigned long limit = ~0ul;
static volatile unsigned long depth;

__attribute__((noinline)) static unsigned long recurse(unsigned long n)
{
	volatile char frame[64];

	frame[0] = (char)n;
	depth = n;
	if (n >= limit)
		return 0;
	return recurse(n + 1) + frame[0];
}

static void deep_handler(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
	recurse(0);
}

int main(void)
{
	printf("raising an interrupt whose handler recurses on the kernel stack %p-%p of pid %d\n",
	       task_stack_page(current), (void *)task_stack_top(current), current->pid);
	request_irq(TEST_SGI, deep_handler, NULL);
	gic_raise_sgi(TEST_SGI);
	for (int i = 0; i < 1000; i++)
		isb();
	printf("no overflow was reported (depth %lu)\n", depth);
	return 1;
}
