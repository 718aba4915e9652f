/*
 * POSIX timers inside libc-glue: a timer_t is the kernel's timer id (0..INT_MAX), or for a
 * SIGEV_THREAD timer (timer_thread.c) the address of its struct thread_timer, 8-aligned,
 * shifted right by one with the top bit set (glibc's encoding), whose ktimer is the kernel's.
 */
#ifndef UNIARM_LIBC_GLUE_TIMER_IMPL_H
#define UNIARM_LIBC_GLUE_TIMER_IMPL_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

struct thread_timer {
	int ktimer; /* the kernel's id */
	void (*func)(union sigval);
	union sigval value;
	int has_attr;
	pthread_attr_t attr;
	struct thread_timer *next; /* on the list of live ones */
} __attribute__((aligned(8)));

#define THREAD_TIMER_BIT 0x80000000UL

static inline int __timer_is_thread(timer_t id)
{
	return (id & THREAD_TIMER_BIT) != 0;
}

static inline struct thread_timer *__timer_thread(timer_t id)
{
	return (struct thread_timer *)(uintptr_t)(id << 1);
}

static inline timer_t __timer_of_thread(struct thread_timer *t)
{
	return (timer_t)(THREAD_TIMER_BIT | (uintptr_t)t >> 1);
}

/* The kernel's id behind a timer_t. */
static inline int __timer_kid(timer_t id)
{
	return __timer_is_thread(id) ? __timer_thread(id)->ktimer : (int)id;
}

int __uniarm_timer_create_thread(clockid_t clock, const struct sigevent *evp, timer_t *timerid);
int __uniarm_timer_delete_thread(struct thread_timer *t);

#endif
