/*
 * NEON (Advanced SIMD, with VFPv4's fused multiply-add) through <arm_neon.h>, each result
 * compared with a scalar reference computed lane by lane or with a constant checked on Linux
 * (/work/shared/peer/linux/run-c.sh tests/qemu/libc/neon.c -- -mfpu=neon-vfpv4), plus a check
 * that NEON register contents survive a system call, a sleep and page faults.
 *
 * Built with the toolchain's flags (uniarm passes -mfpu=neon-vfpv4 -mfloat-abi=hard to
 * applications); without NEON it stops at the #error below.
 *
 * NEON floating point on ARMv7 always flushes subnormals to zero and rounds to nearest, so
 * the inputs here are normal numbers and results agree with scalar VFP arithmetic.
 *
 * One line per failing case, "neon.<case>: FAIL got <...> want <...>", then
 * "neon.summary: N passed, M failed"; the exit status is non-zero when anything failed.
 */
/* vmlaq_f32 is "a + b * c" in clang's arm_neon.h: keep it unfused, as the instruction is. */
#pragma STDC FP_CONTRACT OFF

#if !defined(__ARM_NEON)
#error "neon.c needs NEON: build with -mfpu=neon-vfpv4 -mfloat-abi=hard"
#endif

#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS 0x20
#endif

static int passed, failed;

/* Compares n 32-bit words (or n bytes when bytes != 0); prints both as hex on a mismatch. */
static void check_mem(const char *id, const void *got, const void *want, int n, int bytes)
{
	char g[400], w[400];
	int i, og = 0, ow = 0;

	if (memcmp(got, want, (size_t)(bytes ? n : 4 * n)) == 0) {
		passed++;
		return;
	}
	failed++;
	for (i = 0; i < n && og < (int)sizeof(g) - 12 && ow < (int)sizeof(w) - 12; i++) {
		unsigned long a, b;
		if (bytes) {
			a = ((const uint8_t *)got)[i];
			b = ((const uint8_t *)want)[i];
			og += snprintf(g + og, sizeof(g) - og, "%s%02lx", i ? " " : "", a);
			ow += snprintf(w + ow, sizeof(w) - ow, "%s%02lx", i ? " " : "", b);
		} else {
			uint32_t x, y;
			memcpy(&x, (const char *)got + 4 * i, 4);
			memcpy(&y, (const char *)want + 4 * i, 4);
			a = x;
			b = y;
			og += snprintf(g + og, sizeof(g) - og, "%s%08lx", i ? " " : "", a);
			ow += snprintf(w + ow, sizeof(w) - ow, "%s%08lx", i ? " " : "", b);
		}
	}
	printf("neon.%s: FAIL got <%s> want <%s>\n", id, g, w);
}

static void check_int(const char *id, long got, long want)
{
	if (got == want) {
		passed++;
		return;
	}
	failed++;
	printf("neon.%s: FAIL got <%ld> want <%ld>\n", id, got, want);
}

/* Scalar (VFP) reference operations, one per call, not vectorizable or foldable. */
static float s_add(float a, float b)
{
	volatile float r = a + b;
	return r;
}
static float s_sub(float a, float b)
{
	volatile float r = a - b;
	return r;
}
static float s_mul(float a, float b)
{
	volatile float r = a * b;
	return r;
}

static volatile float fa[4] = {1.5f, -2.25f, 1e10f, 0.1f};
static volatile float fb[4] = {0.25f, 4.0f, 3.0f, 0.2f};

static void load4(float *d, volatile float *s)
{
	int i;
	for (i = 0; i < 4; i++)
		d[i] = s[i];
}

