/*
 * Data and prefetch aborts: DFSR/IFSR are decoded through a table indexed by the 5-bit
 * fault-status code (ARM ARM DDI 0406C, B3.13.3 table B3-23, short-descriptor format). Each row
 * names the fault and holds its handler; faults nobody resolves end in an Oops.
 *
 * Alignment faults of the application's LDRD/STRD and LDM/STM are emulated
 * (platform/alignment.c); the other alignment faults it takes are SIGBUS BUS_ADRALN.
 *
 * Translation, Access flag and permission faults go to do_page_fault (Linux's
 * arch/arm/mm/fault.c): a fault below TASK_SIZE is resolved through the application's VMAs
 * (vm/memory.c), whoever took it (the application in USR mode, or the runtime's user copies).
 * What cannot be resolved ends the application when it took the fault itself, wherever the
 * address (its own memory, the runtime's, the vectors): a segmentation fault (exit status
 * 139), or, out of memory, exit status 137. A fault the runtime took is an Oops, unless the
 * instruction is a listed user access (below). The application's reports say what a user
 * can act on (docs/reports.md): a stack overflow names the stack's limits, an out-of-memory
 * kill shows where the memory went, and both end with the application's backtrace.
 *
 * Guarded user copies (platform/uaccess.h): demand paging is tried first, so a copy into fresh
 * memory takes ordinary minor faults. Only a data abort that cannot be resolved (no VMA, an
 * access the VMA forbids, VM_FAULT_SIGSEGV, or any address from the runtime's own context) is
 * looked up in the exception table: when the faulting instruction is listed the abort returns
 * to its fixup instead of ending the application or the Oops. VM_FAULT_OOM is not turned into
 * -EFAULT (Linux does): the application is killed with exit status 137 as for any other fault.
 */
#include "platform/fault.h"
#include "platform/alignment.h"
#include "platform/vfp.h"
#include "platform/debug.h"
#include "platform/cp15.h"
#include "platform/extable.h"
#include "platform/memory.h"
#include "platform/stacktrace.h"
#include "platform/uaccess.h"
#include "runtime/compiler.h"
#include "runtime/exit.h"
#include "runtime/hardirq.h"
#include "runtime/oops.h"
#include "runtime/printk.h"
#include "runtime/sched.h"
#include "vm/mm_user.h"
#include "vm/mmap_lock.h"
#include "vm/report.h"
#include "vm/vmalloc.h"

#define FSR_CM (1u << 13) /* the fault came from a cache maintenance operation (DFSR) */

static int do_page_fault(uintptr_t addr, uint32_t fsr, struct pt_regs *regs);
static int do_alignment_fault(uintptr_t addr, uint32_t fsr, struct pt_regs *regs);

static int do_bad(uintptr_t addr, uint32_t fsr, struct pt_regs *regs)
{
	(void)addr;
	(void)fsr;
	(void)regs;
	return 1;
}

