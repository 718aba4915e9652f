/*
 * 64-bit division for the runtime, as Linux's <linux/math64.h>: the runtime never uses the
 * C `/` or `%` on 64-bit values, because the compiler turns them into calls to libgcc's
 * __aeabi_uldivmod, and the hard-float libgcc's __udivmoddi4 keeps values in d16 (NEON), which
 * would clobber the application's registers in a system call or an interrupt (docs/libc.md;
 * tools/check-no-fp --image catches such a call). These use the Cortex-A15's 32-bit UDIV.
 */
#ifndef UNIARM_RUNTIME_MATH64_H
#define UNIARM_RUNTIME_MATH64_H

#include <stdint.h>

/* One 16-bit quotient digit of (n * 2^16 + next) / d, d normalized (top bit set) with halves
 * dn1:dn0: estimated with one UDIV by dn1, then corrected (at most twice, Knuth's D3). */
static inline uint32_t div_u64_digit(uint32_t n, uint32_t next, uint32_t dn1, uint32_t dn0)
{
	uint32_t q = n / dn1, rhat = n - q * dn1;

	while (q >= 1u << 16 || q * dn0 > (rhat << 16) + next) {
		q--;
		rhat += dn1;
		if (rhat >= 1u << 16)
			break;
	}
	return q;
}

/*
 * (hi:lo) / d for hi < d (so the quotient fits 32 bits); *rem gets the remainder. Long
 * division in two 16-bit digits with the divisor normalized (Knuth's algorithm D, as in
 * Hacker's Delight's divlu). Products wrap modulo 2^32 where the true value is below d.
 */
static inline uint32_t div_u64_u32_small(uint32_t hi, uint32_t lo, uint32_t d, uint32_t *rem)
{
	int s = __builtin_clz(d);
	uint32_t n32, n10, n21, q1, q0;

	d <<= s;
	n32 = s ? (hi << s) | (lo >> (32 - s)) : hi;
	n10 = lo << s;
	q1 = div_u64_digit(n32, n10 >> 16, d >> 16, d & 0xffff);
	n21 = (n32 << 16) + (n10 >> 16) - q1 * d;
	q0 = div_u64_digit(n21, n10 & 0xffff, d >> 16, d & 0xffff);
	*rem = ((n21 << 16) + (n10 & 0xffff) - q0 * d) >> s;
	return (q1 << 16) + q0;
}

/* dividend / divisor, remainder in *remainder; divisor must not be 0. */
static inline uint64_t div_u64_rem(uint64_t dividend, uint32_t divisor, uint32_t *remainder)
{
	uint32_t hi = (uint32_t)(dividend >> 32), lo = (uint32_t)dividend;
	uint32_t qhi = 0, qlo;

	if (hi == 0) {
		*remainder = lo % divisor;
		return lo / divisor;
	}
	if (hi >= divisor) {
		qhi = hi / divisor;
		hi %= divisor;
	}
	qlo = div_u64_u32_small(hi, lo, divisor, remainder);
	return ((uint64_t)qhi << 32) | qlo;
}

static inline uint64_t div_u64(uint64_t dividend, uint32_t divisor)
{
	uint32_t rem;

	return div_u64_rem(dividend, divisor, &rem);
}

#endif
