/*
 * The guarded user copies (platform/uaccess.h) against real faults: every API call with its
 * fault placed at each byte offset 0..64 (and a few big lengths) before an unmapped or
 * PROT_NONE page, read-only and zero-page destinations, runtime addresses, NULL, length 0 and
 * wrapping lengths. Each checks the exact count of bytes not copied and the zero-filled tail.
 * Then: a copy into untouched anonymous memory costs one minor fault per page; memcpy (the
 * same template) is right for sizes 0..300 at all 4x4 alignments and for big sizes.
 */
#include "platform/uaccess.h"
#include "vm/slab.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define PG 4096ul

static int failures;

#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		long a_ = (long)(a), b_ = (long)(b);                                               \
		if (a_ != b_ && ++failures <= 30)                                                  \
			printf("CHECK failed at line %d: %s == %s (%ld != %ld)\n", __LINE__, #a,   \
			       #b, a_, b_);                                                        \
	} while (0)

static unsigned char kbuf[3 * 4096], pattern[3 * 4096];

/* Two pages, the second made inaccessible by `how`: 0 munmap, 1 PROT_NONE. */
static unsigned char *two_pages(int how, int prot_first)
{
	unsigned char *p =
		mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("mmap failed\n");
		return NULL;
	}
	memcpy(p, pattern, PG);
	if (how == 0)
		munmap(p + PG, PG);
	else
		mprotect(p + PG, PG, PROT_NONE);
	if (prot_first != (PROT_READ | PROT_WRITE))
		mprotect(p, PG, prot_first);
	return p;
}

static const unsigned long big[] = {100, 1000, 4095, 4096, 5000, 8192};

/* Lengths that cross the boundary: the fault is at byte offset `left` of the copy. */
static void each_crossing(void (*fn)(unsigned char *page, unsigned long left, unsigned long n))
{
	for (int how = 0; how < 2; how++) {
		unsigned char *p = two_pages(how, PROT_READ | PROT_WRITE);

		for (unsigned long left = 0; left <= 64; left++)
			for (unsigned long n = left + 1; n <= left + 64;
			     n += (n < left + 8 ? 1 : 13))
				fn(p, left, n);
		for (unsigned int i = 0; i < sizeof(big) / sizeof(big[0]); i++)
			for (unsigned long left = 0; left < 40; left += 7)
				fn(p, left, big[i] + left);
		munmap(p, 2 * PG);
	}
}

static void from_user_case(unsigned char *p, unsigned long left, unsigned long n)
{
	unsigned char *src = p + PG - left;

	memset(kbuf, 0xaa, sizeof(kbuf));
	CHECK_EQ(copy_from_user(kbuf, src, n), n - left);
	CHECK_EQ(memcmp(kbuf, src, left), 0);
	for (unsigned long i = left; i < n; i++)
		if (kbuf[i]) {
			CHECK_EQ(kbuf[i], 0);
			break;
		}
	CHECK_EQ(kbuf[n], 0xaa);
	/* Unaligned destination too. */
	memset(kbuf, 0xaa, sizeof(kbuf));
	CHECK_EQ(__copy_from_user(kbuf + 1, src, n), n - left);
	CHECK_EQ(memcmp(kbuf + 1, src, left), 0);
}

static void to_user_case(unsigned char *p, unsigned long left, unsigned long n)
{
	unsigned char *dst = p + PG - left;

	memset(p, 0x55, PG);
	CHECK_EQ(copy_to_user(dst, pattern + 3, n), n - left);
	CHECK_EQ(memcmp(dst, pattern + 3, left), 0);
	CHECK_EQ(p[PG - left - 1 + (left == 0 ? 1 : 0) - (left == 0)], 0x55);
	CHECK_EQ(__copy_to_user(dst, pattern, n), n - left);
	CHECK_EQ(memcmp(dst, pattern, left), 0);
}

static void clear_user_case(unsigned char *p, unsigned long left, unsigned long n)
{
	unsigned char *dst = p + PG - left;

	memset(p, 0x55, PG);
	CHECK_EQ(clear_user(dst, n), n - left);
	for (unsigned long i = 0; i < left; i++)
		if (dst[i]) {
			CHECK_EQ(dst[i], 0);
			break;
		}
	if (left < PG)
		CHECK_EQ(p[PG - left - 1], 0x55);
}

static void string_case(unsigned char *p, unsigned long left, unsigned long n)
{
	unsigned char *s = p + PG - left;
	char dst[200];

	if (n > 100)
		return;
	memset(p, 'x', PG);
	CHECK_EQ(strncpy_from_user(dst, (const char *)s, (long)n), -14);
	CHECK_EQ(strnlen_user((const char *)s, (long)n), 0);
	if (left > 0) {
		s[left - 1] = 0;
		CHECK_EQ(strncpy_from_user(dst, (const char *)s, (long)n), (long)left - 1);
		CHECK_EQ(strnlen_user((const char *)s, (long)n), (long)left);
		CHECK_EQ(strncpy_from_user(dst, (const char *)s, (long)left - 1), (long)left - 1);
		/* No NUL within left - 1 bytes: left (n + 1); n = 0 gives 0. */
		CHECK_EQ(strnlen_user((const char *)s, (long)left - 1), left > 1 ? (long)left : 0);
	}
}

