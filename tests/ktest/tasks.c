/*
 * The task list at boot (runtime/sched.c, docs/tasks.md): current is the application's first
 * task, pid 1, child of init_task (pid 0, the boot context and then the idle task), named after
 * the image (cut to 15 characters as Linux's comm); kthreadd is pid 2, a kernel thread without
 * an mm; for_each_process sees those two and nothing else; getpid agrees; each has its own
 * kernel stack, THREAD_SIZE at a THREAD_ALIGN boundary.
 */
#include "runtime/pid.h"
#include "runtime/sched.h"
#include "platform/memory.h"

#include <stdint.h>

#include "ktest_check.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
	CHECK(init_task.stack == (void *)__init_stack);
	for_each_process(p)
	{
		n++;
		CHECK(((uintptr_t)p->stack & (THREAD_ALIGN - 1)) == 0);
		CHECK(p->stack != init_task.stack);
		if (n == 1)
			CHECK(p == me);
		if (n == 2)
			CHECK(p->pid == 2 && !strcmp(p->comm, "kthreadd") &&
			      (p->flags & PF_KTHREAD) && !p->mm && p->parent == &init_task);
		if (n == 3) /* made by kthreadd for kernel_init, before the test */
			CHECK(p->pid == 3 && !strcmp(p->comm, "kzerod") &&
			      (p->flags & PF_KTHREAD) && !p->mm && p->parent->pid == 2);
	}
	CHECK(n == 3);
	CHECK(pid_in_use(1) && pid_in_use(2) && pid_in_use(3) && pid_nr_in_use() == 3);

	printf("tasks: current pid %d (%s), parent pid %d, %d task(s) listed\n", me->pid, me->comm,
	       me->parent->pid, n);
	printf("tasks: %s\n", check_failures ? "FAILED" : "all checks passed");
	return check_failures;
}
