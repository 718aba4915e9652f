/* runtime/math64.h against the host's 64-bit division: edge cases and 10 million random
 * dividend/divisor pairs of every magnitude. */
#include "runtime/math64.h"
#include "check.h"

#include <stdio.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static int check_one(uint64_t n, uint32_t d)
{
	uint32_t rem = 0xdeadbeef;
	uint64_t q = div_u64_rem(n, d, &rem);

	if (q != n / d || rem != n % d) {
		printf("div_u64_rem(%#llx, %#x) = %#llx rem %#x, want %#llx rem %#llx\n",
		       (unsigned long long)n, d, (unsigned long long)q, rem,
		       (unsigned long long)(n / d), (unsigned long long)(n % d));
		return 1;
	}
	return 0;
}

int main(void)
{
	static const uint64_t ns[] = {0,
				      1,
				      2,
				      0xffffffffull,
				      0x100000000ull,
				      0x1ffffffffull,
				      0xffffffffffffffffull,
				      0x8000000000000000ull,
				      999999999999ull,
				      1000000000000000000ull};
	static const uint32_t ds[] = {1,	   2,		3,	     7,
				      10,	   100,		1000,	     0xffff,
				      0x10000,	   0x10001,	1000000000u, 62500000u,
				      0x7fffffffu, 0x80000000u, 0xffffffffu};
	int bad = 0;

	for (unsigned i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		for (unsigned j = 0; j < sizeof(ds) / sizeof(ds[0]); j++)
			bad += check_one(ns[i], ds[j]);
	for (int i = 0; i < 10000000 && bad < 10; i++) {
		uint64_t n = next() >> (next() % 64);
		uint32_t d = (uint32_t)(next() >> (32 + next() % 32));

		if (d == 0)
			d = 1;
		bad += check_one(n, d);
	}
	CHECK(bad == 0, "%d wrong results", bad);
	printf("math64: %s\n", bad ? "FAILED" : "div_u64_rem matches 64-bit division");
	return bad != 0;
}
