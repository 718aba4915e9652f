/* runtime/kstrtox.c: bases, prefixes, where parsing stops, overflow. */
#include "runtime/kstrtox.h"
#include "check.h"

#include <string.h>

static void expect(const char *s, unsigned int base, int ret, unsigned long long val, size_t used)
{
	unsigned long long v = 12345;
	const char *end = NULL;
	int r = kstrtoull_prefix(s, base, &v, &end);

	CHECK(r == ret, "\"%s\" base %u: returned %d, want %d", s, base, r, ret);
	if (ret == 0)
		CHECK(v == val, "\"%s\" base %u: %llu, want %llu", s, base, v, val);
	CHECK(end == s + used, "\"%s\" base %u: stopped after %ld, want %zu", s, base,
	      (long)(end - s), used);
}

int main(void)
{
	expect("0", 0, 0, 0, 1);
	expect("42", 0, 0, 42, 2);
	expect("0x48000000,0x100", 0, 0, 0x48000000ull, 10);
	expect("0X1f", 0, 0, 31, 4);
	expect("017", 0, 0, 15, 3);
	expect("019", 0, 0, 1, 2); /* octal stops at 9 */
	expect("0x", 0, 0, 0, 1);  /* "0" then an x that starts no hex number */
	expect("ff", 16, 0, 255, 2);
	expect("0xff", 16, 0, 255, 4);
	expect("101", 2, 0, 5, 3);
	expect("18446744073709551615", 10, 0, 18446744073709551615ull, 20);
	expect("18446744073709551616", 10, -1, 0, 20);
	expect("0x10000000000000000", 0, -1, 0, 19);
	expect("", 0, -1, 0, 0);
	expect(",5", 0, -1, 0, 0);
	expect("-1", 10, -1, 0, 0);
	expect("12", 1, -1, 0, 0);
	printf("kstrtox: %lu passed, %lu failed\n", passed, failed);
	return failed != 0;
}
