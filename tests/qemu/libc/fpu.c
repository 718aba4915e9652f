/*
 * Floating point: IEEE arithmetic, conversions, fma, the math library and the floating-point
 * environment, with results identical to glibc's on the Linux peer for the same inputs
 * (/work/shared/peer/linux/run-c.sh tests/qemu/libc/fpu.c -- -lm).
 *
 * Every result is compared by bit pattern with a constant checked on Linux. IEEE-exact
 * operations (+ - * /, sqrt, fma, conversions, floor/ceil/round/trunc/rint, fmod, remainder,
 * frexp/ldexp, nextafter, copysign) must match exactly; transcendental functions (sin, cos,
 * exp, log, pow, atan2, ...) within 1 ulp of glibc's value, which is correctly rounded in
 * nearly all cases (newlib's fdlibm code may be an ulp off: such cases pass but are listed on
 * one "fpu.ulp_off_glibc:" line). NaN results are checked with isnan only (sign and payload
 * are not compared). One line per failing case, "fpu.<case>: FAIL got <...> want <...>", then
 * "fpu.summary: N passed, M failed"; the exit status is non-zero when anything failed.
 *
 * Build without -ffast-math (and without -ffp-contract=fast: each operation is a separate
 * statement through volatile operands, so nothing can be contracted into an fma or folded at
 * compile time). Library functions are called through volatile function pointers, so the
 * library's code runs, not an inlined instruction or a compile-time constant.
 *
 * Left out:
 * - float-to-integer conversion of out-of-range values, and double-to-float conversion of
 *   values beyond FLT_MAX (undefined behaviour in C).
 * - the fenv.h checks are compiled only when <fenv.h> defines FE_UPWARD: newlib 3.3's ARM
 *   fenv is the generic stub (libm/fenv/fenv_stub.c; sys/fenv.h defines no rounding modes
 *   and FE_ALL_EXCEPT 0), so on uniarm they drop out until newlib's ARM fenv is real. The
 *   FPSCR checks below (round to nearest, no flush to zero, a directed rounding mode set in
 *   FPSCR directly) need no C library and run wherever there is a hardware FPU (__ARM_FP).
 *
 * Known differences of newlib 3.3 as released from glibc that these cases catch (read from its
 * source; uniarm builds newlib with fixes for them, tools/newlib-patches and docs/libc.md):
 * fma() is "return x * y + z" (libm/common/s_fma.c) unless the compiler that built it
 * contracted that into a fused instruction (fma_tie_up/down); fmaf() computes in double and
 * rounds twice (fmaf_double_rounding*); nextafter(x, y) with x == y returns x, not y as C
 * requires (nextafter_0_m0, nextafterf_0_m0, nexttoward*_0_m0).
 */
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "float_bits.h"

static int passed, failed, ulp_off;
static char ulp_list[512];

/* The bits, then %.17g for readability (C89, so it reads right even without C99 formats). */
static const char *show_d(char *buf, size_t n, double d)
{
	uint64_t u = dbits(d);
	snprintf(buf, n, "0x%08lx%08lx (%.17g)", (unsigned long)(u >> 32), (unsigned long)u, d);
	return buf;
}

static const char *show_f(char *buf, size_t n, float f)
{
	snprintf(buf, n, "0x%08lx (%.9g)", (unsigned long)fbits(f), (double)f);
	return buf;
}

static void fail(const char *id, const char *got, const char *want)
{
	failed++;
	printf("fpu.%s: FAIL got <%s> want <%s>\n", id, got, want);
}

/* Distance in ulps between two finite or infinite values of the same sign (else huge). */
static uint64_t ulp_dist_d(double a, double b)
{
	int64_t x = (int64_t)dbits(a), y = (int64_t)dbits(b);

	if (x < 0)
		x = INT64_MIN - x;
	if (y < 0)
		y = INT64_MIN - y;
	return x > y ? (uint64_t)(x - y) : (uint64_t)(y - x);
}

static uint32_t ulp_dist_f(float a, float b)
{
	int32_t x = (int32_t)fbits(a), y = (int32_t)fbits(b);

	if (x < 0)
		x = INT32_MIN - x;
	if (y < 0)
		y = INT32_MIN - y;
	return x > y ? (uint32_t)(x - y) : (uint32_t)(y - x);
}

static void note_ulp(const char *id)
{
	ulp_off++;
	if (strlen(ulp_list) + strlen(id) + 2 < sizeof(ulp_list)) {
		strcat(ulp_list, " ");
		strcat(ulp_list, id);
	}
}

enum { EXACT, ULP1 };

static void check_d(const char *id, double got, double want, int tol)
{
	char g[64], w[64];

	if (isnan(want) ? isnan(got) : dbits(got) == dbits(want)) {
		passed++;
		return;
	}
	if (tol == ULP1 && !isnan(got) && !isnan(want) && ulp_dist_d(got, want) <= 1) {
		passed++;
		note_ulp(id);
		return;
	}
	fail(id, show_d(g, sizeof(g), got), show_d(w, sizeof(w), want));
}

static void check_f(const char *id, float got, float want, int tol)
{
	char g[64], w[64];

	if (isnan(want) ? isnan(got) : fbits(got) == fbits(want)) {
		passed++;
		return;
	}
	if (tol == ULP1 && !isnan(got) && !isnan(want) && ulp_dist_f(got, want) <= 1) {
		passed++;
		note_ulp(id);
		return;
	}
	fail(id, show_f(g, sizeof(g), got), show_f(w, sizeof(w), want));
}

static void check_i64(const char *id, long long got, long long want)
{
	char g[48], w[48];

	if (got == want) {
		passed++;
		return;
	}
	/* two halves in hex: no %lld needed */
	snprintf(g, sizeof(g), "0x%08lx%08lx", (unsigned long)((unsigned long long)got >> 32),
		 (unsigned long)got);
	snprintf(w, sizeof(w), "0x%08lx%08lx", (unsigned long)((unsigned long long)want >> 32),
		 (unsigned long)want);
	fail(id, g, w);
}

