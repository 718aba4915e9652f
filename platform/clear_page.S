/*
 * clear_page(page) and copy_page(to, from) for 4 KiB pages (platform/page.h).
 *
 * Both are straight-line code of the widest LDM/STM the register file allows, because every
 * instruction costs the same under QEMU -icount and a multiple store is one instruction:
 * clear_page stores 13 registers (52 bytes) per STM, 78 times plus one STM of 10 registers
 * (78 * 52 + 40 = 4096), 83 instructions in all; copy_page moves 12 registers (48 bytes) per
 * LDM/STM pair, 85 times plus one pair of 4 (85 * 48 + 16 = 4096), 174 instructions. The page
 * must be word aligned (STM/LDM need it); pages are page aligned.
 */
	.syntax unified
	.arm

	.section .text.clear_page, "ax", %progbits
	.globl	clear_page
	.type	clear_page, %function
	.align	2
clear_page:
	.fnstart
	push	{r4-r11, lr}
	.save	{r4-r11, lr}
	adr	r1, zero_words
	ldm	r1, {r1-r12, lr}		@ 13 zero registers in one load
	.rept	78
	stmia	r0!, {r1-r12, lr}		@ 52 bytes
	.endr
	stmia	r0, {r1-r10}			@ the last 40 bytes
	pop	{r4-r11, pc}
	.fnend
	.size	clear_page, . - clear_page

	.align	2
zero_words:
	.rept	13
	.word	0
	.endr

	.section .text.copy_page, "ax", %progbits
	.globl	copy_page
	.type	copy_page, %function
	.align	2
copy_page:
	.fnstart
	push	{r4-r11, lr}
	.save	{r4-r11, lr}
	.rept	85
	ldmia	r1!, {r2-r12, lr}		@ 48 bytes
	stmia	r0!, {r2-r12, lr}
	.endr
	ldmia	r1, {r2-r5}			@ the last 16 bytes
	stmia	r0, {r2-r5}
	pop	{r4-r11, pc}
	.fnend
	.size	copy_page, . - copy_page
