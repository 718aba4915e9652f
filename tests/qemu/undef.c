/* Executes a permanently undefined instruction: the application ends with SIGILL's status. */
#include <stdio.h>

__attribute__((noinline)) void execute_undefined(void)
{
	__asm__ volatile(".inst 0xe7f000f0"); /* udf #0 */
}

int main(void)
{
	printf("about to execute an undefined instruction\n");
	execute_undefined();
	return 0;
}
