/* The bit patterns of a double and a float, for exact comparisons in the libc tests (shared by
 * printf_conformance.c and fpu.c; each still builds alone on the Linux peer, which finds this
 * header beside the source). */
#ifndef UNIARM_TESTS_LIBC_FLOAT_BITS_H
#define UNIARM_TESTS_LIBC_FLOAT_BITS_H

#include <stdint.h>
#include <string.h>

static inline uint64_t dbits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static inline uint32_t fbits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

#endif
