/*
 * /proc/self/maps: one line per VMA, in Linux's format
 *
 *     start-end perms offset major:minor inode [name]
 *     01000000-01021000 rw-p 00000000 00:00 0          [heap]
 *
 * (addresses "%08lx": 8 digits on 32-bit, 8 to 12 on 64-bit; an anonymous line without a name
 * ends in "0 "). Lines are parsed, and compared as text where the text is the same on 32 and
 * 64 bits. The file is read with open/read into a static buffer: no malloc, so the heap does not
 * move while it is looked at.
 */
#include "mm_check.h"

#include <fcntl.h>

static char buf[256 * 1024];
static size_t buf_len;

struct vma_line {
	unsigned long start, end, offset, inode;
	unsigned int major, minor;
	char perms[5];
	const char *name; /* "" when none */
	char text[160];	  /* the line, without its newline */
};

static int read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	long n;

	buf_len = 0;
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + buf_len, sizeof(buf) - 1 - buf_len)) > 0)
		buf_len += (size_t)n;
	close(fd);
	buf[buf_len] = 0;
	return n < 0 ? -1 : 0;
}

/* Parse the line at s (up to its newline); 0 when it does not have Linux's layout. */
static int parse(const char *s, struct vma_line *v)
{
	static char names[64][128];
	static unsigned next;
	const char *nl = strchr(s, '\n');
	size_t len = nl ? (size_t)(nl - s) : strlen(s);
	int used = 0;

	memset(v, 0, sizeof(*v));
	if (len >= sizeof(v->text))
		return 0;
	memcpy(v->text, s, len);
	v->text[len] = 0;
	if (sscanf(v->text, "%lx-%lx %4s %lx %x:%x %lu %n", &v->start, &v->end, v->perms,
		   &v->offset, &v->major, &v->minor, &v->inode, &used) < 7)
		return 0;
	char *name = names[next++ % 64];
	snprintf(name, sizeof(names[0]), "%s", v->text + used);
	v->name = name;
	return v->start < v->end && strlen(v->perms) == 4;
}

/* The line of the VMA containing addr; 0 when there is none. */
static int find(uintptr_t addr, struct vma_line *v)
{
	for (const char *s = buf; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL)
		if (parse(s, v) && v->start <= addr && addr < v->end)
			return 1;
	return 0;
}

static int count_lines_in(uintptr_t lo, uintptr_t hi)
{
	struct vma_line v;
	int n = 0;

	for (const char *s = buf; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL)
		if (parse(s, &v) && v.start < hi && v.end > lo)
			n++;
	return n;
}

/* The line of addr has [start, end) and perms. */
static void check_vma(const char *name, uintptr_t addr, uintptr_t start, uintptr_t end,
		      const char *perms)
{
	struct vma_line v;

	if (!find(addr, &v)) {
		t_fail(name, "no line contains %p", (void *)addr);
		return;
	}
	CHECK(name, v.start == start && v.end == end && !strcmp(v.perms, perms),
	      "got '%s', expected %08lx-%08lx %s", v.text, (unsigned long)start, (unsigned long)end,
	      perms);
}

