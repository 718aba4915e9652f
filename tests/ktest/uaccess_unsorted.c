/*
 * An image whose exception table was left unsorted (built with NO_EXTABLE_SORT) and holds two
 * entries out of order: the runtime must refuse to boot (panic, exit status 125) before main.
 */
#include <stdio.h>

__asm__(".pushsection __ex_table, \"a\"\n"
	"	.align	2\n"
	"	.long	0xc0fff000, 0xc0fff004\n"
	"	.long	0xc0200000, 0xc0200004\n"
	"	.popsection\n");

int main(void)
{
	printf("booted with an unsorted exception table\n");
	return 0;
}
