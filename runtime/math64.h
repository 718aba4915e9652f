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

/*
 * (hi:lo) / d for hi < d (so the quotient fits 32 bits); *rem gets the remainder. Long
 * division in two 16-bit digits with the divisor normalized (Knuth's algorithm D, as in
 * Hacker's Delight's divlu): each digit is estimated with one UDIV by the divisor's top half
 * and corrected at most twice.
 */
static inline uint32_t div_u64_u32_small(uint32_t hi, uint32_t lo, uint32_t d, uint32_t *rem)
{
	const uint32_t b = 1u << 16;
	int s = __builtin_clz(d);
	uint32_t dn1, dn0, n32, n10, n1, n0, q1, q0, n21, rhat;

	d <<= s;
	dn1 = d >> 16;
	dn0 = d & 0xffff;
	n32 = s ? (hi << s) | (lo >> (32 - s)) : hi;
	n10 = lo << s;
	n1 = n10 >> 16;
	n0 = n10 & 0xffff;

	q1 = n32 / dn1;
	rhat = n32 - q1 * dn1;
	while (q1 >= b || q1 * dn0 > b * rhat + n1) {
		q1--;
		rhat += dn1;
		if (rhat >= b)
			break;
	}
	n21 = n32 * b + n1 - q1 * d; /* modulo 2^32: the true value is below d */

	q0 = n21 / dn1;
	rhat = n21 - q0 * dn1;
	while (q0 >= b || q0 * dn0 > b * rhat + n0) {
		q0--;
		rhat += dn1;
		if (rhat >= b)
			break;
	}
	*rem = (n21 * b + n0 - q0 * d) >> s;
	return q1 * b + q0;
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
