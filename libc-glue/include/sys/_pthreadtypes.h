/*
 * uniarm's <sys/_pthreadtypes.h>, shadowing newlib's (whose types are RTEMS-style 32-bit
 * handles): the POSIX thread types of libc-glue/pthread (docs/pthreads.md), with glibc's
 * sizes on 32-bit ARM so that structures embedding them have the layout a Linux program
 * expects. Every object is all-zero when statically initialized. The members are private to
 * the library (reserved names).
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <sys/sched.h>

/* A thread: the address of its descriptor (struct pthread, libc-glue/pthread/pthread_impl.h). */
typedef unsigned long pthread_t;

typedef struct {
	int __flags; /* detach state, inherit-sched, scope, "stack given" */
	unsigned int __stacksize;
	void *__stackaddr; /* the lowest address of the stack, when given */
	unsigned int __guardsize;
	int __schedpolicy;
	struct sched_param __schedparam;
	int __reserved[3];
} pthread_attr_t; /* 36 bytes, as glibc's */

typedef struct {
	int __lock;	      /* futex word: 0 free, 1 locked, 2 locked with waiters */
	unsigned int __count; /* recursion count (recursive mutexes) */
	void *__owner;	      /* descriptor of the owner (recursive, error-checking) */
	int __kind;	      /* type | pshared bit */
	int __reserved[2];
} pthread_mutex_t; /* 24 bytes */

typedef struct {
	int __attr;
} pthread_mutexattr_t;

typedef struct {
	unsigned int __seq;	/* futex word, bumped by every signal and broadcast */
	unsigned int __waiters; /* threads inside a wait */
	int __clock;		/* the clock of timed waits */
	int __pshared;
	int __reserved[8];
} pthread_cond_t; /* 48 bytes */

typedef struct {
	int __attr; /* clock | pshared bit */
} pthread_condattr_t;

typedef struct {
	int __lock;	/* futex word: reader count, 0x7fffffff write-locked, bit 31 waiters */
	int __waiters;	/* threads sleeping on __lock */
	void *__writer; /* descriptor of the write owner */
	int __pshared;
	int __reserved[4];
} pthread_rwlock_t; /* 32 bytes */

typedef struct {
	int __attr;
} pthread_rwlockattr_t;

typedef struct {
	int __lock;	       /* protects __count */
	unsigned int __limit;  /* threads per cycle | pshared bit 31 */
	unsigned int __count;  /* threads arrived in this cycle */
	unsigned int __gen;    /* futex word: the cycle number */
	unsigned int __inside; /* threads still inside pthread_barrier_wait */
} pthread_barrier_t;	       /* 20 bytes */

typedef struct {
	int __attr;
} pthread_barrierattr_t;

typedef volatile int pthread_spinlock_t;
typedef unsigned int pthread_key_t;
typedef int pthread_once_t;

#endif
