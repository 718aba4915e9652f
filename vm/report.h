/*
 * What the memory manager can tell about the application's fatal faults, for the reports of
 * platform/fault.c (docs/reports.md): a stack overflow's limits.
 */
#ifndef UNIARM_VM_REPORT_H
#define UNIARM_VM_REPORT_H

#include <stdbool.h>

/*
 * A fault at addr, which no VMA holds, with the application's stack pointer at sp. When it is
 * the stack growing past its limit (addr lies below a VM_GROWSDOWN VMA that could not grow
 * down to it, and no further below sp than a push or a frame set-up reaches, which is Linux's
 * old x86 test: 64 KiB + 32 words), print "stack overflow: <which limit>" and the stack's
 * limits (the VMA, RLIMIT_STACK, the guard gap, the fault address and sp), and return true.
 * Otherwise print nothing and return false.
 */
bool report_stack_overflow(unsigned long addr, unsigned long sp);

#endif