static void test_float(void)
{
	float a[4], b[4], got[4], want[4];
	int i;

	load4(a, fa);
	load4(b, fb);
	float32x4_t va = vld1q_f32(a), vb = vld1q_f32(b);

	vst1q_f32(got, va);
	check_mem("vld1q_vst1q_f32", got, a, 4, 0);

	vst1q_f32(got, vaddq_f32(va, vb));
	for (i = 0; i < 4; i++)
		want[i] = s_add(a[i], b[i]);
	check_mem("vaddq_f32", got, want, 4, 0);

	vst1q_f32(got, vsubq_f32(va, vb));
	for (i = 0; i < 4; i++)
		want[i] = s_sub(a[i], b[i]);
	check_mem("vsubq_f32", got, want, 4, 0);

	vst1q_f32(got, vmulq_f32(va, vb));
	for (i = 0; i < 4; i++)
		want[i] = s_mul(a[i], b[i]);
	check_mem("vmulq_f32", got, want, 4, 0);

	/*
	 * Fused (VFMA, VFPv4) against unfused (VMLA): 0.1f * 10 - 1 is 0x1p-26 rounded once and 0
	 * when the product is rounded first; (1 + 2^-23)^2 - (1 + 2^-22) is 2^-46, or 0.
	 */
	{
		const float acc[4] = {-1.0f, -0x1.000004p0f, 1.0f, 0.5f};
		const float m1[4] = {0.1f, 0x1.000002p0f, 2.0f, 3.0f};
		const float m2[4] = {10.0f, 0x1.000002p0f, 3.0f, -4.0f};
		const float fused[4] = {0x1p-26f, 0x1p-46f, 7.0f, -11.5f};
		const float unfused[4] = {0.0f, 0.0f, 7.0f, -11.5f};
		volatile float v[12];
		float x[12];

		for (i = 0; i < 4; i++) {
			v[i] = acc[i];
			v[4 + i] = m1[i];
			v[8 + i] = m2[i];
		}
		for (i = 0; i < 12; i++)
			x[i] = v[i];
		float32x4_t c = vld1q_f32(x), p = vld1q_f32(x + 4), q = vld1q_f32(x + 8);
		vst1q_f32(got, vfmaq_f32(c, p, q));
		check_mem("vfmaq_f32", got, fused, 4, 0);
		vst1q_f32(got, vmlaq_f32(c, p, q));
		check_mem("vmlaq_f32", got, unfused, 4, 0);
	}

	/* horizontal sum, pairwise: (a0 + a1) + (a2 + a3) */
	{
		float32x2_t s = vpadd_f32(vget_low_f32(va), vget_high_f32(va));
		s = vpadd_f32(s, s);
		float h = vget_lane_f32(s, 0);
		float r = s_add(s_add(a[0], a[1]), s_add(a[2], a[3]));
		check_mem("hsum_f32", &h, &r, 1, 0);
	}

	/* max/min/abs/neg, compare and bit select */
	{
		const float wmax[4] = {1.5f, 4.0f, 1e10f, 0.2f};
		const float wmin[4] = {0.25f, -2.25f, 3.0f, 0.1f};
		const float wabs[4] = {1.5f, 2.25f, 1e10f, 0.1f};
		const float wneg[4] = {-1.5f, 2.25f, -1e10f, -0.1f};
		const uint32_t wgt[4] = {0xffffffff, 0, 0xffffffff, 0};
		uint32_t mask[4];

		vst1q_f32(got, vmaxq_f32(va, vb));
		check_mem("vmaxq_f32", got, wmax, 4, 0);
		vst1q_f32(got, vminq_f32(va, vb));
		check_mem("vminq_f32", got, wmin, 4, 0);
		vst1q_f32(got, vabsq_f32(va));
		check_mem("vabsq_f32", got, wabs, 4, 0);
		vst1q_f32(got, vnegq_f32(va));
		check_mem("vnegq_f32", got, wneg, 4, 0);
		uint32x4_t gt = vcgtq_f32(va, vb);
		vst1q_u32(mask, gt);
		check_mem("vcgtq_f32", mask, wgt, 4, 0);
		vst1q_f32(got, vbslq_f32(gt, va, vb));
		check_mem("vbslq_f32", got, wmax, 4, 0);
	}

	/* conversions: float -> int truncates, int -> float rounds to nearest (even) */
	{
		static volatile float cf[4] = {-1.5f, 2.9f, -0.0f, 1e9f};
		static volatile int32_t ci[4] = {16777217, -3, 16777219, 2147483647};
		const int32_t wi[4] = {-1, 2, 0, 1000000000};
		const float wf[4] = {16777216.0f, -3.0f, 16777220.0f, 0x1p31f};
		float xf[4];
		int32_t xi[4], gi[4];

		for (i = 0; i < 4; i++) {
			xf[i] = cf[i];
			xi[i] = ci[i];
		}
		vst1q_s32(gi, vcvtq_s32_f32(vld1q_f32(xf)));
		check_mem("vcvtq_s32_f32", gi, wi, 4, 0);
		vst1q_f32(got, vcvtq_f32_s32(vld1q_s32(xi)));
		check_mem("vcvtq_f32_s32", got, wf, 4, 0);
	}
}

