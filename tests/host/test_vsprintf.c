/*
 * test_vsprintf.c - host tests for runtime/vsprintf.c.
 *
 * Checks kvsnprintf/ksnprintf/vscnprintf/scnprintf against the host C
 * library's snprintf: a table of formats and edge values, truncation at every
 * buffer size for some outputs, a randomized differential test over the
 * supported conversions, flags, widths, precisions and length modifiers, and
 * direct checks of the behaviour that deliberately differs from ISO C (%p,
 * NULL strings, unknown conversions, saturating widths).
 */
#include "runtime/vsprintf.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUFSZ	 512
#define SENTINEL 0x5a

static unsigned long passed, failed;

static void fail_report(int line, const char *what, const char *fmt, const char *got,
			const char *want, int rgot, int rwant)
{
	failed++;
	if (failed <= 40)
		printf("FAIL line %d: %s fmt \"%s\": got %d \"%s\", want %d \"%s\"\n", line, what,
		       fmt, rgot, got, rwant, want);
}

/*
 * Format fmt with both implementations at buffer size size and compare the
 * return values and the whole buffers (bytes past size must stay untouched).
 * Also checks vscnprintf's return value and output. Counts one test.
 */
static void pair_v(int line, size_t size, const char *fmt, va_list ap)
{
	char kb[BUFSZ], hb[BUFSZ], cb[BUFSZ];
	va_list a1, a2, a3;
	int rk, rh, rc, want_c;

	memset(kb, SENTINEL, sizeof(kb));
	memset(hb, SENTINEL, sizeof(hb));
	memset(cb, SENTINEL, sizeof(cb));
	va_copy(a1, ap);
	va_copy(a2, ap);
	va_copy(a3, ap);
	rk = kvsnprintf(kb, size, fmt, a1);
	rh = vsnprintf(hb, size, fmt, a2);
	rc = vscnprintf(cb, size, fmt, a3);
	va_end(a1);
	va_end(a2);
	va_end(a3);
	kb[BUFSZ - 1] = hb[BUFSZ - 1] = cb[BUFSZ - 1] = '\0';

	if (rk != rh || memcmp(kb, hb, sizeof(kb)) != 0) {
		fail_report(line, "kvsnprintf", fmt, kb, hb, rk, rh);
		return;
	}
	want_c = size == 0 ? 0 : (rh < (int)size ? rh : (int)size - 1);
	if (rc != want_c || memcmp(cb, hb, sizeof(cb)) != 0) {
		fail_report(line, "vscnprintf", fmt, cb, hb, rc, want_c);
		return;
	}
	passed++;
}

/*
 * The table deliberately uses flag combinations the compilers' format checks
 * warn about ("'0' flag ignored with '-'"), so pair() is not format-checked;
 * pair_checked() is, for hand-written multi-argument calls.
 */
static void pair(int line, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pair_v(line, size, fmt, ap);
	va_end(ap);
}