static void check_str(const char *id, const char *got, const char *want)
{
	if (strcmp(got, want) == 0) {
		passed++;
		return;
	}
	fail(id, got, want);
}

/* ---- basic arithmetic: one operation per call, operands and operator behind volatiles ---- */

static double d_add(double a, double b)
{
	return a + b;
}
static double d_sub(double a, double b)
{
	return a - b;
}
static double d_mul(double a, double b)
{
	return a * b;
}
static double d_div(double a, double b)
{
	return a / b;
}
static float f_add(float a, float b)
{
	return a + b;
}
static float f_sub(float a, float b)
{
	return a - b;
}
static float f_mul(float a, float b)
{
	return a * b;
}
static float f_div(float a, float b)
{
	return a / b;
}
/* nextafterl and the nexttoward pair (long double y) in the double/float case shapes */
static double nextafterl_d(double x, double y)
{
	return (double)nextafterl(x, y);
}
static double nexttoward_d(double x, double y)
{
	return nexttoward(x, (long double)y);
}
static float nexttowardf_f(float x, float y)
{
	return nexttowardf(x, (long double)y);
}

struct d2case {
	const char *id;
	double (*volatile fn)(double, double);
	double x, y, want;
	int tol;
};

struct f2case {
	const char *id;
	float (*volatile fn)(float, float);
	float x, y, want;
	int tol;
};

struct d1case {
	const char *id;
	double (*volatile fn)(double);
	double x, want;
	int tol;
};

struct f1case {
	const char *id;
	float (*volatile fn)(float);
	float x, want;
	int tol;
};

