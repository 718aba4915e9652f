/*
 * Exception vectors and entry/exit. Every exception builds a full struct pt_regs on the SVC
 * stack (the stack the runtime and the application run on): SRS pushes the return address
 * and SPSR of the exception mode there, then the handler runs in SVC mode with r0 = regs.
 * The return address is adjusted per vector so that regs->pc is the instruction to return
 * to (for aborts: the faulting instruction; undefined: see do_undefinstr).
 * Frame: r0-r12 at 0, sp at 52, lr at 56, pc at 60, cpsr at 64 (17 words).
 */
#define PSR_MODE_SVC 0x13
#define S_SP 52
#define S_LR 56
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
	add	r0, sp, #S_FRAME		@ the interrupted SVC sp
	str	r0, [sp, #S_SP]
	str	lr, [sp, #S_LR]
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
	ldr	lr, [sp, #S_LR]
	ldmia	sp, {r0-r12}
	add	sp, sp, #(S_FRAME - 8)
	rfeia	sp!				@ pc and cpsr back, sp past the frame
