/* Reads lines from the console until end of input or "quit", echoing each with its length. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[128];
	int n = 0;

	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		printf("read %d: <%s> (%d bytes)\n", ++n, line, (int)strlen(line));
		if (!strcmp(line, "quit"))
			break;
	}
	return n == 2 ? 0 : 1;
}