static const struct fsr_info fsr_info[32] = {
	[0x00] = {do_bad, "unknown 0"},
	[0x01] = {do_alignment_fault, "alignment fault"},
	[0x02] = {do_bad, "debug event"},
	[0x03] = {do_page_fault, "access flag fault (section)"},
	[0x04] = {do_bad, "fault on instruction cache maintenance"},
	[0x05] = {do_page_fault, "translation fault (section)"},
	[0x06] = {do_page_fault, "access flag fault (page)"},
	[0x07] = {do_page_fault, "translation fault (page)"},
	[0x08] = {do_bad, "synchronous external abort"},
	[0x09] = {do_bad, "domain fault (section)"},
	[0x0a] = {do_bad, "unknown 10"},
	[0x0b] = {do_bad, "domain fault (page)"},
	[0x0c] = {do_bad, "external abort on translation table walk (first level)"},
	[0x0d] = {do_page_fault, "permission fault (section)"},
	[0x0e] = {do_bad, "external abort on translation table walk (second level)"},
	[0x0f] = {do_page_fault, "permission fault (page)"},
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

/* A runtime stack and the guard page below it. */
struct runtime_stack {
	const char *name;
	uintptr_t guard, limit, top;
};

/* The stack whose guard page holds addr: the current task's kernel stack (every task's has
 * the unmapped page below it, platform/thread_info.h) or the exception modes' (uniarm.ld). */
static bool stack_of_guard(uintptr_t addr, struct runtime_stack *st)
{
	uintptr_t base = (uintptr_t)task_stack_page(current);

	if (addr >= base - PAGE_SIZE && addr < base) {
		*st = (struct runtime_stack){"kernel", base - PAGE_SIZE, base, base + THREAD_SIZE};
		return true;
	}
	if (addr >= (uintptr_t)__exc_stack_guard && addr < (uintptr_t)__exc_stacks) {
		*st = (struct runtime_stack){"exception-mode", (uintptr_t)__exc_stack_guard,
					     (uintptr_t)__exc_stacks, (uintptr_t)__exc_stacks_end};
		return true;
	}
	return false;
}

/* A fault in a stack's guard page: that stack overflowed (the words of arm64's report). */
static void report_guard_fault(uintptr_t addr, uintptr_t sp)
{
	struct runtime_stack st;

	if (!stack_of_guard(addr, &st))
		return;
	printk("Kernel stack overflow: %s stack overflow: access at %08lx in the guard page "
	       "%08lx-%08lx of the %s stack %08lx-%08lx of %s (pid %d), sp %08lx\n",
	       st.name, (unsigned long)addr, (unsigned long)st.guard, (unsigned long)st.limit,
	       st.name, (unsigned long)st.limit, (unsigned long)st.top, current->comm, current->pid,
	       (unsigned long)sp);
}

static const char *exception_name(uint32_t mode)
{
	switch (mode) {
	case 0x17:
		return "abort";
	case 0x1b:
		return "undefined instruction";
	case 0x12:
		return "IRQ";
	case 0x11:
		return "FIQ";
	default:
		return "exception";
	}
}

void handle_bad_stack(struct pt_regs *regs, uint32_t mode)
{
	uintptr_t sp = regs->ARM_sp, base = (uintptr_t)task_stack_page(current);
	struct runtime_stack st;

	/* Linux ARM's words for the same event (arch/arm/kernel/traps.c, handle_bad_stack). */
	printk("Insufficient stack space to handle exception!\n");
	printk("Kernel stack overflow: kernel stack overflow: %s at pc %08lx with sp %08lx "
	       "(kernel stack %08lx-%08lx of %s (pid %d), guard page %08lx-%08lx)\n",
	       exception_name(mode), (unsigned long)regs->ARM_pc, (unsigned long)sp,
	       (unsigned long)base, (unsigned long)(base + THREAD_SIZE), current->comm,
	       current->pid, (unsigned long)(base - PAGE_SIZE), (unsigned long)base);
	if (mode == 0x17 && stack_of_guard(read_dfar(), &st)) {
		/* An abort with DFAR in a guard page: a data abort on it (a prefetch abort leaves
		 * DFAR as it was, but the stacks are never executed). */
		uint32_t fsr = read_dfsr();

		printk("Fault status %03lx: %s, %s access\n", (unsigned long)fsr, fsr_name(fsr),
		       fsr & FSR_WRITE ? "write" : "read");
		report_guard_fault(read_dfar(), sp);
	}
	die("Oops - kernel stack overflow", regs, 0);
}

/* What the faulting address is, when the runtime knows it: read-only runtime memory, a guard
 * page of a runtime stack, or a vmalloc guard page. */
static void describe_address(uintptr_t addr, uint32_t fsr, uintptr_t sp)
{
	report_guard_fault(addr, sp);
	if (is_permission_fault(fsr) && (fsr & FSR_WRITE)) {
		if (addr >= (uintptr_t)_text && addr < (uintptr_t)_etext)
			printk("permission fault: write to read-only memory (runtime text)\n");
		else if (addr >= (uintptr_t)__start_rodata && addr < (uintptr_t)__end_rodata)
			printk("permission fault: write to read-only memory (runtime rodata)\n");
	}
	vmalloc_describe_fault(addr);
}

/* The report's first lines: what was accessed, how, and what the MMU said. */
static void report_fault(uintptr_t addr, uint32_t fsr, const char *access, uintptr_t sp)
{
	printk("Unable to handle kernel %s at virtual address %08lx\n",
	       addr < PAGE_SIZE ? "NULL pointer dereference" : "paging request",
	       (unsigned long)addr);
	printk("Fault status %03lx: %s, %s\n", (unsigned long)fsr, fsr_name(fsr), access);
	describe_address(addr, fsr, sp);
	show_pte(addr);
}

void __do_kernel_fault(uintptr_t addr, uint32_t fsr, struct pt_regs *regs)
{
	report_fault(addr, fsr, fsr & FSR_WRITE ? "write access" : "read access", regs->ARM_sp);
	die("Oops", regs, fsr);
}

/* --- the application's page faults -------------------------------------------------------- */

#define SEGV_ACCESS 0x100 /* with the FAULT_FLAG_* bits: the VMA forbids the access */
#define SEGV_FIXUP  0x200 /* the alignment fix-up's access faulted (SEGV_MAPERR, as Linux) */

/*
 * The application touched an address it may not. With a SIGSEGV handler it may run (not
 * blocked), the fault becomes that signal (SEGV_MAPERR, or SEGV_ACCERR where a VMA forbids the
 * access; si_addr the address) and this returns: the handler's frame is built on the way back
 * (runtime/signal.c). Otherwise: say where and why (with the stack's limits when it is the
 * stack that overflowed), show its registers and call chain, and end it as Linux's default
 * SIGSEGV action would (exit status 139).
 */
static __attribute__((noinline, cold)) void user_segv(uintptr_t addr, uint32_t fsr,
						      struct pt_regs *regs, unsigned int flags)
{
	if (force_sig_fault(LINUX_SIGSEGV,
			    (flags & SEGV_ACCESS) ? LINUX_SEGV_ACCERR : LINUX_SEGV_MAPERR, addr,
			    LINUX_TRAP_NO_PAGE_FAULT,
			    fsr | ((flags & FAULT_FLAG_EXEC) ? LINUX_FSR_LNX_PF : 0)))
		return;
	local_irq_disable();
	debug_fatal_fault(regs);
	if (addr >= TASK_SIZE) {
		printk("segmentation fault at %08lx: runtime memory\n", (unsigned long)addr);
	} else if (flags & SEGV_FIXUP) {
		printk("segmentation fault at %08lx: the emulated unaligned access faulted\n",
		       (unsigned long)addr);
	} else if (!(flags & SEGV_ACCESS)) {
		printk("segmentation fault at %08lx: no mapping\n", (unsigned long)addr);
		report_stack_overflow(addr, regs->ARM_sp);
	} else {
		printk("segmentation fault at %08lx: permission denied (%s)\n", (unsigned long)addr,
		       flags & FAULT_FLAG_WRITE	 ? "write to read-only"
		       : flags & FAULT_FLAG_EXEC ? "execute of non-executable"
						 : "read of PROT_NONE");
	}
	printk("Fault status %03lx: %s, %s\n", (unsigned long)fsr, fsr_name(fsr),
	       flags & FAULT_FLAG_WRITE	 ? "write access"
	       : flags & FAULT_FLAG_EXEC ? "instruction fetch"
					 : "read access");
	show_pte(addr);
	show_regs(regs);
	dump_backtrace(regs);
	do_exit_machine(EXIT_REASON_SIGNAL, EXIT_SEGV);
}

/*
 * No page could be found for a fault the application may take: say where the memory went, in
 * the form of Linux's OOM killer report, and end it (exit status 137, the SIGKILL Linux's OOM
 * killer sends).
 */
static __attribute__((noreturn, noinline, cold)) void user_oom(uintptr_t addr, struct pt_regs *regs,
							       unsigned int flags)
{
	local_irq_disable();
	debug_fatal_fault(regs);
	printk("out of memory: killed application (fault at %08lx)\n", (unsigned long)addr);
	printk("%s invoked oom-killer: order=0, %s fault at %08lx, oom_score_adj=0\n",
	       current->comm,
	       flags & FAULT_FLAG_WRITE	 ? "write"
	       : flags & FAULT_FLAG_EXEC ? "instruction fetch"
					 : "read",
	       (unsigned long)addr);
	printk("CPU: 0 PID: %d Comm: %s\n", current->pid, current->comm);
	dump_backtrace(regs);
	report_oom_mem_info();
	report_oom_kill();
	do_exit_machine(EXIT_REASON_OOM, EXIT_OOM);
}

/* As Linux: a write needs VM_WRITE, an instruction fetch VM_EXEC, a read any access at all. */
static inline unsigned long access_needs(unsigned int flags)
{
	return (flags & FAULT_FLAG_WRITE)  ? VM_WRITE
	       : (flags & FAULT_FLAG_EXEC) ? VM_EXEC
					   : VM_ACCESS_FLAGS;
}

/* The fault status of the abort being handled (no other abort can have come in between). */
static inline uint32_t fault_status(unsigned int flags)
{
	return (flags & FAULT_FLAG_EXEC) ? read_ifsr() : read_dfsr();
}

/*
 * The VMA for the application's fault at addr when find_vma's cache does not hold it: looked
 * up (find_vma refills the cache), grown down to addr if it is a stack below which addr lies.
 * NULL for an address of the runtime or when there is no VMA; page_fault_failed then decides
 * (a listed instruction's fixup, the end of the application, or an Oops).
 */
static __attribute__((noinline)) struct vm_area_struct *lookup_fault_vma(uintptr_t addr)
{
	struct vm_area_struct *vma;

	if (addr >= TASK_SIZE)
		return NULL;
	vma = find_vma(current_mm, addr);
	if (!vma)
		return NULL;
	if (addr < vma->vm_start) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr))
			return NULL;
		vm_events.stack_growth++;
	}
	return vma;
}

