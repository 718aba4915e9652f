/*
 * ARM EHABI stack unwinder for Oops backtraces. It interprets the unwinding instructions of
 * the ARM-defined compact model (ARM IHI 0038, "Exception Handling ABI for the ARM
 * Architecture", sections 5, 6 and 9) on a virtual register set, the way a personality routine
 * would during phase 2 of an exception, but only to recover the caller's sp and pc. Two sets
 * of tables: the runtime's (in its image) and the application's (in its own read-only segment,
 * which exec finds, runtime/exec.c). Nothing here trusts the data it walks: reads of a set of
 * tables stay inside the memory that holds it (and, for the application's, on mapped pages),
 * reads of saved registers inside the stack being walked, and any surprise ends the walk with
 * an error.
 */
#include "platform/unwind.h"
#include "runtime/sched.h"
#include "platform/memory.h"
#include "platform/mmu.h"

#include <stdbool.h>
#include <stddef.h>

#define R_FP 11
#define R_SP 13
#define R_LR 14
#define R_PC 15

#define EXIDX_CANTUNWIND 0x1u

/* The runtime's index table, sorted by function address (platform/uniarm.ld). */
extern const uint32_t __exidx_start[], __exidx_end[];

static const struct unwind_tables runtime_tables = {
	.idx_start = __exidx_start,
	.idx_end = __exidx_end,
	.text_lo = _text,
	.text_hi = _etext,
	.tab_lo = __start_rodata,
	.tab_hi = __end_rodata,
};

struct unwind_tables app_unwind_tables;

/* The tables that cover code at addr: the application's below TASK_SIZE. */
static const struct unwind_tables *tables_of(uintptr_t addr)
{
	return addr < TASK_SIZE ? &app_unwind_tables : &runtime_tables;
}

/* One unwind in progress: the virtual register set and the opcode byte stream. */
struct unwind_ctx {
	const struct unwind_tables *tab; /* the tables read */
	uint32_t vrs[16];		 /* r0-r15; vrs[R_SP] is the spec's vsp */
	bool pc_popped;			 /* an instruction restored r15 itself */
	const uint32_t *word;		 /* word holding the next opcode byte */
	unsigned int words;		 /* words of opcodes left, counting *word */
	int shift; /* bit position of the next byte in *word; < 0: *word is used up */
};

/* [addr, addr + len) lies inside [lo, hi), without overflowing. */
static bool in_range(uintptr_t addr, size_t len, const void *lo, const void *hi)
{
	return addr >= (uintptr_t)lo && addr <= (uintptr_t)hi && len <= (uintptr_t)hi - addr;
}

/* Code that tab covers; the application's only where it is still mapped. */
static bool in_text(const struct unwind_tables *tab, uintptr_t addr, size_t len)
{
	return tab->idx_start && in_range(addr, len, tab->text_lo, tab->text_hi) &&
	       (tab == &runtime_tables || (addr_is_mapped(addr) && addr_is_mapped(addr + len - 1)));
}

/* The stack being walked: set by unwind_init_frame from the mode the exception came from. */
static uintptr_t stack_lo, stack_hi;
unsigned long application_stack_top;

bool unwind_stack_contains(uintptr_t addr, size_t len)
{
	return in_range(addr, len, (const void *)stack_lo, (const void *)stack_hi) &&
	       (len == 0 || (addr_is_mapped(addr) && addr_is_mapped(addr + len - 1)));
}

/* Read one saved register off the stack being walked. */
static bool stack_read(uint32_t addr, uint32_t *val)
{
	if ((addr & 3u) || !unwind_stack_contains(addr, 4))
		return false;
	*val = *(const uint32_t *)addr;
	return true;
}

bool unwind_text_contains(uintptr_t addr)
{
	return in_text(tables_of(addr), addr, 1);
}

/* The unwind tables live in read-only data (.ARM.extab and .ARM.exidx); the application's
 * pages are checked to be still mapped. */
static bool table_ok(const struct unwind_tables *tab, const uint32_t *p, unsigned int words)
{
	uintptr_t a = (uintptr_t)p;

	return (a & 3u) == 0 && in_range(a, (size_t)words * 4, tab->tab_lo, tab->tab_hi) &&
	       (tab == &runtime_tables ||
		(addr_is_mapped(a) && addr_is_mapped(a + (size_t)words * 4 - 1)));
}

