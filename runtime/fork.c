/*
 * Making tasks (docs/tasks.md): the task_struct and its kernel stack, kernel threads
 * (kernel_thread), the application's threads (clone), and freeing a task once nothing uses it.
 * A kernel stack is THREAD_SIZE bytes of vmalloc space at a THREAD_ALIGN boundary, so the
 * unmapped page below it catches an overflow and entry.S's one-bit test sees it coming.
 */
#include "runtime/fork.h"
#include "runtime/pid.h"
#include "runtime/printk.h"
#include "runtime/sched.h"
#include "runtime/signal_internal.h"
#include "runtime/uapi.h"
#include "platform/domain.h"
#include "platform/ptrace.h"
#include "platform/uaccess.h"
#include "platform/vfp.h"
#include "vm/mm_user.h"
#include "vm/slab.h"
#include "vm/vmalloc.h"

#include <errno.h>
#include <string.h>

/* Freed kernel stacks kept for the next tasks, as Linux's NR_CACHED_STACKS: a thread's
 * create and exit then cost no vmalloc and no vfree (with their TLB flush). */
#define NR_CACHED_STACKS 2
static void *cached_stacks[NR_CACHED_STACKS];

static void *alloc_thread_stack(void)
{
	for (int i = 0; i < NR_CACHED_STACKS; i++) {
		void *s = cached_stacks[i];

		if (s) {
			cached_stacks[i] = NULL;
			return s;
		}
	}
	return __vmalloc_node(THREAD_SIZE, THREAD_ALIGN, GFP_KERNEL, __builtin_return_address(0));
}

static void free_thread_stack(void *stack)
{
	for (int i = 0; i < NR_CACHED_STACKS; i++) {
		if (!cached_stacks[i]) {
			cached_stacks[i] = stack;
			return;
		}
	}
	vfree(stack);
}

/* A task with a stack and a pid, linked nowhere yet, state TASK_UNINTERRUPTIBLE (not
 * runnable); NULL with *err when something is missing. */
static struct task_struct *alloc_task(int *err)
{
	struct task_struct *tsk = kzalloc(sizeof(*tsk), GFP_KERNEL);

	*err = -ENOMEM;
	if (!tsk)
		return NULL;
	tsk->stack = alloc_thread_stack();
	if (!tsk->stack) {
		kfree(tsk);
		return NULL;
	}
	tsk->pid = alloc_pid();
	if (tsk->pid < 0) {
		*err = tsk->pid;
		free_thread_stack(tsk->stack);
		kfree(tsk);
		return NULL;
	}
	tsk->usage = 1;
	tsk->state = TASK_UNINTERRUPTIBLE;
	INIT_LIST_HEAD(&tsk->children);
	INIT_LIST_HEAD(&tsk->sibling);
	INIT_LIST_HEAD(&tsk->thread_group);
	INIT_LIST_HEAD(&tsk->thread_node);
	INIT_LIST_HEAD(&tsk->run_list);
	init_sigpending(&tsk->pending);
	tsk->sas_ss_flags = LINUX_SS_DISABLE;
	return tsk;
}

static void link_task(struct task_struct *tsk, struct task_struct *parent)
{
	tsk->parent = parent;
	list_add_tail(&tsk->sibling, &parent->children);
	list_add_tail(&tsk->tasks, &init_task.tasks);
}

void put_task_struct(struct task_struct *tsk)
{
	if (--tsk->usage)
		return;
	if (tsk == &init_task || !(tsk->state & TASK_DEAD)) {
		printk("put_task_struct: %s (pid %d) freed while alive\n", tsk->comm, tsk->pid);
		return;
	}
	vfp_release_thread(tsk);
	exit_signal_state(tsk);
	free_thread_stack(tsk->stack);
	kfree(tsk);
}

/* The context a new task starts from: SVC mode, interrupts masked (schedule_tail unmasks),
 * application memory closed, at pc with sp. */
static void init_cpu_context(struct task_struct *tsk, unsigned long pc, unsigned long sp)
{
	struct cpu_context_save *cc = &tsk->thread.cpu_context;

	memset(cc, 0, sizeof(*cc));
	cc->cpsr = PSR_MODE_SVC | PSR_I_BIT | PSR_F_BIT;
	cc->dacr = DACR_UACCESS_DISABLE;
	cc->pc = pc;
	cc->sp = cc->svc_sp = sp;
}

int kernel_thread(int (*fn)(void *), void *arg, const char *name, struct task_struct **out)
{
	int err;
	struct task_struct *tsk = alloc_task(&err);

	if (!tsk)
		return err;
	tsk->tgid = tsk->pid;
	tsk->flags = PF_KTHREAD;
	set_task_comm(tsk, name);
	tsk->group_leader = tsk;
	tsk->nr_threads = 1;
	/* No mm: it borrows whatever address space is active (runtime/sched_core.c). */
	init_cpu_context(tsk, (unsigned long)ret_from_kthread, task_stack_top(tsk));
	tsk->thread.cpu_context.r4 = (uint32_t)(uintptr_t)fn;
	tsk->thread.cpu_context.r5 = (uint32_t)(uintptr_t)arg;
	link_task(tsk, current->flags & PF_KTHREAD ? current : &init_task);
	if (out) {
		get_task_struct(tsk);
		*out = tsk;
	}
	wake_up_new_task(tsk);
	return tsk->pid;
}

