/* The lazy FP switch (platform/vfp.h). */
#include "platform/vfp.h"
#include "platform/ptrace.h"
#include "runtime/sched.h"
#include "vm/slab.h"

#include <string.h>

#define FPEXC_EN (1u << 30)

static struct task_struct *vfp_owner; /* whose registers the unit holds */

void vfp_switch(struct task_struct *prev, struct task_struct *next)
{
	(void)prev;
	vfp_set_fpexc(next == vfp_owner ? FPEXC_EN : 0);
}

/* VFP and Advanced SIMD encodings (ARM ARM A7.2-A7.7): coprocessors 10 and 11, and the
 * unconditional NEON data-processing and element/structure load/store spaces. */
static bool is_vfp_insn(uint32_t insn, bool thumb)
{
	if (thumb) {
		/* 32-bit Thumb: the first halfword in the high half. */
		if ((insn & 0xef000000u) == 0xef000000u) /* NEON data processing */
			return true;
		if ((insn & 0xff100000u) == 0xf9000000u) /* NEON load/store */
			return true;
	} else {
		if ((insn & 0xfe000000u) == 0xf2000000u || (insn & 0xff100000u) == 0xf4000000u)
			return true;
	}
	/* Coprocessor instructions (both sets: bits 27-24 = 110x or 1110) of cp10/cp11. */
	return ((insn & 0x0c000000u) == 0x0c000000u) && ((insn & 0x00000e00u) == 0x00000a00u);
}

static struct vfp_state *vfp_state_of(struct task_struct *tsk)
{
	if (!tsk->vfp) {
		tsk->vfp = kzalloc(sizeof(*tsk->vfp), GFP_KERNEL);
		if (tsk->vfp)
			tsk->vfp->fpscr = tsk->vfp_fpscr;
	}
	return tsk->vfp;
}

bool vfp_support_entry(struct pt_regs *regs, uint32_t insn)
{
	struct task_struct *tsk = current;
	struct vfp_state *st;

	(void)regs;
	if ((vfp_get_fpexc() & FPEXC_EN) || !is_vfp_insn(insn, thumb_mode(regs)))
		return false;
	st = vfp_state_of(tsk);
	if (!st)
		return false; /* no memory for the registers: reported as the instruction */
	vfp_set_fpexc(FPEXC_EN);
	if (vfp_owner && vfp_owner != tsk && vfp_owner->vfp)
		vfp_save_state(vfp_owner->vfp);
	vfp_load_state(st);
	vfp_owner = tsk;
	return true;
}

void vfp_copy_thread(struct task_struct *child, struct task_struct *parent)
{
	/* POSIX: a new thread inherits the floating-point environment (FPSCR); its data
	 * registers start as zeros, in a save area made at its first FP instruction. */
	if (parent == vfp_owner) {
		uint32_t fpexc = vfp_get_fpexc();

		vfp_set_fpexc(FPEXC_EN);
		child->vfp_fpscr = vfp_get_fpscr();
		vfp_set_fpexc(fpexc);
	} else {
		child->vfp_fpscr = parent->vfp ? parent->vfp->fpscr : parent->vfp_fpscr;
	}
}

void vfp_release_thread(struct task_struct *tsk)
{
	if (vfp_owner == tsk)
		vfp_owner = NULL;
	kfree(tsk->vfp);
	tsk->vfp = NULL;
}

void vfp_get_user_state(struct task_struct *tsk, struct vfp_state *out, uint32_t *fpexc)
{
	if (tsk == vfp_owner) {
		uint32_t was = vfp_get_fpexc();

		vfp_set_fpexc(was | FPEXC_EN);
		vfp_save_state(out);
		vfp_set_fpexc(was);
		*fpexc = was | FPEXC_EN;
	} else if (tsk->vfp) {
		*out = *tsk->vfp;
		*fpexc = FPEXC_EN;
	} else {
		memset(out, 0, sizeof(*out));
		out->fpscr = tsk->vfp_fpscr;
		*fpexc = FPEXC_EN;
	}
}

bool vfp_set_user_state(struct task_struct *tsk, const struct vfp_state *in)
{
	if (tsk == vfp_owner) {
		uint32_t was = vfp_get_fpexc();

		vfp_set_fpexc(was | FPEXC_EN);
		vfp_load_state(in);
		vfp_set_fpexc(was);
		return true;
	}
	if (!tsk->vfp && !(tsk->vfp = kzalloc(sizeof(*tsk->vfp), GFP_KERNEL)))
		return false;
	*tsk->vfp = *in;
	return true;
}
