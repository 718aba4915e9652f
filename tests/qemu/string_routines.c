/*
 * The string routines (memcpy, memmove, memset, memcmp, strlen, strcmp, strchr and the AEABI
 * entry points __aeabi_memcpy/memmove/memset/memclr{,4,8}) against byte-by-byte references: every
 * size 0..300 and sizes up to 64 KiB, every source/destination alignment 0..7, memmove with
 * every overlap distance -70..70 (and large ones), guard bytes around each destination,
 * return values, the sign of memcmp/strcmp on bytes >= 0x80 (compared unsigned), strchr of
 * '\0' and of characters >= 0x80, and strings that end on the last byte before an inaccessible
 * page (a routine reading past the string's word into the next page faults). The NEON path of
 * the application's memcpy/memmove (uniarm_libc: a large copy whose source and destination are
 * misaligned relative to each other, docs/string.md) gets cases of its own: every size from 60
 * to 400 bytes and sizes around its 128-byte turns, every relatively misaligned pair of
 * alignments, memmove both ways at short distances, guard bytes, and the callee-saved d8-d15
 * kept across the call.
 *
 * The routines are called through volatile pointers so that the compiler cannot expand or
 * replace the calls; the references use volatile accesses so that it cannot turn them into
 * calls to the routines under test. The test also builds and passes as a Linux program:
 *   /work/shared/peer/linux/run-c.sh tests/qemu/string_routines.c
 * Output: one "string.<routine>: ok" (or "FAILED ...") line per routine, then "string.all".
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* The AEABI helpers (ARM IHI 0043, section 4.3.4): no return value; memset's arguments are
 * (dest, n, c); the 4/8 variants may assume dest (and src) aligned to 4/8 bytes. */
void __aeabi_memcpy(void *dest, const void *src, size_t n);
void __aeabi_memcpy4(void *dest, const void *src, size_t n);
void __aeabi_memcpy8(void *dest, const void *src, size_t n);
void __aeabi_memmove(void *dest, const void *src, size_t n);
void __aeabi_memmove4(void *dest, const void *src, size_t n);
void __aeabi_memmove8(void *dest, const void *src, size_t n);
void __aeabi_memset(void *dest, size_t n, int c);
void __aeabi_memset4(void *dest, size_t n, int c);
void __aeabi_memset8(void *dest, size_t n, int c);
void __aeabi_memclr(void *dest, size_t n);
void __aeabi_memclr4(void *dest, size_t n);
void __aeabi_memclr8(void *dest, size_t n);

typedef void *(*copy_fn)(void *, const void *, size_t);
typedef void (*aeabi_copy_fn)(void *, const void *, size_t);
typedef void *(*set_fn)(void *, int, size_t);
typedef void (*aeabi_set_fn)(void *, size_t, int);
typedef void (*aeabi_clr_fn)(void *, size_t);

static copy_fn volatile p_memcpy = memcpy, p_memmove = memmove;
static set_fn volatile p_memset = memset;
static int (*volatile p_memcmp)(const void *, const void *, size_t) = memcmp;
static size_t (*volatile p_strlen)(const char *) = strlen;
static int (*volatile p_strcmp)(const char *, const char *) = strcmp;
static char *(*volatile p_strchr)(const char *, int) = strchr;

#define GUARD 16
#define BIG   (65536 + 512)

static unsigned char src_buf[BIG + 64] __attribute__((aligned(64)));
static unsigned char dst_buf[BIG + 64] __attribute__((aligned(64)));
static unsigned char ref_buf[BIG + 64] __attribute__((aligned(64)));

static const size_t big_sizes[] = {301,	 383,  511,  512,  513,	 1000,	1023,  1024,
				   1025, 2047, 4095, 4096, 4097, 12345, 65535, 65536};
#define NBIG (sizeof(big_sizes) / sizeof(big_sizes[0]))

static unsigned long errors, total_errors;
static uint32_t rng = 12345;

static unsigned char rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return (unsigned char)(rng >> 7);
}

/* A failure: counted, the first few of each routine printed. */
static void fail(const char *what, size_t n, int a1, int a2, long detail)
{
	if (++errors <= 5)
		printf("  %s: n %lu, alignments %d/%d: %ld\n", what, (unsigned long)n, a1, a2,
		       detail);
}

static void result(const char *name)
{
	if (errors)
		printf("string.%s: FAILED (%lu errors)\n", name, errors);
	else
		printf("string.%s: ok\n", name);
	total_errors += errors;
	errors = 0;
}

