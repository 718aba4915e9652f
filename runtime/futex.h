/* futex(2) (runtime/futex.c). */
#ifndef UNIARM_RUNTIME_FUTEX_H
#define UNIARM_RUNTIME_FUTEX_H

#include <stdint.h>

#ifndef __user
#define __user
#endif

/* Wake up to nr (at least one) shared-futex waiters of the word at uaddr whose bitset meets
 * bitset: the number woken. The runtime's own wake-ups (clear_child_tid, robust futexes) are
 * shared ones, as Linux's: a waiter with FUTEX_PRIVATE_FLAG is not woken by them. */
long futex_wake(uint32_t __user *uaddr, int nr, uint32_t bitset);

#endif
