/*
 * Exception vectors and entry/exit. Every exception builds a full struct pt_regs on the SVC
 * stack (the runtime's own stack): SRS pushes the return address and SPSR of the exception
 * mode there, then the handler runs in SVC mode with r0 = regs. The interrupted context is
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
	b	vector_svc
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
vector_svc:
	exception_entry 0, do_svc
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
 * long uniarm_syscall(nr, a0, a1, a2, a3, a4, a5): the application's door into the runtime.
 * The runtime's side runs on its own syscall stack (in the image, always mapped), never on
 * the application's: a first touch of an application stack page would take a page fault,
 * and a page fault in the middle of a change to the VMAs or the page allocator would find
 * them half done. Arguments 4-6 arrive on the caller's stack and are copied across.
 */
	.globl	uniarm_syscall
	.type	uniarm_syscall, %function
uniarm_syscall:
	push	{r4, r5, r6, lr}
	ldr	r4, [sp, #16]			@ a3
	ldr	r5, [sp, #20]			@ a4
	ldr	r6, [sp, #24]			@ a5
	mov	ip, sp
	ldr	sp, =__syscall_stack_top
	sub	sp, sp, #16
	stmia	sp, {r4, r5, r6, ip}		@ a3-a5 for do_syscall, and the caller's sp
	bl	do_syscall
	ldr	sp, [sp, #12]			@ back on the caller's stack
	pop	{r4, r5, r6, pc}
	.ltorg
