/*
 * Exit statuses the runtime itself produces (the application's own come from exit/main).
 * They follow the shell's conventions so a CI log reads naturally.
 */
#ifndef UNIARM_RUNTIME_EXIT_CODES_H
#define UNIARM_RUNTIME_EXIT_CODES_H

#define EXIT_OOPS	 125 /* the runtime died: Oops or panic */
#define EXIT_SIGNAL_BASE 128 /* killed by signal N: 128 + N (abort() -> 134) */
#define EXIT_OOM	 137 /* killed for want of memory (SIGKILL), as by Linux's OOM killer */
#define EXIT_SEGV	 139 /* segmentation fault (SIGSEGV) */

#endif
