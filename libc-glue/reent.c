/*
 * newlib's per-thread state (errno, strtok's position, the stdio pointers, ...) lives in a
 * struct _reent; newlib is built with __DYNAMIC_REENT__ (tools/build-newlib), so it finds the
 * current thread's one by calling __getreent() instead of reading the global _impure_ptr.
 *
 * Each thread's descriptor (struct pthread, libc-glue/pthread/pthread_impl.h) lies just below
 * its thread pointer, TPIDRURO, which the runtime switches with the thread, and holds the
 * pointer: one mrc and one load. The main thread's structure is newlib's static _impure_data
 * (crt0 sets its descriptor up before anything of newlib runs); a new thread's is its own
 * (pthread_create), reclaimed when it exits.
 */
#include "libc-glue/pthread/pthread_impl.h"

struct _reent *__getreent(void)
{
	return __pthread_self()->reent;
}
