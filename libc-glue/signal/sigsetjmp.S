/*
 * sigsetjmp and siglongjmp (<setjmp.h>), on newlib's setjmp and longjmp, plus _setjmp and
 * _longjmp, which are setjmp and longjmp (neither touches the mask).
 *
 * sigsetjmp(env, savemask) keeps d8-d15 (newlib's setjmp does not), savemask, and when it is
 * non-zero the thread's mask (rt_sigprocmask(SIG_BLOCK, NULL, &env->mask, 8)), then branches
 * to setjmp with lr, sp and r4-r11 as its caller left them, so the context saved is the
 * caller's and setjmp's return is sigsetjmp's. No stack is used: the system call keeps every
 * register but r0, so ip holds r7 across it and r2 (the mask's address) gives env back.
 *
 * siglongjmp(env, val) puts the saved mask back first if there is one (a signal it unblocks is
 * delivered there, on the stack siglongjmp runs on, as with glibc), then d8-d15, then
 * longjmp restores the rest and makes sigsetjmp return val (1 for 0). It may clobber r7 and
 * any callee-saved register: longjmp reloads them all.
 */
#include "libc-glue/signal/sigjmp_layout.h"

	.syntax unified
	.arm
	.text

	.balign	4
	.global	sigsetjmp
	.type	sigsetjmp, %function
sigsetjmp:
	.fnstart
	add	ip, r0, #SJ_VFP
	vstmia	ip, {d8-d15}
	str	r1, [r0, #SJ_SAVEMASK]
	cmp	r1, #0
	beq	setjmp
	add	r2, r0, #SJ_MASK	@ oset: the mask goes there
	mov	ip, r7
	mov	r0, #0			@ SIG_BLOCK, with no set: only read
	mov	r1, #0
	mov	r3, #8			@ sigsetsize
	mov	r7, #175		@ __NR_rt_sigprocmask
	svc	#0
	mov	r7, ip
	sub	r0, r2, #SJ_MASK
	b	setjmp
	.fnend
	.size	sigsetjmp, . - sigsetjmp

	.balign	4
	.global	siglongjmp
	.type	siglongjmp, %function
siglongjmp:
	.fnstart
	ldr	r2, [r0, #SJ_SAVEMASK]
	cmp	r2, #0
	beq	1f
	mov	ip, r1			@ val
	add	r1, r0, #SJ_MASK	@ set: the saved mask
	mov	r0, #2			@ SIG_SETMASK
	mov	r2, #0
	mov	r3, #8
	mov	r7, #175		@ __NR_rt_sigprocmask
	svc	#0
	sub	r0, r1, #SJ_MASK
	mov	r1, ip
1:	add	ip, r0, #SJ_VFP
	vldmia	ip, {d8-d15}
	b	longjmp
	.fnend
	.size	siglongjmp, . - siglongjmp

	.balign	4
	.global	_setjmp
	.type	_setjmp, %function
_setjmp:
	.fnstart
	b	setjmp
	.fnend
	.size	_setjmp, . - _setjmp

	.balign	4
	.global	_longjmp
	.type	_longjmp, %function
_longjmp:
	.fnstart
	b	longjmp
	.fnend
	.size	_longjmp, . - _longjmp

	.section .note.GNU-stack, "", %progbits
