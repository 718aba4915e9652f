/*
 * void *memset(void *dst, int c, size_t n), and the AEABI helpers __aeabi_memset{,4,8}(dst, n,
 * c) (note the order) and __aeabi_memclr{,4,8}(dst, n).
 *
 * The byte is first spread over a word. Below 16 bytes a jump on n reaches straight code of
 * word/halfword/byte stores at fixed offsets (unaligned word stores are fine: SCTLR.A is
 * clear). From 16 bytes the first and the last word are stored unaligned, which leaves a word
 * aligned middle; below 64 bytes of middle it is filled by a jump into a run of 8-byte STMs, else
 * the word goes into 11 registers and the middle is filled by 176-byte turns of four STMs of
 * 44 bytes, then one STM of the 0-10 words left. Overlapping stores cost nothing: every
 * instruction counts one under QEMU -icount. Integer registers only.
 */
#include "symbol.h"

	.syntax	unified
	.arm

/* The store of w words of the value at r12 (r1, r3-r11, lr hold it), then the return. */
	.macro	ms_rest w
	.if	\w == 0
	nop
	.elseif	\w == 1
	str	r1, [r12]
	.elseif	\w == 2
	stm	r12, {r1, r3}
	.elseif	\w == 3
	stm	r12, {r1, r3, r4}
	.elseif	\w == 4
	stm	r12, {r1, r3 - r5}
	.elseif	\w == 5
	stm	r12, {r1, r3 - r6}
	.elseif	\w == 6
	stm	r12, {r1, r3 - r7}
	.elseif	\w == 7
	stm	r12, {r1, r3 - r8}
	.elseif	\w == 8
	stm	r12, {r1, r3 - r9}
	.elseif	\w == 9
	stm	r12, {r1, r3 - r10}
	.elseif	\w == 10
	stm	r12, {r1, r3 - r11}
	.endif
	pop	{r4 - r11, pc}
	.endm

/* n < 16: n bytes of r1 at r0, by words at 0, 4 and 8 and an overlapping or short last one. */
	.macro	ms_small n
.Lms_n\n:
	.if	\n == 1
	strb	r1, [r0]
	.elseif	\n == 2
	strh	r1, [r0]
	.elseif	\n == 3
	strh	r1, [r0]
	.elseif	\n >= 4
	str	r1, [r0]
	.endif
	.if	\n >= 8
	str	r1, [r0, #4]
	.endif
	.if	\n >= 12
	str	r1, [r0, #8]
	.endif
	.if	\n == 3
	strb	r1, [r0, #2]
	.elseif	(\n >= 5) && ((\n & 3) == 1)
	strb	r1, [r0, #(\n - 1)]
	.elseif	(\n >= 5) && ((\n & 3) == 2)
	strh	r1, [r0, #(\n - 2)]
	.elseif	(\n >= 5) && ((\n & 3) == 3)
	str	r1, [r0, #(\n - 4)]
	.endif
	bx	lr
	.endm

	.section .text.memset, "ax", %progbits
	.align	5
	string_symbol __aeabi_memset
	string_symbol __aeabi_memset4
	string_symbol __aeabi_memset8
	string_symbol __aeabi_memclr
	string_symbol __aeabi_memclr4
	string_symbol __aeabi_memclr8
	string_symbol memset
__aeabi_memset:					@ (dst, n, c)
__aeabi_memset4:
__aeabi_memset8:
	.fnstart
	and	r3, r2, #255
	mov	r2, r1
	orr	r1, r3, r3, lsl #8
	orr	r1, r1, r1, lsl #16
	b	.Lms_word
__aeabi_memclr:					@ (dst, n)
__aeabi_memclr4:
__aeabi_memclr8:
	mov	r2, r1
	mov	r1, #0
	b	.Lms_word
memset:
	and	r1, r1, #255
	orr	r1, r1, r1, lsl #8
	orr	r1, r1, r1, lsl #16
.Lms_word:					@ r1: the byte in each of its 4 bytes
	cmp	r2, #16
	ldrlo	pc, [pc, r2, lsl #2]
	b	.Lms_16
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.word	.Lms_n\n
	.endr
.Lms_n0:
	bx	lr
	.irp	n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	ms_small \n
	.endr

.Lms_16:
	add	r3, r0, r2
	str	r1, [r0]			@ the first and the last word, unaligned
	str	r1, [r3, #-4]
	add	r12, r0, #4
	bic	r12, r12, #3			@ the middle: [r12, r3), word aligned
	bic	r3, r3, #3
	sub	r2, r3, r12
	cmp	r2, #64
	bhs	.Lms_big
	mov	r3, r1
	tst	r2, #4
	strne	r1, [r12], #4			@ an odd word, then 8-byte STMs
	bic	r2, r2, #7
	rsb	r2, r2, #56
	add	pc, pc, r2, lsr #1		@ skip (56 - middle) / 8 of the 7 STMs
	nop
	.rept	7
	stmia	r12!, {r1, r3}
	.endr
	bx	lr
	.fnend

	/* A middle of 64 bytes or more: the word in 11 registers. */
	.fnstart
	.save	{r4 - r11, lr}
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
.Lms_big:
	push	{r4 - r11, lr}
	mov	r3, r1
	mov	r4, r1
	mov	r5, r1
	mov	r6, r1
	mov	r7, r1
	mov	r8, r1
	mov	r9, r1
	mov	r10, r1
	mov	r11, r1
	mov	lr, r1
	subs	r2, r2, #176
	blo	2f
1:	.rept	4
	stmia	r12!, {r1, r3 - r11, lr}
	.endr
	subs	r2, r2, #176
	bhs	1b
2:	adds	r2, r2, #(176 - 44)		@ 44-byte steps
	blo	4f
3:	stmia	r12!, {r1, r3 - r11, lr}
	subs	r2, r2, #44
	bhs	3b
4:	add	r2, r2, #44			@ 0-40 bytes: one STM of that many words
	add	pc, pc, r2, lsl #1
	nop
	.irp	w, 0,1,2,3,4,5,6,7,8,9,10
	ms_rest	\w
	.endr
	.fnend
	.size	memset, . - memset
	.size	__aeabi_memset, . - __aeabi_memset
	.size	__aeabi_memset4, . - __aeabi_memset
	.size	__aeabi_memset8, . - __aeabi_memset
	.size	__aeabi_memclr, . - __aeabi_memclr
	.size	__aeabi_memclr4, . - __aeabi_memclr
	.size	__aeabi_memclr8, . - __aeabi_memclr
