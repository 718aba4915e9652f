/*
 * Shared memory objects (issue 14, item 6): every view of one MAP_SHARED|MAP_ANONYMOUS mapping
 * (views made with mremap(old, 0, len, MREMAP_MAYMOVE), of the whole or of one page) sees the
 * same pages, pages first touched after the view was made included; MADV_REMOVE zeroes every
 * view, MADV_DONTNEED none; a PROT_NONE source made accessible later with mprotect shares too;
 * the object keeps its size (a mapping grown by mremap raises SIGBUS past it); munmap of one
 * view keeps the others. /dev/zero: MAP_SHARED is one new object per mmap (views share it,
 * two mmaps do not; an offset past its size is SIGBUS), MAP_PRIVATE is private zeros.
 * memfd_create: flags, name limits, mode, ftruncate, two mappings and read/write through the
 * descriptor on one object, SIGBUS past its size, MAP_PRIVATE copies. /proc/self/maps names
 * them as Linux 6.1 does: "/dev/zero (deleted)" and "/memfd:NAME (deleted)" with the object's
 * device, inode and offset; a private /dev/zero mapping shows the device file.
 */
#include "files_check.h"

#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 1U
#endif
#ifndef O_LARGEFILE
#define O_LARGEFILE 0400000
#endif

static unsigned char *map_anon_shared(size_t len, int prot)
{
	return map_or_die(NULL, len, prot, ANON_SHARED);
}

static unsigned char *view_of(void *old, size_t len)
{
	void *v = mremap(old, 0, len, MREMAP_MAYMOVE);

	MUSTF("mremap(old, 0, len, MREMAP_MAYMOVE)", v != MAP_FAILED);
	return v;
}

/* The fields of the maps line holding addr: perms, offset, device, inode, name. */
struct maps_entry {
	char perms[8];
	unsigned long offset;
	unsigned major, minor;
	unsigned long inode;
	char name[256];
};
static int maps_entry(const void *addr, struct maps_entry *e)
{
	char line[512];
	int pos = 0;

	memset(e, 0, sizeof(*e));
	if (maps_line(addr, line, sizeof(line)))
		return -1;
	if (sscanf(line, "%*x-%*x %7s %lx %x:%x %lu %n", e->perms, &e->offset, &e->major, &e->minor,
		   &e->inode, &pos) < 5)
		return -1;
	snprintf(e->name, sizeof(e->name), "%s", line + pos);
	return 0;
}

static void check_entry(const char *name, const void *addr, const char *perms, unsigned long offset,
			const char *objname, unsigned long *inode)
{
	struct maps_entry e;
	char n[96];

	if (maps_entry(addr, &e)) {
		t_fail(name, "no maps line for %p", addr);
		return;
	}
	snprintf(n, sizeof(n), "%s.perms", name);
	CHECK_STR(n, e.perms, perms);
	snprintf(n, sizeof(n), "%s.offset", name);
	CHECK_EQ(n, e.offset, offset);
	snprintf(n, sizeof(n), "%s.name", name);
	CHECK_STR(n, e.name, objname);
	snprintf(n, sizeof(n), "%s.inode", name);
	if (inode && *inode)
		CHECK(n, e.inode == *inode, "inode %lu, expected the object's %lu", e.inode,
		      *inode);
	else
		CHECK(n, e.inode != 0 && e.major == 0, "device %02x:%02x inode %lu", e.major,
		      e.minor, e.inode);
	if (inode && !*inode)
		*inode = e.inode;
}