/* References: volatile byte accesses, so that the compiler cannot call the routines. */
static void ref_copy(unsigned char *d, const unsigned char *s, size_t n)
{
	volatile unsigned char *vd = d;
	const volatile unsigned char *vs = s;

	for (size_t i = 0; i < n; i++)
		vd[i] = vs[i];
}

static void ref_fill(unsigned char *d, int c, size_t n)
{
	volatile unsigned char *vd = d;

	for (size_t i = 0; i < n; i++)
		vd[i] = (unsigned char)c;
}

static void fill_random(unsigned char *d, size_t n)
{
	volatile unsigned char *vd = d;

	for (size_t i = 0; i < n; i++)
		vd[i] = rnd();
}

/* Index of the first difference of [a, a + n) and [b, b + n), or -1. */
static long ref_diff(const unsigned char *a, const unsigned char *b, size_t n)
{
	const volatile unsigned char *va = a, *vb = b;

	for (size_t i = 0; i < n; i++)
		if (va[i] != vb[i])
			return (long)i;
	return -1;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* ---- copies (memcpy, memmove without overlap, the AEABI copies) ---- */

/* One copy of n bytes from src_buf + sa to dst_buf + GUARD + da; align: what the entry point
 * may assume (1, 4 or 8). */
static void copy_case(const char *name, copy_fn f, aeabi_copy_fn g, size_t n, int sa, int da)
{
	unsigned char *d = dst_buf + GUARD + da, *s = src_buf + sa;
	size_t span = n + 2 * GUARD + 8;

	ref_fill(dst_buf, 0xe5, span);
	ref_fill(ref_buf, 0xe5, span);
	ref_copy(ref_buf + GUARD + da, s, n);
	if (f) {
		void *r = f(d, s, n);

		if (r != d)
			fail(name, n, sa, da, -1000);
	} else {
		g(d, s, n);
	}
	long at = ref_diff(dst_buf, ref_buf, span);
	if (at >= 0)
		fail(name, n, sa, da, at - GUARD - da);
}

static void copy_tests(const char *name, copy_fn f, aeabi_copy_fn g, int align)
{
	for (size_t n = 0; n <= 300; n++)
		for (int sa = 0; sa < 8; sa += align)
			for (int da = 0; da < 8; da += align)
				copy_case(name, f, g, n, sa, da);
	for (size_t i = 0; i < NBIG; i++)
		for (int sa = 0; sa < 8; sa += align)
			for (int da = 0; da < 8; da += (big_sizes[i] > 5000 ? 3 * align : align))
				copy_case(name, f, g, big_sizes[i], sa, da);
	result(name);
}

/* ---- memmove with overlap ---- */

/* Move n bytes from s to s + dist inside dst_buf (the lower of the two at dst_buf + GUARD + ba),
 * compared with a reference made through a separate buffer. */
static void move_case(const char *name, copy_fn f, aeabi_copy_fn g, size_t n, long dist, int ba)
{
	long lo = dist < 0 ? dist : 0, hi = (long)n + (dist > 0 ? dist : 0);
	size_t span = (size_t)(hi - lo) + 2 * GUARD + 8;
	unsigned char *s = dst_buf + GUARD + ba - lo, *d = s + dist;

	if (span > BIG)
		return;
	fill_random(dst_buf, span);
	ref_copy(ref_buf, dst_buf, span);
	/* Reference: through the copy in src_buf, into ref_buf at the same offsets. */
	ref_copy(src_buf, s, n);
	ref_copy(ref_buf + (d - dst_buf), src_buf, n);
	if (f) {
		if (f(d, s, n) != d)
			fail(name, n, (int)dist, ba, -1000);
	} else {
		g(d, s, n);
	}
	long at = ref_diff(dst_buf, ref_buf, span);
	if (at >= 0)
		fail(name, n, (int)dist, ba, at);
}

static void move_tests(const char *name, copy_fn f, aeabi_copy_fn g, int align)
{
	static const long far[] = {-65536, -4096, -1000, -257, -128, -71,
				   71,	   128,	  257,	 1000, 4096, 65536};

	for (long dist = -70 / align * align; dist <= 70; dist += align)
		for (size_t n = 0; n <= 300; n++)
			for (int ba = 0; ba < 8; ba += align)
				move_case(name, f, g, n, dist, ba);
	for (size_t i = 0; i < sizeof(far) / sizeof(far[0]); i++)
		for (size_t j = 0; j < NBIG; j++)
			for (int ba = 0; ba < 8; ba += (big_sizes[j] > 5000 ? 3 * align : align))
				move_case(name, f, g, big_sizes[j], far[i] / align * align, ba);
	result(name);
}

/* ---- the NEON path of memcpy/memmove (relatively misaligned, 68 bytes and more) ---- */

#ifdef __arm__
/* call_keeping(d, s, n, f, out): f(d, s, n) with d8-d15 (callee-saved, AAPCS) set to a pattern
 * first; their values after the call are stored to out[0..7]. Unified syntax that assembles
 * as ARM (uniarm) and as Thumb-2 (a Linux armhf build). */
void call_keeping(void *d, const void *s, size_t n, copy_fn f, uint64_t *out);
__asm__(".syntax unified\n"
	".fpu neon\n"
	".text\n"
	".globl call_keeping\n"
	".type call_keeping, %function\n"
	"call_keeping:\n"
	"	push	{r4, lr}\n"
	"	vpush	{d8 - d15}\n"
	"	ldr	r4, [sp, #72]\n" /* out, the fifth argument, above the 72 bytes pushed */
	"	vmov.i8	d8, #0x81\n"
	"	vmov.i8	d9, #0x92\n"
	"	vmov.i8	d10, #0xa3\n"
	"	vmov.i8	d11, #0xb4\n"
	"	vmov.i8	d12, #0xc5\n"
	"	vmov.i8	d13, #0xd6\n"
	"	vmov.i8	d14, #0xe7\n"
	"	vmov.i8	d15, #0xf8\n"
	"	blx	r3\n"
	"	vstmia	r4, {d8 - d15}\n"
	"	vpop	{d8 - d15}\n"
	"	pop	{r4, pc}\n"
	".size call_keeping, . - call_keeping\n");

static void check_kept(const char *name, size_t n, int a1, int a2, const uint64_t *out)
{
	for (int i = 0; i < 8; i++)
		if (out[i] != 0x0101010101010101ULL * (uint64_t)(0x81 + 0x11 * i))
			fail(name, n, a1, a2, -2000 - (8 + i)); /* d(8 + i) changed */
}
#endif

static const size_t neon_sizes[] = {447,  448,	449,  511,  575,  576,	577,
				    1087, 1088, 1089, 4159, 4160, 4161, 8257};
#define NNEON (sizeof(neon_sizes) / sizeof(neon_sizes[0]))

static size_t neon_size(size_t i)
{
	return i <= 400 - 60 ? 60 + i : neon_sizes[i - (400 - 60 + 1)];
}

static void neon_tests(void)
{
	static const long dists[] = {-129, -65, -64, -63, -7, -5, -3, -2, -1,
				     1,	   2,	3,   5,	  7,  63, 64, 65, 129};

	for (size_t i = 0; i < 400 - 60 + 1 + NNEON; i++) {
		size_t n = neon_size(i);

		for (int sa = 0; sa < 8; sa++)
			for (int da = 0; da < 8; da++) {
				if (((sa ^ da) & 3) == 0)
					continue; /* aligned relative to each other: LDM/STM */
#ifdef __arm__
				/* copy_case's checks, with f called through call_keeping */
				unsigned char *d = dst_buf + GUARD + da, *s = src_buf + sa;
				size_t span = n + 2 * GUARD + 8;
				uint64_t out[8];

				ref_fill(dst_buf, 0xe5, span);
				ref_fill(ref_buf, 0xe5, span);
				ref_copy(ref_buf + GUARD + da, s, n);
				call_keeping(d, s, n, p_memcpy, out);
				check_kept("neon_memcpy", n, sa, da, out);
				long at = ref_diff(dst_buf, ref_buf, span);
				if (at >= 0)
					fail("neon_memcpy", n, sa, da, at - GUARD - da);
#else
				copy_case("neon_memcpy", p_memcpy, NULL, n, sa, da);
#endif
			}
	}
	result("neon_memcpy");
	for (size_t i = 0; i < 400 - 60 + 1 + NNEON; i++)
		for (size_t j = 0; j < sizeof(dists) / sizeof(dists[0]); j++)
			for (int ba = 0; ba < 8; ba++)
				move_case("neon_memmove", p_memmove, NULL, neon_size(i), dists[j],
					  ba);
	result("neon_memmove");
}

/* ---- memset and memclr ---- */

static void set_case(const char *name, int kind, void *fn, size_t n, int da, int c)
{
	unsigned char *d = dst_buf + GUARD + da;
	size_t span = n + 2 * GUARD + 8;

	ref_fill(dst_buf, 0xe5, span);
	ref_fill(ref_buf, 0xe5, span);
	ref_fill(ref_buf + GUARD + da, kind == 2 ? 0 : c, n);
	if (kind == 0) {
		if (((set_fn)fn)(d, c, n) != d)
			fail(name, n, da, c, -1000);
	} else if (kind == 1) {
		((aeabi_set_fn)fn)(d, n, c);
	} else {
		((aeabi_clr_fn)fn)(d, n);
	}
	long at = ref_diff(dst_buf, ref_buf, span);
	if (at >= 0)
		fail(name, n, da, c, at - GUARD - da);
}

/* kind: 0 memset(d, c, n), 1 __aeabi_memset(d, n, c), 2 __aeabi_memclr(d, n). */
static void set_tests(const char *name, int kind, void *fn, int align)
{
	static const int cs[] = {0, 0x5a, 0xff, 0x80, 0x1a5 /* stored as 0xa5 */, -1};

	for (size_t n = 0; n <= 300; n++)
		for (int da = 0; da < 8; da += align)
			for (size_t c = 0; c < sizeof(cs) / sizeof(cs[0]); c++)
				if (kind != 2 || c == 0)
					set_case(name, kind, fn, n, da, cs[c]);
	for (size_t i = 0; i < NBIG; i++)
		for (int da = 0; da < 8; da += align)
			set_case(name, kind, fn, big_sizes[i], da, 0xa7);
	result(name);
}

/* ---- memcmp ---- */

static void cmp_case(size_t n, int sa, int da, long pos, unsigned char x, unsigned char y)
{
	unsigned char *a = src_buf + sa, *b = dst_buf + da;
	int want = 0;

	fill_random(a, n + 8);
	ref_copy(b, a, n + 8);
	if (pos >= 0) {
		a[pos] = x;
		b[pos] = y;
		want = sign((int)x - (int)y);
		/* Later bytes differ the other way round: the first difference decides. */
		if ((size_t)pos + 1 < n) {
			a[n - 1] = y;
			b[n - 1] = x;
		}
	}
	int got = p_memcmp(a, b, n);
	if (sign(got) != want)
		fail("memcmp", n, sa, da, pos);
}

static void memcmp_tests(void)
{
	static const unsigned char pairs[][2] = {{1, 2},    {0x80, 0x7f}, {0xff, 0},
						 {0, 0xff}, {0x7f, 0x80}, {0xfe, 0xff}};
	const size_t npairs = sizeof(pairs) / sizeof(pairs[0]);

	for (size_t n = 0; n <= 300; n++)
		for (int sa = 0; sa < 8; sa++)
			for (int da = 0; da < 8; da++) {
				cmp_case(n, sa, da, -1, 0, 0);
				for (size_t p = 0; p < n;
				     p += (n <= 40 || p < 8 || p + 8 >= n ? 1 : 13))
					cmp_case(n, sa, da, (long)p, pairs[(p + n) % npairs][0],
						 pairs[(p + n) % npairs][1]);
			}
	for (size_t i = 0; i < NBIG; i++)
		for (int sa = 0; sa < 8; sa += 3)
			for (int da = 0; da < 8; da++) {
				size_t n = big_sizes[i];

				cmp_case(n, sa, da, -1, 0, 0);
				cmp_case(n, sa, da, (long)(n - 1), 0x80, 0x7f);
				cmp_case(n, sa, da, (long)(n / 2), 0x01, 0xff);
				cmp_case(n, sa, da, (long)(n - 5), 0xff, 0xfe);
			}
	result("memcmp");
}

/* ---- strings ---- */

/* A string of n bytes, none NUL (many >= 0x80), at s, terminated. */
static void make_string(unsigned char *s, size_t n)
{
	volatile unsigned char *vs = s;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = rnd();

		vs[i] = c ? c : 0x80;
	}
	vs[n] = 0;
}

