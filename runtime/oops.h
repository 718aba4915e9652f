/* Oops: the report of a fatal fault in the runtime, in the form known from Linux. */
#ifndef UNIARM_RUNTIME_OOPS_H
#define UNIARM_RUNTIME_OOPS_H

#include <stdint.h>
#include "platform/ptrace.h"

/* Print "Internal error: <str>", the decoded fault status (fsr != 0), all registers, the mode
 * and a backtrace, then stop the machine with EXIT_OOPS. */
__attribute__((noreturn)) void die(const char *str, struct pt_regs *regs, uint32_t fsr);
void show_regs(const struct pt_regs *regs);

#endif
