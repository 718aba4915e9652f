/*
 * int strcmp(const char *a, const char *b): the difference of the first two bytes (as unsigned
 * char) that differ, or 0.
 *
 * Both strings are read eight bytes per turn, and only in ways that cannot reach a page beyond
 * the strings' own words:
 *   a and b equally aligned modulo 8: one byte at a time up to an 8-byte boundary, then LDRDs
 *   from both (an aligned doubleword never crosses a page);
 *   otherwise: one byte at a time up to a word boundary of a, then an aligned word of a and an
 *   unaligned one of b (SCTLR.A is clear) at a time, two per turn, while b is 8 bytes or more
 *   below the end of its page; the 8 bytes across each page boundary of b are compared one at
 *   a time.
 * The comparison goes on while the words are equal and a's have no NUL (UQSUB8 of 0x01010101
 * and the word leaves 1 in a lane that held a NUL): compares conditional on each other. When
 * it stops, (a ^ b) | NUL lanes of the word that stopped it give the first byte that differs
 * or ends a (RBIT + CLZ), which is then loaded from both strings. Integer registers only.
 */
#include "symbol.h"

	.syntax	unified
	.arm

/* One byte of each; out of the sequence to \exit when they differ or a's is NUL. */
	.macro	cmp_byte exit
	ldrb	r2, [r0], #1
	ldrb	r3, [r1], #1
	cmp	r2, #1				@ cs: a's byte is not NUL
	cmpcs	r2, r3
	bne	\exit
	.endm

/* The turn's test: r2/r3 a's words, r4/r5 b's, r6/r7 a's NUL lanes; eq when all is equal. */
	.macro	cmp_turn_test
	uqsub8	r6, r12, r2
	uqsub8	r7, r12, r3
	cmp	r2, r4
	cmpeq	r3, r5
	cmpeq	r6, #0
	cmpeq	r7, #0
	.endm

	.section .text.strcmp, "ax", %progbits
	.align	5
	string_symbol strcmp
strcmp:
	.fnstart
	orr	r2, r0, r1
	tst	r2, #7
	bne	.Lcmp_other
	.fnend

	/* Both 8-byte aligned. */
	.fnstart
	.save	{r4 - r7, lr}
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
.Lcmp_8:
	push	{r4 - r7, lr}
	movw	r12, #0x0101
	movt	r12, #0x0101
1:	ldrd	r2, r3, [r0], #8
	ldrd	r4, r5, [r1], #8
	cmp_turn_test
	beq	1b
.Lcmp_found:					@ in the 8 bytes before r0 and r1
	eor	r4, r4, r2
	orrs	r4, r4, r6			@ the first word's differing or NUL lanes
	mvnne	r2, #7				@ -8: in the first word
	eoreq	r5, r5, r3
	orreq	r4, r5, r7
	mvneq	r2, #3				@ -4: in the second
	rbit	r4, r4
	clz	r4, r4
	add	r2, r2, r4, lsr #3
	ldrb	r3, [r0, r2]
	ldrb	r12, [r1, r2]
	sub	r0, r3, r12
	pop	{r4 - r7, pc}
	.fnend

	/* Misaligned b: a word aligned, b read by unaligned words away from its page's end. */
	.fnstart
	.save	{r4 - r7, lr}
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
.Lcmp_words:
	push	{r4 - r7, lr}
	movw	r12, #0x0101
	movt	r12, #0x0101
.Lcmp_page:
	ubfx	lr, r1, #0, #12
	rsb	lr, lr, #4096			@ bytes from b to the end of its page
2:	subs	lr, lr, #8
	blo	3f
	ldr	r2, [r0], #4			@ a's second word only when the first did not end
	ldr	r4, [r1], #4			@ the comparison (it may lie on a's next page)
	uqsub8	r6, r12, r2
	cmp	r2, r4
	cmpeq	r6, #0
	bne	4f
	ldr	r2, [r0], #4
	ldr	r4, [r1], #4
	uqsub8	r6, r12, r2
	cmp	r2, r4
	cmpeq	r6, #0
	beq	2b
4:	eor	r4, r4, r2			@ the word before r0/r1 holds the end
	orr	r4, r4, r6
	rbit	r4, r4
	clz	r4, r4
	mvn	r2, #3
	add	r2, r2, r4, lsr #3
	ldrb	r3, [r0, r2]
	ldrb	r12, [r1, r2]
	sub	r0, r3, r12
	pop	{r4 - r7, pc}
3:	.rept	8				@ across b's page boundary (a stays word aligned)
	cmp_byte .Lcmp_byte_pop
	.endr
	b	.Lcmp_page
.Lcmp_byte_pop:
	sub	r0, r2, r3
	pop	{r4 - r7, pc}
	.fnend

	/* Not both 8-byte aligned: bytes first. */
	.fnstart
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
.Lcmp_other:
	eor	r2, r0, r1
	tst	r2, #7
	bne	.Lcmp_mis
	and	r2, r0, #7			@ equally aligned: 8 - (a & 7) bytes
	add	r2, r2, r2, lsl #2
	add	pc, pc, r2, lsl #2		@ to pc + 8 + 20 x (a & 7): 8 - (a & 7) cmp_bytes
	.rept	6
	nop
	.endr
	.rept	7
	cmp_byte .Lcmp_byte
	.endr
	b	.Lcmp_8
.Lcmp_mis:
	ands	r2, r0, #3			@ 4 - (a & 3) bytes up to a word boundary of a
	beq	.Lcmp_words
	add	r2, r2, r2, lsl #2
	add	pc, pc, r2, lsl #2
	.rept	6
	nop
	.endr
	.rept	3
	cmp_byte .Lcmp_byte
	.endr
	b	.Lcmp_words
.Lcmp_byte:
	sub	r0, r2, r3
	bx	lr
	.fnend
	.size	strcmp, . - strcmp
