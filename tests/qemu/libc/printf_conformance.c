/*
 * Conformance of the C library's formatted I/O and number parsing: the printf family (every C99
 * length modifier and conversion, flags, width and precision, rounding, inf/nan, hex floats,
 * long double, mixed argument lists), sscanf, strtod/strtof/strtold and strtol/strtoll/strtoull.
 *
 * Every expected string and value is what glibc produces (validated on the Linux peer:
 * /work/shared/peer/linux/run-c.sh tests/qemu/libc/printf_conformance.c); uniarm's bar is "the
 * same results as Linux". One line per failing case, "printf.<case>: FAIL got <...> want <...>",
 * then "printf.summary: N passed, M failed"; the exit status is non-zero when anything failed.
 * The report itself uses only %s and %d, so it stays readable with a C library whose C99
 * formats are broken.
 *
 * Left out on purpose (implementation-defined, or not something newlib can be expected to match):
 * - %p: its format is implementation-defined (glibc prints 0x..., "(nil)" for NULL).
 * - the sign and payload of a NaN in output ("-nan" for a negative NaN in glibc) and in input
 *   ("nan(123)": only the end position and that the result is a NaN are checked).
 * - %ls/%lc and anything locale-dependent (%'d grouping, decimal point).
 * - positional arguments (%1$d): POSIX, not ISO C, and optional in newlib
 * (--enable-newlib-io-pos-args).
 * - whether errno becomes ERANGE when decimal input to strtod/strtof gives a nonzero subnormal
 *   (C leaves it implementation-defined; glibc sets it, newlib's strtod does not) and for
 *   strtof_underflow_value; strtod("1e-400") -> 0 with ERANGE is checked, as both libraries
 *   do, and so is ERANGE for hexadecimal input that overflows or underflows.
 * - out-of-range sscanf integer conversions (undefined behaviour), %s of NULL (undefined).
 *
 * Cases that newlib 3.3 as released fails (reading its source), because glibc is the bar; uniarm
 * builds newlib with fixes for them (tools/newlib-patches, docs/libc.md), so they pass there:
 * - a_subnormal and the other a*_subnormal*: glibc prints a subnormal's %a denormalized
 *   ("0x0.0000000000001p-1022"); newlib normalizes it ("0x1p-1074"). Both are valid C.
 * - sscanf_la/sscanf_a/sscanf_la_neg and the other hex sscanf_la_* cases and swscanf_la: C99
 * requires %a/%e/%f/%g in scanf to accept hex floats ("as strtod"); newlib 3.3's __svfscanf only
 *   collects decimal digits and stops at the 'x'. swscanf_inf_upper: its wide scanf knew only 'i'.
 * - strtof_double_rounding, strtof_tie_*, sscanf_f_double_rounding: newlib's strtof (and scanf
 *   into a float) is (float)strtod(), which rounds twice; glibc rounds the input once, as C's
 *   recommended practice asks for <= DECIMAL_DIG digits.
 * - strtod_overflow_hex and the other *_hex ERANGE cases: "0x1p1024" overflows, so C requires
 *   ERANGE (glibc sets it); newlib 3.3's hex-float path (gethex) does not set errno.
 * - strtol_base16_0x_only/strtol_base0_0x_only and the other *_0x_only: for "0x" with no hex
 *   digit after it, C's subject sequence is "0" and the end is at the 'x' (glibc); newlib 3.3's
 *   strtol family sets the end pointer to the start of the string.
 */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <inttypes.h>
#include <wchar.h>

#include "float_bits.h"

static int passed, failed;

