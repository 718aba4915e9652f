/*
 * /proc/self/status: the Name, State and Pid lines, the "Key:\t%8lu kB" layout of the Vm*
 * lines, and how VmSize, VmData, VmRSS, VmHWM, VmPeak and VmLck follow mmap, writes, reads
 * (the zero page is in no rss), mlock and munmap. Builds and passes on Linux too:
 *   cc -Wall -o /tmp/t tests/qemu/proc_status.c && /tmp/t
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PS 4096UL

/* Linux updates its hiwater_rss from approximate per-CPU rss counters, which may lag the exact
 * VmRSS by a counter batch; uniarm's figures are exact. */
#if defined(__linux__)
#define HWM_SLACK 1024
#else
#define HWM_SLACK 0
#endif

#include "proc_check.h"

static char status[8192];

static void read_status(void)
{
	CHECK(read_file("/proc/self/status", status, sizeof(status), sizeof(status)) >= 0,
	      "read /proc/self/status: errno %d", errno);
}

/* The line "key:\t...", its value part, or NULL. */
static const char *field(const char *key)
{
	size_t n = strlen(key);

	for (const char *l = status; *l;) {
		if (!strncmp(l, key, n) && l[n] == ':' && l[n + 1] == '\t')
			return l + n + 2;
		l = strchr(l, '\n');
		if (!l)
			break;
		l++;
	}
	return NULL;
}

/* A task_mem line: "Key:\t" then the kB value right-aligned in 8 columns, then " kB". */
static unsigned long kb(const char *key)
{
	const char *v = field(key), *p;
	unsigned long x = 0;

	CHECK(v, "no %s line", key);
	if (!v)
		return 0;
	for (p = v; *p == ' '; p++)
		;
	for (; *p >= '0' && *p <= '9'; p++)
		x = x * 10 + (unsigned long)(*p - '0');
	CHECK((p - v >= 8) && (p - v == 8 || v[0] != ' ') && !strncmp(p, " kB\n", 4),
	      "%s: bad layout <%.20s>", key, v);
	return x;
}

struct vm {
	unsigned long peak, size, lck, hwm, rss, data, stk;
};

static struct vm snapshot(void)
{
	struct vm v;

	read_status();
	v.peak = kb("VmPeak");
	v.size = kb("VmSize");
	v.lck = kb("VmLck");
	v.hwm = kb("VmHWM");
	v.rss = kb("VmRSS");
	v.data = kb("VmData");
	v.stk = kb("VmStk");
	kb("VmSwap");
	CHECK(v.peak >= v.size && v.hwm >= v.rss && v.size >= v.rss,
	      "peak %lu size %lu hwm %lu rss %lu", v.peak, v.size, v.hwm, v.rss);
	return v;
}

int main(int argc, char **argv)
{
	char name[16], want[32];
	const char *base, *v;
	struct vm a, b, c, d, e;

	(void)argc;
	printf("proc_status: start\n");
	read_status();
	/* Name: the program's name, cut to 15 characters like Linux's comm. */
	base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	snprintf(name, sizeof(name), "%s", base);
	snprintf(want, sizeof(want), "%s\n", name);
	v = field("Name");
	CHECK(v && !strncmp(v, want, strlen(want)), "Name: <%.20s>, want <%s>", v ? v : "", name);
	v = field("State");
	CHECK(v && !strncmp(v, "R (running)\n", 12), "State: <%.20s>", v ? v : "");
	v = field("Pid");
	CHECK(v && atoi(v) == (int)getpid(), "Pid: <%.10s> vs %d", v ? v : "", (int)getpid());
	CHECK(field("Tgid") && atoi(field("Tgid")) == (int)getpid(), "Tgid");
	CHECK(field("Threads") && atoi(field("Threads")) == 1, "Threads");
	fputs(status, stdout);

	a = snapshot();
	/* 4 MiB mapped: VmSize and VmData grow by it at once, VmRSS only when touched. */
	char *p = mmap(NULL, 1024 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	if (p == MAP_FAILED)
		return 1;
	b = snapshot();
	CHECK(b.size >= a.size + 4096 && b.data >= a.data + 4096,
	      "after mmap: size %lu->%lu "
	      "data %lu->%lu",
	      a.size, b.size, a.data, b.data);
	CHECK(b.rss < a.rss + 256, "untouched memory is not resident: rss %lu->%lu", a.rss, b.rss);
	/* Reading maps the shared zero page, which is in no rss. */
	volatile char sum = 0;
	for (unsigned long i = 0; i < 256; i++)
		sum += p[i * PS];
	c = snapshot();
	CHECK(c.rss < b.rss + 256, "zero-page reads: rss %lu->%lu", b.rss, c.rss);
	for (unsigned long i = 0; i < 1024; i++)
		p[i * PS] = (char)i;
	d = snapshot();
	CHECK(d.rss >= c.rss + 4000, "after writing 4 MiB: rss %lu->%lu", c.rss, d.rss);
	CHECK(d.hwm >= d.rss, "hwm %lu rss %lu", d.hwm, d.rss);
	/* mlock counts in VmLck. */
	CHECK(!mlock(p, 16 * PS), "mlock: errno %d", errno);
	e = snapshot();
	CHECK(e.lck >= d.lck + 64, "VmLck %lu->%lu", d.lck, e.lck);
	CHECK(!munlock(p, 16 * PS), "munlock: errno %d", errno);
	/* Unmapped: the memory leaves VmSize and VmRSS, the peaks remember it. */
	CHECK(!munmap(p, 1024 * PS), "munmap: errno %d", errno);
	e = snapshot();
	CHECK(e.rss + 4000 <= d.rss && e.size + 4096 <= d.size,
	      "after munmap: rss %lu->%lu size %lu->%lu", d.rss, e.rss, d.size, e.size);
	CHECK(e.hwm + HWM_SLACK >= d.rss && e.peak >= d.size,
	      "peaks: hwm %lu (rss was %lu), peak %lu (size was %lu)", e.hwm, d.rss, e.peak,
	      d.size);
	printf("rss %lu -> %lu -> %lu kB, hwm %lu kB\n", a.rss, d.rss, e.rss, e.hwm);

	if (failures) {
		printf("proc_status: %d checks failed\n", failures);
		return 1;
	}
	printf("proc_status: all checks passed\n");
	return 0;
}