/* Pages followed by an inaccessible page: strings placed to end just before it. */
static unsigned char *edge_page, *edge_page2;

static void strlen_case(unsigned char *s, size_t n, int sa)
{
	size_t got = p_strlen((const char *)s);

	if (got != n)
		fail("strlen", n, sa, 0, (long)got);
}

static void strlen_tests(void)
{
	for (size_t n = 0; n <= 300; n++)
		for (int sa = 0; sa < 8; sa++) {
			make_string(src_buf + sa, n);
			strlen_case(src_buf + sa, n, sa);
			if (edge_page) { /* the NUL in the last 8 bytes before the guard */
				unsigned char *s = edge_page + 4096 - 1 - n - sa;

				make_string(s, n);
				strlen_case(s, n, sa);
			}
		}
	for (size_t i = 0; i < NBIG; i++)
		for (int sa = 0; sa < 8; sa++) {
			make_string(src_buf + sa, big_sizes[i]);
			strlen_case(src_buf + sa, big_sizes[i], sa);
		}
	result("strlen");
}

/* strcmp of a (n bytes) and b: b equal, or differing at pos (x vs y), or shorter/longer. */
static void strcmp_case(unsigned char *a, unsigned char *b, size_t n, int sa, int da, long pos)
{
	static const unsigned char pairs[][2] = {{'a', 'b'},   {0x80, 0x7f}, {0xff, 0x01},
						 {0x01, 0xff}, {0x7f, 0x80}, {0xfe, 0xff}};
	int want = 0;

	make_string(a, n);
	ref_copy(b, a, n + 1);
	if (pos >= 0 && (size_t)pos < n) {
		const unsigned char *pr = pairs[(size_t)(pos + (long)n) % 6];

		a[pos] = pr[0];
		b[pos] = pr[1];
		want = sign((int)pr[0] - (int)pr[1]);
	} else if (pos >= 0 && n > 0) {
		/* b one byte shorter: a is greater; the other way round: less. */
		if (pos & 1) {
			b[n - 1] = 0;
			want = 1;
		} else {
			a[n - 1] = 0;
			want = -1;
		}
	}
	if (sign(p_strcmp((const char *)a, (const char *)b)) != want)
		fail("strcmp", n, sa, da, pos);
}