static struct d2case d2[] = {
	{"add_0_1_0_2", d_add, 0.1, 0.2, 0x1.3333333333334p-2, EXACT},
	{"add_1e16_1", d_add, 1e16, 1.0, 1e16, EXACT},
	{"add_2p53_1", d_add, 0x1p53, 1.0, 0x1p53, EXACT},
	{"add_2p53_3", d_add, 0x1p53, 3.0, 0x1.0000000000002p53, EXACT},
	{"add_inf_minf", d_add, INFINITY, -INFINITY, NAN, EXACT},
	{"add_m0_m0", d_add, -0.0, -0.0, -0.0, EXACT},
	{"add_0_m0", d_add, 0.0, -0.0, 0.0, EXACT},
	{"add_subnormals", d_add, 0x1p-1074, 0x1p-1074, 0x1p-1073, EXACT},
	{"add_overflow", d_add, DBL_MAX, 0x1p970, INFINITY, EXACT},
	{"sub_1_ulp_below", d_sub, 1.0, 0x1p-53, 0x1.fffffffffffffp-1, EXACT},
	{"sub_1_tie", d_sub, 1.0, 0x1p-54, 1.0, EXACT},
	{"sub_x_x", d_sub, 1.5, 1.5, 0.0, EXACT},
	{"sub_cancel", d_sub, 0x1.0000000000001p0, 1.0, 0x1p-52, EXACT},
	{"mul_0_1_3", d_mul, 0.1, 3.0, 0x1.3333333333334p-2, EXACT},
	{"mul_overflow", d_mul, 1e308, 10.0, INFINITY, EXACT},
	{"mul_subnormal", d_mul, DBL_MIN, 0.5, 0x1p-1023, EXACT},
	{"mul_subnormal_tie_even", d_mul, 0x1.8p-1073, 0.5, 0x1p-1073, EXACT},
	{"mul_underflow_tie_zero", d_mul, 0x1p-1074, 0.5, 0.0, EXACT},
	{"mul_underflow_up", d_mul, 0x1.cp-1072, 0.25, 0x1p-1073, EXACT},
	{"mul_underflow_down", d_mul, 0x1.4p-1072, 0.25, 0x1p-1074, EXACT},
	{"mul_m0", d_mul, -0.0, 5.0, -0.0, EXACT},
	{"mul_inf_0", d_mul, INFINITY, 0.0, NAN, EXACT},
	{"div_1_3", d_div, 1.0, 3.0, 0x1.5555555555555p-2, EXACT},
	{"div_2_3", d_div, 2.0, 3.0, 0x1.5555555555555p-1, EXACT},
	{"div_10_4", d_div, 10.0, 4.0, 2.5, EXACT},
	{"div_1_0", d_div, 1.0, 0.0, INFINITY, EXACT},
	{"div_m1_0", d_div, -1.0, 0.0, -INFINITY, EXACT},
	{"div_1_m0", d_div, 1.0, -0.0, -INFINITY, EXACT},
	{"div_0_0", d_div, 0.0, 0.0, NAN, EXACT},
	{"div_subnormal", d_div, 1.0, 0x1.8p1023, 0x0.5555555555555p-1022, EXACT},
	{"div_1_7", d_div, 1.0, 7.0, 0x1.2492492492492p-3, EXACT},
	/* math library, two arguments */
	{"fmod_5_5_2", fmod, 5.5, 2.0, 1.5, EXACT},
	{"fmod_m5_5_2", fmod, -5.5, 2.0, -1.5, EXACT},
	{"fmod_1_0_1", fmod, 1.0, 0.1, 0x1.9999999999996p-4, EXACT},
	{"fmod_1e300_0_7", fmod, 1e300, 0.7, 0x1.842746bf971d4p-2, EXACT},
	{"fmod_m0_1", fmod, -0.0, 1.0, -0.0, EXACT},
	{"fmod_1_0", fmod, 1.0, 0.0, NAN, EXACT},
	{"fmod_inf_1", fmod, INFINITY, 1.0, NAN, EXACT},
	{"fmod_5_inf", fmod, 5.0, INFINITY, 5.0, EXACT},
	{"fmod_subnormal", fmod, 0x1p-1022, 0x0.3p-1022, 0x0.1p-1022, EXACT},
	{"remainder_5_5_2", remainder, 5.5, 2.0, -0.5, EXACT},
	{"remainder_3_2", remainder, 3.0, 2.0, -1.0, EXACT},
	{"remainder_5_2", remainder, 5.0, 2.0, 1.0, EXACT},
	{"remainder_m5_2", remainder, -5.0, 2.0, -1.0, EXACT},
	{"remainder_1e300_0_7", remainder, 1e300, 0.7, -0x1.48a5860d35af8p-2, EXACT},
	{"remainder_1_0", remainder, 1.0, 0.0, NAN, EXACT},
	{"nextafter_1_up", nextafter, 1.0, 2.0, 0x1.0000000000001p0, EXACT},
	{"nextafter_1_down", nextafter, 1.0, 0.0, 0x1.fffffffffffffp-1, EXACT},
	{"nextafter_0_up", nextafter, 0.0, 1.0, 0x1p-1074, EXACT},
	{"nextafter_0_down", nextafter, 0.0, -1.0, -0x1p-1074, EXACT},
	{"nextafter_max_inf", nextafter, DBL_MAX, INFINITY, INFINITY, EXACT},
	{"nextafter_inf_0", nextafter, INFINITY, 0.0, DBL_MAX, EXACT},
	{"nextafter_min_0", nextafter, -0x1p-1074, 0.0, -0.0, EXACT},
	{"nextafter_normal_min", nextafter, DBL_MIN, 0.0, 0x0.fffffffffffffp-1022, EXACT},
	{"nextafter_eq", nextafter, 1.0, 1.0, 1.0, EXACT},
	/* C: "returns y if x equals y"; glibc does, newlib 3.3's returns x (+0) */
	{"nextafter_0_m0", nextafter, 0.0, -0.0, -0.0, EXACT},
	{"nextafter_m0_0", nextafter, -0.0, 0.0, 0.0, EXACT},
	{"nextafterl_0_m0", nextafterl_d, 0.0, -0.0, -0.0, EXACT},
	{"nexttoward_0_m0", nexttoward_d, 0.0, -0.0, -0.0, EXACT},
	{"nexttoward_1_up", nexttoward_d, 1.0, 2.0, 0x1.0000000000001p0, EXACT},
	{"copysign_3_m0", copysign, 3.0, -0.0, -3.0, EXACT},
	{"copysign_m0_1", copysign, -0.0, 1.0, 0.0, EXACT},
	{"copysign_inf_m1", copysign, INFINITY, -1.0, -INFINITY, EXACT},
	{"copysign_m2_inf", copysign, -2.0, INFINITY, 2.0, EXACT},
	{"pow_2_10", pow, 2.0, 10.0, 1024.0, ULP1},
	{"pow_2_0_5", pow, 2.0, 0.5, 0x1.6a09e667f3bcdp+0, ULP1},
	{"pow_10_m2", pow, 10.0, -2.0, 0x1.47ae147ae147bp-7, ULP1},
	{"pow_m2_3", pow, -2.0, 3.0, -8.0, ULP1},
	{"pow_m8_third", pow, -8.0, 1.0 / 3.0, NAN, EXACT},
	{"pow_0_m1", pow, 0.0, -1.0, INFINITY, EXACT},
	{"pow_m0_m1", pow, -0.0, -1.0, -INFINITY, EXACT},
	{"pow_1_nan", pow, 1.0, NAN, 1.0, EXACT},
	{"pow_nan_0", pow, NAN, 0.0, 1.0, EXACT},
	{"pow_compound", pow, 1.0000001, 1e7, 0x1.5bf0a790ce6f2p+1, ULP1},
	{"pow_1_5_100", pow, 1.5, 100.0, 0x1.69194f299cddap+58, ULP1},
	{"pow_2_m1074", pow, 2.0, -1074.0, 0x1p-1074, ULP1},
	{"pow_overflow", pow, 10.0, 400.0, INFINITY, EXACT},
	{"atan2_1_1", atan2, 1.0, 1.0, 0x1.921fb54442d18p-1, ULP1},
	{"atan2_m0_m1", atan2, -0.0, -1.0, -0x1.921fb54442d18p1, EXACT},
	{"atan2_0_m0", atan2, 0.0, -0.0, 0x1.921fb54442d18p1, EXACT},
	{"atan2_m0_0", atan2, -0.0, 0.0, -0.0, EXACT},
	{"atan2_1_0", atan2, 1.0, 0.0, 0x1.921fb54442d18p0, EXACT},
	{"atan2_m1_m1", atan2, -1.0, -1.0, -0x1.2d97c7f3321d2p+1, ULP1},
	{"atan2_inf_inf", atan2, INFINITY, INFINITY, 0x1.921fb54442d18p-1, EXACT},
	{"atan2_3_m4", atan2, 3.0, -4.0, 0x1.3fc176b7a856p+1, ULP1},
	{"hypot_3_4", hypot, 3.0, 4.0, 5.0, ULP1},
	{"hypot_big", hypot, 1e300, 1e300, 0x1.0e4d50f99b211p+997, ULP1},
};

