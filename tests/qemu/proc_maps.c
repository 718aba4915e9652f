/*
 * /proc/self/maps in Linux's format, to the byte: builds a known layout (rw-, r--, rw- pages
 * between PROT_NONE guards, a shared page, an executable page, a grown heap), then checks the
 * syntax of every line, the name column, the perms of each region, [heap] and [stack], the
 * [sigpage] line (ARM), reading in small pieces, lseek, fstat and the errno of bad opens. A few
 * checks of the <sys/mman.h> glue ride along. Builds and passes on Linux too (glibc, any word
 * size; on ARM through ../../../shared/peer/linux/run-c.sh):
 *   cc -Wall -o /tmp/t tests/qemu/proc_maps.c && /tmp/t
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc_check.h"

#define PS 4096UL

static char maps[64 * 1024], again[64 * 1024];

struct map_line {
	unsigned long start, end;
	char perms[5];
	const char *name; /* NULL when the line has none */
	size_t name_col;
};

/* At least min lowercase hex digits; the end of them, or NULL. */
static const char *hex(const char *p, int min, unsigned long long *v)
{
	int n = 0;

	*v = 0;
	for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++, n++)
		*v = *v * 16 + (unsigned long long)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	return n >= min ? p : NULL;
}

/*
 * The column show_map_vma pads to before the name: 25 + 6 * sizeof(void *) - 1 with the
 * KERNEL's pointer size: 48 under uniarm (a 32-bit runtime), so names start in column 49.
 * On Linux a 32-bit process may run on a 64-bit kernel (72), so there the first named line
 * decides between the two and every other line must agree.
 */
static size_t name_pad;

static int pad_ok(size_t prefix, size_t col)
{
#if defined(__linux__)
	if (!name_pad && (col == 49 || col == 73) && prefix < col)
		name_pad = col - 1;
#endif
	return col == (prefix > name_pad ? prefix : name_pad) + 1;
}

/*
 * One line (without its newline) in show_map_vma's layout: "%08lx-%08lx %c%c%c%c %08llx
 * %02x:%02x %lu " then, for a named line, spaces up to the name column (name_pad), one more
 * space and the name. 1 when it parses.
 */
static int parse_line(const char *line, size_t len, struct map_line *m)
{
	const char *p = line, *end = line + len;
	unsigned long long v;
	size_t prefix;

	if (!(p = hex(p, 8, &v)) || *p++ != '-')
		return 0;
	m->start = (unsigned long)v;
	if (!(p = hex(p, 8, &v)) || *p++ != ' ')
		return 0;
	m->end = (unsigned long)v;
	if (end - p < 5 || !strchr("r-", p[0]) || !strchr("w-", p[1]) || !strchr("x-", p[2]) ||
	    !strchr("ps", p[3]) || p[4] != ' ')
		return 0;
	memcpy(m->perms, p, 4);
	m->perms[4] = '\0';
	p += 5;
	if (!(p = hex(p, 8, &v)) || *p++ != ' ') /* offset */
		return 0;
	if (!(p = hex(p, 2, &v)) || *p++ != ':' || !(p = hex(p, 2, &v)) || *p++ != ' ')
		return 0;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9') /* inode */
		p++;
	if (p >= end || *p++ != ' ') /* the space after the inode is always there */
		return 0;
	prefix = (size_t)(p - line);
	m->name = NULL;
	if (p == end)
		return 1;
	while (p < end && *p == ' ')
		p++;
	if (p == end)
		return 0; /* trailing spaces without a name */
	m->name = p;
	m->name_col = (size_t)(p - line);
	return pad_ok(prefix, m->name_col);
}

/* Find the line whose range holds addr; fills m and returns the line's start, or NULL. */
static const char *find(const char *text, unsigned long addr, struct map_line *m)
{
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);

		if (parse_line(l, len, m) && m->start <= addr && addr < m->end)
			return l;
		if (!nl)
			break;
		l = nl + 1;
	}
	return NULL;
}

