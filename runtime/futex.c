/*
 * futex(2) (docs/tasks.md): waiters hashed by a key, the futex word's address with bit 0 set for
 * a shared futex (FUTEX_PRIVATE_FLAG clear): as on Linux, a private wake never wakes a shared
 * waiter of the same word, nor the other way round. Each waiter has its bitset. One CPU and no
 * preemption inside the runtime: between reading the word and queueing the waiter nothing else
 * runs, so no wake-up is lost (Linux needs the hash bucket's lock for that). Interrupts never touch
 * futexes.
 */
#include "runtime/futex.h"
#include "runtime/math64.h"
#include "runtime/sched.h"
#include "runtime/syscalls.h"
#include "runtime/time.h"
#include "runtime/uapi.h"
#include "platform/uaccess.h"

#include <errno.h>

#define FUTEX_HASH_BITS 6
#define NSEC_PER_SEC	1000000000ull

struct futex_q {
	struct list_head list;
	struct task_struct *task;
	uintptr_t key; /* the word's address, | 1 if shared */
	uint32_t bitset;
	bool woken;
};

static struct list_head futex_queues[1 << FUTEX_HASH_BITS];

static struct list_head *hash_futex(uintptr_t key)
{
	uint32_t h = (uint32_t)key * 0x9e370001u;
	struct list_head *q = &futex_queues[h >> (32 - FUTEX_HASH_BITS)];

	if (!q->next)
		INIT_LIST_HEAD(q);
	return q;
}

static void wake_futex(struct futex_q *q)
{
	list_del(&q->list);
	INIT_LIST_HEAD(&q->list);
	q->woken = true;
	wake_up_process(q->task);
}

static long futex_wait(uint32_t __user *uaddr, uintptr_t key, uint32_t val, uint32_t bitset,
		       bool has_deadline, uint64_t deadline_ns)
{
	struct futex_q q = {.task = current, .key = key, .bitset = bitset};
	uint32_t cur;

	if (!bitset)
		return -EINVAL;
	if (get_user(cur, uaddr))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	if (has_deadline && ktime_get_ns() >= deadline_ns)
		return -ETIMEDOUT;
	list_add_tail(&q.list, hash_futex(q.key));
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!q.woken && !signal_pending(current)) {
			if (has_deadline)
				schedule_hrtimeout(deadline_ns);
			else
				schedule();
		}
		__set_current_state(TASK_RUNNING);
		if (q.woken)
			return 0;
		if (has_deadline && ktime_get_ns() >= deadline_ns)
			break;
		if (signal_pending(current))
			break;
	}
	list_del(&q.list);
	if (has_deadline && ktime_get_ns() >= deadline_ns)
		return -ETIMEDOUT;
	/* A signal: restarted under SA_RESTART when there is no timeout (Linux's -ERESTARTSYS);
	 * with one, EINTR once a handler ran (Linux's restart block restarts it only when none
	 * did, and a signal that no handler takes does not wake a waiter here). */
	return has_deadline ? -EINTR : -ERESTARTSYS;
}

/* Linux's futex_wake: at least one waiter, even for nr 0. */
static long futex_wake_key(uintptr_t key, int nr, uint32_t bitset)
{
	struct list_head *head = hash_futex(key), *pos, *n;
	int woken = 0;

	if (!bitset)
		return -EINVAL;
	list_for_each_safe(pos, n, head)
	{
		struct futex_q *q = list_entry(pos, struct futex_q, list);

		if (q->key == key && (q->bitset & bitset)) {
			wake_futex(q);
			if (++woken >= nr)
				break;
		}
	}
	return woken;
}

long futex_wake(uint32_t __user *uaddr, int nr, uint32_t bitset)
{
	return futex_wake_key((uintptr_t)uaddr | 1, nr, bitset);
}

/* Wake nr_wake waiters of uaddr, move up to nr_requeue of the rest to uaddr2; with cmpval,
 * only if *uaddr still holds it (CMP_REQUEUE). Returns woken + requeued. */
static long futex_requeue(uint32_t __user *uaddr, uintptr_t key, uintptr_t key2, int nr_wake,
			  int nr_requeue, const uint32_t *cmpval)
{
	struct list_head *head = hash_futex(key), *pos, *n;
	int woken = 0, moved = 0;

	if (cmpval) {
		uint32_t cur;

		if (get_user(cur, uaddr))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	list_for_each_safe(pos, n, head)
	{
		struct futex_q *q = list_entry(pos, struct futex_q, list);

		if (q->key != key)
			continue;
		if (woken < nr_wake) {
			wake_futex(q);
			woken++;
		} else if (moved < nr_requeue) {
			list_del(&q->list);
			q->key = key2;
			list_add_tail(&q->list, hash_futex(q->key));
			moved++;
		} else {
			break;
		}
	}
	return woken + moved;
}

/* A shared futex's key needs the page: an address with nothing readable behind it is -EFAULT
 * (a private one is only an address). */
static long futex_key(uint32_t __user *uaddr, bool shared, uintptr_t *key)
{
	uint32_t v;

	if ((uintptr_t)uaddr & 3)
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(*uaddr)))
		return -EFAULT;
	if (shared && get_user(v, uaddr))
		return -EFAULT;
	*key = (uintptr_t)uaddr | (shared ? 1 : 0);
	return 0;
}