static struct f2case f2[] = {
	{"addf_0_1_0_2", f_add, 0.1f, 0.2f, 0x1.333334p-2f, EXACT},
	{"addf_2p24_1", f_add, 16777216.0f, 1.0f, 16777216.0f, EXACT},
	{"addf_2p24_3", f_add, 16777216.0f, 3.0f, 16777220.0f, EXACT},
	{"subf_1_tie", f_sub, 1.0f, 0x1p-25f, 1.0f, EXACT},
	{"mulf_0_1_3", f_mul, 0.1f, 3.0f, 0x1.333334p-2f, EXACT},
	{"mulf_overflow", f_mul, FLT_MAX, 2.0f, INFINITY, EXACT},
	{"mulf_subnormal", f_mul, FLT_MIN, 0.25f, 0x1p-128f, EXACT},
	{"mulf_subnormal_tie", f_mul, 0x1.8p-148f, 0.5f, 0x1p-148f, EXACT},
	{"divf_1_3", f_div, 1.0f, 3.0f, 0x1.555556p-2f, EXACT},
	{"divf_1_0", f_div, 1.0f, 0.0f, INFINITY, EXACT},
	{"divf_0_0", f_div, 0.0f, 0.0f, NAN, EXACT},
	{"fmodf_5_5_2", fmodf, 5.5f, 2.0f, 1.5f, EXACT},
	{"remainderf_5_5_2", remainderf, 5.5f, 2.0f, -0.5f, EXACT},
	{"nextafterf_1_up", nextafterf, 1.0f, 2.0f, 0x1.000002p0f, EXACT},
	{"nextafterf_0_up", nextafterf, 0.0f, 1.0f, 0x1p-149f, EXACT},
	{"nextafterf_0_m0", nextafterf, 0.0f, -0.0f, -0.0f, EXACT},
	{"nextafterf_m0_0", nextafterf, -0.0f, 0.0f, 0.0f, EXACT},
	{"nexttowardf_0_m0", nexttowardf_f, 0.0f, -0.0f, -0.0f, EXACT},
	{"nexttowardf_1_down", nexttowardf_f, 1.0f, 0.0f, 0x1.fffffep-1f, EXACT},
	{"copysignf_3_m0", copysignf, 3.0f, -0.0f, -3.0f, EXACT},
	{"powf_2_0_5", powf, 2.0f, 0.5f, 0x1.6a09e6p+0f, ULP1},
	{"powf_1_5_10", powf, 1.5f, 10.0f, 0x1.cd52p+5f, ULP1},
	{"atan2f_1_1", atan2f, 1.0f, 1.0f, 0x1.921fb6p-1f, ULP1},
};

static struct d1case d1[] = {
	{"sqrt_2", sqrt, 2.0, 0x1.6a09e667f3bcdp0, EXACT},
	{"sqrt_3", sqrt, 3.0, 0x1.bb67ae8584caap0, EXACT},
	{"sqrt_m1", sqrt, -1.0, NAN, EXACT},
	{"sqrt_m0", sqrt, -0.0, -0.0, EXACT},
	{"sqrt_true_min", sqrt, 0x1p-1074, 0x1p-537, EXACT},
	{"sqrt_inf", sqrt, INFINITY, INFINITY, EXACT},
	{"sqrt_dbl_max", sqrt, DBL_MAX, 0x1.fffffffffffffp511, EXACT},
	{"sqrt_1_ulp", sqrt, 0x1.0000000000001p0, 1.0, EXACT},
	{"sqrt_1_2ulp", sqrt, 0x1.0000000000002p0, 0x1.0000000000001p0, EXACT},
	{"floor_m0_5", floor, -0.5, -1.0, EXACT},
	{"floor_m0", floor, -0.0, -0.0, EXACT},
	{"floor_2_7", floor, 2.7, 2.0, EXACT},
	{"floor_m2_7", floor, -2.7, -3.0, EXACT},
	{"floor_big", floor, 0x1.fffffffffffffp51, 0x1.ffffffffffffep51, EXACT},
	{"floor_1e300", floor, 1e300, 1e300, EXACT},
	{"ceil_m0_5", ceil, -0.5, -0.0, EXACT},
	{"ceil_2_1", ceil, 2.1, 3.0, EXACT},
	{"ceil_tiny", ceil, 0x1p-1074, 1.0, EXACT},
	{"round_2_5", round, 2.5, 3.0, EXACT},
	{"round_m2_5", round, -2.5, -3.0, EXACT},
	{"round_0_49999999999999994", round, 0x1.fffffffffffffp-2, 0.0, EXACT},
	{"round_m0_4", round, -0.4, -0.0, EXACT},
	{"round_big", round, 0x1.fffffffffffffp51, 0x1p52, EXACT},
	{"trunc_m1_7", trunc, -1.7, -1.0, EXACT},
	{"trunc_m0_3", trunc, -0.3, -0.0, EXACT},
	{"trunc_1e300", trunc, 1e300, 1e300, EXACT},
	{"rint_2_5", rint, 2.5, 2.0, EXACT},
	{"rint_3_5", rint, 3.5, 4.0, EXACT},
	{"rint_m0_5", rint, -0.5, -0.0, EXACT},
	{"rint_big_tie", rint, 0x1.fffffffffffffp51, 0x1p52, EXACT},
	{"rint_big_tie_even", rint, 0x1.ffffffffffffdp51, 0x1.ffffffffffffcp51, EXACT},
	{"nearbyint_1_5", nearbyint, 1.5, 2.0, EXACT},
	{"nearbyint_m2_5", nearbyint, -2.5, -2.0, EXACT},
	{"sin_1", sin, 1.0, 0x1.aed548f090ceep-1, ULP1},
	{"sin_1e22", sin, 1e22, -0x1.b453ab76bf397p-1, ULP1},
	{"sin_tiny", sin, 0x1p-30, 0x1p-30, ULP1},
	{"sin_pi", sin, 0x1.921fb54442d18p1, 0x1.1a62633145c07p-53, ULP1},
	{"sin_m0", sin, -0.0, -0.0, EXACT},
	{"sin_inf", sin, INFINITY, NAN, EXACT},
	{"sin_100", sin, 100.0, -0x1.03425b78c4db8p-1, ULP1},
	{"cos_1", cos, 1.0, 0x1.14a280fb5068cp-1, ULP1},
	{"cos_1e22", cos, 1e22, 0x1.0be2cef01c8f4p-1, ULP1},
	{"cos_pi_2", cos, 0x1.921fb54442d18p0, 0x1.1a62633145c07p-54, ULP1},
	{"cos_0", cos, 0.0, 1.0, EXACT},
	{"tan_1", tan, 1.0, 0x1.8eb245cbee3a6p+0, ULP1},
	{"asin_0_5", asin, 0.5, 0x1.0c152382d7366p-1, ULP1},
	{"acos_m1", acos, -1.0, 0x1.921fb54442d18p1, ULP1},
	{"atan_1e300", atan, 1e300, 0x1.921fb54442d18p0, ULP1},
	{"exp_1", exp, 1.0, 0x1.5bf0a8b145769p+1, ULP1},
	{"exp_m1", exp, -1.0, 0x1.78b56362cef38p-2, ULP1},
	{"exp_0", exp, 0.0, 1.0, EXACT},
	{"exp_700", exp, 700.0, 0x1.d945df4f8ec8ep+1009, ULP1},
	{"exp_710", exp, 710.0, INFINITY, EXACT},
	{"exp_m745", exp, -745.0, 0x0.0000000000001p-1022, ULP1},
	{"exp_m746", exp, -746.0, 0.0, EXACT},
	{"exp_tiny", exp, 0x1p-60, 1.0, ULP1},
	{"exp_minf", exp, -INFINITY, 0.0, EXACT},
	{"log_2", log, 2.0, 0x1.62e42fefa39efp-1, ULP1},
	{"log_10", log, 10.0, 0x1.26bb1bbb55516p+1, ULP1},
	{"log_1", log, 1.0, 0.0, EXACT},
	{"log_0", log, 0.0, -INFINITY, EXACT},
	{"log_m1", log, -1.0, NAN, EXACT},
	{"log_true_min", log, 0x1p-1074, -0x1.74385446d71c3p+9, ULP1},
	{"log_dbl_max", log, DBL_MAX, 0x1.62e42fefa39efp+9, ULP1},
	{"log_near_1", log, 0x1.0000000000001p0, 0x1.fffffffffffffp-53, ULP1},
	{"log10_1000", log10, 1000.0, 3.0, ULP1},
	{"log2_8", log2, 8.0, 3.0, ULP1},
	{"log1p_tiny", log1p, 1e-10, 0x1.b7cdfd9d1d693p-34, ULP1},
	{"expm1_tiny", expm1, 1e-10, 0x1.b7cdfd9dda4e3p-34, ULP1},
	{"sinh_1", sinh, 1.0, 0x1.2cd9fc44eb982p+0, ULP1},
	{"cosh_1", cosh, 1.0, 0x1.8b07551d9f55p+0, ULP1},
	{"tanh_0_5", tanh, 0.5, 0x1.d9353d7568af3p-2, ULP1},
	/* glibc's cbrt is not correctly rounded here: 3 + 1 ulp */
	{"cbrt_27", cbrt, 27.0, 0x1.8000000000001p1, ULP1},
	{"cbrt_m2", cbrt, -2.0, -0x1.428a2f98d728cp+0, ULP1},
};

