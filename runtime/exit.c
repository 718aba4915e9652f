/* Ending the application: exit status to QEMU, signals as 128 + N. */
#include "runtime/syscalls.h"
#include "runtime/fork.h"
#include "runtime/futex.h"
#include "runtime/pid.h"
#include "runtime/uapi.h"
#include "runtime/wait.h"
#include "platform/uaccess.h"
#include "vm/mm_user.h"
#include "runtime/sched.h"
#include "runtime/printk.h"
#include "runtime/exit_codes.h"
#include "runtime/exit.h"
#include "runtime/params.h"
#include "platform/power.h"

#include <errno.h>

void do_exit_machine(enum exit_reason reason, int status)
{
	static bool exiting;

	/* Once only: a fault while writing the record must not write another. */
	if (runtime_exit_record && !exiting) {
		exiting = true;
		exit_record_write(reason, status);
	}
	machine_exit(status);
}

void do_exit_signal(int sig)
{
	do_exit_machine(EXIT_REASON_SIGNAL, EXIT_SIGNAL_BASE + sig);
}

long sys_exit_group(int status)
{
	do_exit_machine(EXIT_REASON_EXIT, status & 0xff);
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_gettid(void)
{
	return current->pid;
}

/* clear_child_tid: zeroed and woken at the thread's exit (the C library's join waits on it). */
long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_set_robust_list(struct linux_robust_list_head __user *head, size_t len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

long sys_get_robust_list(int pid, void __user *__user *head_ptr, size_t __user *len_ptr)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (!p || (p->flags & PF_KTHREAD))
		return -ESRCH;
	if (put_user((uint32_t)sizeof(struct linux_robust_list_head), (uint32_t __user *)len_ptr))
		return -EFAULT;
	return put_user((uint32_t)(uintptr_t)p->robust_list, (uint32_t __user *)head_ptr) ? -EFAULT
											  : 0;
}

#define FUTEX_WAITERS	  0x80000000u
#define FUTEX_OWNER_DIED  0x40000000u
#define FUTEX_TID_MASK	  0x3fffffffu
#define ROBUST_LIST_LIMIT 2048

/* A robust futex the dying thread holds: marked OWNER_DIED, one waiter woken (Linux's
 * handle_futex_death). */
static void handle_futex_death(uint32_t __user *uaddr, int tid)
{
	uint32_t val;

	if (get_user(val, uaddr) || (val & FUTEX_TID_MASK) != (uint32_t)tid)
		return;
	if (put_user((val & FUTEX_WAITERS) | FUTEX_OWNER_DIED, uaddr))
		return;
	if (val & FUTEX_WAITERS)
		futex_wake(uaddr, 1, LINUX_FUTEX_BITSET_MATCH_ANY);
}

/* The list set_robust_list registered: every entry (and the pending one), bounded as Linux's. */
static void exit_robust_list(struct task_struct *tsk)
{
	struct linux_robust_list_head head;
	uint32_t entry, pending;
	int limit = ROBUST_LIST_LIMIT;

	if (copy_from_user(&head, tsk->robust_list, sizeof(head)))
		return;
	entry = (uint32_t)(uintptr_t)head.list_next;
	pending = (uint32_t)(uintptr_t)head.list_op_pending;
	while (entry != (uint32_t)(uintptr_t)tsk->robust_list && limit--) {
		uint32_t next;

		if (get_user(next, (uint32_t __user *)(uintptr_t)entry))
			return;
		if (entry != pending)
			handle_futex_death(
				(uint32_t __user *)(uintptr_t)(entry + head.futex_offset),
				tsk->pid);
		entry = next & ~1u;
	}
	if (pending)
		handle_futex_death(
			(uint32_t __user *)(uintptr_t)((pending & ~1u) + head.futex_offset),
			tsk->pid);
}

/* What the C library asked to be told at the exit (Linux's mm_release). */
static void mm_release(struct task_struct *tsk)
{
	if (tsk->robust_list)
		exit_robust_list(tsk);
	if (tsk->clear_child_tid) {
		if (!put_user(0, tsk->clear_child_tid))
			futex_wake((uint32_t __user *)tsk->clear_child_tid, 1,
				   LINUX_FUTEX_BITSET_MATCH_ANY);
		tsk->clear_child_tid = NULL;
	}
}

void do_exit(long code)
{
	struct task_struct *tsk = current, *leader = tsk->group_leader;

	if (tsk == &init_task)
		panic("the idle task exits");
	tsk->flags |= PF_EXITING;
	tsk->exit_code = (int)code;
	if (tsk->mm) {
		mm_release(tsk);
		/* The group's last thread: the program has ended, with the leader's status (a
		 * thread group's wait status on Linux). */
		if (--leader->nr_threads == 0)
			do_exit_machine(EXIT_REASON_EXIT, leader->exit_code & 0xff);
		tsk->mm->mm_users--;
		tsk->mm->mm_count--;
		tsk->mm = tsk->active_mm = NULL;
	}
	if (tsk->vfork_done)
		complete_all(tsk->vfork_done);
	local_irq_disable();
	if (tsk == leader && !(tsk->flags & PF_KTHREAD)) {
		/* Its threads still run: a zombie until the group ends (its pid stays taken). */
		tsk->exit_state = EXIT_ZOMBIE;
		get_task_struct(tsk);
	} else {
		tsk->exit_state = EXIT_DEAD;
		list_del(&tsk->tasks);
		list_del(&tsk->sibling);
		if (tsk != leader)
			list_del(&tsk->thread_node);
		free_pid(tsk->pid);
	}
	tsk->state = TASK_DEAD;
	schedule();
	panic("a dead task ran again");
}

/* exit(2): this thread only (exit_group ends the program). */
long sys_exit(int status)
{
	do_exit(status & 0xff);
}
