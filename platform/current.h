/*
 * current: the running task, in one instruction. TPIDRPRW (the thread register only PL1 can
 * read or write, which nothing else uses) holds its task_struct; the context switch writes
 * it. TPIDRURO stays the application's thread pointer (set_tls).
 */
#ifndef UNIARM_PLATFORM_CURRENT_H
#define UNIARM_PLATFORM_CURRENT_H

struct task_struct;

static inline struct task_struct *get_current(void)
{
	struct task_struct *tsk;

	__asm__("mrc p15, 0, %0, c13, c0, 4" : "=r"(tsk));
	return tsk;
}

static inline void set_current(struct task_struct *tsk)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 4" ::"r"(tsk) : "memory");
}

#define current get_current()

#endif