static long do_futex(uint32_t __user *uaddr, int op, uint32_t val,
		     const struct linux_timespec64 *ts, uint32_t val2, uint32_t __user *uaddr2,
		     uint32_t val3)
{
	int cmd = op & LINUX_FUTEX_CMD_MASK;
	bool realtime = op & LINUX_FUTEX_CLOCK_REALTIME;
	bool shared = !(op & LINUX_FUTEX_PRIVATE_FLAG);
	uint64_t deadline = 0;
	uintptr_t key, key2;
	long err;

	/* Linux: the realtime clock only for the waits that take an absolute time. */
	if (realtime && cmd != LINUX_FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case LINUX_FUTEX_WAIT:
	case LINUX_FUTEX_WAIT_BITSET:
		if (ts) {
			uint64_t ns;

			if (ts->tv_sec < 0 || ts->tv_nsec < 0 ||
			    ts->tv_nsec >= (int64_t)NSEC_PER_SEC)
				return -EINVAL;
			ns = (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
			if (cmd == LINUX_FUTEX_WAIT) /* relative, on the monotonic clock */
				deadline = ktime_get_ns() + ns;
			else if (realtime)
				deadline = realtime_to_monotonic_ns(ns);
			else
				deadline = ns;
		}
		err = futex_key(uaddr, false, &key);
		if (err)
			return err;
		return futex_wait(uaddr, key | (shared ? 1 : 0), val,
				  cmd == LINUX_FUTEX_WAIT ? LINUX_FUTEX_BITSET_MATCH_ANY : val3,
				  ts != NULL, deadline);
	case LINUX_FUTEX_WAKE:
	case LINUX_FUTEX_WAKE_BITSET:
		err = futex_key(uaddr, shared, &key);
		if (err)
			return err;
		return futex_wake_key(key, (int)val,
				      cmd == LINUX_FUTEX_WAKE ? LINUX_FUTEX_BITSET_MATCH_ANY
							      : val3);
	case LINUX_FUTEX_REQUEUE:
	case LINUX_FUTEX_CMP_REQUEUE:
		if ((int)val < 0 || (int)val2 < 0)
			return -EINVAL;
		err = futex_key(uaddr, shared, &key);
		if (!err)
			err = futex_key(uaddr2, shared, &key2);
		if (err)
			return err;
		return futex_requeue(uaddr, key, key2, (int)val, (int)val2,
				     cmd == LINUX_FUTEX_CMP_REQUEUE ? &val3 : NULL);
	default:
		return -ENOSYS;
	}
}

/* The argument in the timeout's place is val2 for the requeue operations. */
static bool timeout_is_pointer(int op)
{
	int cmd = op & LINUX_FUTEX_CMD_MASK;

	return cmd == LINUX_FUTEX_WAIT || cmd == LINUX_FUTEX_WAIT_BITSET;
}

long sys_futex_time64(uint32_t __user *uaddr, int op, uint32_t val,
		      const struct linux_timespec64 __user *utime, uint32_t __user *uaddr2,
		      uint32_t val3)
{
	struct linux_timespec64 ts;

	if (timeout_is_pointer(op) && utime) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		return do_futex(uaddr, op, val, &ts, 0, uaddr2, val3);
	}
	return do_futex(uaddr, op, val, NULL, (uint32_t)(uintptr_t)utime, uaddr2, val3);
}

long sys_futex(uint32_t __user *uaddr, int op, uint32_t val,
	       const struct linux_timespec32 __user *utime, uint32_t __user *uaddr2, uint32_t val3)
{
	if (timeout_is_pointer(op) && utime) {
		struct linux_timespec32 t32;
		struct linux_timespec64 ts;

		if (copy_from_user(&t32, utime, sizeof(t32)))
			return -EFAULT;
		ts.tv_sec = t32.tv_sec;
		ts.tv_nsec = t32.tv_nsec;
		return do_futex(uaddr, op, val, &ts, 0, uaddr2, val3);
	}
	return do_futex(uaddr, op, val, NULL, (uint32_t)(uintptr_t)utime, uaddr2, val3);
}
