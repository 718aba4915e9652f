/* die(): the Oops report and the end of the machine. */
#include "runtime/oops.h"
#include "runtime/printk.h"
#include "runtime/exit.h"
#include "runtime/sched.h"
#include "platform/cp15.h"
#include "platform/debug.h"
#include "platform/stacktrace.h"

static const char *const mode_names[32] = {
	[0x10] = "USER_32", [0x11] = "FIQ_32", [0x12] = "IRQ_32",
	[0x13] = "SVC_32",  [0x16] = "MON_32", [0x17] = "ABT_32",
	[0x1a] = "HYP_32",  [0x1b] = "UND_32", [0x1f] = "SYS_32",
};

void show_regs(const struct pt_regs *r)
{
	const uint32_t *u = r->uregs;
	uint32_t psr = r->ARM_cpsr;
	const char *mode = mode_names[psr & PSR_MODE_MASK];

	printk("PC is at [<%08lx>]\n", (unsigned long)r->ARM_pc);
	printk("LR is at [<%08lx>]\n", (unsigned long)r->ARM_lr);
	printk("pc : [<%08lx>]    lr : [<%08lx>]    psr: %08lx\n", (unsigned long)r->ARM_pc,
	       (unsigned long)r->ARM_lr, (unsigned long)psr);
	printk("sp : %08lx  ip : %08lx  fp : %08lx\n", (unsigned long)u[13], (unsigned long)u[12],
	       (unsigned long)u[11]);
	printk("r10: %08lx  r9 : %08lx  r8 : %08lx\n", (unsigned long)u[10], (unsigned long)u[9],
	       (unsigned long)u[8]);
	printk("r7 : %08lx  r6 : %08lx  r5 : %08lx  r4 : %08lx\n", (unsigned long)u[7],
	       (unsigned long)u[6], (unsigned long)u[5], (unsigned long)u[4]);
	printk("r3 : %08lx  r2 : %08lx  r1 : %08lx  r0 : %08lx\n", (unsigned long)u[3],
	       (unsigned long)u[2], (unsigned long)u[1], (unsigned long)u[0]);
	printk("Flags: %c%c%c%c  IRQs %s  FIQs %s  Mode %s  ISA %s\n", psr & (1u << 31) ? 'N' : 'n',
	       psr & (1u << 30) ? 'Z' : 'z', psr & (1u << 29) ? 'C' : 'c',
	       psr & (1u << 28) ? 'V' : 'v', psr & PSR_I_BIT ? "off" : "on",
	       psr & PSR_F_BIT ? "off" : "on", mode ? mode : "unknown",
	       psr & PSR_T_BIT ? "Thumb" : "ARM");
}

void die(const char *str, struct pt_regs *regs, uint32_t fsr)
{
	static int die_counter;

	local_irq_disable();
	if (die_counter++) {
		/* A fault while reporting a fault: say so and stop before it loops. */
		printk("Internal error: recursive fault in die()\n");
		do_exit_machine(EXIT_REASON_OOPS, EXIT_OOPS);
	}
	debug_fatal_fault(regs);
	printk("Internal error: %s: %lx [#%d] ARM\n", str, (unsigned long)fsr, die_counter);
	printk("CPU: 0 PID: %d Comm: %s\n", current->pid, current->comm);
	show_regs(regs);
	dump_backtrace(regs);
	printk("---[ end trace ]---\n");
	panic("Fatal exception");
}
