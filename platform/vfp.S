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