static volatile uint8_t seed = 37;

static void test_integer(void)
{
	uint8_t a[16], b[16], got[32], want[32];
	int i;

	for (i = 0; i < 16; i++) {
		a[i] = (uint8_t)(240 + i);	 /* 240..255 */
		b[i] = (uint8_t)(i * seed % 29); /* 0..28 */
	}
	uint8x16_t va = vld1q_u8(a), vb = vld1q_u8(b);

	vst1q_u8(got, vaddq_u8(va, vb));
	for (i = 0; i < 16; i++)
		want[i] = (uint8_t)(a[i] + b[i]);
	check_mem("vaddq_u8", got, want, 16, 1);

	vst1q_u8(got, vqaddq_u8(va, vb));
	for (i = 0; i < 16; i++)
		want[i] = a[i] + b[i] > 255 ? 255 : (uint8_t)(a[i] + b[i]);
	check_mem("vqaddq_u8", got, want, 16, 1);

	vst1q_u8(got, vqsubq_u8(vb, va));
	memset(want, 0, 16);
	check_mem("vqsubq_u8", got, want, 16, 1);

	{
		const int16_t x[8] = {32000, -32000, 100, -100, 32767, -32768, 0, 16384};
		const int16_t y[8] = {1000, -1000, 200, -200, 1, -1, -5, 16384};
		int16_t g[8], w[8];

		vst1q_s16(g, vqaddq_s16(vld1q_s16(x), vld1q_s16(y)));
		for (i = 0; i < 8; i++) {
			int s = x[i] + y[i];
			w[i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
		}
		check_mem("vqaddq_s16", g, w, 16, 1);
	}

	/* zip, table lookup (out-of-range index gives 0), reverse, extract */
	{
		uint8_t lo[16], hi[16];
		for (i = 0; i < 16; i++) {
			lo[i] = (uint8_t)i;
			hi[i] = (uint8_t)(16 + i);
		}
		uint8x16x2_t z = vzipq_u8(vld1q_u8(lo), vld1q_u8(hi));
		vst1q_u8(got, z.val[0]);
		vst1q_u8(got + 16, z.val[1]);
		for (i = 0; i < 16; i++) {
			want[2 * i] = lo[i];
			want[2 * i + 1] = hi[i];
		}
		check_mem("vzipq_u8", got, want, 32, 1);

		uint8x8x2_t tab = {{vld1_u8(a), vld1_u8(a + 8)}};
		const uint8_t idx[8] = {0, 15, 16, 255, 3, 8, 7, 1};
		vst1_u8(got, vtbl2_u8(tab, vld1_u8(idx)));
		for (i = 0; i < 8; i++)
			want[i] = idx[i] < 16 ? a[idx[i]] : 0;
		check_mem("vtbl2_u8", got, want, 8, 1);

		vst1_u8(got, vtbl1_u8(vld1_u8(b), vld1_u8(idx)));
		for (i = 0; i < 8; i++)
			want[i] = idx[i] < 8 ? b[idx[i]] : 0;
		check_mem("vtbl1_u8", got, want, 8, 1);

		vst1q_u8(got, vrev64q_u8(va));
		for (i = 0; i < 16; i++)
			want[i] = a[(i & 8) + 7 - (i & 7)];
		check_mem("vrev64q_u8", got, want, 16, 1);

		vst1q_u8(got, vextq_u8(va, vb, 3));
		for (i = 0; i < 16; i++)
			want[i] = i + 3 < 16 ? a[i + 3] : b[i + 3 - 16];
		check_mem("vextq_u8", got, want, 16, 1);
	}

	/* widening multiply, shifts with rounding */
	{
		uint16_t g[8], w[8];
		vst1q_u16(g, vmull_u8(vget_high_u8(va), vget_high_u8(va)));
		for (i = 0; i < 8; i++)
			w[i] = (uint16_t)(a[8 + i] * a[8 + i]);
		check_mem("vmull_u8", g, w, 16, 1);

		vst1q_u8(got, vrshrq_n_u8(vb, 1));
		for (i = 0; i < 16; i++)
			want[i] = (uint8_t)((b[i] + 1) >> 1);
		check_mem("vrshrq_n_u8", got, want, 16, 1);

		vst1q_u8(got, vshlq_n_u8(vb, 3));
		for (i = 0; i < 16; i++)
			want[i] = (uint8_t)(b[i] << 3);
		check_mem("vshlq_n_u8", got, want, 16, 1);
	}

	/* horizontal sum of 256 bytes with pairwise add-accumulate, and an int16 dot product */
	{
		uint8_t data[256];
		uint32_t ref = 0;
		uint16x8_t acc = vdupq_n_u16(0);

		for (i = 0; i < 256; i++) {
			data[i] = (uint8_t)(i * seed + 11);
			ref += data[i];
		}
		for (i = 0; i < 256; i += 16)
			acc = vpadalq_u8(acc, vld1q_u8(data + i));
		uint64x2_t s64 = vpaddlq_u32(vpaddlq_u16(acc));
		uint32_t sum = (uint32_t)(vgetq_lane_u64(s64, 0) + vgetq_lane_u64(s64, 1));
		check_int("hsum_u8", (long)sum, (long)ref);

		int16_t p[64], q[64];
		int32_t dref = 0;
		int32x4_t dacc = vdupq_n_s32(0);
		for (i = 0; i < 64; i++) {
			p[i] = (int16_t)((i * seed) % 2001 - 1000);
			q[i] = (int16_t)(30000 - i * 900);
			dref += p[i] * q[i];
		}
		for (i = 0; i < 64; i += 4)
			dacc = vmlal_s16(dacc, vld1_s16(p + i), vld1_s16(q + i));
		int32x2_t d2 = vpadd_s32(vget_low_s32(dacc), vget_high_s32(dacc));
		check_int("dot_s16", (long)(vget_lane_s32(d2, 0) + vget_lane_s32(d2, 1)),
			  (long)dref);
	}
}

/*
 * NEON registers across a system call, a sleep and page faults. One asm block loads
 * q4-q15 from a pattern, writes to a fresh page of an anonymous mapping (a page fault), calls
 * enter_kernel() (write(1, "", 0) and usleep(1000)), writes to a second fresh page, adds two
 * of the registers (q0 = q8 + q15) and stores them all. Nothing compiled by the compiler runs
 * between the load and the store except enter_kernel and the C library's write and usleep,
 * which do no floating point (on glibc and on newlib + uniarm): q4-q7 are callee-saved by
 * the ABI anyway, and if q8-q15 change, the kernel (runtime) side did not preserve them.
 */
static void __attribute__((noinline)) enter_kernel(void)
{
	write(1, "", 0);
	usleep(1000);
}

static uint32_t pattern[48] __attribute__((aligned(16)));
static uint32_t after[52] __attribute__((aligned(16)));

static long minor_faults(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru))
		return -1;
	return ru.ru_minflt;
}

