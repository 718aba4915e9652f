/*
 * The exception table: lookup for the fault handler and the boot-time check that the table
 * is sorted (tools/sortextable sorts it after linking; a binary search over an unsorted table
 * would silently miss entries, so the runtime refuses to start instead).
 */
#include "platform/extable.h"
#include "runtime/printk.h"

/*
 * Binary search by instruction address. Guarantees: returns the entry whose insn is pc when
 * one exists, provided the table is sorted (check_exception_table has verified it at boot).
 */
const struct exception_table_entry *search_exception_tables(uint32_t pc)
{
	const struct exception_table_entry *lo = __start___ex_table;
	const struct exception_table_entry *hi = __stop___ex_table;

	while (lo < hi) {
		const struct exception_table_entry *mid = lo + (hi - lo) / 2;

		if (mid->insn == pc)
			return mid;
		if (mid->insn < pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Redirect a fault at a listed instruction to its fixup; the abort return then resumes there
 * with every other register as the faulting instruction left it. */
int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ARM_pc);

	if (!e)
		return 0;
	regs->ARM_pc = e->fixup;
	return 1;
}

int check_exception_table(void)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table + 1; e < __stop___ex_table; e++) {
		if (e->insn < e[-1].insn) {
			printk("exception table is not sorted: entry %ld (insn %08lx) follows "
			       "entry "
			       "%ld (insn %08lx)\n",
			       (long)(e - __start___ex_table), (unsigned long)e->insn,
			       (long)(e - 1 - __start___ex_table), (unsigned long)e[-1].insn);
			return -1;
		}
	}
	return 0;
}
