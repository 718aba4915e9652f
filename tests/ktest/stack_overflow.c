/* Runtime code recursing until its stack overflows: the access to the guard page below the
 * stack is reported as a kernel stack overflow naming the stack, with an Oops (status 125),
 * instead of writing over what lies below.
 * - "svc": an interrupt handler (runtime code on the SVC stack, raised here as a software
 *   interrupt) recurses; the abort on the guard page finds no room on the SVC stack, so
 *   entry.S reports it from the emergency stack;
 * - "syscall": a function called on the syscall stack in SYS mode, as the runtime's side of
 *   a system call runs, recurses; the abort is taken on the SVC stack as usual. */
#include "platform/cp15.h"
#include "platform/gic.h"
#include "platform/memory.h"

#include <stdio.h>
#include <string.h>

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

static void deep_call(void)
{
	recurse(0);
}

/* Call fn with sp at the top of the syscall stack, as vector_swi calls a handler. */
static void on_syscall_stack(void (*fn)(void))
{
	__asm__ volatile("mov	r4, sp\n\t"
			 "mov	sp, %0\n\t"
			 "blx	%1\n\t"
			 "mov	sp, r4"
			 :
			 : "r"(__syscall_stack_top), "r"(fn)
			 : "r0", "r1", "r2", "r3", "r4", "ip", "lr", "memory", "cc");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "syscall")) {
		printf("recursing on the syscall stack %p-%p\n", (void *)__syscall_stack_limit,
		       (void *)__syscall_stack_top);
		on_syscall_stack(deep_call);
	} else {
		printf("raising an interrupt whose handler recurses on the SVC stack %p-%p\n",
		       (void *)__svc_stack_limit, (void *)__svc_stack_top);
		request_irq(TEST_SGI, deep_handler, NULL);
		gic_raise_sgi(TEST_SGI);
		for (int i = 0; i < 1000; i++)
			isb();
	}
	printf("no overflow was reported (depth %lu)\n", depth);
	return 1;
}