static int name_is(const struct map_line *m, const char *name)
{
	size_t n = strlen(name);

	return m->name && !strncmp(m->name, name, n) && (m->name[n] == '\n' || !m->name[n]);
}

#if defined(__arm__)
/* How many lines are named name; m is the last of them. */
static int count_named(const char *text, const char *name, struct map_line *m)
{
	int n = 0;

	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		struct map_line one;

		if (parse_line(l, len, &one) && name_is(&one, name)) {
			*m = one;
			n++;
		}
		if (!nl)
			break;
		l = nl + 1;
	}
	return n;
}
#endif

/* Every line parses, ranges are page aligned, ordered and disjoint. */
static void check_syntax(const char *text)
{
	unsigned long prev_end = 0;
	int lines = 0;

	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		struct map_line m;

		CHECK(nl, "last line has no newline");
		CHECK(parse_line(l, len, &m), "bad line: %.*s", (int)len, l);
		CHECK(m.start < m.end && !(m.start % PS) && !(m.end % PS) && m.start >= prev_end,
		      "range %lx-%lx after %lx", m.start, m.end, prev_end);
#if defined(__arm__)
		CHECK(l[8] == '-' && l[17] == ' ', "32-bit addresses take 8 digits: %.*s", (int)len,
		      l);
#endif
		prev_end = m.end;
		lines++;
		if (!nl)
			break;
		l = nl + 1;
	}
	CHECK(lines > 0, "no lines");
}

/* The exact text Linux prints for an anonymous private line without a name. */
static void check_exact(const char *text, unsigned long start, unsigned long end, const char *perms)
{
	char want[96];
	struct map_line m;
	const char *l = find(text, start, &m);

	snprintf(want, sizeof(want), "%08lx-%08lx %s 00000000 00:00 0 \n", start, end, perms);
	CHECK(l && !strncmp(l, want, strlen(want)), "want <%s>, have <%.*s>", want,
	      l ? (int)(strchr(l, '\n') - l) : 0, l ? l : "");
}

#if defined(__arm__)
/* The same for a named line (padded to the name column, as Linux pads it). */
static void check_exact_named(const char *text, unsigned long start, unsigned long end,
			      const char *perms, const char *name)
{
	char want[128];
	struct map_line m;
	const char *l = find(text, start, &m);
	int n;

	n = snprintf(want, sizeof(want), "%08lx-%08lx %s 00000000 00:00 0 ", start, end, perms);
	snprintf(want + n, sizeof(want) - (size_t)n, "%*s%s\n", (int)(name_pad + 1 - (size_t)n), "",
		 name);
	CHECK(l && !strncmp(l, want, strlen(want)), "want <%s>, have <%.*s>", want,
	      l ? (int)(strchr(l, '\n') - l) : 0, l ? l : "");
}
#endif

static void check_region(const char *text, unsigned long addr, const char *perms)
{
	struct map_line m;

	CHECK(find(text, addr, &m), "no line holds %lx", addr);
	if (find(text, addr, &m))
		CHECK(!strcmp(m.perms, perms), "%lx: perms %s, want %s", addr, m.perms, perms);
}