int main(void)
{
	struct vma_line v;
	char *h, *p;
	char want[160];

	printf("mm_maps: /proc/self/maps\n");
	fflush(stdout);
	if (read_maps()) {
		t_fail("maps_open", "cannot read /proc/self/maps: %s", errname(errno));
		return t_finish();
	}
	t_ok("maps_open");

	/* Every line has the layout, and the lines go up without overlapping. */
	{
		unsigned long prev_end = 0;
		int lines = 0, bad = 0, order = 0;
		for (const char *s = buf; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL) {
			lines++;
			if (!parse(s, &v)) {
				if (!bad)
					printf("note: bad line '%.*s'\n", (int)strcspn(s, "\n"), s);
				bad++;
				continue;
			}
			if (v.start < prev_end)
				order++;
			prev_end = v.end;
			if (v.start % PG || v.end % PG)
				bad++;
		}
		CHECK("maps_lines_parse", lines > 0 && bad == 0, "%d of %d lines bad", bad, lines);
		CHECK_EQ("maps_lines_ascending_disjoint", order, 0);
		CHECK("maps_ends_with_newline", buf_len > 0 && buf[buf_len - 1] == '\n',
		      "no final newline");
	}

	/* A fresh private mapping between two PROT_NONE guards (which keep it from merging). */
	h = hole(5);
	map_or_die(h, 5 * PG, PROT_NONE, ANON_PRIV | MAP_FIXED);
	p = map_or_die(h + PG, 3 * PG, RW, ANON_PRIV | MAP_FIXED);
	read_maps();
	check_vma("maps_fresh_mapping", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + 3 * PG),
		  "rw-p");
	snprintf(want, sizeof(want), "%08lx-%08lx rw-p 00000000 00:00 0 ", (unsigned long)p,
		 (unsigned long)(p + 3 * PG));
	CHECK("maps_fresh_mapping_exact_text", find((uintptr_t)p, &v) && !strcmp(v.text, want),
	      "got '%s', expected '%s'", v.text, want);
	CHECK("maps_anon_fields",
	      find((uintptr_t)p, &v) && v.offset == 0 && v.major == 0 && v.minor == 0 &&
		      v.inode == 0 && v.name[0] == 0,
	      "got '%s'", v.text);
	check_vma("maps_guard_below", (uintptr_t)h, (uintptr_t)h, (uintptr_t)(h + PG), "---p");
	check_vma("maps_guard_above", (uintptr_t)(h + 4 * PG), (uintptr_t)(h + 4 * PG),
		  (uintptr_t)(h + 5 * PG), "---p");
	CHECK_EQ("maps_three_lines_for_guarded_mapping",
		 count_lines_in((uintptr_t)h, (uintptr_t)(h + 5 * PG)), 3);
#ifdef __arm__
	CHECK("maps_arm_fresh_mapping_below_mmap_base", (uintptr_t)p < 0xb7000000UL, "at %p", p);