static struct f1case f1[] = {
	{"sqrtf_2", sqrtf, 2.0f, 0x1.6a09e6p0f, EXACT},
	{"sqrtf_m1", sqrtf, -1.0f, NAN, EXACT},
	{"floorf_m0_5", floorf, -0.5f, -1.0f, EXACT},
	{"ceilf_m0_5", ceilf, -0.5f, -0.0f, EXACT},
	{"roundf_2_5", roundf, 2.5f, 3.0f, EXACT},
	{"roundf_0_49999997", roundf, 0x1.fffffep-2f, 0.0f, EXACT},
	{"truncf_m1_7", truncf, -1.7f, -1.0f, EXACT},
	{"rintf_2_5", rintf, 2.5f, 2.0f, EXACT},
	{"rintf_m0_5", rintf, -0.5f, -0.0f, EXACT},
	{"sinf_1", sinf, 1.0f, 0x1.aed548p-1f, ULP1},
	{"sinf_1e10", sinf, 1e10f, -0x1.f334c8p-2f, ULP1},
	{"cosf_1", cosf, 1.0f, 0x1.14a28p-1f, ULP1},
	{"expf_1", expf, 1.0f, 0x1.5bf0a8p+1f, ULP1},
	{"expf_m100", expf, -100.0f, 0x1.bp-145f, ULP1},
	{"logf_2", logf, 2.0f, 0x1.62e43p-1f, ULP1},
	{"logf_10", logf, 10.0f, 0x1.26bb1cp+1f, ULP1},
};

/* ---- fma through a volatile pointer: the library's fma, not an inlined vfma ---- */

static double (*volatile fma_p)(double, double, double) = fma;
static float (*volatile fmaf_p)(float, float, float) = fmaf;

