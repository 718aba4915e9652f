/*
 * Every system call handed a pointer to the runtime's memory fails with EFAULT and changes
 * nothing, while the application's own memory (its rodata, data, bss and stack) still works
 * (issue 11). The application runs in USR mode, linked on its own at 0x00010000; the runtime
 * lives above TASK_SIZE (0xbf000000): its linear map of RAM from PAGE_OFFSET (0xc0000000), its
 * image (text, rodata, data, the embedded application file, bss and stacks) from 0xc0200000,
 * and the vmalloc area up to 0xff800000. access_ok (platform/uaccess.h) admits [0, TASK_SIZE)
 * without wrapping and nothing else.
 *
 * The application can no longer link against runtime symbols, so instead of naming runtime
 * objects the test walks the runtime's address space, which covers every one of them whatever
 * the image's layout:
 *   - [TASK_SIZE, PAGE_OFFSET) at 64 KiB steps;
 *   - the linear map below the image, [0xc0000000, 0xc0200000), page by page;
 *   - the image region [0xc0200000, 0xc1200000) page by page (16 MiB: more than any image built
 *     today), and a few misaligned addresses in its first pages;
 *   - the rest of the linear map, up to PAGE_OFFSET + the RAM size (sysinfo), at 64 KiB steps
 *     (larger with more than 128 MiB of RAM: at most 2048 addresses);
 *   - from there to 0xff000000 (the vmalloc area included) at 1 MiB steps, on to the end of
 *     vmalloc (0xff800000) at 64 KiB steps, to 0xfff00000 at 1 MiB steps, and the top words
 *     (0xffff0000, 0xfffff000, 0xfffffffc).
 * Each address gets the calls that read from the pointer first, over every region (write to
 * the console, open), then the calls that write to it (read from /dev/zero, clock_gettime,
 * getrusage, sysinfo, times, fstat64, getresuid32's put_user): on a runtime with a hole the
 * first phase reports it before the second can wreck the runtime. Every call must give -EFAULT.
 * "Changes nothing" is checked through what the application can see of the runtime's data:
 * its credentials, resource limits and RAM figures are the same after each region.
 *
 * Then the edges of access_ok, on the main stack whose top is TASK_SIZE (STACK_TOP): buffers
 * that end exactly at TASK_SIZE work, buffers that cross it fail and write nothing below it,
 * lengths that wrap fail, and a length of 0 is accepted at TASK_SIZE and refused above it
 * (Linux's rules: access_ok comes before any other check). The top bytes of the stack (the
 * AT_EXECFN string) are saved and put back around each case.
 *
 * The calls are made raw (uniarm_syscall) as in efault.c: newlib's wrappers would copy through
 * structs of their own. EFAULT is 14 in newlib and Linux alike.
 */
#include "mm/mm_check.h"

/* The Linux ARM EABI numbers (runtime/uapi.h). */
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
#define NR_read		 3
#define NR_write	 4
#define NR_open		 5
#define NR_close	 6
#define NR_times	 43
#define NR_getrusage	 77
#define NR_sysinfo	 116
#define NR_fstat64	 197
#define NR_getresuid32	 209
#define NR_getresgid32	 211
#define NR_prlimit64	 369
#define NR_clock_gettime 403 /* clock_gettime64 */
#define RUSAGE_SELF_	 0
#define CLOCK_MONOTONIC_ 1
#define O_RDONLY_LINUX	 0
#define RLIMIT_STACK_	 3
#define RLIMIT_NOFILE_	 7
#define RLIMIT_MEMLOCK_	 8

#define TASK_SIZE_   0xbf000000UL
#define PAGE_OFFSET_ 0xc0000000UL
#define IMAGE_START  0xc0200000UL /* PAGE_OFFSET + TEXT_OFFSET */
#define IMAGE_END    0xc1200000UL /* 16 MiB: beyond the bss and stacks of any image */
#define VMALLOC_END_ 0xff800000UL

/* The application's own static data: the positive controls. */
static const char app_rodata[] = "app!";
static char app_data[32] = "data";
static long long app_bss[16]; /* room for struct rusage (72 bytes) */

static int zero_fd;

