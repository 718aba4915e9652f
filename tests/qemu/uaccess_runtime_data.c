/*
 * The runtime's own static data is not the application's: system calls handed a pointer to it
 * fail with EFAULT and change nothing, while the application's static data (linked into the
 * same image, platform/uniarm.ld) still works. access_ok (platform/uaccess.h) admits the
 * ranges [__app_rodata_start, __app_rodata_end) and [__app_data_start, __app_data_end) besides
 * [0, TASK_SIZE); every input section of libuniarm_runtime.a must lie outside both.
 *
 * uniarm-specific: the test links against runtime symbols by name (declared here as opaque
 * byte arrays, so nothing depends on their types) from each kind of runtime section: .data,
 * .bss and .rodata (the runtime is built without common symbols: -fno-common is clang's
 * default, and `llvm-nm libuniarm_runtime.a` shows no C symbol). The runtime's string literals
 * have no names to test here: platform/uniarm.ld keeps them in .runtime.rodata, and every
 * image's link map is checked for runtime sections in the ranges (cmake/uniarm.cmake).
 *
 * The calls are made raw (uniarm_syscall) as in efault.c: newlib's wrappers would copy through
 * structs of their own.
 */
#include "mm/mm_check.h"

/* The Linux ARM EABI numbers (runtime/uapi.h). */
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
#define NR_read		 3
#define NR_write	 4
#define NR_open		 5
#define NR_close	 6
#define NR_getrusage	 77
#define NR_clock_gettime 403 /* clock_gettime64 */
#define RUSAGE_SELF_	 0
#define CLOCK_MONOTONIC_ 1
#define O_RDONLY_LINUX	 0

/* The runtime's objects; the first column says which output section nm puts them in. */
extern char sysctl_max_map_count[]; /* D, runtime .data */
extern char mmap_min_addr[];	    /* D */
extern char init_cred[];	    /* D */
extern char vm_events[];	    /* B, runtime .bss: counters the runtime updates */
extern char app_mm[];		    /* B */
extern char mem_map[];		    /* B */
extern char zero_pfn[];		    /* B */
extern char console_fops[];	    /* R, runtime .rodata */
extern char swapper_pgd[];	    /* R */

/* The application's own static data: the positive controls. */
static const char app_rodata[] = "app!";
static char app_data[32] = "data";
static long long app_bss[16]; /* room for struct rusage (72 bytes) */

