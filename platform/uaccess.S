/*
 * memcpy and the guarded user copies (platform/uaccess.h), generated from ONE copy template.
 *
 * copy_template below is the whole copy algorithm; it calls six hook macros for its memory
 * accesses (ld1b/st1b bytes, ld1w/st1w words, ld8w/st8w eight words through LDM/STM of
 * r3-r10). Each instantiation defines the hooks first: memcpy with plain instructions,
 * __copy_from_user with an _ASM_EXTABLE entry on every load, __copy_to_user with one on every
 * store. The runtime's memcpy and the user copies are therefore the same instruction stream,
 * apart from the fixups.
 *
 * Exact counts: at every listed instruction, r0 (dst), r1 (src) and r2 (bytes left) describe
 * how far the copy has got, except that a store's fixup first takes back the source advance of
 * the load before it. ARMv7 uses the base-restored abort model, so an aborted LDM/STM with
 * writeback leaves its base register unchanged. A fault in the word or block loops does not
 * say which byte faulted, so the fixup restarts the copy byte by byte from that state; the
 * byte loop's own fixup then knows the exact number of bytes not copied (r2). copy_from_user
 * zero-fills [dst, dst + r2) before returning r2.
 */
#include "platform/extable.h"
#include "platform/memory.h"

#define EFAULT 14

	.syntax	unified
	.arm
	.text

/* ------------------------------------------------------------------------------------------ */
/* The template. Registers: r0 dst, r1 src, r2 bytes left; r3-r10, r12 scratch. The caller has
 * pushed {r0, r4-r10, lr} (r0 = the original dst, memcpy's return value). Ends at label
 * \name\()_done with r2 = bytes NOT copied (0 on the normal path); fixups that retry bytewise
 * jump to \name\()_bytes with the state consistent. */
	.macro	copy_template name
	cmp	r2, #16
	blo	\name\()_bytes
	/* Align dst to 4 bytes (at most 3 bytes). */
	ands	r3, r0, #3
	beq	\name\()_dst_aligned
	rsb	r3, r3, #4
1:	ld1b	r4, r1, \name\()_retry
	st1b	r4, r0, \name\()_fix_st1
	sub	r2, r2, #1
	subs	r3, r3, #1
	bne	1b
\name\()_dst_aligned:
	tst	r1, #3
	bne	\name\()_src_unaligned
	/* Both aligned: 32-byte blocks through LDM/STM of eight registers. */
	subs	r2, r2, #32
	blo	\name\()_blocks_done
2:	ld8w	r1, \name\()_fix_ld32
	st8w	r0, \name\()_fix_st32
	subs	r2, r2, #32
	bhs	2b
\name\()_blocks_done:
	add	r2, r2, #32
\name\()_words:
	/* Words (src may be unaligned: SCTLR.A is clear, LDR handles it). */
	subs	r2, r2, #4
	blo	\name\()_words_done
3:	ld1w	r4, r1, \name\()_fix_ld4
	st1w	r4, r0, \name\()_fix_st4
	subs	r2, r2, #4
	bhs	3b
\name\()_words_done:
	add	r2, r2, #4
	b	\name\()_bytes
\name\()_src_unaligned:
	/* Eight unaligned word loads, one STM to the aligned dst. */
	subs	r2, r2, #32
	blo	\name\()_blocks_done
4:	ld1w	r3, r1, \name\()_fix_u0
	ld1w	r4, r1, \name\()_fix_u1
	ld1w	r5, r1, \name\()_fix_u2
	ld1w	r6, r1, \name\()_fix_u3
	ld1w	r7, r1, \name\()_fix_u4
	ld1w	r8, r1, \name\()_fix_u5
	ld1w	r9, r1, \name\()_fix_u6
	ld1w	r10, r1, \name\()_fix_u7
	st8w	r0, \name\()_fix_st32
	subs	r2, r2, #32
	bhs	4b
	b	\name\()_blocks_done

\name\()_bytes:
	cmp	r2, #0
	beq	\name\()_done
5:	ld1b	r4, r1, \name\()_done
	st1b	r4, r0, \name\()_fix_st1_final
	subs	r2, r2, #1
	bne	5b
	b	\name\()_done

	/* Fixups (reached only from listed instructions). In the block loops r2 is 32 less
	 * than the bytes left, in the word loop 4 less. */
\name\()_fix_u7:
	sub	r1, r1, #4
\name\()_fix_u6:
	sub	r1, r1, #4
\name\()_fix_u5:
	sub	r1, r1, #4
\name\()_fix_u4:
	sub	r1, r1, #4
\name\()_fix_u3:
	sub	r1, r1, #4
\name\()_fix_u2:
	sub	r1, r1, #4
\name\()_fix_u1:
	sub	r1, r1, #4
\name\()_fix_u0:
\name\()_fix_ld32:
	add	r2, r2, #32
	b	\name\()_bytes
\name\()_fix_st32:
	sub	r1, r1, #32
	add	r2, r2, #32
	b	\name\()_bytes
\name\()_fix_ld4:
	add	r2, r2, #4
	b	\name\()_bytes
