/*
 * int memcmp(const void *a, const void *b, size_t n): the difference of the first two bytes
 * (as unsigned char) that differ, 0 when none does.
 *
 * Words are compared whole (unaligned loads are fine: SCTLR.A is clear). Below 4 bytes a jump
 * on n to byte compares; then two words per turn with conditional loads, so that when a turn
 * ends on a difference r3/r12 hold the first pair that differs, and the last 1-8 bytes as the
 * two words that end at a + n (they overlap bytes already found equal, which cannot change the
 * result). From 64 bytes, once a is word aligned (its first word compared whole), 16 bytes per
 * turn with LDM (and LDM for b too when it is aligned, else four LDRs). A difference inside a
 * word pair: byte-reversed, the first differing byte is the most significant one (clz).
 * Integer registers only.
 */
#include "symbol.h"

	.syntax	unified
	.arm

	.section .text.memcmp, "ax", %progbits
	.align	5
	string_symbol memcmp
memcmp:
	.fnstart
	cmp	r2, #4
	ldrlo	pc, [pc, r2, lsl #2]
	b	.Lmc_words
	.word	.Lmc_n0, .Lmc_n1, .Lmc_n2, .Lmc_n3
.Lmc_n0:
	mov	r0, #0
	bx	lr
.Lmc_n3:
	ldrb	r3, [r0], #1
	ldrb	r12, [r1], #1
	subs	r3, r3, r12
	bne	.Lmc_byte
.Lmc_n2:
	ldrb	r3, [r0], #1
	ldrb	r12, [r1], #1
	subs	r3, r3, r12
	bne	.Lmc_byte
.Lmc_n1:
	ldrb	r3, [r0]
	ldrb	r12, [r1]
	sub	r0, r3, r12
	bx	lr
.Lmc_byte:
	mov	r0, r3
	bx	lr

.Lmc_words:					@ n >= 4
	cmp	r2, #64
	bhs	.Lmc_big
.Lmc_rest:					@ also the big path's last bytes (n >= 4)
	subs	r2, r2, #8
	blo	.Lmc_last4
1:	ldr	r3, [r0], #4
	ldr	r12, [r1], #4
	cmp	r3, r12
	ldreq	r3, [r0], #4
	ldreq	r12, [r1], #4
	cmpeq	r3, r12
	bne	.Lmc_diff
	subs	r2, r2, #8
	bhs	1b
	/* 0-7 bytes left (r2 + 8): the two words that end there, the lower one first. */
	ldr	r3, [r0, r2]!
	ldr	r12, [r1, r2]!
	cmp	r3, r12
	ldreq	r3, [r0, #4]
	ldreq	r12, [r1, #4]
	cmpeq	r3, r12
	bne	.Lmc_diff
	mov	r0, #0
	bx	lr
.Lmc_last4:					@ 4 <= n < 8: the first and the last word
	add	r2, r2, #4			@ n - 4
	ldr	r3, [r0]
	ldr	r12, [r1]
	cmp	r3, r12
	ldreq	r3, [r0, r2]
	ldreq	r12, [r1, r2]
	cmpeq	r3, r12
	moveq	r0, #0
	bxeq	lr
.Lmc_diff:					@ r3 != r12, in memory order
	rev	r3, r3
	rev	r12, r12
	eor	r2, r3, r12
	clz	r2, r2
	bic	r2, r2, #7			@ the first differing byte, counted from the top
	lsl	r3, r3, r2
	lsl	r12, r12, r2
	lsr	r3, r3, #24
	sub	r0, r3, r12, lsr #24
	bx	lr
.Lmc_big_rest:					@ after the big path, eq when nothing is left
	moveq	r0, #0
	bxeq	lr
	cmp	r2, #4				@ fewer than 4: the word that ends there
	bhs	.Lmc_rest
	sub	r2, r2, #4
	ldr	r3, [r0, r2]
	ldr	r12, [r1, r2]
	cmp	r3, r12
	moveq	r0, #0
	bxeq	lr
	b	.Lmc_diff
	.fnend

	/* n >= 64: 16 bytes per turn. */
	.fnstart
	.save	{r4 - r8, lr}
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
.Lmc_big:
	push	{r4 - r8, lr}
	ands	r3, r0, #3			@ a's first word whole, then a word aligned
	beq	1f
	ldr	r4, [r0]
	ldr	r5, [r1]
	rsb	r3, r3, #4
	cmp	r4, r5
	bne	.Lmc_big_diff45
	add	r0, r0, r3
	add	r1, r1, r3
	sub	r2, r2, r3
1:	sub	r2, r2, #16
	tst	r1, #3
	bne	3f
2:	ldmia	r0!, {r3 - r6}			@ b aligned too
	ldmia	r1!, {r7, r8, r12, lr}
	cmp	r3, r7
	cmpeq	r4, r8
	cmpeq	r5, r12
	cmpeq	r6, lr
	bne	.Lmc_big_find
	subs	r2, r2, #16
	bhs	2b
	b	4f
3:	ldmia	r0!, {r3 - r6}			@ b unaligned
	ldr	r7, [r1], #4
	ldr	r8, [r1], #4
	ldr	r12, [r1], #4
	ldr	lr, [r1], #4
	cmp	r3, r7
	cmpeq	r4, r8
	cmpeq	r5, r12
	cmpeq	r6, lr
	bne	.Lmc_big_find
	subs	r2, r2, #16
	bhs	3b
4:	adds	r2, r2, #16			@ 0-15 bytes left
	pop	{r4 - r8, lr}
	b	.Lmc_big_rest
.Lmc_big_find:					@ the first of the four pairs that differs
	cmp	r3, r7
	movne	r12, r7
	bne	1f
	cmp	r4, r8
	movne	r3, r4
	movne	r12, r8
	bne	1f
	cmp	r5, r12
	movne	r3, r5
	bne	1f
	mov	r3, r6
	mov	r12, lr
1:	pop	{r4 - r8, lr}
	b	.Lmc_diff
.Lmc_big_diff45:
	mov	r3, r4
	mov	r12, r5
	pop	{r4 - r8, lr}
	b	.Lmc_diff
	.fnend
	.size	memcmp, . - memcmp
