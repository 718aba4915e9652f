/*
 * The task list at boot (runtime/sched.c, docs/tasks.md): current is the application's first
 * task, pid 1, child of init_task (pid 0, the boot context), named after the image (cut to 15
 * characters as Linux's comm); for_each_process sees it and nothing else; getpid agrees.
 */
#include "runtime/pid.h"
#include "runtime/sched.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("CHECK failed at line %d: %s\n", __LINE__, #cond);                  \
			failed++;                                                                  \
		}                                                                                  \
	} while (0)

int main(void)
{
	struct task_struct *p, *me = current;
	int n = 0;

	CHECK(me != &init_task);
	CHECK(me->pid == 1 && me->tgid == 1 && getpid() == 1);
	CHECK(me->parent == &init_task && me->group_leader == me);
	CHECK(init_task.pid == 0 && !strcmp(init_task.comm, "swapper"));
	CHECK(!strcmp(me->comm, "ktest_tasks_boo")); /* "ktest_tasks_boot", 15 characters */
	CHECK(me->mm && me->active_mm == me->mm && !(me->flags & PF_KTHREAD));
	for_each_process(p)
	{
		CHECK(p == me);
		n++;
	}
	CHECK(n == 1);
	CHECK(pid_in_use(1) && pid_nr_in_use() == 1);
	printf("tasks: current pid %d (%s), parent pid %d, %d task(s) listed\n", me->pid, me->comm,
	       me->parent->pid, n);
	printf("tasks: %s\n", failed ? "FAILED" : "all checks passed");
	return failed;
}