static void test_fma(void)
{
	check_d("fma_0_1_10_m1", fma_p(0.1, 10.0, -1.0), 0x1p-54, EXACT);
	check_d("fma_square_minus",
		fma_p(0x1.0000000000001p0, 0x1.0000000000001p0, -0x1.0000000000002p0), 0x1p-104,
		EXACT);
	check_d("fma_no_overflow", fma_p(DBL_MAX, 2.0, -DBL_MAX), DBL_MAX, EXACT);
	check_d("fma_subnormal", fma_p(0x1p-1022, 0x1p-52, 0.0), 0x1p-1074, EXACT);
	check_d("fma_sticky", fma_p(0x1.0000000000001p0, 0x1.fffffffffffffp-1, -1.0),
		0x1.ffffffffffffep-54, EXACT);
	check_d("fma_2_3_4", fma_p(2.0, 3.0, 4.0), 10.0, EXACT);
	check_d("fma_inf_0", fma_p(INFINITY, 0.0, 1.0), NAN, EXACT);
	check_d("fma_m0", fma_p(-0.0, 1.0, 0.0), 0.0, EXACT);
	check_d("fma_cancel_sign", fma_p(1.0, 1.0, -1.0), 0.0, EXACT);
	check_f("fmaf_0_1_10_m1", fmaf_p(0.1f, 10.0f, -1.0f), 0x1p-26f, EXACT);
	check_f("fmaf_square_minus", fmaf_p(0x1.000002p0f, 0x1.000002p0f, -0x1.000004p0f), 0x1p-46f,
		EXACT);
	/*
	 * x*y = (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 exactly, a float halfway point; z = 2^-60 tips it
	 * up. Rounded once: 0x1.002002p0. Through double (newlib's fmaf) z is lost in the first
	 * rounding and the tie goes to even: 0x1.002p0.
	 */
	check_f("fmaf_double_rounding", fmaf_p(0x1.001p0f, 0x1.001p0f, 0x1p-60f), 0x1.002002p0f,
		EXACT);
	/* the same for fmaf's other inputs: a tie broken downward by a negative z */
	check_f("fmaf_double_rounding_down", fmaf_p(0x1.001p0f, 0x1.001p0f, -0x1p-60f), 0x1.002p0f,
		EXACT);
	check_f("fmaf_subnormal", fmaf_p(0x1p-126f, 0x1p-23f, 0.0f), 0x1p-149f, EXACT);
	/*
	 * x*y = 1 + 2^-26 + 2^-27 + 2^-53, a double halfway point; a tiny z decides: fused, it
	 * rounds up (+z) or down (-z); x*y rounded first would go to even (down) both times.
	 */
	check_d("fma_tie_up", fma_p(0x1.0000004p0, 0x1.0000002p0, 0x1p-100), 0x1.0000006000001p0,
		EXACT);
	check_d("fma_tie_down", fma_p(0x1.0000004p0, 0x1.0000002p0, -0x1p-100), 0x1.0000006p0,
		EXACT);
	check_d("fmal_square_minus",
		(double)fmal(0x1.0000000000001p0L, 0x1.0000000000001p0L, -0x1.0000000000002p0L),
		0x1p-104, EXACT);
}

/* ---- conversions ---- */

static volatile int vi_min = INT_MIN, vi_2p24p1 = 16777217, vi_2p24p3 = 16777219, vi_max = INT_MAX;
static volatile unsigned vu_max = UINT_MAX;
static volatile long long vll_2p53p1 = 9007199254740993LL, vll_m2p53p1 = -9007199254740993LL,
			  vll_min = LLONG_MIN, vll_max = LLONG_MAX, vll_m2p24p1 = -16777217LL;
static volatile unsigned long long vull_max = ULLONG_MAX, vull_f = 0x8000008000000001ULL;
static volatile double vd_m2_9 = -2.9, vd_imax = 2147483647.9, vd_imin = -2147483648.9,
		       vd_umax = 4294967295.5, vd_0_9 = 0.9, vd_m0_9 = -0.9, vd_m9_2e18 = -9.2e18,
		       vd_1_8e19 = 1.8e19, vd_big = 0x1.fffffffffffffp62, vd_0_1 = 0.1,
		       vd_1p24 = 0x1.000001p0, vd_1p24_plus = 0x1.0000010000001p0, vd_1em40 = 1e-40,
		       vd_true_min = 0x1p-1074;
static volatile float vf_m1_5 = -1.5f, vf_1e9 = 1e9f, vf_true_min = 0x1p-149f, vf_0_1 = 0.1f,
		      vf_big = 0x1.fffffep62f;

static void test_conversions(void)
{
	check_d("i2d_int_min", (double)vi_min, -0x1p31, EXACT);
	check_d("u2d_uint_max", (double)vu_max, 4294967295.0, EXACT);
	check_f("i2f_2p24p1", (float)vi_2p24p1, 16777216.0f, EXACT);
	check_f("i2f_2p24p3", (float)vi_2p24p3, 16777220.0f, EXACT);
	check_f("i2f_int_max", (float)vi_max, 0x1p31f, EXACT);
	check_f("u2f_uint_max", (float)vu_max, 0x1p32f, EXACT);
	check_d("ll2d_2p53p1", (double)vll_2p53p1, 9007199254740992.0, EXACT);
	check_d("ll2d_m2p53p1", (double)vll_m2p53p1, -9007199254740992.0, EXACT);
	check_d("ll2d_min", (double)vll_min, -0x1p63, EXACT);
	check_d("ull2d_max", (double)vull_max, 0x1p64, EXACT);
	check_f("ll2f_max", (float)vll_max, 0x1p63f, EXACT);
	check_f("ll2f_m2p24p1", (float)vll_m2p24p1, -16777216.0f, EXACT);
	check_f("ull2f_above_tie", (float)vull_f, 0x1.000002p63f, EXACT);
	check_i64("d2i_m2_9", (int)vd_m2_9, -2);
	check_i64("d2i_max", (int)vd_imax, INT_MAX);
	check_i64("d2i_min", (int)vd_imin, INT_MIN);
	check_i64("d2u_max", (unsigned)vd_umax, UINT_MAX);
	check_i64("d2u_0_9", (unsigned)vd_0_9, 0);
	check_i64("d2i_m0_9", (int)vd_m0_9, 0);
	check_i64("d2ll_m9_2e18", (long long)vd_m9_2e18, -9200000000000000000LL);
	check_i64("d2ull_1_8e19", (long long)(unsigned long long)vd_1_8e19,
		  (long long)18000000000000000000ULL);
	check_i64("d2ll_big", (long long)vd_big, 9223372036854774784LL);
	check_i64("f2ll_m1_5", (long long)vf_m1_5, -1);
	check_i64("f2i_1e9", (int)vf_1e9, 1000000000);
	check_i64("f2ll_big", (long long)vf_big, 9223371487098961920LL);
	check_f("d2f_0_1", (float)vd_0_1, 0x1.99999ap-4f, EXACT);
	check_f("d2f_tie_even", (float)vd_1p24, 1.0f, EXACT);
	check_f("d2f_above_tie", (float)vd_1p24_plus, 0x1.000002p0f, EXACT);
	check_f("d2f_subnormal", (float)vd_1em40, 0x1.16c2p-133f, EXACT);
	check_f("d2f_underflow", (float)vd_true_min, 0.0f, EXACT);
	check_d("f2d_true_min", (double)vf_true_min, 0x1p-149, EXACT);
	check_d("f2d_0_1", (double)vf_0_1, 0x1.99999ap-4, EXACT);
}