static void pair_checked(int line, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void pair_checked(int line, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pair_v(line, size, fmt, ap);
	va_end(ap);
}

/* Compare at a large buffer size. */
#define CMP(fmt, ...) pair(__LINE__, BUFSZ - 1, fmt, __VA_ARGS__)

/* Compare at every buffer size from 0 to the output length + 2. */
#define TRUNC(fmt, ...)                                                                            \
	do {                                                                                       \
		int n_ = snprintf(NULL, 0, fmt, __VA_ARGS__);                                      \
		for (size_t sz_ = 0; sz_ <= (size_t)n_ + 2; sz_++)                                 \
			pair(__LINE__, sz_, fmt, __VA_ARGS__);                                     \
	} while (0)

/* Our formatter alone, without compile-time format checking. */
static int kfmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

static void expect(int line, const char *fmt, const char *got, int rgot, const char *want,
		   int rwant)
{
	if (rgot != rwant || strcmp(got, want) != 0)
		fail_report(line, "expect", fmt, got, want, rgot, rwant);
	else
		passed++;
}

/* Check our output for fmt against a fixed expected string. */
#define EXPECT(want, fmt, ...)                                                                     \
	do {                                                                                       \
		char b_[BUFSZ];                                                                    \
		int r_ = kfmt(b_, sizeof(b_), fmt, __VA_ARGS__);                                   \
		expect(__LINE__, fmt, b_, r_, want, (int)strlen(want));                            \
	} while (0)

static void check(int line, int cond, const char *what)
{
	if (cond) {
		passed++;
	} else {
		failed++;
		if (failed <= 40)
			printf("FAIL line %d: %s\n", line, what);
	}
}
#define CHECK(cond) check(__LINE__, (cond), #cond)

/* ---- table of formats and values ---- */

static void test_table(void)
{
	static const int ints[] = {0,	       1,	  -1,	   7,		-7,
				   42,	       99,	  100,	   -100,	12345,
				   -12345,     INT_MAX,	  INT_MIN, INT_MAX - 1, INT_MIN + 1,
				   1000000000, -999999999};
	static const unsigned int uints[] = {
		0,     1,	    9,		 10,	      255,	256,	    65535,
		65536, 0x7fffffffu, 0x80000000u, 0xdeadbeefu, UINT_MAX, 4000000000u};
	static const long long lls[] = {0,
					1,
					-1,
					LLONG_MAX,
					LLONG_MIN,
					LLONG_MIN + 1,
					4294967295ll,
					4294967296ll,
					-4294967296ll,
					999999999999999999ll,
					1000000000000000000ll,
					-9223372036854775807ll,
					12345678901234ll};
	static const unsigned long long ulls[] = {0,
						  1,
						  0xffffffffull,
						  0x100000000ull,
						  ULLONG_MAX,
						  ULLONG_MAX - 1,
						  10000000000000000000ull,
						  18446744073709551606ull,
						  0x8000000000000000ull,
						  1234567890123456789ull};
	static const char *strs[] = {"",
				     "a",
				     "hello",
				     "hello, world",
				     "%d %s",
				     "tab\there",
				     "0123456789012345678901234567890123456789"};
	size_t i;

	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int v = ints[i];

		CMP("%d", v);
		CMP("%i", v);
		CMP("[%5d]", v);
		CMP("[%-5d]", v);
		CMP("[%05d]", v);
		CMP("[%+d]", v);
		CMP("[% d]", v);
		CMP("[%+ d]", v);
		CMP("[% +d]", v);
		CMP("[%+05d]", v);
		CMP("[% 05d]", v);
		CMP("[%-+8d]", v);
		CMP("[%- 8d]", v);
		CMP("[%.0d]", v);
		CMP("[%.1d]", v);
		CMP("[%.3d]", v);
		CMP("[%.12d]", v);
		CMP("[%8.3d]", v);
		CMP("[%-8.3d]", v);
		CMP("[%08.3d]", v);
		CMP("[%+.3d]", v);
		CMP("[%015d]", v);
		CMP("[%-015d]", v);
		CMP("[%hd]", v);
		CMP("[%hhd]", v);
		CMP("[%hi]", v);
		CMP("[%hhi]", v);
		CMP("[%+06hd]", v);
		CMP("[%*d]", 9, v);
		CMP("[%*d]", -9, v);
		CMP("[%-*d]", 9, v);
		CMP("[%.*d]", 4, v);
		CMP("[%.*d]", -4, v);
		CMP("[%.*d]", 0, v);
		CMP("[%*.*d]", 12, 6, v);
		CMP("[%0*.*d]", 12, -1, v);
		CMP("[%c]", v);
		CMP("%u", (unsigned int)v);
		CMP("%x", (unsigned int)v);
		CMP("%o", (unsigned int)v);
	}
	for (i = 0; i < sizeof(uints) / sizeof(uints[0]); i++) {
		unsigned int v = uints[i];

		CMP("%u", v);
		CMP("%x", v);
		CMP("%X", v);
		CMP("%o", v);
		CMP("[%#x]", v);
		CMP("[%#X]", v);
		CMP("[%#o]", v);
		CMP("[%#.0o]", v);
		CMP("[%#.0x]", v);
		CMP("[%.0u]", v);
		CMP("[%.0x]", v);
		CMP("[%.0o]", v);
		CMP("[%#12x]", v);
		CMP("[%#-12x]", v);
		CMP("[%#012x]", v);
		CMP("[%#012X]", v);
		CMP("[%#12.10x]", v);
		CMP("[%#012o]", v);
		CMP("[%#.5o]", v);
		CMP("[%#.11o]", v);
		CMP("[%#.12o]", v);
		CMP("[%08x]", v);
		CMP("[%-08x]", v);
		CMP("[%hx]", v);
		CMP("[%hhx]", v);
		CMP("[%hu]", v);
		CMP("[%hhu]", v);
		CMP("[%#hho]", v);
		CMP("[%#hhX]", v);
		CMP("[%lx]", (unsigned long)v);
		CMP("[%lu]", (unsigned long)v);
		CMP("[%zu]", (size_t)v);
		CMP("[%zx]", (size_t)v);
		CMP("[%tu]", (size_t)v);
		CMP("[%jo]", (uintmax_t)v);
	}
	for (i = 0; i < sizeof(lls) / sizeof(lls[0]); i++) {
		long long v = lls[i];

		CMP("%lld", v);
		CMP("%lli", v);
		CMP("[%25lld]", v);
		CMP("[%-25lld]", v);
		CMP("[%025lld]", v);
		CMP("[%+lld]", v);
		CMP("[% lld]", v);
		CMP("[%.22lld]", v);
		CMP("[%+.0lld]", v);
		CMP("[%ld]", (long)v);
		CMP("[%+30ld]", (long)v);
		CMP("[%jd]", (intmax_t)v);
		CMP("[%zd]", (ptrdiff_t)v);
		CMP("[%td]", (ptrdiff_t)v);
		CMP("[%llx]", (unsigned long long)v);
		CMP("[%llo]", (unsigned long long)v);
		CMP("[%llu]", (unsigned long long)v);
		CMP("[%d]", (int)v);
	}
	for (i = 0; i < sizeof(ulls) / sizeof(ulls[0]); i++) {
		unsigned long long v = ulls[i];

		CMP("%llu", v);
		CMP("%llx", v);
		CMP("%llX", v);
		CMP("%llo", v);
		CMP("[%#llx]", v);
		CMP("[%#llo]", v);
		CMP("[%#30llo]", v);
		CMP("[%-#30llX]", v);
		CMP("[%030llu]", v);
		CMP("[%.25llu]", v);
		CMP("[%#.25llx]", v);
		CMP("[%ju]", (uintmax_t)v);
		CMP("[%jx]", (uintmax_t)v);
		CMP("[%lu]", (unsigned long)v);
		CMP("[%zo]", (size_t)v);
		CMP("[%tx]", (size_t)v);
	}
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		const char *s = strs[i];

		CMP("%s", s);
		CMP("[%10s]", s);
		CMP("[%-10s]", s);
		CMP("[%.0s]", s);
		CMP("[%.1s]", s);
		CMP("[%.5s]", s);
		CMP("[%8.3s]", s);
		CMP("[%-8.3s]", s);
		CMP("[%*s]", 12, s);
		CMP("[%*s]", -12, s);
		CMP("[%.*s]", 2, s);
		CMP("[%.*s]", -2, s);
		CMP("[%*.*s]", -7, 3, s);
	}
	for (i = 0; i < 256; i++) {
		CMP("%c", (int)i);
		CMP("[%3c]", (int)i);
		CMP("[%-3c]", (int)i);
	}
	CMP("%c", 0x141);
	CMP("%c", -1);
	CMP("[%c%c%c]", 'a', 0, 'b');
	CMP("%s", "plain text with no conversions");
	CMP("%%%s", "");
	CMP("100%% sure %d%%", 5);
	CMP("%d %s %c %x %o %u %lld %llx %zu %%", -3, "str", 'z', 0xabcu, 8u, 4000000000u,
	    LLONG_MIN, ULLONG_MAX, (size_t)77);
	CMP("%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	CMP("%hhd %hhu %hd %hu", -129, -1, -32769, -1);
	CMP("%5d|%-5d|%05d|%5.3d|%-5.3d", 42, 42, 42, 42, 42);
	CMP("%-5x|%#-8o|%#08x", 0x2au, 0755u, 0xbeefu);
	CMP("%s=%d%s", "key", 10, "");
	CMP("%.3s|%.10s|%10.3s", "abcdef", "abc", "abcdef");
	/* A string that is not NUL-terminated is fine when the precision bounds it. */
	{
		static const char unterminated[4] = {'w', 'x', 'y', 'z'};

		CMP("[%.4s]", unterminated);
		CMP("[%.2s]", unterminated);
	}
}

