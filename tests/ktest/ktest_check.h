/*
 * The checks of the ktests that count their failures (tasks.c, kthread.c): CHECK(cond) prints
 * the line and the condition that failed; main returns check_failures.
 */
#ifndef UNIARM_TESTS_KTEST_CHECK_H
#define UNIARM_TESTS_KTEST_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("CHECK failed at line %d: %s\n", __LINE__, #cond);                  \
			check_failures++;                                                          \
		}                                                                                  \
	} while (0)

#endif
