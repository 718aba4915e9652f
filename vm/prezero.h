/*
 * kzerod: free pages cleared ahead of use while the CPU is idle, so that an anonymous fault
 * (a first write, or a write after a zero-page read) maps one without clearing it: about a
 * third of a write fault's instructions (docs/tasks.md, "kzerod"; docs/benchmarks.md).
 */
#ifndef UNIARM_VM_PREZERO_H
#define UNIARM_VM_PREZERO_H

#include <stdbool.h>

/* The most pages kept cleared: 4 MiB, and never more than an eighth of the free memory. */
#define PREZERO_MAX 1024ul

/* Start kzerod (from kernel_init: kthread_create sleeps). */
void prezero_init(void);
/* The idle task's call when nothing is runnable: wakes kzerod if the list wants pages; true
 * if it did (the idle task then schedules instead of waiting for an interrupt). */
bool prezero_idle(void);

#endif
