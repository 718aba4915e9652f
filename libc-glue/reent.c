/*
 * newlib's per-thread state (errno, stdio's streams, strtok's position, ...) lives in a
 * struct _reent; newlib is built with __DYNAMIC_REENT__ (tools/build-newlib), so it finds the
 * current thread's one by calling __getreent() instead of reading the global _impure_ptr.
 *
 * The pointer is kept in TPIDRURO, the user-read-only thread register Linux ARM uses for the
 * thread pointer (set_tls): one instruction to read from any mode, and the runtime switches
 * it with the thread. Today there is one thread, whose structure is newlib's static
 * _impure_data; the runtime loads it before anything of newlib runs (runtime/start.c).
 */
#include <reent.h>

struct _reent *__getreent(void)
{
	struct _reent *r;

	__asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(r)); /* TPIDRURO */
	return r;
}