/* Copies s into out (size n) with non-printable bytes as \xNN. */
static void escape(char *out, size_t n, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	for (; *s && o + 5 < n; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = 0;
}

static void check_str(const char *id, const char *got, const char *want)
{
	static char g[1200], w[1200];

	if (strcmp(got, want) == 0) {
		passed++;
		return;
	}
	failed++;
	escape(g, sizeof(g), got);
	escape(w, sizeof(w), want);
	printf("printf.%s: FAIL got <%s> want <%s>\n", id, g, w);
}

/* Formats v in decimal or hex without the printf under test. */
static char *fmt_u64(char *buf, uint64_t v, int base)
{
	static const char dig[] = "0123456789abcdef";
	char tmp[24];
	int n = 0;
	char *p = buf;

	if (base == 16) {
		*p++ = '0';
		*p++ = 'x';
	}
	do {
		tmp[n++] = dig[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	*p = 0;
	return buf;
}

static char *fmt_i64(char *buf, int64_t v)
{
	if (v < 0) {
		buf[0] = '-';
		fmt_u64(buf + 1, 0 - (uint64_t)v, 10);
		return buf;
	}
	return fmt_u64(buf, (uint64_t)v, 10);
}

static const char *errno_name(int e)
{
	static char other[16];

	if (e == 0)
		return "0";
	if (e == ERANGE)
		return "ERANGE";
	if (e == EINVAL)
		return "EINVAL";
	fmt_i64(other, e);
	return other;
}

/* A double as "nan" (sign and payload ignored) or its exact bit pattern. */
static char *fmt_dbl(char *buf, double d)
{
	if (isnan(d)) {
		strcpy(buf, "nan");
		return buf;
	}
	return fmt_u64(buf, dbits(d), 16);
}

static char *fmt_flt(char *buf, float f)
{
	if (isnan(f)) {
		strcpy(buf, "nan");
		return buf;
	}
	return fmt_u64(buf, fbits(f), 16);
}

/*
 * The printf cases: vsnprintf's output and return value. PF is format-checked by the compiler;
 * PFX takes formats that are valid C but that compilers warn about (flags that another flag
 * overrides, %hhd of an int that does not fit).
 */
static char out[1024];

static void vcheck(const char *id, const char *want, const char *fmt, va_list ap)
{
	int ret = vsnprintf(out, sizeof(out), fmt, ap);
	static char g[1100], w[1100];
	char t[24];

	if (ret == (int)strlen(want)) {
		check_str(id, out, want);
		return;
	}
	/* a wrong return value fails the case even when the text is right; show both */
	snprintf(g, sizeof(g), "%s> returned <%s", out, fmt_i64(t, ret));
	snprintf(w, sizeof(w), "%s> returned <%s", want, fmt_i64(t, (int64_t)strlen(want)));
	check_str(id, g, w);
}

__attribute__((format(printf, 3, 4))) static void PF(const char *id, const char *want,
						     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vcheck(id, want, fmt, ap);
	va_end(ap);
}

static void PFX(const char *id, const char *want, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vcheck(id, want, fmt, ap);
	va_end(ap);
}

/* Values the compiler cannot fold into the format calls. */
static volatile double vinf, vnan;

static void test_integers(void)
{
	/* z, t, j */
	PF("zu_max", "4294967295", "%zu", (size_t)SIZE_MAX);
	PF("zu_small", "42", "%zu", sizeof(int[10]) + 2);
	PF("zd_neg", "-5", "%zd", (ssize_t)-5);
	PF("zx", "ffffffff", "%zx", (size_t)SIZE_MAX);
	PF("td_neg", "-12345", "%td", (ptrdiff_t)-12345);
	PF("td_min", "-2147483648", "%td", (ptrdiff_t)PTRDIFF_MIN);
	PF("jd_min", "-9223372036854775808", "%jd", (intmax_t)INTMAX_MIN);
	PF("jd_max", "9223372036854775807", "%jd", (intmax_t)INTMAX_MAX);
	PF("ju_max", "18446744073709551615", "%ju", (uintmax_t)UINTMAX_MAX);
	PF("jx", "123456789abcdef0", "%jx", (uintmax_t)0x123456789abcdef0ULL);
	/* hh, h: the int argument converted to (un)signed char/short before printing */
	PFX("hhd_200", "-56", "%hhd", 200);
	PFX("hhd_m129", "127", "%hhd", -129);
	PFX("hhd_300", "44", "%hhd", 300);
	PF("hhd_m5", "-5", "%hhd", (signed char)-5);
	PFX("hhu_511", "255", "%hhu", 511);
	PFX("hhx_1ff", "ff", "%hhx", 0x1ff);
	PFX("hd_70000", "4464", "%hd", 70000);
	PFX("hd_m32769", "32767", "%hd", -32769);
	PFX("hu_65543", "7", "%hu", 65543);
	PFX("hx_12345", "2345", "%hx", 0x12345);
	/* ll, l */
	PF("lld_min", "-9223372036854775808", "%lld", LLONG_MIN);
	PF("lld_max", "9223372036854775807", "%lld", LLONG_MAX);
	PF("llu_max", "18446744073709551615", "%llu", ULLONG_MAX);
	PF("llx", "123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	PF("llX", "123456789ABCDEF0", "%llX", 0x123456789abcdef0ULL);
	PF("llo_max", "1777777777777777777777", "%llo", ULLONG_MAX);
	PF("lld_width", "  -9223372036854775808", "%22lld", LLONG_MIN);
	PF("lx", "deadbeef", "%lx", 0xdeadbeefUL);
	PF("lu_max", "4294967295", "%lu", ULONG_MAX);
	PF("ld_min", "-2147483648", "%ld", LONG_MIN);
	/* plain */
	PF("d_min", "-2147483648", "%d", INT_MIN);
	PF("i", "42", "%i", 42);
	PF("u_max", "4294967295", "%u", UINT_MAX);
	PF("o", "10", "%o", 8);
	PF("x_m1", "ffffffff", "%x", -1);
	PF("X", "ABCDEF", "%X", 0xabcdef);
	/* # */
	PF("alt_o", "010", "%#o", 8);
	PF("alt_o_0", "0", "%#o", 0);
	PF("alt_o_prec0_0", "0", "%#.0o", 0);
	PF("alt_x", "0xff", "%#x", 255);
	PF("alt_X", "0XFF", "%#X", 255);
	PF("alt_x_0", "0", "%#x", 0);
	PF("alt_x_prec0_0", "", "%#.0x", 0);
	PF("alt_x_zero_pad", "0x0000ff", "%#08x", 255);
	PF("alt_x_left", "0xff    |", "%#-8x|", 255);
	PF("alt_x_prec", "    0x00ff", "%#10.4x", 255);
	PF("alt_o_prec", "00010", "%#.5o", 8);
	/* width, - + space 0, precision */
	PF("width", "   42", "%5d", 42);
	PF("left", "42   |", "%-5d|", 42);
	PF("zero", "00042", "%05d", 42);
	PF("zero_neg", "-0042", "%05d", -42);
	PF("plus", "+42", "%+d", 42);
	PF("plus_neg", "-42", "%+d", -42);
	PF("plus_zero", "+0", "%+d", 0);
	PF("space", " 42", "% d", 42);
	PF("space_neg", "-42", "% d", -42);
	PFX("plus_space", "+42", "%+ d", 42);
	PFX("left_zero", "-3   |", "%-05d|", -3);
	PF("prec", "007", "%.3d", 7);
	PF("prec_neg", "-007", "%.3d", -7);
	PF("prec_plus", "+007", "%+.3d", 7);
	PF("prec0_0", "", "%.0d", 0);
	PF("prec0_0_width", "     ", "%5.0d", 0);
	PF("prec0_1", "1", "%.0d", 1);
	PFX("zero_prec", "     042", "%08.3d", 42);
	PF("left_prec", "042     |", "%-8.3d|", 42);
	PF("x_prec", "00001234", "%.8x", 0x1234);
	PF("u_width_prec", "   00042", "%8.5u", 42u);
	PF("llu_zero", "00000000000000000042", "%020llu", 42ULL);
	/* * width and precision */
	PF("star_w", "   42", "%*d", 5, 42);
	PF("star_w_left", "42   |", "%-*d|", 5, 42);
	PF("star_w_neg", "42   |", "%*d|", -5, 42);
	PF("star_p", "0007", "%.*d", 4, 7);
	PF("star_p_neg", "7", "%.*d", -1, 7);
	PF("star_wp_f", "     3.142", "%*.*f", 10, 3, 3.14159);
	PF("star_p_s", "abc", "%.*s", 3, "abcdef");
	PF("star_w_s_neg", "ab    |", "%*s|", -6, "ab");
	PF("star_p_f_neg", "1.500000", "%.*f", -3, 1.5);
	PF("star_p_e", "1e+04", "%.*e", 0, 12345.0);
	PF("star_zu", "    42|", "%*zu|", 6, (size_t)42);
	/* c, s, % */
	PF("c", "A", "%c", 'A');
	PF("c_width", "  b|", "%3c|", 'b');
	PF("c_left", "b  |", "%-3c|", 'b');
	PF("c_high", "\xe9", "%c", 0xe9);
	PF("s", "hello", "%s", "hello");
	PF("s_width", "   hello", "%8s", "hello");
	PF("s_left", "hello   |", "%-8s|", "hello");
	PF("s_prec", "he", "%.2s", "hello");
	PF("s_width_prec", "      he", "%8.2s", "hello");
	PF("s_empty", "[]", "[%s]", "");
	PF("s_prec_long", "hello", "%.10s", "hello");
	PF("pct", "%", "%%");
	PF("pct_text", "100% sure", "100%% %s", "sure");
}

static void test_floats(void)
{
	double inf = vinf, nan_ = vnan;

	/* %f and rounding of exact binary values (ties to even) and of near-ties */
	PF("f", "1.500000", "%f", 1.5);
	PF("f_neg", "-1.500000", "%f", -1.5);
	PF("F", "1.500000", "%F", 1.5);
	PF("f0_0_5", "0", "%.0f", 0.5);
	PF("f0_1_5", "2", "%.0f", 1.5);
	PF("f0_2_5", "2", "%.0f", 2.5);
	PF("f0_3_5", "4", "%.0f", 3.5);
	PF("f0_m0_5", "-0", "%.0f", -0.5);
	PF("f0_0_51", "1", "%.0f", 0.51);
	PF("f2_2_675", "2.67", "%.2f", 2.675);
	PF("f2_1_005", "1.00", "%.2f", 1.005);
	PF("f2_0_125", "0.12", "%.2f", 0.125);
	PF("f2_0_375", "0.38", "%.2f", 0.375);
	PF("f1_0_25", "0.2", "%.1f", 0.25);
	PF("f1_0_35", "0.3", "%.1f", 0.35);
	PF("f1_0_05", "0.1", "%.1f", 0.05);
	PF("f3_1_0005", "1.000", "%.3f", 1.0005);
	PF("f1_9_96", " 10.0", "%5.1f", 9.96);
	PF("f20_0_1", "0.10000000000000000555", "%.20f", 0.1);
	PF("f55_0_1", "0.1000000000000000055511151231257827021181583404541015625", "%.55f", 0.1);
	PF("f_1e20", "100000000000000000000.000000", "%f", 1e20);
	PF("f0_1e23", "99999999999999991611392", "%.0f", 1e23);
	PF("f0_2p63", "9223372036854775808", "%.0f", 0x1p63);
	PF("f_frac", "123456789.125000", "%f", 123456789.125);
	PF("f10_1em10", "0.0000000001", "%.10f", 1e-10);
	PF("f10_1em11", "0.0000000000", "%.10f", 1e-11);
	PF("f_small", "0.000000", "%f", 1e-7);
	PF("f_near_tie_below", "0.000000", "%f", 5e-7); /* 4.99999999999999977e-07 */
	PF("f_small_up", "0.000001", "%f", 5.0000001e-7);
	PF("f_dbl_max",
	   "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589"
	   "55"
	   "863276687817154045895351438246423432132688946418276846754670353751698604991057655128207"
	   "62"
	   "454900903893289440758685084551339423045832369032229481658085593321233482747978262041447"
	   "23"
	   "168738177180919299881250404026184124858368.000000",
	   "%f", DBL_MAX);
	PF("f_alt0", "1.", "%#.0f", 1.0);
	PF("f_plus0", "+0.000000", "%+f", 0.0);
	PF("f_space", " 1.000000", "% f", 1.0);
	PF("f_zero_pad", "-00003.142", "%010.3f", -3.14159);
	PF("f_left", "3.14      |", "%-10.2f|", 3.14159);
	PF("f_width", "      3.14", "%10.2f", 3.14159);
	PF("f_m0", "-0.000000", "%f", -0.0);
	PF("f_m0_prec0", "-0", "%.0f", -0.0);
	PF("f_subnormal", "0.000000", "%f", 0x1p-1074);
	/* %e */
	PF("e", "1.500000e+00", "%e", 1.5);
	PF("e_0", "0.000000e+00", "%e", 0.0);
	PF("e_m0", "-0.000000e+00", "%e", -0.0);
	PF("e_1em300", "1.000000e-300", "%e", 1e-300);
	PF("e_1e300", "1.000000e+300", "%e", 1e300);
	PF("e_dbl_max", "1.797693e+308", "%e", DBL_MAX);
	PF("e_dbl_min", "2.225074e-308", "%e", DBL_MIN);
	PF("e_true_min", "4.940656e-324", "%e", 0x1p-1074);
	PF("e16_true_min", "4.9406564584124654e-324", "%.16e", 0x1p-1074);
	PF("e_1em310", "1.000000e-310", "%e", 1e-310);
	PF("e0_2_5", "2e+00", "%.0e", 2.5);
	PF("e0_3_5", "4e+00", "%.0e", 3.5);
	PF("e0_15", "2e+01", "%.0e", 15.0);
	PF("e0_25", "2e+01", "%.0e", 25.0);
	PF("E", "1.234568E+04", "%E", 12345.678);
	PF("e3_9_9995", "9.999e+00", "%.3e", 9.9995);
	PF("e3_9_9996", "1.000e+01", "%.3e", 9.9996);
	PF("e_width", "   1.500e+00", "%12.3e", 1.5);
	PF("e_left", "1.500e+00   |", "%-12.3e|", 1.5);
	PF("e_plus", "+1.500000e+00", "%+e", 1.5);
	PF("e_alt0", "1.e+00", "%#.0e", 1.0);
	PF("e2_1e100", "1.00e+100", "%.2e", 1e100);
	PF("e_1em5", "1.000000e-05", "%e", 1e-5);
	PF("e20_0_1", "1.00000000000000005551e-01", "%.20e", 0.1);
	PF("e_zero_pad", "-001.50e+00", "%011.2e", -1.5);
	/* %g */
	PF("g_1", "1", "%g", 1.0);
	PF("g_0_5", "0.5", "%g", 0.5);
	PF("g_100000", "100000", "%g", 100000.0);
	PF("g_1e6", "1e+06", "%g", 1e6);
	PF("g_1234567", "1.23457e+06", "%g", 1234567.0);
	PF("g_1em4", "0.0001", "%g", 0.0001);
	PF("g_1em5", "1e-05", "%g", 0.00001);
	PF("g_small", "0.0001234", "%g", 0.0001234);
	PF("g_123_456", "123.456", "%g", 123.456);
	PF("G_1em10", "1E-10", "%G", 1e-10);
	PF("G_1_5e20", "1.5E+20", "%G", 1.5e20);
	PF("g_alt_1", "1.00000", "%#g", 1.0);
	PF("g_alt_1em4", "0.000100000", "%#g", 0.0001);
	PF("g0_2_5", "2", "%.0g", 2.5);
	PF("g0_0", "0", "%.0g", 0.0);
	PF("g_0", "0", "%g", 0.0);
	PF("g_m0", "-0", "%g", -0.0);
	PF("g3_1234_5", "1.23e+03", "%.3g", 1234.5);
	PF("g3_small", "0.000123", "%.3g", 0.0001234);
	PF("g17_0_1", "0.10000000000000001", "%.17g", 0.1);
	PF("g17_0_3", "0.29999999999999999", "%.17g", 0.3);
	PF("g17_sum", "0.30000000000000004", "%.17g", 0.1 + 0.2);
	PF("g17_dbl_max", "1.7976931348623157e+308", "%.17g", DBL_MAX);
	PF("g17_dbl_min", "2.2250738585072014e-308", "%.17g", DBL_MIN);
	PF("g17_true_min", "4.9406564584124654e-324", "%.17g", 0x1p-1074);
	PF("g_true_min", "4.94066e-324", "%g", 0x1p-1074);
	PF("g_width", "     3.142", "%10.4g", 3.14159);
	PF("g_left", "2.5       |", "%-10g|", 2.5);
	PF("g_plus", "+1", "%+g", 1.0);
	PF("g_100", "100", "%g", 100.0);
	PF("g_1e15", "1e+15", "%g", 1e15);
	PF("g16_1e15", "1000000000000000", "%.16g", 1e15);
	PF("g_round_10", "10", "%g", 9.9999995);
	PF("g_round_1e6", "1e+06", "%g", 999999.5);
	PF("g_round_1em4", "0.0001", "%g", 0.00009999995);
	/* %a: glibc's normalized form, leading digit 1 (0 for zero and subnormals) */
	PF("a_1", "0x1p+0", "%a", 1.0);
	PF("a_3", "0x1.8p+1", "%a", 3.0);
	PF("a_0_1", "0x1.999999999999ap-4", "%a", 0.1);
	PF("a_neg", "-0x1.4p+1", "%a", -2.5);
	PF("a_0", "0x0p+0", "%a", 0.0);
	PF("a_m0", "-0x0p+0", "%a", -0.0);
	PF("a_dbl_max", "0x1.fffffffffffffp+1023", "%a", DBL_MAX);
	PF("a_dbl_min", "0x1p-1022", "%a", DBL_MIN);
	/* glibc: "0x0.0000000000001p-1022"; newlib 3.3 as released: "0x1p-1074" (see the top) */
	PF("a_subnormal", "0x0.0000000000001p-1022", "%a", 0x1p-1074);
	PF("A_subnormal", "0X0.0000000000001P-1022", "%A", 0x1p-1074);
	PF("a_subnormal_max", "0x0.fffffffffffffp-1022", "%a", 0x0.fffffffffffffp-1022);
	PF("a_subnormal_neg", "-0x0.8p-1022", "%a", -0x1p-1023);
	PF("a_subnormal_prec3", "0x0.800p-1022", "%.3a", 0x1p-1023);
	PF("a_subnormal_prec1", "0x0.0p-1022", "%.1a", 0x1.8p-1070);
	PF("a_subnormal_prec0_carry", "0x1p-1022", "%.0a", 0x0.fp-1022);
	PF("a_subnormal_width", "   0x0.4p-1022", "%14a", 0x1p-1024);
	PF("A", "0X1.FEP+7", "%A", 255.0);
	PF("a_float", "0x1.99999ap-4", "%a", (double)0.1f);
	PF("a2_1", "0x1.00p+0", "%.2a", 1.0);
	PF("a1_up", "0x1.1p+0", "%.1a", 0x1.0cp0);
	PF("a1_tie_even", "0x1.0p+0", "%.1a", 0x1.08p0);
	PF("a1_tie_odd", "0x1.2p+0", "%.1a", 0x1.18p0);
	PF("a0_1_5", "0x2p+0", "%.0a", 1.5);
	PF("a0_1", "0x1p+0", "%.0a", 1.0);
	PF("a_alt0", "0x1.p+0", "%#.0a", 1.0);
	PF("a2_carry", "0x2.00p+0", "%.2a", 0x1.fffp0);
	PF("a3", "0x1.fffp+0", "%.3a", 0x1.fffp0);
	PF("a_width", "    0x1p+0", "%10a", 1.0);
	PF("a_left", "0x1p+0    |", "%-10a|", 1.0);
	PF("a_zero_pad", "0x00001p+0", "%010a", 1.0);
	PF("a_plus", "+0x1p+0", "%+a", 1.0);
	PF("A_neg", "-0X1.999999999999AP-4", "%A", -0.1);
	/* inf and nan: no zero padding, the sign and case rules of the conversion */
	PF("f_inf", "inf", "%f", inf);
	PF("F_inf", "INF", "%F", inf);
	PF("e_minf", "-inf", "%e", -inf);
	PF("E_inf", "INF", "%E", inf);
	PF("g_inf", "inf", "%g", inf);
	PF("G_minf", "-INF", "%G", -inf);
	PF("a_inf", "inf", "%a", inf);
	PF("A_minf", "-INF", "%A", -inf);
	PF("f_nan", "nan", "%f", nan_);
	PF("F_nan", "NAN", "%F", nan_);
	PF("e_nan", "nan", "%e", nan_);
	PF("E_nan", "NAN", "%E", nan_);
	PF("g_nan", "nan", "%g", nan_);
	PF("G_nan", "NAN", "%G", nan_);
	PF("a_nan", "nan", "%a", nan_);
	PF("A_nan", "NAN", "%A", nan_);
	PF("inf_width", "  inf", "%5f", inf);
	PF("inf_left", "inf   |", "%-6f|", inf);
	PF("inf_zero", "   inf", "%06f", inf);
	PF("minf_zero", "  -inf", "%06f", -inf);
	PF("inf_plus", "+inf", "%+f", inf);
	PF("inf_space", " inf", "% f", inf);
	PF("nan_prec", "nan", "%.3f", nan_);
	PF("nan_zero", "   nan", "%06e", nan_);
	PF("nan_plus", "+nan", "%+f", nan_);
	/* long double (the same format as double on ARM EABI) */
	PF("Lf", "1.500000", "%Lf", 1.5L);
	PF("Le", "1.500000e+00", "%Le", 1.5L);
	PF("Lg", "0.1", "%Lg", 0.1L);
	PF("La", "0x1.8p+0", "%La", 1.5L);
	PF("LA", "0X1.8P+0", "%LA", 1.5L);
	PF("Lf20", "0.10000000000000000555", "%.20Lf", 0.1L);
	PF("Le_inf", "-inf", "%Le", (long double)-inf);
}

/* Several arguments of mixed sizes after the C99 modifiers: each must be read at its place. */
static void test_mixed(void)
{
	PFX("mix_zu", "7|-1|abc|123456789012|-56|2.500000|x|4294967295",
	    "%zu|%d|%s|%lld|%hhd|%f|%c|%zu", (size_t)7, -1, "abc", 123456789012LL, 200, 2.5, 'x',
	    (size_t)SIZE_MAX);
	PFX("mix_jd", "-9223372036854775808|3.14|-3|255|end|0x1p+0|18446744073709551615|42",
	    "%jd|%.2f|%td|%hhu|%s|%a|%llu|%d", (intmax_t)INTMAX_MIN, 3.14159, (ptrdiff_t)-3, 511,
	    "end", 1.0, ULLONG_MAX, 42);
	PFX("mix_hd", "4464 -1 1 1.000000e-03 -9 2.500000 99 Z", "%hd %lld %hhd %e %zd %Lf %ju %c",
	    70000, -1LL, 257, 1e-3, (ssize_t)-9, 2.5L, (uintmax_t)99, 'Z');
	PF("mix_align", "1 2 3 4.000000 5 6", "%d %lld %d %f %d %lld", 1, 2LL, 3, 4.0, 5, 6LL);
	PF("mix_star", "    42|1.00    |-1", "%*zu|%-*.*f|%lld", 6, (size_t)42, 8, 2, 1.005, -1LL);
	PF("mix_tjz", "-2 ffffffffffffffff 3 x", "%td %jx %zu %s", (ptrdiff_t)-2, (uintmax_t)-1,
	   (size_t)3, "x");
	PF("mix_many_ll", "1 2 3 4 5 6 7 8", "%lld %d %lld %d %lld %d %lld %d", 1LL, 2, 3LL, 4, 5LL,
	   6, 7LL, 8);
	PF("mix_dbl_int", "1.5 2 2.5 3 0x1.8p+1", "%g %d %g %d %a", 1.5, 2, 2.5, 3, 3.0);
}

/* Return values, truncation and %n. */
static void test_return_and_n(void)
{
	char b[16], rb[24], wb[24];
	int n = -1;
	struct {
		signed char pre, v, post;
	} hh = {0x55, 0x55, 0x55};
	struct {
		short pre, v, post;
	} h = {0x55, 0x55, 0x55};
	long long ll = -1;

	memset(b, 'X', sizeof(b));
	check_str("trunc_ret", fmt_i64(rb, snprintf(b, 5, "%s", "abcdefgh")), "8");
	check_str("trunc_buf", b, "abcd");
	check_str("null_ret", fmt_i64(rb, snprintf(NULL, 0, "%zu", (size_t)12345)), "5");
	memset(b, 'X', sizeof(b));
	check_str("size1_ret", fmt_i64(rb, snprintf(b, 1, "xyz")), "3");
	check_str("size1_buf", b, "");
	check_str("sprintf_ret", fmt_i64(rb, sprintf(b, "%05.1f", 2.25)), "5");
	check_str("sprintf_buf", b, "002.2");

	snprintf(b, sizeof(b), "abc%ndef", &n);
	check_str("n", fmt_i64(rb, n), "3");
	check_str("n_out", b, "abcdef");
	snprintf(b, sizeof(b), "%5d%n|", 1, &n);
	check_str("n_width", fmt_i64(rb, n), "5");
	snprintf(b, sizeof(b), "%s%hhn", "12345678", &hh.v);
	snprintf(wb, sizeof(wb), "%d %d %d", hh.pre, hh.v, hh.post);
	check_str("hhn", wb, "85 8 85");
	snprintf(b, sizeof(b), "ab%hn", &h.v);
	snprintf(wb, sizeof(wb), "%d %d %d", h.pre, h.v, h.post);
	check_str("hn", wb, "85 2 85");
	snprintf(b, sizeof(b), "%lld%lln", 1234567LL, &ll);
	check_str("lln", fmt_i64(rb, ll), "7");
	snprintf(b, sizeof(b), "%.3s%n", "abcdef", &n);
	check_str("n_after_prec", fmt_i64(rb, n), "3");
}

/* sscanf: each case compares a description of everything it assigned and its return value. */
static void test_sscanf(void)
{
	char d[128], w[128], t1[24], t2[24];
	size_t z = 0;
	intmax_t j = 0;
	uintmax_t ju = 0;
	struct {
		signed char pre, v, post;
	} hh = {0x55, 0x55, 0x55};
	struct {
		unsigned char pre, v, post;
	} hhu = {0x55, 0x55, 0x55};
	short hs = 0;
	long long ll = 0;
	unsigned long long ull = 0;
	double df = 0;
	float ff = 0;
	long double ld = 0;
	int i = 0, i2 = 0, n = -1, n2 = -1, r;
	char s1[32], s2[32];

	r = sscanf("4294967295", "%zu", &z);
	snprintf(d, sizeof(d), "%d %s", r, fmt_u64(t1, z, 10));
	check_str("sscanf_zu", d, "1 4294967295");

	r = sscanf("-9223372036854775808", "%jd", &j);
	snprintf(d, sizeof(d), "%d %s", r, fmt_i64(t1, j));
	check_str("sscanf_jd", d, "1 -9223372036854775808");

	r = sscanf("18446744073709551615", "%ju", &ju);
	snprintf(d, sizeof(d), "%d %s", r, fmt_u64(t1, ju, 10));
	check_str("sscanf_ju", d, "1 18446744073709551615");

	r = sscanf("-5", "%hhd", &hh.v);
	snprintf(d, sizeof(d), "%d %d %d %d", r, hh.pre, hh.v, hh.post);
	check_str("sscanf_hhd", d, "1 85 -5 85");

	r = sscanf("255", "%hhu", &hhu.v);
	snprintf(d, sizeof(d), "%d %d %d %d", r, hhu.pre, hhu.v, hhu.post);
	check_str("sscanf_hhu", d, "1 85 255 85");

	r = sscanf("-32768", "%hd", &hs);
	snprintf(d, sizeof(d), "%d %d", r, hs);
	check_str("sscanf_hd", d, "1 -32768");

	r = sscanf("-123456789012345", "%lld", &ll);
	snprintf(d, sizeof(d), "%d %s", r, fmt_i64(t1, ll));
	check_str("sscanf_lld", d, "1 -123456789012345");

	r = sscanf("DEADBEEFcafe", "%llx", &ull);
	snprintf(d, sizeof(d), "%d %s", r, fmt_u64(t1, ull, 16));
	check_str("sscanf_llx", d, "1 0xdeadbeefcafe");

	r = sscanf("3.25", "%lf", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, 3.25));
	check_str("sscanf_lf", d, w);

	r = sscanf("-1.5e-3", "%le", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, -1.5e-3));
	check_str("sscanf_le", d, w);

	r = sscanf("0.1", "%lg", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, 0.1));
	check_str("sscanf_lg", d, w);

	/* C99: %a (like %e %f %g) reads what strtod reads, hex floats included */
	df = 0;
	n = -1;
	r = sscanf("0x1.8p1 rest", "%la%n", &df, &n);
	snprintf(d, sizeof(d), "%d %s n=%d", r, fmt_dbl(t1, df), n);
	snprintf(w, sizeof(w), "1 %s n=7", fmt_dbl(t2, 3.0));
	check_str("sscanf_la", d, w);

	df = 0;
	r = sscanf("-0x1p-3", "%lf", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, -0.125));
	check_str("sscanf_la_neg", d, w);

	r = sscanf("0x1.8p1", "%a", &ff);
	snprintf(d, sizeof(d), "%d %s", r, fmt_flt(t1, ff));
	snprintf(w, sizeof(w), "1 %s", fmt_flt(t2, 3.0f));
	check_str("sscanf_a", d, w);

	{
		/* hex float input in more shapes: conversions, widths, prefixes, failures */
		static const struct {
			const char *id, *in, *fmt;
			int r, n;
			double v;
		} hx[] = {
			{"sscanf_la_upper", "0X1P3", "%lA%n", 1, 5, 8.0},
			{"sscanf_le_hex", "0x1.8p1", "%le%n", 1, 7, 3.0},
			{"sscanf_lf_hex", "0x1.8p1", "%lf%n", 1, 7, 3.0},
			{"sscanf_lg_hex", "0x1.8p1", "%lg%n", 1, 7, 3.0},
			{"sscanf_la_e_digit", "0x1e2", "%la%n", 1, 5, 0x1.e2p+8},
			{"sscanf_la_a_digit", "0xap0", "%la%n", 1, 5, 10.0},
			{"sscanf_la_neg_exp", "0xfp-1", "%la%n", 1, 6, 7.5},
			{"sscanf_la_zeros", "0x00001.0p0", "%la%n", 1, 11, 1.0},
			{"sscanf_la_frac_zeros", "0x0.0001p0", "%la%n", 1, 10, 0x1p-16},
			{"sscanf_la_no_exp", "0x.8", "%la%n", 1, 4, 0.5},
			{"sscanf_la_subnormal", "0x1P-1074", "%la%n", 1, 9, 0x1p-1074},
			{"sscanf_la_00x", "00x1", "%la%n", 1, 2, 0.0},
			{"sscanf_la_width1", "0x1p3", "%1la%n", 1, 1, 0.0},
			{"sscanf_la_width2", "0x1p3", "%2la%n", 1, 1, 0.0},
			{"sscanf_la_width3", "0x1p3", "%3la%n", 1, 3, 1.0},
			{"sscanf_la_width_neg", "-0x1p3", "%3la%n", 1, 2, -0.0},
			{"sscanf_la_0x", "0x", "%la%n", 0, -1, -1.0},
			{"sscanf_la_0xg", "0xg", "%la%n", 0, -1, -1.0},
			{"sscanf_la_m0x", "-0x", "%la%n", 0, -1, -1.0},
			{"sscanf_la_0xn", "0xn", "%la%n", 0, -1, -1.0},
		};
		for (size_t k = 0; k < sizeof(hx) / sizeof(hx[0]); k++) {
			df = -1.0;
			n = -1;
			r = sscanf(hx[k].in, hx[k].fmt, &df, &n);
			snprintf(d, sizeof(d), "%d %s n=%d", r, fmt_dbl(t1, df), n);
			snprintf(w, sizeof(w), "%d %s n=%d", hx[k].r, fmt_dbl(t2, hx[k].v),
				 hx[k].n);
			check_str(hx[k].id, d, w);
		}
	}

	/* a float is rounded once from the input, as by strtof */
	r = sscanf("1.0000000596046448", "%f", &ff);
	snprintf(d, sizeof(d), "%d %s", r, fmt_flt(t1, ff));
	snprintf(w, sizeof(w), "1 %s", fmt_flt(t2, 0x1.000002p0f));
	check_str("sscanf_f_double_rounding", d, w);

	r = sscanf("0x1.0000011p0", "%a", &ff);
	snprintf(d, sizeof(d), "%d %s", r, fmt_flt(t1, ff));
	snprintf(w, sizeof(w), "1 %s", fmt_flt(t2, 0x1.000002p0f));
	check_str("sscanf_a_float_rounding", d, w);

	/* the wide scanf shares the float state machine */
	df = 0;
	n = -1;
	r = swscanf(L"-0x1.8p1 rest", L"%la%n", &df, &n);
	snprintf(d, sizeof(d), "%d %s n=%d", r, fmt_dbl(t1, df), n);
	snprintf(w, sizeof(w), "1 %s n=8", fmt_dbl(t2, -3.0));
	check_str("swscanf_la", d, w);

	df = 0;
	r = swscanf(L"INF", L"%lf", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, vinf));
	check_str("swscanf_inf_upper", d, w);

	r = sscanf("0.1", "%f", &ff);
	snprintf(d, sizeof(d), "%d %s", r, fmt_flt(t1, ff));
	snprintf(w, sizeof(w), "1 %s", fmt_flt(t2, 0.1f));
	check_str("sscanf_f", d, w);

	r = sscanf("2.5", "%Lf", &ld);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, (double)ld));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, 2.5));
	check_str("sscanf_Lf", d, w);

	r = sscanf("-inf", "%lf", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, -vinf));
	check_str("sscanf_inf", d, w);

	r = sscanf("INFINITY", "%lf", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	snprintf(w, sizeof(w), "1 %s", fmt_dbl(t2, vinf));
	check_str("sscanf_infinity", d, w);

	r = sscanf("nan", "%lf", &df);
	snprintf(d, sizeof(d), "%d %s", r, fmt_dbl(t1, df));
	check_str("sscanf_nan", d, "1 nan");

	n = -1;
	r = sscanf("hello World", "%[a-z]%n", s1, &n);
	snprintf(d, sizeof(d), "%d <%s> n=%d", r, s1, n);
	check_str("sscanf_set", d, "1 <hello> n=5");

	r = sscanf("abc def,42", "%[^,],%d", s1, &i);
	snprintf(d, sizeof(d), "%d <%s> %d", r, s1, i);
	check_str("sscanf_negset", d, "2 <abc def> 42");

	r = sscanf("]x]y", "%[]x]", s1);
	snprintf(d, sizeof(d), "%d <%s>", r, s1);
	check_str("sscanf_set_bracket", d, "1 <]x]>");

	r = sscanf("abcdefgh", "%5s%s", s1, s2);
	snprintf(d, sizeof(d), "%d <%s> <%s>", r, s1, s2);
	check_str("sscanf_s_width", d, "2 <abcde> <fgh>");

	memset(s1, 0, sizeof(s1));
	r = sscanf("abcd", "%3c", s1);
	snprintf(d, sizeof(d), "%d <%s>", r, s1);
	check_str("sscanf_c_width", d, "1 <abc>");

	r = sscanf("1 2", "%*d %d", &i);
	snprintf(d, sizeof(d), "%d %d", r, i);
	check_str("sscanf_suppress", d, "1 2");

	r = sscanf("0x1f -010", "%i %i", &i, &i2);
	snprintf(d, sizeof(d), "%d %d %d", r, i, i2);
	check_str("sscanf_i", d, "2 31 -8");

	r = sscanf("ff 17", "%x %o", &i, &i2);
	snprintf(d, sizeof(d), "%d %d %d", r, i, i2);
	check_str("sscanf_x_o", d, "2 255 15");

	r = sscanf("5%6", "%d%%%d", &i, &i2);
	snprintf(d, sizeof(d), "%d %d %d", r, i, i2);
	check_str("sscanf_pct", d, "2 5 6");

	n = n2 = -1;
	r = sscanf("  12  abc", "%n%d %n", &n, &i, &n2);
	snprintf(d, sizeof(d), "%d %d n=%d n2=%d", r, i, n, n2);
	check_str("sscanf_n", d, "1 12 n=0 n2=6");

	check_str("sscanf_empty_eof", fmt_i64(t1, sscanf("", "%d", &i)), fmt_i64(t2, EOF));
	check_str("sscanf_mismatch", fmt_i64(t1, sscanf("abc", "%d", &i)), "0");

	r = sscanf("7 -3 1.5 xyz 99 0x10", "%zu %hhd %lf %s %lld %i", &z, &hh.v, &df, s1, &ll, &i);
	snprintf(d, sizeof(d), "%d %s %d %s <%s> %s %d", r, fmt_u64(t1, z, 10), hh.v,
		 fmt_dbl(t2, df), s1, fmt_i64(w, ll), i);
	{
		char want[128], t3[24];
		snprintf(want, sizeof(want), "6 7 -3 %s <xyz> 99 16", fmt_dbl(t3, 1.5));
		check_str("sscanf_mixed", d, want);
	}
}

