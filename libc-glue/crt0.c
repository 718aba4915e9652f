/*
 * The application's entry point. The runtime starts it in USR mode as Linux's exec starts a
 * static program (runtime/exec.c): sp points at argc, then argv[], NULL, envp[], NULL and the
 * auxiliary vector; every other register is zero. _start hands sp to __libc_start, which
 * sets up what newlib needs (the thread pointer for its per-thread state, environ, the
 * auxiliary vector for getauxval), runs the constructors and main, and exits with main's
 * value; exit() runs atexit handlers and destructors and flushes stdio before _exit hands the
 * status to the runtime.
 */
#include "libc-glue/syscall.h"
#include "runtime/uapi.h"

#include <reent.h>
#include <stdlib.h>

extern char **environ;
extern void __libc_init_array(void);
extern void __libc_fini_array(void);
extern int main(int argc, char **argv, char **envp);

/* The auxiliary vector exec left on the stack (libc-glue/auxv.c reads it). */
const unsigned long *__uniarm_auxv;

__attribute__((noreturn, used)) void __libc_start(unsigned long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1, **e = envp;

	/* newlib finds its per-thread state through TPIDRURO (libc-glue/reent.c), which only
	 * the runtime can write: set_tls, as a Linux C library sets its thread pointer. Before
	 * anything of newlib runs. */
	__uniarm_syscall(__ARM_NR_set_tls, (long)_impure_ptr, 0, 0, 0, 0, 0);
	while (*e)
		e++;
	__uniarm_auxv = (const unsigned long *)(e + 1);
	environ = envp;
	atexit(__libc_fini_array);
	__libc_init_array();
	exit(main(argc, argv, envp));
}

/* sp is exec's, 16-byte aligned; fp and lr are zero, so a backtrace ends here. */
__attribute__((naked, noreturn)) void _start(void)
{
	__asm__ volatile("mov r0, sp\n\t"
			 "b __libc_start");
}

/* The image is one module: C++ registers its static objects' destructors with
 * __cxa_atexit(dtor, obj, &__dso_handle), and newlib runs them at exit. (crtbegin.o, which
 * defines it for GCC's static programs, is not linked.) */
void *__dso_handle = 0;

/* newlib's __libc_init_array/__libc_fini_array call these; constructors and destructors run
 * through .init_array/.fini_array. */
void _init(void)
{
}

void _fini(void)
{
}
