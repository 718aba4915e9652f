/*
 * The application's entry point. The runtime starts it in USR mode as Linux's exec starts a
 * static program (runtime/exec.c): sp points at argc, then argv[], NULL, envp[], NULL and the
 * auxiliary vector; every other register is zero. _start hands sp to __libc_start, which
 * sets up what newlib needs (the main thread's descriptor, TLS block and thread pointer, through
 * which newlib finds its per-thread state; environ; the auxiliary vector for getauxval), runs the
 * constructors and main, and exits with main's value; exit() runs atexit handlers and destructors
 * and flushes stdio before _exit hands the status to the runtime.
 */
#include <stdlib.h>

extern char **environ;
extern void __libc_init_array(void);
extern void __libc_fini_array(void);
extern int main(int argc, char **argv, char **envp);
extern void __uniarm_init_main_thread(const unsigned long *auxv, void *sp); /* pthread/tls.c */

/* The auxiliary vector exec left on the stack (libc-glue/auxv.c reads it). */
const unsigned long *__uniarm_auxv;

__attribute__((noreturn, used)) void __libc_start(unsigned long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1, **e = envp;

	while (*e)
		e++;
	__uniarm_auxv = (const unsigned long *)(e + 1);
	/* The main thread's descriptor and TLS block, and the thread pointer (TPIDRURO, which
	 * only the runtime writes: set_tls) at them; newlib finds its per-thread state through
	 * it (libc-glue/reent.c), so this comes before anything of newlib runs. */
	__uniarm_init_main_thread(__uniarm_auxv, sp);
	/* Keeps this frame at the 32 bytes it had when set_tls was an inline system call here
	 * (r7 and r8 saved): main's sp stays where it was, on which the depth at which
	 * tests/qemu/reports/stack_overflow's mutual recursion overflows depends. */
	__asm__ volatile("" ::: "r7", "r8");
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
