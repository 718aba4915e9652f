/*
 * Benchmark of the guarded user copies, in guest instructions (QEMU -icount shift=0,sleep=off;
 * the PMU's INST_RETIRED counts exactly). Each figure is the cost of one call, the loop's own
 * cost subtracted; each is checked against its target.
 *   copy_from_user / copy_to_user of 4 KiB between resident pages   <= 1.10 x memcpy of 4 KiB
 *   get_user of 4 bytes, success path                                <= 15
 */
#include "platform/pmu.h"
#include "platform/uaccess.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static int failures;

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

static void report(const char *what, double value, double target)
{
	int ok = value <= target;

	printf("%-44s %9.1f   (target <= %.1f) %s\n", what, value, target, ok ? "ok" : "MISSED");
	failures += !ok;
}

static unsigned char kbuf[4096] __attribute__((aligned(64)));

int main(void)
{
	unsigned char *u =
		mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile uint32_t *up = (volatile uint32_t *)(u + 4096);
	unsigned long left = 0;
	uint32_t v = 0, sum = 0;

	pmu_insn_counter_init();
	if (!pmu_counting()) {
		printf("the instruction counter does not move: run under -icount (uniarm-run "
		       "--icount)\n");
		return 2;
	}
	memset(u, 1, 2 * 4096); /* resident */
	printf("%-44s %9s\n", "operation", "instructions");

	double mc = MEASURE(1000, memcpy(kbuf, u, 4096));
	double cfu = MEASURE(1000, left |= copy_from_user(kbuf, u, 4096));
	double ctu = MEASURE(1000, left |= copy_to_user(u, kbuf, 4096));
	printf("%-44s %9.1f\n", "memcpy 4 KiB", mc);
	report("copy_from_user 4 KiB", cfu, mc * 1.10);
	report("copy_to_user 4 KiB", ctu, mc * 1.10);
	double gu = MEASURE(10000, {
		left |= get_user(v, (uint32_t *)up);
		sum += v;
	});
	double base = MEASURE(10000, { sum += *up; });
	report("get_user 4 bytes, success path", gu - base + 1, 15); /* its load counted */
	double pu = MEASURE(10000, left |= put_user(v, (uint32_t *)up));
	report("put_user 4 bytes", pu, 15);
	if (left) {
		printf("a copy failed\n");
		return 3;
	}
	printf("checksum %lu\n", (unsigned long)sum);
	printf("%s\n", failures ? "some targets missed" : "all targets met");
	return failures ? 1 : 0;
}
