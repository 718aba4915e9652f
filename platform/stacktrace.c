/* Walk clang's ARM frame-pointer chain on the runtime stack. */
#include "platform/stacktrace.h"
#include "platform/memory.h"
#include "runtime/printk.h"

#define MAX_FRAMES 32

static int frame_ok(uintptr_t fp, uintptr_t prev)
{
	return (fp & 3u) == 0 && fp > prev && fp >= (uintptr_t)__svc_stack_limit &&
	       fp + 8 <= (uintptr_t)__svc_stack_top;
}

void dump_backtrace(const struct pt_regs *regs)
{
	uintptr_t fp = regs->ARM_fp;
	uintptr_t prev = 0;

	printk("Backtrace:\n");
	printk("[<%08lx>]\n", (unsigned long)regs->ARM_pc);
	for (int i = 0; i < MAX_FRAMES && frame_ok(fp, prev); i++) {
		const uint32_t *frame = (const uint32_t *)fp;
		uint32_t lr = frame[1];

		if (lr == 0)
			break;
		/* lr is the return address; the call was the instruction before it. */
		printk("[<%08lx>]\n", (unsigned long)(lr - 4));
		prev = fp;
		fp = frame[0];
	}
}