/* ---- rounding to integers, frexp/ldexp, classification ---- */

static long (*volatile lround_p)(double) = lround;
static long (*volatile lrint_p)(double) = lrint;
static long long (*volatile llround_p)(double) = llround;
static long long (*volatile llrint_p)(double) = llrint;
static double (*volatile frexp_p)(double, int *) = frexp;
static double (*volatile ldexp_p)(double, int) = ldexp;
static double (*volatile scalbn_p)(double, int) = scalbn;
static float (*volatile ldexpf_p)(float, int) = ldexpf;

static void frexp_case(const char *id, double x, double want, int want_e)
{
	int e = 12345;
	char idm[48];
	double m = frexp_p(x, &e);

	snprintf(idm, sizeof(idm), "%s_e", id);
	check_d(id, m, want, EXACT);
	check_i64(idm, e, want_e);
}

static volatile double vnan_d = NAN, vinf_d = INFINITY, vsub_d = 0x1p-1074, vmax_d = DBL_MAX;

static void classify(const char *id, double x, const char *want)
{
	char got[96];
	const char *c;

	switch (fpclassify(x)) {
	case FP_NAN:
		c = "nan";
		break;
	case FP_INFINITE:
		c = "inf";
		break;
	case FP_ZERO:
		c = "zero";
		break;
	case FP_SUBNORMAL:
		c = "subnormal";
		break;
	case FP_NORMAL:
		c = "normal";
		break;
	default:
		c = "?";
	}
	snprintf(got, sizeof(got), "%s isnan=%d isinf=%d isfinite=%d isnormal=%d signbit=%d", c,
		 isnan(x) != 0, isinf(x) != 0, isfinite(x) != 0, isnormal(x) != 0, signbit(x) != 0);
	check_str(id, got, want);
}

static void test_misc(void)
{
	check_i64("lround_2_5", lround_p(2.5), 3);
	check_i64("lround_m2_5", lround_p(-2.5), -3);
	check_i64("lrint_2_5", lrint_p(2.5), 2);
	check_i64("lrint_m3_5", lrint_p(-3.5), -4);
	check_i64("llround_m4_5", llround_p(-4.5), -5);
	check_i64("llround_big", llround_p(0x1.fffffffffffffp52), 9007199254740991LL);
	check_i64("llrint_tie", llrint_p(1e15 + 0.5), 1000000000000000LL);
	check_i64("llrint_tie_odd", llrint_p(1e15 + 1.5), 1000000000000002LL);

	frexp_case("frexp_8", 8.0, 0.5, 4);
	frexp_case("frexp_3", 3.0, 0.75, 2);
	frexp_case("frexp_true_min", 0x1p-1074, 0.5, -1073);
	frexp_case("frexp_subnormal", 0x1.8p-1070, 0.75, -1069);
	frexp_case("frexp_m0", -0.0, -0.0, 0);
	frexp_case("frexp_neg", -1e300, -0x1.7e43c8800759cp-1, 997);
	{
		int e;
		check_d("frexp_inf", frexp_p(INFINITY, &e), INFINITY, EXACT);
	}

	check_d("ldexp_true_min", ldexp_p(1.0, -1074), 0x1p-1074, EXACT);
	check_d("ldexp_overflow", ldexp_p(1.0, 1024), INFINITY, EXACT);
	check_d("ldexp_tie_even_up", ldexp_p(0x1.8p-1073, -1), 0x1p-1073, EXACT);
	check_d("ldexp_tie_zero", ldexp_p(0x1p-1074, -1), 0.0, EXACT);
	check_d("ldexp_round_down", ldexp_p(0x1.4p-1072, -2), 0x1p-1074, EXACT);
	check_d("ldexp_neg", ldexp_p(-3.0, 2), -12.0, EXACT);
	check_d("ldexp_from_subnormal", ldexp_p(0x1p-1074, 2097), 0x1p1023, EXACT);
	check_d("ldexp_dbl_min_half", ldexp_p(DBL_MIN, -1), 0x1p-1023, EXACT);
	check_d("scalbn_big", scalbn_p(1.5, 1000), 0x1.8p1000, EXACT);
	check_f("ldexpf_true_min", ldexpf_p(1.0f, -149), 0x1p-149f, EXACT);

	classify("class_nan", vnan_d, "nan isnan=1 isinf=0 isfinite=0 isnormal=0 signbit=0");
	classify("class_minf", -vinf_d, "inf isnan=0 isinf=1 isfinite=0 isnormal=0 signbit=1");
	classify("class_m0", -0.0 * vmax_d, "zero isnan=0 isinf=0 isfinite=1 isnormal=0 signbit=1");
	classify("class_subnormal", vsub_d,
		 "subnormal isnan=0 isinf=0 isfinite=1 isnormal=0 signbit=0");
	classify("class_max", vmax_d, "normal isnan=0 isinf=0 isfinite=1 isnormal=1 signbit=0");
	classify("class_copysign_nan", copysign(vnan_d, -1.0),
		 "nan isnan=1 isinf=0 isfinite=0 isnormal=0 signbit=1");
	{
		volatile float f = -0x1p-149f;
		check_i64("class_float_subnormal", fpclassify(f) == FP_SUBNORMAL && signbit(f), 1);
	}
}

/* ---- the floating-point environment ---- */

static volatile double one = 1.0, three = 3.0, dmin = DBL_MIN, four = 4.0;
static volatile float fmin_v = FLT_MIN, ffour = 4.0f;

