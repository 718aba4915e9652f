/* Number parsing for the runtime, without 64-bit division (runtime/kstrtox.h). */
#include "runtime/kstrtox.h"

int hex_to_bin(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 16 (past every base) for a character that is no digit. */
static int digit_value(char c)
{
	int v = hex_to_bin((unsigned char)c);

	return v < 0 ? 16 : v;
}

int kstrtoull_prefix(const char *s, unsigned int base, unsigned long long *res, const char **end)
{
	const char *p = s;
	unsigned long long v = 0;
	int overflow = 0, digits = 0;

	if (base == 0) {
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
			base = 16;
			p += 2;
		} else {
			base = p[0] == '0' ? 8 : 10;
		}
	} else if (base == 16 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
		   digit_value(p[2]) < 16) {
		p += 2;
	}
	if (base < 2 || base > 16) {
		*end = s;
		return -1;
	}
	for (int d; (d = digit_value(*p)) < (int)base; p++, digits++)
		overflow |= __builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, d, &v);
	*end = digits ? p : s;
	*res = v;
	return digits && !overflow ? 0 : -1;
}
