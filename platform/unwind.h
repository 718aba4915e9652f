/*
 * Stack unwinding from the ARM EHABI tables (.ARM.exidx and .ARM.extab, see "Exception Handling
 * ABI for the ARM Architecture", ARM IHI 0038). Every uniarm, application and newlib function
 * is built with -funwind-tables (newlib by tools/build-newlib) and uniarm's assembler routines
 * carry annotations, so unlike a frame-pointer walk this also finds the callers of leaf
 * functions that keep their return address in lr, and goes on through the C library. The
 * unwinder only reads the image's own tables and code and the stack being walked, each
 * bounds-checked, so a corrupt stack ends the walk instead of faulting.
 */
#ifndef UNIARM_PLATFORM_UNWIND_H
#define UNIARM_PLATFORM_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "platform/ptrace.h"

/* The registers of one frame: what the unwinding instructions can restore. */
struct stackframe {
	uint32_t fp;	  /* r11 */
	uint32_t sp;	  /* r13 */
	uint32_t lr;	  /* r14 */
	uint32_t pc;	  /* r15: the faulting instruction, then a return address per frame */
	uint32_t r[11];	  /* r0-r10 */
	uint32_t ip;	  /* r12 */
	uint32_t fn;	  /* set by unwind_frame(): start of the function it unwound out of */
	int pc_is_return; /* pc is a return address: the call is the instruction before it */
};

/* unwind_frame() results below 0. */
#define UNWIND_NO_TABLE	   (-1) /* no exidx entry covers pc, or the entry is EXIDX_CANTUNWIND */
#define UNWIND_REFUSED	   (-2) /* "refuse to unwind", a spare opcode or a malformed entry */
#define UNWIND_BAD_STACK   (-3) /* a pop or the new sp left the current task's kernel stack */
#define UNWIND_NO_PROGRESS (-4) /* sp went down, neither sp nor pc moved, or pc left the code */

/*
 * A set of unwind tables: the index (sorted by function address), the code it covers, and the
 * read-only memory that holds the index and .ARM.extab. The runtime's come from its link;
 * exec sets app_unwind_tables from the application's PT_ARM_EXIDX and segments (all zero: the
 * application's frames have no tables).
 */
struct unwind_tables {
	const uint32_t *idx_start, *idx_end;
	const void *text_lo, *text_hi;
	const void *tab_lo, *tab_hi;
};
extern struct unwind_tables app_unwind_tables;

/* Whether addr is code that a set of tables covers (the runtime's, or the application's while
 * mapped). */
bool unwind_text_contains(uintptr_t addr);

/* Top of the stack the application runs on (set when it starts). */
extern unsigned long application_stack_top;

/* Whether [addr, addr + len) lies on the stack being walked (the runtime's SVC stack, or the
 * application's [sp, STACK_TOP) when the exception came from it) and is mapped. */
bool unwind_stack_contains(uintptr_t addr, size_t len);

/* The innermost frame: the registers an exception saved; also picks the stack to walk. */
void unwind_init_frame(struct stackframe *frame, const struct pt_regs *regs);

/*
 * Move frame one call up: look up the exidx entry for frame->pc, run its unwinding
 * instructions on frame's registers and the stack, and leave the caller's registers (pc = the
 * return address) in frame. Returns 0, or one of the UNWIND_ codes above with frame unchanged.
 */
int unwind_frame(struct stackframe *frame);

/*
 * After a successful unwind_frame(): when the call instruction before frame->pc is an ARM
 * BL/BLX <imm> whose target lies in another function with unwind tables than the one just
 * unwound out of (frame->fn), that target was entered and left by a tail call on the way there;
 * returns its address (bit 0 set for a Thumb target). Returns 0 otherwise.
 *
 * A function is its first index entry's region and the regions after it that are marked as
 * its continuation. An assembler routine whose paths have different frames (a frameless leaf
 * path, a path that pushes registers) describes each path with a region of its own
 * (.fnstart/.fnend); every region after the first starts its unwinding instructions with the
 * two bytes below, so that a fault in a later path is not taken for a tail call from the
 * routine's entry to it:
 *
 *	.unwind_raw 0, 0x40, 0x00	@ after the region's other unwind directives
 *
 * (vsp -= 4, vsp += 4: a no-op for every unwinder; the assembler emits the directives of a
 * region in reverse order, so the last one's bytes come first).
 */
uint32_t unwind_tail_call_target(const struct stackframe *frame);

#endif
