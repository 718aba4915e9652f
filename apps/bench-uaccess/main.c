/*
 * Benchmark of the guarded user copies, in guest instructions (QEMU -icount shift=0,sleep=off;
 * the PMU's INST_RETIRED counts exactly). Each figure is the cost of one call, the loop's own
 * cost subtracted; each is checked against its target.
 *   copy_from_user / copy_to_user of 4 KiB between resident pages   <= 1.10 x memcpy of 4 KiB
 *   get_user of 4 bytes, success path                                <= 15
 */
#include "apps/bench.h"
#include "platform/uaccess.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static unsigned char kbuf[4096] __attribute__((aligned(64)));

int main(void)
{
	unsigned char *u =
		mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile uint32_t *up = (volatile uint32_t *)(u + 4096);
	unsigned long left = 0;
	uint32_t v = 0, sum = 0;

	if (bench_start())
		return 2;
	memset(u, 1, 2 * 4096); /* resident */
	printf("%-44s %9s\n", "operation", "instructions");

	double mc = MEASURE(1000, memcpy(kbuf, u, 4096));
	double cfu = MEASURE(1000, left |= copy_from_user(kbuf, u, 4096));
	double ctu = MEASURE(1000, left |= copy_to_user(u, kbuf, 4096));
	printf("%-44s %7ld.%ld\n", "memcpy 4 KiB", (long)(mc * 10 + 0.5) / 10,
	       (long)(mc * 10 + 0.5) % 10);
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
	return bench_finish();
}
