/* Never finishes: uniarm-run's --timeout must stop QEMU and say so. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("sleeping for ever\n");
	for (;;)
		sleep(60);
}
