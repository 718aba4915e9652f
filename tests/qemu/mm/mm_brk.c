/*
 * brk/sbrk and malloc on top of them. argv[1]: "brk" (the break itself), "stress" (100,000
 * random malloc/calloc/realloc/free operations with every block's contents checked), or nothing
 * for both.
 *
 * The break is moved with sbrk only while nothing else can: no printf (which may malloc a buffer)
 * and no malloc between growing it and putting it back; results are printed afterwards.
 */
#include "mm_check.h"

static void brk_cases(void)
{
	char *b0, *b1, *old, *r;
	int e;

	/* A page-aligned break to start from: growing from it gives whole fresh pages. */
	b0 = sbrk(0);
	b1 = sbrk(0);
	CHECK("sbrk_0_stable", b0 == b1 && b0 != (char *)-1, "got %p then %p", b0, b1);
	old = sbrk((intptr_t)(PAGE_UP(b0) - (uintptr_t)b0));
	CHECK("sbrk_align_to_page", old == b0, "got %p, expected %p", old, b0);
	b0 = sbrk(0);

	/* Grow, shrink, grow again and go back; the results are printed once the break is back. */
	const size_t n = 3 * PG + 100;
	char *g_old = sbrk((intptr_t)n);
	char *g_brk = sbrk(0);
	long g_zero = g_old == b0 ? nonzero(g_old, n) : -2;
	if (g_old == b0)
		fill(g_old, n, 1);
	long g_bad = g_old == b0 ? verify(g_old, n, 1) : -2;
	long g_res = g_old == b0 ? resident(b0, PAGE_UP(n)) : -2;
	/* Shrink: the pages wholly above the new break are unmapped. */
	char *s_old = sbrk(-(intptr_t)(2 * PG + 100));
	char *s_brk = sbrk(0);
	int s_tail = mapped(b0 + 2 * PG, 2 * PG);
	int s_head = mapped(b0, PG);
	long s_bad = verify(b0, PG, 1);
	/* Growing again gives fresh zero pages, not the old contents. */
	char *r_old = sbrk((intptr_t)(2 * PG));
	long r_zero = r_old == b0 + PG ? nonzero(b0 + PG, 2 * PG) : -2;
	sbrk(-(intptr_t)(3 * PG));
	b1 = sbrk(0);

	CHECK("sbrk_grow_returns_old_break", g_old == b0, "got %p, expected %p", g_old, b0);
	CHECK("sbrk_grow_moves_break", g_brk == b0 + n, "got %p, expected %p", g_brk, b0 + n);
	CHECK("sbrk_grow_reads_zero", g_zero == -1, "byte %ld not zero", g_zero);
	CHECK("sbrk_grow_writable", g_bad == -1, "byte %ld wrong", g_bad);
	CHECK_EQ("sbrk_grow_written_pages_resident", g_res, 4);
	CHECK("sbrk_shrink_returns_old_break", s_old == b0 + n, "got %p, expected %p", s_old,
	      b0 + n);
	CHECK("sbrk_shrink_moves_break", s_brk == b0 + PG, "got %p, expected %p", s_brk, b0 + PG);
	CHECK_EQ("sbrk_shrink_unmaps_pages_above", s_tail, 0);
	CHECK_EQ("sbrk_shrink_keeps_pages_below", s_head, 1);
	CHECK("sbrk_shrink_keeps_contents_below", s_bad == -1, "byte %ld wrong", s_bad);
	CHECK("sbrk_regrow", r_old == b0 + PG, "got %p, expected %p", r_old, b0 + PG);
	CHECK("sbrk_regrow_reads_zero", r_zero == -1, "byte %ld not zero", r_zero);
	CHECK("sbrk_back_to_start", b1 == b0, "got %p, expected %p", b1, b0);
	CHECK_EQ("sbrk_back_to_start_unmapped", mapped(b0, PG), 0);

	/* A mapping above the break: the heap may grow up to one page below it, no further
	 * (Linux keeps a page between the break and the next mapping). */
	char *m = mmap(b0 + 4 * PG, PG, PROT_READ, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("brk_mapping_above_break", m == b0 + 4 * PG, "got %p/%s", m, errname(errno));
	if (m == b0 + 4 * PG) {
		errno = 0;
		r = sbrk((intptr_t)(5 * PG));
		e = errno;
		b1 = sbrk(0);
		CHECK("brk_into_mapping_fails", r == (char *)-1 && e == ENOMEM, "got %p/%s", r,
		      errname(e));
		CHECK("brk_into_mapping_break_unchanged", b1 == b0, "got %p, expected %p", b1, b0);
		errno = 0;
		r = sbrk((intptr_t)(4 * PG));
		e = errno;
		b1 = sbrk(0);
		if (r == b0)
			sbrk(-(intptr_t)(4 * PG));
		CHECK("brk_up_to_mapping_start_fails", r == (char *)-1 && e == ENOMEM, "got %p/%s",
		      r, errname(e));
		CHECK("brk_up_to_mapping_start_unchanged", b1 == b0, "got %p, expected %p", b1, b0);
		r = sbrk((intptr_t)(3 * PG));
		b1 = sbrk(0);
		errno = 0;
		char *r2 = r == b0 ? sbrk(1) : (char *)-2;
		e = errno;
		char *b2 = sbrk(0);
		if (r == b0)
			sbrk(-(intptr_t)(3 * PG));
		CHECK("brk_up_to_page_below_mapping", r == b0 && b1 == b0 + 3 * PG, "got %p/%p", r,
		      b1);
		CHECK("brk_one_byte_more_fails", r2 == (char *)-1 && e == ENOMEM, "got %p/%s", r2,
		      errname(e));
		CHECK("brk_one_byte_more_unchanged", b2 == b0 + 3 * PG, "got %p", b2);
		CHECK_ZEROED("brk_mapping_untouched", m, PG);
		munmap(m, PG);
	}
	CHECK("brk_back_to_start_after_mapping", sbrk(0) == b0, "got %p", sbrk(0));

	/* Below the start of the heap: the kernel refuses (brk returns the old break), nothing is
	 * freed. What sbrk then returns is libc's business: glibc's reports success for a refused
	 * shrink (its __brk only checks new >= wanted), uniarm's glue -1/ENOMEM; not checked. */
	r = sbrk(-(intptr_t)((uintptr_t)b0 - MMAP_MIN_ADDR));
	b1 = sbrk(0);
	CHECK("brk_below_heap_start_refused", b1 == b0,
	      "break moved to %p (sbrk said %p), expected %p", b1, r, b0);
	{
		char *probe = malloc(64);
		CHECK("brk_below_heap_start_heap_intact", probe != NULL, "malloc failed");
		if (probe) {
			fill(probe, 64, 3);
			CHECK_PATTERN("brk_below_heap_start_heap_usable", probe, 64, 3);
			free(probe);
		}
	}
#ifdef UNIARM
	/* uniarm's heap starts after the program's bss, as Linux's exec puts it. */
	CHECK("brk_uniarm_heap_after_bss",
	      (uintptr_t)b0 >= (uintptr_t)_end && (uintptr_t)b0 < 0xb7000000UL, "break at %p", b0);
#endif
}

/* --- brk() and sbrk() beside direct brk system calls ---------------------------------------- */

#ifdef UNIARM
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
int brk(void *addr); /* libc-glue's; newlib declares none */
static char *sys_brk(void *addr)
{
	return (char *)uniarm_syscall(45 /* __NR_brk */, (long)addr, 0, 0, 0, 0, 0);
}
#else
#include <sys/syscall.h>
static char *sys_brk(void *addr)
{
	return (char *)syscall(SYS_brk, addr);
}
#endif

/*
 * libc's brk()/sbrk() and the kernel's break agree: brk returns 0 or -1/ENOMEM, sbrk the old
 * break or (void *)-1/ENOMEM, and (on uniarm) sbrk sees a break moved by a direct system call.
 * glibc keeps the break it last set, so there sbrk(0) after a direct call is stale until its
 * brk() runs again: noted, not checked. Nothing that may malloc runs while the break is moved.
 */
static void brk_glue_cases(void)
{
	char *b0 = sbrk(0), *k0 = sys_brk(0);
	char *top = (char *)PAGE_UP(b0);

	int g_rc = brk(top + 2 * PG);
	char *g_k = sys_brk(0), *g_s = sbrk(0);
	errno = 0;
	int f_rc = brk((void *)TOP_ADDR);
	int f_e = errno;
	char *f_k = sys_brk(0), *f_s = sbrk(0);
	errno = 0;
	char *o_r = sbrk(INTPTR_MAX);
	int o_e = errno;
	char *o_s = sbrk(0);
	char *d_k = sys_brk(top + 5 * PG); /* direct: libc is not told */
	char *d_s = sbrk(0);
	char *d_r = sbrk((intptr_t)PG);
	char *d_k2 = sys_brk(0);
	int y_rc = brk(d_k2); /* brk() itself always brings libc up to date */
	char *y_s = sbrk(0);
	int back = brk(b0);
	char *b1 = sbrk(0), *k1 = sys_brk(0);

	CHECK("glue_sbrk_0_is_kernel_break", b0 == k0, "sbrk(0) %p, kernel %p", b0, k0);
	CHECK("glue_brk_returns_0", g_rc == 0, "got %d/%s", g_rc, errname(errno));
	CHECK("glue_brk_moves_break", g_k == top + 2 * PG && g_s == g_k,
	      "kernel %p, sbrk(0) %p, expected %p", g_k, g_s, top + 2 * PG);
	CHECK("glue_brk_refused_enomem", f_rc == -1 && f_e == ENOMEM, "got %d/%s", f_rc,
	      errname(f_e));
	CHECK("glue_brk_refused_unchanged", f_k == top + 2 * PG && f_s == f_k,
	      "kernel %p, sbrk(0) %p, expected %p", f_k, f_s, top + 2 * PG);
	CHECK("glue_sbrk_refused_enomem", o_r == (char *)-1 && o_e == ENOMEM, "got %p/%s", o_r,
	      errname(o_e));
	CHECK("glue_sbrk_refused_unchanged", o_s == top + 2 * PG, "sbrk(0) %p", o_s);
	CHECK("glue_direct_brk_moves_break", d_k == top + 5 * PG, "kernel %p, expected %p", d_k,
	      top + 5 * PG);
#ifdef UNIARM
	CHECK("glue_sbrk_0_after_direct_brk", d_s == d_k, "sbrk(0) %p, kernel %p", d_s, d_k);
	CHECK("glue_sbrk_after_direct_brk", d_r == d_k && d_k2 == d_k + PG,
	      "sbrk(PG) returned %p (expected %p), kernel break %p (expected %p)", d_r, d_k, d_k2,
	      d_k + PG);
#else
	t_note("glibc: sbrk(0) %p after a direct brk to %p; sbrk(4096) then returned %p, break %p",
	       d_s, d_k, d_r, d_k2);
#endif
	CHECK("glue_brk_resyncs", y_rc == 0 && y_s == d_k2, "brk %d, sbrk(0) %p, expected %p", y_rc,
	      y_s, d_k2);
	CHECK("glue_brk_back", back == 0 && b1 == b0 && k1 == b0, "brk %d, sbrk(0) %p, kernel %p",
	      back, b1, k1);
}

/* --- malloc stress ------------------------------------------------------------------------ */

#define SLOTS 1024
#define OPS   100000

static struct {
	unsigned char *p;
	size_t size;
	unsigned seed;
} slot[SLOTS];

static uint32_t rng_state = 2463534242u;
static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Mostly small blocks, some medium, a few large ones (up to 64 KiB). */
static size_t rnd_size(void)
{
	uint32_t r = rnd() % 100;
	if (r < 80)
		return 1 + rnd() % 128;
	if (r < 98)
		return 129 + rnd() % 1920;
	return 2049 + rnd() % (64 * 1024 - 2048);
}

static void stress(void)
{
	unsigned long mallocs = 0, callocs = 0, reallocs = 0, frees = 0, final_frees = 0,
		      failures = 0, corrupt = 0, bad_calloc = 0, live = 0, peak_bytes = 0,
		      bytes = 0, misaligned = 0;
	unsigned seed = 1;
	char *brk_before = sbrk(0);

	for (unsigned long op = 0; op < OPS; op++) {
		unsigned i = rnd() % SLOTS;
		if (!slot[i].p) {
			size_t size = rnd_size();
			int zeroed = rnd() % 5 == 0;
			unsigned char *p = zeroed ? calloc(1, size) : malloc(size);
			if (!p) {
				failures++;
				continue;
			}
			if ((uintptr_t)p % 8)
				misaligned++;
			if (zeroed) {
				callocs++;
				if (nonzero(p, size) >= 0)
					bad_calloc++;
			} else {
				mallocs++;
			}
			slot[i].p = p;
			slot[i].size = size;
			slot[i].seed = seed++;
			fill(p, size, slot[i].seed);
			live++;
			bytes += size;
		} else if (rnd() % 2) {
			if (verify(slot[i].p, slot[i].size, slot[i].seed) >= 0)
				corrupt++;
			free(slot[i].p);
			bytes -= slot[i].size;
			slot[i].p = NULL;
			live--;
			frees++;
		} else {
			size_t size = rnd_size(), old = slot[i].size;
			unsigned char *p = realloc(slot[i].p, size);
			if (!p) {
				failures++;
				continue;
			}
			if ((uintptr_t)p % 8)
				misaligned++;
			/* The kept part keeps the pattern; the new part gets it too. */
			if (verify(p, size < old ? size : old, slot[i].seed) >= 0)
				corrupt++;
			if (size > old)
				for (size_t k = old; k < size; k++)
					p[k] = pat(slot[i].seed, k);
			slot[i].p = p;
			slot[i].size = size;
			bytes = bytes - old + size;
			reallocs++;
		}
		if (bytes > peak_bytes)
			peak_bytes = bytes;
	}
	/* Everything is checked once more and freed. */
	for (unsigned i = 0; i < SLOTS; i++) {
		if (!slot[i].p)
			continue;
		if (verify(slot[i].p, slot[i].size, slot[i].seed) >= 0)
			corrupt++;
		free(slot[i].p);
		bytes -= slot[i].size;
		slot[i].p = NULL;
		live--;
		final_frees++;
	}
	t_note("%lu malloc, %lu calloc, %lu realloc, %lu free; peak %lu bytes live; break %p -> %p",
	       mallocs, callocs, reallocs, frees + final_frees, peak_bytes, brk_before, sbrk(0));
	CHECK_EQ("malloc_stress_ops", mallocs + callocs + reallocs + frees, OPS);
	CHECK_EQ("malloc_stress_no_failures", failures, 0);
	CHECK_EQ("malloc_stress_no_corruption", corrupt, 0);
	CHECK_EQ("malloc_stress_calloc_zeroed", bad_calloc, 0);
	CHECK_EQ("malloc_stress_aligned_8", misaligned, 0);
	CHECK_EQ("malloc_stress_all_freed", live, 0);
	CHECK_EQ("malloc_stress_no_bytes_left", bytes, 0);
	/* The heap is usable afterwards: one large block, written all over. */
	unsigned char *big = malloc(4 * MiB);
	CHECK("malloc_after_stress_4mib", big != NULL, "malloc failed");
	if (big) {
		fill(big, 4 * MiB, 77);
		CHECK_PATTERN("malloc_after_stress_4mib_contents", big, 4 * MiB, 77);
		free(big);
	}
}

int main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "all";

	printf("mm_brk: brk/sbrk and malloc (%s)\n", which);
	fflush(stdout);
	if (!strcmp(which, "brk") || !strcmp(which, "all")) {
		brk_cases();
		brk_glue_cases();
	}
	if (!strcmp(which, "stress") || !strcmp(which, "all"))
		stress();
	if (strcmp(which, "brk") && strcmp(which, "stress") && strcmp(which, "all"))
		t_fail("args", "unknown case '%s' (brk, stress)", which);
	return t_finish();
}
