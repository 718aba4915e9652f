/* The host tests' assertion: count passes, print a failure with its line (the first 40). */
#ifndef UNIARM_TESTS_HOST_CHECK_H
#define UNIARM_TESTS_HOST_CHECK_H

#include <stdio.h>

static unsigned long passed, failed;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else if (++failed <= 40) {                                                       \
			printf("FAIL line %d: %s: ", __LINE__, #cond);                             \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

#endif
