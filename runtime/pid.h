/* Process ids (runtime/pid.c, docs/tasks.md): Linux's numbering, cyclic, never a live one. */
#ifndef UNIARM_RUNTIME_PID_H
#define UNIARM_RUNTIME_PID_H

#include <stdbool.h>

#define PID_MAX_DEFAULT 32768 /* pids are 1 .. PID_MAX_DEFAULT - 1 (Linux's default pid_max) */
#define RESERVED_PIDS	300   /* after the first wrap, numbers below this are not handed out */

/* Empty the allocator (boot; host tests). */
void pid_init(void);
/* The first free number after the last one handed out, or -EAGAIN when none is free. */
int alloc_pid(void);
/* Give a number back; one not in use is reported (printk) and ignored. */
void free_pid(int pid);
bool pid_in_use(int pid);
int pid_nr_in_use(void);
/* How many bad frees were refused (tests). */
unsigned long pid_bad_frees(void);

#endif