/* ---- truncation at every buffer size ---- */

static void test_truncation(void)
{
	TRUNC("%s", "hello, world");
	TRUNC("%d|%x|%s", -123456, 0xcafebabeu, "tail");
	TRUNC("[%-20s]", "left");
	TRUNC("[%20s]", "right");
	TRUNC("%lld", LLONG_MIN);
	TRUNC("%llu", ULLONG_MAX);
	TRUNC("%#llo", ULLONG_MAX);
	TRUNC("%+.30d", 7);
	TRUNC("%c%c%c", 'x', 'y', 'z');
	TRUNC("%s%s", "", "");
	TRUNC("abc%%def%%%s", "");
	TRUNC("%*d|%-*d", 10, INT_MIN, 10, INT_MAX);
	TRUNC("%.*s...", 7, "truncated string");

	/* size 0 with a NULL buffer: nothing written, length returned. */
	CHECK(ksnprintf(NULL, 0, "%d-%s", 12345, "abc") == 9);
	CHECK(scnprintf(NULL, 0, "%d-%s", 12345, "abc") == 0);
	{
		char b[8];

		memset(b, SENTINEL, sizeof(b));
		CHECK(ksnprintf(b, 0, "%s", "xyz") == 3 && (unsigned char)b[0] == SENTINEL);
		CHECK(scnprintf(b, 0, "%s", "xyz") == 0 && (unsigned char)b[0] == SENTINEL);
		CHECK(ksnprintf(b, 1, "%s", "xyz") == 3 && b[0] == '\0' &&
		      (unsigned char)b[1] == SENTINEL);
		CHECK(scnprintf(b, 1, "%s", "xyz") == 0 && b[0] == '\0');
		CHECK(scnprintf(b, sizeof(b), "%s", "0123456789") == 7 &&
		      strcmp(b, "0123456") == 0);
		CHECK(scnprintf(b, sizeof(b), "%s", "0123") == 4 && strcmp(b, "0123") == 0);
		/* A NULL buffer with a non-zero size is treated as size 0. */
		CHECK(ksnprintf(NULL, 16, "%s", "xyz") == 3);
		CHECK(scnprintf(NULL, 16, "%s", "xyz") == 0);
	}
	/* scnprintf accumulates safely. */
	{
		char b[20];
		int len = 0, i;

		for (i = 0; i < 10; i++)
			len += scnprintf(b + len, sizeof(b) - (size_t)len, "%d,", i * 111);
		CHECK(len == 19 && strcmp(b, "0,111,222,333,444,5") == 0);
	}
}