static void getput_case(unsigned char *p, unsigned long left, unsigned long n)
{
	unsigned char *a = p + PG - left;
	uint8_t v1 = 1;
	uint16_t v2 = 1;
	uint32_t v4 = 1;
	uint64_t v8 = 1;
	int ok;

	if (n != left + 1 || left > 9)
		return;
	memset(p, 0x11, PG);
	ok = left >= 1;
	CHECK_EQ(get_user(v1, (uint8_t *)a), ok ? 0 : -14);
	CHECK_EQ(v1, ok ? 0x11 : 0);
	CHECK_EQ(put_user(0x22, (uint8_t *)a), ok ? 0 : -14);
	ok = left >= 2;
	CHECK_EQ(get_user(v2, (uint16_t *)a), ok ? 0 : -14);
	CHECK_EQ(v2, ok ? (left >= 2 ? (a[1] << 8 | a[0]) : 0) : 0);
	CHECK_EQ(put_user((uint16_t)0x3344, (uint16_t *)a), ok ? 0 : -14);
	ok = left >= 4;
	CHECK_EQ(get_user(v4, (uint32_t *)a), ok ? 0 : -14);
	if (!ok)
		CHECK_EQ(v4, 0);
	CHECK_EQ(put_user(0x55667788u, (uint32_t *)a), ok ? 0 : -14);
	if (ok)
		CHECK_EQ(*(uint32_t *)a, 0x55667788u);
	ok = left >= 8;
	CHECK_EQ(get_user(v8, (uint64_t *)a), ok ? 0 : -14);
	if (!ok)
		CHECK_EQ(v8, 0);
	CHECK_EQ(put_user(0x0102030405060708ull, (uint64_t *)a), ok ? 0 : -14);
	if (ok) {
		CHECK_EQ(get_user(v8, (uint64_t *)a), 0);
		CHECK_EQ(v8 == 0x0102030405060708ull, 1);
	}
}

static void special_addresses(void)
{
	/* Runtime memory: a kmalloc'd buffer in the linear map, and this test's own static
	 * buffers (a ktest is part of the runtime: its data is the runtime's). */
	unsigned char *runtime = kmalloc(4096, GFP_KERNEL);
	uint32_t v = 7;
	char s[8];

	memcpy(runtime, pattern, 64);
	CHECK_EQ(access_ok(kbuf, sizeof(kbuf)), 0);
	CHECK_EQ(access_ok(pattern, sizeof(pattern)), 0);
	CHECK_EQ(access_ok(runtime, 1), 0);
	/* Runtime addresses: access_ok fails, nothing is touched. */
	memset(kbuf, 0xaa, 64);
	CHECK_EQ(copy_from_user(kbuf, runtime, 64), 64);
	CHECK_EQ(kbuf[0] | kbuf[63], 0);
	CHECK_EQ(copy_to_user(runtime, pattern, 64), 64);
	CHECK_EQ(clear_user(runtime, 64), 64);
	CHECK_EQ(runtime[0] == pattern[0] && runtime[63] == pattern[63], 1);
	CHECK_EQ(strncpy_from_user(s, (const char *)runtime, 8), -14);
	CHECK_EQ(strnlen_user((const char *)runtime, 8), 0);
	CHECK_EQ(get_user(v, (uint32_t *)runtime), -14);
	CHECK_EQ(v, 0);
	CHECK_EQ(put_user(v, (uint32_t *)runtime), -14);
	/* The __ variants skip access_ok: a fault on a runtime address (unmapped: the top of the
	 * vmalloc area's guard, here the last page below the vectors) is fixed up, not an Oops. */
	CHECK_EQ(__copy_from_user(kbuf, (const void *)0xfff00000, 16), 16);
	CHECK_EQ(__copy_to_user((void *)0xfff00000, pattern, 16), 16);
	CHECK_EQ(__clear_user((void *)0xfff00000, 16), 16);
	CHECK_EQ(__get_user(v, (uint32_t *)0xfff00000), -14);
	/* NULL: access_ok passes, the access faults. */
	CHECK_EQ(copy_from_user(kbuf, NULL, 16), 16);
	CHECK_EQ(copy_to_user(NULL, pattern, 16), 16);
	CHECK_EQ(clear_user(NULL, 16), 16);
	CHECK_EQ(get_user(v, (uint32_t *)NULL), -14);
	CHECK_EQ(put_user(v, (uint32_t *)NULL), -14);
	CHECK_EQ(strncpy_from_user(s, NULL, 8), -14);
	CHECK_EQ(strnlen_user(NULL, 8), 0);
	/* Length 0 copies nothing, even from NULL. */
	CHECK_EQ(copy_from_user(kbuf, NULL, 0), 0);
	CHECK_EQ(copy_to_user(NULL, pattern, 0), 0);
	CHECK_EQ(clear_user(NULL, 0), 0);
	CHECK_EQ(strncpy_from_user(s, NULL, 0), 0);
	/* Lengths that wrap around or reach past TASK_SIZE. */
	CHECK_EQ(copy_to_user((void *)0x10000, pattern, 0xfffffff0ul), 0xfffffff0ul);
	CHECK_EQ(clear_user((void *)(TASK_SIZE - 8), 16), 16);
	CHECK_EQ(copy_from_user(kbuf, (const void *)(TASK_SIZE - 8), 16), 16);
}