struct task_struct *create_init_process(struct mm_struct *mm, const char *name, int (*fn)(void *))
{
	int err;
	struct task_struct *tsk = alloc_task(&err);

	if (!tsk)
		return NULL;
	tsk->tgid = tsk->pid;
	set_task_comm(tsk, name);
	tsk->group_leader = tsk;
	tsk->nr_threads = 1;
	tsk->mm = tsk->active_mm = mm;
	mm->mm_users = 1;
	mm->mm_count = 1;
	init_cpu_context(tsk, (unsigned long)ret_from_kthread, task_stack_top(tsk));
	tsk->thread.cpu_context.r4 = (uint32_t)(uintptr_t)fn;
	link_task(tsk, &init_task);
	wake_up_new_task(tsk);
	return tsk;
}

/*
 * The thread flags glibc and musl pass, and what Linux's copy_process says to the rest. A new
 * process (no CLONE_VM, or CLONE_VM without CLONE_THREAD: a second program in the same
 * memory) has no place in one image: -ENOSYS.
 */
static long check_clone_flags(unsigned long flags)
{
	if ((flags & (LINUX_CLONE_NEWNS | LINUX_CLONE_FS)) == (LINUX_CLONE_NEWNS | LINUX_CLONE_FS))
		return -EINVAL;
	if ((flags & (LINUX_CLONE_NEWUSER | LINUX_CLONE_FS)) ==
	    (LINUX_CLONE_NEWUSER | LINUX_CLONE_FS))
		return -EINVAL;
	if ((flags & LINUX_CLONE_THREAD) && !(flags & LINUX_CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & LINUX_CLONE_SIGHAND) && !(flags & LINUX_CLONE_VM))
		return -EINVAL;
	/* The application's first thread is init: no siblings for it (Linux's rule). */
	if ((flags & LINUX_CLONE_PARENT) && current->group_leader->pid == 1)
		return -EINVAL;
	if ((flags & LINUX_CLONE_THREAD) && (flags & (LINUX_CLONE_NEWUSER | LINUX_CLONE_NEWPID)))
		return -EINVAL;
	/* clone() returns the pidfd through parent_tid: not both (kernel_clone's check). */
	if ((flags & LINUX_CLONE_PIDFD) &&
	    (flags & (LINUX_CLONE_DETACHED | LINUX_CLONE_THREAD | LINUX_CLONE_PARENT_SETTID)))
		return -EINVAL;
	if (!(flags & LINUX_CLONE_THREAD))
		return -ENOSYS;
	/* Namespaces of its own and vfork for a thread: not in one image. */
	if (flags &
	    (LINUX_CLONE_NEWNS | LINUX_CLONE_NEWCGROUP | LINUX_CLONE_NEWUTS | LINUX_CLONE_NEWIPC |
	     LINUX_CLONE_NEWNET | LINUX_CLONE_VFORK | LINUX_CLONE_PIDFD))
		return -EINVAL;
	return 0;
}

long sys_clone_regs(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		    unsigned long tls, int __user *child_tid, const struct pt_regs *regs)
{
	struct task_struct *parent = current, *leader = parent->group_leader, *tsk;
	struct pt_regs *childregs;
	long err = check_clone_flags(flags);
	int e;

	if (err)
		return err;
	tsk = alloc_task(&e);
	if (!tsk)
		return e == -EAGAIN ? -EAGAIN : -ENOMEM;
	if ((flags & LINUX_CLONE_PARENT_SETTID) && put_user(tsk->pid, parent_tid)) {
		tsk->state = TASK_DEAD;
		free_pid(tsk->pid);
		put_task_struct(tsk);
		return -EFAULT;
	}
	tsk->tgid = leader->tgid;
	memcpy(tsk->comm, parent->comm, sizeof(tsk->comm));
	tsk->group_leader = leader;
	tsk->mm = tsk->active_mm = parent->mm;
	tsk->mm->mm_users++;
	tsk->mm->mm_count++;
	if (flags & LINUX_CLONE_CHILD_SETTID)
		tsk->set_child_tid = child_tid;
	if (flags & LINUX_CLONE_CHILD_CLEARTID)
		tsk->clear_child_tid = child_tid;
	tsk->thread.tp_value = flags & LINUX_CLONE_SETTLS ? tls : parent->thread.tp_value;
	vfp_copy_thread(tsk, parent);
	copy_signal_state(tsk, parent);

	/* Its first return to the application: the caller's registers, r0 = 0, its own sp. */
	childregs = (struct pt_regs *)(task_stack_top(tsk) - sizeof(*childregs));
	*childregs = *regs;
	childregs->ARM_r0 = 0;
	if (newsp)
		childregs->ARM_sp = newsp;
	init_cpu_context(tsk, (unsigned long)ret_from_fork, (unsigned long)childregs);

	/* A thread's parent is the group's parent (CLONE_THREAD implies CLONE_PARENT's tree). */
	link_task(tsk, leader->parent);
	list_add_tail(&tsk->thread_node, &leader->thread_group);
	leader->nr_threads++;
	wake_up_new_task(tsk);
	return tsk->pid;
}