/* ---- behaviour that deliberately differs from (or is undefined in) ISO C ---- */

static void test_own_behaviour(void)
{
	char want[64], b[64];
	const char *volatile null_str = NULL;
	const char *volatile null_fmt = NULL;
	int digits = (int)(sizeof(void *) * 2);
	void *ptr = (void *)(uintptr_t)0x12abcdefu;
	volatile int big = INT_MAX;

	snprintf(want, sizeof(want), "0x%0*llx", digits, 0ull);
	EXPECT(want, "%p", (void *)NULL);
	snprintf(want, sizeof(want), "0x%0*llx", digits, (unsigned long long)(uintptr_t)ptr);
	EXPECT(want, "%p", ptr);
	snprintf(want, sizeof(want), "0x%0*llx", digits, (unsigned long long)(uintptr_t)(void *)b);
	EXPECT(want, "%p", (void *)b);
	snprintf(want, sizeof(want), "[%*s0x%0*llx]", 24 - 2 - digits, "", digits,
		 (unsigned long long)(uintptr_t)ptr);
	EXPECT(want, "[%24p]", ptr);
	snprintf(want, sizeof(want), "[0x%0*llx%*s]", digits, (unsigned long long)(uintptr_t)ptr,
		 24 - 2 - digits, "");
	EXPECT(want, "[%-24p]", ptr);
	snprintf(want, sizeof(want), "[0x%0*llx]", digits, (unsigned long long)(uintptr_t)ptr);
	EXPECT(want, "[%2p]", ptr);
	EXPECT(want, "[%lp]", ptr);

	EXPECT("(null)", "%s", null_str);
	EXPECT("[  (null)]", "[%8s]", null_str);
	EXPECT("[(null)  ]", "[%-8s]", null_str);
	EXPECT("[(nu]", "[%.3s]", null_str);
	EXPECT("[]", "[%.0s]", null_str);

	EXPECT("%q", "%q", 0);
	EXPECT("a%qb", "a%qb", 0);
	EXPECT("[%-5.2q]", "[%-5.2q]", 0);
	EXPECT("%lq", "%lq", 0);
	EXPECT("%hhy", "%hhy", 0);
	EXPECT("%f 5", "%f %d", 5);
	EXPECT("%n 5", "%n %d", 5);
	EXPECT("%L 5", "%L %d", 5);
	EXPECT("abc%", "abc%", 0);
	EXPECT("abc%-5", "abc%-5", 0);
	EXPECT("abc%ll", "abc%ll", 0);
	EXPECT("%", "%", 0);
	EXPECT("%", "%5%", 0);
	EXPECT("%", "%-05%", 0);
	EXPECT("[  x]", "[%03c]", 'x');
	EXPECT("[   ab]", "[%05s]", "ab");
	EXPECT("A", "%lc", 'A');
	EXPECT("str", "%ls", "str");

	{
		int r = kfmt(b, sizeof(b), null_fmt);

		expect(__LINE__, "(NULL fmt)", b, r, "(null)", 6);
	}

	/* Widths and precisions saturate at INT_MAX; the length is still exact. */
	memset(want, ' ', 15);
	want[15] = '\0';
	{
		char s[16];
		int r;

		r = kfmt(s, sizeof(s), "%*d", INT_MAX, 1);
		expect(__LINE__, "%*d INT_MAX", s, r, want, INT_MAX);
		r = kfmt(s, sizeof(s), "%2147483647d", 1);
		expect(__LINE__, "%2147483647d", s, r, want, INT_MAX);
		r = kfmt(s, sizeof(s), "%99999999999999999999d", 1);
		expect(__LINE__, "%99999999999999999999d", s, r, want, INT_MAX);
		r = kfmt(s, sizeof(s), "%*d", INT_MIN, 1);
		expect(__LINE__, "%*d INT_MIN", s, r, "1              ", INT_MAX);
		r = kfmt(s, sizeof(s), "%.*d", INT_MAX, 1);
		expect(__LINE__, "%.*d INT_MAX", s, r, "000000000000000", INT_MAX);
		r = kfmt(s, sizeof(s), "%.2147483647s", "abc");
		expect(__LINE__, "%.2147483647s", s, r, "abc", 3);
		/* Longer than INT_MAX: -1 from the C99 variant, real count from scnprintf. */
		r = kfmt(s, sizeof(s), "%*d%*d", INT_MAX, 1, INT_MAX, 2);
		expect(__LINE__, "%*d%*d overflow", s, r, want, -1);
		/* Through a volatile so the compiler's format checks see no constant. */
		CHECK(scnprintf(s, sizeof(s), "%*d%*d", big, 1, big, 2) == 15);
		CHECK(ksnprintf(NULL, 0, "%*d%*d%*d", big, 1, big, 2, big, 3) == -1);
	}
}

