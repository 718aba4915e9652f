/*
 * Privileged access never (platform/domain.h): the runtime touching application memory
 * outside the user copies is an Oops. The test maps a page of application memory and writes
 * it with application memory open (as every ktest runs, on the application's stack), then
 * closes it as the runtime's own code runs and reads the page in the same instructions (the
 * stack is application memory too): a domain fault.
 */
#include "platform/domain.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
	volatile uint32_t *p =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	p[0] = 42;
	printf("written with application memory open: %u\n", (unsigned)p[0]);
	printf("reading %p with application memory closed\n", (void *)p);
	uint32_t v, closed = DACR_UACCESS_DISABLE;
	__asm__ volatile("mcr p15, 0, %1, c3, c0, 0\n\t"
			 "isb\n\t"
			 "ldr %0, [%2]"
			 : "=&r"(v)
			 : "r"(closed), "r"(p)
			 : "memory");
	return (int)v;
}