/* One number-parsing case: the value (as text), the end offset and errno, got against want. */
static void check_parse(const char *id, const char *got, long got_end, int got_errno,
			const char *want, long want_end, int want_errno)
{
	char d[96], w[96];

	snprintf(d, sizeof(d), "%s end=%ld errno=%s", got, got_end, errno_name(got_errno));
	snprintf(w, sizeof(w), "%s end=%ld errno=%s", want, want_end, errno_name(want_errno));
	check_str(id, d, w);
}

/* strtod family: value bits, end offset and errno. */
static void sd(const char *id, const char *s, double want, long want_end, int want_errno)
{
	char *end, g[24], w[24];

	errno = 0;
	double v = strtod(s, &end);
	int e = errno;
	check_parse(id, fmt_dbl(g, v), end - s, e, fmt_dbl(w, want), want_end, want_errno);
}

/* The same without checking errno (for cases where C leaves it implementation-defined). */
static void sd_noerrno(const char *id, const char *s, double want, long want_end)
{
	char *end, g[24], w[24];

	double v = strtod(s, &end);
	check_parse(id, fmt_dbl(g, v), end - s, 0, fmt_dbl(w, want), want_end, 0);
}

static void sf(const char *id, const char *s, float want, long want_end, int want_errno,
	       int check_errno)
{
	char *end, g[24], w[24];

	errno = 0;
	float v = strtof(s, &end);
	int e = check_errno ? errno : 0;
	check_parse(id, fmt_flt(g, v), end - s, e, fmt_flt(w, want), want_end, want_errno);
}

