/*
 * What /proc shows of threads (issue 12): "Threads:" in /proc/self/status counts the live
 * threads; /proc/self/task/<tid>/status exists for each (Pid: the tid, Tgid: the process) and
 * goes away after the thread ends; /proc/self/maps shows each thread's stack as a mapping of its
 * own, at least the size asked for, with an inaccessible guard mapping right below it; read from
 * a thread, /proc/self is still the process. Linux (glibc) is the reference: README.md.
 */
#include "thr_check.h"

#define NT 3

/* A thread that reports its tid and a local's address, then stays until released. */
struct live {
	volatile long tid;
	volatile uintptr_t local;
	volatile int ready;
	volatile long status_pid, status_threads;
};
static volatile int release_all;

static void *live_thread(void *arg)
{
	struct live *l = arg;
	volatile int local = 1;
	unsigned long n;

	l->local = (uintptr_t)&local;
	l->tid = sys_gettid();
	l->status_pid = proc_number("/proc/self/status", "Pid", &n) ? (long)n : -1;
	l->status_threads = proc_threads();
	l->ready = 1;
	while (!release_all)
		sleep_ms(1);
	return NULL;
}

/* The value of "key:" in a status file, or -1 (missing file: errno set). */
static long status_field(const char *path, const char *key)
{
	unsigned long n;

	errno = 0;
	if (!proc_number(path, key, &n))
		return -1;
	return (long)n;
}

static int task_exists(long tid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/status", tid);
	fd = open(path, O_RDONLY);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* The maps line containing addr: its range and permissions; 0 when none. */
struct mapline {
	uintptr_t start, end;
	char perms[5];
	char name[64];
	uintptr_t prev_start, prev_end;
	char prev_perms[5];
};

static int find_mapping(uintptr_t addr, struct mapline *out)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[256];
	uintptr_t ps = 0, pe = 0;
	char pp[5] = "";
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long s, e;
		char perms[5], name[64] = "";
		if (sscanf(line, "%lx-%lx %4s %*s %*s %*s %63s", &s, &e, perms, name) < 3)
			continue;
		if (addr >= s && addr < e) {
			out->start = s;
			out->end = e;
			memcpy(out->perms, perms, 5);
			memcpy(out->name, name, sizeof(name));
			out->prev_start = ps;
			out->prev_end = pe;
			memcpy(out->prev_perms, pp, 5);
			found = 1;
		}
		ps = s;
		pe = e;
		memcpy(pp, perms, 5);
	}
	fclose(f);
	return found;
}

static void check_stack_mapping(const char *what, uintptr_t local, size_t want_size)
{
	struct mapline m;
	char name[96];

	snprintf(name, sizeof(name), "maps.%s_stack_mapped", what);
	if (!find_mapping(local, &m)) {
		t_fail(name, "no mapping holds the thread's local at %#lx", (unsigned long)local);
		return;
	}
	t_ok(name);
	snprintf(name, sizeof(name), "maps.%s_stack_rw_private", what);
	CHECK(name, !strcmp(m.perms, "rw-p"), "perms %s", m.perms);
	snprintf(name, sizeof(name), "maps.%s_stack_not_the_main_stack", what);
	CHECK(name, strcmp(m.name, "[stack]") != 0, "the thread's local is in [stack]");
	snprintf(name, sizeof(name), "maps.%s_stack_size", what);
	CHECK(name, m.end - m.start >= want_size, "%#lx-%#lx is smaller than %lu",
	      (unsigned long)m.start, (unsigned long)m.end, (unsigned long)want_size);
	snprintf(name, sizeof(name), "maps.%s_guard_below", what);
	CHECK(name, m.prev_end == m.start && !strcmp(m.prev_perms, "---p"),
	      "the mapping below (%#lx-%#lx %s) is not an inaccessible guard right under the stack "
	      "at %#lx",
	      (unsigned long)m.prev_start, (unsigned long)m.prev_end, m.prev_perms,
	      (unsigned long)m.start);
}

int main(void)
{
	struct live l[NT + 1];
	pthread_t t[NT + 1];
	char path[64];

	CHECK_EQ("status.threads_1_at_start", proc_threads(), 1);
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", getpid());
	CHECK_EQ("task.main_status_pid", status_field(path, "Pid"), getpid());
	CHECK("task.no_such_tid_enoent", !task_exists(30000) && errno == ENOENT, "errno %s",
	      terr(errno));
	long maps0 = maps_lines();
	CHECK("maps.readable", maps0 > 0, "maps_lines %ld", maps0);

	release_all = 0;
	memset(l, 0, sizeof(l));
	for (int i = 0; i < NT; i++)
		t[i] = spawn(live_thread, &l[i]);
	/* One more with a 1 MiB stack. */
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 1 * MiB);
	MUST_RC("create with a 1 MiB stack", pthread_create(&t[NT], &a, live_thread, &l[NT]));
	pthread_attr_destroy(&a);
	int ready = 0;
	for (int i = 0; i <= NT; i++)
		ready += WAIT_FOR(l[i].ready, 5000);
	MUST("threads started", ready == NT + 1);

	CHECK_EQ("status.threads_counts_live", proc_threads(), NT + 2);
	CHECK_EQ("status.read_from_thread_is_process_pid", l[0].status_pid, getpid());
	CHECK("status.read_from_thread_counts_all", l[NT].status_threads == NT + 2,
	      "Threads: %ld, expected %d", l[NT].status_threads, NT + 2);
	int exist = 0, pid_ok = 0, tgid_ok = 0;
	for (int i = 0; i <= NT; i++) {
		snprintf(path, sizeof(path), "/proc/self/task/%ld/status", l[i].tid);
		exist += task_exists(l[i].tid);
		pid_ok += status_field(path, "Pid") == l[i].tid;
		tgid_ok += status_field(path, "Tgid") == getpid();
	}
	CHECK_EQ("task.dir_for_each_thread", exist, NT + 1);
	CHECK_EQ("task.status_pid_is_tid", pid_ok, NT + 1);
	CHECK_EQ("task.status_tgid_is_process", tgid_ok, NT + 1);

	long maps1 = maps_lines();
	CHECK("maps.a_mapping_per_thread", maps1 >= maps0 + NT + 1,
	      "%ld lines with %d threads, %ld before", maps1, NT + 1, maps0);
	check_stack_mapping("thread", l[0].local, 16 * KiB);
	check_stack_mapping("big_thread", l[NT].local, 1 * MiB);
	struct mapline m0, m1;
	CHECK("maps.stacks_apart",
	      find_mapping(l[0].local, &m0) && find_mapping(l[1].local, &m1) &&
		      m0.start != m1.start,
	      "two threads' locals are in one mapping");

	release_all = 1;
	for (int i = 0; i <= NT; i++)
		join(t[i]);
	/* Linux releases a thread's task just after the tid word is cleared (join's wake). */
	CHECK("status.threads_back_to_1", WAIT_FOR(proc_threads() == 1, 1000), "Threads: %ld",
	      proc_threads());
	int gone = 0;
	for (int i = 0; i <= NT; i++)
		gone += WAIT_FOR(!task_exists(l[i].tid), 1000);
	CHECK_EQ("task.dirs_gone_after_exit", gone, NT + 1);
	CHECK("task.gone_is_enoent", !task_exists(l[0].tid) && errno == ENOENT, "errno %s",
	      terr(errno));
	return t_finish();
}