static void test_anon_views(void)
{
	unsigned char *a, *b, *c, *g, *g2;
	unsigned long inode = 0, inode2 = 0;

	a = map_anon_shared(4 * PG, RW);
	a[0] = 1; /* page 0 exists before the view is made, the others not */
	b = view_of(a, 4 * PG);
	CHECK(("anon.view_elsewhere"), b != a, "the view is at the source %p", (void *)a);
	CHECK_EQ("anon.view_sees_old_page", b[0], 1);
	b[3 * PG + 7] = 2;
	CHECK_EQ("anon.source_sees_view_store", a[3 * PG + 7], 2);
	a[PG + 5] = 3;
	CHECK_EQ("anon.view_sees_source_store", b[PG + 5], 3);
	a[2 * PG] = 4;
	b[2 * PG + 1] = 5;
	CHECK(("anon.same_page_both_ways"), a[2 * PG + 1] == 5 && b[2 * PG] == 4,
	      "a sees %d, b sees %d", a[2 * PG + 1], b[2 * PG]);
	/* A view of one page in the middle. */
	c = view_of(b + PG, PG);
	CHECK_EQ("anon.page_view", c[5], 3);
	c[6] = 6;
	CHECK_EQ("anon.page_view_store", a[PG + 6], 6);
	/* maps: every view names the same object, at its own offset. */
	check_entry("anon.maps_source", a, "rw-s", 0, "/dev/zero (deleted)", &inode);
	check_entry("anon.maps_view", b, "rw-s", 0, "/dev/zero (deleted)", &inode);
	check_entry("anon.maps_page_view", c, "rw-s", PG, "/dev/zero (deleted)", &inode);

	/* MADV_DONTNEED: nothing lost. MADV_REMOVE: a hole in the object, in every view. */
	CHECK_ZERO("anon.dontneed", madvise(a, 4 * PG, MADV_DONTNEED));
	CHECK(("anon.dontneed_kept"), a[0] == 1 && b[PG + 5] == 3 && c[6] == 6, "got %d %d %d",
	      a[0], b[PG + 5], c[6]);
	CHECK_ZERO("anon.madv_remove", madvise(a, 2 * PG, MADV_REMOVE));
	CHECK_ZEROED("anon.madv_remove_source", a, 2 * PG);
	CHECK_ZEROED("anon.madv_remove_view", b, 2 * PG);
	CHECK_ZEROED("anon.madv_remove_page_view", c, PG);
	CHECK(("anon.madv_remove_rest_kept"), b[2 * PG] == 4 && a[3 * PG + 7] == 2, "got %d %d",
	      b[2 * PG], a[3 * PG + 7]);
	b[10] = 7;
	CHECK_EQ("anon.after_remove_shared_again", a[10], 7);
	/* One view goes, the others stay. */
	CHECK_ZERO("anon.munmap_source", munmap(a, 4 * PG));
	CHECK(("anon.after_munmap_source"), b[10] == 7 && b[2 * PG] == 4 && c[0] == 0,
	      "got %d %d %d", b[10], b[2 * PG], c[0]);
	c[0] = 8;
	CHECK_EQ("anon.after_munmap_still_shared", b[PG], 8);
	munmap(b, 4 * PG);
	munmap(c, PG);

	/* The object has the size of the first mmap: grown by mremap, the new part is SIGBUS. */
	g = map_anon_shared(2 * PG, RW);
	g[PG] = 9;
	g2 = mremap(g, 2 * PG, 4 * PG, MREMAP_MAYMOVE);
	MUSTF("mremap grow", g2 != MAP_FAILED);
	CHECK_EQ("anon.grown_kept", g2[PG], 9);
	check_sigbus("anon.grown_past_object", g2 + 2 * PG, 0);
	check_sigbus("anon.grown_past_object_write", g2 + 3 * PG + 1, 1);
	check_entry("anon.maps_grown", g2, "rw-s", 0, "/dev/zero (deleted)", &inode2);
	CHECK(("anon.objects_differ"), inode2 != inode, "both inode %lu", inode);
	munmap(g2, 4 * PG);
}

static void test_prot_none_source(void)
{
	unsigned char *n, *v;

	n = map_anon_shared(2 * PG, PROT_NONE);
	v = view_of(n, 2 * PG);
	CHECK_ZERO("none.mprotect_source", mprotect(n, 2 * PG, RW));
	CHECK_ZERO("none.mprotect_view", mprotect(v, 2 * PG, RW));
	n[0] = 7;
	CHECK_EQ("none.view_sees_store", v[0], 7);
	v[PG] = 8;
	CHECK_EQ("none.source_sees_store", n[PG], 8);
	/* One view back to PROT_NONE: that view faults, the data stays. */
	CHECK_ZERO("none.mprotect_view_none", mprotect(v, 2 * PG, PROT_NONE));
	{
		int sig = touch(v, 0);

		CHECK_SIGNO("none.view_none_faults", sig, SIGSEGV);
		CHECK_CODE("none.view_none_accerr", SIGSEGV, probe_code, LINUX_SEGV_ACCERR);
	}
	n[1] = 9;
	CHECK_ZERO("none.mprotect_view_read", mprotect(v, 2 * PG, PROT_READ));
	CHECK(("none.view_read_sees"), v[0] == 7 && v[1] == 9 && v[PG] == 8, "got %d %d %d", v[0],
	      v[1], v[PG]);
	munmap(n, 2 * PG);
	munmap(v, 2 * PG);
	/* A view made while both are still PROT_NONE, touched first through the view. */
	n = map_anon_shared(PG, PROT_NONE);
	v = view_of(n, PG);
	CHECK_ZERO("none.view_first_rw", mprotect(v, PG, RW));
	v[100] = 42;
	CHECK_ZERO("none.source_later_read", mprotect(n, PG, PROT_READ));
	CHECK_EQ("none.source_later_sees", n[100], 42);
	munmap(n, PG);
	munmap(v, PG);
}

