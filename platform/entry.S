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
#define PSR_MODE_SVC 0x13
#define PSR_MODE_SYS 0x1f
#define PSR_MODE_MASK 0x1f
#define S_SP 52
#define S_LR 56
#define S_PSR 64
#define S_FRAME 68
#define S_SWI 24			/* vector_swi's frame below srsdb's two words */
#define PSR_T_BIT 0x20
#define NR_SYSCALLS 408			/* runtime/uapi.h */

	.syntax unified
	.arm

	.macro	exception_entry, adjust, handler
	.if	\adjust
	sub	lr, lr, #\adjust
	.endif
	srsdb	sp!, #PSR_MODE_SVC		@ {pc, cpsr} onto the SVC stack
	cps	#PSR_MODE_SVC
	sub	sp, sp, #(S_FRAME - 8)
	stmia	sp, {r0-r12}
	ldr	r0, [sp, #S_PSR]
	and	r0, r0, #PSR_MODE_MASK
	cmp	r0, #PSR_MODE_SVC
	addeq	r0, sp, #S_FRAME		@ the runtime's sp, above this frame
	streq	r0, [sp, #S_SP]
	streq	lr, [sp, #S_LR]
	addne	r0, sp, #S_SP
	stmiane	r0, {sp, lr}^			@ the application's sp and lr
	mov	r0, sp
	mov	r4, sp
	bic	sp, sp, #7			@ AAPCS: 8-byte aligned stack at calls
	bl	\handler
	mov	sp, r4
	b	ret_from_exception
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
	exception_entry 0, do_bad_mode_reset
vector_und:
	exception_entry 4, do_undefinstr
vector_pabt:
	exception_entry 4, do_PrefetchAbort
vector_dabt:
	exception_entry 8, do_DataAbort
vector_addrexcptn:
	exception_entry 0, do_bad_mode_reset
vector_irq:
	exception_entry 4, do_IRQ
vector_fiq:
	exception_entry 4, do_FIQ

ret_from_exception:
	ldr	r0, [sp, #S_PSR]
	and	r0, r0, #PSR_MODE_MASK
	cmp	r0, #PSR_MODE_SVC
	ldreq	lr, [sp, #S_LR]
	addne	r0, sp, #S_SP
	ldmiane	r0, {sp, lr}^
	ldmia	sp, {r0-r12}
	add	sp, sp, #(S_FRAME - 8)
	rfeia	sp!				@ pc and cpsr back, sp past the frame

/*
 * enter_application(fn, argc, argv, envp, stack_top): switch to SYS mode on the application's
 * stack and call fn(argc, argv, envp); never returns (fn ends in exit()).
 */
	.globl	enter_application
enter_application:
	ldr	ip, [sp]			@ fifth argument: the stack top
	mov	r4, r0
	mov	r0, r1
	mov	r1, r2
	mov	r2, r3
	cps	#PSR_MODE_SYS
	mov	sp, ip
	mov	lr, #0
	mov	fp, #0
	bx	r4

/*
 * vector_swi: a system call, `svc #0` with the Linux ARM EABI convention: the number in r7,
 * the arguments in r0-r5, the result (or -errno) back in r0, every other register as it was.
 * The hot path, so no pt_regs: srsdb keeps the return address and the caller's cpsr, and the
 * registers a C handler may clobber (r1-r3, ip) go below them with the caller's sp and lr
 * (user bank: stm ^). The handler then runs in SYS mode, the application's context, on the
 * runtime's syscall stack (in the image, always mapped), never on the application's: a first
 * touch of an application stack page would take a page fault, and a page fault in the middle
 * of a change to the VMAs or the page allocator would find them half done. So a fault inside
 * a system call (uaccess) or an interrupt is taken exactly as from the application, and
 * interrupts are on during the call, as Linux's vector_swi turns them on (the application
 * always runs with them on; rfeia gives it back its own cpsr). The table (runtime/syscall.c)
 * has sys_ni_syscall in every empty slot, so there is no test for one; numbers past it go to
 * arm_syscall, as Linux's: the ARM private calls from 0xf0000, -ENOSYS below them.
 * Frame (SVC stack): r1, r2, r3, ip, sp, lr at 0-20, pc at 24, cpsr at 28.
 */
vector_swi:
	srsdb	sp!, #PSR_MODE_SVC		@ {pc, cpsr} onto the SVC stack
	cmp	r7, #NR_SYSCALLS
	bhs	.Lswi_private
	sub	sp, sp, #S_SWI
	stmia	sp, {r1-r3, ip, sp, lr}^	@ the caller's sp and lr (user bank)
	ldr	ip, =sys_call_table
	ldr	ip, [ip, r7, lsl #2]
.Lswi_invoke:
	cpsie	i, #PSR_MODE_SYS
	ldr	sp, =__syscall_stack_top
	push	{r4, r5}			@ arguments 5 and 6 (AAPCS: 8-byte aligned)
	blx	ip
	cpsid	i, #PSR_MODE_SVC
	ldmia	sp, {r1-r3, ip, sp, lr}^
	add	sp, sp, #S_SWI
	rfeia	sp!				@ pc and cpsr back

.Lswi_private:
	/*
	 * `svc 0x123456` (semihosting_call, r7 = -1) that QEMU did not take because semihosting
	 * is off: return with nothing done, so the caller goes on to its fallback. Checked before
	 * any stack changes: the runtime makes this call from inside system calls too (exit),
	 * with the syscall stack in use.
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
1:	sub	sp, sp, #S_SWI
	stmia	sp, {r1-r3, ip, sp, lr}^
	mov	r3, r7				@ arm_syscall(r0, r1, r2, no)
	ldr	ip, =arm_syscall
	b	.Lswi_invoke
	.ltorg
