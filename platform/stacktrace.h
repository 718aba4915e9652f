/* Oops backtraces: EHABI unwinding (platform/unwind.h), frame pointers where there are no tables.
 */
#ifndef UNIARM_PLATFORM_STACKTRACE_H
#define UNIARM_PLATFORM_STACKTRACE_H

#include "platform/ptrace.h"

/*
 * Print "Backtrace:" and one "[<addr>]" line per frame, at most 32: regs->pc, then each
 * caller's call site (return address - 4), innermost first. A function that was left by a tail
 * call on the way shows up as its entry address. Frames are found with the EHABI unwind tables;
 * from code without tables (newlib, assembly) the walk goes on along clang's frame-pointer chain
 * ([fp] = caller's fp, [fp + 4] = lr). It stops where the stack or the tables stop making sense.
 */
void dump_backtrace(const struct pt_regs *regs);

#endif