static long sc(long nr, long a, long b, long c)
{
	long r = uniarm_syscall(nr, a, b, c, 0, 0, 0);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static const struct target {
	const char *name;
	char *p;
	/* Stable: nothing in the runtime changes it while the test runs, so "unchanged" can be
	 * compared; the counters in vm_events and the mm move with every fault. */
	int stable;
} targets[] = {
	{"sysctl_max_map_count (.data)", sysctl_max_map_count, 1},
	{"mmap_min_addr (.data)", mmap_min_addr, 1},
	{"init_cred (.data)", init_cred, 1},
	{"vm_events (.bss)", vm_events, 0},
	{"app_mm (.bss)", app_mm, 0},
	{"mem_map (.bss)", mem_map, 1},
	{"zero_pfn (.bss)", zero_pfn, 1},
	{"console_fops (.rodata)", console_fops, 1},
	{"swapper_pgd (.rodata)", swapper_pgd, 1},
};
#define NR_TARGETS (sizeof(targets) / sizeof(targets[0]))

/* The most any call here writes: struct rusage (18 longs and 2 timevals, 72 bytes on ARM) is
 * the largest; a snapshot of 16 bytes covers what the smaller objects (swapper_pgd is 4) hold
 * and the first bytes of the others, which a write through the door would hit first. */
#define SNAP 16

static void check_unchanged(const char *name, const struct target *t, const char *before)
{
	char what[160];

	if (!t->stable)
		return;
	snprintf(what, sizeof(what), "%s: %s unchanged", name, t->name);
	CHECK(what, !memcmp(before, t->p, SNAP), "the runtime's bytes changed");
}

static void check_runtime_targets(int zero_fd)
{
	char what[160], before[SNAP];

	/* The calls that only read first: on a runtime with the bug they change nothing. */
	for (size_t i = 0; i < NR_TARGETS; i++) {
		snprintf(what, sizeof(what), "write(1, %s, 4)", targets[i].name);
		CHECK_ERR(what, sc(NR_write, 1, (long)targets[i].p, 4), EFAULT);
	}
	for (size_t i = 0; i < NR_TARGETS; i++) {
		const struct target *t = &targets[i];

		memcpy(before, t->p, SNAP);
		snprintf(what, sizeof(what), "read(/dev/zero, %s, 4)", t->name);
		CHECK_ERR(what, sc(NR_read, zero_fd, (long)t->p, 4), EFAULT);
		check_unchanged("read", t, before);

		memcpy(before, t->p, SNAP);
		snprintf(what, sizeof(what), "clock_gettime(CLOCK_MONOTONIC, %s)", t->name);
		CHECK_ERR(what, sc(NR_clock_gettime, CLOCK_MONOTONIC_, (long)t->p, 0), EFAULT);
		check_unchanged("clock_gettime", t, before);

		memcpy(before, t->p, SNAP);
		snprintf(what, sizeof(what), "getrusage(RUSAGE_SELF, %s)", t->name);
		CHECK_ERR(what, sc(NR_getrusage, RUSAGE_SELF_, (long)t->p, 0), EFAULT);
		check_unchanged("getrusage", t, before);
	}
}

static void check_app_data(int zero_fd)
{
	/* write from the application's rodata, data and bss. */
	CHECK_EQ("write(1, app rodata, 4)", sc(NR_write, 1, (long)app_rodata, 4), 4);
	CHECK_EQ("write(1, app data, 4)", sc(NR_write, 1, (long)app_data, 4), 4);
	CHECK_EQ("write(1, app bss, 4)", sc(NR_write, 1, (long)app_bss, 4), 4);
	printf("\n");

	/* read into the application's data and bss. */
	memset(app_data, 0x55, sizeof(app_data));
	CHECK_EQ("read(/dev/zero, app data, 8)", sc(NR_read, zero_fd, (long)app_data, 8), 8);
	CHECK("app data zeroed by read", nonzero(app_data, 8) < 0 && app_data[8] == 0x55,
	      "bytes 0..8 not as expected");
	memset(app_bss, 0x55, sizeof(app_bss));
	CHECK_EQ("read(/dev/zero, app bss, 8)", sc(NR_read, zero_fd, (long)app_bss, 8), 8);
	CHECK("app bss zeroed by read", app_bss[0] == 0 && app_bss[1] == 0x5555555555555555LL,
	      "bytes 0..16 not as expected");

	/* clock_gettime and getrusage into the application's data and bss. */
	memset(app_bss, 0xff, sizeof(app_bss));
	CHECK_ZERO("clock_gettime(CLOCK_MONOTONIC, app bss)",
		   sc(NR_clock_gettime, CLOCK_MONOTONIC_, (long)app_bss, 0));
	CHECK("clock_gettime filled app bss",
	      app_bss[0] >= 0 && app_bss[1] >= 0 && app_bss[1] < 1000000000LL,
	      "tv_sec %lld tv_nsec %lld", app_bss[0], app_bss[1]);
	CHECK_ZERO("clock_gettime(CLOCK_MONOTONIC, app data)",
		   sc(NR_clock_gettime, CLOCK_MONOTONIC_, (long)app_data, 0));
	CHECK_ZERO("getrusage(RUSAGE_SELF, app bss)",
		   sc(NR_getrusage, RUSAGE_SELF_, (long)app_bss, 0));
}

int main(void)
{
	int zero_fd = (int)sc(NR_open, (long)"/dev/zero", O_RDONLY_LINUX, 0);

	if (zero_fd < 0) {
		printf("FAIL setup: open /dev/zero: %s\n", errname(errno));
		return 1;
	}
	check_app_data(zero_fd);
	check_runtime_targets(zero_fd);
	/* The application's data still works after the refused calls. */
	CHECK_EQ("write(1, app rodata, 4) after", sc(NR_write, 1, (long)app_rodata, 4), 4);
	printf("\n");
	sc(NR_close, zero_fd, 0, 0);
	return t_finish();
}
