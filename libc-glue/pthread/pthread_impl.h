/*
 * libc-glue's threads, the library's inside (docs/pthreads.md): the thread descriptor, where
 * it lies relative to the thread pointer, the atomic helpers and the low-level futex lock
 * shared by the mutexes, newlib's locks (libc-glue/lock.c) and the other objects.
 *
 * A thread's memory, from the top of its mapping down (ARM EABI TLS variant 1):
 *
 *   TLS block (.tdata image + .tbss zeros)     tp + __uniarm_tls.offset
 *   TCB, 8 bytes (reserved, zero)              tp = TPIDRURO
 *   struct pthread                             tp - sizeof(struct pthread) = pthread_self()
 *   struct _reent (newlib's per-thread state)  a new thread's; the main thread's is _impure_ptr
 *   stack, growing down
 *   guard (PROT_NONE)                          the mapping's start
 */
#ifndef UNIARM_PTHREAD_IMPL_H
#define UNIARM_PTHREAD_IMPL_H

#include "libc-glue/pthread/futex.h"

#include <limits.h>
#include <pthread.h>
#include <reent.h>
#include <stddef.h>
#include <stdint.h>

/* detach_state */
#define DT_JOINABLE 0
#define DT_DETACHED 1
#define DT_EXITING  2 /* the thread is leaving; a detach then reaps it as a join does */

#define UNIARM_PAGE_SIZE   4096u
#define DEFAULT_STACK_SIZE (128u * 1024u) /* musl's default; glibc uses RLIMIT_STACK */
#define DEFAULT_GUARD_SIZE UNIARM_PAGE_SIZE

struct pthread_key_value {
	unsigned int seq; /* the key's sequence number when the value was set */
	void *value;
};

struct pthread {
	struct pthread *self;
	volatile int tid;	   /* CLONE_PARENT_SETTID; the kernel zeroes it at exit */
	volatile int detach_state; /* DT_* */
	void *(*start)(void *);
	void *arg;
	void *result;
	void *map_base; /* what the joiner (or a detached thread itself) unmaps; 0: nothing */
	size_t map_size;
	void *stack_base; /* the stack's lowest address, for pthread_getattr_np */
	size_t stack_size;
	size_t guard_size;
	struct __pthread_cleanup *cleanup; /* pthread_cleanup_push's handlers, innermost first */
	int cancel_state, cancel_type;
	struct _reent *reent; /* newlib's state of this thread: __getreent() */
	/* The creator's signal mask (the kernel's two words), which the thread puts back as its
	 * first act: pthread_create clones with every signal blocked (create.c). */
	unsigned long sigmask[2];
	struct pthread_key_value keys[PTHREAD_KEYS_MAX];
} __attribute__((aligned(8)));

/* Joined threads' memory for reuse (stack_cache.c): a mapping of map_size with a guard of
 * guard bytes, or 0; put returns 1 when it kept the mapping. */
void *__uniarm_stack_cache_get(size_t map_size, size_t guard);
int __uniarm_stack_cache_put(void *base, size_t map_size, size_t guard);

static inline char *__uniarm_tp(void)
{
	char *tp;

	__asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp)); /* TPIDRURO */
	return tp;
}

static inline struct pthread *__pthread_self(void)
{
	return (struct pthread *)(__uniarm_tp() - sizeof(struct pthread));
}

/* The PT_TLS segment of the program (libc-glue/pthread/tls.c). */
struct uniarm_tls {
	const void *image; /* .tdata's initial image */
	size_t filesz, memsz;
	size_t align;  /* at least 8 */
	size_t offset; /* of the TLS block from tp: 8 rounded up to align (lld's TPOFF) */
};
extern struct uniarm_tls __uniarm_tls;

/* Bytes a thread's descriptor, TCB and TLS need at the top of an area, alignment included. */
size_t __uniarm_tls_area_size(void);
/* Lays them out below top (exclusive) in zeroed memory, copies .tdata's image; returns tp. */
char *__uniarm_tls_setup(char *top);

extern struct pthread *__uniarm_main_thread;
extern volatile int __uniarm_nthreads; /* live threads, the main one included */

/* libc-glue/pthread/clone.S */
int __uniarm_clone(int (*fn)(void *), void *stack, int flags, void *arg, volatile int *ptid,
		   void *tls, volatile int *ctid);
__attribute__((noreturn)) void __uniarm_unmapself(void *base, size_t size);

/* libc-glue/pthread/key.c (weak: a program without keys leaves it out) */
void __pthread_tsd_run_dtors(struct pthread *self) __attribute__((weak));

/* The low-level lock: 0 free, 1 locked, 2 locked and maybe waiters (Drepper's mutex). */
static inline int __ll_trylock(volatile int *l)
{
	int c = 0;

	return __atomic_compare_exchange_n(l, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Returns 0, or ETIMEDOUT/EINVAL for a timed wait (abstime non-NULL). */
int __ll_lock_wait(volatile int *l, int priv, clockid_t clock, const struct timespec *abstime);

static inline void __ll_lock(volatile int *l, int priv)
{
	if (!__ll_trylock(l))
		__ll_lock_wait(l, priv, CLOCK_REALTIME, 0);
}

/* futex_wake(l, 1, priv), out of line: keeps the unlock's fast path free of the call's
 * register set-up. */
void __ll_wake(volatile int *l, int priv);

static inline void __ll_unlock(volatile int *l, int priv)
{
	if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
		__ll_wake(l, priv);
}

static inline int __clock_ok(clockid_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC;
}

#endif
