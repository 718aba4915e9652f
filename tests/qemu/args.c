/* Prints argc, every argument and the environment the boot arguments produced. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv, char **envp)
{
	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=<%s>\n", i, argv[i]);
	for (char **e = envp; *e; e++)
		printf("env <%s>\n", *e);
	if (envp != environ)
		return 2;
	const char *home = getenv("HOME");
	printf("getenv(HOME)=<%s>\n", home ? home : "(unset)");
	return argv[argc] == NULL ? 0 : 3;
}
