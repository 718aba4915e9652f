/*
 * Tasks (docs/tasks.md), Linux's task_struct as far as uniarm has its parts: today the boot
 * context (init_task, pid 0, the idle task to be) and the application's first thread (pid 1).
 * The scheduler, kernel threads and clone come with the rest of issue 12.
 */
#ifndef UNIARM_RUNTIME_SCHED_H
#define UNIARM_RUNTIME_SCHED_H

#include "platform/current.h"
#include "vm/list.h"

#define TASK_RUNNING	     0x0000
#define TASK_INTERRUPTIBLE   0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_DEAD	     0x0080

#define EXIT_DEAD   0x0010
#define EXIT_ZOMBIE 0x0020

#define PF_IDLE	   0x00000002u /* the idle task */
#define PF_EXITING 0x00000004u
#define PF_KTHREAD 0x00200000u /* a kernel thread: no mm of its own */

#define TASK_COMM_LEN 16

struct mm_struct;

struct task_struct {
	volatile long state; /* TASK_* */
	int exit_state;	     /* 0, EXIT_ZOMBIE, EXIT_DEAD */
	unsigned int flags;  /* PF_* */
	int pid, tgid;
	char comm[TASK_COMM_LEN];
	struct task_struct *parent;	  /* who reaps it */
	struct task_struct *group_leader; /* the thread group's first thread */
	struct list_head children;	  /* its children, linked by their sibling */
	struct list_head sibling;
	struct list_head tasks; /* every task: for_each_process */
	struct mm_struct *mm;	/* its address space; NULL for a kernel thread */
	struct mm_struct *active_mm;
	int exit_code;
	int preempt_count; /* HARDIRQ_OFFSET per interrupt being handled (runtime/hardirq.h) */
};

/* The boot context: pid 0, "swapper", the idle task once there is a scheduler. */
extern struct task_struct init_task;

#define next_task(p)	    list_entry((p)->tasks.next, struct task_struct, tasks)
#define for_each_process(p) for (p = &init_task; (p = next_task(p)) != &init_task;)

/* comm from name, cut to TASK_COMM_LEN - 1 characters as Linux's set_task_comm. */
void set_task_comm(struct task_struct *tsk, const char *name);

/*
 * The application's first thread (pid 1, Linux's init), child of init_task, with mm and the
 * name: made current. NULL when there is no memory or no pid for it.
 */
struct task_struct *create_init_process(struct mm_struct *mm, const char *name);

#endif