/* The VMA forbids the access: the application's own access ends it; the runtime's goes on to
 * page_fault_failed (a listed user access continues at its fixup, anything else is an Oops). */
static __attribute__((noinline, cold)) int bad_access(uintptr_t addr, struct pt_regs *regs,
						      unsigned int flags)
{
	if (user_mode(regs)) {
		user_segv(addr, fault_status(flags), regs, flags | SEGV_ACCESS);
		return 0; /* a signal handler will run */
	}
	return VM_FAULT_SIGSEGV;
}

/*
 * A translation, Access flag or permission fault (flags: FAULT_FLAG_WRITE/EXEC). 0 when it was
 * resolved and the access can be retried. Otherwise non-zero: for an address below
 * TASK_SIZE, handle_mm_fault's VM_FAULT_* code, and VM_FAULT_SIGSEGV for any other;
 * page_fault_failed turns it into a fixup, the end of the application or the caller's Oops.
 *
 * This is the hot path of demand paging: when find_vma's one-entry cache holds a VMA that
 * contains addr (so addr is below TASK_SIZE), it is the VMA, without a call. The slow paths
 * check the address range and read the fault status again rather than keep it live here.
 */
/* The VMA is not find_vma's cached one: look it up (growing the stack if that is where addr
 * is), check the access, fault the page in. */