static void check_errno(const char *path, int flags, int want)
{
	int fd;

	errno = 0;
	fd = open(path, flags);
	CHECK(fd < 0 && errno == want, "open(%s, %#x): fd %d errno %d, want errno %d", path, flags,
	      fd, errno, want);
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char path[64];
	struct map_line m;
	struct stat st;
	long len, r;
	int fd, local;

#if !defined(__linux__)
	name_pad = 25 + 4 * 6 - 1;
#endif
	/* Stable layout first: stdout's buffer exists before anything is read. */
	printf("proc_maps: start\n");

	/* rw- r-- rw- between PROT_NONE guards: five VMAs that cannot merge. */
	char *g = mmap(NULL, 5 * PS, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(g != MAP_FAILED, "mmap guard region: errno %d", errno);
	if (g == MAP_FAILED)
		return 1;
	CHECK(!mprotect(g + PS, 3 * PS, PROT_READ | PROT_WRITE), "mprotect rw: errno %d", errno);
	CHECK(!mprotect(g + 2 * PS, PS, PROT_READ), "mprotect r: errno %d", errno);
	g[PS] = 1;
	char *s = mmap(NULL, PS, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED, "mmap shared: errno %d", errno);
	char *x = mmap(NULL, PS, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(x != MAP_FAILED, "mmap exec: errno %d", errno);
	char *brk0 = sbrk(0);
	CHECK(sbrk(3 * PS) == brk0, "sbrk: errno %d", errno);
	brk0[0] = 1;

	len = read_file("/proc/self/maps", maps, sizeof(maps), sizeof(maps));
	CHECK(len > 0, "read /proc/self/maps: errno %d", errno);
	check_syntax(maps);
	unsigned long gu = (unsigned long)g;
	check_exact(maps, gu + PS, gu + 2 * PS, "rw-p");
	check_exact(maps, gu + 2 * PS, gu + 3 * PS, "r--p");
	check_exact(maps, gu + 3 * PS, gu + 4 * PS, "rw-p");
	CHECK(find(maps, gu, &m) && m.end == gu + PS && !strcmp(m.perms, "---p"), "guard below");
	CHECK(find(maps, gu + 4 * PS, &m) && m.start == gu + 4 * PS && !strcmp(m.perms, "---p"),
	      "guard above");
	if (s != MAP_FAILED)
		check_region(maps, (unsigned long)s, "r--s");
	if (x != MAP_FAILED)
		check_region(maps, (unsigned long)x, "r-xp");
	CHECK(find(maps, (unsigned long)brk0, &m) && name_is(&m, "[heap]"),
	      "the heap line is not named [heap]");
	CHECK(find(maps, (unsigned long)&local, &m) && name_is(&m, "[stack]"),
	      "the stack line is not named [stack]");
#if defined(__arm__)
	/* ARM Linux maps the page of its signal-return code into every program (uniarm too:
	 * runtime/sigpage.c): one page, r-xp, offset 0, no file, named [sigpage]. */
	CHECK(count_named(maps, "[sigpage]", &m) == 1, "no single [sigpage] line");
	if (count_named(maps, "[sigpage]", &m) == 1)
		check_exact_named(maps, m.start, m.start + PS, "r-xp", "[sigpage]");
#endif

	/* Small reads give the same text as one big one; so does /proc/<pid>/maps. */
	r = read_file("/proc/self/maps", again, sizeof(again), 7);
	CHECK(r == len && !memcmp(maps, again, (size_t)len), "7-byte reads differ");
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)getpid());
	r = read_file(path, again, sizeof(again), 4096);
	CHECK(r == len && !memcmp(maps, again, (size_t)len), "%s differs", path);

	/* lseek: SEEK_SET and SEEK_CUR; SEEK_END is EINVAL as for every seq_file. */
	fd = open("/proc/self/maps", O_RDONLY);
	CHECK(fd >= 0, "open: errno %d", errno);
	CHECK(lseek(fd, 10, SEEK_SET) == 10, "SEEK_SET");
	CHECK(lseek(fd, 5, SEEK_CUR) == 15, "SEEK_CUR");
	CHECK(read(fd, again, 10) == 10 && !memcmp(again, maps + 15, 10), "read at 15");
	CHECK(lseek(fd, 0, SEEK_CUR) == 25, "position after the read");
	errno = 0;
	CHECK(lseek(fd, 0, SEEK_END) < 0 && errno == EINVAL, "SEEK_END: errno %d", errno);
	errno = 0;
	CHECK(lseek(fd, -1, SEEK_SET) < 0 && errno == EINVAL, "negative offset: errno %d", errno);
	CHECK(lseek(fd, len + 100, SEEK_SET) == len + 100 && read(fd, again, 10) == 0,
	      "read past the end");
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, again, 20) == 20 && !memcmp(again, maps, 20),
	      "read again from 0");
	/* fstat: a regular file, 0444, size 0 (as Linux: the size is unknown). */
	CHECK(!fstat(fd, &st) && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0444 &&
		      st.st_size == 0,
	      "fstat: mode %o size %ld", (unsigned int)st.st_mode, (long)st.st_size);
	CHECK(write(fd, "x", 1) < 0 && errno == EBADF, "write to a read-only fd: errno %d", errno);
	close(fd);

	/* Linux's errno for bad opens. */
	check_errno("/proc/self/no_such_file", O_RDONLY, ENOENT);
	check_errno("/proc/self/maps/x", O_RDONLY, ENOTDIR);
	check_errno("/proc/self/maps/", O_RDONLY, ENOTDIR);
	check_errno("/proc", O_WRONLY, EISDIR);
	check_errno("/proc/self", O_RDWR, EISDIR);
	check_errno("/proc/self/maps", O_RDONLY | O_CREAT | O_EXCL, EEXIST);
	/* procfs lookups fail instead of giving a negative dentry: no EACCES from O_CREAT. */
	check_errno("/proc/new_file", O_WRONLY | O_CREAT, ENOENT);
	snprintf(path, sizeof(path), "/proc/0%d/maps", (int)getpid());
	check_errno(path, O_RDONLY, ENOENT);
