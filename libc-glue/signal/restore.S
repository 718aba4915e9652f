/*
 * The return from a signal handler (docs/signals.md): sigaction installs every handler with
 * SA_RESTORER and one of these as sa_restorer, so the kernel puts its address in the handler's
 * lr. A handler without SA_SIGINFO returns into __restore, which makes sigreturn (119); an
 * SA_SIGINFO one into __restore_rt, rt_sigreturn (173). Either reads the frame the kernel
 * left at sp back into the registers and never returns here.
 *
 * For unwinders (libgcc's for a C++ exception or a backtrace out of a handler, gdb): each
 * trampoline is the body of an EHABI function whose unwind entry says where the interrupted
 * registers are, r0-r15 of the sigcontext in the frame at sp, 32 bytes in for a sigframe
 * (uc_flags, uc_link, uc_stack, trap_no, error_code, oldmask), 128 + 32 for an rt_sigframe
 * (the siginfo comes first). The nop in front keeps the handler's return address - 1, which
 * an unwinder looks up, inside the function, as glibc does. ARM state: the kernel's lr for
 * the handler says which (bit 0 clear).
 */
	.syntax unified
	.arm
	.text

	.balign	8
	.fnstart
	.save	{r0-r15}
	.pad	#32
	nop
	.global	__restore
	.type	__restore, %function
__restore:
	mov	r7, #119	@ __NR_sigreturn
	svc	#0
	.fnend
	.size	__restore, . - __restore

	.balign	8
	.fnstart
	.save	{r0-r15}
	.pad	#160
	nop
	.global	__restore_rt
	.type	__restore_rt, %function
__restore_rt:
	mov	r7, #173	@ __NR_rt_sigreturn
	svc	#0
	.fnend
	.size	__restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", %progbits
