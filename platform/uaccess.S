/*
 * The guarded user copies (platform/uaccess.h): __copy_from_user and __copy_to_user, generated
 * from the copy template that also generates memcpy (platform/copy_template.inc, instantiated
 * for memcpy in libc-glue/string/memcpy.S), and clear_user, strncpy_from_user, strnlen_user.
 * The user copies run the same instructions as memcpy plus an exception-table entry per
 * access (docs/uaccess.md has the fixup contract). Each public routine opens application
 * memory for its raw_ routine and puts the DACR back afterwards (platform/domain.h: the
 * runtime's software PAN). Integer registers only: this is the runtime's code.
 */
#include "platform/domain.h"
#include "platform/extable.h"
#include "platform/memory.h"
#include "platform/copy_template.inc"

#define EFAULT 14

	.syntax	unified
	.arm
	.text

/* ------------------------------------------------------------------------------------------ */
/* The user copies return 0 on success. */
	.macro	ret0
	mov	r0, #0
	bx	lr
	.endm
	.macro	retf
	add	sp, sp, #4
	mov	r0, #0
	pop	{r4 - r11, pc}
	.endm

/*
 * \name: open application memory (DACR_UACCESS_ENABLE), call \raw with the same arguments,
 * and put the DACR back as it was (closed in the runtime, open in a ktest); \raw's result.
 */
	.macro	uaccess_open_call name, raw
	.section .text.\name, "ax", %progbits
	.align	5
	.globl	\name
	.type	\name, %function
\name:
	.fnstart
	.save	{r4, lr}
	push	{r4, lr}
	mrc	p15, 0, r4, c3, c0, 0
	mov	lr, #DACR_UACCESS_ENABLE
	mcr	p15, 0, lr, c3, c0, 0
	isb
	bl	\raw
	mcr	p15, 0, r4, c3, c0, 0
	pop	{r4, pc}
	.fnend
	.size	\name, . - \name
	.endm

/* From the application: loads are listed, stores plain. */
	.macro	uld fix, insn:vararg
	_ASM_USER \fix, \insn
	.endm
	.macro	ust fix, insn:vararg
	\insn
	.endm

/* unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n): bytes
 * not copied; [to + n - that, to + n) is zero-filled. */
	uaccess_open_call __copy_from_user, raw_copy_from_user
	.section .text.raw_copy_from_user, "ax", %progbits
	.align	5
	.type	raw_copy_from_user, %function
raw_copy_from_user:
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
	.size	raw_copy_from_user, . - raw_copy_from_user

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
	.save	{r4, lr}
	push	{r4, lr}			@ not application memory: zero-fill `to`
	mov	r4, r2
	mov	r1, #0
	bl	memset
	mov	r0, r4
	pop	{r4, pc}
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
	uaccess_open_call __copy_to_user, raw_copy_to_user
	.section .text.raw_copy_to_user, "ax", %progbits
	.align	5
	.type	raw_copy_to_user, %function
raw_copy_to_user:
	copy_template ctu, 1
	.fnstart
	.save	{r0, r4 - r11, lr}
.Lctu_done:
	add	sp, sp, #4
	mov	r0, r2
	pop	{r4 - r11, pc}
	.fnend
	.size	raw_copy_to_user, . - raw_copy_to_user

	.globl	copy_to_user
	.type	copy_to_user, %function
copy_to_user:
	.fnstart
	mov	r3, #TASK_SIZE
	cmp	r2, r3
	subls	r3, r3, r2
	cmpls	r0, r3
	bls	__copy_to_user
	mov	r0, r2				@ not application memory: nothing copied
	bx	lr
	.fnend
	.size	copy_to_user, . - copy_to_user

/* ------------------------------------------------------------------------------------------ */
/* unsigned long __clear_user(void __user *to, unsigned long n): bytes not zeroed (exact). Word
 * stores once aligned; a fault there restarts bytewise from the last whole word. */
	uaccess_open_call __clear_user, raw_clear_user
	.section .text.raw_clear_user, "ax"
	.align	5
	.type	raw_clear_user, %function
raw_clear_user:
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
	.size	raw_clear_user, . - raw_clear_user

	.globl	clear_user
	.type	clear_user, %function
clear_user:
	mov	r3, #TASK_SIZE
	cmp	r1, r3
	subls	r3, r3, r1
	cmpls	r0, r3
	bls	__clear_user
	mov	r0, r1				@ not application memory: nothing zeroed
	bx	lr
	.size	clear_user, . - clear_user

/* ------------------------------------------------------------------------------------------ */
/* long strncpy_from_user(char *dst, const char __user *src, long count): the string's length
 * (count when no NUL within count bytes), or -EFAULT when a byte cannot be read, src is not an
 * application address, or the string runs into TASK_SIZE before its NUL or count bytes. */
	uaccess_open_call strncpy_from_user, raw_strncpy_from_user
	.section .text.raw_strncpy_from_user, "ax"
	.align	5
	.type	raw_strncpy_from_user, %function
raw_strncpy_from_user:
	cmp	r2, #0
	movle	r0, #0
	bxle	lr
	mov	r3, #TASK_SIZE
	cmp	r1, r3
	bhs	9f				@ not application memory
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
	.size	raw_strncpy_from_user, . - raw_strncpy_from_user

/* long strnlen_user(const char __user *str, long n): the length including the NUL; n + 1 when
 * there is no NUL in the first n bytes; 0 on a fault or when the string runs into TASK_SIZE
 * before n bytes. */
	uaccess_open_call strnlen_user, raw_strnlen_user
	.section .text.raw_strnlen_user, "ax"
	.align	5
	.type	raw_strnlen_user, %function
raw_strnlen_user:
	cmp	r1, #0
	movle	r0, #0
	bxle	lr
	mov	r3, #TASK_SIZE
	cmp	r0, r3
	bhs	9f				@ not application memory
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
	.size	raw_strnlen_user, . - raw_strnlen_user
