/*
 * uniarm's <sched.h>: newlib's, plus sched_yield(), which newlib declares only for targets
 * that define _POSIX_THREADS or _POSIX_PRIORITY_SCHEDULING (libc-glue/pthread/sched.c makes
 * Linux's sched_yield call).
 */
#ifndef UNIARM_LIBC_GLUE_SCHED_H
#define UNIARM_LIBC_GLUE_SCHED_H

#include_next <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

#if !defined(_POSIX_THREADS) && !defined(_POSIX_PRIORITY_SCHEDULING)
int sched_yield(void);
#endif

#ifdef __cplusplus
}
#endif

#endif
