/*
 * The binding of a public string symbol (memcpy, __aeabi_memset4, ...), for the assembly
 * sources of libc-glue/string, which are built twice (docs/string.md):
 *  - in uniarm_runtime, as the runtime's own copies: global here, renamed to __kernel_* after
 *    the library is built (tools/kernel-string-syms), integer registers only;
 *  - in uniarm_libc (-DUNIARM_LIBC), as the application's C library routines: weak, so an
 *    application may define its own memset or memcpy without a duplicate-symbol error (the
 *    runtime does not use these names any more, so replacing them cannot break it).
 */
/* clang-format off */
	.macro	string_symbol name
#ifdef UNIARM_LIBC
	.weak	\name
#else
	.globl	\name
#endif
	.type	\name, %function
	.endm
