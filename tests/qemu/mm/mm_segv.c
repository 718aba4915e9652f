/*
 * Accesses that must end the program, and stack/GROWSDOWN growth that must not. argv[1] picks the
 * case. The faulting ones print what they are about to touch, touch it, and must never come
 * back: on Linux the process dies of SIGSEGV (a shell reports status 139), on uniarm the runtime
 * prints "segmentation fault at ADDR: ..." and exits with 139. If the access does come back the
 * program says FAIL and exits 1.
 *
 *   faults, "permission denied": write-ro, write-ro-after-read, write-after-mprotect, read-none,
 *                                 exec-noexec
 *   faults, "no mapping":        unmapped, null, past-brk, after-mremap, stack-overflow,
 *                                 stack-guard-gap, growsdown-gap
 *   must succeed (exit 0):       stack-growth, stack-big-frame, stack-guard-ok, growsdown,
 *                                 read-write-only
 */
#include "mm_check.h"

#ifdef __linux__
#include <signal.h>
/* On the host: print the kind of fault the way uniarm reports it (si_code SEGV_ACCERR is
 * "permission denied", SEGV_MAPERR "no mapping"), then die of the signal all the same. This
 * checks that the expected report of each case is the one Linux's si_code gives. */
static char altstack[64 * 1024];
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	char line[96];
	int n = snprintf(line, sizeof(line), "host: segmentation fault at %08lx: %s\n",
			 (unsigned long)si->si_addr,
			 si->si_code == SEGV_ACCERR   ? "permission denied"
			 : si->si_code == SEGV_MAPERR ? "no mapping"
						      : "other si_code");
	(void)ctx;
	if (write(1, line, (size_t)n) < 0)
		_exit(99);
	signal(sig, SIG_DFL); /* the access is retried and kills the process */
}
static void report_faults(void)
{
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaltstack(&ss, NULL);
	sigaction(SIGSEGV, &sa, NULL);
}
#endif

/* Addresses go through this, so that the compiler cannot see (and "optimise") a NULL or a
 * known-bad access. */
static volatile uintptr_t launder_zero;
#define OPAQUE(p) ((volatile char *)((uintptr_t)(p) + launder_zero))

static void about_to(const char *what, const volatile void *addr)
{
	printf("mm_segv: %s: touching %p\n", what, (const void *)addr);
	fflush(stdout);
}

static int survived(const char *what)
{
	t_fail(what, "the access did not fault, expected the program to be killed (status 139)");
	return t_finish();
}

/* A function that returns 42, to be copied into a mapping and called. */
#if defined(__x86_64__) || defined(__i386__)
static const unsigned char ret42[] = {0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3}; /* mov $42,%eax; ret */
#elif defined(__arm__) && !defined(__thumb__)
static const unsigned int ret42[] = {0xe3a0002a, 0xe12fff1e}; /* mov r0, #42; bx lr */
#else
static const unsigned char ret42[] = {0};
#endif

/* --- the stack ----------------------------------------------------------------------------- */

static uintptr_t stack_top;

/* Recurse (1 KiB a frame, no tail call) until `bytes` of stack are used below stack_top, or for
 * ever when bytes is 0. Returns the depth reached. */
__attribute__((noinline)) static long recurse(uintptr_t bytes, long depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = 1;
	if (bytes && stack_top - (uintptr_t)frame >= bytes)
		return depth;
	if (!bytes && stack_top - (uintptr_t)frame >= 64 * MiB) {
		t_fail("stack-overflow",
		       "64 MiB of stack used and no fault (RLIMIT_STACK unlimited?)");
		exit(t_finish());
	}
	return recurse(bytes, depth + 1) + frame[sizeof(frame) - 1] - 1;
}

/* One frame of 1 MiB whose lowest byte is touched first. */
__attribute__((noinline)) static int big_frame(void)
{
	volatile char big[1 << 20];

	big[0] = 1;
	big[sizeof(big) / 2] = 2;
	big[sizeof(big) - 1] = 3;
	return big[0] + big[sizeof(big) / 2] + big[sizeof(big) - 1];
}

