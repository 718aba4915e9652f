/*
 * The system-call door (docs/pl0.md), the application's side of it, as a Linux ARM EABI
 * program enters its kernel: the number in r7, the arguments in r0-r5, `svc #0`, the result
 * or -errno in r0, every other register kept (vector_swi, platform/entry.S). Inline in the
 * wrappers (a null call costs its svc and little else); uniarm_syscall (libc-glue/syscall.c)
 * is the same as a function, for programs that make raw calls.
 */
#ifndef UNIARM_LIBC_GLUE_SYSCALL_H
#define UNIARM_LIBC_GLUE_SYSCALL_H

static inline long __uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r0 __asm__("r0") = a0;
	register long r1 __asm__("r1") = a1;
	register long r2 __asm__("r2") = a2;
	register long r3 __asm__("r3") = a3;
	register long r4 __asm__("r4") = a4;
	register long r5 __asm__("r5") = a5;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

#endif
