/* The debugger's stop at a fatal fault (platform/debug.h, tools/uniarm.gdb). */
#include "platform/debug.h"
#include "platform/domain.h"

struct pt_regs *volatile debug_fault_regs;

/* Where gdb's breakpoint sits: out of line and not empty to the compiler, so it is reached. */
__attribute__((noinline)) void debug_fault_stop(void)
{
	__asm__ volatile("" ::: "memory");
}

/* gdb reads memory with the CPU's current permissions: application memory is opened while it
 * may be stopped here, so that it can show the application's stack and code. */
void debug_fatal_fault(struct pt_regs *regs)
{
	uint32_t dacr = uaccess_save_and_enable();

	debug_fault_regs = regs;
	debug_fault_stop();
	uaccess_restore(dacr);
}