static int fault_lookup(uintptr_t addr, struct pt_regs *regs, unsigned int flags)
{
	struct vm_area_struct *vma = lookup_fault_vma(addr);

	if (!vma)
		return VM_FAULT_SIGSEGV;
	if (unlikely(!(vma->vm_flags & access_needs(flags))))
		return bad_access(addr, regs, flags);
	return handle_mm_fault(vma, addr, flags);
}

/*
 * The slow path, and where the mmap lock (vm/mmap_lock.h) is taken for reading. Free, it is not
 * taken: on one CPU, with no preemption inside the runtime and no interrupt handler taking it,
 * nothing can take it while a fault that does not sleep runs, and a fault sleeps only waiting
 * for the lock itself. Held or waited for, the fault waits for it, unless it is a fault of the
 * runtime's own user copy inside a call of this task that holds it: that goes on under the
 * caller's hold.
 */
static __attribute__((noinline)) int fault_vma_miss(uintptr_t addr, struct pt_regs *regs,
						    unsigned int flags)
{
	struct mm_struct *mm = current_mm;
	int ret;

	if (likely(!mm->mmap_lock.count) || current->mmap_locked)
		return fault_lookup(addr, regs, flags);
	mmap_read_lock(mm);
	ret = fault_lookup(addr, regs, flags);
	mmap_read_unlock(mm);
	return ret;
}

/*
 * The hot path: find_vma's one-entry cache holds the VMA. It takes no lock: the cache is empty
 * whenever a task that holds the mmap lock is not running (schedule() empties it,
 * mmap_lock_sleeping), so a fault that finds it full runs while no writer is inside a change
 * of the VMAs; every other fault goes through fault_vma_miss, which looks at the lock.
 */
static inline int __do_page_fault(uintptr_t addr, struct pt_regs *regs, unsigned int flags)
{
	struct vm_area_struct *vma = current_mm->mmap_cache;

	if (unlikely(!vma || addr < vma->vm_start || addr >= vma->vm_end))
		return fault_vma_miss(addr, regs, flags);
	if (unlikely(!(vma->vm_flags & access_needs(flags))))
		return bad_access(addr, regs, flags);
	return handle_mm_fault(vma, addr, flags);
}

/* Data aborts: WnR says a write, except for cache maintenance, which only needs to read. */
static inline unsigned int data_fault_flags(uint32_t fsr)
{
	return (fsr & (FSR_WRITE | FSR_CM)) == FSR_WRITE ? FAULT_FLAG_WRITE : 0;
}

