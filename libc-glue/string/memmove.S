/*
 * void *memmove(void *dst, const void *src, size_t n), and __aeabi_memmove{,4,8}.
 *
 * When dst is below src, or the two do not overlap, this is memcpy (libc-glue/string/memcpy.S,
 * entered by its own strong name __memcpy_fwd, so that an application's replacement memcpy does
 * not become memmove's), which copies upward and loads every source byte before it stores over
 * it. Otherwise (src < dst <
 * src + n) the copy runs downward from the ends, the mirror image of memcpy's: below 16 bytes
 * straight code that loads everything into r1-r3/r12 before it stores; from 16 bytes the end of
 * dst is brought to a word boundary (0-3 bytes), 176-byte turns of four LDMDB/STMDB of 11
 * registers (or 11 unaligned LDRs and an STMDB when the source is misaligned), 44-byte steps,
 * then a block made for the last L < 64 bytes: the lowest (overlapping) word loaded first and
 * stored last, the other words loaded by LDRs, stored by one or two STMDBs. Every load of a
 * block precedes the stores that could overwrite it, and the blocks move downward.
 *
 * This file is integer-only; the upward case shares memcpy's code, so in the application's copy
 * (uniarm_libc) it takes memcpy's NEON path for a large relatively misaligned move, and in the
 * runtime's copy (__kernel_memmove) it stays integer-only. Costs: docs/string.md.
 */
#include "symbol.h"

	.syntax	unified
	.arm

