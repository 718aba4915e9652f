/*
 * char *strchr(const char *s, int c): the first (unsigned char)c in s, the terminating NUL
 * included (strchr(s, 0) points at it), or NULL.
 *
 * The first 8 bytes one at a time (the common short searches end there, and no word setup is
 * paid for them); then 8 bytes per turn from the 8-byte aligned doubleword that holds the next
 * byte (the bytes of it already looked at are neither c nor NUL; an aligned doubleword never
 * crosses a page). A byte is NUL or c when UQSUB8 of 0x01010101 and the word, or the word XOR
 * c in every byte, leaves 1 in its lane. Integer registers only.
 */
#include "symbol.h"

	.syntax	unified
	.arm

	.section .text.strchr, "ax", %progbits
	.align	5
	string_symbol strchr
strchr:
	.fnstart
	and	r1, r1, #255
	.rept	8
	ldrb	r2, [r0], #1
	cmp	r2, r1
	cmpne	r2, #0
	beq	.Lsc_byte
	.endr
	.fnend
	.fnstart
	.save	{r4 - r6, lr}
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
	push	{r4 - r6, lr}
	orr	r1, r1, r1, lsl #8		@ c in every byte
	orr	r1, r1, r1, lsl #16
	movw	r12, #0x0101
	movt	r12, #0x0101
	bic	r0, r0, #7
	ldrd	r2, r3, [r0], #8
1:	eor	r4, r2, r1
	eor	r5, r3, r1
	uqsub8	r2, r12, r2			@ 1 in each lane that held a NUL
	uqsub8	r3, r12, r3
	uqsub8	r4, r12, r4			@ 1 in each lane that held c
	uqsub8	r5, r12, r5
	orr	r2, r2, r4
	orr	r3, r3, r5
	orrs	r3, r3, r2			@ the first word's lanes stay in r2
	ldrdeq	r2, r3, [r0], #8
	beq	1b
	cmp	r2, #0				@ in the first word, else the second
	subne	r0, r0, #8
	subeq	r0, r0, #4
	movne	r3, r2
	rbit	r3, r3
	clz	r3, r3
	add	r0, r0, r3, lsr #3		@ the first byte that is NUL or c
	ldrb	r2, [r0]
	and	r1, r1, #255
	cmp	r2, r1
	movne	r0, #0				@ the NUL, and c is not 0
	pop	{r4 - r6, pc}
	.fnend
	.fnstart
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
.Lsc_byte:					@ r2, at r0 - 1, is NUL or c
	sub	r0, r0, #1
	cmp	r2, r1
	movne	r0, #0
	bx	lr
	.fnend
	.size	strchr, . - strchr