static long sc(long nr, long a, long b, long c)
{
	long r = uniarm_syscall(nr, a, b, c, 0, 0, 0);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/* The calls, each with the probed address as its only pointer to check. */
static uint32_t ids[3];

static long c_write(unsigned long p)
{
	return uniarm_syscall(NR_write, 1, (long)p, 4, 0, 0, 0);
}

static long c_open(unsigned long p)
{
	return uniarm_syscall(NR_open, (long)p, O_RDONLY_LINUX, 0, 0, 0, 0);
}

static long c_read(unsigned long p)
{
	return uniarm_syscall(NR_read, zero_fd, (long)p, 4, 0, 0, 0);
}

static long c_clock_gettime(unsigned long p)
{
	return uniarm_syscall(NR_clock_gettime, CLOCK_MONOTONIC_, (long)p, 0, 0, 0, 0);
}

static long c_getrusage(unsigned long p)
{
	return uniarm_syscall(NR_getrusage, RUSAGE_SELF_, (long)p, 0, 0, 0, 0);
}

static long c_sysinfo(unsigned long p)
{
	return uniarm_syscall(NR_sysinfo, (long)p, 0, 0, 0, 0, 0);
}

static long c_times(unsigned long p)
{
	return uniarm_syscall(NR_times, (long)p, 0, 0, 0, 0, 0);
}

static long c_fstat64(unsigned long p)
{
	return uniarm_syscall(NR_fstat64, zero_fd, (long)p, 0, 0, 0, 0);
}

static long c_getresuid(unsigned long p)
{
	return uniarm_syscall(NR_getresuid32, (long)&ids[0], (long)&ids[1], (long)p, 0, 0, 0);
}

struct call {
	const char *name;
	long (*fn)(unsigned long p);
};

/* Phase 1: the calls that only read through the pointer. */
static const struct call reading_calls[] = {
	{"write(1, p, 4)", c_write},
	{"open(p, O_RDONLY)", c_open},
};

/* Phase 2: the calls that write through it. */
static const struct call writing_calls[] = {
	{"read(/dev/zero, p, 4)", c_read},
	{"clock_gettime(CLOCK_MONOTONIC, p)", c_clock_gettime},
	{"getrusage(RUSAGE_SELF, p)", c_getrusage},
	{"sysinfo(p)", c_sysinfo},
	{"times(p)", c_times},
	{"fstat64(/dev/zero, p)", c_fstat64},
	{"getresuid32(.., .., p)", c_getresuid},
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A run of probes: count addresses start, start + step, ...; or the listed points. */
struct region {
	const char *name;
	unsigned long start, step, count;
	const unsigned long *points;
};

static const unsigned long image_odd[] = {
	IMAGE_START + 1,    IMAGE_START + 2,	    IMAGE_START + 3,
	IMAGE_START + 4095, IMAGE_START + 4096 + 6, IMAGE_START + 8192 - 1,
};
static const unsigned long top_points[] = {0xffff0000UL, 0xfffff000UL, 0xfffffffcUL};

static struct region regions[16];
static unsigned int nr_regions;

static void add_region(const char *name, unsigned long start, unsigned long end, unsigned long step)
{
	regions[nr_regions++] = (struct region){name, start, step, (end - start) / step, NULL};
}

static void add_points(const char *name, const unsigned long *points, unsigned long count)
{
	regions[nr_regions++] = (struct region){name, 0, 0, count, points};
}

static unsigned long region_addr(const struct region *r, unsigned long i)
{
	return r->points ? r->points[i] : r->start + i * r->step;
}

/* linux/sysinfo.h on 32-bit ARM (64 bytes). */
struct linux_sysinfo_ {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char f[8];
};

/* What the application sees of the runtime's data and may compare before and after. */
struct visible {
	unsigned long totalram, mem_unit;
	unsigned short procs;
	uint32_t uids[3], gids[3];
	unsigned long long rlim[3][2];
	long ok;
};

static void snapshot(struct visible *v)
{
	static const int res[3] = {RLIMIT_STACK_, RLIMIT_NOFILE_, RLIMIT_MEMLOCK_};
	struct linux_sysinfo_ si;

	memset(v, 0, sizeof(*v));
	memset(&si, 0, sizeof(si));
	v->ok = !sc(NR_sysinfo, (long)&si, 0, 0) &&
		!sc(NR_getresuid32, (long)&v->uids[0], (long)&v->uids[1], (long)&v->uids[2]) &&
		!sc(NR_getresgid32, (long)&v->gids[0], (long)&v->gids[1], (long)&v->gids[2]);
	for (int i = 0; i < 3; i++)
		v->ok &= !uniarm_syscall(NR_prlimit64, 0, res[i], 0, (long)v->rlim[i], 0, 0);
	v->totalram = si.totalram;
	v->mem_unit = si.mem_unit;
	v->procs = si.procs;
}

static int same_visible(const struct visible *a, const struct visible *b)
{
	return a->ok && b->ok && a->totalram == b->totalram && a->mem_unit == b->mem_unit &&
	       a->procs == b->procs && !memcmp(a->uids, b->uids, sizeof(a->uids)) &&
	       !memcmp(a->gids, b->gids, sizeof(a->gids)) &&
	       !memcmp(a->rlim, b->rlim, sizeof(a->rlim));
}

static unsigned long total_calls;

/*
 * Every address of r through every call of the phase: one check per region and phase, a FAIL
 * line per call kind that did not give -EFAULT everywhere (with the first such address).
 */
static void probe_region(const struct region *r, const struct call *calls, unsigned int ncalls,
			 const char *phase, const struct visible *before)
{
	char what[200];
	int bad = 0;

	for (unsigned int c = 0; c < ncalls; c++) {
		unsigned long wrong = 0, first = 0;
		long first_r = 0;

		for (unsigned long i = 0; i < r->count; i++) {
			unsigned long p = region_addr(r, i);
			long ret = calls[c].fn(p);

			if (ret != -EFAULT && !wrong++) {
				first = p;
				first_r = ret;
			}
		}
		total_calls += r->count;
		if (wrong) {
			printf("\n  %s: %lu of %lu probes not EFAULT, first at 0x%08lx: got %ld\n",
			       calls[c].name, wrong, r->count, first, first_r);
			bad = 1;
		}
	}
	snprintf(what, sizeof(what), "%s: %lu probes x %u calls that %s", r->name, r->count, ncalls,
		 phase);
	if (bad) {
		t_fail(what, "some calls did not fail with EFAULT (above)");
		return;
	}
	if (before) {
		struct visible after;

		snapshot(&after);
		if (!same_visible(before, &after)) {
			t_fail(what, "all EFAULT, but the runtime's credentials, limits or RAM "
				     "figures changed");
			return;
		}
	}
	snprintf(what + strlen(what), sizeof(what) - strlen(what), ": all EFAULT%s",
		 before ? ", runtime state unchanged" : "");
	t_ok(what);
}

static void setup_regions(void)
{
	static char above_name[64];
	struct linux_sysinfo_ si;
	unsigned long ram = 128 * MiB, ram_end, step = 64 * KiB;

	memset(&si, 0, sizeof(si));
	if (!sc(NR_sysinfo, (long)&si, 0, 0) && si.totalram)
		ram = si.totalram * (si.mem_unit ? si.mem_unit : 1);
	/*
	 * The linear map ends at PAGE_OFFSET + the RAM size, below the vmalloc area. totalram lacks
	 * the pages reserved at boot: rounded up to 16 MiB.
	 */
	ram_end = PAGE_OFFSET_ + ((ram + 16 * MiB - 1) & ~(16 * MiB - 1));
	if (ram_end > 0xf0000000UL || ram_end < IMAGE_END)
		ram_end = ram_end < IMAGE_END ? IMAGE_END : 0xf0000000UL;
	/* At most 2048 probes there (64 KiB steps up to 128 MiB of RAM): the run stays short. */
	while ((ram_end - IMAGE_END) / step > 2048)
		step *= 2;
	snprintf(above_name, sizeof(above_name), "linear map above the image, step %lu KiB",
		 step / KiB);
	printf("RAM %lu MiB: the linear map ends at 0x%08lx\n", ram / MiB, ram_end);

	add_region("[TASK_SIZE, PAGE_OFFSET) step 64 KiB", TASK_SIZE_, PAGE_OFFSET_, 64 * KiB);
	add_region("linear map below the image, step 4 KiB", PAGE_OFFSET_, IMAGE_START, PG);
	add_region("image [0xc0200000, 0xc1200000) step 4 KiB", IMAGE_START, IMAGE_END, PG);
	add_points("image, misaligned addresses", image_odd, ARRAY_SIZE(image_odd));
	add_region(above_name, IMAGE_END, ram_end, step);
	add_region("above RAM to 0xf0000000, step 1 MiB", ram_end, 0xf0000000UL, MiB);
	add_region("vmalloc 0xf0000000-0xff000000, step 1 MiB", 0xf0000000UL, 0xff000000UL, MiB);
	add_region("0xff000000-0xff800000, step 64 KiB", 0xff000000UL, VMALLOC_END_, 64 * KiB);
	add_region("0xff800000 to the top, step 1 MiB", VMALLOC_END_, 0xfff00000UL, MiB);
	add_points("top pages", top_points, ARRAY_SIZE(top_points));
}

static void print_calls(const char *phase, const struct call *calls, unsigned int ncalls)
{
	printf("calls that %s through the pointer p:", phase);
	for (unsigned int c = 0; c < ncalls; c++)
		printf("%s %s", c ? "," : "", calls[c].name);
	printf("\n");
}

static void check_runtime_memory(void)
{
	struct visible before;

	snapshot(&before);
	CHECK("runtime state visible (sysinfo, getresuid32/getresgid32, prlimit64)", before.ok,
	      "a call failed");
	print_calls("read", reading_calls, ARRAY_SIZE(reading_calls));
	for (unsigned int i = 0; i < nr_regions; i++) {
		probe_region(&regions[i], reading_calls, ARRAY_SIZE(reading_calls), "read", NULL);
		fflush(stdout);
	}
	print_calls("write", writing_calls, ARRAY_SIZE(writing_calls));
	for (unsigned int i = 0; i < nr_regions; i++) {
		probe_region(&regions[i], writing_calls, ARRAY_SIZE(writing_calls), "write",
			     &before);
		fflush(stdout);
	}
}

/*
 * The edges of access_ok on the main stack, whose top is TASK_SIZE. The top TOP bytes hold the
 * AT_EXECFN string and a NULL word: saved first and put back after each call.
 */
#define TOP 128
static unsigned char top_saved[TOP], top_after[TOP];
#define TOP_BASE (TASK_SIZE_ - TOP)
#define TOP_PTR	 ((unsigned char *)TOP_BASE)

static void top_fill(int c)
{
	memset(TOP_PTR, c, TOP);
}

/* Keep what the call left and restore the stack's own bytes. */
static void top_restore(void)
{
	memcpy(top_after, TOP_PTR, TOP);
	memcpy(TOP_PTR, top_saved, TOP);
}

static int top_unchanged(int c, unsigned int from)
{
	for (unsigned int i = from; i < TOP; i++)
		if (top_after[i] != (unsigned char)c)
			return 0;
	return 1;
}

static void check_boundary(void)
{
	long r;

	memcpy(top_saved, TOP_PTR, TOP);

	/* clock_gettime: 16 bytes that end at TASK_SIZE work; 8 below and 8 above fail. */
	top_fill(0xa5);
	r = sc(NR_clock_gettime, CLOCK_MONOTONIC_, (long)(TASK_SIZE_ - 16), 0);
	top_restore();
	CHECK_ZERO("clock_gettime into [TASK_SIZE - 16, TASK_SIZE)", r);
	{
		long long ts[2];

		memcpy(ts, top_after + TOP - 16, sizeof(ts));
		CHECK("clock_gettime at the top gave a time",
		      ts[0] >= 0 && ts[1] >= 0 && ts[1] < 1000000000LL, "tv_sec %lld tv_nsec %lld",
		      ts[0], ts[1]);
	}
	top_fill(0xa5);
	errno = 0;
	r = sc(NR_clock_gettime, CLOCK_MONOTONIC_, (long)(TASK_SIZE_ - 8), 0);
	top_restore();
	check_err_("clock_gettime into [TASK_SIZE - 8, TASK_SIZE + 8)", r, errno, EFAULT);
	CHECK("... and nothing written below TASK_SIZE", top_unchanged(0xa5, 0),
	      "bytes below TASK_SIZE changed");

	/* getrusage: struct rusage is 72 bytes. */
	top_fill(0xa5);
	r = sc(NR_getrusage, RUSAGE_SELF_, (long)(TASK_SIZE_ - 72), 0);
	top_restore();
	CHECK_ZERO("getrusage into [TASK_SIZE - 72, TASK_SIZE)", r);
	top_fill(0xa5);
	errno = 0;
	r = sc(NR_getrusage, RUSAGE_SELF_, (long)(TASK_SIZE_ - 68), 0);
	top_restore();
	check_err_("getrusage into [TASK_SIZE - 68, TASK_SIZE + 4)", r, errno, EFAULT);
	CHECK("... and nothing written below TASK_SIZE", top_unchanged(0xa5, 0),
	      "bytes below TASK_SIZE changed");

	/* read from /dev/zero: copy_to_user up to the edge, and across it. */
	top_fill(0x5a);
	r = sc(NR_read, zero_fd, (long)(TASK_SIZE_ - 4), 4);
	top_restore();
	CHECK_EQ("read(/dev/zero, TASK_SIZE - 4, 4)", r, 4);
	CHECK("... zeroed the last 4 bytes only",
	      nonzero(top_after + TOP - 4, 4) < 0 && top_after[TOP - 5] == 0x5a,
	      "bytes at the top not as expected");
	top_fill(0x5a);
	errno = 0;
	r = sc(NR_read, zero_fd, (long)(TASK_SIZE_ - 2), 4);
	top_restore();
	check_err_("read(/dev/zero, TASK_SIZE - 2, 4)", r, errno, EFAULT);
	CHECK("... and nothing written below TASK_SIZE", top_unchanged(0x5a, 0),
	      "bytes below TASK_SIZE changed");

	/* write: copy_from_user up to the edge prints the 4 bytes there; across it, nothing. */
	memcpy(TOP_PTR + TOP - 4, "top\n", 4);
	r = sc(NR_write, 1, (long)(TASK_SIZE_ - 4), 4);
	top_restore();
	CHECK_EQ("write(1, TASK_SIZE - 4, 4)", r, 4);
	errno = 0;
	r = sc(NR_write, 1, (long)(TASK_SIZE_ - 2), 4);
	check_err_("write(1, TASK_SIZE - 2, 4)", r, errno, EFAULT);

	/* Strings: a name that ends at TASK_SIZE without its NUL is EFAULT; with it, ENOENT. */
	top_fill('a');
	errno = 0;
	r = sc(NR_open, (long)(TASK_SIZE_ - 16), O_RDONLY_LINUX, 0);
	top_restore();
	check_err_("open of a name that runs into TASK_SIZE", r, errno, EFAULT);
	top_fill('a');
	TOP_PTR[TOP - 1] = 0;
	errno = 0;
	r = sc(NR_open, (long)(TASK_SIZE_ - 16), O_RDONLY_LINUX, 0);
	top_restore();
	check_err_("open of a name whose NUL is the last byte below TASK_SIZE", r, errno, ENOENT);

	/* Length 0: accepted at TASK_SIZE, refused above it (access_ok before anything). */
	CHECK_EQ("write(1, TASK_SIZE, 0)", sc(NR_write, 1, (long)TASK_SIZE_, 0), 0);
	CHECK_ERR("write(1, PAGE_OFFSET, 0)", sc(NR_write, 1, (long)PAGE_OFFSET_, 0), EFAULT);
	CHECK_ERR("read(/dev/zero, TASK_SIZE + 1, 0)",
		  sc(NR_read, zero_fd, (long)(TASK_SIZE_ + 1), 0), EFAULT);

	/* Lengths that wrap around the top of the address space. */
	CHECK_ERR("write(1, 0x1000, 0xffffffff)", sc(NR_write, 1, 0x1000, (long)0xffffffffUL),
		  EFAULT);
	CHECK_ERR("read(/dev/zero, 0x1000, 0xffffffff)",
		  sc(NR_read, zero_fd, 0x1000, (long)0xffffffffUL), EFAULT);
	CHECK_ERR("write(1, app rodata, up to address 4 after the wrap)",
		  sc(NR_write, 1, (long)app_rodata, (long)(0UL - (unsigned long)app_rodata + 4)),
		  EFAULT);
	memset(app_bss, 0x55, sizeof(app_bss));
	CHECK_ERR("read(/dev/zero, app bss, up to address 16 after the wrap)",
		  sc(NR_read, zero_fd, (long)app_bss, (long)(0UL - (unsigned long)app_bss + 16)),
		  EFAULT);
	CHECK("... and app bss unchanged", app_bss[0] == 0x5555555555555555LL,
	      "app bss was written");
	printf("\n");
}

static void check_app_data(void)
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
	zero_fd = (int)sc(NR_open, (long)"/dev/zero", O_RDONLY_LINUX, 0);
	if (zero_fd < 0) {
		printf("FAIL setup: open /dev/zero: %s\n", errname(errno));
		return 1;
	}
	check_app_data();
	check_boundary();
	setup_regions();
	check_runtime_memory();
	printf("%lu calls on runtime addresses\n", total_calls);
	/* The application's data still works after the refused calls. */
	CHECK_EQ("write(1, app rodata, 4) after", sc(NR_write, 1, (long)app_rodata, 4), 4);
	printf("\n");
	sc(NR_close, zero_fd, 0, 0);
	return t_finish();
}
