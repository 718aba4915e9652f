/*
 * The signal frame on the application's stack, and the calls that take it down and that set
 * where it goes: setup_signal_frame (a handler is about to run), rt_sigreturn and sigreturn
 * (it returned), sigaltstack (docs/signals.md; Linux's arch/arm/kernel/signal.c). The layout
 * is Linux ARM's (runtime/uapi-signal.h): handlers written for Linux read their siginfo and
 * ucontext, and change the saved registers, as they would there.
 *
 * The frame is written in three copies, each from a buffer whose every byte is set (no runtime
 * stack contents reach the application): the siginfo (rt frames), the ucontext up to the mask,
 * and the VFP record with the zero word that ends uc_regspace's records.
 */
#include "runtime/signal_internal.h"
#include "platform/ptrace.h"
#include "platform/uaccess.h"
#include "platform/vfp.h"
#include "runtime/exit.h"
#include "runtime/exit_codes.h"
#include "runtime/irqflags.h"
#include "runtime/oops.h"
#include "runtime/printk.h"
#include "runtime/sched.h"
#include "runtime/sigpage.h"
#include "platform/stacktrace.h"
#include "vm/report.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* The ucontext's first part: everything up to and including uc_sigmask. */
struct uc_head {
	unsigned long uc_flags;
	unsigned long uc_link;
	struct linux_stack uc_stack;
	struct linux_sigcontext uc_mcontext;
	linux_sigset_t uc_sigmask;
};
_Static_assert(offsetof(struct uc_head, uc_sigmask) == offsetof(struct linux_ucontext, uc_sigmask),
	       "the head is the ucontext's start");

/* The VFP record and the end marker, as uc_regspace holds them. The registers and FPSCR are
 * laid out as struct vfp_state, so the unit saves them straight into the record. */
struct regspace {
	unsigned long magic, size;
	union {
		struct vfp_state st;
		struct linux_user_vfp ufp;
	};
	struct linux_user_vfp_exc ufp_exc;
	unsigned long pad; /* the record's size is a multiple of 8 */
	unsigned long end; /* magic 0: no more records */
} __attribute__((aligned(8)));
_Static_assert(offsetof(struct regspace, st.d) == offsetof(struct linux_vfp_sigframe, ufp.fpregs) &&
		       offsetof(struct regspace, st.fpscr) ==
			       offsetof(struct linux_vfp_sigframe, ufp.fpscr) &&
		       offsetof(struct regspace, ufp_exc) ==
			       offsetof(struct linux_vfp_sigframe, ufp_exc) &&
		       offsetof(struct regspace, end) == sizeof(struct linux_vfp_sigframe),
	       "struct regspace is Linux's VFP record and the end marker");

/* What the frame holds from its start to the end of uc_regspace's records: the rt frame's
 * layout, written in one copy (a non-rt frame is the part from the ucontext on). The
 * ucontext's unused words are written as zeroes. */
struct frame_image {
	struct linux_siginfo info;
	struct uc_head head;
	int unused[(offsetof(struct linux_ucontext, uc_regspace) - sizeof(struct uc_head)) /
		   sizeof(int)];
	struct regspace rs;
};
_Static_assert(offsetof(struct frame_image, head) == offsetof(struct linux_rt_sigframe, sig.uc) &&
		       offsetof(struct frame_image, rs) ==
			       offsetof(struct linux_rt_sigframe, sig.uc.uc_regspace),
	       "struct frame_image is the rt frame's start");

#define PSR_IT_MASK 0x0600fc00u
#define PSR_E_BIT   (1u << 9)
/* What the application may set in its CPSR through a frame: the condition flags, Q, IT, GE and
 * the T bit; the mode is USR and A/I/F are clear (Linux's valid_user_regs). */
#define PSR_USER_SETTABLE 0xfe0ffc20u

