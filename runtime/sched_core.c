/*
 * The scheduler (docs/tasks.md): one CPU, one run queue of runnable tasks in round-robin order,
 * a time slice enforced by a timer that runs only while another task waits for the CPU
 * (tickless otherwise), and preemption on the return to the application (entry.S calls
 * do_work_pending); runtime code gives the CPU up only where it sleeps (PREEMPT_NONE). The run
 * queue is protected by masking interrupts; on SMP it would take the run queue's lock too.
 */
#include "runtime/sched.h"
#include "runtime/hrtimer.h"
#include "runtime/irqflags.h"
#include "runtime/printk.h"
#include "runtime/syscalls.h"
#include "runtime/time.h"
#include "platform/arch_timer.h"
#include "platform/uaccess.h"
#include "platform/vfp.h"
#include "vm/mmap_lock.h"
#include "vm/prezero.h"

#define SLICE_NS 10000000ull /* 10 ms: HZ = 100's tick */

static uint64_t slice_ticks; /* SLICE_NS in counter ticks */

static struct rq {
	struct list_head queue; /* runnable tasks other than curr, in the order they will run */
	unsigned int nr_queued;
	struct hrtimer slice_timer; /* armed while another task waits */
} rq;

static void slice_expired(struct hrtimer *t)
{
	(void)t;
	if (rq.nr_queued)
		set_tsk_need_resched(current);
}

void sched_init(void)
{
	INIT_LIST_HEAD(&rq.queue);
	hrtimer_init(&rq.slice_timer, slice_expired);
	slice_ticks = ns_to_counter(SLICE_NS);
	init_task.on_rq = 1;
}

/*
 * Someone waits for the CPU: the running task's slice ends at most SLICE_NS from now. A slice
 * timer already pending is left as it is, and one no longer needed is left to fire for nothing
 * (slice_expired looks at the queue): a wake-up and a switch then cost no timer programming,
 * and with one runnable task the timer fires at most once more (tickless).
 */
static inline void arm_slice(void)
{
	if (!rq.slice_timer.queued)
		hrtimer_start_counter(&rq.slice_timer, arch_counter_read() + slice_ticks);
}

static void enqueue_task(struct task_struct *p)
{
	list_add_tail(&p->run_list, &rq.queue);
	rq.nr_queued++;
}

static struct task_struct *pick_next_task(void)
{
	struct task_struct *p;

	if (!rq.nr_queued)
		return &init_task;
	p = list_first_entry(&rq.queue, struct task_struct, run_list);
	list_del(&p->run_list);
	rq.nr_queued--;
	return p;
}

/* After the switch, on the next task's stack: a kernel thread's borrowed address space is
 * given back, and the previous task may be freed now. */
static void finish_task_switch(struct task_struct *prev)
{
	if (!prev->mm && prev->active_mm) {
		prev->active_mm->mm_count--;
		prev->active_mm = NULL;
	}
	if (prev->state == TASK_DEAD)
		put_task_struct(prev); /* its stack is no longer in use */
}

void schedule(void)
{
	uint32_t flags = local_irq_save();
	struct task_struct *prev = current, *next;

	prev->ti_flags &= ~_TIF_NEED_RESCHED;
	mmap_lock_sleeping(prev);
	if (prev->state != TASK_RUNNING)
		prev->on_rq = 0;
	else if (prev != &init_task)
		enqueue_task(prev);
	next = pick_next_task();
	if (next != prev) {
		if (rq.nr_queued)
			arm_slice();
		/* A kernel thread has no address space: it borrows prev's, as Linux's lazy TLB
		 * (the one there is stays in TTBR0), counted in mm_count. */
		if (!next->mm) {
			next->active_mm = prev->active_mm;
			if (next->active_mm)
				next->active_mm->mm_count++;
		}
		vfp_switch(prev, next);
		prev = __switch_to(prev, next);
		finish_task_switch(prev);
	}
	local_irq_restore(flags);
}

/* The first code of a new task (entry.S: ret_from_fork, ret_from_kthread), interrupts masked
 * since the switch. */
void schedule_tail(struct task_struct *prev)
{
	struct task_struct *tsk = current;

	finish_task_switch(prev);
	local_irq_enable();
	/* CLONE_CHILD_SETTID: the new thread's tid in its own memory, by the thread itself. */
	if (tsk->set_child_tid && put_user(tsk->pid, tsk->set_child_tid))
		tsk->set_child_tid = NULL;
}

bool wake_up_state(struct task_struct *p, unsigned int state)
{
	uint32_t flags = local_irq_save();
	bool woke = false;

	if (p->state & state) {
		p->state = TASK_RUNNING;
		if (!p->on_rq) {
			p->on_rq = 1;
			enqueue_task(p);
			arm_slice();
			if (current == &init_task)
				set_tsk_need_resched(current);
		}
		woke = true;
	}
	local_irq_restore(flags);
	return woke;
}

bool wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

void wake_up_new_task(struct task_struct *p)
{
	p->state = TASK_UNINTERRUPTIBLE;
	p->on_rq = 0;
	wake_up_state(p, TASK_UNINTERRUPTIBLE);
}

/* With no other runnable task it returns at once (the benchmark: sched_yield alone). */
long sys_sched_yield(void)
{
	if (rq.nr_queued)
		schedule();
	return 0;
}

/*
 * Called with interrupts masked by the return to the application while ti_flags has work:
 * another task's turn, then the signals (with interrupts on: the frame is written to the
 * application's stack, which may fault). Returns with interrupts masked and no work left.
 */
void do_work_pending(struct pt_regs *regs, int syscall, unsigned long orig_r0)
{
	for (;;) {
		unsigned long flags = current->ti_flags;

		if (flags & _TIF_NEED_RESCHED) {
			schedule();
		} else if (flags & _TIF_SIGPENDING) {
			local_irq_enable();
			do_signal(regs, syscall, orig_r0);
			syscall = 0; /* its restart is decided */
			local_irq_disable();
		} else {
			return;
		}
	}
}

static void sleep_timeout(struct hrtimer *t)
{
	wake_up_process(container_of(t, struct task_struct, sleep_timer));
}

uint64_t schedule_hrtimeout(uint64_t deadline_ns)
{
	struct task_struct *tsk = current;
	uint64_t now;

	hrtimer_init(&tsk->sleep_timer, sleep_timeout);
	hrtimer_start(&tsk->sleep_timer, deadline_ns);
	schedule();
	hrtimer_cancel(&tsk->sleep_timer);
	__set_current_state(TASK_RUNNING);
	now = ktime_get_ns();
	return now < deadline_ns ? deadline_ns - now : 0;
}

bool cpu_wanted(void)
{
	return rq.nr_queued != 0;
}

/* init_task after the boot: wait for an interrupt whenever nothing else is runnable. wfi wakes
 * for a pending interrupt even while interrupts are masked, so none is lost between the test
 * and the wfi; the interrupt is taken when they are unmasked. */
void cpu_startup_entry(void)
{
	init_task.flags |= PF_IDLE;
	for (;;) {
		local_irq_disable();
		/* Nothing to run: idle-time work first (kzerod: vm/prezero.c), else sleep. */
		if (!rq.nr_queued && !prezero_idle())
			cpu_idle_wfi();
		local_irq_enable();
		schedule();
	}
}
