/*
 * Committed-memory accounting under each vm.overcommit_memory mode. argv[1] is the mode the
 * system was booted with (uniarm: the boot argument vm.overcommit_memory=N):
 *
 *   guess  (0)  one request larger than RAM + swap fails, unless MAP_NORESERVE; requests are
 *               judged one by one
 *   always (1)  nothing is refused: 1.5 x RAM of private, shared and heap memory
 *   strict (2)  everything accounted must fit in CommitLimit; MAP_NORESERVE does not help
 *
 * argv[2] is the machine's RAM in MiB, used when /proc/meminfo cannot be read (uniarm may have
 * no /proc): then RAM + 16 MiB is "more than RAM" and RAM / 2 (overcommit_ratio 50, no swap)
 * stands for CommitLimit (the real one is lower: the runtime keeps some RAM).
 *
 * What is accounted (Linux): private writable mappings, the heap, the stack, and shared
 * anonymous memory of any protection (it is shmem); not PROT_NONE or read-only private
 * mappings, nor MAP_NORESERVE ones in modes 0 and 1. Making a read-only private mapping
 * writable (mprotect) and growing one (mremap) are charged then.
 *
 * On the host the mode is whatever /proc/sys/vm/overcommit_memory says: a case for another mode
 * is skipped there (on uniarm a mismatch is a failure: the boot argument did not work).
 */
#include "mm_check.h"

/* In KiB, which a 32-bit unsigned long holds for any RAM size (bytes would not). */
static unsigned long ram_kb, swap_kb, limit_kb;

static int setup(const char *mode, int want_mode, const char *ram_arg)
{
	unsigned long v;

	if (proc_number("/proc/sys/vm/overcommit_memory", NULL, &v)) {
		t_note("/proc/sys/vm/overcommit_memory = %lu", v);
		if ((int)v != want_mode) {
#ifdef __linux__
			t_skip(mode, "the host runs overcommit mode %lu; this case needs %d", v,
			       want_mode);
#else
			t_fail(mode, "overcommit mode %lu, expected %d", v, want_mode);
#endif
			return 0;
		}
	}
	if (proc_number("/proc/meminfo", "MemTotal", &ram_kb)) {
		proc_number("/proc/meminfo", "SwapTotal", &swap_kb);
		proc_number("/proc/meminfo", "CommitLimit", &limit_kb);
		t_note("/proc/meminfo: MemTotal %lu kB, SwapTotal %lu kB, CommitLimit %lu kB",
		       ram_kb, swap_kb, limit_kb);
	} else if (ram_arg) {
		ram_kb = strtoul(ram_arg, NULL, 10) * KiB;
		t_note("no /proc/meminfo: RAM %lu MiB from the arguments", ram_kb / KiB);
	}
	if (!limit_kb)
		limit_kb = ram_kb / 2 + swap_kb;
	if (!ram_kb) {
		t_fail(mode, "RAM size unknown: no /proc/meminfo and no argv[2] (MiB)");
		return 0;
	}
	return 1;
}

/* A size in MiB as bytes, when it fits in three quarters of the address space (else 0: the check
 * is meaningless there, e.g. the host's RAM for a 32-bit build). */
static size_t mib_bytes(const char *name, unsigned long mib)
{
	if (mib > SIZE_MAX / MiB / 4 * 3) {
		t_skip(name, "%lu MiB does not fit in this address space", mib);
		return 0;
	}
	return (size_t)mib * MiB;
}

static void touch_ends(char *p, size_t len)
{
	((volatile char *)p)[0] = 1;
	((volatile char *)p)[len - 1] = 1;
}