bool on_sig_stack(unsigned long sp)
{
	struct task_struct *t = current;

	return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

static int sas_ss_flags(unsigned long sp)
{
	struct task_struct *t = current;

	if (!t->sas_ss_size)
		return LINUX_SS_DISABLE;
	return on_sig_stack(sp) ? LINUX_SS_ONSTACK : 0;
}

static void fill_uc_head(struct uc_head *h, const struct pt_regs *regs,
			 const linux_sigset_t *oldset)
{
	struct task_struct *t = current;
	struct linux_sigcontext *sc = &h->uc_mcontext;

	h->uc_flags = 0;
	h->uc_link = 0;
	h->uc_stack.ss_sp = (void *)t->sas_ss_sp;
	/* The flags as sigaltstack set them, not whether the stack is in use (Linux 6.1's
	 * __save_altstack). */
	h->uc_stack.ss_flags = (int)t->sas_ss_flags;
	h->uc_stack.ss_size = t->sas_ss_size;
	sc->trap_no = t->trap_no;
	sc->error_code = t->error_code;
	sc->oldmask = oldset->sig[0];
	memcpy(&sc->arm_r0, regs->uregs, 17 * sizeof(unsigned long)); /* r0-r12, sp, lr, pc, cpsr */
	sc->fault_address = t->fault_address;
	h->uc_sigmask = *oldset;
}

static void fill_regspace(struct regspace *rs)
{
	uint32_t fpexc;

	vfp_get_user_state(current, &rs->st, &fpexc);
	rs->magic = LINUX_VFP_MAGIC;
	rs->size = LINUX_VFP_STORAGE_SIZE;
	/* (the pad word between fpscr, saved with the registers, and the exception registers) */
	memset((char *)&rs->ufp.fpscr + sizeof(rs->ufp.fpscr), 0,
	       offsetof(struct regspace, ufp_exc) - offsetof(struct regspace, ufp.fpscr) -
		       sizeof(rs->ufp.fpscr));
	rs->ufp_exc.fpexc = fpexc;
	rs->ufp_exc.fpinst = 0;
	rs->ufp_exc.fpinst2 = 0;
	rs->pad = 0;
	rs->end = 0;
}

int setup_signal_frame(int sig, const struct linux_kernel_sigaction *ka, kernel_siginfo_t *info,
		       struct pt_regs *regs, const linux_sigset_t *oldset)
{
	bool rt = ka->flags & LINUX_SA_SIGINFO;
	unsigned long sp = regs->ARM_sp, frame, uc, handler = (unsigned long)ka->handler;
	struct frame_image img;
	size_t skip = rt ? 0 : offsetof(struct frame_image, head);
	uint32_t cpsr;

	if ((ka->flags & LINUX_SA_ONSTACK) && current->sas_ss_size && !on_sig_stack(sp))
		sp = current->sas_ss_sp + current->sas_ss_size;
	frame = (sp - (rt ? sizeof(struct linux_rt_sigframe) : sizeof(struct linux_sigframe))) &
		~7ul;
	uc = rt ? frame + offsetof(struct linux_rt_sigframe, sig.uc) : frame;
	if (rt) { /* Linux's copy_siginfo_to_user: the kept 32 bytes, then zeroes */
		memcpy(&img.info, info, sizeof(*info));
		memset((char *)&img.info + sizeof(*info), 0, sizeof(img.info) - sizeof(*info));
	}
	fill_uc_head(&img.head, regs, oldset);
	memset(img.unused, 0, sizeof(img.unused));
	fill_regspace(&img.rs);
	if (copy_to_user((void __user *)frame, (char *)&img + skip, sizeof(img) - skip))
		force_sigsegv_frame(regs, frame, sig);
	if (!(ka->flags & LINUX_SA_RESTORER)) {
		/* Linux still writes the return code into the frame "to remain ABI compliant",
		 * though the handler returns through the sigpage. */
		unsigned long code[2];

		sigpage_frame_retcode(rt, handler & 1, code);
		if (copy_to_user((void __user *)(uc + offsetof(struct linux_sigframe, retcode)),
				 code, sizeof(code)))
			force_sigsegv_frame(regs, frame, sig);
	}

	/* The handler's registers: its arguments, its stack, its return (the C library's
	 * restorer, else the sigpage's code), and ARM or Thumb state as its address says. */
	regs->ARM_r0 = (unsigned long)sig;
	if (rt) {
		regs->uregs[1] = frame + offsetof(struct linux_rt_sigframe, info);
		regs->uregs[2] = uc;
	}
	regs->ARM_sp = frame;
	regs->ARM_lr = ka->flags & LINUX_SA_RESTORER ? (unsigned long)ka->restorer
						     : sigpage_retcode(rt, handler & 1);
	cpsr = regs->ARM_cpsr & ~(PSR_IT_MASK | PSR_E_BIT);
	if (handler & 1)
		cpsr |= PSR_T_BIT;
	else
		cpsr &= ~PSR_T_BIT;
	regs->ARM_cpsr = cpsr;
	regs->ARM_pc = handler & ~1ul;
	return 0;
}

/* The frame at frame could not be written (no stack left, or a bad alternate stack): the
 * application ends as Linux's force_sigsegv ends the process, with the report of a fault
 * there (and the stack's limits when it is the stack that overflowed). */
void force_sigsegv_frame(struct pt_regs *regs, unsigned long frame, int sig)
{
	local_irq_disable();
	printk("segmentation fault at %08lx: no mapping\n", frame);
	report_stack_overflow(frame, regs->ARM_sp);
	printk("(while writing the frame of signal %d, %s, for its handler)\n", sig,
	       signal_name(sig));
	show_regs(regs);
	dump_backtrace(regs);
	do_exit_machine(EXIT_REASON_SIGNAL, EXIT_SEGV);
}

static long set_sigaltstack(struct linux_stack ss, unsigned long sp);

/* --- the return ----------------------------------------------------------------------------- */

static __attribute__((noreturn)) void bad_frame(struct pt_regs *regs, unsigned long frame)
{
	printk("segmentation fault: bad signal frame at %08lx (sigreturn of %s, pid %d)\n", frame,
	       current->comm, current->pid);
	show_regs(regs);
	do_exit_machine(EXIT_REASON_SIGNAL, EXIT_SEGV);
}

/* Take down the frame whose ucontext is at uc: registers, mask, VFP, and for an rt frame the
 * alternate stack. */
static bool restore_sigframe(struct pt_regs *regs, unsigned long uc, bool rt)
{
	struct task_struct *t = current;
	struct frame_image img; /* from .head on */
	struct uc_head *const h = &img.head;
	struct regspace *const rs = &img.rs;
	uint32_t flags;

	if (copy_from_user(h, (const void __user *)uc,
			   offsetof(struct frame_image, rs.pad) -
				   offsetof(struct frame_image, head)))
		return false;
	if (rs->magic != LINUX_VFP_MAGIC || rs->size != LINUX_VFP_STORAGE_SIZE)
		return false;
	memcpy(regs->uregs, &h->uc_mcontext.arm_r0, 17 * sizeof(unsigned long));
	regs->ARM_cpsr = (regs->ARM_cpsr & PSR_USER_SETTABLE) | PSR_MODE_USR;
	sigdelset_k(&h->uc_sigmask, LINUX_SIGKILL);
	sigdelset_k(&h->uc_sigmask, LINUX_SIGSTOP);
	spin_lock_irqsave(&siglock, flags);
	t->blocked = h->uc_sigmask;
	recalc_sigpending_tsk(t);
	spin_unlock_irqrestore(&siglock, flags);
	if (!vfp_set_user_state(t, &rs->st))
		return false;
	/* rt_sigreturn also restores the alternate stack (Linux's restore_altstack, whose only
	 * failure, a bad pointer, the head's read has ruled out): EPERM, EINVAL and ENOMEM are
	 * ignored. */
	if (rt)
		set_sigaltstack(h->uc_stack, regs->ARM_sp);
	return true;
}

long sys_rt_sigreturn_regs(struct pt_regs *regs)
{
	unsigned long frame = regs->ARM_sp;

	if ((frame & 7) ||
	    !restore_sigframe(regs, frame + offsetof(struct linux_rt_sigframe, sig.uc), true))
		bad_frame(regs, frame);
	return (long)regs->ARM_r0;
}

long sys_sigreturn_regs(struct pt_regs *regs)
{
	unsigned long frame = regs->ARM_sp;

	if ((frame & 7) || !restore_sigframe(regs, frame, false))
		bad_frame(regs, frame);
	return (long)regs->ARM_r0;
}

/* --- sigaltstack ---------------------------------------------------------------------------- */

/* Set the alternate stack from ss (already in the runtime's memory) for a thread whose sp is
 * sp: 0, -EPERM (running on it), -EINVAL (flags) or -ENOMEM (too small). */
static long set_sigaltstack(struct linux_stack ss, unsigned long sp)
{
	struct task_struct *t = current;
	unsigned int mode;

	if (on_sig_stack(sp))
		return -EPERM;
	mode = (unsigned int)ss.ss_flags & ~LINUX_SS_AUTODISARM;
	if (mode != LINUX_SS_DISABLE && mode != LINUX_SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == LINUX_SS_DISABLE) {
		ss.ss_size = 0;
		ss.ss_sp = NULL;
	} else if (ss.ss_size < LINUX_MINSIGSTKSZ) {
		return -ENOMEM;
	}
	t->sas_ss_sp = (unsigned long)ss.ss_sp;
	t->sas_ss_size = ss.ss_size;
	t->sas_ss_flags = (unsigned int)ss.ss_flags;
	return 0;
}

long do_sigaltstack(const struct linux_stack __user *uss, struct linux_stack __user *uoss,
		    unsigned long sp)
{
	struct task_struct *t = current;
	struct linux_stack oss = {(void *)t->sas_ss_sp,
				  sas_ss_flags(sp) | (int)(t->sas_ss_flags & LINUX_SS_AUTODISARM),
				  t->sas_ss_size};

	if (uss) {
		struct linux_stack ss;
		long err;

		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		err = set_sigaltstack(ss, sp);
		if (err)
			return err;
	}
	if (uoss && copy_to_user(uoss, &oss, sizeof(oss)))
		return -EFAULT;
	return 0;
}
