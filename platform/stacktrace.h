/* Oops backtraces: EHABI unwinding (platform/unwind.h), frame pointers where there are no tables.
 */
#ifndef UNIARM_PLATFORM_STACKTRACE_H
#define UNIARM_PLATFORM_STACKTRACE_H

#include "platform/ptrace.h"

/*
 * Print "Backtrace:" and one "[<addr>]" line per frame, at most 32 lines: regs->pc, then each
 * caller's call site (return address - 4), innermost first. A function that was left by a tail
 * call on the way shows up as its entry address. Frames are found with the EHABI unwind tables;
 * from code without tables (assembly without annotations) the walk goes on along clang's
 * frame-pointer chain ([fp] = caller's fp, [fp + 4] = lr). It stops where the stack or the
 * tables stop making sense.
 *
 * A recursion is compressed: a cycle of 1 to 4 frames seen 3 times in a row is printed once,
 * followed by "  ... the frame above occurs N times in a row" (or "the K frames above occur"),
 * and the walk goes on to the frames above it, through the whole stack if need be (a stack
 * overflow), up to 2^20 frames.
 */
void dump_backtrace(const struct pt_regs *regs);

#endif
