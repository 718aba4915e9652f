/*
 * An application that replaces strncmp, which the runtime also calls (newlib's, for /proc
 * names and boot parameters), with a version that uses NEON. Fine for the application's own
 * calls, but the runtime would then clobber the application's NEON registers in a system call
 * or a fault. The image check (tools/check-no-fp --image, run after every link) must refuse
 * the image; test no_fp_check_catches_app_function.
 */
#include <arm_neon.h>
#include <stddef.h>
#include <stdint.h>

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n >= 16; n -= 16, p += 16, q += 16) {
		uint8x16_t x = vld1q_u8(p), y = vld1q_u8(q);
		uint8x16_t ne = vmvnq_u8(vceqq_u8(x, y)), zero = vceqq_u8(x, vdupq_n_u8(0));
		uint8x8_t any =
			vorr_u8(vget_low_u8(vorrq_u8(ne, zero)), vget_high_u8(vorrq_u8(ne, zero)));

		if (vget_lane_u64(vreinterpret_u64_u8(any), 0))
			break;
	}
	for (; n; n--, p++, q++)
		if (*p != *q || !*p)
			return *p - *q;
	return 0;
}

int main(void)
{
	return strncmp("uniarm", "uniarm", 6);
}
