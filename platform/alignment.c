/*
 * Unaligned accesses of the application (Linux 6.1's arch/arm/mm/alignment.c, do_alignment, in
 * the mode ARMv6 and later run it in: ai_usermode UM_FIXUP).
 *
 * SCTLR.A is clear (platform/head.S): the CPU itself does LDR/STR and LDRH/STRH at any address.
 * What still takes an alignment fault at an address that is not word-aligned is LDRD/STRD and
 * LDM/STM (PUSH/POP), and what needs alignment whatever SCTLR.A says (LDREX/STREX, VLDR/VSTR,
 * ...). The first are emulated as Linux does: the faulting instruction is read from the
 * application's memory, decoded, its transfer made through the guarded user copies
 * (platform/uaccess.h), and its registers updated (the loaded ones, the base on writeback, the
 * pc past it, the IT state): the application goes on as if the CPU had done it. Everything else
 * is SIGBUS BUS_ADRALN, and an emulated transfer that faults is what Linux's do_bad_area makes
 * of it: SIGSEGV SEGV_MAPERR at the faulting address (platform/fault.c sends both).
 *
 * Decoded: ARM LDRD/STRD (immediate or register offset, offset/pre/post-indexed) and LDM/STM
 * (IA, IB, DA, DB, writeback, pc in an LDM's list); Thumb-2 LDRD/STRD (immediate) and
 * LDM/STM (IA, DB: PUSH.W/POP.W too); Thumb LDM/STM and PUSH/POP. Not emulated, as Linux: LDM/
 * STM with the S bit, an ARM LDRD/STRD with an odd Rt or Rt = lr; nor the UNPREDICTABLE forms
 * (pc as LDM/STM's base, as an offset register, or as a base written back; sp or pc as a
 * Thumb LDRD/STRD register, sp in a Thumb-2 list, pc in a Thumb STM's; an empty list). The
 * word and halfword forms Linux also decodes never fault with SCTLR.A clear: /proc/cpu/
 * alignment's Half and Word stay 0, as on Linux.
 *
 * Where uniarm does what the CPU would rather than what Linux does: the addresses come from
 * the registers (Linux takes LDRD's from the fault address: the same value), a load changes no
 * register unless the whole transfer succeeded (Linux's LDM keeps the registers loaded before
 * the fault), a pc loaded by LDM/POP interworks (bit 0 selects Thumb, as BXWritePC; Linux
 * keeps the state, so a Thumb POP returning to ARM code ends in SIGILL there), and the SIGBUS
 * of an instruction not emulated has pc at it (Linux's is past it when the decoding gave up).
 */
#include "platform/alignment.h"
#include <stdbool.h>
#include "platform/uaccess.h"
#include "runtime/printk.h"
#include "runtime/sched.h"

/* Linux's defaults on ARMv6+ (alignment_init with cpu_is_v6_unaligned). */
static int ai_usermode = UM_FIXUP;
static struct alignment_stats ai;

/* Thumb-2 32-bit instructions start with a halfword 0b11101, 0b11110 or 0b11111 (ARM ARM
 * A6.1). */
static inline bool is_t32(uint16_t hw1)
{
	return (hw1 & 0xe000) == 0xe000 && (hw1 & 0x1800);
}

/* The faulting instruction (ARM, Thumb-2 as hw1 << 16 | hw2, or 16-bit Thumb) and its size: 0,
 * or -1 when it cannot be read. */
static int fetch_insn(const struct pt_regs *regs, uint32_t *insn, unsigned int *size)
{
	uintptr_t pc = regs->ARM_pc;

	if (thumb_mode(regs)) {
		uint16_t hw1, hw2;

		if (get_user(hw1, (const uint16_t __user *)pc))
			return -1;
		if (!is_t32(hw1)) {
			*insn = hw1;
			*size = 2;
			return 0;
		}
		if (get_user(hw2, (const uint16_t __user *)(pc + 2)))
			return -1;
		*insn = (uint32_t)hw1 << 16 | hw2;
		*size = 4;
		return 0;
	}
	*size = 4;
	return get_user(*insn, (const uint32_t __user *)pc) ? -1 : 0;
}

/* What the instruction transfers: n words from addr upward, to or from reg[0..n-1]. */
struct transfer {
	bool load;
	uint32_t addr;
	unsigned int n;
	uint8_t reg[16];
	bool wback; /* then Rn = new_base */
	unsigned int rn;
	uint32_t new_base;
};

/* A register as the instruction reads it: pc is the instruction's address + 8 in ARM state,
 * + 4 in Thumb state (word-aligned where it addresses memory, as Align(PC, 4)). */
static uint32_t reg_value(const struct pt_regs *regs, unsigned int r)
{
	if (r != 15)
		return regs->uregs[r];
	return thumb_mode(regs) ? (regs->ARM_pc + 4) & ~3u : regs->ARM_pc + 8;
}