static void strcmp_tests(void)
{
	for (size_t n = 0; n <= 300; n++)
		for (int sa = 0; sa < 8; sa++)
			for (int da = 0; da < 8; da++) {
				unsigned char *a = src_buf + sa, *b = dst_buf + da;

				strcmp_case(a, b, n, sa, da, -1);
				for (size_t p = 0; p < n;
				     p += (n <= 40 || p < 8 || p + 8 >= n ? 1 : 11))
					strcmp_case(a, b, n, sa, da, (long)p);
				strcmp_case(a, b, n, sa, da, (long)n);
				strcmp_case(a, b, n, sa, da, (long)n + 1);
			}
	/* Strings ending in the last 8 bytes before an inaccessible page: one of them or both. */
	if (edge_page)
		for (size_t n = 0; n <= 300; n++)
			for (int sa = 0; sa < 8; sa++)
				for (int da = 0; da < 8; da++) {
					unsigned char *a = edge_page + 4096 - 1 - n - sa;
					unsigned char *b = edge_page2 + 4096 - 1 - n - da;
					unsigned char *c = dst_buf + da;

					strcmp_case(a, b, n, sa, da, -1);
					strcmp_case(a, b, n, sa, da, (long)n + (da & 1));
					strcmp_case(b, a, n, sa, da, (long)n / 2);
					strcmp_case(a, c, n, sa, da, -1);
					strcmp_case(c, a, n, sa, da, -1);
				}
	for (size_t i = 0; i < NBIG; i++)
		for (int sa = 0; sa < 8; sa += 3)
			for (int da = 0; da < 8; da++) {
				strcmp_case(src_buf + sa, dst_buf + da, big_sizes[i], sa, da, -1);
				strcmp_case(src_buf + sa, dst_buf + da, big_sizes[i], sa, da,
					    (long)big_sizes[i] - 3);
			}
	result("strcmp");
}

