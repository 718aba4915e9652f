/*
 * Exception vectors and entry/exit. Every exception but a system call (vector_swi, below)
 * builds a full struct pt_regs on the SVC stack (the runtime's own stack): SRS pushes the
 * return address and SPSR of the exception mode there, then the handler runs in SVC mode
 * with r0 = regs. The interrupted context is
 * either the runtime in SVC mode (its sp is just above the frame, its lr is lr_svc) or the
 * application in SYS mode, whose sp and lr are the user-bank registers (STM/LDM with ^); the
 * application's stack is never touched, so a fault on an untouched stack page is handled
 * like any other.
 * The return address is adjusted per vector so that regs->pc is the instruction to return
 * to (for aborts: the faulting instruction; undefined: see do_undefinstr).
 * Frame: r0-r12 at 0, sp at 52, lr at 56, pc at 60, cpsr at 64 (17 words).
 */
#include "platform/domain.h"
#include "platform/thread_info.h"

#define PSR_MODE_USR 0x10
#define PSR_MODE_FIQ 0x11
#define PSR_MODE_IRQ 0x12
#define PSR_MODE_SVC 0x13
#define PSR_MODE_ABT 0x17
#define PSR_MODE_UND 0x1b
#define PSR_MODE_SYS 0x1f
#define PSR_MODE_MASK 0x1f
#define S_SP 52
#define S_LR 56
#define S_PC 60
#define S_PSR 64
#define S_FRAME 68
#define PSR_T_BIT 0x20
#define NR_SYSCALLS 452			/* runtime/uapi.h */

	.syntax unified
	.arm

	/*
	 * Before anything is pushed on the kernel stack: is there room for the frame? The task's
	 * kernel stack is THREAD_ALIGN-aligned, so every sp with room for a frame above the
	 * stack's base has the THREAD_SIZE bit clear, and an sp below the base (in the unmapped
	 * page under it, or further) has it set (platform/thread_info.h, Linux ARM's VMAP_STACK
	 * test). The SVC sp is read in SVC mode: the banked-register MRS
	 * (ARM ARM B9.3.9) is only there with the Virtualization Extensions, which QEMU's virt
	 * machine leaves out by default. CPS changes no flags, and lr and SPSR of the exception
	 * mode stay in their bank meanwhile (IRQs are masked: exception entry set CPSR.I).
	 * Without this check an SVC sp in the guard page would make srsdb abort, and that abort
	 * would come back here to abort again, for ever.
	 * (An exception from the application skips the check: its kernel stack is empty then.)
	 * The mode of the interrupted context stays in r5 (callee-saved, restored from the frame
	 * by the last ldmia) for the return, which is inlined here.
	 */
	.macro	exception_entry, adjust, mode, handler
	.if	\adjust
	sub	lr, lr, #\adjust
	.endif
	mrs	sp, spsr			@ the exception mode's sp is free: a scratch register
	tst	sp, #0xf			@ USR mode (0x10)?
	bne	1f
	/*
	 * From the application: the common case (its page faults, interrupts while it runs),
	 * made short. The task's kernel stack is empty whenever it runs the application
	 * (start_user_thread and ret_from_fork start it so; a system call's frame is gone before
	 * the application runs again), so there is room, the frame's place is known (4 mod 8: one
	 * pad word for AAPCS), and the return goes to the application with its memory open. On
	 * the way back, a task that should give up the CPU (its time slice is over, or a task it
	 * woke should run) does so first: do_work_pending.
	 */
	srsdb	sp!, #PSR_MODE_SVC		@ {pc, cpsr} onto the kernel stack
	cps	#PSR_MODE_SVC
	sub	sp, sp, #(S_FRAME - 8 + 4)	@ the frame at sp + 4
	stmib	sp, {r0-r12}
	add	r0, sp, #(4 + S_SP)
	stmia	r0, {sp, lr}^			@ the application's sp and lr
	mov	r0, #DACR_UACCESS_DISABLE
	mcr	p15, 0, r0, c3, c0, 0		@ application memory closed to the handler
	add	r0, sp, #4
	bl	\handler
	/* Handlers return with interrupts masked, as they were entered (none unmasks them; a
	 * sleep in schedule() restores them), so no wake-up is missed between here and rfe. */
	mrc	p15, 0, r0, c13, c0, 4		@ current
	ldr	r0, [r0, #TSK_TI_FLAGS]
	tst	r0, #_TIF_WORK_MASK
	bne	2f				@ another task's turn, or a signal, first
3:	mov	r0, #DACR_UACCESS_ENABLE
	mcr	p15, 0, r0, c3, c0, 0		@ open again for the application
	add	r0, sp, #(4 + S_SP)
	ldmia	r0, {sp, lr}^
	ldmib	sp, {r0-r12}
	add	sp, sp, #(S_FRAME - 8 + 4)
	rfeia	sp!				@ pc and cpsr back (a handler's frame may have
						@ changed every register)
2:	add	r0, sp, #4			@ do_work_pending(regs, 0, 0)
	mov	r1, #0
	mov	r2, #0
	bl	do_work_pending
	b	3b
1:	cps	#PSR_MODE_SVC
	sub	sp, sp, #S_FRAME
	tst	sp, #THREAD_SIZE
	add	sp, sp, #S_FRAME		@ (no flags changed)
	cps	#\mode
	bne	__svc_stack_overflow
	srsdb	sp!, #PSR_MODE_SVC		@ {pc, cpsr} onto the SVC stack
	cps	#PSR_MODE_SVC
	sub	sp, sp, #(S_FRAME - 8)
	stmia	sp, {r0-r12}
	ldr	r5, [sp, #S_PSR]
	and	r5, r5, #PSR_MODE_MASK
	cmp	r5, #PSR_MODE_SVC
	addeq	r0, sp, #S_FRAME		@ the runtime's sp, above this frame
	streq	r0, [sp, #S_SP]
	streq	lr, [sp, #S_LR]
	addne	r0, sp, #S_SP
	stmiane	r0, {sp, lr}^			@ the application's sp and lr
	mrc	p15, 0, r6, c3, c0, 0		@ DACR: application memory open or closed
	mov	r0, #DACR_UACCESS_DISABLE
	mcr	p15, 0, r0, c3, c0, 0		@ closed to the handler (platform/domain.h)
	mov	r0, sp
	mov	r4, sp
	bic	sp, sp, #7			@ AAPCS: 8-byte aligned stack at calls
	bl	\handler
	mcr	p15, 0, r6, c3, c0, 0		@ as the interrupted context had it
	mov	sp, r4
	cmp	r5, #PSR_MODE_SVC		@ no handler changes regs->ARM_cpsr's mode
	ldreq	lr, [sp, #S_LR]
	addne	r0, sp, #S_SP
	ldmiane	r0, {sp, lr}^
	ldmia	sp, {r0-r12}
	add	sp, sp, #(S_FRAME - 8)
	rfeia	sp!				@ pc and cpsr back, sp past the frame
	.endm

	.section .vectors, "ax"
	.align	5
	.globl	vectors
vectors:
	b	vector_rst
	b	vector_und
	b	vector_swi
	b	vector_pabt
	b	vector_dabt
	b	vector_addrexcptn
	b	vector_irq
	b	vector_fiq

	.text
vector_rst:
	exception_entry 0, PSR_MODE_SVC, do_bad_mode_reset
vector_und:
	exception_entry 4, PSR_MODE_UND, do_undefinstr
vector_pabt:
	exception_entry 4, PSR_MODE_ABT, do_PrefetchAbort
vector_dabt:
	exception_entry 8, PSR_MODE_ABT, do_DataAbort
vector_addrexcptn:
	exception_entry 0, PSR_MODE_SVC, do_bad_mode_reset
vector_irq:
	exception_entry 4, PSR_MODE_IRQ, do_IRQ
vector_fiq:
	exception_entry 4, PSR_MODE_FIQ, do_FIQ

/*
 * The SVC sp was in the red zone or the guard page of the SVC stack when an exception came
 * (exception_entry, still in the exception's mode, lr adjusted): build the frame on the
 * emergency stack (the exception modes' page) instead, and report it from SVC mode with the
 * SVC sp there too, so that whatever the report does (printk, a semihosting svc, a nested
 * fault: die() stops a recursive one) has a stack. Linux ARM's overflow path
 * (__bad_stack, handle_bad_stack) does the same with its per-CPU overflow stack.
 * handle_bad_stack(regs, mode of the exception) does not return.
 */
__svc_stack_overflow:
	ldr	sp, =__exc_stacks_end
	sub	sp, sp, #S_FRAME
	stmia	sp, {r0-r12}
	mrs	r0, spsr
	str	lr, [sp, #S_PC]
	str	r0, [sp, #S_PSR]
	and	r0, r0, #PSR_MODE_MASK
	cmp	r0, #PSR_MODE_SVC
	addne	r3, sp, #S_SP
	stmiane	r3, {sp, lr}^			@ the application's sp and lr
	mrs	r1, cpsr
	and	r1, r1, #PSR_MODE_MASK
	mov	r0, sp
	cps	#PSR_MODE_SVC
	streq	sp, [r0, #S_SP]			@ the runtime's sp and lr (SVC mode)
	streq	lr, [r0, #S_LR]
	mov	sp, r0
	bic	sp, sp, #7
	bl	handle_bad_stack
1:	b	1b
	.ltorg

/*
 * start_user_thread(pc, sp, kstack_top): enter the application in USR mode at pc (bit 0 set:
 * Thumb) with sp, interrupts on, lr and every other register zero (Linux's start_thread; r0 =
 * 0 is its "no atexit function" for a static program). The task's kernel stack starts afresh
 * at kstack_top: nothing of what called this is needed any more. Never returns.
 */
	.globl	start_user_thread
start_user_thread:
	mov	r3, #PSR_MODE_USR
	tst	r0, #1
	orrne	r3, r3, #PSR_T_BIT
	bicne	r0, r0, #1
	cps	#PSR_MODE_SYS			@ the user bank's sp and lr
	mov	sp, r1
	mov	lr, #0
	cps	#PSR_MODE_SVC
	mov	sp, r2
	mov	r2, r3
	push	{r0, r2}			@ pc and cpsr for rfe
	mov	r0, #0
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
	mov	r4, #0
	mov	r5, #0
	mov	r6, #0
	mov	r7, #0
	mov	r8, #0
	mov	r9, #0
	mov	r10, #0
	mov	r11, #0
	mov	r12, #0
	mov	lr, #DACR_UACCESS_ENABLE		@ the application's memory is its own
	mcr	p15, 0, lr, c3, c0, 0
	mov	lr, #0
	rfeia	sp!

/*
 * enter_ktest(fn, argc, argv, stack_top): call fn(argc, argv) in SYS mode with sp = stack_top
 * (runtime/ktest.c), and return its value in SVC mode on the stack it was called on.
 */
	.globl	enter_ktest
enter_ktest:
	push	{r4, r5, r6, lr}
	mov	r4, r0
	mov	r5, sp
	mov	r0, r1
	mov	r1, r2
	cps	#PSR_MODE_SYS
	mov	r6, sp
	mov	sp, r3
	mov	fp, #0
	mov	r3, #DACR_UACCESS_ENABLE		@ a test may touch the VMAs it makes
	mcr	p15, 0, r3, c3, c0, 0
	isb
	blx	r4
	mov	r3, #DACR_UACCESS_DISABLE
	mcr	p15, 0, r3, c3, c0, 0
	mov	sp, r6
	cps	#PSR_MODE_SVC
	mov	sp, r5
	pop	{r4, r5, r6, pc}

/*
 * vector_swi: a system call, `svc #0` with the Linux ARM EABI convention: the number in r7,
 * the arguments in r0-r5, the result (or -errno) back in r0, every other register as it was.
 * The hot path, so no pt_regs: srsdb keeps the return address and the caller's cpsr, and the
 * registers a C handler may clobber (r1-r3, ip) go below them; the handler then runs in SVC
 * mode on the same stack, as Linux's does (the caller's sp and lr are the user bank's, which
 * SVC mode does not touch). Never on the application's stack: a first touch of an application
 * stack page would take a page fault, and a page fault in the middle of a change to the VMAs
 * or the page allocator would find them half done. Interrupts are on during the call, as
 * Linux's vector_swi turns them on (the application always runs with them on; rfeia gives it
 * back its own cpsr); an interrupt during the call counts itself (runtime/hardirq.h), so the
 * fault path can tell the task's context from an interrupt's. Application memory is closed to
 * the runtime except inside the user copies (platform/domain.h); it is opened again on the way
 * back: the callers are the application (USR mode) and ktests (SYS mode, runtime/ktest.c),
 * which both run with it open. The table (runtime/syscall.c) has sys_ni_syscall in every
 * empty slot, so there is no test for one; numbers past it go to arm_syscall, as Linux's: the
 * ARM private calls from 0xf0000, -ENOSYS below them.
 * Frame (SVC stack): r4, r5 (the handler's fifth and sixth arguments) at 0-4, r1, r2, r3, ip
 * at 8-20, pc at 24, cpsr at 28: 8-byte aligned when the stack was (an empty stack, or a
 * ktest's call from a C function).
 */
vector_swi:
	srsdb	sp!, #PSR_MODE_SVC		@ {pc, cpsr} onto the SVC stack
	cmp	r7, #NR_SYSCALLS
	bhs	.Lswi_private
	push	{r0-r3, ip, lr}			@ r0: the first argument, for a restart; lr
						@ (clobbered anyway) keeps sp 8-byte aligned
	ldr	ip, =sys_call_table
	ldr	ip, [ip, r7, lsl #2]
.Lswi_invoke:
	mov	lr, #DACR_UACCESS_DISABLE	@ (lr_svc is in the frame: srsdb)
	mcr	p15, 0, lr, c3, c0, 0		@ application memory closed to the runtime
	cpsie	i
	push	{r4, r5}			@ arguments 5 and 6
	blx	ip
	add	sp, sp, #8
	cpsid	i
.Lswi_check_work:
	mrc	p15, 0, lr, c13, c0, 4		@ current
	ldr	lr, [lr, #TSK_TI_FLAGS]
	tst	lr, #_TIF_WORK_MASK
	bne	.Lswi_work
	mov	lr, #DACR_UACCESS_ENABLE		@ and open again for the caller
	mcr	p15, 0, lr, c3, c0, 0
	ldmib	sp, {r1-r3, ip}
	add	sp, sp, #24
	rfeia	sp!				@ pc and cpsr back

	/*
	 * Work before the return (another task's turn, a signal): the caller's registers as a
	 * struct pt_regs, since a handler's frame saves all of them and changes several.
	 * swi_full_frame turns the system call's frame (sp: the first argument, r1-r3, ip, a pad
	 * word, pc, cpsr; r0 the result; r4-r11 still the caller's, as C preserved them) into a pt_regs at
	 * sp + 4 whose pc and cpsr are that frame's (sp 8-byte aligned); the full return restores
	 * every register from it and leaves the kernel stack empty.
	 */
	.macro	swi_full_frame
	ldmib	sp, {r1-r3, ip}			@ the caller's r1-r3 and ip
	sub	sp, sp, #(S_FRAME - 32 + 4)
	stmib	sp, {r0-r12}
	add	r0, sp, #(4 + S_SP)
	stmia	r0, {sp, lr}^			@ the caller's sp and lr
	.endm

.Lswi_work:
	ldr	lr, [sp]			@ the first argument, for a restart
	swi_full_frame
	add	r0, sp, #4			@ do_work_pending(regs, 1, first argument)
	mov	r1, #1
	mov	r2, lr
	bl	do_work_pending
	b	.Lswi_full_restore

.Lswi_full_return:				@ a full frame at sp + 4
	cpsid	i
	mrc	p15, 0, r0, c13, c0, 4		@ current
	ldr	r0, [r0, #TSK_TI_FLAGS]
	tst	r0, #_TIF_WORK_MASK
	addne	r0, sp, #4
	movne	r1, #0
	movne	r2, #0
	blne	do_work_pending
.Lswi_full_restore:
	mov	r0, #DACR_UACCESS_ENABLE
	mcr	p15, 0, r0, c3, c0, 0
	add	r0, sp, #(4 + S_SP)
	ldmia	r0, {sp, lr}^
	ldmib	sp, {r0-r12}
	add	sp, sp, #(4 + S_PC)
	rfeia	sp!

/*
 * sigreturn (119) and rt_sigreturn (173): every register comes back from the signal frame, so
 * the call works on a full pt_regs (runtime/signal_frame.c: sys_*sigreturn_regs) and returns
 * through it. Entered from .Lswi_invoke's blx with arguments 5 and 6 pushed.
 */
	.globl	sys_sigreturn_wrapper
	.type	sys_sigreturn_wrapper, %function
sys_sigreturn_wrapper:
	ldr	lr, =sys_sigreturn_regs
	b	1f
	.globl	sys_rt_sigreturn_wrapper
	.type	sys_rt_sigreturn_wrapper, %function
sys_rt_sigreturn_wrapper:
	ldr	lr, =sys_rt_sigreturn_regs
1:	add	sp, sp, #8			@ (arguments 5 and 6)
	swi_full_frame
	mov	ip, lr
	add	r0, sp, #4
	blx	ip
	b	.Lswi_full_return
	.size	sys_rt_sigreturn_wrapper, . - sys_rt_sigreturn_wrapper

.Lswi_private:
	/*
	 * `svc 0x123456` (semihosting_call, r7 = -1) that QEMU did not take because semihosting
	 * is off: return with nothing done, so the caller goes on to its fallback. Checked before
	 * anything else is pushed: the runtime makes this call from inside system calls too
	 * (exit), in SVC mode, whose lr the call clobbers (semihosting_call says so).
	 */
	cmn	r7, #1
	bne	1f
	push	{r0, r1}
	ldr	r0, [sp, #12]			@ the caller's cpsr
	tst	r0, #PSR_T_BIT
	ldreq	r0, [lr, #-4]			@ the svc instruction (ARM state)
	ldreq	r1, =0xef123456
	cmpeq	r0, r1
	pop	{r0, r1}
	bne	1f
	rfeia	sp!
1:	push	{r0-r3, ip, lr}
	mov	r3, r7				@ arm_syscall(r0, r1, r2, no)
	ldr	ip, =arm_syscall
	b	.Lswi_invoke
	.ltorg

/*
 * __switch_to(prev, next): the context switch (runtime/sched_core.c's schedule, interrupts
 * masked). Keeps prev's callee-saved registers, sp and return address in the mode it runs in
 * (SVC, or SYS for a ktest), that mode, its DACR (a ktest runs with application memory open),
 * its kernel stack's sp and the user bank's sp and lr (the application's: a system call does
 * not save them); loads next's, makes next current (TPIDRPRW) and gives the application its
 * thread pointer (TPIDRURO). Returns prev, in next's context. STM/LDM of the user bank are
 * not allowed in SYS mode, hence the change to SVC first.
 */
	.globl	__switch_to
	.type	__switch_to, %function
__switch_to:
	add	ip, r0, #TSK_CPU_CONTEXT
	mrs	r2, cpsr
	mrc	p15, 0, r3, c3, c0, 0		@ DACR
	stmia	ip!, {r2, r3, r4 - r11, sp, lr}
	cps	#PSR_MODE_SVC
	str	sp, [ip], #4			@ svc_sp
	stmia	ip, {sp, lr}^			@ usr_sp, usr_lr
	add	ip, r1, #(TSK_CPU_CONTEXT + 48)
	ldr	sp, [ip], #4			@ next's kernel stack
	ldmia	ip, {sp, lr}^
	ldr	r2, [r1, #TSK_TP_VALUE]
	mcr	p15, 0, r2, c13, c0, 3		@ TPIDRURO
	mcr	p15, 0, r1, c13, c0, 4		@ TPIDRPRW: current = next
	add	ip, r1, #TSK_CPU_CONTEXT
	ldmia	ip!, {r2, r3}
	mcr	p15, 0, r3, c3, c0, 0		@ DACR
	msr	cpsr_c, r2			@ next's mode
	isb					@ (its DACR in force)
	ldmia	ip, {r4 - r11, sp, pc}
	.size	__switch_to, . - __switch_to

/*
 * ret_from_fork: a new application thread's first instructions (runtime/fork.c put a copy of
 * the clone caller's registers, r0 = 0 and its new sp, at the top of its kernel stack, and made
 * sp point at them): finish the switch, then return to the application as an exception return
 * does.
 */
	.globl	ret_from_fork
	.type	ret_from_fork, %function
ret_from_fork:
	sub	sp, sp, #4			@ AAPCS: the frame is at 4 mod 8
	bl	schedule_tail
	cpsid	i
1:	mrc	p15, 0, r0, c13, c0, 4		@ current
	ldr	r0, [r0, #TSK_TI_FLAGS]
	tst	r0, #_TIF_WORK_MASK
	addne	r0, sp, #4			@ do_work_pending(regs, 0, 0)
	movne	r1, #0
	movne	r2, #0
	blne	do_work_pending
	add	sp, sp, #4
	mov	r0, #DACR_UACCESS_ENABLE
	mcr	p15, 0, r0, c3, c0, 0
	add	r0, sp, #S_SP
	ldmia	r0, {sp, lr}^
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_PC
	rfeia	sp!
	.size	ret_from_fork, . - ret_from_fork

/*
 * ret_from_kthread: a new kernel thread's first instructions: r4 = its function, r5 = its
 * argument (runtime/fork.c); the function's return value is its exit code.
 */
	.globl	ret_from_kthread
	.type	ret_from_kthread, %function
ret_from_kthread:
	bl	schedule_tail
	mov	r0, r5
	blx	r4
	bl	do_exit
	.size	ret_from_kthread, . - ret_from_kthread

/*
 * sys_clone_wrapper: clone needs every register of its caller for the child, which the short
 * system-call frame does not keep: called from vector_swi with the arguments in r0-r3 and
 * r4 (child_tid), r4-r11 still the caller's, and vector_swi's frame above (r4, r5, then r0,
 * r1, r2, r3, ip, a pad word, pc, cpsr), it builds a struct pt_regs of the caller and calls
 * sys_clone_regs(flags, newsp, parent_tid, tls, child_tid, regs).
 */
	.globl	sys_clone_wrapper
	.type	sys_clone_wrapper, %function
sys_clone_wrapper:
	push	{r4, lr}
	sub	sp, sp, #(S_FRAME + 4)		@ a pt_regs, 8-byte aligned
	stmia	sp, {r0 - r11}
	ldr	ip, [sp, #(S_FRAME + 4 + 8 + 24)]	@ the caller's ip
	str	ip, [sp, #48]
	add	ip, sp, #S_SP
	stmia	ip, {sp, lr}^			@ the caller's sp and lr (the user bank)
	ldr	ip, [sp, #(S_FRAME + 4 + 8 + 32)]	@ its pc and cpsr
	str	ip, [sp, #S_PC]
	ldr	ip, [sp, #(S_FRAME + 4 + 8 + 36)]
	str	ip, [sp, #S_PSR]
	mov	ip, sp
	push	{r4, ip}
	bl	sys_clone_regs
	add	sp, sp, #(8 + S_FRAME + 4)
	pop	{r4, pc}
	.size	sys_clone_wrapper, . - sys_clone_wrapper