/* A page-aligned address `below` bytes under the current stack, for a blocking mapping. */
static char *map_below_stack(uintptr_t below)
{
	volatile char here;
	uintptr_t a = ((uintptr_t)&here & ~(PG - 1)) - below;
	char *m = mmap((void *)a, PG, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0);

	if (m != (char *)a) {
		printf("FAIL setup: cannot map %p below the stack: %s\n", (void *)a,
		       errname(errno));
		t_failed++;
		exit(t_finish());
	}
	m[0] = 1;
	return m;
}

/* A MAP_GROWSDOWN mapping of 4 pages with 3 MiB of free space below it. */
static char *growsdown_mapping(void)
{
	char *h = hole(1024);
	return map_or_die(h + 3 * MiB, 4 * PG, RW, ANON_PRIV | MAP_GROWSDOWN | MAP_FIXED);
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	volatile char here;
	char *p, *q;

	stack_top = (uintptr_t)&here;
	printf("mm_segv: case '%s'\n", c);
	fflush(stdout);
#ifdef __linux__
	report_faults();
#endif

	/* --- must fault: permission denied ------------------------------------------------ */
	if (!strcmp(c, "write-ro")) {
		p = map_or_die(NULL, PG, PROT_READ, ANON_PRIV);
		about_to(c, p);
		*OPAQUE(p) = 1;
		return survived(c);
	}
	if (!strcmp(c, "write-ro-after-read")) {
		p = map_or_die(NULL, PG, PROT_READ, ANON_PRIV);
		CHECK_EQ("read-first-reads-zero", *OPAQUE(p + 8), 0);
		about_to(c, p + 8);
		*OPAQUE(p + 8) = 1;
		return survived(c);
	}
	if (!strcmp(c, "write-after-mprotect")) {
		p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
		p[PG] = 1;
		CHECK_ZERO("mprotect-read-only", mprotect(p, 2 * PG, PROT_READ));
		CHECK_EQ("still-readable", p[PG], 1);
		about_to(c, p + PG);
		*OPAQUE(p + PG) = 2;
		return survived(c);
	}
	if (!strcmp(c, "read-none")) {
		p = map_or_die(NULL, PG, PROT_NONE, ANON_PRIV);
		about_to(c, p);
		(void)*OPAQUE(p);
		return survived(c);
	}
	if (!strcmp(c, "exec-noexec")) {
		p = map_or_die(NULL, PG, RW, ANON_PRIV);
		memcpy(p, ret42, sizeof(ret42));
		about_to(c, p);
		int (*fn)(void) = (int (*)(void))(uintptr_t)OPAQUE(p);
		int r = fn();
		printf("mm_segv: the code returned %d\n", r);
		return survived(c);
	}

	/* --- must fault: no mapping ------------------------------------------------------- */
	if (!strcmp(c, "unmapped")) {
		p = map_or_die(NULL, PG, RW, ANON_PRIV);
		p[0] = 1;
		munmap(p, PG);
		about_to(c, p);
		(void)*OPAQUE(p);
		return survived(c);
	}
	if (!strcmp(c, "null")) {
		about_to(c, OPAQUE(0));
		(void)*OPAQUE(0);
		return survived(c);
	}
	if (!strcmp(c, "past-brk")) {
		p = (char *)PAGE_UP(sbrk(0));
		CHECK_EQ("nothing-mapped-past-break", mapped(p, PG), 0);
		about_to(c, p);
		(void)*OPAQUE(p);
		return survived(c);
	}
	if (!strcmp(c, "after-mremap")) {
		char *h = hole(3);
		p = map_or_die(h, PG, RW, ANON_PRIV | MAP_FIXED);
		map_or_die(h + PG, PG, PROT_NONE, ANON_PRIV | MAP_FIXED);
		p[0] = 7;
		q = mremap(p, PG, 2 * PG, MREMAP_MAYMOVE);
		CHECK("moved", q != MAP_FAILED && q != p, "got %p/%s", q, errname(errno));
		CHECK("moved-contents", q != MAP_FAILED && q[0] == 7, "contents lost");
		about_to(c, p);
		(void)*OPAQUE(p);
		return survived(c);
	}
	if (!strcmp(c, "stack-overflow")) {
		about_to(c, (void *)(stack_top - 8 * MiB));
		recurse(0, 0);
		return survived(c);
	}
	if (!strcmp(c, "stack-guard-gap")) {
		/* An accessible mapping 2 MiB below: the stack may not come within 1 MiB of it
		 * (stack_guard_gap), so growing by 1.5 MiB fails. */
		map_below_stack(2 * MiB + PG);
		about_to(c, (void *)(stack_top - 3 * MiB / 2));
		recurse(3 * MiB / 2, 0);
		return survived(c);
	}
	if (!strcmp(c, "growsdown-gap")) {
		p = growsdown_mapping();
		map_or_die(p - 3 * MiB / 2, PG, RW, ANON_PRIV | MAP_FIXED);
		about_to(c, p - MiB);
		(void)*OPAQUE(p - MiB);
		return survived(c);
	}

	/* --- must not fault --------------------------------------------------------------- */
	if (!strcmp(c, "stack-growth")) {
		long depth = recurse(4 * MiB, 0);
		CHECK("stack_growth_4mib", depth > 3000, "depth %ld", depth);
		CHECK("stack_growth_again", recurse(4 * MiB, 0) == depth, "different depth");
		return t_finish();
	}
	if (!strcmp(c, "stack-big-frame")) {
		CHECK_EQ("stack_big_frame_1mib", big_frame(), 6);
		return t_finish();
	}
	if (!strcmp(c, "stack-guard-ok")) {
		/* The same mapping 2 MiB below; growing by 0.5 MiB keeps 1.5 MiB away from it. */
		char *m = map_below_stack(2 * MiB + PG);
		long depth = recurse(MiB / 2, 0);
		CHECK("stack_guard_ok_half_mib", depth > 400, "depth %ld", depth);
		CHECK_EQ("stack_guard_ok_mapping_intact", m[0], 1);
		return t_finish();
	}
	if (!strcmp(c, "growsdown")) {
		p = growsdown_mapping();
		CHECK_EQ("growsdown_below_not_mapped_yet", mapped(p - PG, PG), 0);
		*OPAQUE(p - PG) = 1;
		CHECK_EQ("growsdown_grew_one_page", mapped(p - PG, PG), 1);
		CHECK_EQ("growsdown_value", p[-(long)PG], 1);
		*OPAQUE(p - 256 * KiB) = 2;
		CHECK_EQ("growsdown_grew_256k", mapped(p - 256 * KiB, 256 * KiB), 1);
		CHECK_ZEROED("growsdown_new_pages_zero", p - 256 * KiB + 1, 256 * KiB - PG - 1);
		CHECK_EQ("growsdown_value_256k", *OPAQUE(p - 256 * KiB), 2);
		*OPAQUE(p - MiB) = 3; /* growsdown-gap faults here only because of its mapping */
		CHECK_EQ("growsdown_grew_1mib", mapped(p - MiB, MiB), 1);
		return t_finish();
	}
	if (!strcmp(c, "read-write-only")) {
		/* PROT_WRITE alone: reads are allowed too (no write-only pages on ARM or x86). */
		p = map_or_die(NULL, 2 * PG, PROT_WRITE, ANON_PRIV);
		CHECK_EQ("read_write_only_fresh_reads_zero", *OPAQUE(p + PG), 0);
		*OPAQUE(p) = 5;
		CHECK_EQ("read_write_only_reads_back", *OPAQUE(p), 5);
		return t_finish();
	}

	printf("FAIL args: unknown case '%s'\n", c);
	return 2;
}