/* LDRD/STRD: two words at base (+ or - offset before, pre-indexed; after, post-indexed). */
static bool decode_double(struct transfer *t, const struct pt_regs *regs, bool load,
			  unsigned int rn, unsigned int rt, unsigned int rt2, uint32_t offset,
			  bool p, bool u, bool w)
{
	uint32_t base = reg_value(regs, rn);
	uint32_t moved = u ? base + offset : base - offset;

	if (rn == 15 && (w || !p))
		return false;
	t->load = load;
	t->addr = p ? moved : base;
	t->n = 2;
	t->reg[0] = (uint8_t)rt;
	t->reg[1] = (uint8_t)rt2;
	t->wback = !p || w;
	t->rn = rn;
	t->new_base = moved;
	ai.dword++;
	return true;
}

/* LDM/STM: the listed registers, lowest number at the lowest address, from base upward (IA,
 * IB: u) or downward (DA, DB), starting after (IB) or at (IA) base, ending at (DA) or before
 * (DB) it. */
static bool decode_multi(struct transfer *t, const struct pt_regs *regs, bool load, unsigned int rn,
			 uint16_t list, bool p, bool u, bool w)
{
	uint32_t base, bytes;
	unsigned int n = 0;

	if (rn == 15 || !list || (!load && (list & (1u << 15)) && thumb_mode(regs)))
		return false;
	base = regs->uregs[rn];
	for (unsigned int r = 0; r < 16; r++)
		if (list & (1u << r))
			t->reg[n++] = (uint8_t)r;
	bytes = 4 * n;
	t->load = load;
	t->n = n;
	t->addr = u ? base + (p ? 4 : 0) : base - bytes + (p ? 0 : 4);
	t->wback = w;
	t->rn = rn;
	t->new_base = u ? base + bytes : base - bytes;
	ai.multi++;
	return true;
}

/* ARM state (ARM ARM A5.2.8 extra load/store, A5.5 block data transfer). */
static bool decode_arm(struct transfer *t, const struct pt_regs *regs, uint32_t insn)
{
	bool p = insn & (1u << 24), u = insn & (1u << 23), w = insn & (1u << 21);
	unsigned int rn = (insn >> 16) & 15, rt = (insn >> 12) & 15, rm = insn & 15;

	if ((insn >> 28) == 0xf) /* the unconditional space: none of these */
		return false;
	if ((insn & 0x0e1000d0) == 0x000000d0) { /* LDRD 1101, STRD 1111; L clear */
		bool imm = insn & (1u << 22);

		if ((rt & 1) || rt == 14 || (!imm && rm == 15))
			return false;
		return decode_double(t, regs, !(insn & (1u << 5)), rn, rt, rt + 1,
				     imm ? ((insn >> 4) & 0xf0) | rm : regs->uregs[rm], p, u, w);
	}
	if ((insn & 0x0e000000) == 0x08000000 && !(insn & (1u << 22)))
		return decode_multi(t, regs, insn & (1u << 20), rn, (uint16_t)insn, p, u, w);
	return false;
}

/* Thumb-2 (A6.3.5 load/store multiple, A6.3.6 load/store dual). */
static bool decode_t32(struct transfer *t, const struct pt_regs *regs, uint32_t insn)
{
	uint16_t hw1 = (uint16_t)(insn >> 16), hw2 = (uint16_t)insn;
	bool p = hw1 & (1u << 8), u = hw1 & (1u << 7), w = hw1 & (1u << 5), l = hw1 & (1u << 4);
	unsigned int rn = hw1 & 15, rt = hw2 >> 12, rt2 = (hw2 >> 8) & 15;

	if ((hw1 & 0xfe40) == 0xe800) { /* op 01: IA, op 10: DB; 00 and 11 are SRS/RFE */
		if (p == u || (hw2 & (1u << 13)))
			return false;
		return decode_multi(t, regs, l, rn, hw2, p, u, w);
	}
	if ((hw1 & 0xfe40) == 0xe840 && (p || w)) { /* P = W = 0 is the exclusive space */
		if (rt == 13 || rt == 15 || rt2 == 13 || rt2 == 15 || (rn == 15 && !l))
			return false;
		return decode_double(t, regs, l, rn, rt, rt2, (hw2 & 0xffu) << 2, p, u, w);
	}
	return false;
}

