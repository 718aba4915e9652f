/* Making tasks (runtime/fork.c). */
#ifndef UNIARM_RUNTIME_FORK_H
#define UNIARM_RUNTIME_FORK_H

#include "runtime/sched.h"

struct pt_regs;

/*
 * A kernel thread running fn(arg), named name, runnable at once; its return value is its exit
 * code (do_exit). Returns its pid or -errno; with out, *out holds a reference to the task
 * (put_task_struct).
 */
int kernel_thread(int (*fn)(void *), void *arg, const char *name, struct task_struct **out);

/* The application's first thread (pid 1, Linux's init), child of init_task, with mm and the
 * name, runnable: it starts in the runtime at fn. NULL when there is no memory or no pid. */
struct task_struct *create_init_process(struct mm_struct *mm, const char *name, int (*fn)(void *));

/* clone (through platform/entry.S's sys_clone_wrapper, which supplies the caller's regs). */
long sys_clone_regs(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		    unsigned long tls, int __user *child_tid, const struct pt_regs *regs);

#endif
