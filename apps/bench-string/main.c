/*
 * Benchmark of the string routines (memcpy, memmove in both directions, memset, memcmp, strlen,
 * strcmp, strchr), in guest instructions per call under QEMU -icount shift=0,sleep=off, at every
 * size from 1 to 64 bytes and at 96 B .. 64 KiB, aligned and unaligned. Each figure is checked
 * against glibc's for the same call on the same QEMU (glibc_targets.h), and a few fixed targets
 * of issue 8 are checked too.
 *
 * The same source runs on the Linux peer, where it prints glibc's figures instead:
 *   /work/shared/peer/linux/run-c.sh apps/bench-string/main.c --icount
 * (apps/bench-string/update-glibc-targets.sh turns that output into glibc_targets.h).
 *
 * How a figure is measured, identically on both systems: the generic timer's virtual count
 * (CNTVCT, 62.5 MHz) advances once per 16 guest instructions under -icount shift=0, and is
 * readable from both SYS mode (uniarm) and user mode (Linux). A sample is one loop, written in
 * assembly so that the compiler cannot change it, of k calls through a register with the
 * arguments reloaded each time; the same loop without the call is subtracted. So a figure is
 * the call instruction plus every instruction of the routine including its return (and, for
 * glibc, the PLT stub in front of memcpy's IFUNC). k is chosen so that a sample is a few
 * thousand instructions or more; the minimum over several samples discards Linux's timer
 * interrupts. Each of the two loop times is within one tick of the truth, so a figure is within
 * 32 / k instructions of it; a figure counts as above glibc's only when it exceeds it by more
 * than that (newlib's strlen and strcmp, the same code as glibc's, measure up to 2 x 16 / k
 * apart).
 *
 * Sizes are the bytes copied, set or compared; for strlen the string's length, for strcmp the
 * length of two equal strings, for strchr the length of a string whose last character is the
 * one searched for. memmove "up" moves to a higher, overlapping address (dst = src + 8 aligned,
 * src + 2 unaligned), "down" to a lower one. Unaligned means src + 1 and dst + 3 (for one
 * pointer: + 1).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef __linux__
#include "apps/bench.h"
#include "glibc_targets.h"
#endif

typedef uintptr_t word;

enum { COL_MEMCPY, COL_UP, COL_DOWN, COL_MEMSET, COL_MEMCMP, COL_STRLEN, COL_STRCMP, COL_STRCHR };
#define NROUT 8
#define NCOL  (2 * NROUT) /* each routine aligned, then unaligned */

static const char *const rout_name[NROUT] = {"memcpy", "memmove up", "memmove down", "memset",
					     "memcmp", "strlen",     "strcmp",	     "strchr"};

static const unsigned int big_sizes[] = {96,   128,  192,  256,	 384,	512,   768,
					 1024, 2048, 4096, 8192, 16384, 32768, 65536};
#define NSIZES (64 + sizeof(big_sizes) / sizeof(big_sizes[0]))

#define BUF	(65536 + 256)
#define BASE	64 /* where the operands start in their buffers */
#define SAMPLES 5

static unsigned char buf_a[BUF] __attribute__((aligned(64)));
static unsigned char buf_b[BUF] __attribute__((aligned(64)));

/* The routines, through pointers the compiler cannot see through. */
static volatile word fn_memcpy, fn_memmove, fn_memset, fn_memcmp, fn_strlen, fn_strcmp, fn_strchr;

/* Ticks of CNTVCT for k calls of fn(a, b, c), or for k turns of the same loop without the call
 * when fn is 0. r0-r3, r12, lr and the flags are the callee's (AAPCS); on a hard-float Linux
 * d0-d7 too. */