/* ---- randomized differential test ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

/* A random 64-bit value biased towards edges and every magnitude. */
static uint64_t rnd_value(void)
{
	static const uint64_t edges[] = {0,
					 1,
					 ~0ull,
					 0x7f,
					 0x80,
					 0xff,
					 0x7fff,
					 0x8000,
					 0xffff,
					 0x7fffffff,
					 0x80000000,
					 0xffffffff,
					 0x100000000ull,
					 0x7fffffffffffffffull,
					 0x8000000000000000ull,
					 9,
					 10,
					 99,
					 100,
					 999999999,
					 1000000000,
					 4294967295ull,
					 10000000000000000000ull,
					 9999999999999999999ull};
	uint64_t v;

	switch (rnd_below(4)) {
	case 0:
		v = edges[rnd_below(sizeof(edges) / sizeof(edges[0]))];
		break;
	case 1: {
		/* a power of ten, give or take a little */
		uint64_t p = 1;
		unsigned int e = rnd_below(20);

		while (e--)
			p *= 10;
		v = p + (uint64_t)(int64_t)(int)(rnd_below(5) - 2);
		break;
	}
	default:
		v = rnd() >> rnd_below(64);
		break;
	}
	if (rnd_below(3) == 0)
		v = 0 - v;
	return v;
}

