/*
 * The FPU per task, switched lazily (docs/tasks.md): the unit holds one task's d0-d31 and FPSCR
 * (vfp_owner). A switch to another task turns the unit off (FPEXC.EN clear); that task's first
 * VFP/NEON instruction then traps as undefined, and vfp_support_entry saves the owner's
 * registers, loads the task's and turns the unit on. A task that never uses the FPU costs
 * nothing, and two tasks of which only one uses it never save anything.
 */
#ifndef UNIARM_PLATFORM_VFP_H
#define UNIARM_PLATFORM_VFP_H

#include <stdbool.h>
#include <stdint.h>

struct task_struct;
struct pt_regs;

struct vfp_state {
	uint64_t d[32];
	uint32_t fpscr;
};

/* platform/vfp.S */
int vfp_init(void);
void vfp_save_state(struct vfp_state *st);
void vfp_load_state(const struct vfp_state *st);
uint32_t vfp_get_fpexc(void);
uint32_t vfp_get_fpscr(void);
void vfp_set_fpexc(uint32_t fpexc);

/* The context switch: the unit on for next only if its registers are the ones in it. */
void vfp_switch(struct task_struct *prev, struct task_struct *next);
/* An undefined instruction of the application: true when it was an FP instruction the unit
 * was off for, now on with the task's registers (the instruction is retried). */
bool vfp_support_entry(struct pt_regs *regs, uint32_t insn);
/* A new thread's FP state: parent's FPSCR (POSIX: the FP environment is inherited), zero
 * registers. */
void vfp_copy_thread(struct task_struct *child, struct task_struct *parent);
/* The signal frame's view (runtime/signal_frame.c): the task's registers as the application
 * left them, from the unit if it holds them, with FPEXC; and registers a frame brings back
 * (false: no memory for them). */
void vfp_get_user_state(struct task_struct *tsk, struct vfp_state *out, uint32_t *fpexc);
bool vfp_set_user_state(struct task_struct *tsk, const struct vfp_state *in);
/* A task is going away: forget its registers. */
void vfp_release_thread(struct task_struct *tsk);

#endif
