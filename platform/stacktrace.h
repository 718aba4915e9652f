/* Frame-pointer backtraces (clang's ARM frame record: [fp] = caller's fp, [fp + 4] = lr). */
#ifndef UNIARM_PLATFORM_STACKTRACE_H
#define UNIARM_PLATFORM_STACKTRACE_H

#include "platform/ptrace.h"

/* Print "Backtrace:" and one "[<addr>]" line per frame, starting at regs->pc; stops at a frame
 * pointer that leaves the runtime stack, goes backwards or is misaligned, or after 32 frames. */
void dump_backtrace(const struct pt_regs *regs);

#endif