/* strchr(s, c) for the string s of n bytes; want: index of the first (unsigned char)c, n for
 * c == 0, -1 when absent. */
static void strchr_case(unsigned char *s, size_t n, int c, int sa)
{
	long want = -1;
	const volatile unsigned char *vs = s;

	for (size_t i = 0; i <= n; i++)
		if (vs[i] == (unsigned char)c) {
			want = (long)i;
			break;
		}
	char *got = p_strchr((const char *)s, c);
	long at = got ? (long)((unsigned char *)got - s) : -1;
	if (at != want)
		fail("strchr", n, sa, c, at);
}

/* A string of n bytes without the byte x (nor NUL). */
static void make_string_without(unsigned char *s, size_t n, unsigned char x)
{
	make_string(s, n);
	for (size_t i = 0; i < n; i++)
		if (s[i] == x)
			s[i] = (unsigned char)(x ^ 0x41);
}

static void strchr_tests(void)
{
	static const int chars[] = {'a', 0xe9, (int)(signed char)0xe9, 0x80, 0xff, 0x17a /* 'z' */};

	for (size_t n = 0; n <= 300; n++)
		for (int sa = 0; sa < 8; sa++) {
			unsigned char *s = src_buf + sa;

			for (size_t k = 0; k < sizeof(chars) / sizeof(chars[0]); k++) {
				unsigned char x = (unsigned char)chars[k];

				make_string_without(s, n, x);
				strchr_case(s, n, chars[k], sa); /* absent */
				strchr_case(s, n, 0, sa);	 /* the terminator */
				for (size_t p = 0; p < n;
				     p += (n <= 40 || p < 8 || p + 8 >= n ? 1 : 17)) {
					s[p] = x;
					strchr_case(s, n, chars[k], sa);
					s[p] = (unsigned char)(x ^ 0x41);
				}
				if (n > 3) { /* two of them: the first is found */
					s[n - 1] = x;
					s[n / 2] = x;
					strchr_case(s, n, chars[k], sa);
				}
			}
			if (edge_page) { /* the NUL in the last 8 bytes before the guard */
				unsigned char *e = edge_page + 4096 - 1 - n - sa;

				make_string_without(e, n, 'z');
				strchr_case(e, n, 'z', sa);
				strchr_case(e, n, 0, sa);
				make_string_without(e, n, 0xe9);
				strchr_case(e, n, 0xe9, sa);
			}
		}
	for (size_t i = 0; i < NBIG; i++)
		for (int sa = 0; sa < 8; sa++) {
			size_t n = big_sizes[i];

			make_string_without(src_buf + sa, n, 'z');
			strchr_case(src_buf + sa, n, 'z', sa);
			src_buf[sa + n - 1] = 'z';
			strchr_case(src_buf + sa, n, 'z', sa);
		}
	result("strchr");
}