/* The handler fsr_info names for page faults; do_DataAbort inlines it. */
static int do_page_fault(uintptr_t addr, uint32_t fsr, struct pt_regs *regs)
{
	return __do_page_fault(addr, regs, data_fault_flags(fsr));
}

/* The fault-status codes do_page_fault handles: translation (section 0x05, page 0x07), Access
 * flag (0x03, 0x06), permission (0x0d, 0x0f). */
#define PAGE_FAULT_CODES                                                                           \
	((1u << 0x03) | (1u << 0x05) | (1u << 0x06) | (1u << 0x07) | (1u << 0x0d) | (1u << 0x0f))

static inline bool is_page_fault_code(uint32_t fsr)
{
	return (PAGE_FAULT_CODES >> fsr_fs(fsr)) & 1u;
}

/*
 * An abort do_page_fault could not resolve (ret: handle_mm_fault's code, or VM_FAULT_SIGSEGV).
 * Out of memory for the application's memory ends it (137), even inside a user copy of a
 * system call. A fault the application took ends it (139) whatever the address. Otherwise a
 * data abort at a listed instruction continues at its fixup (0 returned), whatever the
 * address: the __ copies skip access_ok, so they may fault on runtime addresses. Anything
 * else returns 1, for the caller's Oops.
 */
static __attribute__((noinline, cold)) int page_fault_failed(uintptr_t addr, struct pt_regs *regs,
							     unsigned int flags, int ret)
{
	if (addr < TASK_SIZE && (ret & VM_FAULT_OOM) && !in_interrupt())
		user_oom(addr, regs, flags);
	if (user_mode(regs)) {
		user_segv(addr, fault_status(flags), regs, flags);
		return 0; /* a signal handler will run */
	}
	if (!(flags & FAULT_FLAG_EXEC) && fixup_exception(regs))
		return 0;
	return 1;
}

/*
 * An abort of the application that is not a page fault (alignment, external abort, ...):
 * SIGBUS (BUS_ADRALN for an alignment fault, BUS_OBJERR otherwise) if a handler may take it
 * (this returns), else the bus-error report, and the end Linux's default SIGBUS action gives it
 * (exit status 135).
 */
static __attribute__((noinline, cold)) void user_bus_error(uintptr_t addr, uint32_t fsr,
							   struct pt_regs *regs, const char *access)
{
	if (force_sig_fault(LINUX_SIGBUS, fsr_fs(fsr) == 0x01 ? LINUX_BUS_ADRALN : LINUX_BUS_OBJERR,
			    addr, 0, fsr))
		return;
	local_irq_disable();
	debug_fatal_fault(regs);
	printk("bus error at %08lx: %s, %s\n", (unsigned long)addr, fsr_name(fsr), access);
	show_regs(regs);
	dump_backtrace(regs);
	do_exit_machine(EXIT_REASON_SIGNAL, EXIT_SIGNAL_BASE + 7);
}

/*
 * An alignment fault: the application's unaligned LDRD/STRD and LDM/STM are emulated
 * (platform/alignment.c); an emulated access that faults is SIGSEGV SEGV_MAPERR at the
 * unaligned address, as Linux's do_bad_area. The rest (and the runtime's own) go on to SIGBUS
 * or the Oops.
 */
static int do_alignment_fault(uintptr_t addr, uint32_t fsr, struct pt_regs *regs)
{
	if (!user_mode(regs))
		return 1;
	switch (do_alignment(addr, fsr, regs)) {
	case ALIGNMENT_FIXED:
		return 0;
	case ALIGNMENT_SIGSEGV:
		user_segv(addr, fsr, regs, data_fault_flags(fsr) | SEGV_FIXUP);
		return 0; /* a signal handler will run */
	default:
		return 1;
	}
}

void do_DataAbort(struct pt_regs *regs)
{
	uintptr_t addr = read_dfar();
	uint32_t fsr = read_dfsr();
	int (*fn)(uintptr_t, uint32_t, struct pt_regs *) = fsr_info[fsr_fs(fsr)].fn;
	int ret;

	/* Page faults are the common case: no indirect call, no second frame. */
	if (likely(fn == do_page_fault))
		ret = __do_page_fault(addr, regs, data_fault_flags(fsr));
	else
		ret = fn(addr, fsr, regs);
	if (likely(!ret))
		return;
	if (fn == do_page_fault && !page_fault_failed(addr, regs, data_fault_flags(fsr), ret))
		return;
	if (user_mode(regs)) {
		user_bus_error(addr, fsr, regs, fsr & FSR_WRITE ? "write access" : "read access");
		return;
	}
	__do_kernel_fault(addr, fsr, regs);
}