#if !defined(__linux__) || defined(TEST_AS_USER)
	/* As an unprivileged user on Linux (there root may open for writing; build with
	 * -DTEST_AS_USER to check these on Linux as a user). */
	check_errno("/proc/self/maps", O_WRONLY, EACCES);
	check_errno("/proc/meminfo", O_RDONLY | O_TRUNC, EACCES);
#endif
	/* A directory opens, but is not read. */
	fd = open("/proc/self/", O_RDONLY);
	CHECK(fd >= 0, "open /proc/self/: errno %d", errno);
	errno = 0;
	CHECK(read(fd, again, 10) < 0 && errno == EISDIR, "read a directory: errno %d", errno);
	CHECK(!fstat(fd, &st) && S_ISDIR(st.st_mode), "fstat a directory");
	close(fd);

	/* The mman glue: offset not a multiple of 4096; posix_madvise's return convention. */
	errno = 0;
	CHECK(mmap(NULL, PS, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 100) == MAP_FAILED &&
		      errno == EINVAL,
	      "unaligned offset: errno %d", errno);
	errno = 0;
	CHECK(posix_madvise(g + PS, PS, POSIX_MADV_DONTNEED) == 0 && g[PS] == 1,
	      "POSIX_MADV_DONTNEED must keep the data");
	CHECK(posix_madvise(g + PS, PS, 999) == EINVAL && errno == 0,
	      "posix_madvise returns the error, errno untouched (%d)", errno);
	CHECK(madvise(g + PS, PS, 999) < 0 && errno == EINVAL, "madvise: errno %d", errno);
	char *moved = mremap(g + 3 * PS, PS, 4 * PS, MREMAP_MAYMOVE);
	CHECK(moved != MAP_FAILED, "mremap: errno %d", errno);
	if (moved != MAP_FAILED) {
		read_file("/proc/self/maps", again, sizeof(again), sizeof(again));
		CHECK(find(again, (unsigned long)moved, &m) && m.start <= (unsigned long)moved &&
			      m.end >= (unsigned long)moved + 4 * PS && !strcmp(m.perms, "rw-p"),
		      "the remapped region");
	}

	fputs(maps, stdout);
	if (failures) {
		printf("proc_maps: %d checks failed\n", failures);
		return 1;
	}
	printf("proc_maps: all checks passed\n");
	return 0;
}