static void test_preserved(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	uint32_t want[52];
	int i;

	if (map == MAP_FAILED) {
		check_int("preserve_mmap", -1, 0);
		return;
	}
	for (i = 0; i < 48; i++)
		pattern[i] = 0x9e3779b9u * (uint32_t)(i + 1) ^ 0x5a5a0000u;
	memcpy(want, pattern, sizeof(pattern));
	for (i = 0; i < 4; i++) /* q0 = q8 + q15 (i32): q8 is words 16..19, q15 words 44..47 */
		want[48 + i] = pattern[16 + i] + pattern[44 + i];

	uint32_t *in = pattern, *out = after;
	char *p1 = map, *p2 = map + pg;
	void (*fn)(void) = enter_kernel;
	long f0 = minor_faults();

	__asm__ volatile("vld1.32 {d8-d11}, [%[in]]!\n\t"
			 "vld1.32 {d12-d15}, [%[in]]!\n\t"
			 "vld1.32 {d16-d19}, [%[in]]!\n\t"
			 "vld1.32 {d20-d23}, [%[in]]!\n\t"
			 "vld1.32 {d24-d27}, [%[in]]!\n\t"
			 "vld1.32 {d28-d31}, [%[in]]!\n\t"
			 "str %[fn], [%[p1]]\n\t" /* page fault */
			 "blx %[fn]\n\t"	  /* system calls, sleep */
			 "str %[fn], [%[p2]]\n\t" /* page fault */
			 "vadd.i32 q0, q8, q15\n\t"
			 "vst1.32 {d8-d11}, [%[out]]!\n\t"
			 "vst1.32 {d12-d15}, [%[out]]!\n\t"
			 "vst1.32 {d16-d19}, [%[out]]!\n\t"
			 "vst1.32 {d20-d23}, [%[out]]!\n\t"
			 "vst1.32 {d24-d27}, [%[out]]!\n\t"
			 "vst1.32 {d28-d31}, [%[out]]!\n\t"
			 "vst1.32 {d0-d1}, [%[out]]!\n\t"
			 : [in] "+r"(in), [out] "+r"(out)
			 : [fn] "r"(fn), [p1] "r"(p1), [p2] "r"(p2)
			 : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory", "d0", "d1", "d2",
			   "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "d11", "d12", "d13",
			   "d14", "d15", "d16", "d17", "d18", "d19", "d20", "d21", "d22", "d23",
			   "d24", "d25", "d26", "d27", "d28", "d29", "d30", "d31");

	long f1 = minor_faults();
	check_mem("preserve_q4_q7", after, want, 16, 0);
	check_mem("preserve_q8_q15", after + 16, want + 16, 32, 0);
	check_mem("preserve_use_after", after + 48, want + 48, 4, 0);
	check_int("preserve_faults_taken", f1 - f0 >= 2, 1);
	check_int("preserve_page_written",
		  *(uint32_t *)p1 == (uint32_t)(uintptr_t)fn &&
			  *(uint32_t *)p2 == (uint32_t)(uintptr_t)fn,
		  1);

	/* The same with intrinsics: values live across calls, wherever the compiler keeps them. */
	{
		uint32x4_t x = vld1q_u32(pattern);
		uint8x16_t y = vld1q_u8((const uint8_t *)(pattern + 4));
		char *p3 = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		write(1, "", 0);
		if (p3 != MAP_FAILED)
			p3[0] = 1;
		usleep(1000);
		uint32_t g[8];
		vst1q_u32(g, vaddq_u32(x, vdupq_n_u32(0)));
		vst1q_u8((uint8_t *)(g + 4), vqaddq_u8(y, vdupq_n_u8(0)));
		check_mem("preserve_intrinsics", g, pattern, 8, 0);
		if (p3 != MAP_FAILED)
			munmap(p3, (size_t)pg);
	}
	munmap(map, 2 * (size_t)pg);
}

int main(void)
{
	test_float();
	test_integer();
	test_preserved();
	printf("neon.summary: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