static double div_one_three(double sign)
{
	volatile double r = sign * one / three;
	return r;
}

#if defined(__arm__) && defined(__ARM_FP)
static unsigned long read_fpscr(void)
{
	unsigned long v;
	__asm__ volatile("vmrs %0, fpscr" : "=r"(v));
	return v;
}

static void write_fpscr(unsigned long v)
{
	__asm__ volatile("vmsr fpscr, %0" : : "r"(v) : "memory");
}
#endif

static void test_env(void)
{
	/* Defaults: round to nearest, subnormals kept (no flush to zero). */
	check_d("subnormal_survives", dmin / four, 0x1p-1024, EXACT);
	check_f("subnormal_survives_f", fmin_v / ffour, 0x1p-128f, EXACT);
	check_d("subnormal_input", vsub_d * four, 0x1p-1072, EXACT);
	check_d("nearest_default", div_one_three(1.0), 0x1.5555555555555p-2, EXACT);

#if defined(__arm__) && defined(__ARM_FP)
	{
		unsigned long fpscr = read_fpscr();
		char got[32];

		/* RMode (bits 23:22) 0 = round to nearest; FZ (bit 24) 0 = no flush to zero */
		snprintf(got, sizeof(got), "rmode=%lu fz=%lu", (fpscr >> 22) & 3,
			 (fpscr >> 24) & 1);
		check_str("fpscr_default", got, "rmode=0 fz=0");

		/* The hardware's directed rounding, set in FPSCR without the C library. */
		write_fpscr((fpscr & ~(3ul << 22)) | (1ul << 22)); /* RP: toward +inf */
		double up = div_one_three(1.0);
		write_fpscr((fpscr & ~(3ul << 22)) | (2ul << 22)); /* RM: toward -inf */
		double down = div_one_three(-1.0);
		write_fpscr(fpscr);
		check_d("fpscr_round_up", up, 0x1.5555555555556p-2, EXACT);
		check_d("fpscr_round_down", down, -0x1.5555555555556p-2, EXACT);
		check_d("fpscr_restored", div_one_three(1.0), 0x1.5555555555555p-2, EXACT);
	}
#endif

#if defined(FE_UPWARD) && defined(FE_DOWNWARD) && defined(FE_TOWARDZERO) && defined(FE_TONEAREST)
	{
		static double (*volatile rint_p)(double) = rint;
		static double (*volatile sqrt_p)(double) = sqrt;

		check_i64("fegetround_default", fegetround() == FE_TONEAREST, 1);
		check_i64("fesetround_upward", fesetround(FE_UPWARD), 0);
		check_d("fenv_upward", div_one_three(1.0), 0x1.5555555555556p-2, EXACT);
		check_d("fenv_upward_neg", div_one_three(-1.0), -0x1.5555555555555p-2, EXACT);
		check_d("fenv_upward_rint", rint_p(2.1), 3.0, EXACT);
#if defined(__arm__) && defined(__ARM_FP)
		check_i64("fenv_upward_fpscr", (read_fpscr() >> 22) & 3, 1);
#endif
		check_i64("fegetround_upward", fegetround() == FE_UPWARD, 1);
		fesetround(FE_DOWNWARD);
		check_d("fenv_downward", div_one_three(1.0), 0x1.5555555555555p-2, EXACT);
		check_d("fenv_downward_neg", div_one_three(-1.0), -0x1.5555555555556p-2, EXACT);
		check_d("fenv_downward_rint", rint_p(2.9), 2.0, EXACT);
		fesetround(FE_TOWARDZERO);
		check_d("fenv_towardzero_neg", div_one_three(-1.0), -0x1.5555555555555p-2, EXACT);
		fesetround(FE_TONEAREST);
		check_d("fenv_nearest_again", div_one_three(-1.0), -0x1.5555555555555p-2, EXACT);

#if defined(FE_DIVBYZERO) && defined(FE_INEXACT) && defined(FE_INVALID)
		volatile double zero = 0.0, r;
		feclearexcept(FE_ALL_EXCEPT);
		r = one / zero;
		check_i64("fenv_divbyzero", fetestexcept(FE_ALL_EXCEPT) == FE_DIVBYZERO, 1);
		feclearexcept(FE_ALL_EXCEPT);
		r = one / three;
		check_i64("fenv_inexact", fetestexcept(FE_ALL_EXCEPT) == FE_INEXACT, 1);
		feclearexcept(FE_ALL_EXCEPT);
		r = sqrt_p(-one);
		check_i64("fenv_invalid", fetestexcept(FE_INVALID) != 0, 1);
		feclearexcept(FE_ALL_EXCEPT);
		r = one + one;
		check_i64("fenv_exact_none", fetestexcept(FE_ALL_EXCEPT), 0);
		(void)r;
#endif
	}
#endif
}

int main(void)
{
	unsigned i;

	for (i = 0; i < sizeof(d2) / sizeof(d2[0]); i++)
		check_d(d2[i].id, d2[i].fn(d2[i].x, d2[i].y), d2[i].want, d2[i].tol);
	for (i = 0; i < sizeof(f2) / sizeof(f2[0]); i++)
		check_f(f2[i].id, f2[i].fn(f2[i].x, f2[i].y), f2[i].want, f2[i].tol);
	for (i = 0; i < sizeof(d1) / sizeof(d1[0]); i++)
		check_d(d1[i].id, d1[i].fn(d1[i].x), d1[i].want, d1[i].tol);
	for (i = 0; i < sizeof(f1) / sizeof(f1[0]); i++)
		check_f(f1[i].id, f1[i].fn(f1[i].x), f1[i].want, f1[i].tol);
	test_fma();
	test_conversions();
	test_misc();
	test_env();

	if (ulp_off)
		printf("fpu.ulp_off_glibc: %d within 1 ulp, not identical:%s\n", ulp_off, ulp_list);
	printf("fpu.summary: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