\name\()_fix_st4:
	sub	r1, r1, #4
	add	r2, r2, #4
	b	\name\()_bytes
\name\()_fix_st1:
	/* Alignment loop: r2 already counts this byte as left. */
	sub	r1, r1, #1
	b	\name\()_bytes
\name\()_retry:
	b	\name\()_bytes
\name\()_fix_st1_final:
	/* The byte at r0 was not stored: r2 (not yet decremented) is exact. */
	b	\name\()_done
	.endm

/* Plain hooks (memcpy); the abort label is ignored. */
	.macro	ld1b reg, ptr, abort
	ldrb	\reg, [\ptr], #1
	.endm
	.macro	st1b reg, ptr, abort
	strb	\reg, [\ptr], #1
	.endm
	.macro	ld1w reg, ptr, abort
	ldr	\reg, [\ptr], #4
	.endm
	.macro	st1w reg, ptr, abort
	str	\reg, [\ptr], #4
	.endm
	.macro	ld8w ptr, abort
	ldmia	\ptr!, {r3 - r10}
	.endm
	.macro	st8w ptr, abort
	stmia	\ptr!, {r3 - r10}
	.endm

/* void *memcpy(void *dst, const void *src, size_t n): overrides newlib's, so that the user
 * copies and memcpy are measured on the same code. */
	.section .text.memcpy, "ax"
	.align	5
	.globl	memcpy
	.type	memcpy, %function
memcpy:
	push	{r0, r4 - r10, lr}
	copy_template memcpy
memcpy_done:
	pop	{r0, r4 - r10, pc}
	.size	memcpy, . - memcpy

/* From the application: loads are listed. */
	.purgem	ld1b
	.purgem	ld1w
	.purgem	ld8w
	.macro	ld1b reg, ptr, abort
	_ASM_USER \abort, ldrb	\reg, [\ptr], #1
	.endm
	.macro	ld1w reg, ptr, abort
	_ASM_USER \abort, ldr	\reg, [\ptr], #4
	.endm
	.macro	ld8w ptr, abort
	_ASM_USER \abort, ldmia	\ptr!, {r3 - r10}
	.endm

/* unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n): bytes
 * not copied; [to + n - that, to + n) is zero-filled. */
	.section .text.__copy_from_user, "ax"
	.align	5
	.globl	__copy_from_user
	.type	__copy_from_user, %function
__copy_from_user:
	push	{r0, r4 - r10, lr}
	copy_template cfu
cfu_done:
	cmp	r2, #0
	bne	cfu_zero_tail
	add	sp, sp, #4
	mov	r0, #0
	pop	{r4 - r10, pc}
cfu_zero_tail:
	mov	r4, r2
	mov	r1, #0
	bl	memset
	mov	r0, r4
	add	sp, sp, #4
	pop	{r4 - r10, pc}
	.size	__copy_from_user, . - __copy_from_user

/* copy_from_user: access_ok, else nothing is read, all of `to` zero-filled, n returned. */
	.globl	copy_from_user
	.type	copy_from_user, %function
copy_from_user:
	mov	r3, #TASK_SIZE
	cmp	r2, r3
	subls	r3, r3, r2
	cmpls	r1, r3
	bls	__copy_from_user
	b	copy_from_user_image		@ above TASK_SIZE: platform/uaccess_image.c
	.size	copy_from_user, . - copy_from_user

/* To the application: stores are listed, loads plain again. */
	.purgem	ld1b
	.purgem	ld1w
	.purgem	ld8w
	.purgem	st1b
	.purgem	st1w
	.purgem	st8w
	.macro	ld1b reg, ptr, abort
	ldrb	\reg, [\ptr], #1
	.endm
	.macro	ld1w reg, ptr, abort
	ldr	\reg, [\ptr], #4
	.endm
	.macro	ld8w ptr, abort
	ldmia	\ptr!, {r3 - r10}
	.endm
	.macro	st1b reg, ptr, abort
	_ASM_USER \abort, strb	\reg, [\ptr], #1
	.endm
	.macro	st1w reg, ptr, abort
	_ASM_USER \abort, str	\reg, [\ptr], #4
	.endm
	.macro	st8w ptr, abort
	_ASM_USER \abort, stmia	\ptr!, {r3 - r10}
	.endm

/* unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n): bytes not
 * copied; the first n - that bytes of `to` hold the copy. */
	.section .text.__copy_to_user, "ax"
	.align	5
	.globl	__copy_to_user
	.type	__copy_to_user, %function
__copy_to_user:
	push	{r0, r4 - r10, lr}
	copy_template ctu
ctu_done:
	add	sp, sp, #4
	mov	r0, r2
	pop	{r4 - r10, pc}
	.size	__copy_to_user, . - __copy_to_user

	.globl	copy_to_user
	.type	copy_to_user, %function
copy_to_user:
	mov	r3, #TASK_SIZE
	cmp	r2, r3
	subls	r3, r3, r2
	cmpls	r0, r3
	bls	__copy_to_user
	b	copy_to_user_image
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
