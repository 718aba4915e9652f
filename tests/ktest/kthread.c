/*
 * Kernel threads and the sleep primitives (runtime/kthread.c, runtime/wait.c, docs/tasks.md):
 * kthread_run starts a thread that kthreadd (pid 2) made; it runs until kthread_stop, which
 * returns its function's value; one stopped before it ever ran returns -EINTR without running
 * it; completions, wait queues and a sleeping mutex hand work between this task (pid 1, the
 * ktest) and the threads; the threads' pids and kernel stacks come back after their exit.
 */
#include "runtime/fork.h"
#include "runtime/kthread.h"
#include "runtime/pid.h"
#include "runtime/sched.h"
#include "runtime/wait.h"
#include "vm/mm_user.h"

#include <errno.h>
#include "ktest_check.h"

#include <stdio.h>
#include <string.h>

static struct completion started;
static DECLARE_WAIT_QUEUE_HEAD(work_wq);
static volatile int work_items, work_done;
static DEFINE_MUTEX(shared_mutex);
static int shared_counter;

/* Waits for work until stopped; returns how much it did. */
static int worker(void *arg)
{
	int *runs = arg;

	(*runs)++;
	complete(&started);
	while (!kthread_should_stop()) {
		wait_event(work_wq, work_items > work_done || kthread_should_stop());
		while (work_items > work_done) {
			mutex_lock(&shared_mutex);
			shared_counter++;
			schedule(); /* give the CPU up while holding the mutex */
			mutex_unlock(&shared_mutex);
			work_done++;
		}
	}
	return 1000 + work_done;
}

static int runs, ran;
static volatile int driver_done;

static int never_run(void *arg)
{
	*(int *)arg = 1;
	return 0;
}

static int driver(void *unused)
{
	int pids_before = pid_nr_in_use();
	struct task_struct *k, *idle;

	(void)unused;
	/* A kernel thread borrows the address space there is (mm_count counts the borrower). */
	CHECK(!current->mm && current->active_mm == current_mm);
	CHECK(current_mm->mm_users == 1 && current_mm->mm_count == 2);
	init_completion(&started);
	k = kthread_run(worker, &runs, "worker/%d", 7);
	CHECK(!IS_ERR(k));
	CHECK(!strcmp(k->comm, "worker/7") && (k->flags & PF_KTHREAD) && !k->mm);
	CHECK(k->parent->pid == 2); /* made by kthreadd */
	CHECK(pid_nr_in_use() == pids_before + 1);
	wait_for_completion(&started);
	CHECK(runs == 1);

	/* Work handed over through the wait queue; the mutex serialises it with this task. */
	for (int i = 0; i < 5; i++) {
		work_items++;
		wake_up(&work_wq);
		mutex_lock(&shared_mutex);
		shared_counter += 100;
		mutex_unlock(&shared_mutex);
		while (work_done < work_items)
			schedule();
	}
	CHECK(shared_counter == 505 && work_done == 5);

	wake_up(&work_wq); /* let it see the stop request from its sleep */
	CHECK(kthread_stop(k) == 1005);
	CHECK(pid_nr_in_use() == pids_before);

	/* Stopped before it was ever woken: its function does not run. */
	idle = kthread_create(never_run, &ran, "idle-thread");
	CHECK(!IS_ERR(idle));
	CHECK(kthread_stop(idle) == -EINTR && ran == 0);
	CHECK(pid_nr_in_use() == pids_before);
	driver_done = 1;
	return 0;
}

int main(void)
{
	int pids_before = pid_nr_in_use();

	CHECK(kernel_thread(driver, NULL, "ktest-driver", NULL) > 0);
	while (!driver_done)
		schedule(); /* runnable all along: the others run in between */
	for (int i = 0; i < 10 && pid_nr_in_use() != pids_before; i++)
		schedule(); /* the driver's own exit */
	CHECK(current_mm->mm_users == 1 && current_mm->mm_count == 1);
	printf("kthread: worker did %d items, stop returned, pids back to %d\n", work_done,
	       pid_nr_in_use());
	printf("kthread: %s\n", check_failures ? "FAILED" : "all checks passed");
	return check_failures;
}