enum conv_kind { K_SIGNED, K_UNSIGNED, K_CHAR, K_STRING };

static const char *const rnd_strings[] = {
	"",
	"a",
	"ab",
	"hello",
	"with space",
	"%d%s",
	"0123456789abcdef",
	"a considerably longer string to exercise precision and width handling well",
	"\t\n",
};

static void random_one(void)
{
	static const char convs[] = "diuxXocs";
	static const char *const lens[] = {"", "hh", "h", "l", "ll", "z", "t", "j"};
	char fmt[96];
	char *f = fmt;
	char conv = convs[rnd_below(sizeof(convs) - 1)];
	enum conv_kind kind;
	unsigned int len_idx = 0, nflags, i;
	int stars[2], nstar = 0;
	uint64_t v = rnd_value();
	const char *str = rnd_strings[rnd_below(sizeof(rnd_strings) / sizeof(rnd_strings[0]))];
	size_t size;
	int full;

	switch (conv) {
	case 'd':
	case 'i':
		kind = K_SIGNED;
		break;
	case 'c':
		kind = K_CHAR;
		break;
	case 's':
		kind = K_STRING;
		break;
	default:
		kind = K_UNSIGNED;
		break;
	}

	/* Leading literal text. */
	if (rnd_below(2))
		f += sprintf(f, "%s", rnd_below(2) ? "<" : "ab%%c ");

	*f++ = '%';
	nflags = rnd_below(5);
	for (i = 0; i < nflags; i++) {
		/* '#' is only defined for x X o; '0' is undefined for c and s. */
		char fl = "-0+ #"[rnd_below(5)];

		if (fl == '#' && (kind != K_UNSIGNED || conv == 'u'))
			continue;
		if (fl == '0' && (kind == K_CHAR || kind == K_STRING))
			continue;
		*f++ = fl;
	}
	switch (rnd_below(4)) {
	case 0:
		break;
	case 1:
		*f++ = '*';
		stars[nstar++] = (int)rnd_below(61) - 30;
		break;
	default:
		f += sprintf(f, "%u", 1 + rnd_below(30));
		break;
	}
	if (kind != K_CHAR) {
		switch (rnd_below(5)) {
		case 0:
		case 1:
			break;
		case 2:
			*f++ = '.';
			break;
		case 3:
			*f++ = '.';
			*f++ = '*';
			stars[nstar++] = (int)rnd_below(40) - 6;
			break;
		default:
			f += sprintf(f, ".%u", rnd_below(30));
			break;
		}
	}
	if (kind == K_SIGNED || kind == K_UNSIGNED) {
		len_idx = rnd_below(sizeof(lens) / sizeof(lens[0]));
		f += sprintf(f, "%s", lens[len_idx]);
	}
	*f++ = conv;
	/* Trailing literal text. */
	if (rnd_below(2))
		f += sprintf(f, "%s", rnd_below(2) ? ">" : " 100%% done");
	*f = '\0';

	/* Either a roomy buffer or a random, often truncating, size. */
	full = rnd_below(2);
	size = full ? BUFSZ - 1 : rnd_below(40);

#define CALL(T, x)                                                                                 \
	do {                                                                                       \
		if (nstar == 0)                                                                    \
			pair(__LINE__, size, fmt, (T)(x));                                         \
		else if (nstar == 1)                                                               \
			pair(__LINE__, size, fmt, stars[0], (T)(x));                               \
		else                                                                               \
			pair(__LINE__, size, fmt, stars[0], stars[1], (T)(x));                     \
	} while (0)

	if (kind == K_STRING) {
		CALL(const char *, str);
	} else if (kind == K_CHAR) {
		CALL(int, (int)(unsigned int)v);
	} else if (kind == K_SIGNED) {
		switch (len_idx) {
		case 0: /* "" */
		case 1: /* hh: passed as int */
		case 2: /* h: passed as int */
			CALL(int, (int)v);
			break;
		case 3:
			CALL(long, (long)v);
			break;
		case 4:
			CALL(long long, (long long)v);
			break;
		case 5:
		case 6:
			CALL(ptrdiff_t, (ptrdiff_t)v);
			break;
		default:
			CALL(intmax_t, (intmax_t)v);
			break;
		}
	} else {
		switch (len_idx) {
		case 0:
		case 1:
		case 2:
			CALL(unsigned int, (unsigned int)v);
			break;
		case 3:
			CALL(unsigned long, (unsigned long)v);
			break;
		case 4:
			CALL(unsigned long long, (unsigned long long)v);
			break;
		case 5:
		case 6:
			CALL(size_t, (size_t)v);
			break;
		default:
			CALL(uintmax_t, (uintmax_t)v);
			break;
		}
	}
#undef CALL
}

