/*
 * An application shipped with a directory of files (issue 14, item 1): data/ (next to this
 * source) is the root of the image's initramfs, so the program finds /etc/app.conf,
 * /etc/app.d/, the symlink /etc/current.conf, /bin/hello.sh (mode 0755), and
 * /share/files_shipped/{lines.txt,empty} at start, and reads its configuration from them. It
 * checks what the archive carried: contents, sizes, modes, owners (root), mtimes (a real time,
 * not 0), symlinks, directories and their entries, a multi-page file through read() and mmap,
 * and that the unpacked files are ordinary writable files of the in-memory file system.
 *
 * On uniarm the files must be there (uniarm_add_test(... FILES data), README.md). On Linux,
 * run-c.sh's initramfs cannot carry them: when /etc/app.conf is missing, the program makes the
 * same tree itself first (a note says so) and checks it the same way; README.md tells how the
 * archive itself was checked on Linux.
 */
#include "files_check.h"

#include <time.h>

static const char app_conf[] = "# files_shipped: the configuration it reads at start\n"
			       "name = uniarm\n"
			       "answer = 42\n"
			       "greeting = hello, files\n";
static const char hello_sh[] = "#!/bin/sh\necho hello\n";
#define LINES	  300
#define LINE_LEN  54
#define LINES_LEN (LINES * LINE_LEN)

static void line_text(int i, char *buf, size_t len)
{
	snprintf(buf, len, "line %03d: the quick brown fox jumps over the lazy dog\n", i);
}

#ifdef __linux__
/* The tree data/ holds, made by hand (Linux's run-c.sh cannot ship it). */
static void make_tree(void)
{
	int fd;
	char line[64];

	t_note("/etc/app.conf is missing: making the shipped tree here (Linux peer)");
	umask(022);
	MUSTF("mkdir", (mkdir("/etc", 0755) == 0 || errno == EEXIST) &&
			       mkdir("/etc/app.d", 0755) == 0 &&
			       (mkdir("/bin", 0755) == 0 || errno == EEXIST) &&
			       (mkdir("/share", 0755) == 0 || errno == EEXIST) &&
			       mkdir("/share/files_shipped", 0755) == 0);
	put_file("/etc/app.conf", app_conf, sizeof(app_conf) - 1, 0644);
	put_file("/etc/app.d/10-first.conf", "order = 1\n", 10, 0644);
	put_file("/etc/app.d/20-second.conf", "order = 2\n", 10, 0644);
	MUSTF("symlink", symlink("app.conf", "/etc/current.conf") == 0);
	put_file("/bin/hello.sh", hello_sh, sizeof(hello_sh) - 1, 0755);
	put_file("/share/files_shipped/empty", "", 0, 0644);
	fd = open("/share/files_shipped/lines.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	MUSTF("lines.txt", fd >= 0);
	for (int i = 0; i < LINES; i++) {
		line_text(i, line, sizeof(line));
		MUSTF("lines.txt", write(fd, line, LINE_LEN) == LINE_LEN);
	}
	close(fd);
}
#endif

/* The configuration as an application reads it: stdio, "key = value" lines, # comments. */
static void read_config(void)
{
	char line[128], name[32] = "", greeting[64] = "";
	int answer = -1, lines = 0;
	FILE *f = fopen("/etc/app.conf", "r");

	CHECK(("config.fopen"), f != NULL, "NULL/%s", ferr(errno));
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char key[32], value[64];

		lines++;
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%31s = %63[^\n]", key, value) != 2)
			continue;
		if (!strcmp(key, "name"))
			snprintf(name, sizeof(name), "%s", value);
		else if (!strcmp(key, "answer"))
			answer = atoi(value);
		else if (!strcmp(key, "greeting"))
			snprintf(greeting, sizeof(greeting), "%s", value);
	}
	CHECK_ZERO("config.fclose", fclose(f));
	CHECK_EQ("config.lines", lines, 4);
	CHECK_STR("config.name", name, "uniarm");
	CHECK_EQ("config.answer", answer, 42);
	CHECK_STR("config.greeting", greeting, "hello, files");
}

