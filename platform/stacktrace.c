/*
 * Oops backtraces. The EHABI unwinder (platform/unwind.c) walks the frames of code with unwind
 * tables, which is all of uniarm, the application and newlib; where it reaches code without
 * them (assembly without annotations), the walk continues along clang's ARM frame-pointer chain
 * ([fp] = caller's fp, [fp + 4] = lr), which is all such code can offer.
 *
 * A recursion repeats the same frames thousands of times (a stack overflow: the whole 8 MiB
 * stack): a cycle of 1 to BT_MAX_PERIOD frames seen BT_REPEAT_MIN times in a row is printed
 * once, followed by a line with its count, and the walk goes on to the frames above it.
 */
#include "platform/stacktrace.h"
#include "platform/domain.h"
#include "platform/memory.h"
#include "platform/unwind.h"
#include "runtime/printk.h"

#define BT_MAX_LINES  32	  /* lines printed, frames and repeat counts */
#define BT_MAX_WALK   (1ul << 20) /* frames walked: 8-byte frames fill an 8 MiB stack */
#define BT_MAX_PERIOD 4		  /* the longest cycle of frames compressed */
#define BT_REPEAT_MIN 3		  /* a cycle seen this many times in a row is compressed */
#define BT_PENDING    (BT_MAX_PERIOD * BT_REPEAT_MIN)

/*
 * The frames of one backtrace on their way to the console. The last frames are held back
 * (pending) until it is known whether they start a cycle; while a cycle repeats (period != 0),
 * frames are only compared with it and counted.
 */
struct bt_state {
	uint32_t pending[BT_PENDING]; /* not printed yet, oldest first */
	unsigned int npending;
	uint32_t cycle[BT_MAX_PERIOD]; /* the repeating frames, printed once already */
	unsigned int period;	       /* frames in the cycle; 0: none repeating */
	unsigned int pos;	       /* frames of the current repetition seen */
	unsigned long repeats;	       /* whole repetitions seen, the printed one included */
	unsigned int lines;	       /* lines printed */
	unsigned long walked;	       /* frames seen */
};

static void print_line(struct bt_state *st, uint32_t addr)
{
	if (st->lines < BT_MAX_LINES) {
		printk("[<%08lx>]\n", (unsigned long)addr);
		st->lines++;
	}
}

/* The first n pending frames go to the console. */
static void print_pending(struct bt_state *st, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		print_line(st, st->pending[i]);
	for (unsigned int i = n; i < st->npending; i++)
		st->pending[i - n] = st->pending[i];
	st->npending -= n;
}

/* The cycle stopped repeating: say how often it did; the frames of its last, incomplete
 * repetition go back to pending. */
static void end_cycle(struct bt_state *st)
{
	if (st->lines < BT_MAX_LINES) {
		if (st->period == 1)
			printk("  ... the frame above occurs %lu times in a row\n", st->repeats);
		else
			printk("  ... the %u frames above occur %lu times in a row\n", st->period,
			       st->repeats);
		st->lines++;
	}
	for (unsigned int i = 0; i < st->pos; i++)
		st->pending[st->npending++] = st->cycle[i];
	st->period = 0;
}

/* Whether the last BT_REPEAT_MIN * p pending frames are one cycle of p frames repeated. */
static bool pending_repeats(const struct bt_state *st, unsigned int p)
{
	unsigned int n = BT_REPEAT_MIN * p, first = st->npending - n;

	if (st->npending < n)
		return false;
	for (unsigned int i = first + p; i < st->npending; i++)
		if (st->pending[i] != st->pending[i - p])
			return false;
	return true;
}

/* One more frame, innermost first: false when the backtrace has printed all it may. */
static bool bt_frame(struct bt_state *st, uint32_t addr)
{
	if (++st->walked > BT_MAX_WALK || st->lines >= BT_MAX_LINES)
		return false;
	if (st->period) {
		if (addr == st->cycle[st->pos]) {
			if (++st->pos == st->period) {
				st->pos = 0;
				st->repeats++;
			}
			return true;
		}
		end_cycle(st);
	}
	if (st->npending == BT_PENDING)
		print_pending(st, 1);
	st->pending[st->npending++] = addr;
	for (unsigned int p = 1; p <= BT_MAX_PERIOD; p++) {
		if (!pending_repeats(st, p))
			continue;
		/* Print what came before the cycle and the cycle once; count the rest. */
		print_pending(st, st->npending - BT_REPEAT_MIN * p);
		for (unsigned int i = 0; i < p; i++)
			st->cycle[i] = st->pending[i];
		print_pending(st, p);
		st->npending = 0;
		st->period = p;
		st->pos = 0;
		st->repeats = BT_REPEAT_MIN;
		break;
	}
	return st->lines < BT_MAX_LINES;
}

/* The walk is over: print what is held back. */
static void bt_finish(struct bt_state *st)
{
	if (st->period)
		end_cycle(st);
	print_pending(st, st->npending);
	if (st->walked > BT_MAX_WALK)
		printk("  ... (the walk stopped after %lu frames)\n", BT_MAX_WALK);
}

/* lr is the return address; the call was the instruction before it. */
static uint32_t call_site(uint32_t lr)
{
	return (lr & ~1u) - 4;
}

static int in_text(uint32_t addr)
{
	return unwind_text_contains(addr);
}

/* A frame record on the stack being walked, at or above low. */
static int frame_ok(uintptr_t fp, uintptr_t low)
{
	return (fp & 3u) == 0 && fp >= low && unwind_stack_contains(fp, 8);
}

/* Follow the frame-pointer chain from fp, the frame records going up the stack from low. */
static void walk_frame_pointers(struct bt_state *st, uintptr_t fp, uintptr_t low)
{
	while (frame_ok(fp, low)) {
		const uint32_t *record = (const uint32_t *)fp;
		uint32_t lr = record[1];

		if (!in_text(lr & ~1u) || !bt_frame(st, call_site(lr)))
			break;
		low = fp + 4;
		fp = record[0];
	}
}

static void walk_stack(struct bt_state *st, const struct pt_regs *regs)
{
	struct stackframe frame;

	bt_frame(st, regs->ARM_pc);
	unwind_init_frame(&frame, regs);
	if (!in_text(regs->ARM_pc) && in_text(regs->ARM_lr & ~1u)) {
		/* A jump to a bad address (a NULL function pointer): nothing ran there, so the
		 * caller is where lr points, as in a leaf function. */
		frame.pc = regs->ARM_lr;
		frame.pc_is_return = 1;
		if (!bt_frame(st, call_site(frame.pc)))
			return;
	}
	for (;;) {
		int ret = unwind_frame(&frame);
		uint32_t tail;

		if (ret == UNWIND_NO_TABLE) {
			walk_frame_pointers(st, frame.fp, frame.sp);
			return;
		}
		if (ret)
			return;
		tail = unwind_tail_call_target(&frame);
		if (tail && !bt_frame(st, tail & ~1u))
			return;
		if (!bt_frame(st, call_site(frame.pc)))
			return;
	}
}

void dump_backtrace(const struct pt_regs *regs)
{
	struct bt_state st = {.npending = 0};
	uint32_t dacr;

	printk("Backtrace:\n");
	/* The application's frames are read from its stack and its own unwind tables, each word
	 * checked to be mapped first (platform/unwind.c): with application memory open. */
	dacr = uaccess_save_and_enable();
	walk_stack(&st, regs);
	uaccess_restore(dacr);
	bt_finish(&st);
}
