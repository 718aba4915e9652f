/* An undefined instruction in the runtime's own code (here a ktest, at PL1) is an Oops, not
 * the application's illegal-instruction end (tests/qemu/undef.c). */
#include <stdio.h>

__attribute__((noinline)) void runtime_undefined(void)
{
	__asm__ volatile(".inst 0xe7f000f0"); /* udf #0 */
}

int main(void)
{
	printf("about to execute an undefined instruction in the runtime\n");
	runtime_undefined();
	return 0;
}