static void check_file(const char *name, const char *path, mode_t mode, long long size)
{
	struct stat st;
	char n[96];
	time_t now = time(NULL);

	snprintf(n, sizeof(n), "%s.stat", name);
	if (lstat(path, &st)) {
		t_fail(n, "lstat(%s): %s", path, ferr(errno));
		return;
	}
	t_ok(n);
	snprintf(n, sizeof(n), "%s.mode", name);
	CHECK_MODE(n, st.st_mode, mode);
	if (size >= 0) {
		snprintf(n, sizeof(n), "%s.size", name);
		CHECK_EQ(n, st.st_size, size);
	}
	snprintf(n, sizeof(n), "%s.owner_root", name);
	CHECK(n, st.st_uid == 0 && st.st_gid == 0, "uid %u gid %u", (unsigned)st.st_uid,
	      (unsigned)st.st_gid);
	snprintf(n, sizeof(n), "%s.mtime", name);
	CHECK(n, st.st_mtim.tv_sec > 1577836800 /* 2020 */ && st.st_mtim.tv_sec <= now + 60,
	      "mtime %lld, now %lld", (long long)st.st_mtim.tv_sec, (long long)now);
}

static void check_dir(const char *name, const char *path)
{
	struct stat st;

	if (stat(path, &st))
		t_fail(name, "stat(%s): %s", path, ferr(errno));
	else
		CHECK(name, S_ISDIR(st.st_mode) && st.st_uid == 0, "mode 0%o uid %u",
		      (unsigned)st.st_mode, (unsigned)st.st_uid);
}

static void test_tree(void)
{
	char buf[256], t[32] = "";
	long n;

	check_dir("tree.etc", "/etc");
	check_dir("tree.etc_app_d", "/etc/app.d");
	check_dir("tree.bin", "/bin");
	check_dir("tree.share", "/share/files_shipped");
	check_file("tree.app_conf", "/etc/app.conf", S_IFREG | 0644, sizeof(app_conf) - 1);
	check_file("tree.first", "/etc/app.d/10-first.conf", S_IFREG | 0644, 10);
	check_file("tree.hello_sh", "/bin/hello.sh", S_IFREG | 0755, sizeof(hello_sh) - 1);
	check_file("tree.empty", "/share/files_shipped/empty", S_IFREG | 0644, 0);
	check_file("tree.lines", "/share/files_shipped/lines.txt", S_IFREG | 0644, LINES_LEN);
	check_file("tree.symlink", "/etc/current.conf", S_IFLNK | 0777, 8);
	CHECK_FVAL("tree.readlink", readlink("/etc/current.conf", t, sizeof(t) - 1), 8);
	CHECK_STR("tree.readlink.target", t, "app.conf");
	n = read_file("/etc/current.conf", buf, sizeof(buf));
	CHECK_FVAL("tree.through_symlink.len", n, sizeof(app_conf) - 1);
	CHECK_STR("tree.through_symlink", buf, app_conf);
	CHECK_FVAL("tree.hello_sh.len", read_file("/bin/hello.sh", buf, sizeof(buf)),
		   sizeof(hello_sh) - 1);
	CHECK_STR("tree.hello_sh.content", buf, hello_sh);
	CHECK_ZERO("tree.hello_sh.executable", access("/bin/hello.sh", X_OK));
	CHECK_FVAL("tree.empty.read", read_file("/share/files_shipped/empty", buf, sizeof(buf)), 0);
}

