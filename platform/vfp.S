/*
 * vfp_init(): turn on the Cortex-A15's FPU (VFPv4 with 32 double registers, and NEON) for the
 * application, at boot, before anything of the application runs.
 *
 * CPACR grants PL0 and PL1 full access to coprocessors 10 and 11 (the FPU and NEON) and leaves
 * ASEDIS/D32DIS clear; FPEXC.EN switches the unit on; FPSCR starts as Linux starts a process:
 * round to nearest, no flush-to-zero, default NaN off, no exception traps (all zero).
 *
 * This is the only place the runtime executes an FP instruction (VMRS/VMSR of the FPU's
 * control registers, no data register): tools/check-no-fp allows exactly these here. The
 * runtime's C code is compiled with -mfpu=none, so system calls, faults and interrupts never
 * touch the application's FP registers and need not save them (docs/libc.md).
 *
 * Returns 0, or -1 when the CPU has no VFPv4 + NEON (CPACR bits that do not stick, or MVFR0
 * without 32 double registers and fused multiply-add).
 */
	.syntax unified
	.arm
	.fpu	neon-vfpv4

#define CPACR_CP10_CP11_FULL	(0xf << 20)
#define FPEXC_EN		(1 << 30)

	.section .text.vfp_init, "ax", %progbits
	.globl	vfp_init
	.type	vfp_init, %function
	.align	2
vfp_init:
	.fnstart
	mrc	p15, 0, r0, c1, c0, 2		@ CPACR
	orr	r0, r0, #CPACR_CP10_CP11_FULL
	bic	r0, r0, #(3 << 30)		@ ASEDIS, D32DIS: NEON and d16-d31 allowed
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mrc	p15, 0, r1, c1, c0, 2
	and	r1, r1, #CPACR_CP10_CP11_FULL
	cmp	r1, #CPACR_CP10_CP11_FULL
	bne	1f				@ no FPU: the access bits read as zero
	mov	r0, #FPEXC_EN
	vmsr	fpexc, r0
	isb
	vmrs	r1, mvfr0
	and	r2, r1, #0xf			@ A_SIMD registers: 2 = 32 x 64-bit
	cmp	r2, #2
	bne	1f
	vmrs	r1, mvfr1
	and	r2, r1, #(0xf << 28)		@ Advanced SIMD fused multiply-accumulate (VFPv4)
	cmp	r2, #(1 << 28)
	bne	1f
	mov	r0, #0
	vmsr	fpscr, r0
	bx	lr
1:	mvn	r0, #0
	bx	lr
	.fnend
	.size	vfp_init, . - vfp_init

/*
 * The lazy FP switch's helpers (platform/vfp.c). vfp_save_state(buf) stores d0-d31 and FPSCR
 * at buf (struct vfp_state); vfp_load_state(buf) loads them; both need FPEXC.EN set. They are
 * the only runtime code that touches the data registers (tools/check-no-fp allows these two),
 * and only to move a task's values between the unit and its save area.
 * vfp_get_fpexc()/vfp_set_fpexc(v) read and write FPEXC.
 */
	.section .text.vfp_save_state, "ax", %progbits
	.globl	vfp_save_state
	.type	vfp_save_state, %function
	.align	2
vfp_save_state:
	.fnstart
	vstmia	r0!, {d0-d15}
	vstmia	r0!, {d16-d31}
	vmrs	r1, fpscr
	str	r1, [r0]
	bx	lr
	.fnend
	.size	vfp_save_state, . - vfp_save_state

	.section .text.vfp_load_state, "ax", %progbits
	.globl	vfp_load_state
	.type	vfp_load_state, %function
	.align	2
vfp_load_state:
	.fnstart
	vldmia	r0!, {d0-d15}
	vldmia	r0!, {d16-d31}
	ldr	r1, [r0]
	vmsr	fpscr, r1
	bx	lr
	.fnend
	.size	vfp_load_state, . - vfp_load_state

	.section .text.vfp_get_fpexc, "ax", %progbits
	.globl	vfp_get_fpexc
	.type	vfp_get_fpexc, %function
	.align	2
vfp_get_fpexc:
	.fnstart
	vmrs	r0, fpexc
	bx	lr
	.fnend
	.size	vfp_get_fpexc, . - vfp_get_fpexc

	.section .text.vfp_set_fpexc, "ax", %progbits
	.globl	vfp_set_fpexc
	.type	vfp_set_fpexc, %function
	.align	2
vfp_set_fpexc:
	.fnstart
	vmsr	fpexc, r0
	isb
	bx	lr
	.fnend
	.size	vfp_set_fpexc, . - vfp_set_fpexc

	.section .text.vfp_get_fpscr, "ax", %progbits
	.globl	vfp_get_fpscr
	.type	vfp_get_fpscr, %function
	.align	2
vfp_get_fpscr:
	.fnstart
	vmrs	r0, fpscr
	bx	lr
	.fnend
	.size	vfp_get_fpscr, . - vfp_get_fpscr
