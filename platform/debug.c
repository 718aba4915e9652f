/* The debugger's stop at a fatal fault (platform/debug.h, tools/uniarm.gdb). */
#include "platform/debug.h"

struct pt_regs *volatile debug_fault_regs;

/* Where gdb's breakpoint sits: out of line and not empty to the compiler, so it is reached. */
__attribute__((noinline)) void debug_fault_stop(void)
{
	__asm__ volatile("" ::: "memory");
}

void debug_fatal_fault(struct pt_regs *regs)
{
	debug_fault_regs = regs;
	debug_fault_stop();
}