static int open_dev_zero(void)
{
	int fd;

	need_dev("/dev/zero", 1, 5);
	fd = open("/dev/zero", O_RDWR);
	MUSTF("open /dev/zero", fd >= 0);
	return fd;
}

static void test_dev_zero(void)
{
	unsigned char *z, *zv, *z2, *zp, *zo, buf[16];
	int fd = open_dev_zero();
	unsigned long inode = 0, inode2 = 0;
	struct stat st;

	z = mmap(NULL, 2 * PG, RW, MAP_SHARED, fd, 0);
	MUSTF("mmap /dev/zero shared", z != MAP_FAILED);
	CHECK_ZEROED("zero.shared_zeros", z, 2 * PG);
	z[0] = 1;
	zv = view_of(z, 2 * PG);
	CHECK_EQ("zero.view_shares", zv[0], 1);
	zv[PG] = 2;
	CHECK_EQ("zero.view_store_seen", z[PG], 2);
	/* Each mmap of /dev/zero is a new object. */
	z2 = mmap(NULL, 2 * PG, RW, MAP_SHARED, fd, 0);
	MUSTF("mmap /dev/zero shared 2", z2 != MAP_FAILED);
	CHECK_ZEROED("zero.second_mmap_own_object", z2, 2 * PG);
	z2[0] = 3;
	CHECK_EQ("zero.second_mmap_not_shared", z[0], 1);
	check_entry("zero.maps_shared", z, "rw-s", 0, "/dev/zero (deleted)", &inode);
	check_entry("zero.maps_view", zv, "rw-s", 0, "/dev/zero (deleted)", &inode);
	check_entry("zero.maps_second", z2, "rw-s", 0, "/dev/zero (deleted)", &inode2);
	CHECK(("zero.objects_differ"), inode2 != inode, "both inode %lu", inode);
	/* An offset is kept: the object is as big as the mapping, so this one lies past it. */
	zo = mmap(NULL, PG, RW, MAP_SHARED, fd, PG);
	MUSTF("mmap /dev/zero at an offset", zo != MAP_FAILED);
	check_sigbus("zero.shared_offset_past_object", zo, 0);
	munmap(zo, PG);
	/* MAP_PRIVATE: private zero-filled memory; maps shows the device file. */
	zp = mmap(NULL, PG, RW, MAP_PRIVATE, fd, 0);
	MUSTF("mmap /dev/zero private", zp != MAP_FAILED);
	CHECK_ZEROED("zero.private_zeros", zp, PG);
	zp[0] = 5;
	CHECK_EQ("zero.private_store", zp[0], 5);
	MUSTF("fstat /dev/zero", fstat(fd, &st) == 0);
	{
		struct maps_entry e;

		if (maps_entry(zp, &e) == 0) {
			CHECK_STR("zero.maps_private.perms", e.perms, "rw-p");
			CHECK_STR("zero.maps_private.name", e.name, "/dev/zero");
			CHECK(("zero.maps_private.inode"), e.inode == st.st_ino,
			      "inode %lu, the device file's %llu", e.inode,
			      (unsigned long long)st.st_ino);
		} else {
			t_fail("zero.maps_private", "no line");
		}
	}
	/* read() still gives zeros. */
	memset(buf, 0xff, sizeof(buf));
	CHECK_FVAL("zero.read", read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	CHECK_ZEROED("zero.read_zeros", buf, sizeof(buf));
	munmap(z, 2 * PG);
	munmap(zv, 2 * PG);
	munmap(z2, 2 * PG);
	munmap(zp, PG);
	close(fd);
}

static void test_memfd(void)
{
	unsigned char *m1, *m2, *mp, buf[8];
	struct stat st;
	int fd, fd2;
	static char name[300];
	unsigned long inode = 0;
	char objname[64];

	fd = memfd_create("files_shmem", MFD_CLOEXEC);
	CHECK(("memfd.create"), fd >= 0, "-1/%s", ferr(errno));
	if (fd < 0)
		return;
	CHECK_FVAL("memfd.cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_FVAL("memfd.rdwr", fcntl(fd, F_GETFL) & ~O_LARGEFILE, O_RDWR);
	CHECK_ZERO("memfd.fstat", fstat(fd, &st));
	CHECK_MODE("memfd.mode", st.st_mode, S_IFREG | 0777);
	CHECK_EQ("memfd.size", st.st_size, 0);
	CHECK_EQ("memfd.nlink", st.st_nlink, 0);
	fd2 = memfd_create("plain", 0);
	CHECK_FVAL("memfd.no_cloexec", fcntl(fd2, F_GETFD), 0);
	close(fd2);
	CHECK_FERR("memfd.bad_flags", memfd_create("x", 0x100), EINVAL);
	memset(name, 'n', 249);
	fd2 = CHECK_FOK("memfd.name_249", memfd_create(name, 0));
	close(fd2);
	name[249] = 'n';
	CHECK_FERR("memfd.name_250", memfd_create(name, 0), EINVAL);
	CHECK_FERR("memfd.null_name", memfd_create(null_ptr, 0), EFAULT);

	CHECK_ZERO("memfd.ftruncate", ftruncate(fd, 3 * PG));
	m1 = mmap(NULL, 4 * PG, RW, MAP_SHARED, fd, 0);
	m2 = mmap(NULL, 3 * PG, RW, MAP_SHARED, fd, 0);
	MUSTF("mmap memfd", m1 != MAP_FAILED && m2 != MAP_FAILED);
	CHECK_ZEROED("memfd.zeros", m1, 3 * PG);
	m1[5] = 1;
	CHECK_EQ("memfd.two_mappings", m2[5], 1);
	m2[2 * PG] = 2;
	CHECK_EQ("memfd.two_mappings_back", m1[2 * PG], 2);
	CHECK_FVAL("memfd.pwrite", pwrite(fd, "abc", 3, PG), 3);
	CHECK(("memfd.pwrite_seen"), !memcmp(m1 + PG, "abc", 3) && !memcmp(m2 + PG, "abc", 3),
	      "mappings do not see the write");
	CHECK_FVAL("memfd.pread", pread(fd, buf, 1, 2 * PG), 1);
	CHECK_EQ("memfd.pread_sees_store", buf[0], 2);
	CHECK_FVAL("memfd.lseek_end", lseek(fd, 0, SEEK_END), 3 * PG);
	check_sigbus("memfd.past_size", m1 + 3 * PG, 0);
	snprintf(objname, sizeof(objname), "/memfd:files_shmem (deleted)");
	check_entry("memfd.maps", m1, "rw-s", 0, objname, &inode);
	check_entry("memfd.maps_second", m2, "rw-s", 0, objname, &inode);
	CHECK_ZERO("memfd.fstat_again", fstat(fd, &st));
	CHECK_EQ("memfd.maps_inode_is_fds", inode, st.st_ino);
	CHECK_EQ("memfd.blocks", st.st_blocks, 24); /* every page was touched, read or written */
	/* MAP_PRIVATE of it: copies. */
	mp = mmap(NULL, PG, RW, MAP_PRIVATE, fd, 0);
	MUSTF("mmap memfd private", mp != MAP_FAILED);
	CHECK_EQ("memfd.private_reads", mp[5], 1);
	mp[5] = 9;
	CHECK_EQ("memfd.private_store_private", m1[5], 1);
	/* Closed: the mappings keep the object. */
	CHECK_ZERO("memfd.close", close(fd));
	m2[7] = 3;
	CHECK_EQ("memfd.after_close_shared", m1[7], 3);
	munmap(m1, 4 * PG);
	munmap(m2, 3 * PG);
	munmap(mp, PG);
}

static int run(void)
{
	test_anon_views();
	test_prot_none_source();
	test_dev_zero();
	test_memfd();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
