/*
 * memcpy (and its AEABI names) and the guarded user copies (platform/uaccess.h), generated from
 * ONE copy template.
 *
 * copy_template below is the whole copy algorithm. Its memory accesses go through two hooks,
 * `uld fixup, insn` for a load from the source and `ust fixup, insn` for a store to the
 * destination, and it returns through two more, `ret0` (no frame pushed) and `retf` (the frame
 * {r0, r4-r11, lr} pushed). Each instantiation defines the hooks first: memcpy with plain
 * instructions, __copy_from_user with an _ASM_USER entry (exception table) on every load,
 * __copy_to_user with one on every store. The runtime's memcpy and the user copies are
 * therefore the same instruction stream, apart from the fixups and the return value.
 *
 * The algorithm, tuned for QEMU -icount where every instruction costs one whatever it moves
 * (docs/string.md):
 *   n < 16    a jump on n to straight code: word, halfword and byte moves at fixed offsets
 *             (overlapping words for the odd sizes), r3/r12 only, no frame;
 *   n < 68    push the frame, a jump on dst & 3 to code that copies the 0-3 bytes up to a word
 *             boundary of dst, then a jump on the bytes left L to a block made for L: the last
 *             (overlapping) word, then up to 16 words by unaligned LDRs (SCTLR.A is clear) into
 *             r3-r12 and one or two STMs;
 *   n >= 68   push the frame, a jump on dst & 3 to code that copies the bytes up to a word
 *             boundary of dst, then 176 bytes per turn: four LDM/STM of 11 registers when the
 *             source is word aligned too, else four times 11 unaligned LDRs and an STM; then
 *             44-byte steps while 64 bytes or more are left, then the block for the rest.
 * It copies forward and loads every source byte before it stores over it (each block loads
 * before it stores; blocks and steps advance upward), so memmove uses it whenever dst is below
 * src (libc-glue/string/memmove.S).
 *
 * Exact counts: a fault at a listed instruction continues at its fixup, which sets r0 (dst),
 * r1 (src) and r2 (bytes left) to a point the copy has reached: every destination byte below
 * r0 is copied (bytes above it may be too; they are copied again). ARMv7 uses the
 * base-restored abort model, so a faulting access with writeback leaves its base register
 * unchanged; a fault in a halfword, word or block access does not say which byte faulted. So
 * every fixup goes to the byte loop (with the frame pushed), which copies from that point one
 * byte at a time; its own fixups then know the exact number of bytes not copied (r2).
 * copy_from_user zero-fills [dst, dst + r2) before returning r2.
 */
#include "platform/extable.h"
#include "platform/memory.h"

#define EFAULT 14

	.syntax	unified
	.arm
	.text

/* ------------------------------------------------------------------------------------------ */
/* Helpers of the template. */

