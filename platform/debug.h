/*
 * A place for a debugger to stop at a fatal fault (tools/uniarm.gdb): the fault handlers call
 * debug_fatal_fault() before reporting; it keeps the faulting context in debug_fault_regs and
 * calls debug_fault_stop(), where gdb's breakpoint puts those registers back so that it shows
 * the faulting instruction itself.
 */
#ifndef UNIARM_PLATFORM_DEBUG_H
#define UNIARM_PLATFORM_DEBUG_H

#include "platform/ptrace.h"

extern struct pt_regs *volatile debug_fault_regs;

void debug_fatal_fault(struct pt_regs *regs);
void debug_fault_stop(void);

#endif