/* The entries of /etc/app.d, read in name order: the configuration fragments. */
static void test_fragments(void)
{
	DIR *d = opendir("/etc/app.d");
	struct dirent *e;
	char names[8][64];
	int n = 0, others = 0;

	CHECK(("fragments.opendir"), d != NULL, "NULL/%s", ferr(errno));
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n < 8 && e->d_type == DT_REG)
			snprintf(names[n++], sizeof(names[0]), "%s", e->d_name);
		else
			others++;
	}
	closedir(d);
	CHECK(("fragments.count"), n == 2 && !others, "%d files, %d others", n, others);
	if (n == 2 && strcmp(names[0], names[1]) > 0) {
		char tmp[64];

		memcpy(tmp, names[0], sizeof(tmp));
		memcpy(names[0], names[1], sizeof(tmp));
		memcpy(names[1], tmp, sizeof(tmp));
	}
	for (int i = 0; i < n && i < 2; i++) {
		char path[128], buf[32], want[16], name[32];

		snprintf(path, sizeof(path), "/etc/app.d/%s", names[i]);
		snprintf(want, sizeof(want), "order = %d\n", i + 1);
		snprintf(name, sizeof(name), "fragments.%d", i + 1);
		read_file(path, buf, sizeof(buf));
		CHECK_STR(name, buf, want);
	}
}

/* The multi-page file through read() and through mmap. */
static void test_lines(void)
{
	static char all[LINES_LEN + 1];
	char want[64];
	int fd, bad = -1;
	unsigned char *m;

	CHECK_FVAL("lines.read", read_file("/share/files_shipped/lines.txt", all, sizeof(all)),
		   LINES_LEN);
	for (int i = 0; i < LINES && bad < 0; i++) {
		line_text(i, want, sizeof(want));
		if (memcmp(all + i * LINE_LEN, want, LINE_LEN))
			bad = i;
	}
	CHECK(("lines.content"), bad < 0, "line %d differs", bad);
	fd = open("/share/files_shipped/lines.txt", O_RDONLY);
	MUSTF("open lines.txt", fd >= 0);
	m = mmap(NULL, LINES_LEN, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(("lines.mmap"), m != MAP_FAILED, "MAP_FAILED/%s", ferr(errno));
	if (m != MAP_FAILED) {
		CHECK(("lines.mmap_same"), !memcmp(m, all, LINES_LEN), "mapping and read differ");
		line_text(299, want, sizeof(want));
		CHECK(("lines.mmap_last_line"), !memcmp(m + 299 * LINE_LEN, want, LINE_LEN),
		      "last line differs");
		munmap(m, LINES_LEN);
	}
	close(fd);
}

/* The unpacked files are the in-memory file system's own: writable, removable. */
static void test_writable(void)
{
	char buf[256];
	int fd;

	fd = CHECK_FOK("writable.open_append", open("/etc/app.conf", O_WRONLY | O_APPEND));
	CHECK_FVAL("writable.append", write(fd, "extra = 1\n", 10), 10);
	close(fd);
	CHECK_FVAL("writable.read_back", read_file("/etc/app.conf", buf, sizeof(buf)),
		   sizeof(app_conf) - 1 + 10);
	CHECK_ZERO("writable.new_file",
		   (put_file("/etc/app.d/30-new.conf", "order = 3\n", 10, 0644),
		    access("/etc/app.d/30-new.conf", R_OK)));
	CHECK_ZERO("writable.unlink_shipped", unlink("/etc/app.d/10-first.conf"));
	CHECK_ZERO("writable.unlink_new", unlink("/etc/app.d/30-new.conf"));
	CHECK_ZERO("writable.rmdir_emptied",
		   (unlink("/etc/app.d/20-second.conf"), rmdir("/etc/app.d")));
}

static int run(void)
{
	if (access("/etc/app.conf", F_OK)) {
#ifdef __linux__
		make_tree();
#else
		t_fail("shipped", "/etc/app.conf: %s: the image carries no files (FILES data)",
		       ferr(errno));
		return t_finish();
#endif
	}
	read_config();
	test_tree();
	test_fragments();
	test_lines();
	test_writable();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
