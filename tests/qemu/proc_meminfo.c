/*
 * /proc/meminfo: every "kB" line in Linux's layout (label and colon padded to 16 columns, the
 * value right-aligned in 8), the lines uniarm prints present and in Linux's order, and the
 * numbers consistent with sysconf (_SC_PHYS_PAGES is MemTotal) and with each other. Also
 * getpagesize and the sysconf names the glue answers. Builds and passes on Linux too:
 *   cc -Wall -o /tmp/t tests/qemu/proc_meminfo.c && /tmp/t
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proc_check.h"

static char text[16384];

/* uniarm's lines, in its order, which is Linux's order (Linux has more lines in between). */
static const char *const keys[] = {
	"MemTotal",	"MemFree",	  "MemAvailable",  "Buffers",	   "Cached",
	"SwapCached",	"Active",	  "Inactive",	   "Active(anon)", "Inactive(anon)",
	"Active(file)", "Inactive(file)", "Unevictable",   "Mlocked",	   "SwapTotal",
	"SwapFree",	"Dirty",	  "Writeback",	   "AnonPages",	   "Mapped",
	"Shmem",	"KReclaimable",	  "Slab",	   "SReclaimable", "SUnreclaim",
	"KernelStack",	"PageTables",	  "SecPageTables", "NFS_Unstable", "Bounce",
	"WritebackTmp", "CommitLimit",	  "Committed_AS",  "VmallocTotal", "VmallocUsed",
	"VmallocChunk", "Percpu",
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static unsigned long values[NKEYS];

static void read_meminfo(void)
{
	CHECK(read_file("/proc/meminfo", text, sizeof(text), sizeof(text)) >= 0,
	      "read /proc/meminfo: errno %d", errno);
}

/* Check the layout of every line and pick out the keys' values, in order. */
static void parse(void)
{
	size_t next = 0;
	int lines = 0;

	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n'), *colon = strchr(l, ':'), *d, *e;
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		unsigned long v = 0;

		CHECK(nl && colon && colon < nl, "bad line <%.*s>", (int)len, l);
		if (!nl || !colon || colon > nl)
			break;
		lines++;
		for (d = colon + 1; *d == ' '; d++)
			;
		for (e = d; *e >= '0' && *e <= '9'; e++)
			v = v * 10 + (unsigned long)(*e - '0');
		if (e - l >= 3 && !strncmp(e, " kB\n", 4) && strncmp(l, "HardwareCorrupted", 17)) {
			/* show_val_kb: 16 columns of label, at least 8 of value. */
			size_t label = (size_t)(colon - l) + 2 > 16 ? (size_t)(colon - l) + 2 : 16;
			size_t digits = (size_t)(e - d);

			CHECK((size_t)(e - l) == label + (digits > 8 ? digits : 8) && d > colon + 1,
			      "bad layout <%.*s>", (int)len, l);
		}
		if (next < NKEYS && !strncmp(l, keys[next], strlen(keys[next])) &&
		    l + strlen(keys[next]) == colon)
			values[next++] = v;
		l = nl + 1;
	}
	CHECK(next == NKEYS, "line %s missing or out of order", next < NKEYS ? keys[next] : "");
#if !defined(__linux__)
	CHECK(lines == (int)NKEYS, "%d lines, want exactly uniarm's %d", lines, (int)NKEYS);
#endif
}

static unsigned long value(const char *key)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i], key))
			return values[i];
	return 0;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	long phys = sysconf(_SC_PHYS_PAGES), avphys = sysconf(_SC_AVPHYS_PAGES);

	printf("proc_meminfo: start\n");
	read_meminfo();
	parse();
	fputs(text, stdout);

	CHECK(page == 4096 && getpagesize() == 4096 && sysconf(_SC_PAGE_SIZE) == 4096,
	      "page size %ld", page);
	CHECK(sysconf(_SC_CLK_TCK) == 100, "_SC_CLK_TCK %ld", sysconf(_SC_CLK_TCK));
	CHECK(sysconf(_SC_NPROCESSORS_ONLN) >= 1, "_SC_NPROCESSORS_ONLN");
	/* sysinfo's totalram is MemTotal, so _SC_PHYS_PAGES matches it exactly. */
	CHECK(phys > 0 && (unsigned long)phys * 4 == value("MemTotal"),
	      "_SC_PHYS_PAGES %ld vs MemTotal %lu kB", phys, value("MemTotal"));
	CHECK(avphys > 0 && avphys <= phys, "_SC_AVPHYS_PAGES %ld", avphys);
	CHECK(value("MemFree") <= value("MemTotal") && value("MemAvailable") <= value("MemTotal"),
	      "MemFree/MemAvailable above MemTotal");
	CHECK(value("SUnreclaim") <= value("Slab") && value("SwapFree") <= value("SwapTotal"),
	      "Slab or Swap parts");
#if !defined(__linux__)
	errno = 0;
	CHECK(sysconf(_SC_SEM_NSEMS_MAX) == -1 && errno == EINVAL, "unsupported sysconf name");
	/* The numbers are uniarm's own: check them against what the application did. */
	unsigned long anon = value("AnonPages"), avail = value("MemAvailable");
	char *p = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap: errno %d", errno);
	if (p != MAP_FAILED) {
		memset(p, 1, 2 << 20);
		read_meminfo();
		parse();
		CHECK(value("AnonPages") >= anon + 2048, "AnonPages %lu -> %lu kB", anon,
		      value("AnonPages"));
		CHECK(value("MemAvailable") + 2048 <= avail, "MemAvailable %lu -> %lu kB", avail,
		      value("MemAvailable"));
		CHECK(value("Committed_AS") >= 2048, "Committed_AS %lu kB", value("Committed_AS"));
		munmap(p, 2 << 20);
	}
#endif
	if (failures) {
		printf("proc_meminfo: %d checks failed\n", failures);
		return 1;
	}
	printf("proc_meminfo: all checks passed\n");
	return 0;
}
