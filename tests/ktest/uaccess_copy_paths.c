/*
 * Every path of the copy template (platform/copy_template.inc) under a fault: copy_from_user and
 * copy_to_user of every length 1..160 (and some longer ones) with the fault at every byte
 * offset 0..72 before an unmapped page, at each of the 4 alignments of the runtime-side buffer.
 * The user side's alignment follows from the fault offset (its buffer ends at the page end), so
 * together they reach each of the template's entry paths (n < 16, 16 <= n < 64 with each dst
 * alignment and block, n >= 64 with aligned and unaligned sources) with a fault in each of
 * their loads or stores. Checked each time: the exact count of bytes not copied, the bytes
 * copied, copy_from_user's zero-filled tail, and the runtime-side bytes around the copy
 * untouched. Copies that do not reach the fault must succeed completely; copies that start in
 * the unmapped page (at each alignment) must copy nothing.
 */
#include "platform/uaccess.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PG 4096ul

static unsigned char kbuf[2 * PG + 64], pattern[2 * PG + 64];
static unsigned long failures, cases;

static void check(int ok, const char *what, unsigned long n, unsigned long left, unsigned int ka,
		  long got)
{
	cases++;
	if (!ok && ++failures <= 20)
		printf("FAILED %s: n %lu, fault at %lu, runtime alignment %u: %ld\n", what, n, left,
		       ka, got);
}

/* The first index where [a, a + n) differs from byte c, or -1. */
static long not_all(const unsigned char *a, unsigned long n, unsigned char c)
{
	for (unsigned long i = 0; i < n; i++)
		if (a[i] != c)
			return (long)i;
	return -1;
}

/* left: bytes before the unmapped page; (unsigned long)-j: j bytes into it. */
static void from_user(unsigned char *page, unsigned long n, unsigned long left, unsigned int ka)
{
	const unsigned char *src = page + PG - left;
	unsigned char *dst = kbuf + 8 + ka;
	unsigned long want = n > left ? n - left : 0, done = n - want;
	unsigned long r;

	if ((long)left < 0) {
		want = n;
		done = 0;
	}
	memset(kbuf, 0xaa, n + 32);
	r = copy_from_user(dst, src, n);
	check(r == want, "copy_from_user count", n, left, ka, (long)r);
	check(memcmp(dst, src, done) == 0, "copy_from_user data", n, left, ka, -1);
	check(not_all(dst + done, want, 0) < 0, "copy_from_user zero tail", n, left, ka,
	      not_all(dst + done, want, 0));
	check(not_all(kbuf, 8 + ka, 0xaa) < 0 && not_all(dst + n, 8, 0xaa) < 0,
	      "copy_from_user guard bytes", n, left, ka, -1);
}

static void to_user(unsigned char *page, unsigned long n, unsigned long left, unsigned int ka)
{
	unsigned char *dst = page + PG - left;
	const unsigned char *src = pattern + 8 + ka;
	unsigned long want = n > left ? n - left : 0, done = n - want;
	unsigned long r;

	if ((long)left < 0) {
		want = n;
		done = 0;
		dst = page + PG - 64;
	}
	memset(dst - 64, 0x55, 64);
	r = copy_to_user(page + PG - left, src, n);
	check(r == want, "copy_to_user count", n, left, ka, (long)r);
	check(memcmp(dst, src, done) == 0, "copy_to_user data", n, left, ka, -1);
	check(not_all(dst - 64, 64, 0x55) < 0, "copy_to_user guard bytes", n, left, ka, -1);
}

int main(void)
{
	static const unsigned long longer[] = {176, 177, 200, 219, 255, 256, 300, 353, 511, 700};
	unsigned char *page =
		mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED || munmap(page + PG, PG)) {
		printf("mmap failed\n");
		return 1;
	}
	for (unsigned int i = 0; i < sizeof(pattern); i++)
		pattern[i] = (unsigned char)(i * 29 + 7);
	memcpy(page, pattern + 100, PG);
	for (unsigned int ka = 0; ka < 4; ka++)
		for (unsigned long left = 0; left <= 72; left++) {
			for (unsigned long n = 1; n <= 160; n++) {
				from_user(page, n, left, ka);
				to_user(page, n, left, ka);
			}
			for (unsigned int i = 0; i < sizeof(longer) / sizeof(longer[0]); i++) {
				from_user(page, longer[i] + left, left, ka);
				to_user(page, longer[i] + left, left, ka);
			}
		}
	/* Copies that fault at once, at each alignment inside the unmapped page. */
	for (unsigned int ka = 0; ka < 4; ka++)
		for (long j = 0; j < 8; j++)
			for (unsigned long n = 1; n <= 300; n++) {
				from_user(page, n, (unsigned long)-j, ka);
				to_user(page, n, (unsigned long)-j, ka);
			}
	/* Long copies faulting far in: each 176-byte turn of the big path, each block in it. */
	for (unsigned int ka = 0; ka < 4; ka++)
		for (unsigned long left = 100; left <= 700; left += 11) {
			from_user(page, left + 40, left, ka);
			to_user(page, left + 40, left, ka);
		}
	printf("uaccess paths: %lu checks, %lu failed\n", cases, failures);
	return failures ? 1 : 0;
}
