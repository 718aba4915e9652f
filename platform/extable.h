/*
 * Exception tables: (instruction, fixup) pairs in section __ex_table, one per load or store
 * that may touch an application pointer. tools/sortextable sorts the table after linking
 * (uniarm_add_app runs it); the runtime checks at boot that it is sorted and refuses to
 * start otherwise. See docs/uaccess.md.
 */
#ifndef UNIARM_PLATFORM_EXTABLE_H
#define UNIARM_PLATFORM_EXTABLE_H

#ifdef __ASSEMBLER__
/* clang-format off */
/* _ASM_EXTABLE insn, fixup: a fault at label insn continues at label fixup. */
	.macro	_ASM_EXTABLE insn, fixup
	.pushsection __ex_table, "a"
	.balign	4
	.long	\insn, \fixup
	.popsection
	.endm

/* _ASM_USER fixup, insn: the instruction, listed with fixup (one access to application
 * memory). */
	.macro	_ASM_USER fixup, insn:vararg
9999:	\insn
	_ASM_EXTABLE 9999b, \fixup
	.endm
/* clang-format on */
#else
#include <stdint.h>
#include "platform/ptrace.h"

struct exception_table_entry {
	uint32_t insn, fixup;
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* The entry for the instruction at pc (binary search), or NULL. */
const struct exception_table_entry *search_exception_tables(uint32_t pc);
/* If regs->pc has an entry, move it to the fixup and return 1; else 0. */
int fixup_exception(struct pt_regs *regs);
/* 0 when the table is sorted by insn; else -1 with a message printed. Called at boot. */
int check_exception_table(void);
#endif

#endif
