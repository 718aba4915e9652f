/*
 * The task list and the tasks of the boot (docs/tasks.md): init_task is the boot context and
 * is current from the first instruction of start_kernel; create_init_process makes the
 * application's first thread, pid 1, as Linux's rest_init makes init.
 */
#include "runtime/sched.h"
#include "runtime/pid.h"
#include "vm/slab.h"

#include <string.h>

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD | PF_IDLE,
	.pid = 0,
	.tgid = 0,
	.comm = "swapper",
	.parent = &init_task,
	.group_leader = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
};

void set_task_comm(struct task_struct *tsk, const char *name)
{
	size_t n = strlen(name);

	if (n > TASK_COMM_LEN - 1)
		n = TASK_COMM_LEN - 1;
	memcpy(tsk->comm, name, n);
	tsk->comm[n] = '\0';
}

struct task_struct *create_init_process(struct mm_struct *mm, const char *name)
{
	struct task_struct *tsk = kzalloc(sizeof(*tsk), GFP_KERNEL);
	int pid;

	if (!tsk)
		return NULL;
	pid = alloc_pid();
	if (pid < 0) {
		kfree(tsk);
		return NULL;
	}
	tsk->state = TASK_RUNNING;
	tsk->pid = tsk->tgid = pid;
	set_task_comm(tsk, name);
	tsk->parent = &init_task;
	tsk->group_leader = tsk;
	INIT_LIST_HEAD(&tsk->children);
	list_add_tail(&tsk->sibling, &init_task.children);
	list_add_tail(&tsk->tasks, &init_task.tasks);
	tsk->mm = tsk->active_mm = mm;
	set_current(tsk);
	return tsk;
}
