/*
 * uniarm's <setjmp.h>: newlib's jmp_buf, setjmp and longjmp unchanged (int[_JBLEN]; setjmp
 * keeps r4-r12, sp and lr), plus what POSIX adds and newlib leaves to Cygwin and RTEMS:
 * sigjmp_buf, sigsetjmp and siglongjmp (libc-glue/signal/sigsetjmp.S), and _setjmp/_longjmp.
 *
 * A sigjmp_buf starts with a jmp_buf (sigsetjmp ends in setjmp, siglongjmp in longjmp), then
 * whether the mask was saved, the mask, and the callee-saved VFP registers d8-d15, which
 * newlib's setjmp does not keep (its jmp_buf has no room for them): siglongjmp restores them,
 * so that a double held in d8-d15 across sigsetjmp survives a jump out of a signal handler.
 */
#ifndef UNIARM_LIBC_GLUE_SETJMP_H
#define UNIARM_LIBC_GLUE_SETJMP_H

#include_next <setjmp.h>

#include <sys/features.h>
#include <sys/_sigset.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __POSIX_VISIBLE
typedef struct {
	int __jmpbuf[_JBLEN];	     /* setjmp's: a jmp_buf */
	int __mask_was_saved;	     /* sigsetjmp's savemask != 0 */
	__sigset_t __saved_mask;     /* the mask at sigsetjmp, when saved */
	unsigned long long __vfp[8]; /* d8-d15 */
} sigjmp_buf[1];

int sigsetjmp(sigjmp_buf __env, int __savemask) __attribute__((__returns_twice__));
void siglongjmp(sigjmp_buf __env, int __val) __attribute__((__noreturn__));
#endif

#if __XSI_VISIBLE || __MISC_VISIBLE
/* setjmp and longjmp, which never touch the signal mask here (as glibc's). */
int _setjmp(jmp_buf __env) __attribute__((__returns_twice__));
void _longjmp(jmp_buf __env, int __val) __attribute__((__noreturn__));
#endif

#ifdef __cplusplus
}
#endif

#endif