/* Fixed multi-conversion formats with random values, checking argument order. */
static void random_multi(void)
{
	uint64_t a = rnd_value(), b = rnd_value(), c = rnd_value(), d = rnd_value();
	const char *s = rnd_strings[rnd_below(sizeof(rnd_strings) / sizeof(rnd_strings[0]))];
	size_t size = rnd_below(2) ? BUFSZ - 1 : rnd_below(120);
	int w = (int)rnd_below(41) - 20, p = (int)rnd_below(30) - 5;

	pair_checked(__LINE__, size, "%d %s %llx %c %hhu %zd %jd %5.3o|", (int)a, s,
		     (unsigned long long)b, (int)(c & 0x7f) | 0x20, (unsigned char)d, (ptrdiff_t)a,
		     (intmax_t)b, (unsigned int)c);
	pair_checked(__LINE__, size, "%*.*lld|%-*s|%#*llx|%+.*hd", w, p, (long long)a, w, s, w,
		     (unsigned long long)c, p, (short)d);
	pair_checked(__LINE__, size, "%lu:%lo:%li:%tu:%ju", (unsigned long)a, (unsigned long)b,
		     (long)c, (size_t)d, (uintmax_t)a);
}

int main(void)
{
	int i;

	test_table();
	test_truncation();
	test_own_behaviour();
	for (i = 0; i < 100000; i++)
		random_one();
	for (i = 0; i < 20000; i++)
		random_multi();

	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