#endif

	/* Touching pages changes nothing in the line. */
	memset(p, 1, 3 * PG);
	read_maps();
	check_vma("maps_touched_same_line", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + 3 * PG),
		  "rw-p");

	/* Protections. */
	static const struct {
		int prot;
		const char *perms;
	} prots[] = {
		{PROT_READ, "r--p"},
		{PROT_NONE, "---p"},
		{PROT_READ | PROT_EXEC, "r-xp"},
		{PROT_READ | PROT_WRITE | PROT_EXEC, "rwxp"},
		{PROT_WRITE, "-w-p"},
		{PROT_EXEC, "--xp"},
		{RW, "rw-p"},
	};
	for (size_t i = 0; i < sizeof(prots) / sizeof(prots[0]); i++) {
		char name[48];
		snprintf(name, sizeof(name), "maps_mprotect_%s", prots[i].perms);
		mprotect(p, 3 * PG, prots[i].prot);
		read_maps();
		check_vma(name, (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + 3 * PG),
			  prots[i].perms);
	}

	/* Split by mprotect: three lines; merged again: one. */
	mprotect(p + PG, PG, PROT_READ);
	read_maps();
	check_vma("maps_split_first", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + PG), "rw-p");
	check_vma("maps_split_middle", (uintptr_t)(p + PG), (uintptr_t)(p + PG),
		  (uintptr_t)(p + 2 * PG), "r--p");
	check_vma("maps_split_last", (uintptr_t)(p + 2 * PG), (uintptr_t)(p + 2 * PG),
		  (uintptr_t)(p + 3 * PG), "rw-p");
	CHECK_EQ("maps_split_three_lines", count_lines_in((uintptr_t)p, (uintptr_t)(p + 3 * PG)),
		 3);
	mprotect(p + PG, PG, RW);
	read_maps();
	check_vma("maps_merged_again", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + 3 * PG), "rw-p");
	CHECK_EQ("maps_merged_one_line", count_lines_in((uintptr_t)p, (uintptr_t)(p + 3 * PG)), 1);
	/* Split by munmap: two lines around a hole. */
	munmap(p + PG, PG);
	read_maps();
	check_vma("maps_munmap_split_first", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + PG),
		  "rw-p");
	check_vma("maps_munmap_split_last", (uintptr_t)(p + 2 * PG), (uintptr_t)(p + 2 * PG),
		  (uintptr_t)(p + 3 * PG), "rw-p");
	CHECK("maps_munmap_hole_has_no_line", !find((uintptr_t)(p + PG), &v), "got '%s'", v.text);
	/* A new mapping in the hole with the same flags merges both sides back into one. */
	map_or_die(p + PG, PG, RW, ANON_PRIV | MAP_FIXED);
	read_maps();
	check_vma("maps_refill_merges", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + 3 * PG),
		  "rw-p");
	/* mremap grows the line. */
	munmap(h + 4 * PG, PG);
	mremap(p, 3 * PG, 4 * PG, 0);
	read_maps();
	check_vma("maps_mremap_grown", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + 4 * PG), "rw-p");
	munmap(h, 5 * PG);
	read_maps();
	CHECK_EQ("maps_munmap_all_gone", count_lines_in((uintptr_t)h, (uintptr_t)(h + 5 * PG)), 0);

	/* Shared anonymous memory: 's'. (Linux shows it as "/dev/zero (deleted)" with an inode on
	 * device 00:01; only the permissions are checked.) */
	h = hole(3);
	map_or_die(h, 3 * PG, PROT_NONE, ANON_PRIV | MAP_FIXED);
	p = map_or_die(h + PG, PG, RW, ANON_SHARED | MAP_FIXED);
	read_maps();
	check_vma("maps_shared", (uintptr_t)p, (uintptr_t)p, (uintptr_t)(p + PG), "rw-s");
	if (find((uintptr_t)p, &v))
		t_note("shared anonymous line: '%s'", v.text);
	munmap(h, 3 * PG);

	/* MAP_GROWSDOWN has no name of its own. */
	p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV | MAP_GROWSDOWN);
	read_maps();
	CHECK("maps_growsdown_no_name",
	      find((uintptr_t)p, &v) && v.name[0] == 0 && !strcmp(v.perms, "rw-p"), "got '%s'",
	      v.text);
	munmap(p, 2 * PG);

	/* [heap]: grows with the break (no malloc between sbrk and reading the file). */
	{
		char *b0 = sbrk(0);
		char *old = sbrk((intptr_t)(2 * PG + 10));
		char *b1 = sbrk(0);
		read_maps();
		int found = find((uintptr_t)b1 - 1, &v);
		CHECK("maps_heap_named", old != (char *)-1 && found && !strcmp(v.name, "[heap]"),
		      "got '%s' (break %p -> %p)", found ? v.text : "no line", b0, b1);
		CHECK("maps_heap_ends_at_page_aligned_break", found && v.end == PAGE_UP(b1),
		      "got '%s', break %p", v.text, b1);
		CHECK("maps_heap_rw_private",
		      found && !strcmp(v.perms, "rw-p") && v.offset == 0 && v.inode == 0,
		      "got '%s'", v.text);
#ifdef UNIARM
		/* As Linux's exec without randomization: the heap starts at the first page
		 * after the program's last segment (its bss). */
		CHECK("maps_uniarm_heap_starts_after_bss",
		      found && v.start == (((uintptr_t)_end + PG - 1) & ~(uintptr_t)(PG - 1)),
		      "got '%s', program end %p", v.text, (void *)_end);
#endif
		/* The name is padded with spaces to a column set by the kernel's pointer size: 73
		 * on a 64-bit kernel, 49 on a 32-bit one (a 32-bit x86 process on a 64-bit kernel,
		 * the host's -m32 build, sees 73: not checked there). */
#ifndef __i386__
		if (found) {
			size_t col = (size_t)(strstr(v.text, "[heap]") - v.text);
			CHECK_EQ("maps_name_column", col, 25 + sizeof(void *) * 6);
		}
#endif
		sbrk(-(intptr_t)(2 * PG + 10));
	}

	/* [stack]: contains this frame. */
	{
		volatile char here = 0;
		int found = find((uintptr_t)&here, &v);
		CHECK("maps_stack_named", found && !strcmp(v.name, "[stack]"), "got '%s'",
		      found ? v.text : "no line");
		CHECK("maps_stack_rw_private", found && !strcmp(v.perms, "rw-p"), "got '%s'",
		      v.text);
#ifdef __arm__
		CHECK("maps_arm_stack_ends_at_task_size", found && v.end == 0xbf000000UL,
		      "got '%s'", v.text);
#endif
		(void)here;
	}

	return t_finish();
}
