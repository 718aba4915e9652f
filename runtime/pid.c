/*
 * Process ids, as Linux hands them out (kernel/pid.c: alloc_pid over a cyclic idr): a bitmap of
 * PID_MAX_DEFAULT numbers and a cursor after the last one given. The search starts at the
 * cursor and wraps to pid_min: 1 until the cursor has passed RESERVED_PIDS, RESERVED_PIDS from
 * then on, so the low numbers of the boot tasks (0 idle, 1 the application's first thread,
 * 2 kthreadd) are never reused by a wrap. A number in use is never handed out. The caller holds
 * whatever lock protects the task lists (docs/tasks.md); nothing here sleeps.
 */
#include "runtime/pid.h"
#include "runtime/printk.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define BITS_PER_WORD 32u

static uint32_t pidmap[PID_MAX_DEFAULT / BITS_PER_WORD];
static int last_pid; /* the number handed out last (the cursor is last_pid + 1) */
static int nr_in_use;
static unsigned long bad_frees;

void pid_init(void)
{
	memset(pidmap, 0, sizeof(pidmap));
	last_pid = 0;
	nr_in_use = 0;
	bad_frees = 0;
}

static bool test_bit(int nr)
{
	return (pidmap[(unsigned)nr / BITS_PER_WORD] >> ((unsigned)nr % BITS_PER_WORD)) & 1u;
}

/* The first clear bit in [from, to), or -1: whole words at a time past the first. */
static int find_free(int from, int to)
{
	int nr = from;

	while (nr < to) {
		uint32_t word =
			~pidmap[(unsigned)nr / BITS_PER_WORD] >> ((unsigned)nr % BITS_PER_WORD);

		if (word) {
			nr += __builtin_ctz(word);
			return nr < to ? nr : -1;
		}
		nr = (int)(((unsigned)nr / BITS_PER_WORD + 1) * BITS_PER_WORD);
	}
	return -1;
}

int alloc_pid(void)
{
	int pid_min = last_pid >= RESERVED_PIDS ? RESERVED_PIDS : 1;
	int start = last_pid + 1 < PID_MAX_DEFAULT ? last_pid + 1 : pid_min;
	int pid = find_free(start > pid_min ? start : pid_min, PID_MAX_DEFAULT);

	if (pid < 0)
		pid = find_free(pid_min, start);
	if (pid < 0)
		return -EAGAIN;
	pidmap[(unsigned)pid / BITS_PER_WORD] |= 1u << ((unsigned)pid % BITS_PER_WORD);
	nr_in_use++;
	last_pid = pid;
	return pid;
}

void free_pid(int pid)
{
	if (!pid_in_use(pid)) {
		printk("free_pid: pid %d is not in use\n", pid);
		bad_frees++;
		return;
	}
	pidmap[(unsigned)pid / BITS_PER_WORD] &= ~(1u << ((unsigned)pid % BITS_PER_WORD));
	nr_in_use--;
}

bool pid_in_use(int pid)
{
	return pid > 0 && pid < PID_MAX_DEFAULT && test_bit(pid);
}

int pid_nr_in_use(void)
{
	return nr_in_use;
}

unsigned long pid_bad_frees(void)
{
	return bad_frees;
}