#ifdef __ARM_PCS_VFP
#define VFP_CLOBBERS , "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7"
#else
#define VFP_CLOBBERS
#endif
static uint32_t loop_ticks(word fn, word a, word b, word c, uint32_t k)
{
	uint32_t t;

	if (fn)
		__asm__ volatile("isb\n\t"
				 "mrrc p15, 1, r0, r1, c14\n\t"
				 "mov %[t], r0\n"
				 "1:\n\t"
				 "mov r0, %[a]\n\t"
				 "mov r1, %[b]\n\t"
				 "mov r2, %[c]\n\t"
				 "blx %[fn]\n\t"
				 "subs %[k], %[k], #1\n\t"
				 "bne 1b\n\t"
				 "isb\n\t"
				 "mrrc p15, 1, r0, r1, c14\n\t"
				 "sub %[t], r0, %[t]"
				 : [t] "=&r"(t), [k] "+r"(k)
				 : [fn] "r"(fn), [a] "r"(a), [b] "r"(b), [c] "r"(c)
				 : "r0", "r1", "r2", "r3", "r12", "lr", "cc",
				   "memory" VFP_CLOBBERS);
	else
		__asm__ volatile("isb\n\t"
				 "mrrc p15, 1, r0, r1, c14\n\t"
				 "mov %[t], r0\n"
				 "1:\n\t"
				 "mov r0, %[a]\n\t"
				 "mov r1, %[b]\n\t"
				 "mov r2, %[c]\n\t"
				 "subs %[k], %[k], #1\n\t"
				 "bne 1b\n\t"
				 "isb\n\t"
				 "mrrc p15, 1, r0, r1, c14\n\t"
				 "sub %[t], r0, %[t]"
				 : [t] "=&r"(t), [k] "+r"(k)
				 : [a] "r"(a), [b] "r"(b), [c] "r"(c)
				 : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
	return t;
}

static uint32_t min_ticks(word fn, word a, word b, word c, uint32_t k)
{
	uint32_t best = UINT32_MAX;

	for (int s = 0; s < SAMPLES; s++) {
		uint32_t t = loop_ticks(fn, a, b, c, k);

		if (t < best)
			best = t;
	}
	return best;
}

/* Calls per sample for a given size: a sample is at least a few thousand instructions. */
static uint32_t calls_per_sample(unsigned int size)
{
	uint32_t k = 32768 / (size + 16);

	return k > 1024 ? 1024 : k < 2 ? 2 : k;
}

/* Instructions per call of fn(a, b, c), the loop's own cost subtracted. */
static double per_call(word fn, word a, word b, word c, unsigned int size)
{
	uint32_t k = calls_per_sample(size);
	loop_ticks(fn, a, b, c, 1); /* warm: first-touch faults on Linux */
	uint32_t with = min_ticks(fn, a, b, c, k);
	uint32_t without = min_ticks(0, a, b, c, k);
	return 16.0 * ((double)with - (double)without) / k;
}

/* A string of n non-NUL bytes at s (no byte equal to 'z'), NUL-terminated. */
static void make_string(unsigned char *s, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		s[i] = (unsigned char)('a' + i % 25);
	s[n] = 0;
}

/* One figure: routine r at size n, aligned (u = 0) or unaligned (u = 1). */
static double measure(int r, unsigned int n, int u)
{
	unsigned char *a = buf_a + BASE, *b = buf_b + BASE;
	double v = 0;

	switch (r) {
	case COL_MEMCPY:
		v = per_call(fn_memcpy, (word)(b + 3 * u), (word)(a + u), n, n);
		break;
	case COL_UP: /* dst above src, overlapping */
		v = per_call(fn_memmove, (word)(a + (u ? 3 : 8)), (word)(a + u), n, n);
		break;
	case COL_DOWN:
		v = per_call(fn_memmove, (word)(a + u), (word)(a + (u ? 3 : 8)), n, n);
		break;
	case COL_MEMSET:
		v = per_call(fn_memset, (word)(b + 3 * u), 0x5a, n, n);
		break;
	case COL_MEMCMP:
		memset(a, 0x77, n + 8);
		memset(b, 0x77, n + 8);
		v = per_call(fn_memcmp, (word)(a + u), (word)(b + 3 * u), n, n);
		break;
	case COL_STRLEN:
		make_string(a + u, n);
		v = per_call(fn_strlen, (word)(a + u), 0, 0, n);
		break;
	case COL_STRCMP:
		make_string(a + u, n);
		make_string(b + 3 * u, n);
		v = per_call(fn_strcmp, (word)(a + u), (word)(b + 3 * u), 0, n);
		break;
	case COL_STRCHR:
		make_string(a + u, n);
		a[u + n - 1] = 'z';
		v = per_call(fn_strchr, (word)(a + u), 'z', 0, n);
		break;
	}
	return v;
}

static unsigned int size_at(unsigned int i)
{
	return i < 64 ? i + 1 : big_sizes[i - 64];
}

static double fig[NSIZES][NCOL];

static void measure_all(void)
{
	fn_memcpy = (word)memcpy;
	fn_memmove = (word)memmove;
	fn_memset = (word)memset;
	fn_memcmp = (word)memcmp;
	fn_strlen = (word)strlen;
	fn_strcmp = (word)strcmp;
	fn_strchr = (word)strchr;
	memset(buf_a, 1, sizeof(buf_a));
	memset(buf_b, 1, sizeof(buf_b));
	for (unsigned int i = 0; i < NSIZES; i++)
		for (int c = 0; c < NCOL; c++)
			fig[i][c] = measure(c / 2, size_at(i), c % 2);
}

#ifdef __linux__
/* The peer: glibc's figures, one line per size, in the columns of glibc_targets.h. */
int main(void)
{
	measure_all();
	for (unsigned int i = 0; i < NSIZES; i++) {
		printf("glibc.n%u:", size_at(i));
		for (int c = 0; c < NCOL; c++)
			printf(" %.2f", fig[i][c]);
		printf("\n");
	}
	return 0;
}
#else
int main(void)
{
	double worst[NCOL];
	unsigned int worst_at[NCOL];
	unsigned int missed = 0, col_missed[NCOL] = {0};

	if (bench_start())
		return 2;
	if (sizeof(glibc_targets) / sizeof(glibc_targets[0]) != NSIZES) {
		printf("glibc_targets.h does not match the sizes measured\n");
		return 2;
	}
	measure_all();

	printf("guest instructions per call; '!': above glibc's (glibc_targets.h) by more than "
	       "the\n");
	printf("resolution (16 / calls per sample)\n");
	printf("%6s", "size");
	for (int r = 0; r < NROUT; r++)
		printf(" %13.13s", rout_name[r]);
	printf("\n%6s", "");
	for (int r = 0; r < NROUT; r++)
		printf(" %6s %6s", "align", "unal");
	printf("\n");
	for (int c = 0; c < NCOL; c++) {
		worst[c] = 0;
		worst_at[c] = 0;
	}
	for (unsigned int i = 0; i < NSIZES; i++) {
		unsigned int n = size_at(i);

		if (glibc_targets[i].size != n) {
			printf("glibc_targets.h: row %u is for size %u, not %u\n", i,
			       glibc_targets[i].size, n);
			return 2;
		}
		printf("%6u", n);
		for (int c = 0; c < NCOL; c++) {
			double t = glibc_targets[i].insns[c], ratio = fig[i][c] / t;
			int miss = fig[i][c] > t + 32.0 / calls_per_sample(n);

			printf(" %6.1f%c", fig[i][c], miss ? '!' : ' ');
			missed += miss;
			col_missed[c] += miss;
			if (ratio > worst[c]) {
				worst[c] = ratio;
				worst_at[c] = n;
			}
		}
		printf("\n");
	}
	printf("%u of %u figures above glibc's\n", missed, (unsigned int)(NSIZES * NCOL));
	for (unsigned int i = 0; i < NSIZES; i++)
		for (int c = 0; c < NCOL; c++) {
			unsigned int n = size_at(i);
			double t = glibc_targets[i].insns[c];

			if (fig[i][c] > t + 32.0 / calls_per_sample(n))
				printf("  above: %s %s, %u B: %.1f (glibc %.1f)\n",
				       rout_name[c / 2], c % 2 ? "unaligned" : "aligned", n,
				       fig[i][c], t);
		}

	/* Every row is checked above; per column, the worst ratio and the number of misses. */
	for (int c = 0; c < NCOL; c++) {
		char what[80];

		snprintf(what, sizeof(what), "%s %s: sizes above (worst x%.2f at %u B)",
			 rout_name[c / 2], c % 2 ? "unal." : "aligned", worst[c], worst_at[c]);
		report(what, col_missed[c], 0);
	}

	/* The fixed targets. */
	unsigned int last = NSIZES - 1; /* 64 KiB */
	report("memcpy 64 KiB aligned, per KiB", fig[last][2 * COL_MEMCPY] / 64, 310);
	report("memcpy 64 KiB unaligned, per KiB", fig[last][2 * COL_MEMCPY + 1] / 64, 310);
	report("memset 64 KiB aligned, per KiB", fig[last][2 * COL_MEMSET] / 64, 300);
	report("memset 64 KiB unaligned, per KiB", fig[last][2 * COL_MEMSET + 1] / 64, 300);
	double mm = 0;
	for (int c = 2 * COL_UP; c < 2 * COL_DOWN + 2; c++)
		if (fig[63][c] > mm)
			mm = fig[63][c];
	report("memmove 64 overlapping bytes (worst of 4)", mm, 40);
	double m8 = fig[7][2 * COL_MEMCPY] > fig[7][2 * COL_MEMCPY + 1]
			    ? fig[7][2 * COL_MEMCPY]
			    : fig[7][2 * COL_MEMCPY + 1];
	report("memcpy 8 bytes (worst of aligned, unaligned)", m8, 25);
	return bench_finish();
}
#endif