static void guess(void)
{
	size_t big = mib_bytes("overcommit_guess", (ram_kb + swap_kb) / KiB + 16);
	size_t part = mib_bytes("overcommit_guess", ram_kb / KiB / 4 * 3);
	char *p;

	if (!big || !part)
		return;
	t_note("more than RAM + swap: %lu MiB", (unsigned long)(big / MiB));
	CHECK_ERR("guess_private_rw_over_ram_enomem", mmap(NULL, big, RW, ANON_PRIV, -1, 0),
		  ENOMEM);
	CHECK_ERR("guess_shared_rw_over_ram_enomem", mmap(NULL, big, RW, ANON_SHARED, -1, 0),
		  ENOMEM);
	CHECK_ERR("guess_shared_read_only_over_ram_enomem",
		  mmap(NULL, big, PROT_READ, ANON_SHARED, -1, 0), ENOMEM);
	p = check_mmap("guess_private_noreserve_over_ram", NULL, big, RW, ANON_PRIV | MAP_NORESERVE,
		       -1, 0);
	if (p) {
		touch_ends(p, big);
		munmap(p, big);
	}
	p = check_mmap("guess_shared_noreserve_over_ram", NULL, big, RW,
		       ANON_SHARED | MAP_NORESERVE, -1, 0);
	if (p) {
		touch_ends(p, big);
		munmap(p, big);
	}
	p = check_mmap("guess_private_read_only_over_ram", NULL, big, PROT_READ, ANON_PRIV, -1, 0);
	if (p) {
		CHECK_ERR("guess_mprotect_writable_over_ram_enomem", mprotect(p, big, RW), ENOMEM);
		CHECK_ZERO("guess_mprotect_writable_one_page", mprotect(p, PG, RW));
		munmap(p, big);
	}
	p = check_mmap("guess_prot_none_over_ram", NULL, big, PROT_NONE, ANON_PRIV, -1, 0);
	if (p)
		munmap(p, big);
	p = map_or_die(NULL, PG, RW, ANON_PRIV);
	CHECK_ERR("guess_mremap_grow_over_ram_enomem", mremap(p, PG, big, MREMAP_MAYMOVE), ENOMEM);
	munmap(p, PG);
	p = map_or_die(NULL, PG, RW, ANON_PRIV | MAP_NORESERVE);
	{
		char *q = mremap(p, PG, big, MREMAP_MAYMOVE);
		CHECK("guess_mremap_grow_noreserve_over_ram", q != MAP_FAILED, "got -1/%s",
		      errname(errno));
		munmap(q != MAP_FAILED ? q : p, q != MAP_FAILED ? big : PG);
	}
	{
		char *b0 = sbrk(0);
		errno = 0;
		char *r = sbrk((intptr_t)big);
		int e = errno;
		char *b1 = sbrk(0);
		if (r != (char *)-1)
			sbrk(-(intptr_t)big);
		CHECK("guess_brk_over_ram_enomem", r == (char *)-1 && e == ENOMEM && b1 == b0,
		      "got %p/%s", r, errname(e));
	}
	/* Requests are judged one at a time: three of 3/4 RAM each all succeed. */
	{
		char *a = mmap(NULL, part, RW, ANON_PRIV, -1, 0);
		char *b = mmap(NULL, part, RW, ANON_PRIV, -1, 0);
		char *c = mmap(NULL, part, RW, ANON_PRIV, -1, 0);
		CHECK("guess_three_times_three_quarters_of_ram",
		      a != MAP_FAILED && b != MAP_FAILED && c != MAP_FAILED, "got %p %p %p", a, b,
		      c);
		if (a != MAP_FAILED)
			munmap(a, part);
		if (b != MAP_FAILED)
			munmap(b, part);
		if (c != MAP_FAILED)
			munmap(c, part);
	}
}

