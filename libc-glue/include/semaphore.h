/*
 * uniarm's <semaphore.h>: unnamed POSIX semaphores on futex (libc-glue/pthread/sem.c,
 * docs/pthreads.md). Named semaphores (sem_open) fail with ENOSYS: there is no shared memory
 * file system.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	volatile int __value;		 /* futex word: the count */
	volatile unsigned int __waiters; /* threads sleeping in sem_wait */
	int __pshared;
	int __reserved;
} sem_t; /* 16 bytes, as glibc's */

#define SEM_FAILED    ((sem_t *)0)
#define SEM_VALUE_MAX 0x7fffffff

int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *__restrict sem, const struct timespec *__restrict abstime);
int sem_clockwait(sem_t *__restrict sem, clockid_t clock,
		  const struct timespec *__restrict abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *__restrict sem, int *__restrict value);
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);

#ifdef __cplusplus
}
#endif

#endif
