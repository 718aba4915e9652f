/*
 * Kernel stacks and the context switch's layout (docs/tasks.md). Every task has a kernel stack
 * of THREAD_SIZE bytes, THREAD_ALIGN-aligned (the boot's, init_task's, in uniarm.ld; the others
 * from vmalloc), with an unmapped page below it. An sp inside a stack has the THREAD_SIZE bit
 * clear and an sp up to THREAD_SIZE below it has the bit set: entry.S's overflow test is that one
 * bit, as Linux ARM's VMAP_STACK test. The TSK_* offsets are task_struct's fields that
 * platform/entry.S touches (checked by _Static_assert in runtime/sched.c).
 */
#ifndef UNIARM_PLATFORM_THREAD_INFO_H
#define UNIARM_PLATFORM_THREAD_INFO_H

#define THREAD_SIZE  8192
#define THREAD_ALIGN (2 * THREAD_SIZE)

/* task_struct: ti_flags, then thread.cpu_context (cpsr, dacr, r4-r11, sp, pc, svc_sp, usr_sp,
 * usr_lr),
 * then thread.tp_value. */
#define TSK_TI_FLAGS	0
#define TSK_CPU_CONTEXT 4
#define TSK_TP_VALUE	64

/* ti_flags bits: work to do before returning to the application. */
#define TIF_NEED_RESCHED  1
#define TIF_SIGPENDING	  0
#define _TIF_NEED_RESCHED (1 << TIF_NEED_RESCHED)
#define _TIF_SIGPENDING	  (1 << TIF_SIGPENDING)
#define _TIF_WORK_MASK	  (_TIF_NEED_RESCHED | _TIF_SIGPENDING)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What __switch_to keeps of a task that is not running (platform/entry.S). */
struct cpu_context_save {
	uint32_t cpsr; /* the mode (SVC, or SYS for a ktest) and interrupt mask */
	uint32_t dacr; /* application memory open or closed (platform/domain.h) */
	uint32_t r4, r5, r6, r7, r8, r9, sl, fp;
	uint32_t sp, pc;	 /* in that mode */
	uint32_t svc_sp;	 /* the kernel stack's sp (the same as sp in SVC mode) */
	uint32_t usr_sp, usr_lr; /* the user bank: the application's sp and lr */
};

struct thread_struct {
	struct cpu_context_save cpu_context;
	uint32_t tp_value; /* TPIDRURO: the application's thread pointer (set_tls, CLONE_SETTLS) */
};
#endif

#endif
