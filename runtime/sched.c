/*
 * The task list (docs/tasks.md): init_task is the boot context, current from the first
 * instruction of start_kernel, and then the idle task; runtime/fork.c makes the others.
 */
#include "runtime/sched.h"
#include "platform/memory.h"

#include <stddef.h>
#include <string.h>

/* platform/entry.S's offsets (platform/thread_info.h). */
_Static_assert(offsetof(struct task_struct, ti_flags) == TSK_TI_FLAGS, "TSK_TI_FLAGS");
_Static_assert(offsetof(struct task_struct, thread.cpu_context) == TSK_CPU_CONTEXT,
	       "TSK_CPU_CONTEXT");
_Static_assert(offsetof(struct task_struct, thread.cpu_context.svc_sp) == TSK_CPU_CONTEXT + 48,
	       "svc_sp");
_Static_assert(offsetof(struct task_struct, thread.tp_value) == TSK_TP_VALUE, "TSK_TP_VALUE");

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD | PF_IDLE,
	.usage = 1,
	.pid = 0,
	.tgid = 0,
	.comm = "swapper",
	.stack = __init_stack,
	.parent = &init_task,
	.group_leader = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.thread_group = LIST_HEAD_INIT(init_task.thread_group),
	.thread_node = LIST_HEAD_INIT(init_task.thread_node),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.nr_threads = 1,
};

void set_task_comm(struct task_struct *tsk, const char *name)
{
	size_t n = strlen(name);

	if (n > TASK_COMM_LEN - 1)
		n = TASK_COMM_LEN - 1;
	memcpy(tsk->comm, name, n);
	tsk->comm[n] = '\0';
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;

	if (pid == 0)
		return &init_task;
	for_each_process(p) if (p->pid == pid) return p;
	return NULL;
}
