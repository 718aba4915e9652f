/*
 * /proc/self/smaps and /proc/self/smaps_rollup as Linux 6.1 prints them: each VMA's maps line
 * then Size ... Locked in Linux's order, each "Label:" padded to 16 columns and the kB value to
 * 8, THPeligible, and VmFlags with Linux's two-letter codes and a trailing space; the values of
 * a written private area (Rss, Pss, Private_Dirty, Anonymous), an mlocked one (Locked, "lo") and
 * a read-only one that only read the zero page (no Rss); smaps_rollup's "---p ... [rollup]"
 * header, its field list (Pss_Anon, Pss_File, Pss_Shmem after Pss_Dirty) and that its sums are
 * those of smaps. Builds and passes on Linux too.
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

#define PS 4096UL

static char smaps[65536], rollup[4096];

static const char *const smap_fields[] = {
	"Size",		 "KernelPageSize", "MMUPageSize",     "Rss",	       "Pss",
	"Pss_Dirty",	 "Shared_Clean",   "Shared_Dirty",    "Private_Clean", "Private_Dirty",
	"Referenced",	 "Anonymous",	   "LazyFree",	      "AnonHugePages", "ShmemPmdMapped",
	"FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb", "Swap",	       "SwapPss",
	"Locked",
};
static const char *const rollup_fields[] = {
	"Rss",
	"Pss",
	"Pss_Dirty",
	"Pss_Anon",
	"Pss_File",
	"Pss_Shmem",
	"Shared_Clean",
	"Shared_Dirty",
	"Private_Clean",
	"Private_Dirty",
	"Referenced",
	"Anonymous",
	"LazyFree",
	"AnonHugePages",
	"ShmemPmdMapped",
	"FilePmdMapped",
	"Shared_Hugetlb",
	"Private_Hugetlb",
	"Swap",
	"SwapPss",
	"Locked",
};
#define N(a) (sizeof(a) / sizeof(a[0]))

/* One "Label:   value kB" line at *l, as SEQ_PUT_DEC: the label with its colon padded to 16
 * columns, the value right-aligned in 8, " kB\n". Its value (0 and *ok cleared if the line is
 * not that); *l moves to the next line. */
static unsigned long kb_line(const char **l, const char *label, int *ok)
{
	char want[32], line[80];
	const char *nl = strchr(*l, '\n');
	size_t len = nl ? (size_t)(nl - *l + 1) : strlen(*l);
	unsigned long v = 0;

	snprintf(want, sizeof(want), "%s:", label);
	if (strlen(*l) > 16)
		v = strtoul(*l + 16, NULL, 10);
	snprintf(line, sizeof(line), "%-16s%8lu kB\n", want, v);
	if (len != strlen(line) || strncmp(*l, line, len)) {
		CHECK(0, "expected \"%s:\" line \"%.*s\", got \"%.*s\"", label,
		      (int)strlen(line) - 1, line, (int)(len ? len - 1 : 0), *l);
		*ok = 0;
		v = 0;
	}
	*l += len;
	return v;
}

struct smap {
	unsigned long v[N(smap_fields)];
	char flags[128];
};

