/*
 * Tasks (docs/tasks.md): Linux's task_struct as far as uniarm has its parts, the run queue's
 * interface (runtime/sched_core.c), and the task list. init_task (pid 0) is the boot context
 * and then the idle task; the application's threads and the kernel threads are the others.
 */
#ifndef UNIARM_RUNTIME_SCHED_H
#define UNIARM_RUNTIME_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include "platform/current.h"
#include "platform/thread_info.h"
#include "runtime/hrtimer.h"
#include "runtime/signal.h"
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

#ifndef __user
#define __user
#endif

struct mm_struct;
struct completion;
struct vfp_state;

struct task_struct {
	/* entry.S reads these two at fixed offsets (platform/thread_info.h) */
	unsigned long ti_flags;	     /* _TIF_*: work before the return to the application */
	struct thread_struct thread; /* the registers __switch_to keeps, TPIDRURO */

	volatile long state; /* TASK_* */
	int exit_state;	     /* 0, EXIT_ZOMBIE, EXIT_DEAD */
	unsigned int flags;  /* PF_* */
	int usage;	     /* references: get_task_struct/put_task_struct */
	int pid, tgid;
	char comm[TASK_COMM_LEN];
	void *stack; /* the kernel stack: THREAD_SIZE bytes, the page below unmapped */

	struct task_struct *parent;	  /* who reaps it */
	struct task_struct *group_leader; /* the thread group's first thread */
	struct list_head children;	  /* its children, linked by their sibling */
	struct list_head sibling;
	struct list_head tasks;	       /* every task: for_each_process */
	struct list_head thread_node;  /* the group's threads, from the leader's signal list */
	struct list_head thread_group; /* a leader's: its threads (for_each_thread) */
	int nr_threads;		       /* a leader's: live threads of the group */

	struct mm_struct *mm; /* its address space; NULL for a kernel thread */
	struct mm_struct *active_mm;

	/* the scheduler's (runtime/sched_core.c) */
	int on_rq;		    /* runnable: running or on the run queue */
	struct list_head run_list;  /* on the run queue */
	struct hrtimer sleep_timer; /* nanosleep's and timed waits' wake-up */

	int exit_code;
	int mmap_locked;   /* holds of an mm's mmap_lock (vm/mmap_lock.h) */
	int preempt_count; /* HARDIRQ_OFFSET per interrupt being handled (runtime/hardirq.h) */

	/* threads (runtime/fork.c, runtime/futex.c) */
	int __user *set_child_tid;
	int __user *clear_child_tid;
	void __user *robust_list;
	struct completion *vfork_done; /* kthread_stop waits here for the exit */
	void *kthread;		       /* struct kthread of a kernel thread (runtime/kthread.c) */

	struct vfp_state *vfp; /* the FP registers while not in the unit (platform/vfp.c) */
	uint32_t vfp_fpscr;    /* FPSCR to start with, until vfp exists */

	/* signals (runtime/signal.c, docs/signals.md) */
	linux_sigset_t blocked; /* the thread's mask */
	linux_sigset_t
		saved_sigmask;	   /* rt_sigsuspend's: put back once the handler's frame is built */
	bool restore_sigmask;	   /* saved_sigmask is to be put back */
	struct sigpending pending; /* thread-directed signals */
	struct sigqueue *sigqueue_cache; /* one free entry for the next signal to it (siglock) */
	unsigned long sas_ss_sp;	 /* the alternate stack (sigaltstack) */
	unsigned long sas_ss_size;
	unsigned int sas_ss_flags;
	/* the last fault that became a signal, for the frame's sigcontext */
	unsigned long trap_no, error_code, fault_address;
	/* how restart_syscall continues an interrupted sleep (nanosleep: its deadline) */
	struct restart_block {
		long (*fn)(struct restart_block *);
		uint64_t deadline_ns;
		void __user *rmtp;
		int rmtp_time64;
	} restart_block;
};

/* The boot context: pid 0, "swapper", the idle task once the others run. */
extern struct task_struct init_task;

#define next_task(p)	    list_entry((p)->tasks.next, struct task_struct, tasks)
#define for_each_process(p) for (p = &init_task; (p = next_task(p)) != &init_task;)

static inline void *task_stack_page(const struct task_struct *tsk)
{
	return tsk->stack;
}

static inline unsigned long task_stack_top(const struct task_struct *tsk)
{
	return (unsigned long)tsk->stack + THREAD_SIZE;
}

static inline void set_tsk_need_resched(struct task_struct *tsk)
{
	tsk->ti_flags |= _TIF_NEED_RESCHED;
}

static inline bool need_resched(void)
{
	return current->ti_flags & _TIF_NEED_RESCHED;
}

#define set_current_state(s)   (current->state = (s))
#define __set_current_state(s) (current->state = (s))

static inline void get_task_struct(struct task_struct *tsk)
{
	tsk->usage++;
}
void put_task_struct(struct task_struct *tsk);

/* comm from name, cut to TASK_COMM_LEN - 1 characters as Linux's set_task_comm. */
void set_task_comm(struct task_struct *tsk, const char *name);

/* The task with this pid (thread id), or NULL. */
struct task_struct *find_task_by_pid(int pid);

/* --- the scheduler (runtime/sched_core.c) --- */
void sched_init(void);
/* Give the CPU to the next runnable task; back when this one runs again. A task whose state
 * is not TASK_RUNNING leaves the run queue until it is woken. */
void schedule(void);
/* Make tsk runnable (state TASK_RUNNING, on the run queue); false if it already was. */
bool wake_up_process(struct task_struct *tsk);
bool wake_up_state(struct task_struct *tsk, unsigned int state);
/* A new task's first wake-up. */
void wake_up_new_task(struct task_struct *tsk);
/* Sleep until the monotonic clock passes deadline_ns (or a wake-up, in
 * TASK_INTERRUPTIBLE): the state is set by the caller. Returns the time left in ns (0 when the
 * deadline passed). */
uint64_t schedule_hrtimeout(uint64_t deadline_ns);
/* Another task waits for the CPU: the cue for work done in idle time (kzerod) to stop. */
bool cpu_wanted(void);
/* The idle loop of init_task: never returns. */
__attribute__((noreturn)) void cpu_startup_entry(void);
/* The return to the application (entry.S) with work in ti_flags: schedule while current
 * should give the CPU up, deliver pending signals (regs: the application's registers; syscall:
 * they come from a system call whose first argument was orig_r0). */
struct pt_regs;
void do_work_pending(struct pt_regs *regs, int syscall, unsigned long orig_r0);

/* platform/entry.S */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);
void ret_from_fork(void);
void ret_from_kthread(void);

#endif