static void always(void)
{
	size_t big = mib_bytes("overcommit_always", ram_kb / KiB * 3 / 2);
	char *p;

	if (!big)
		return;
	t_note("1.5 x RAM: %lu MiB", (unsigned long)(big / MiB));
	p = check_mmap("always_private_rw_1_5_ram", NULL, big, RW, ANON_PRIV, -1, 0);
	if (p) {
		touch_ends(p, big);
		CHECK_EQ("always_private_only_touched_pages_resident", resident(p, big), 2);
		munmap(p, big);
	}
	p = check_mmap("always_shared_rw_1_5_ram", NULL, big, RW, ANON_SHARED, -1, 0);
	if (p) {
		touch_ends(p, big);
		munmap(p, big);
	}
	p = map_or_die(NULL, PG, RW, ANON_PRIV);
	{
		char *q = mremap(p, PG, big, MREMAP_MAYMOVE);
		CHECK("always_mremap_grow_1_5_ram", q != MAP_FAILED, "got -1/%s", errname(errno));
		munmap(q != MAP_FAILED ? q : p, q != MAP_FAILED ? big : PG);
	}
	p = map_or_die(NULL, big, PROT_READ, ANON_PRIV);
	CHECK_ZERO("always_mprotect_writable_1_5_ram", mprotect(p, big, RW));
	munmap(p, big);
	{
		char *b0 = sbrk(0);
		char *r = sbrk((intptr_t)big);
		char *b1 = sbrk(0);
		if (r != (char *)-1) {
			touch_ends(r, big);
			sbrk(-(intptr_t)big);
		}
		CHECK("always_brk_1_5_ram", r == b0 && b1 == b0 + big, "got %p/%s", r,
		      errname(errno));
	}
	/* Twice: 3 x RAM promised at once. */
	{
		char *a = mmap(NULL, big, RW, ANON_PRIV, -1, 0);
		char *b = mmap(NULL, big, RW, ANON_PRIV, -1, 0);
		CHECK("always_two_times_1_5_ram", a != MAP_FAILED && b != MAP_FAILED, "got %p %p",
		      a, b);
		if (a != MAP_FAILED)
			munmap(a, big);
		if (b != MAP_FAILED)
			munmap(b, big);
	}
}

/* Use some stack now, so that growing it later (charged in strict mode) is not needed while the
 * commit limit is reached. */
__attribute__((noinline)) static int use_stack(void)
{
	volatile char buf[64 * 1024];
	buf[0] = 1;
	buf[sizeof(buf) - 1] = 1;
	return buf[0] + buf[sizeof(buf) - 1];
}

#define MAX_CHUNKS 4096