int main(void)
{
	unsigned char *p =
		mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p != MAP_FAILED && mprotect(p + 4096, 4096, PROT_NONE) == 0 &&
	    mprotect(p + 3 * 4096, 4096, PROT_NONE) == 0) {
		edge_page = p;
		edge_page2 = p + 2 * 4096;
	} else {
		printf("string.edge_page: no guard page (mmap/mprotect failed)\n");
		total_errors++;
	}
	fill_random(src_buf, sizeof(src_buf));

	copy_tests("memcpy", p_memcpy, NULL, 1);
	copy_tests("memmove_nonoverlapping", p_memmove, NULL, 1);
	copy_tests("aeabi_memcpy", NULL, __aeabi_memcpy, 1);
	copy_tests("aeabi_memcpy4", NULL, __aeabi_memcpy4, 4);
	copy_tests("aeabi_memcpy8", NULL, __aeabi_memcpy8, 8);
	move_tests("memmove", p_memmove, NULL, 1);
	move_tests("aeabi_memmove", NULL, __aeabi_memmove, 1);
	move_tests("aeabi_memmove4", NULL, __aeabi_memmove4, 4);
	move_tests("aeabi_memmove8", NULL, __aeabi_memmove8, 8);
	neon_tests();
	set_tests("memset", 0, (void *)p_memset, 1);
	set_tests("aeabi_memset", 1, (void *)__aeabi_memset, 1);
	set_tests("aeabi_memset4", 1, (void *)__aeabi_memset4, 4);
	set_tests("aeabi_memset8", 1, (void *)__aeabi_memset8, 8);
	set_tests("aeabi_memclr", 2, (void *)__aeabi_memclr, 1);
	set_tests("aeabi_memclr4", 2, (void *)__aeabi_memclr4, 4);
	set_tests("aeabi_memclr8", 2, (void *)__aeabi_memclr8, 8);
	memcmp_tests();
	strlen_tests();
	strcmp_tests();
	strchr_tests();

	printf("string.all: %s\n", total_errors ? "FAILED" : "ok");
	return total_errors ? 1 : 0;
}
