/*
 * Data and prefetch aborts: DFSR/IFSR are decoded through a table indexed by the 5-bit
 * fault-status code (ARM ARM DDI 0406C, B3.13.3 table B3-23, short-descriptor format). Each row
 * names the fault and holds its handler; faults nobody resolves end in an Oops.
 */
#include "platform/fault.h"
#include "platform/cp15.h"
#include "platform/memory.h"
#include "runtime/oops.h"
#include "runtime/printk.h"
#include "vm/vmalloc.h"

static int do_bad(uintptr_t addr, uint32_t fsr, struct pt_regs *regs)
{
	(void)addr;
	(void)fsr;
	(void)regs;
	return 1;
}

static struct fsr_info fsr_info[32] = {
	[0x00] = {do_bad, "unknown 0"},
	[0x01] = {do_bad, "alignment fault"},
	[0x02] = {do_bad, "debug event"},
	[0x03] = {do_bad, "access flag fault (section)"},
	[0x04] = {do_bad, "fault on instruction cache maintenance"},
	[0x05] = {do_bad, "translation fault (section)"},
	[0x06] = {do_bad, "access flag fault (page)"},
	[0x07] = {do_bad, "translation fault (page)"},
	[0x08] = {do_bad, "synchronous external abort"},
	[0x09] = {do_bad, "domain fault (section)"},
	[0x0a] = {do_bad, "unknown 10"},
	[0x0b] = {do_bad, "domain fault (page)"},
	[0x0c] = {do_bad, "external abort on translation table walk (first level)"},
	[0x0d] = {do_bad, "permission fault (section)"},
	[0x0e] = {do_bad, "external abort on translation table walk (second level)"},
	[0x0f] = {do_bad, "permission fault (page)"},
	[0x10] = {do_bad, "TLB conflict abort"},
	[0x11] = {do_bad, "unknown 17"},
	[0x12] = {do_bad, "unknown 18"},
	[0x13] = {do_bad, "unknown 19"},
	[0x14] = {do_bad, "lockdown abort"},
	[0x15] = {do_bad, "unknown 21"},
	[0x16] = {do_bad, "asynchronous external abort"},
	[0x17] = {do_bad, "unknown 23"},
	[0x18] = {do_bad, "asynchronous parity error on memory access"},
	[0x19] = {do_bad, "synchronous parity error on memory access"},
	[0x1a] = {do_bad, "coprocessor abort"},
	[0x1b] = {do_bad, "unknown 27"},
	[0x1c] = {do_bad, "parity error on translation table walk (first level)"},
	[0x1d] = {do_bad, "unknown 29"},
	[0x1e] = {do_bad, "parity error on translation table walk (second level)"},
	[0x1f] = {do_bad, "unknown 31"},
};

const char *fsr_name(uint32_t fsr)
{
	return fsr_info[fsr_fs(fsr)].name;
}

void hook_fault_code(unsigned int fs, int (*fn)(uintptr_t, uint32_t, struct pt_regs *),
		     const char *name)
{
	if (fs < 32) {
		fsr_info[fs].fn = fn;
		fsr_info[fs].name = name;
	}
}

/* Print the first-level (and, for a page table, second-level) entry that maps addr. */
static void show_pte(uintptr_t addr)
{
	uint32_t pgd = swapper_pg_dir[addr >> SECTION_SHIFT];

	printk("[%08lx] *pgd=%08lx", (unsigned long)addr, (unsigned long)pgd);
	if ((pgd & 3u) == 1u) {
		const uint32_t *pte = __va(pgd & ~0x3ffu);
		printk(", *pte=%08lx", (unsigned long)pte[(addr >> PAGE_SHIFT) & 0xff]);
	}
	printk("\n");
}

static bool is_permission_fault(uint32_t fsr)
{
	return fsr_fs(fsr) == 0x0d || fsr_fs(fsr) == 0x0f;
}

/* What the faulting address is, when the runtime knows it: read-only runtime memory, or a
 * vmalloc guard page. */
static void describe_address(uintptr_t addr, uint32_t fsr)
{
	if (is_permission_fault(fsr) && (fsr & FSR_WRITE)) {
		if (addr >= (uintptr_t)_text && addr < (uintptr_t)_etext)
			printk("permission fault: write to read-only memory (runtime text)\n");
		else if (addr >= (uintptr_t)__start_rodata && addr < (uintptr_t)__end_rodata)
			printk("permission fault: write to read-only memory (runtime rodata)\n");
	}
	vmalloc_describe_fault(addr);
}

/* The report's first lines: what was accessed, how, and what the MMU said. */
static void report_fault(uintptr_t addr, uint32_t fsr, const char *access)
{
	printk("Unable to handle kernel %s at virtual address %08lx\n",
	       addr < PAGE_SIZE ? "NULL pointer dereference" : "paging request",
	       (unsigned long)addr);
	printk("Fault status %03lx: %s, %s\n", (unsigned long)fsr, fsr_name(fsr), access);
	describe_address(addr, fsr);
	show_pte(addr);
}

void __do_kernel_fault(uintptr_t addr, uint32_t fsr, struct pt_regs *regs)
{
	report_fault(addr, fsr, fsr & FSR_WRITE ? "write access" : "read access");
	die("Oops", regs, fsr);
}

void do_DataAbort(struct pt_regs *regs)
{
	uintptr_t addr = read_dfar();
	uint32_t fsr = read_dfsr();

	if (!fsr_info[fsr_fs(fsr)].fn(addr, fsr, regs))
		return;
	__do_kernel_fault(addr, fsr, regs);
}

void do_PrefetchAbort(struct pt_regs *regs)
{
	uintptr_t addr = read_ifar();
	uint32_t fsr = read_ifsr();

	report_fault(addr, fsr, "instruction fetch");
	die("Oops - prefetch abort", regs, fsr);
}

void do_undefinstr(struct pt_regs *regs)
{
	/* The entry code took lr - 4; a Thumb instruction is 2 bytes further. */
	if (thumb_mode(regs))
		regs->ARM_pc += 2;
	printk("Internal error: undefined instruction at pc %08lx\n", (unsigned long)regs->ARM_pc);
	die("Oops - undefined instruction", regs, 0);
}

void do_svc(struct pt_regs *regs)
{
	/* A semihosting call that QEMU did not take (semihosting off): let the caller go on to
	 * its fallback. Anything else is a bug: the application calls uniarm_syscall directly. */
	uint32_t insn = *(const uint32_t *)(regs->ARM_pc - 4);

	if (!thumb_mode(regs) && (insn & 0x00ffffffu) == 0x123456u)
		return;
	die("Oops - unexpected svc", regs, 0);
}

void do_FIQ(struct pt_regs *regs)
{
	die("Oops - unexpected FIQ", regs, 0);
}

void do_bad_mode_reset(struct pt_regs *regs)
{
	die("Oops - bad mode (reset or address exception vector)", regs, 0);
}
