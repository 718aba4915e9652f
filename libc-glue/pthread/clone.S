/*
 * The three assembly pieces of libc-glue's threads (docs/pthreads.md).
 *
 * int __uniarm_clone(int (*fn)(void *), void *stack, int flags, void *arg,
 *                    volatile int *ptid, void *tls, volatile int *ctid)
 *   Linux ARM's clone(flags, newsp, parent_tid, tls, child_tid) (r0-r4, number 120). The child
 *   returns 0 from the svc on the new stack with every other register as the parent had it,
 *   so fn and arg travel on the new stack, not in the parent's frame: the child pops them,
 *   clears fp and lr (a backtrace ends here), calls fn(arg) and ends with exit(fn's result)
 *   (number 1: this thread only). The parent gets the child's tid or -errno.
 *
 * void __uniarm_unmapself(void *base, size_t size)
 *   A detached thread's last moments: munmap its own mapping (stack, descriptor, TLS), then
 *   exit(0), touching no memory in between (musl's idea).
 *
 * void *__aeabi_read_tp(void)
 *   The EABI's thread-pointer helper, which clang calls for __thread: TPIDRURO in r0, no other
 *   register clobbered.
 */
#define NR_exit	  1
#define NR_munmap 91
#define NR_clone  120

	.syntax	unified
	.arm

	.section .text.__uniarm_clone, "ax", %progbits
	.align	2
	.globl	__uniarm_clone
	.type	__uniarm_clone, %function
__uniarm_clone:
	.fnstart
	push	{r4, r7}
	.save	{r4, r7}
	str	r3, [r1, #-4]!		@ the child's stack: fn, arg (8-byte aligned: newsp is)
	str	r0, [r1, #-4]!
	mov	r0, r2			@ flags
	ldr	r2, [sp, #8]		@ ptid
	ldr	r3, [sp, #12]		@ tls
	ldr	r4, [sp, #16]		@ ctid
	mov	r7, #NR_clone
	svc	#0
	cmp	r0, #0
	beq	1f
	pop	{r4, r7}		@ the parent: tid or -errno
	bx	lr
1:	mov	fp, #0			@ the child, on the new stack
	mov	lr, #0
	pop	{r1, r2}		@ r1 = fn, r2 = arg; sp back at newsp
	mov	r0, r2
	blx	r1
	mov	r7, #NR_exit
	svc	#0
	b	.
	.fnend
	.size	__uniarm_clone, . - __uniarm_clone

	.section .text.__uniarm_unmapself, "ax", %progbits
	.align	2
	.globl	__uniarm_unmapself
	.type	__uniarm_unmapself, %function
__uniarm_unmapself:
	.fnstart
	.cantunwind
	mov	r7, #NR_munmap
	svc	#0
	mov	r0, #0
	mov	r7, #NR_exit
	svc	#0
	b	.
	.fnend
	.size	__uniarm_unmapself, . - __uniarm_unmapself

	.section .text.__aeabi_read_tp, "ax", %progbits
	.align	2
	.globl	__aeabi_read_tp
	.type	__aeabi_read_tp, %function
__aeabi_read_tp:
	.fnstart
	.cantunwind
	mrc	p15, 0, r0, c13, c0, 3
	bx	lr
	.fnend
	.size	__aeabi_read_tp, . - __aeabi_read_tp