/* ldr_chain fixup, w, off: w words from [r1, #off] on into r3, r4, ... r12, lr (in order). */
	.macro	ldr_chain fix, w, off
	.set	.Lcw, 0
	.irp	r, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr
	.if	.Lcw < (\w)
	uld	\fix, ldr \r, [r1, #((\off) + 4 * .Lcw)]
	.endif
	.set	.Lcw, .Lcw + 1
	.endr
	.endm

/* stm_words fixup, w: stmia r0, {r3 - r(2 + w)} (no writeback), 1 <= w <= 10. */
	.macro	stm_words fix, w
	.if	(\w) == 1
	ust	\fix, stmia r0, {r3}
	.elseif	(\w) == 2
	ust	\fix, stmia r0, {r3, r4}
	.elseif	(\w) == 3
	ust	\fix, stmia r0, {r3 - r5}
	.elseif	(\w) == 4
	ust	\fix, stmia r0, {r3 - r6}
	.elseif	(\w) == 5
	ust	\fix, stmia r0, {r3 - r7}
	.elseif	(\w) == 6
	ust	\fix, stmia r0, {r3 - r8}
	.elseif	(\w) == 7
	ust	\fix, stmia r0, {r3 - r9}
	.elseif	(\w) == 8
	ust	\fix, stmia r0, {r3 - r10}
	.elseif	(\w) == 9
	ust	\fix, stmia r0, {r3 - r11}
	.elseif	(\w) == 10
	ust	\fix, stmia r0, {r3 - r12}
	.else
	.error	"stm_words: 1 to 10 words"
	.endif
	.endm

/* The copy of n < 16 bytes: no frame, r0/r1/r2 untouched, so a fault retries from the start.
 * Every load of an offset below a store's end comes before that store (forward safe). */
	.macro	cp_small name, n
.L\name\()_n\n:
	.if	\n == 1
	uld	.L\name\()_retry0, ldrb r3, [r1]
	ust	.L\name\()_retry0, strb r3, [r0]
	.elseif	\n == 2
	uld	.L\name\()_retry0, ldrh r3, [r1]
	ust	.L\name\()_retry0, strh r3, [r0]
	.elseif	\n == 3
	uld	.L\name\()_retry0, ldrh r3, [r1]
	uld	.L\name\()_retry0, ldrb r12, [r1, #2]
	ust	.L\name\()_retry0, strh r3, [r0]
	ust	.L\name\()_retry0, strb r12, [r0, #2]
	.elseif	\n == 4
	uld	.L\name\()_retry0, ldr r3, [r1]
	ust	.L\name\()_retry0, str r3, [r0]
	.elseif	\n <= 8
	uld	.L\name\()_retry0, ldr r3, [r1]
	.if	\n == 5
	uld	.L\name\()_retry0, ldrb r12, [r1, #4]
	.elseif	\n == 6
	uld	.L\name\()_retry0, ldrh r12, [r1, #4]
	.else
	uld	.L\name\()_retry0, ldr r12, [r1, #(\n - 4)]
	.endif
	ust	.L\name\()_retry0, str r3, [r0]
	.if	\n == 5
	ust	.L\name\()_retry0, strb r12, [r0, #4]
	.elseif	\n == 6
	ust	.L\name\()_retry0, strh r12, [r0, #4]
	.else
	ust	.L\name\()_retry0, str r12, [r0, #(\n - 4)]
	.endif
	.elseif	\n <= 15
	uld	.L\name\()_retry0, ldr r3, [r1]
	uld	.L\name\()_retry0, ldr r12, [r1, #4]
	ust	.L\name\()_retry0, str r3, [r0]
	ust	.L\name\()_retry0, str r12, [r0, #4]
	.if	\n == 9
	uld	.L\name\()_retry0, ldrb r3, [r1, #8]
	ust	.L\name\()_retry0, strb r3, [r0, #8]
	.elseif	\n == 10
	uld	.L\name\()_retry0, ldrh r3, [r1, #8]
	ust	.L\name\()_retry0, strh r3, [r0, #8]
	.elseif	\n <= 12
	uld	.L\name\()_retry0, ldr r3, [r1, #(\n - 4)]
	ust	.L\name\()_retry0, str r3, [r0, #(\n - 4)]
	.else
	uld	.L\name\()_retry0, ldr r3, [r1, #8]
	.if	\n == 13
	uld	.L\name\()_retry0, ldrb r12, [r1, #12]
	.elseif	\n == 14
	uld	.L\name\()_retry0, ldrh r12, [r1, #12]
	.else
	uld	.L\name\()_retry0, ldr r12, [r1, #11]
	.endif
	ust	.L\name\()_retry0, str r3, [r0, #8]
	.if	\n == 13
	ust	.L\name\()_retry0, strb r12, [r0, #12]
	.elseif	\n == 14
	ust	.L\name\()_retry0, strh r12, [r0, #12]
	.else
	ust	.L\name\()_retry0, str r12, [r0, #11]
	.endif
	.endif
	.endif
	ret0
	.endm

/* The block for L < 68 bytes left, dst word aligned, frame pushed: the last word (overlapping
 * the others when L is not a multiple of 4) into lr first, then the words into r3-r12 and one
 * STM, or for L >= 44 eight words, an STM, the rest and a second STM. r0 and r1 stay at the
 * block's start except for that first STM, so the fixups f<L> (block start) and g<L> (32 bytes
 * on) are exact. */
	.macro	cp_block name, L
	.set	.Lw, (\L) >> 2
	.set	.Lb, (\L) & 3
.L\name\()_blk\L:
	.if	.Lw == 0
	.if	.Lb == 1
	uld	.L\name\()_f\L, ldrb r3, [r1]
	ust	.L\name\()_f\L, strb r3, [r0]
	.elseif	.Lb == 2
	uld	.L\name\()_f\L, ldrh r3, [r1]
	ust	.L\name\()_f\L, strh r3, [r0]
	.elseif	.Lb == 3
	uld	.L\name\()_f\L, ldrh r3, [r1]
	uld	.L\name\()_f\L, ldrb r12, [r1, #2]
	ust	.L\name\()_f\L, strh r3, [r0]
	ust	.L\name\()_f\L, strb r12, [r0, #2]
	.endif
	.else
	.if	.Lb
	uld	.L\name\()_f\L, ldr lr, [r1, #(\L - 4)]
	.endif
	.if	.Lw <= 10
	ldr_chain .L\name\()_f\L, .Lw, 0
	.if	.Lb
	ust	.L\name\()_f\L, str lr, [r0, #(\L - 4)]
	.endif
	stm_words .L\name\()_f\L, .Lw
	.else
	ldr_chain .L\name\()_f\L, 8, 0
	ust	.L\name\()_f\L, stmia r0!, {r3 - r10}
	ldr_chain .L\name\()_g\L, .Lw - 8, 32
	.if	.Lb
	ust	.L\name\()_g\L, str lr, [r0, #(\L - 36)]
	.endif
	stm_words .L\name\()_g\L, .Lw - 8
	.endif
	.endif
	retf
	.endm

/* The fixups of block L: back to the block's start (f) or 32 bytes on (g), then bytewise. */
	.macro	cp_block_fixups name, L
.L\name\()_f\L:
	mov	r2, #(\L)
	b	.L\name\()_bytes
	.if	((\L) >> 2) > 10
.L\name\()_g\L:
	add	r1, r1, #32
	mov	r2, #((\L) - 32)
	b	.L\name\()_bytes
	.endif
	.endm

/* A table of 68 block addresses, entry i for the block of i - k bytes (entries i < k unused). */
	.macro	cp_table name, k
	.rept	\k
	.word	.L\name\()_blk0
	.endr
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67
	.if	\i + \k < 68
	.word	.L\name\()_blk\i
	.endif
	.endr
	.endm

/* ------------------------------------------------------------------------------------------ */
/* The template. Entered with r0 dst, r1 src, r2 n; defines .L\name\()_bytes etc.; with fixups,
 * the byte loop ends at .L\name\()_done (frame pushed, r0 = dst reached, r2 = bytes NOT copied),
 * which the instantiation provides. */
	.macro	copy_template name, fixups
	.fnstart
	cmp	r2, #68
	ldrlo	pc, [pc, r2, lsl #2]		@ the table below, one entry per n < 68
	b	.L\name\()_big
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.word	.L\name\()_n\n
	.endr
	.rept	52
	.word	.L\name\()_mid
	.endr
.L\name\()_n0:
	ret0
	.irp	n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	cp_small \name, \n
	.endr
	.fnend

	.if	\fixups
	/* A fault in the frameless path: retry bytewise from the start. */
	.fnstart
	.save	{r0, r4 - r11, lr}
.L\name\()_retry0:
	push	{r0, r4 - r11, lr}
	b	.L\name\()_bytes
	.fnend
	.endif

	/* 16 <= n < 68 (68 rather than 64: a 64-byte copy, or memmove, stays on this path). */
	.fnstart
	.save	{r0, r4 - r11, lr}
.L\name\()_mid:
	push	{r0, r4 - r11, lr}
	and	r3, r0, #3
	ldr	pc, [pc, r3, lsl #2]		@ on dst & 3
	nop
	.word	.L\name\()_d0, .L\name\()_d1, .L\name\()_d2, .L\name\()_d3
	/* Copy k bytes to reach a word boundary of dst, then jump on n through a table whose
	 * entry n is the block for n - k bytes (so r2 keeps n; the blocks know their size). */
.L\name\()_d1:				@ k = 3: a byte, then a halfword
	uld	.L\name\()_bytes, ldrb r3, [r1], #1
	uld	.L\name\()_r1m1, ldrh r12, [r1], #2
	ust	.L\name\()_r1m3, strb r3, [r0], #1
	ust	.L\name\()_d1h, strh r12, [r0], #2
	ldr	pc, [pc, r2, lsl #2]
	nop
	cp_table \name, 3
.L\name\()_d2:				@ k = 2
	uld	.L\name\()_bytes, ldrh r3, [r1], #2
	ust	.L\name\()_r1m2, strh r3, [r0], #2
	ldr	pc, [pc, r2, lsl #2]
	nop
	cp_table \name, 2
.L\name\()_d3:				@ k = 1
	uld	.L\name\()_bytes, ldrb r3, [r1], #1
	ust	.L\name\()_r1m1, strb r3, [r0], #1
	ldr	pc, [pc, r2, lsl #2]
	nop
	cp_table \name, 1
.L\name\()_d0:				@ dst aligned; also the big path's rest: r2 = L < 64
	ldr	pc, [pc, r2, lsl #2]
	nop
	cp_table \name, 0
	.irp	L, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67
	cp_block \name, \L
	.endr
	.fnend

	/* n >= 68. */
	.fnstart
	.save	{r0, r4 - r11, lr}
.L\name\()_big:
	push	{r0, r4 - r11, lr}
	ands	r3, r0, #3
	ldrne	pc, [pc, r3, lsl #2]		@ on dst & 3, copying 4 - (dst & 3) bytes
	b	1f
	.word	0, .L\name\()_e1, .L\name\()_e2, .L\name\()_e3
.L\name\()_e1:
	uld	.L\name\()_bytes, ldrb r3, [r1], #1
	uld	.L\name\()_r1m1, ldrh r12, [r1], #2
	ust	.L\name\()_r1m3, strb r3, [r0], #1
	ust	.L\name\()_d1h, strh r12, [r0], #2
	sub	r2, r2, #3
	b	1f
.L\name\()_e2:
	uld	.L\name\()_bytes, ldrh r3, [r1], #2
	ust	.L\name\()_r1m2, strh r3, [r0], #2
	sub	r2, r2, #2
	b	1f
.L\name\()_e3:
	uld	.L\name\()_bytes, ldrb r3, [r1], #1
	ust	.L\name\()_r1m1, strb r3, [r0], #1
	sub	r2, r2, #1
1:	tst	r1, #3
	bne	.L\name\()_bigu
	/* Source word aligned too: 4 x LDM/STM of 11 registers per turn; r2 is 176 short. */
	cmp	r2, #176
	blo	4f
	sub	r2, r2, #176
2:	.irp	j, 0, 1, 2, 3
	uld	.L\name\()_a\j, ldmia r1!, {r3 - r12, lr}
	ust	.L\name\()_s\j, stmia r0!, {r3 - r12, lr}
	.endr
	subs	r2, r2, #176
	bhs	2b
	add	r2, r2, #176
4:	subs	r2, r2, #64			@ 44-byte steps while 64 or more are left
	blo	5f
6:	uld	.L\name\()_v0, ldmia r1!, {r3 - r12, lr}
	ust	.L\name\()_v1, stmia r0!, {r3 - r12, lr}
	subs	r2, r2, #44
	bhs	6b
5:	add	r2, r2, #64
	b	.L\name\()_d0
.L\name\()_bigu:
	/* Unaligned source: 4 x (11 LDRs, one STM) per turn, r1 moved once per turn. */
	cmp	r2, #176
	blo	4f
	sub	r2, r2, #176
2:	.irp	j, 0, 1, 2, 3
	ldr_chain .L\name\()_u\j, 11, 44 * \j
	ust	.L\name\()_u\j, stmia r0!, {r3 - r12, lr}
	.endr
	add	r1, r1, #176
	subs	r2, r2, #176
	bhs	2b
	add	r2, r2, #176
4:	subs	r2, r2, #64
	blo	5f
6:	ldr_chain .L\name\()_v0, 11, 0
	ust	.L\name\()_v0, stmia r0!, {r3 - r12, lr}
	add	r1, r1, #44
	subs	r2, r2, #44
	bhs	6b
5:	add	r2, r2, #64
	b	.L\name\()_d0
	.fnend

	.if	\fixups
	/* The byte loop, reached only from fixups (frame pushed). */
	.fnstart
	.save	{r0, r4 - r11, lr}
.L\name\()_bytes:
	cmp	r2, #0
	beq	.L\name\()_done
5:	uld	.L\name\()_done, ldrb r4, [r1], #1
	ust	.L\name\()_st1, strb r4, [r0], #1
	subs	r2, r2, #1
	bne	5b
	b	.L\name\()_done
.L\name\()_st1:				@ the byte at r0 was not stored: r2 is exact
	b	.L\name\()_done
	/* The fixups; the comment says what the faulting access had done. */
.L\name\()_r1m3:				@ src + 3
	sub	r1, r1, #2
.L\name\()_r1m1:				@ src + 1
	sub	r1, r1, #1
	b	.L\name\()_bytes
.L\name\()_r1m2:				@ src + 2
	sub	r1, r1, #2
	b	.L\name\()_bytes
.L\name\()_d1h:				@ a byte copied, src + 3
	sub	r1, r1, #2
	sub	r2, r2, #1
	b	.L\name\()_bytes
	.irp	j, 0, 1, 2, 3			@ aligned turn, block j; r2 = left - 176
.L\name\()_a\j:
	add	r2, r2, #(176 - 44 * \j)
	b	.L\name\()_bytes
.L\name\()_s\j:
	sub	r1, r1, #44
	add	r2, r2, #(176 - 44 * \j)
	b	.L\name\()_bytes
	.endr
.L\name\()_v1:				@ a 44-byte step; r2 = left - 64
	sub	r1, r1, #44
.L\name\()_v0:
	add	r2, r2, #64
	b	.L\name\()_bytes
	.irp	j, 0, 1, 2, 3			@ unaligned turn, block j: r1 at the turn's start
.L\name\()_u\j:
	add	r1, r1, #(44 * \j)
	add	r2, r2, #(176 - 44 * \j)
	b	.L\name\()_bytes
	.endr
	.irp	L, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67
	cp_block_fixups \name, \L
	.endr
	.fnend
	.endif
	.endm

/* ------------------------------------------------------------------------------------------ */
/* memcpy: plain hooks; the fixup labels are not referenced. */
	.macro	uld fix, insn:vararg
	\insn
	.endm
	.macro	ust fix, insn:vararg
	\insn
	.endm
	.macro	ret0
	bx	lr
	.endm
	.macro	retf
	pop	{r0, r4 - r11, pc}
	.endm

/* void *memcpy(void *dst, const void *src, size_t n), and the AEABI helpers clang calls for
 * struct copies and __builtin_memcpy (the 4/8 variants only promise aligned pointers, which
 * the alignment checks above find quickly anyway). It overrides newlib's memcpy. */
	.section .text.memcpy, "ax", %progbits
	.align	5
	.globl	__aeabi_memcpy
	.type	__aeabi_memcpy, %function
	.globl	__aeabi_memcpy4
	.type	__aeabi_memcpy4, %function
	.globl	__aeabi_memcpy8
	.type	__aeabi_memcpy8, %function
	.globl	memcpy				@ last: llvm-symbolizer names the address after it
	.type	memcpy, %function
__aeabi_memcpy:
__aeabi_memcpy4:
__aeabi_memcpy8:
memcpy:
	copy_template memcpy, 0
	.size	memcpy, . - memcpy
	.size	__aeabi_memcpy, . - memcpy
	.size	__aeabi_memcpy4, . - memcpy
	.size	__aeabi_memcpy8, . - memcpy

/* The user copies return 0 on success. */
	.purgem	ret0
	.purgem	retf
	.macro	ret0
	mov	r0, #0
	bx	lr
	.endm
	.macro	retf
	add	sp, sp, #4
	mov	r0, #0
	pop	{r4 - r11, pc}
	.endm

/* From the application: loads are listed. */
	.purgem	uld
	.macro	uld fix, insn:vararg
	_ASM_USER \fix, \insn
	.endm

/* unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n): bytes
 * not copied; [to + n - that, to + n) is zero-filled. */
	.section .text.__copy_from_user, "ax", %progbits
	.align	5
	.globl	__copy_from_user
	.type	__copy_from_user, %function
__copy_from_user:
	copy_template cfu, 1
	.fnstart
	.save	{r0, r4 - r11, lr}
.Lcfu_done:
	cmp	r2, #0
	bne	1f
	add	sp, sp, #4
	mov	r0, #0
	pop	{r4 - r11, pc}
1:	mov	r4, r2
	mov	r1, #0
	bl	memset				@ memset(dst reached, 0, bytes left)
	mov	r0, r4
	add	sp, sp, #4
	pop	{r4 - r11, pc}
	.fnend
	.size	__copy_from_user, . - __copy_from_user

/* copy_from_user: access_ok, else nothing is read, all of `to` zero-filled, n returned. */
	.globl	copy_from_user
	.type	copy_from_user, %function
copy_from_user:
	.fnstart
	mov	r3, #TASK_SIZE
	cmp	r2, r3
	subls	r3, r3, r2
	cmpls	r1, r3
	bls	__copy_from_user
	b	copy_from_user_image		@ above TASK_SIZE: platform/uaccess_image.c
	.fnend
	.size	copy_from_user, . - copy_from_user

/* To the application: stores are listed, loads plain again. */
	.purgem	uld
	.purgem	ust
	.macro	uld fix, insn:vararg
	\insn
	.endm
	.macro	ust fix, insn:vararg
	_ASM_USER \fix, \insn
	.endm

/* unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n): bytes not
 * copied; the first n - that bytes of `to` hold the copy. */
	.section .text.__copy_to_user, "ax", %progbits
	.align	5
	.globl	__copy_to_user
	.type	__copy_to_user, %function
__copy_to_user:
	copy_template ctu, 1
	.fnstart
	.save	{r0, r4 - r11, lr}
.Lctu_done:
	add	sp, sp, #4
	mov	r0, r2
	pop	{r4 - r11, pc}
	.fnend
	.size	__copy_to_user, . - __copy_to_user

	.globl	copy_to_user
	.type	copy_to_user, %function
copy_to_user:
	.fnstart
	mov	r3, #TASK_SIZE
	cmp	r2, r3
	subls	r3, r3, r2
	cmpls	r0, r3
	bls	__copy_to_user
	b	copy_to_user_image
	.fnend
	.size	copy_to_user, . - copy_to_user

/* ------------------------------------------------------------------------------------------ */
/* unsigned long __clear_user(void __user *to, unsigned long n): bytes not zeroed (exact). Word
 * stores once aligned; a fault there restarts bytewise from the last whole word. */
	.section .text.__clear_user, "ax"
	.align	5
	.globl	__clear_user
	.type	__clear_user, %function
__clear_user:
	mov	r2, r1
	mov	r3, #0
	mov	r12, #0
	/* Bytes up to word alignment. */
1:	cmp	r2, #0
	beq	3f
	tst	r0, #3
	beq	2f
10:	strb	r3, [r0], #1
	_ASM_EXTABLE 10b, 9f
	sub	r2, r2, #1
	b	1b
2:	subs	r2, r2, #8
	blo	21f
20:	stmia	r0!, {r3, r12}
	_ASM_EXTABLE 20b, 22f
	subs	r2, r2, #8
	bhs	20b
21:	add	r2, r2, #8
	/* The tail, bytewise. */
4:	cmp	r2, #0
	beq	3f
11:	strb	r3, [r0], #1
	_ASM_EXTABLE 11b, 9f
	subs	r2, r2, #1
	bne	11b
3:	mov	r0, #0
	bx	lr
22:	add	r2, r2, #8		@ block fault: retry its bytes one at a time
	b	4b
9:	mov	r0, r2			@ byte fault: r2 is exact
	bx	lr
	.size	__clear_user, . - __clear_user

	.globl	clear_user
	.type	clear_user, %function
clear_user:
	mov	r3, #TASK_SIZE
	cmp	r1, r3
	subls	r3, r3, r1
	cmpls	r0, r3
	bls	__clear_user
	b	clear_user_image
	.size	clear_user, . - clear_user

/* ------------------------------------------------------------------------------------------ */
/* long strncpy_from_user(char *dst, const char __user *src, long count): the string's length
 * (count when no NUL within count bytes), or -EFAULT when a byte cannot be read, src is not an
 * application address, or the string runs into TASK_SIZE before its NUL or count bytes. */
	.section .text.strncpy_from_user, "ax"
	.align	5
	.globl	strncpy_from_user
	.type	strncpy_from_user, %function
strncpy_from_user:
	cmp	r2, #0
	movle	r0, #0
	bxle	lr
	mov	r3, #TASK_SIZE
	cmp	r1, r3
	bhs	strncpy_from_user_image
/* __strncpy_from_user_end(dst, src, count > 0, end): as strncpy_from_user, reads stop at end. */
	.globl	__strncpy_from_user_end
__strncpy_from_user_end:
	push	{r4, r5}
	sub	r3, r3, r1		@ r3: bytes up to the end of the region
	mov	r12, r2			@ r12: count
	cmp	r2, r3
	movhi	r2, r3			@ r2: bytes that may be read
	mov	r4, r1
1:
10:	ldrb	r5, [r1], #1
	_ASM_EXTABLE 10b, 8f
	strb	r5, [r0], #1
	cmp	r5, #0
	beq	2f
	subs	r2, r2, #1
	bne	1b
	sub	r0, r1, r4		@ no NUL in the bytes read
	cmp	r0, r12
	pop	{r4, r5}
	mvnne	r0, #(EFAULT - 1)	@ stopped by TASK_SIZE, not count
	bx	lr
2:	sub	r0, r1, r4
	sub	r0, r0, #1
	pop	{r4, r5}
	bx	lr
8:	pop	{r4, r5}
9:	mvn	r0, #(EFAULT - 1)
	bx	lr
	.size	strncpy_from_user, . - strncpy_from_user

/* long strnlen_user(const char __user *str, long n): the length including the NUL; n + 1 when
 * there is no NUL in the first n bytes; 0 on a fault or when the string runs into TASK_SIZE
 * before n bytes. */
	.section .text.strnlen_user, "ax"
	.align	5
	.globl	strnlen_user
	.type	strnlen_user, %function
strnlen_user:
	cmp	r1, #0
	movle	r0, #0
	bxle	lr
	mov	r3, #TASK_SIZE
	cmp	r0, r3
	bhs	strnlen_user_image
/* __strnlen_user_end(str, n > 0, unused, end): as strnlen_user, reads stop at end. */
	.globl	__strnlen_user_end
__strnlen_user_end:
	sub	r3, r3, r0		@ bytes up to the end of the region
	mov	r12, r1			@ n
	cmp	r1, r3
	movhi	r1, r3
	mov	r2, r0
1:
10:	ldrb	r3, [r2], #1
	_ASM_EXTABLE 10b, 9f
	cmp	r3, #0
	beq	2f
	subs	r1, r1, #1
	bne	1b
	sub	r0, r2, r0		@ bytes read, none NUL
	cmp	r0, r12
	addeq	r0, r0, #1		@ n bytes without NUL: n + 1
	movne	r0, #0			@ stopped by TASK_SIZE
	bx	lr
2:	sub	r0, r2, r0
	bx	lr
9:	mov	r0, #0
	bx	lr
	.size	strnlen_user, . - strnlen_user