/* 16-bit Thumb (A6.2): LDM/STM (IA; writeback unless an LDM loads its base), PUSH/POP. */
static bool decode_t16(struct transfer *t, const struct pt_regs *regs, uint16_t insn)
{
	bool l = insn & (1u << 11);
	uint16_t list = insn & 0xff;

	if ((insn & 0xf000) == 0xc000) {
		unsigned int rn = (insn >> 8) & 7;

		return decode_multi(t, regs, l, rn, list, false, true, !l || !(list & (1u << rn)));
	}
	if ((insn & 0xf600) == 0xb400) { /* PUSH: STMDB sp!, POP: LDMIA sp! */
		if (insn & (1u << 8))
			list |= l ? 1u << 15 : 1u << 14;
		return decode_multi(t, regs, l, 13, list, !l, l, true);
	}
	return false;
}

/* ARM ARM ITAdvance: the IT state (CPSR[15:10, 26:25]) moved on past one instruction. */
static void it_advance(struct pt_regs *regs)
{
	uint32_t cpsr = regs->ARM_cpsr;
	uint32_t it = ((cpsr >> 8) & 0xfc) | ((cpsr >> 25) & 3);

	if (!it)
		return;
	it = (it & 7) ? (it & 0xe0) | ((it << 1) & 0x1f) : 0;
	cpsr &= ~((0x3fu << 10) | (3u << 25));
	regs->ARM_cpsr = cpsr | (it & 0xfc) << 8 | (it & 3) << 25;
}

/* A pc loaded from memory (ARM ARM LoadWritePC, that is BXWritePC): bit 0 selects Thumb. */
static void load_write_pc(struct pt_regs *regs, uint32_t val)
{
	if (val & 1) {
		regs->ARM_cpsr |= PSR_T_BIT;
		regs->ARM_pc = val & ~1u;
	} else {
		regs->ARM_cpsr &= ~PSR_T_BIT;
		regs->ARM_pc = val & ~3u;
	}
}

/* Do the transfer; 0, or -1 when an access faulted (stores before it may have been made, as
 * the CPU's own would). */
static int do_transfer(const struct transfer *t, struct pt_regs *regs, unsigned int size)
{
	uint32_t words[16];
	bool pc_loaded = false;

	if (!t->load) {
		for (unsigned int i = 0; i < t->n; i++)
			words[i] = t->reg[i] == 15 ? regs->ARM_pc + 8 : regs->uregs[t->reg[i]];
		if (copy_to_user((void __user *)(uintptr_t)t->addr, words, 4 * t->n))
			return -1;
	} else if (copy_from_user(words, (const void __user *)(uintptr_t)t->addr, 4 * t->n)) {
		return -1;
	}
	it_advance(regs);
	if (t->load) {
		for (unsigned int i = 0; i < t->n; i++) {
			if (t->reg[i] == 15) {
				pc_loaded = true;
				continue;
			}
			regs->uregs[t->reg[i]] = words[i];
		}
	}
	if (t->wback)
		regs->uregs[t->rn] = t->new_base;
	if (pc_loaded)
		load_write_pc(regs, words[t->n - 1]); /* pc is the highest register */
	else
		regs->ARM_pc += size;
	return 0;
}

enum alignment_result do_alignment(uintptr_t addr, uint32_t fsr, struct pt_regs *regs)
{
	struct transfer t;
	uint32_t insn;
	unsigned int size;
	bool known;

	if (fetch_insn(regs, &insn, &size))
		return ALIGNMENT_SIGSEGV;
	ai.user++;
	if (ai_usermode & UM_WARN)
		printk("Alignment trap: %s (%d) PC=0x%08lx Instr=0x%0*lx Address=0x%08lx FSR "
		       "0x%03lx\n",
		       current->comm, current->pid, (unsigned long)regs->ARM_pc, (int)size * 2,
		       (unsigned long)insn, (unsigned long)addr, (unsigned long)fsr);
	if (!(ai_usermode & UM_FIXUP))
		return ALIGNMENT_SIGBUS;
	if (size == 2)
		known = decode_t16(&t, regs, (uint16_t)insn);
	else if (thumb_mode(regs))
		known = decode_t32(&t, regs, insn);
	else
		known = decode_arm(&t, regs, insn);
	if (!known) {
		ai.skipped++;
		return ALIGNMENT_SIGBUS;
	}
	return do_transfer(&t, regs, size) ? ALIGNMENT_SIGSEGV : ALIGNMENT_FIXED;
}

void alignment_get_stats(struct alignment_stats *st)
{
	*st = ai;
}

int alignment_usermode(void)
{
	return ai_usermode;
}

const char *alignment_usermode_name(int mode)
{
	static const char *const names[] = {"ignored",	  "warn",   "fixup",
					    "fixup+warn", "signal", "signal+warn"};

	return mode >= 0 && mode < 6 ? names[mode] : "?";
}

void alignment_set_usermode(int mode)
{
	if (!(mode & (UM_FIXUP | UM_SIGNAL))) {
		mode |= UM_FIXUP;
		printk("alignment: ignoring faults is unsafe on this CPU.  Defaulting to fixup "
		       "mode.\n");
	}
	ai_usermode = mode;
}
