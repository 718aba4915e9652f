/*
 * Signal benchmark (issue 13): guest instructions per operation under QEMU -icount
 * shift=0,sleep=off, counted by the PMU (apps/bench.h), with the targets of issue 13 (Linux
 * 6.1 + glibc 2.36 on the same QEMU in brackets):
 *   SIGSEGV trap + one-page mprotect + return (Appel-Li, per page)   <= 960 (9,606)
 *   mprotect of one page inside a large mapping                     <= 480 (4,761)
 *   raise + handler + return                                        <= 510 (5,131)
 * Each row checks that it measured what it says: every page of the Appel-Li pass trapped
 * exactly once (the handler counts, and the fault address is the page's); every mprotect
 * call changed one page's protection in a mapping of 4 MiB (split and merged back: the
 * number of lines in /proc/self/maps returns to its value); every raise ran the handler.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "apps/bench.h"

#define PG	4096
#define NPAGES	1024
#define NRAISE	1000
#define NPROT	1000
#define AREA_SZ (4u << 20)

static char *area;
static volatile unsigned traps, wrong_addr, handled;

/* Appel-Li: the first write to a protected page traps; the handler opens that page only. */
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	char *page = (char *)((uintptr_t)si->si_addr & ~(uintptr_t)(PG - 1));

	(void)sig, (void)uc;
	if (page < area || page >= area + NPAGES * PG)
		wrong_addr++;
	mprotect(page, PG, PROT_READ | PROT_WRITE);
	traps++;
}

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static long maps_lines(void)
{
	char buf[256];
	long n = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f))
		n++;
	fclose(f);
	return n;
}

/* The pass over NPAGES protected pages, minus the same pass once they are open. */
static double appel_li(void)
{
	uint32_t t0, t1, t2;

	mprotect(area, NPAGES * PG, PROT_READ);
	t0 = pmu_read_insns();
	for (int i = 0; i < NPAGES; i++)
		((volatile char *)area)[i * PG] = 1;
	t1 = pmu_read_insns();
	for (int i = 0; i < NPAGES; i++)
		((volatile char *)area)[i * PG] = 2;
	t2 = pmu_read_insns();
	return (double)((t1 - t0) - (t2 - t1)) / NPAGES;
}

int main(void)
{
	struct sigaction sa;
	long lines;
	double v;

	if (bench_start())
		return 2;
	printf("%-44s %9s\n", "operation", "instructions");

	area = mmap(NULL, AREA_SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		printf("mmap failed\n");
		return 3;
	}
	for (unsigned i = 0; i < AREA_SZ; i += PG) /* resident: the rows measure no page fill */
		area[i] = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL)) {
		printf("sigaction failed\n");
		return 3;
	}
	appel_li(); /* warm: the handler's and the library's pages */
	traps = 0;
	v = appel_li();
	report("SIGSEGV trap + mprotect + return (per page)", v, 960);
	if (traps != NPAGES || wrong_addr) {
		printf("Appel-Li: %u traps for %d pages, %u at a wrong address: MISSED\n", traps,
		       NPAGES, wrong_addr);
		bench_failures++;
	}
	mprotect(area, AREA_SZ, PROT_READ | PROT_WRITE);

	/* One page in the middle of the 4 MiB mapping, read-only then back: each call splits or
	 * merges the VMA. */
	lines = maps_lines();
	char *mid = area + AREA_SZ / 2;
	v = MEASURE(NPROT, mprotect(mid, PG, (i_ & 1) ? PROT_READ | PROT_WRITE : PROT_READ));
	report("mprotect of one page inside 4 MiB", v, 480);
	if (maps_lines() != lines) {
		printf("mprotect: /proc/self/maps has %ld lines, %ld before: MISSED\n",
		       maps_lines(), lines);
		bench_failures++;
	}

	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	handled = 0;
	v = MEASURE(NRAISE, raise(SIGUSR1));
	report("raise + handler + return", v, 510);
	if (handled != NRAISE) {
		printf("raise: the handler ran %u times for %d raises: MISSED\n", handled, NRAISE);
		bench_failures++;
	}
	return bench_finish();
}
