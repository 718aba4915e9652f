/*
 * Spinlocks (Linux's spinlock_t and its calls), for data that a task must not see half-changed
 * but that no holder ever sleeps on: the page tables (mm->page_table_lock, pgd_lock), wait
 * queues, the run queue, the hrtimer list. docs/tasks.md, "Locks", says which lock covers what.
 *
 * uniarm runs on one CPU and the runtime is not preempted (PREEMPT_NONE: a task gives up the CPU
 * only in schedule(), docs/tasks.md). On such a kernel another task cannot run between a
 * spin_lock and its spin_unlock as long as the holder does not sleep, so the lock itself needs
 * no state: spin_lock is a compiler barrier, as Linux's own UP build without preemption makes
 * it (preempt_disable without CONFIG_PREEMPT_COUNT). What it still has to do:
 * - the _irq/_irqsave forms mask interrupts, for data an interrupt handler also changes (the
 *   run queue: wake_up_process from the timer and the console's receive interrupt);
 * - every call site names the lock and the data it covers, so an SMP build can give spinlock_t
 *   a word and ldrex/strex without touching the callers;
 * - a holder must not sleep (no mutex_lock, wait_event or allocation that could wait), and code
 *   that looked at the data before it slept must look again under the lock (the fault path
 *   rechecks the entry after allocating a page, as Linux's do_anonymous_page does).
 */
#ifndef UNIARM_RUNTIME_SPINLOCK_H
#define UNIARM_RUNTIME_SPINLOCK_H

typedef struct spinlock {
	/* One CPU, no preemption: no state (see above). An SMP build keeps the lock word here. */
	char up_no_state;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) ((spinlock_t){0})
#define DEFINE_SPINLOCK(name)	   spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock_init(spinlock_t *lock)
{
	(void)lock;
}

/* The compiler must neither move the covered loads and stores out of the section nor keep a
 * value read before spin_lock in a register past it. */
static inline void spin_lock(spinlock_t *lock)
{
	(void)lock;
	__asm__ volatile("" ::: "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
	(void)lock;
	__asm__ volatile("" ::: "memory");
}

/* Interrupts masked too (the CPSR's I bit, kept in flags and put back by the restore). Macros:
 * local_irq_save/restore come from the includer's runtime/irqflags.h or platform/cp15.h. */
#define spin_lock_irqsave(lock, flags)                                                             \
	do {                                                                                       \
		(flags) = local_irq_save();                                                        \
		spin_lock(lock);                                                                   \
	} while (0)

#define spin_unlock_irqrestore(lock, flags)                                                        \
	do {                                                                                       \
		spin_unlock(lock);                                                                 \
		local_irq_restore(flags);                                                          \
	} while (0)

#endif
