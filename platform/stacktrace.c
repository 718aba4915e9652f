/*
 * Oops backtraces. The EHABI unwinder (platform/unwind.c) walks the frames of code with unwind
 * tables, which is all of uniarm and the application; where it reaches code without them
 * (newlib's Thumb code, assembly), the walk continues along clang's ARM frame-pointer chain
 * ([fp] = caller's fp, [fp + 4] = lr), which is all such code can offer.
 */
#include "platform/stacktrace.h"
#include "platform/memory.h"
#include "platform/unwind.h"
#include "runtime/printk.h"

#define MAX_FRAMES 32

static void print_frame(uint32_t addr)
{
	printk("[<%08lx>]\n", (unsigned long)addr);
}

/* lr is the return address; the call was the instruction before it. */
static uint32_t call_site(uint32_t lr)
{
	return (lr & ~1u) - 4;
}

static int in_text(uint32_t addr)
{
	return addr >= (uintptr_t)_text && addr < (uintptr_t)_etext;
}

/* A frame record on the stack being walked, at or above low. */
static int frame_ok(uintptr_t fp, uintptr_t low)
{
	return (fp & 3u) == 0 && fp >= low && unwind_stack_contains(fp, 8);
}

/* Follow the frame-pointer chain from fp, the frame records going up the stack from low. */
static void walk_frame_pointers(uintptr_t fp, uintptr_t low, int frames)
{
	for (; frames < MAX_FRAMES && frame_ok(fp, low); frames++) {
		const uint32_t *record = (const uint32_t *)fp;
		uint32_t lr = record[1];

		if (!in_text(lr & ~1u))
			break;
		print_frame(call_site(lr));
		low = fp + 4;
		fp = record[0];
	}
}

void dump_backtrace(const struct pt_regs *regs)
{
	struct stackframe frame;
	int frames = 1;

	printk("Backtrace:\n");
	print_frame(regs->ARM_pc);
	unwind_init_frame(&frame, regs);
	if (!in_text(regs->ARM_pc) && in_text(regs->ARM_lr & ~1u)) {
		/* A jump to a bad address (a NULL function pointer): nothing ran there, so the
		 * caller is where lr points, as in a leaf function. */
		frame.pc = regs->ARM_lr;
		frame.pc_is_return = 1;
		print_frame(call_site(frame.pc));
		frames++;
	}
	while (frames < MAX_FRAMES) {
		int ret = unwind_frame(&frame);
		uint32_t tail;

		if (ret == UNWIND_NO_TABLE) {
			walk_frame_pointers(frame.fp, frame.sp, frames);
			return;
		}
		if (ret)
			return;
		tail = unwind_tail_call_target(&frame);
		if (tail) {
			print_frame(tail & ~1u);
			if (++frames == MAX_FRAMES)
				return;
		}
		print_frame(call_site(frame.pc));
		frames++;
	}
}