static void strict(void)
{
	size_t over = mib_bytes("overcommit_strict", limit_kb / KiB + 1);
	static char *chunk[MAX_CHUNKS];
	unsigned long n = 0;
	char *p;

	if (!over)
		return;
	use_stack();
	t_note("more than CommitLimit: %lu MiB", (unsigned long)(over / MiB));
	CHECK_ERR("strict_private_rw_over_limit_enomem", mmap(NULL, over, RW, ANON_PRIV, -1, 0),
		  ENOMEM);
	CHECK_ERR("strict_noreserve_ignored_enomem",
		  mmap(NULL, over, RW, ANON_PRIV | MAP_NORESERVE, -1, 0), ENOMEM);
	CHECK_ERR("strict_shared_rw_over_limit_enomem", mmap(NULL, over, RW, ANON_SHARED, -1, 0),
		  ENOMEM);
	CHECK_ERR("strict_shared_read_only_over_limit_enomem",
		  mmap(NULL, over, PROT_READ, ANON_SHARED, -1, 0), ENOMEM);
	p = check_mmap("strict_private_read_only_not_accounted", NULL, over, PROT_READ, ANON_PRIV,
		       -1, 0);
	if (p) {
		CHECK_ERR("strict_mprotect_writable_over_limit_enomem", mprotect(p, over, RW),
			  ENOMEM);
		munmap(p, over);
	}
	p = check_mmap("strict_prot_none_not_accounted", NULL, over, PROT_NONE, ANON_PRIV, -1, 0);
	if (p)
		munmap(p, over);
	p = check_mmap("strict_small_private_rw", NULL, MiB, RW, ANON_PRIV, -1, 0);
	if (p) {
		CHECK_ERR("strict_mremap_grow_over_limit_enomem",
			  mremap(p, MiB, over + MiB, MREMAP_MAYMOVE), ENOMEM);
		munmap(p, MiB);
	}
	{
		char *b0 = sbrk(0);
		errno = 0;
		char *r = sbrk((intptr_t)over);
		int e = errno;
		char *b1 = sbrk(0);
		if (r != (char *)-1)
			sbrk(-(intptr_t)over);
		CHECK("strict_brk_over_limit_enomem", r == (char *)-1 && e == ENOMEM && b1 == b0,
		      "got %p/%s", r, errname(e));
	}

	/* Fill the limit with 1 MiB private mappings (untouched: nothing is really used). */
	while (n < MAX_CHUNKS) {
		p = mmap(NULL, MiB, RW, ANON_PRIV, -1, 0);
		if (p == MAP_FAILED)
			break;
		chunk[n++] = p;
	}
	int fill_errno = errno;
	/* At the limit: results are gathered first, printed after (printing needs no memory, but
	 * keep it simple). */
	errno = 0;
	char *nr = mmap(NULL, MiB, RW, ANON_PRIV | MAP_NORESERVE, -1, 0);
	int nr_errno = errno;
	char *ro = mmap(NULL, MiB, PROT_READ, ANON_PRIV, -1, 0);
	char *b0 = sbrk(0);
	errno = 0;
	char *br = sbrk((intptr_t)MiB);
	int br_errno = errno;
	if (br != (char *)-1)
		sbrk(-(intptr_t)MiB);
	char *again = MAP_FAILED;
	if (n) {
		munmap(chunk[--n], MiB);
		again = mmap(NULL, MiB, RW, ANON_PRIV, -1, 0);
		if (again != MAP_FAILED)
			chunk[n++] = again;
	}
	char *one_more = mmap(NULL, MiB, RW, ANON_PRIV, -1, 0);
	t_note("%lu MiB of private writable mappings fit (CommitLimit %lu MiB)", n, limit_kb / KiB);
	CHECK("strict_fill_stops_with_enomem", n < MAX_CHUNKS && fill_errno == ENOMEM,
	      "%lu chunks, %s", n, errname(fill_errno));
	CHECK("strict_fill_within_limit", n >= 1 && n * KiB <= limit_kb, "%lu MiB, limit %lu MiB",
	      n, limit_kb / KiB);
	CHECK("strict_full_noreserve_enomem", nr == MAP_FAILED && nr_errno == ENOMEM, "got %p/%s",
	      nr, errname(nr_errno));
	CHECK("strict_full_read_only_still_fits", ro != MAP_FAILED, "got -1");
	CHECK("strict_full_brk_enomem", br == (char *)-1 && br_errno == ENOMEM && sbrk(0) == b0,
	      "got %p/%s", br, errname(br_errno));
	CHECK("strict_munmap_uncharges", again != MAP_FAILED,
	      "a freed MiB could not be mapped again");
	CHECK("strict_full_again", one_more == MAP_FAILED, "got %p", one_more);
	if (nr != MAP_FAILED)
		munmap(nr, MiB);
	if (ro != MAP_FAILED)
		munmap(ro, MiB);
	if (one_more != MAP_FAILED)
		munmap(one_more, MiB);
	while (n)
		munmap(chunk[--n], MiB);
	p = mmap(NULL, 2 * MiB, RW, ANON_PRIV, -1, 0);
	CHECK("strict_after_release", p != MAP_FAILED, "got -1/%s", errname(errno));
	if (p != MAP_FAILED)
		munmap(p, 2 * MiB);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *ram_arg = argc > 2 ? argv[2] : NULL;

	printf("mm_overcommit: mode '%s'\n", mode);
	fflush(stdout);
	if (!strcmp(mode, "guess")) {
		if (setup(mode, 0, ram_arg))
			guess();
	} else if (!strcmp(mode, "always")) {
		if (setup(mode, 1, ram_arg))
			always();
	} else if (!strcmp(mode, "strict")) {
		if (setup(mode, 2, ram_arg))
			strict();
	} else {
		t_fail("args", "unknown mode '%s' (guess, always, strict)", mode);
	}
	return t_finish();
}