/* The smaps block of the VMA starting at p: 1 and its values, or 0. */
static int smap_of(void *p, struct smap *sm)
{
	char start[32];
	const char *l = smaps, *nl;
	int ok = 1;

	snprintf(start, sizeof(start), "%08lx-", (unsigned long)p);
	while (l && strncmp(l, start, strlen(start))) {
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
	CHECK(l, "no smaps block for %p", p);
	if (!l)
		return 0;
	l = strchr(l, '\n') + 1;
	for (size_t i = 0; i < N(smap_fields); i++)
		sm->v[i] = kb_line(&l, smap_fields[i], &ok);
	CHECK(!strncmp(l, "THPeligible:    0\n", 18), "THPeligible line: \"%.18s\"", l);
	l += strncmp(l, "THPeligible:    0\n", 18) ? 0 : 18;
	nl = strchr(l, '\n');
	CHECK(!strncmp(l, "VmFlags: ", 9) && nl && nl[-1] == ' ', "VmFlags line: \"%.40s\"", l);
	snprintf(sm->flags, sizeof(sm->flags), "%.*s", nl ? (int)(nl - l) : 0, l);
	return ok;
}

static unsigned long field(const struct smap *sm, const char *name)
{
	for (size_t i = 0; i < N(smap_fields); i++)
		if (!strcmp(smap_fields[i], name))
			return sm->v[i];
	return ~0UL;
}

int main(void)
{
	char *p = mmap(NULL, 8 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *lk = mmap(NULL, 2 * PS, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *r = mmap(NULL, 4 * PS, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long sum_rss = 0, sum_anon = 0, sum_locked = 0, first = 0, last = 0;
	struct smap sm;
	volatile char c;
	const char *l;
	int ok = 1;

	CHECK(p != MAP_FAILED && lk != MAP_FAILED && r != MAP_FAILED, "mmap: errno %d", errno);
	memset(p, 1, 3 * PS);
	/* Both buffers resident before either file is read: the sums must agree. */
	memset(smaps, 0, sizeof(smaps));
	memset(rollup, 0, sizeof(rollup));
	CHECK(mlock(lk, 2 * PS) == 0, "mlock: errno %d", errno);
	c = r[0];
	(void)c;
	CHECK(read_file("/proc/self/smaps", smaps, sizeof(smaps), 1000) > 0, "read smaps: errno %d",
	      errno);
	CHECK(read_file("/proc/self/smaps_rollup", rollup, sizeof(rollup), 100) > 0,
	      "read smaps_rollup: errno %d", errno);

	if (smap_of(p, &sm)) {
		CHECK(field(&sm, "Size") == 32 && field(&sm, "KernelPageSize") == 4 &&
			      field(&sm, "MMUPageSize") == 4,
		      "written area: Size %lu KernelPageSize %lu MMUPageSize %lu",
		      field(&sm, "Size"), field(&sm, "KernelPageSize"), field(&sm, "MMUPageSize"));
		CHECK(field(&sm, "Rss") == 12 && field(&sm, "Pss") == 12 &&
			      field(&sm, "Pss_Dirty") == 12 && field(&sm, "Private_Dirty") == 12 &&
			      field(&sm, "Anonymous") == 12 && field(&sm, "Locked") == 0 &&
			      field(&sm, "Shared_Dirty") == 0 && field(&sm, "Swap") == 0,
		      "written area: Rss %lu Pss %lu Pss_Dirty %lu Private_Dirty %lu Anonymous %lu "
		      "Locked %lu",
		      field(&sm, "Rss"), field(&sm, "Pss"), field(&sm, "Pss_Dirty"),
		      field(&sm, "Private_Dirty"), field(&sm, "Anonymous"), field(&sm, "Locked"));
		CHECK(!strcmp(sm.flags, "VmFlags: rd wr mr mw me ac "), "written area: \"%s\"",
		      sm.flags);
	}
	if (smap_of(lk, &sm)) {
		CHECK(field(&sm, "Rss") == 8 && field(&sm, "Locked") == 8 &&
			      field(&sm, "Anonymous") == 8,
		      "mlocked area: Rss %lu Locked %lu Anonymous %lu", field(&sm, "Rss"),
		      field(&sm, "Locked"), field(&sm, "Anonymous"));
		CHECK(!strcmp(sm.flags, "VmFlags: rd wr mr mw me lo ac "), "mlocked area: \"%s\"",
		      sm.flags);
	}
	if (smap_of(r, &sm)) {
		CHECK(field(&sm, "Rss") == 0 && field(&sm, "Anonymous") == 0,
		      "zero-page area: Rss %lu Anonymous %lu", field(&sm, "Rss"),
		      field(&sm, "Anonymous"));
		CHECK(!strcmp(sm.flags, "VmFlags: rd mr mw me "), "zero-page area: \"%s\"",
		      sm.flags);
	}

	/* The sums of every block, and the first start and last end, for the rollup. */
	for (l = smaps; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		unsigned long s, e;
		char *end;

		s = strtoul(l, &end, 16);
		if (*end == '-' && end - l >= 8) {
			e = strtoul(end + 1, NULL, 16);
			/* Linux's [vectors] page (0xffff0000) is a gate VMA, not in the rollup. */
			if (e > 0xc0000000UL)
				continue;
			if (!first)
				first = s;
			last = e;
		} else if (!strncmp(l, "Rss:", 4)) {
			sum_rss += strtoul(l + 16, NULL, 10);
		} else if (!strncmp(l, "Anonymous:", 10)) {
			sum_anon += strtoul(l + 16, NULL, 10);
		} else if (!strncmp(l, "Locked:", 7)) {
			sum_locked += strtoul(l + 16, NULL, 10);
		}
	}
	{
		char head[128];
		unsigned long v[N(rollup_fields)];

		/* The name starts in column 49, as a maps line's. */
		snprintf(head, sizeof(head), "%08lx-%08lx ---p 00000000 00:00 0%*s[rollup]\n",
			 first, last, 49 - 39, "");
		CHECK(!strncmp(rollup, head, strlen(head)),
		      "rollup header \"%.*s\", expected \"%s\"", (int)strcspn(rollup, "\n"), rollup,
		      head);
		l = strchr(rollup, '\n');
		l = l ? l + 1 : rollup;
		for (size_t i = 0; i < N(rollup_fields); i++)
			v[i] = kb_line(&l, rollup_fields[i], &ok);
		CHECK(*l == '\0', "rollup: more after Locked: \"%.30s\"", l);
		CHECK(v[0] == sum_rss && v[11] == sum_anon && v[20] == sum_locked,
		      "rollup Rss %lu Anonymous %lu Locked %lu, smaps sums %lu %lu %lu", v[0],
		      v[11], v[20], sum_rss, sum_anon, sum_locked);
		CHECK(v[20] >= 8, "rollup Locked %lu, expected 8 or more", v[20]);
	}
	if (failures) {
		printf("proc_smaps: %d checks failed\n", failures);
		return 1;
	}
	printf("proc_smaps: all checks passed\n");
	return 0;
}
