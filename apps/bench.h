/*
 * What the benchmark apps share: counting guest instructions (platform/pmu.h, exact under
 * QEMU -icount shift=0,sleep=off) per iteration of a loop body, and reporting a figure
 * against its target. Each app ends with "all targets met" or "some targets missed".
 */
#ifndef UNIARM_APPS_BENCH_H
#define UNIARM_APPS_BENCH_H

#include <stdio.h>
#include "platform/pmu.h"

static int bench_failures;

/* Instructions per iteration of body, minus those of an empty iteration. */
#define MEASURE(n, body)                                                                           \
	({                                                                                         \
		uint32_t t0 = pmu_read_insns();                                                    \
		for (unsigned int i_ = 0; i_ < (n); i_++) {                                        \
			body;                                                                      \
			__asm__ volatile("" ::: "memory");                                         \
		}                                                                                  \
		uint32_t t1 = pmu_read_insns();                                                    \
		for (unsigned int i_ = 0; i_ < (n); i_++)                                          \
			__asm__ volatile("" ::: "memory");                                         \
		uint32_t t2 = pmu_read_insns();                                                    \
		(double)((t1 - t0) - (t2 - t1)) / (n);                                             \
	})

/* One line: the figure, its target, and whether it was met (counted). */
static inline void report(const char *what, double value, double target)
{
	int ok = value <= target;

	/* In tenths, with integers: a ktest's printf (the runtime's) has no %f. */
	long long v = (long long)(value * 10 + 0.5), t = (long long)(target * 10 + 0.5);

	printf("%-44s %7lld.%lld   (target <= %lld.%lld) %s\n", what, v / 10, v % 10, t / 10,
	       t % 10, ok ? "ok" : "MISSED");
	bench_failures += !ok;
}

/* Refuse to run without the instruction counter (QEMU without -icount). */
static inline int bench_start(void)
{
	pmu_insn_counter_init();
	if (!pmu_counting()) {
		printf("the instruction counter does not move: run under -icount (uniarm-run "
		       "--icount)\n");
		return -1;
	}
	return 0;
}

/* The closing line and the exit status. */
static inline int bench_finish(void)
{
	printf("%s\n", bench_failures ? "some targets missed" : "all targets met");
	return bench_failures ? 1 : 0;
}

#endif
