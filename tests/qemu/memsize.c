/* Boots with the RAM size QEMU was given and uses the heap: malloc a large share of it (the
 * size in MiB comes as argv[1]), touch every page, and report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	size_t mib = (size_t)atoi(argv[1]);
	size_t want = mib / 2 * 1024 * 1024;
	unsigned char *p = malloc(want);
	if (!p) {
		printf("malloc(%lu) failed\n", (unsigned long)want);
		return 1;
	}
	for (size_t i = 0; i < want; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (size_t i = 0; i < want; i += 4096)
		if (p[i] != (unsigned char)(i >> 12))
			return 1;
	free(p);
	/* Debian's newlib printf has no %zu (built without C99 formats). */
	printf("booted with %lu MiB, heap gave %lu MiB\n", (unsigned long)mib,
	       (unsigned long)(want >> 20));
	return 0;
}