static void sld(const char *id, const char *s, long double want, long want_end, int want_errno)
{
	char *end, g[24], w[24];

	errno = 0;
	long double v = strtold(s, &end);
	int e = errno;
	check_parse(id, fmt_dbl(g, (double)v), end - s, e, fmt_dbl(w, (double)want), want_end,
		    want_errno);
}

static void test_strtod(void)
{
	double inf = vinf;

	sd("strtod_1_5", "1.5", 1.5, 3, 0);
	sd("strtod_ws_exp", "  -2.5e3xyz", -2500.0, 8, 0);
	sd("strtod_0_1", "0.1", 0x1.999999999999ap-4, 3, 0);
	sd("strtod_dot5", ".5", 0.5, 2, 0);
	sd("strtod_5dot", "5.", 5.0, 2, 0);
	sd("strtod_plus", "+7e-1", 0.7, 5, 0);
	sd("strtod_e_no_digits", "1e", 1.0, 1, 0);
	sd("strtod_e_sign_only", "1e+", 1.0, 1, 0);
	sd("strtod_empty", "", 0.0, 0, 0);
	sd("strtod_junk", "abc", 0.0, 0, 0);
	sd("strtod_ws_only", "   ", 0.0, 0, 0);
	sd("strtod_m0", "-0", -0.0, 2, 0);
	sd("strtod_hex", "0x1.8p1", 3.0, 7, 0);
	sd("strtod_hex_upper", "0X1.FFFFFFFFFFFFFP+1023", DBL_MAX, 23, 0);
	sd("strtod_hex_noexp", "0xA.8", 10.5, 5, 0);
	sd("strtod_hex_neg", "-0x1p-2", -0.25, 7, 0);
	sd("strtod_hex_true_min", "0x1p-1074", 0x1p-1074, 9, 0);
	sd("strtod_hex_p_no_digits", "0x1p", 1.0, 3, 0);
	sd("strtod_hex_no_digits", "0x", 0.0, 1, 0);
	sd("strtod_hex_no_digits_g", "0xg", 0.0, 1, 0);
	sd("strtod_inf", "inf", inf, 3, 0);
	sd("strtod_infinity", "INFINITY", inf, 8, 0);
	sd("strtod_infin", "infin", inf, 3, 0);
	sd("strtod_minf", "-Inf", -inf, 4, 0);
	sd("strtod_nan", "nan", vnan, 3, 0);
	sd("strtod_nan_upper", "NAN", vnan, 3, 0);
	sd_noerrno("strtod_nan_paren", "nan(123)", vnan, 8);
	sd("strtod_underflow", "1e-400", 0.0, 6, ERANGE);
	sd("strtod_underflow_neg", "-1e-400", -0.0, 7, ERANGE);
	sd("strtod_overflow", "1e400", HUGE_VAL, 5, ERANGE);
	sd("strtod_overflow_neg", "-1e400", -HUGE_VAL, 6, ERANGE);
	sd("strtod_overflow_hex", "0x1p1024", HUGE_VAL, 8, ERANGE);
	sd("strtod_overflow_hex_neg", "-0x1p1024", -HUGE_VAL, 9, ERANGE);
	sd("strtod_overflow_hex_round", "0x1.fffffffffffff8p1023", HUGE_VAL, 23, ERANGE);
	sd("strtod_hex_below_overflow", "0x1.fffffffffffff7p1023", DBL_MAX, 23, 0);
	sd("strtod_underflow_hex", "0x1p-1080", 0.0, 9, ERANGE);
	sd("strtod_underflow_hex_half", "0x1p-1075", 0.0, 9, ERANGE);
	sd("strtod_underflow_hex_round_up", "0x1.8p-1075", 0x1p-1074, 11, ERANGE);
	sd("strtod_hex_m0x", "-0x", -0.0, 2, 0);
	sd("strtod_dbl_max", "1.7976931348623157e308", DBL_MAX, 22, 0);
	sd("strtod_dbl_min", "2.2250738585072014e-308", DBL_MIN, 23, 0);
	sd_noerrno("strtod_subnormal", "4.9406564584124654e-324", 0x1p-1074, 23);
	sd_noerrno("strtod_subnormal_1em310", "1e-310", 1e-310, 6);
	/* correct rounding: halfway cases go to even, one digit past halfway goes up */
	sd("strtod_2p53_plus1", "9007199254740993", 9007199254740992.0, 16, 0);
	sd("strtod_halfway", "1.00000000000000011102230246251565404236316680908203125", 1.0, 55, 0);
	sd("strtod_above_halfway", "1.00000000000000011102230246251565404236316680908203126",
	   0x1.0000000000001p0, 55, 0);
	sd_noerrno("strtod_2_2250738585072011", "2.2250738585072011e-308", 0x0.fffffffffffffp-1022,
		   23);
	sd("strtod_long_zeros",
	   "0.000000000000000000000000000000000000000000000000000000000000000000000000000000001",
	   1e-81, 83, 0);
	sd("strtod_many_digits", "123456789012345678901234567890", 123456789012345678901234567890.0,
	   30, 0);

	sf("strtof_0_1", "0.1", 0x1.99999ap-4f, 3, 0, 1);
	sf("strtof_hex", "0x1.fffffep127", FLT_MAX, 14, 0, 1);
	sf("strtof_flt_max", "3.40282347e38", FLT_MAX, 13, 0, 1);
	sf("strtof_true_min", "0x1p-149", 0x1p-149f, 8, 0, 0);
	sf("strtof_overflow", "1e39", HUGE_VALF, 4, ERANGE, 1);
	sf("strtof_underflow_value", "1e-50", 0.0f, 5, 0, 0);
	sf("strtof_inf", "-infinity", -HUGE_VALF, 9, 0, 1);
	sf("strtof_nan", "nan", (float)vnan, 3, 0, 1);
	/*
	 * 1.0000000596046448 lies just above the float halfway point 1 + 2^-24, within half a
	 * double ulp of it: rounding once gives 1 + 2^-23 (glibc); through double it lands on the
	 * halfway point and then rounds to even, 1.0 (newlib 3.3's strtof as released, see the
	 * top).
	 */
	sf("strtof_double_rounding", "1.0000000596046448", 0x1.000002p0f, 18, 0, 1);
	/* the float halfway point exactly (ties to even) and a hair on either side of it */
	sf("strtof_tie", "1.000000059604644775390625", 1.0f, 26, 0, 1);
	sf("strtof_tie_above", "1.0000000596046447753906250001", 0x1.000002p0f, 30, 0, 1);
	sf("strtof_tie_below", "1.0000000596046447753906249999", 1.0f, 30, 0, 1);
	sf("strtof_hex_tie", "0x1.000001p0", 1.0f, 12, 0, 1);
	sf("strtof_hex_above_tie", "0x1.0000011p0", 0x1.000002p0f, 13, 0, 1);
	sf("strtof_hex_tie_odd", "0x1.000003p0", 0x1.000004p0f, 12, 0, 1);
	sf("strtof_exact_true_min",
	   "1."
	   "401298464324817070923729583289916131280261941876515771757068283889791082685860601486638"
	   "18836212158203125e-45",
	   0x1p-149f, 110, 0, 1);
	sf("strtof_overflow_hex", "0x1p128", HUGE_VALF, 7, ERANGE, 1);
	sf("strtof_overflow_hex_round", "0x1.ffffffp127", HUGE_VALF, 14, ERANGE, 1);
	sf("strtof_hex_below_overflow", "0x1.fffffefp127", FLT_MAX, 15, 0, 1);
	sf("strtof_overflow_dec", "3.4028236e38", HUGE_VALF, 12, ERANGE, 1);
	sf("strtof_flt_max_dec", "3.4028235e38", FLT_MAX, 12, 0, 1);
	sf("strtof_underflow_hex", "0x1p-150", 0.0f, 8, ERANGE, 1);
	sf("strtof_underflow_hex_round_up", "0x1.8p-150", 0x1p-149f, 10, ERANGE, 1);
	sf("strtof_subnormal_dec", "1e-40", 0x1.16c2p-133f, 5, 0, 0);
	sf("strtof_m0x", "-0x", -0.0f, 2, 0, 1);
	sf("strtof_0x", "0x", 0.0f, 1, 0, 1);
	sf("strtof_no_number", "-abc", 0.0f, 0, 0, 1);
	sf("strtof_sign_only", "-", 0.0f, 0, 0, 1);
	sf("strtof_minus_nan", "-nan", -(float)vnan, 4, 0, 1);
	sf("strtof_inf_neg_hex_like", "-1e39", -HUGE_VALF, 5, ERANGE, 1);

	sld("strtold_1_5", "1.5", 1.5L, 3, 0);
	sld("strtold_hex", "0x1.8p1", 3.0L, 7, 0);
	sld("strtold_overflow", "1e400", HUGE_VALL, 5, ERANGE);
	sld("strtold_overflow_hex", "0x1p1024", HUGE_VALL, 8, ERANGE);
	sld("strtold_underflow", "1e-400", 0.0L, 6, ERANGE);
	sld("strtold_inf", "inf", (long double)inf, 3, 0);
}

