/*
 * void *memcpy(void *dst, const void *src, size_t n), and the AEABI helpers clang calls for
 * struct copies and __builtin_memcpy (the 4/8 variants only promise aligned pointers, which
 * the alignment checks find quickly anyway): the copy template (platform/copy_template.inc)
 * with plain accesses. It overrides newlib's memcpy.
 *
 * Built twice (docs/string.md): in uniarm_runtime, integer registers only, renamed to
 * __kernel_memcpy etc. after the build; and in uniarm_libc (-DUNIARM_LIBC
 * -DUNIARM_STRING_NEON), the application's memcpy, weak, with the template's NEON path for a
 * large copy whose source and destination are misaligned relative to each other.
 *
 * __memcpy_fwd is the same entry under a name of uniarm's own, for memmove's upward case: an
 * application that replaces memcpy (weak) must not change what memmove does.
 */
#include "platform/copy_template.inc"
#include "symbol.h"

	.syntax	unified
	.arm
#ifdef UNIARM_STRING_NEON
	.fpu	neon
#define COPY_NEON 1
#else
#define COPY_NEON 0
#endif

/* Plain hooks; the fixup labels are not referenced. */
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

	.section .text.memcpy, "ax", %progbits
	.align	5
	string_symbol __aeabi_memcpy
	string_symbol __aeabi_memcpy4
	string_symbol __aeabi_memcpy8
	.globl	__memcpy_fwd			@ strong: memmove's, not replaceable
	.type	__memcpy_fwd, %function
	string_symbol memcpy			@ last: llvm-symbolizer names the address after it
__aeabi_memcpy:
__aeabi_memcpy4:
__aeabi_memcpy8:
__memcpy_fwd:
memcpy:
	copy_template memcpy, 0, COPY_NEON
	.size	memcpy, . - memcpy
	.size	__aeabi_memcpy, . - memcpy
	.size	__aeabi_memcpy4, . - memcpy
	.size	__aeabi_memcpy8, . - memcpy
	.size	__memcpy_fwd, . - memcpy
