/*
 * Image entry. QEMU enters _start at its physical load address with the MMU and caches off
 * (r2 = device tree address or 0). This code is position independent until the MMU is on:
 * it builds the boot page directory (an identity section for itself and the linear map of the
 * image and of the device tree), turns on the MMU with SCTLR.AFE and SCTLR.TRE, jumps to its
 * linked virtual address, drops the identity section, sets up the stacks and the vectors,
 * clears .bss and calls start_kernel(dtb_phys).
 */
#include "platform/memory.h"
#include "platform/pgtable-hwdef.h"

#define PSR_MODE_SVC 0x13
#define PSR_MODE_ABT 0x17
#define PSR_MODE_UND 0x1b
#define PSR_MODE_IRQ 0x12
#define PSR_MODE_FIQ 0x11
#define PTE_TABLE_BYTES 0x400 /* one level-2 table: PTE_TABLE_SIZE in platform/pgtable.h */

	.syntax unified
	.arm
	.section .head.text, "ax"
	.globl _start
_start:
	cpsid	aif, #PSR_MODE_SVC
	mov	r9, r2				@ r9: device tree from the loader (0 if none)

	/* Caches and MMU off, stale TLB and I-cache entries gone. */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(SCTLR_M | SCTLR_C)
	bic	r0, r0, #SCTLR_I
	mcr	p15, 0, r0, c1, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	dsb
	isb

	/* r10 = physical - virtual, from where we really run. */
	adr	r4, _start
	ldr	r5, =_start
	sub	r10, r4, r5
	ldr	r6, =swapper_pg_dir
	add	r6, r6, r10			@ r6: physical address of the page directory

	/* Clear the 16 KiB directory. */
	mov	r0, r6
	add	r1, r6, #0x4000
	mov	r2, #0
	mov	r3, #0
1:	stmia	r0!, {r2, r3}
	cmp	r0, r1
	blo	1b

	/* Identity section holding this code, so the instruction after the MMU switch exists. */
	ldr	r7, =PMD_SECT_KERNEL_RWX
	lsr	r0, r4, #SECTION_SHIFT
	orr	r1, r7, r0, lsl #SECTION_SHIFT
	str	r1, [r6, r0, lsl #2]

	/* Linear map from PAGE_OFFSET, covering RAM up to the end of the image plus 1 MiB. */
	ldr	r0, =PAGE_OFFSET
	add	r1, r0, r10			@ r1: physical start of RAM
	ldr	r2, =_end
	add	r2, r2, #SECTION_SIZE		@ r2: virtual end (exclusive)
	lsr	r0, r0, #SECTION_SHIFT		@ r0: section index
	lsr	r2, r2, #SECTION_SHIFT
2:	orr	r3, r7, r1
	str	r3, [r6, r0, lsl #2]
	add	r1, r1, #SECTION_SIZE
	add	r0, r0, #1
	cmp	r0, r2
	blo	2b

	/* Translation regime: TTBR0 only, domain 0 client, memory types by TEX remap. */
	orr	r0, r6, #TTBR_FLAGS
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR: N = 0
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: domain 0 = client
	ldr	r0, =PRRR_VALUE
	mcr	p15, 0, r0, c10, c2, 0
	ldr	r0, =NMRR_VALUE
	mcr	p15, 0, r0, c10, c2, 1
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 1		@ CONTEXTIDR
	isb

	ldr	r5, =__mmap_switched		@ virtual address to continue at
	mrc	p15, 0, r0, c1, c0, 0
	ldr	r1, =(SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z | SCTLR_AFE | SCTLR_TRE)
	orr	r0, r0, r1
	ldr	r1, =(SCTLR_A | SCTLR_V | SCTLR_TE)
	bic	r0, r0, r1
	dsb
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	r5
	.ltorg

	.text
__mmap_switched:
	/* Drop the identity section: the low 3 GiB belong to the application. */
	ldr	r6, =swapper_pg_dir
	lsr	r0, r4, #SECTION_SHIFT
	mov	r1, #0
	str	r1, [r6, r0, lsl #2]
	dsb	ishst
	lsl	r0, r0, #SECTION_SHIFT
	mcr	p15, 0, r0, c8, c7, 1		@ TLBIMVA
	dsb
	isb

	/* The exception modes share one small stack: entry.S moves to the SVC stack at once, and
	 * uses this one only to report an SVC stack overflow (uniarm.ld: each stack has a guard
	 * page below it). */
	ldr	r0, =__exc_stacks_end
	cps	#PSR_MODE_ABT
	mov	sp, r0
	cps	#PSR_MODE_UND
	mov	sp, r0
	cps	#PSR_MODE_IRQ
	mov	sp, r0
	cps	#PSR_MODE_FIQ
	mov	sp, r0
	cps	#PSR_MODE_SVC
	ldr	sp, =__init_stack_top

	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	ldr	r0, =init_task
	mcr	p15, 0, r0, c13, c0, 4		@ TPIDRPRW: current (platform/current.h)
	isb

	ldr	r0, =__bss_start
	ldr	r1, =__bss_stop
	mov	r2, #0
	mov	r3, #0
3:	cmp	r0, r1
	stmialo	r0!, {r2, r3}
	blo	3b

	/* Tell C where the device tree is: the loader's r2, else the start of RAM (QEMU puts the
	 * blob there for a bare-metal ELF). */
	cmp	r9, #0
	ldreq	r0, =PAGE_OFFSET
	addeq	r9, r0, r10
	ldr	r0, =__pv_offset
	str	r10, [r0]
	mov	r0, r9
	mov	fp, #0
	bl	start_kernel
4:	wfi
	b	4b
	.ltorg

/*
 * void __split_sections(pmd_t *pmd, unsigned int n, uint32_t table)
 *
 * paging_init's break-before-make of the live sections that map the image's text and rodata
 * (platform/mmu.c explains the whole sequence and the rules it follows). Entries pmd[0..n-1]
 * become invalid, the TLB is invalidated, then pmd[i] = table + i * 1 KiB (level-2 table
 * descriptors); n >= 1. It is called through its identity alias (VA = PA) and pmd is an identity
 * address too, so nothing it fetches or touches is translated by an entry it breaks; it uses
 * no stack and r0-r3, ip only. IRQs, FIQs and asynchronous aborts are masked (boot).
 */
	.text
	.arm
	.globl	__split_sections
	.type	__split_sections, %function
__split_sections:
	add	r1, r0, r1, lsl #2		@ r1: end of the entries
	mov	r3, r0
	mov	ip, #0
1:	str	ip, [r3], #4			@ break: invalid entries
	cmp	r3, r1
	blo	1b
	dsb	ishst				@ the walker sees them before the invalidation
	mcr	p15, 0, ip, c8, c7, 0		@ TLBIALL (with the A15's walk caches)
	dsb	ish				@ invalidation complete before any new entry is seen
2:	str	r2, [r0], #4			@ make: the level-2 tables
	add	r2, r2, #PTE_TABLE_BYTES
	cmp	r0, r1
	blo	2b
	dsb	ishst				@ the walker sees the tables before we return
	mcr	p15, 0, ip, c7, c5, 6		@ BPIALL
	isb					@ fetches after this (the return) use the new entries
	bx	lr
	.size	__split_sections, . - __split_sections

	.data
	.align	2
	.globl	__pv_offset
__pv_offset:				@ physical minus virtual address of the image
	.word	0