/* strtol family: value, end offset, errno. */
#define STRTO_CASE(name, type, fn, fmt)                                                            \
	static void name(const char *id, const char *s, int base, type want, long want_end,        \
			 int want_errno)                                                           \
	{                                                                                          \
		char *end, g[24], w[24];                                                           \
                                                                                                   \
		errno = 0;                                                                         \
		type v = fn(s, &end, base);                                                        \
		int e = errno;                                                                     \
		check_parse(id, fmt(g, v), end - s, e, fmt(w, want), want_end, want_errno);        \
	}
#define FMT_DEC(buf, v) fmt_u64(buf, v, 10)
STRTO_CASE(sl, long, strtol, fmt_i64)
STRTO_CASE(sul, unsigned long, strtoul, FMT_DEC)
STRTO_CASE(sll, long long, strtoll, fmt_i64)
STRTO_CASE(sull, unsigned long long, strtoull, FMT_DEC)

static void test_strtol(void)
{
	sl("strtol_dec", "  -12abc", 10, -12, 5, 0);
	sl("strtol_base0_hex", "0x7fffffff", 0, 2147483647L, 10, 0);
	sl("strtol_base0_oct", "077", 0, 63, 3, 0);
	sl("strtol_base0_oct_stop", "08", 0, 0, 1, 0);
	sl("strtol_base0_dec", "-42", 0, -42, 3, 0);
	sl("strtol_base16_prefix", "0x1A", 16, 26, 4, 0);
	sl("strtol_base16", "1aG", 16, 26, 2, 0);
	sl("strtol_base16_0x_only", "0x", 16, 0, 1, 0);
	sl("strtol_base0_0x_only", "0xz", 0, 0, 1, 0);
	sl("strtol_base16_0x_space", "0x 1", 16, 0, 1, 0);
	sl("strtol_base16_neg_0x", "-0x", 16, 0, 2, 0);
	sl("strtol_base16_0x1", "0x1", 16, 1, 3, 0);
	sl("strtol_base10_0x", "0x1", 10, 0, 1, 0);
	sul("strtoul_base16_0x_only", "0x", 16, 0, 1, 0);
	sll("strtoll_base0_0x_only", "0xg", 0, 0, 1, 0);
	sull("strtoull_base16_0x_only", "0X", 16, 0, 1, 0);
	{
		char d[96], *end;
		const char *s = "0x";
		const wchar_t *ws = L"0xq";
		wchar_t *wend;
		intmax_t im = strtoimax(s, &end, 16);
		uintmax_t um;

		snprintf(d, sizeof(d), "%d end=%d", (int)im, (int)(end - s));
		check_str("strtoimax_0x_only", d, "0 end=1");
		um = strtoumax(s, &end, 0);
		snprintf(d, sizeof(d), "%d end=%d", (int)um, (int)(end - s));
		check_str("strtoumax_0x_only", d, "0 end=1");
		im = wcstol(ws, &wend, 16);
		snprintf(d, sizeof(d), "%d end=%d", (int)im, (int)(wend - ws));
		check_str("wcstol_0x_only", d, "0 end=1");
		um = wcstoull(ws, &wend, 0);
		snprintf(d, sizeof(d), "%d end=%d", (int)um, (int)(wend - ws));
		check_str("wcstoull_0x_only", d, "0 end=1");
		ws = L"0x1p1024";
		errno = 0;
		double v = wcstod(ws, &wend);
		snprintf(d, sizeof(d), "%s end=%d errno=%s", v == HUGE_VAL ? "inf" : "?",
			 (int)(wend - ws), errno_name(errno));
		check_str("wcstod_overflow_hex", d, "inf end=8 errno=ERANGE");
	}
	sl("strtol_base8", "777", 8, 511, 3, 0);
	sl("strtol_base36", "zZ", 36, 35 * 36 + 35, 2, 0);
	sl("strtol_base2", "+1011", 2, 11, 5, 0);
	sl("strtol_empty", "", 10, 0, 0, 0);
	sl("strtol_sign_only", "-", 10, 0, 0, 0);
	sl("strtol_max", "2147483647", 10, LONG_MAX, 10, 0);
	sl("strtol_overflow", "2147483648", 10, LONG_MAX, 10, ERANGE);
	sl("strtol_min", "-2147483648", 10, LONG_MIN, 11, 0);
	sl("strtol_underflow", "-2147483649", 10, LONG_MIN, 11, ERANGE);
	sl("strtol_overflow_hex", "0x80000000", 0, LONG_MAX, 10, ERANGE);
	sl("strtol_overflow_long", "99999999999999999999999x", 10, LONG_MAX, 23, ERANGE);
	sul("strtoul_max", "4294967295", 10, ULONG_MAX, 10, 0);
	sul("strtoul_overflow", "4294967296", 10, ULONG_MAX, 10, ERANGE);
	sul("strtoul_neg", "-1", 10, ULONG_MAX, 2, 0);
	sul("strtoul_hex", "0xFFFFFFFF", 16, ULONG_MAX, 10, 0);

	sll("strtoll_max", "9223372036854775807", 10, LLONG_MAX, 19, 0);
	sll("strtoll_overflow", "9223372036854775808", 10, LLONG_MAX, 19, ERANGE);
	sll("strtoll_min", "-9223372036854775808", 10, LLONG_MIN, 20, 0);
	sll("strtoll_underflow", "-9223372036854775809", 10, LLONG_MIN, 20, ERANGE);
	sll("strtoll_base0_hex", "0x7fffffffffffffff", 0, LLONG_MAX, 18, 0);
	sll("strtoll_base16_overflow", "8000000000000000", 16, LLONG_MAX, 16, ERANGE);
	sll("strtoll_base8", "-0777777777777777777777", 0, -(long long)0777777777777777777777LL, 23,
	    0);
	sll("strtoll_ws", " \t\n+123 ", 10, 123, 7, 0);
	sull("strtoull_max", "18446744073709551615", 10, ULLONG_MAX, 20, 0);
	sull("strtoull_overflow", "18446744073709551616", 10, ULLONG_MAX, 20, ERANGE);
	sull("strtoull_neg", "-1", 10, ULLONG_MAX, 2, 0);
	sull("strtoull_hex", "0xffffffffffffffff", 16, ULLONG_MAX, 18, 0);
	sull("strtoull_oct", "01777777777777777777777", 0, ULLONG_MAX, 23, 0);
	sull("strtoull_oct_overflow", "02000000000000000000000", 8, ULLONG_MAX, 23, ERANGE);
}

int main(void)
{
	vinf = HUGE_VAL;
	vnan = NAN;

	test_integers();
	test_floats();
	test_mixed();
	test_return_and_n();
	test_sscanf();
	test_strtod();
	test_strtol();

	printf("printf.summary: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