/* ldr_down w, off: w words from [r1, #off] on into r3, r4, ... (r3 at the lowest address). */
	.macro	ldr_down w, off
	.set	.Lmw, 0
	.irp	r, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr
	.if	.Lmw < (\w)
	ldr	\r, [r1, #((\off) + 4 * .Lmw)]
	.endif
	.set	.Lmw, .Lmw + 1
	.endr
	.endm

/* stmdb_words w: stmdb r0, {r3 - r(2 + w)} (no writeback), 1 <= w <= 10. */
	.macro	stmdb_words w
	.if	(\w) == 1
	str	r3, [r0, #-4]
	.elseif	(\w) == 2
	stmdb	r0, {r3, r4}
	.elseif	(\w) == 3
	stmdb	r0, {r3 - r5}
	.elseif	(\w) == 4
	stmdb	r0, {r3 - r6}
	.elseif	(\w) == 5
	stmdb	r0, {r3 - r7}
	.elseif	(\w) == 6
	stmdb	r0, {r3 - r8}
	.elseif	(\w) == 7
	stmdb	r0, {r3 - r9}
	.elseif	(\w) == 8
	stmdb	r0, {r3 - r10}
	.elseif	(\w) == 9
	stmdb	r0, {r3 - r11}
	.elseif	(\w) == 10
	stmdb	r0, {r3 - r12}
	.else
	.error	"stmdb_words: 1 to 10 words"
	.endif
	.endm

/* n < 16, any overlap: every byte is loaded before the first store. No frame. */
	.macro	mv_small n
.Lmv_n\n:
	.if	\n == 1
	ldrb	r3, [r1]
	strb	r3, [r0]
	.elseif	\n == 2
	ldrh	r3, [r1]
	strh	r3, [r0]
	.elseif	\n == 3
	ldrh	r3, [r1]
	ldrb	r12, [r1, #2]
	strh	r3, [r0]
	strb	r12, [r0, #2]
	.elseif	\n == 4
	ldr	r3, [r1]
	str	r3, [r0]
	.elseif	\n <= 8
	ldr	r3, [r1]
	.if	\n == 5
	ldrb	r12, [r1, #4]
	.elseif	\n == 6
	ldrh	r12, [r1, #4]
	.else
	ldr	r12, [r1, #(\n - 4)]
	.endif
	str	r3, [r0]
	.if	\n == 5
	strb	r12, [r0, #4]
	.elseif	\n == 6
	strh	r12, [r0, #4]
	.else
	str	r12, [r0, #(\n - 4)]
	.endif
	.elseif	\n <= 12
	ldr	r3, [r1]
	ldr	r12, [r1, #4]
	.if	\n == 9
	ldrb	r2, [r1, #8]
	.elseif	\n == 10
	ldrh	r2, [r1, #8]
	.else
	ldr	r2, [r1, #(\n - 4)]
	.endif
	str	r3, [r0]
	str	r12, [r0, #4]
	.if	\n == 9
	strb	r2, [r0, #8]
	.elseif	\n == 10
	strh	r2, [r0, #8]
	.else
	str	r2, [r0, #(\n - 4)]
	.endif
	.else
	ldr	r3, [r1]
	ldr	r12, [r1, #4]
	ldr	r2, [r1, #8]
	.if	\n == 13
	ldrb	r1, [r1, #12]
	.elseif	\n == 14
	ldrh	r1, [r1, #12]
	.else
	ldr	r1, [r1, #11]
	.endif
	str	r3, [r0]
	str	r12, [r0, #4]
	str	r2, [r0, #8]
	.if	\n == 13
	strb	r1, [r0, #12]
	.elseif	\n == 14
	strh	r1, [r0, #12]
	.else
	str	r1, [r0, #11]
	.endif
	.endif
	bx	lr
	.endm

/* The block for the last L < 64 bytes below r1/r0 (ends of what is left; r0 word aligned). */
	.macro	mv_block L
	.set	.Lw, (\L) >> 2
	.set	.Lb, (\L) & 3
.Lmv_blk\L:
	.if	.Lw == 0
	.if	.Lb == 1
	ldrb	r3, [r1, #-1]
	strb	r3, [r0, #-1]
	.elseif	.Lb == 2
	ldrh	r3, [r1, #-2]
	strh	r3, [r0, #-2]
	.elseif	.Lb == 3
	ldrh	r3, [r1, #-2]
	ldrb	r12, [r1, #-3]
	strh	r3, [r0, #-2]
	strb	r12, [r0, #-3]
	.endif
	.else
	.if	.Lb
	ldr	lr, [r1, #-(\L)]		@ the lowest word, overlapping the next one
	.endif
	.if	.Lw <= 10
	ldr_down .Lw, -4 * .Lw
	.if	.Lb
	str	lr, [r0, #-(\L)]
	.endif
	stmdb_words .Lw
	.else
	ldr_down 8, -32
	stmdb	r0!, {r3 - r10}
	ldr_down .Lw - 8, -4 * .Lw
	.if	.Lb
	str	lr, [r0, #-((\L) - 32)]
	.endif
	stmdb_words .Lw - 8
	.endif
	.endif
	pop	{r0, r4 - r11, pc}
	.endm

	.section .text.memmove, "ax", %progbits
	.align	5
	string_symbol __aeabi_memmove
	string_symbol __aeabi_memmove4
	string_symbol __aeabi_memmove8
	string_symbol memmove				@ last: llvm-symbolizer names the address after it
__aeabi_memmove:
__aeabi_memmove4:
__aeabi_memmove8:
memmove:
	.fnstart
	subs	r3, r0, r1
	cmphi	r2, r3
	bls	__memcpy_fwd				@ dst <= src, or n <= dst - src: upward is safe
	cmp	r2, #16
	ldrlo	pc, [pc, r2, lsl #2]
	b	.Lmv_framed
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.word	.Lmv_n\n
	.endr
.Lmv_n0:
	bx	lr
	.irp	n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	mv_small \n
	.endr
	.fnend

	/* 16 bytes or more, downward: r0 and r1 move to the ends. */
	.fnstart
	.save	{r0, r4 - r11, lr}
	.unwind_raw 0, 0x40, 0x00		@ a continuation region (platform/unwind.h)
.Lmv_framed:
	push	{r0, r4 - r11, lr}
	add	r0, r0, r2
	add	r1, r1, r2
	ands	r3, r0, #3
	ldrne	pc, [pc, r3, lsl #2]		@ on the end's dst & 3: that many bytes first
	b	.Lmv_aligned
	.word	0, .Lmv_e1, .Lmv_e2, .Lmv_e3
.Lmv_e1:
	ldrb	r3, [r1, #-1]!
	strb	r3, [r0, #-1]!
	sub	r2, r2, #1
	b	.Lmv_aligned
.Lmv_e2:
	ldrh	r3, [r1, #-2]!
	strh	r3, [r0, #-2]!
	sub	r2, r2, #2
	b	.Lmv_aligned
.Lmv_e3:
	ldrb	r3, [r1, #-1]!
	ldrh	r12, [r1, #-2]!
	strb	r3, [r0, #-1]!
	strh	r12, [r0, #-2]!
	sub	r2, r2, #3
.Lmv_aligned:
	cmp	r2, #64
	ldrlo	pc, [pc, r2, lsl #2]		@ the block for what is left
	b	.Lmv_big
	.irp	L, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	.word	.Lmv_blk\L
	.endr
	.irp	L, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	mv_block \L
	.endr

.Lmv_big:
	tst	r1, #3
	bne	.Lmv_bigu
	cmp	r2, #176
	blo	4f
	sub	r2, r2, #176
2:	.rept	4
	ldmdb	r1!, {r3 - r12, lr}
	stmdb	r0!, {r3 - r12, lr}
	.endr
	subs	r2, r2, #176
	bhs	2b
	add	r2, r2, #176
4:	subs	r2, r2, #64			@ 44-byte steps while 64 or more are left
	blo	5f
6:	ldmdb	r1!, {r3 - r12, lr}
	stmdb	r0!, {r3 - r12, lr}
	subs	r2, r2, #44
	bhs	6b
5:	add	r2, r2, #64
	b	.Lmv_aligned

.Lmv_bigu:					@ unaligned source: 11 LDRs per STMDB
	cmp	r2, #176
	blo	4f
	sub	r2, r2, #176
2:	.irp	j, 1, 2, 3, 4
	ldr_down 11, -44 * \j
	stmdb	r0!, {r3 - r12, lr}
	.endr
	sub	r1, r1, #176
	subs	r2, r2, #176
	bhs	2b
	add	r2, r2, #176
4:	subs	r2, r2, #64
	blo	5f
6:	ldr_down 11, -44
	stmdb	r0!, {r3 - r12, lr}
	sub	r1, r1, #44
	subs	r2, r2, #44
	bhs	6b
5:	add	r2, r2, #64
	b	.Lmv_aligned
	.fnend
	.size	memmove, . - memmove
	.size	__aeabi_memmove, . - memmove
	.size	__aeabi_memmove4, . - memmove
	.size	__aeabi_memmove8, . - memmove
