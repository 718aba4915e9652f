/*
 * runtime/pid.c: numbers handed out in order after the last one, never one in use, the wrap
 * at pid_max to RESERVED_PIDS once the low numbers have been passed, exhaustion, bad frees.
 */
#include "runtime/pid.h"
#include "check.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>

/* The runtime's printk, for free_pid's report: to stdout here. */
int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* Allocate until n numbers are in use (pids 1..n on a fresh allocator). */
static void fill_to(int n)
{
	for (int want = 1; want <= n; want++) {
		int pid = alloc_pid();

		CHECK(pid == want, "fresh allocator gave %d, want %d", pid, want);
	}
}

int main(void)
{
	int pid;

	pid_init();
	fill_to(3);
	CHECK(pid_in_use(1) && pid_in_use(3) && !pid_in_use(4), "1..3 in use, 4 free");
	CHECK(!pid_in_use(0) && !pid_in_use(-1) && !pid_in_use(PID_MAX_DEFAULT),
	      "0, negative and pid_max are never in use");

	/* A freed number is not handed out again before the others: cyclic. */
	free_pid(2);
	CHECK(!pid_in_use(2), "2 freed");
	pid = alloc_pid();
	CHECK(pid == 4, "after freeing 2 the next is %d, want 4", pid);

	/* Bad frees are refused and change nothing. */
	free_pid(2);
	free_pid(0);
	free_pid(PID_MAX_DEFAULT + 5);
	CHECK(pid_in_use(1) && pid_in_use(3) && pid_in_use(4) && !pid_in_use(2),
	      "bad frees changed nothing");
	CHECK(pid_bad_frees() == 3, "%lu bad frees counted, want 3", pid_bad_frees());

	/* Up to the top: 5 .. 32767. */
	for (int want = 5; want < PID_MAX_DEFAULT; want++) {
		pid = alloc_pid();
		if (pid != want) {
			CHECK(pid == want, "gave %d, want %d", pid, want);
			break;
		}
	}
	/* The wrap goes to RESERVED_PIDS, not to 2 (free since above): the low numbers stay for
	 * the boot tasks. */
	free_pid(299);
	free_pid(300);
	free_pid(301);
	free_pid(1000);
	pid = alloc_pid();
	CHECK(pid == RESERVED_PIDS, "after the wrap %d, want %d", pid, RESERVED_PIDS);
	pid = alloc_pid();
	CHECK(pid == RESERVED_PIDS + 1, "then %d, want %d", pid, RESERVED_PIDS + 1);
	pid = alloc_pid();
	CHECK(pid == 1000, "then %d (the next free one), want 1000", pid);
	CHECK(pid_in_use(pid) && !pid_in_use(2) && !pid_in_use(299), "2 and 299 stay free");

	/* Everything at or above RESERVED_PIDS in use: -EAGAIN, though 2 and 299 are free. */
	pid = alloc_pid();
	CHECK(pid == -EAGAIN, "exhausted: %d, want -EAGAIN", pid);
	free_pid(20000);
	pid = alloc_pid();
	CHECK(pid == 20000, "the one freed number: %d, want 20000", pid);
	CHECK(pid_nr_in_use() == PID_MAX_DEFAULT - 1 - 2, "%d in use, want %d", pid_nr_in_use(),
	      PID_MAX_DEFAULT - 3);

	printf("test_pid: %lu passed, %lu failed\n", passed, failed);
	return failed != 0;
}