void do_PrefetchAbort(struct pt_regs *regs)
{
	uintptr_t addr = read_ifar();
	uint32_t fsr = read_ifsr();

	/* The runtime never runs application code (its pages are privileged-execute-never,
	 * platform/mmu.c): no VMA can make such a fetch right. */
	if (!user_mode(regs) && addr < TASK_SIZE) {
		report_fault(addr, fsr, "instruction fetch", regs->ARM_sp);
		printk("the runtime jumped into application memory\n");
		die("Oops - prefetch abort", regs, fsr);
	}
	if (is_page_fault_code(fsr)) {
		int ret = __do_page_fault(addr, regs, FAULT_FLAG_EXEC);

		if (likely(!ret))
			return;
		if (!page_fault_failed(addr, regs, FAULT_FLAG_EXEC, ret))
			return; /* a signal handler will run */
	}
	if (user_mode(regs)) {
		user_bus_error(addr, fsr, regs, "instruction fetch");
		return;
	}
	report_fault(addr, fsr, "instruction fetch", regs->ARM_sp);
	die("Oops - prefetch abort", regs, fsr);
}

/*
 * An instruction the application may not execute (undefined, a CP15 access or another
 * privileged one, ...): the illegal-instruction report with the instruction, and the end
 * Linux's default SIGILL action gives it (exit status 132). The instruction is read the way
 * the runtime reads any application memory (get_user): it may be gone by now.
 */
/* The instruction at regs->pc as the application sees it (0 where it cannot be read). */
static uint32_t read_user_insn(const struct pt_regs *regs)
{
	uint32_t insn = 0;

	if (thumb_mode(regs)) {
		uint16_t hw = 0;

		(void)get_user(hw, (const uint16_t __user *)(uintptr_t)regs->ARM_pc);
		insn = hw;
		if (hw >= 0xe800 &&
		    !get_user(hw, (const uint16_t __user *)(uintptr_t)(regs->ARM_pc + 2)))
			insn = insn << 16 | hw;
	} else {
		(void)get_user(insn, (const uint32_t __user *)(uintptr_t)regs->ARM_pc);
	}
	return insn;
}

/* SIGILL (ILL_ILLOPC, si_addr the instruction) if a handler may take it (this returns); else
 * the report and the end. */
static __attribute__((noinline, cold)) void user_illegal(struct pt_regs *regs, uint32_t insn)
{
	if (force_sig_fault(LINUX_SIGILL, LINUX_ILL_ILLOPC, regs->ARM_pc, LINUX_TRAP_NO_UNDEF, 0))
		return;
	local_irq_disable();
	debug_fatal_fault(regs);
	printk("illegal instruction at %08lx (%08lx)\n", (unsigned long)regs->ARM_pc,
	       (unsigned long)insn);
	show_regs(regs);
	dump_backtrace(regs);
	do_exit_machine(EXIT_REASON_SIGNAL, EXIT_SIGNAL_BASE + 4);
}

/*
 * The application's first FP instruction since another task had the FPU is an undefined
 * instruction with the unit off: the lazy FP switch (platform/vfp.c) hands it the unit and the
 * instruction is retried. Anything else is illegal.
 */
void do_undefinstr(struct pt_regs *regs)
{
	/* The entry code took lr - 4; a Thumb instruction is 2 bytes further. */
	if (thumb_mode(regs))
		regs->ARM_pc += 2;
	if (user_mode(regs)) {
		uint32_t insn = read_user_insn(regs);

		if (vfp_support_entry(regs, insn))
			return;
		user_illegal(regs, insn);
		return;
	}
	/* A ktest's code (SYS mode, runtime/ktest.c) is compiled as an application's and may use
	 * the FPU like one. */
	if ((regs->ARM_cpsr & PSR_MODE_MASK) == PSR_MODE_SYS && !thumb_mode(regs) &&
	    vfp_support_entry(regs, *(const uint32_t *)(uintptr_t)regs->ARM_pc))
		return;
	printk("Internal error: undefined instruction at pc %08lx\n", (unsigned long)regs->ARM_pc);
	die("Oops - undefined instruction", regs, 0);
}

void do_FIQ(struct pt_regs *regs)
{
	die("Oops - unexpected FIQ", regs, 0);
}

void do_bad_mode_reset(struct pt_regs *regs)
{
	die("Oops - bad mode (reset or address exception vector)", regs, 0);
}
