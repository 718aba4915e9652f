/*
 * The application's start: environment, constructors, main, exit. Called by the runtime's
 * start_kernel() once the machine is ready; exit() runs atexit handlers and destructors and
 * flushes stdio before _exit hands the status to the runtime.
 */
#include <stdlib.h>

extern char **environ;
extern void __libc_init_array(void);
extern void __libc_fini_array(void);
extern int main(int argc, char **argv, char **envp);

__attribute__((noreturn)) void uniarm_start_app(int argc, char **argv, char **envp)
{
	environ = envp;
	atexit(__libc_fini_array);
	__libc_init_array();
	exit(main(argc, argv, envp));
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