/* Read-only memory, PROT_NONE and the zero page as destinations. */
static void protections(void)
{
	struct rusage r0, r1;
	unsigned char *p = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *q =
		mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *n = mmap(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile unsigned char sink;
	uint32_t v;

	/* PROT_READ: readable (zero page), never writable. */
	sink = p[0];
	CHECK_EQ(copy_from_user(kbuf, p, 100), 0);
	CHECK_EQ(copy_to_user(p, pattern, 100), 100);
	CHECK_EQ(clear_user(p + 5, 100), 100);
	CHECK_EQ(put_user(1u, (uint32_t *)p), -14);
	CHECK_EQ(get_user(v, (uint32_t *)p), 0);
	/* PROT_NONE: neither. */
	CHECK_EQ(copy_from_user(kbuf, n, 100), 100);
	CHECK_EQ(copy_to_user(n, pattern, 100), 100);
	CHECK_EQ(get_user(v, (uint32_t *)n), -14);
	/* A writable page only read so far maps the zero page: the copy goes through COW. */
	sink = q[0];
	CHECK_EQ(copy_to_user(q, pattern, 100), 0);
	CHECK_EQ(memcmp(q, pattern, 100), 0);
	/* Fresh, untouched anonymous memory: one minor fault per page. */
	getrusage(RUSAGE_SELF, &r0);
	CHECK_EQ(copy_to_user(q + PG, pattern, 3 * PG), 0);
	getrusage(RUSAGE_SELF, &r1);
	CHECK_EQ(r1.ru_minflt - r0.ru_minflt, 3);
	CHECK_EQ(memcmp(q + PG, pattern, 3 * PG), 0);
	(void)sink;
	printf("protections: read-only, PROT_NONE, zero page (COW) and fresh memory (%ld minor "
	       "faults for 3 pages) checked\n",
	       (long)(r1.ru_minflt - r0.ru_minflt));
}

static void memcpy_sizes(void)
{
	static unsigned char src[9000], dst[9000];
	unsigned long bad = 0;

	for (unsigned int i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 3);
	for (unsigned int sa = 0; sa < 4; sa++)
		for (unsigned int da = 0; da < 4; da++)
			for (unsigned int n = 0; n <= 300; n++) {
				memset(dst, 0xee, 320);
				if (memcpy(dst + da, src + sa, n) != dst + da)
					bad++;
				if (memcmp(dst + da, src + sa, n) || dst[da + n] != 0xee ||
				    (da && dst[da - 1] != 0xee))
					bad++;
			}
	for (unsigned int n = 1000; n < 8800; n += 777) {
		memset(dst, 0xee, sizeof(dst));
		memcpy(dst + 3, src + 1, n);
		if (memcmp(dst + 3, src + 1, n) || dst[n + 3] != 0xee)
			bad++;
		memcpy(dst, src, n);
		if (memcmp(dst, src, n))
			bad++;
	}
	CHECK_EQ(bad, 0);
	printf("memcpy: sizes 0..300 at 16 alignments and big sizes: %lu bad\n", bad);
}

int main(void)
{
	for (unsigned int i = 0; i < sizeof(pattern); i++)
		pattern[i] = (unsigned char)(i * 13 + 1) | 1;
	each_crossing(from_user_case);
	printf("copy_from_user: every fault offset checked\n");
	each_crossing(to_user_case);
	printf("copy_to_user: every fault offset checked\n");
	each_crossing(clear_user_case);
	printf("clear_user: every fault offset checked\n");
	each_crossing(string_case);
	printf("strncpy_from_user, strnlen_user: every fault offset checked\n");
	each_crossing(getput_case);
	printf("get_user, put_user: every fault offset checked\n");
	special_addresses();
	printf("runtime addresses, NULL, length 0, wrapping lengths checked\n");
	protections();
	memcpy_sizes();
	printf("%s\n", failures ? "uaccess: FAILED" : "uaccess: all checks passed");
	return failures ? 1 : 0;
}
