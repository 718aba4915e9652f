/*
 * size_t strlen(const char *s).
 *
 * Eight bytes per turn from the 8-byte aligned doubleword that holds s (an aligned doubleword
 * never crosses a page, so nothing past the string's own doubleword is read). A byte is zero
 * when UQSUB8 of 0x01010101 and the word leaves 1 in its lane; the two words' results are ORed
 * into the second, so that at the end the first word's result (if nonzero) or the second's
 * locates the NUL (RBIT + CLZ give its lane). The bytes of the first doubleword before s are
 * made nonzero first. Integer registers only.
 */
#include "symbol.h"

	.syntax	unified
	.arm

	.section .text.strlen, "ax", %progbits
	.align	5
	string_symbol strlen
strlen:
	.fnstart
	bic	r1, r0, #7
	ldrd	r2, r3, [r1], #8
	ands	r12, r0, #7
	bne	.Lsl_before			@ s not 8-byte aligned: hide the bytes before it
.Lsl_go:
	movw	r12, #0x0101
	movt	r12, #0x0101
1:	uqsub8	r2, r12, r2			@ 1 in each lane that held a zero byte
	uqsub8	r3, r12, r3
	orrs	r3, r3, r2
	ldrdeq	r2, r3, [r1], #8
	beq	1b
	cmp	r2, #0				@ the NUL is in the first word, else the second
	subne	r1, r1, #8
	subeq	r1, r1, #4
	movne	r3, r2
	rbit	r3, r3
	clz	r3, r3				@ 8 x its lane
	add	r1, r1, r3, lsr #3
	sub	r0, r1, r0
	bx	lr

	/* r12 = s & 7 (1-7): make the r12 bytes of the doubleword before s nonzero. */
.Lsl_before:
	add	pc, pc, r12, lsl #5		@ 8-instruction slots, slot 0 unused
	nop
	.rept	8
	nop
	.endr
	orr	r2, r2, #0xff			@ s & 7 = 1
	b	.Lsl_go
	.rept	6
	nop
	.endr
	orr	r2, r2, #0xff			@ s & 7 = 2
	orr	r2, r2, #0xff00
	b	.Lsl_go
	.rept	5
	nop
	.endr
	orr	r2, r2, #0xff			@ s & 7 = 3
	orr	r2, r2, #0xff00
	orr	r2, r2, #0xff0000
	b	.Lsl_go
	.rept	4
	nop
	.endr
	mvn	r2, #0				@ s & 7 = 4
	b	.Lsl_go
	.rept	6
	nop
	.endr
	mvn	r2, #0				@ s & 7 = 5
	orr	r3, r3, #0xff
	b	.Lsl_go
	.rept	5
	nop
	.endr
	mvn	r2, #0				@ s & 7 = 6
	orr	r3, r3, #0xff
	orr	r3, r3, #0xff00
	b	.Lsl_go
	.rept	4
	nop
	.endr
	mvn	r2, #0				@ s & 7 = 7
	orr	r3, r3, #0xff
	orr	r3, r3, #0xff00
	orr	r3, r3, #0xff0000
	b	.Lsl_go
	.rept	3
	nop
	.endr
	.fnend
	.size	strlen, . - strlen