/* A prel31 field (IHI 0038 section 4.4.2): a 31-bit signed offset from the field itself. */
static uintptr_t prel31(const uint32_t *field)
{
	uint32_t off = *field & 0x7fffffffu;

	if (off & 0x40000000u)
		off |= 0x80000000u;
	return (uintptr_t)field + off;
}

/*
 * The index table entry covering addr (IHI 0038 section 5): each entry is {prel31 function
 * start, unwind data}, sorted by start and covering up to the next entry's start, so the
 * binary search looks for the last start <= addr. lld ends the table with a CANTUNWIND
 * sentinel, and addresses outside the image's code never match.
 */
static const uint32_t *exidx_find(uintptr_t addr)
{
	const struct unwind_tables *tab = tables_of(addr);
	size_t lo = 0, hi = (size_t)(tab->idx_end - tab->idx_start) / 2;
	const uint32_t *found = NULL;

	if (!in_text(tab, addr, 1) || !table_ok(tab, tab->idx_start, (unsigned int)hi * 2))
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const uint32_t *entry = tab->idx_start + 2 * mid;

		if (prel31(entry) <= addr) {
			found = entry;
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return found;
}

/* Where the code of the frame's pc is: a return address is looked up by its call
 * instruction, since a call to a noreturn function may be the last one of its function. */
static uintptr_t frame_addr(const struct stackframe *frame)
{
	uintptr_t pc = frame->pc & ~1u;

	return frame->pc_is_return ? pc - 2 : pc;
}

/*
 * Point ctx at the unwinding instructions of an index entry. The second word of an entry
 * (IHI 0038 section 5) is EXIDX_CANTUNWIND, an inline compact entry (bit 31 set: personality
 * routine 0 and three opcode bytes), or a prel31 to the entry in .ARM.extab. There, bit 31
 * set is the compact model (section 6.3) with the personality index in bits 27-24 and the
 * layouts of section 9: __aeabi_unwind_cpp_pr0 (Su16) has three opcode bytes in the same
 * word, pr1 and pr2 (Lu16, Lu32) a count of further opcode words in bits 23-16 and two bytes.
 * Bit 31 clear is the generic model (section 6.2): a prel31 to a personality routine, whose
 * data is its own; the GCC and LLVM C++ routines start it like Lu16 with the count in bits
 * 31-24 and three bytes, which is what a C++ frame would carry.
 */
static int entry_opcodes(const uint32_t *entry, struct unwind_ctx *ctx)
{
	const uint32_t *tab;
	uint32_t w;

	if (entry[1] == EXIDX_CANTUNWIND)
		return UNWIND_NO_TABLE;
	if (entry[1] & 0x80000000u) {
		if ((entry[1] & 0x7f000000u) != 0)
			return UNWIND_REFUSED; /* inline entries use personality 0 only */
		ctx->word = &entry[1];
		ctx->words = 1;
		ctx->shift = 16;
		return 0;
	}

	tab = (const uint32_t *)prel31(&entry[1]);
	if (!table_ok(ctx->tab, tab, 1))
		return UNWIND_REFUSED;
	w = tab[0];
	if (w & 0x80000000u) {
		unsigned int index = (w >> 24) & 0x7fu;

		ctx->word = tab;
		if (index == 0) {
			ctx->words = 1;
			ctx->shift = 16;
		} else if (index == 1 || index == 2) {
			ctx->words = 1 + ((w >> 16) & 0xffu);
			ctx->shift = 8;
		} else {
			return UNWIND_REFUSED; /* reserved personality index */
		}
	} else {
		tab++;
		if (!table_ok(ctx->tab, tab, 1))
			return UNWIND_REFUSED;
		ctx->word = tab;
		ctx->words = 1 + (tab[0] >> 24);
		ctx->shift = 16;
	}
	if (!table_ok(ctx->tab, ctx->word, ctx->words))
		return UNWIND_REFUSED;
	return 0;
}

/* The next opcode byte (packed most significant byte first), or -1 when there are none. */
static int next_byte(struct unwind_ctx *ctx)
{
	int byte;

	if (ctx->shift < 0) {
		if (ctx->words <= 1)
			return -1;
		ctx->word++;
		ctx->words--;
		ctx->shift = 24;
	}
	byte = (int)((*ctx->word >> ctx->shift) & 0xffu);
	ctx->shift -= 8;
	return byte;
}

/* Pop the core registers in mask (bit n = rn), lowest-numbered from the lowest address. When
 * r13 is among them, the loaded value becomes vsp; otherwise vsp moves past the pops. */
static int pop_regs(struct unwind_ctx *ctx, uint32_t mask)
{
	uint32_t vsp = ctx->vrs[R_SP];

	for (int n = 0; n < 16; n++) {
		if (!(mask & (1u << n)))
			continue;
		if (!stack_read(vsp, &ctx->vrs[n]))
			return UNWIND_BAD_STACK;
		vsp += 4;
	}
	if (mask & (1u << R_PC))
		ctx->pc_popped = true;
	if (!(mask & (1u << R_SP)))
		ctx->vrs[R_SP] = vsp;
	return 0;
}

/* Bytes taken by registers first..first+count-1 of size bytes each, refusing a range that
 * runs past the last register of the bank. */
static int bank_bytes(unsigned int first, unsigned int count, unsigned int last, unsigned int size)
{
	if (first + count - 1 > last)
		return -1;
	return (int)(count * size);
}

/*
 * Run the unwinding instructions (IHI 0038 section 9.3, "Frame unwinding instructions") until
 * "finish" or the end of the stream, which is an implicit finish. Encodings:
 *   00xxxxxx           vsp += (x << 2) + 4
 *   01xxxxxx           vsp -= (x << 2) + 4
 *   10000000 00000000  refuse to unwind
 *   1000iiii iiiiiiii  pop r4-r15 under mask {r15-r12}{r11-r4}
 *   1001nnnn           vsp = r[n]; n = 13 and n = 15 are reserved
 *   10100nnn           pop r4-r[4+n]
 *   10101nnn           pop r4-r[4+n], r14
 *   10110000           finish
 *   10110001 0000iiii  pop r0-r3 under mask; mask 0 and 10110001 xxxxyyyy (x != 0) are spare
 *   10110010 uleb128   vsp += 0x204 + (uleb128 << 2)
 *   10110011 sssscccc  pop d[s]-d[s+c] saved by FSTMFDX: 8 bytes each plus a pad word
 *   101101nn           spare
 *   10111nnn           pop d8-d[8+n] saved by FSTMFDX
 *   11000nnn (n < 6)   pop wR10-wR[10+n] (iWMMXt, 8 bytes each)
 *   11000110 sssscccc  pop wR[s]-wR[s+c]
 *   11000111 0000iiii  pop wCGR0-wCGR3 under mask (4 bytes each); other values are spare
 *   11001000 sssscccc  pop d[16+s]-d[16+s+c] saved by VPUSH
 *   11001001 sssscccc  pop d[s]-d[s+c] saved by VPUSH
 *   11001yyy (y > 1)   spare
 *   11010nnn           pop d8-d[8+n] saved by VPUSH
 *   11xxxyyy (x > 2)   spare
 * uniarm is soft-float, so the VFP and iWMMXt registers are only stepped over.
 */
static int run_opcodes(struct unwind_ctx *ctx)
{
	for (;;) {
		int op = next_byte(ctx);
		int op2, bytes = 0, ret;

		if (op < 0 || op == 0xb0)
			return 0;
		if ((op & 0xc0) == 0x00) {
			ctx->vrs[R_SP] += ((uint32_t)(op & 0x3f) << 2) + 4;
		} else if ((op & 0xc0) == 0x40) {
			ctx->vrs[R_SP] -= ((uint32_t)(op & 0x3f) << 2) + 4;
		} else if ((op & 0xf0) == 0x80) {
			uint32_t mask;

			op2 = next_byte(ctx);
			if (op2 < 0)
				return UNWIND_REFUSED;
			mask = ((uint32_t)(op & 0x0f) << 8 | (uint32_t)op2) << 4;
			if (mask == 0)
				return UNWIND_REFUSED; /* 0x8000: refuse to unwind */
			ret = pop_regs(ctx, mask);
			if (ret)
				return ret;
		} else if ((op & 0xf0) == 0x90) {
			if ((op & 0x0f) == R_SP || (op & 0x0f) == R_PC)
				return UNWIND_REFUSED;
			ctx->vrs[R_SP] = ctx->vrs[op & 0x0f];
		} else if ((op & 0xf0) == 0xa0) {
			uint32_t mask = ((2u << (op & 7)) - 1) << 4;

			if (op & 0x08)
				mask |= 1u << R_LR;
			ret = pop_regs(ctx, mask);
			if (ret)
				return ret;
		} else if (op == 0xb1) {
			op2 = next_byte(ctx);
			if (op2 <= 0 || (op2 & 0xf0))
				return UNWIND_REFUSED;
			ret = pop_regs(ctx, (uint32_t)op2);
			if (ret)
				return ret;
		} else if (op == 0xb2) {
			uint32_t value = 0;
			int shift = 0;

			do {
				op2 = next_byte(ctx);
				if (op2 < 0 || shift > 28)
					return UNWIND_REFUSED;
				value |= (uint32_t)(op2 & 0x7f) << shift;
				shift += 7;
			} while (op2 & 0x80);
			ctx->vrs[R_SP] += 0x204 + (value << 2);
		} else if (op == 0xb3 || op == 0xc6 || op == 0xc8 || op == 0xc9) {
			op2 = next_byte(ctx);
			if (op2 < 0)
				return UNWIND_REFUSED;
			/* d0-d15 (FSTMFDX, VPUSH), d16-d31 (VPUSH), wR0-wR15: all 8 bytes */
			bytes = bank_bytes((unsigned int)op2 >> 4, ((unsigned int)op2 & 0x0f) + 1,
					   15, 8);
			if (op == 0xb3 && bytes > 0)
				bytes += 4; /* FSTMFDX's format word */
		} else if ((op & 0xf8) == 0xb8) {
			bytes = (op & 7) * 8 + 8 + 4; /* d8-d[8+n], FSTMFDX */
		} else if (op == 0xc7) {
			op2 = next_byte(ctx);
			if (op2 <= 0 || (op2 & 0xf0))
				return UNWIND_REFUSED;
			bytes = 4 * __builtin_popcount((unsigned int)op2);
		} else if ((op & 0xf8) == 0xc0) {
			bytes = (op & 7) * 8 + 8; /* wR10-wR[10+n]; 0xc6 and 0xc7 handled above */
		} else if ((op & 0xf8) == 0xd0) {
			bytes = (op & 7) * 8 + 8; /* d8-d[8+n], VPUSH */
		} else {
			return UNWIND_REFUSED; /* 101101nn, 11001yyy, 11xxxyyy: spare */
		}
		if (bytes < 0)
			return UNWIND_REFUSED;
		ctx->vrs[R_SP] += (uint32_t)bytes;
	}
}

static void frame_to_vrs(const struct stackframe *frame, uint32_t *vrs)
{
	for (int n = 0; n < 11; n++)
		vrs[n] = frame->r[n];
	vrs[R_FP] = frame->fp;
	vrs[12] = frame->ip;
	vrs[R_SP] = frame->sp;
	vrs[R_LR] = frame->lr;
	vrs[R_PC] = frame->pc;
}

static void vrs_to_frame(const uint32_t *vrs, struct stackframe *frame)
{
	for (int n = 0; n < 11; n++)
		frame->r[n] = vrs[n];
	frame->fp = vrs[R_FP];
	frame->ip = vrs[12];
	frame->sp = vrs[R_SP];
	frame->lr = vrs[R_LR];
	frame->pc = vrs[R_PC];
}

void unwind_init_frame(struct stackframe *frame, const struct pt_regs *regs)
{
	if ((regs->ARM_cpsr & PSR_MODE_MASK) == PSR_MODE_SVC) {
		stack_lo = (uintptr_t)task_stack_page(current);
		stack_hi = stack_lo + THREAD_SIZE;
	} else {
		/* The application's stack: from sp up to its top (pages checked on read). */
		stack_lo = regs->ARM_sp & PAGE_MASK;
		stack_hi = regs->ARM_sp < application_stack_top ? application_stack_top : stack_lo;
	}
	for (int n = 0; n < 11; n++)
		frame->r[n] = regs->uregs[n];
	frame->fp = regs->ARM_fp;
	frame->ip = regs->uregs[12];
	frame->sp = regs->ARM_sp;
	frame->lr = regs->ARM_lr;
	frame->pc = regs->ARM_pc | (thumb_mode(regs) ? 1u : 0u);
	frame->fn = 0;
	frame->pc_is_return = 0;
}

/*
 * Whether the region of an index entry continues the function of the entry before it: its
 * unwinding instructions start with 0x40 0x00 (vsp -= 4, then vsp += 4: a no-op no compiler
 * emits), which the assembler routines whose paths have frames of their own put on every
 * region but the first (platform/unwind.h).
 */
static bool region_continues(const struct unwind_tables *tab, const uint32_t *entry)
{
	struct unwind_ctx ctx = {.tab = tab};

	if (entry_opcodes(entry, &ctx))
		return false;
	return next_byte(&ctx) == 0x40 && next_byte(&ctx) == 0x00;
}

/* The start of the function an index entry's region belongs to. */
static uintptr_t function_start(const struct unwind_tables *tab, const uint32_t *entry)
{
	while (entry > tab->idx_start && region_continues(tab, entry))
		entry -= 2;
	return prel31(entry);
}

int unwind_frame(struct stackframe *frame)
{
	const struct unwind_tables *tab = tables_of(frame_addr(frame));
	struct unwind_ctx ctx = {.tab = tab, .pc_popped = false};
	const uint32_t *entry = exidx_find(frame_addr(frame));
	uint32_t sp, pc;
	int ret;

	if (!entry)
		return UNWIND_NO_TABLE;
	ret = entry_opcodes(entry, &ctx);
	if (ret)
		return ret;
	frame_to_vrs(frame, ctx.vrs);
	ret = run_opcodes(&ctx);
	if (ret)
		return ret;
	/* A frame that did not restore pc returns through lr: this is what makes a leaf that
	 * keeps its return address in lr ("finish" straight away) unwind to its caller. */
	if (!ctx.pc_popped)
		ctx.vrs[R_PC] = ctx.vrs[R_LR];

	sp = ctx.vrs[R_SP];
	pc = ctx.vrs[R_PC];
	/* The caller's sp may be the very top of the stack (the outermost frame). */
	if ((sp & 3u) || sp < stack_lo || sp > stack_hi)
		return UNWIND_BAD_STACK;
	/* A leaf with no stack frame returns with sp unchanged, so only a lower sp, or a frame
	 * that did not move at all, is a loop. */
	if (sp < frame->sp || (sp == frame->sp && pc == frame->pc))
		return UNWIND_NO_PROGRESS;
	if (!in_text(tables_of(pc & ~1u), pc & ~1u, 1))
		return UNWIND_NO_PROGRESS;

	vrs_to_frame(ctx.vrs, frame);
	frame->fn = function_start(tab, entry);
	frame->pc_is_return = 1;
	return 0;
}

/* Sign-extend the low bits of v, bits wide. */
static int32_t sign_extend(uint32_t v, unsigned int bits)
{
	uint32_t m = 1u << (bits - 1);

	v &= (m << 1) - 1;
	return (int32_t)((v ^ m) - m);
}

uint32_t unwind_tail_call_target(const struct stackframe *frame)
{
	uintptr_t ret = frame->pc;
	uint32_t insn, target;
	const uint32_t *entry;

	/* ARM callers only: the code with tables (uniarm's, newlib's, the application's) is
	 * ARM. */
	if (!frame->pc_is_return || (ret & 3u) || !in_text(tables_of(ret - 4), ret - 4, 4))
		return 0;
	insn = *(const uint32_t *)(ret - 4);
	/* ARM ARM DDI 0406C A8.8.25: BL cond != 1111 is cond:1011:imm24, BLX (immediate) is
	 * 1111:101:H:imm24; the target is the call's address + 8 + imm24 * 4 (+ H * 2). */
	if ((insn & 0xfe000000u) == 0xfa000000u) {
		target = (uint32_t)(ret + 4 + (uint32_t)(sign_extend(insn, 24) * 4)) +
			 ((insn >> 23) & 2u);
		target |= 1u;
	} else if ((insn & 0x0f000000u) == 0x0b000000u) {
		target = (uint32_t)(ret + 4 + (uint32_t)(sign_extend(insn, 24) * 4));
	} else {
		return 0;
	}
	entry = exidx_find(target & ~1u);
	if (!entry || entry[1] == EXIDX_CANTUNWIND ||
	    function_start(tables_of(target & ~1u), entry) == frame->fn)
		return 0;
	return target;
}

/*
 * The compiler marks every function's unwind entry with a reference to the EHABI personality
 * routine it needs, so that a C++ program's link pulls it in. The runtime throws nothing and
 * reads its tables itself (above): these stand in for libgcc's, which would pull libgcc's
 * whole unwinder into the runtime (Linux ARM does the same, in arch/arm/kernel/unwind.c).
 */
void __aeabi_unwind_cpp_pr0(void);
void __aeabi_unwind_cpp_pr1(void);
void __aeabi_unwind_cpp_pr2(void);

void __aeabi_unwind_cpp_pr0(void)
{
}

void __aeabi_unwind_cpp_pr1(void)
{
}

void __aeabi_unwind_cpp_pr2(void)
{
}
