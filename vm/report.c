/*
 * report.c - the memory manager's part of the application's fatal-fault reports
 * (platform/fault.c; docs/reports.md): why a stack could not grow.
 *
 * These run in the fault handler with interrupts off: nothing here allocates.
 */
#include "vm/report.h"
#include "vm/mmap_internal.h"
#include "runtime/printk.h"

/* --- stack overflow ----------------------------------------------------------------------- */

/* Linux's old x86 test (before 4.x, arch/x86/mm/fault.c): an access more than 64 KiB + 32
 * words below sp is a stray pointer, not the stack growing. */
#define STACK_ACCESS_SLACK (65536UL + 32 * sizeof(unsigned long))

static const char *stack_name(const struct vm_area_struct *vma)
{
	return vma->vm_start <= current_mm->start_stack && vma->vm_end >= current_mm->start_stack
		       ? " [stack]"
		       : "";
}

bool report_stack_overflow(unsigned long addr, unsigned long sp)
{
	struct mm_struct *mm = current_mm;
	struct vm_area_struct *prev, *vma = find_vma_prev(mm, addr, &prev);
	unsigned long rlimit = mm->stack_rlimit, floor_rlimit = 0, floor_gap = MMAP_MIN_ADDR;
	const char *why;

	if (!vma || !(vma->vm_flags & VM_GROWSDOWN) || addr >= vma->vm_start)
		return false;
	if (addr + STACK_ACCESS_SLACK < sp)
		return false;

	/* The lowest address each of expand_stack's limits lets the stack reach. */
	if (rlimit < vma->vm_end)
		floor_rlimit = vma->vm_end - rlimit;
	if (prev) {
		floor_gap = prev->vm_end;
		if (!(prev->vm_flags & VM_GROWSDOWN) && vma_is_accessible(prev))
			floor_gap += STACK_GUARD_GAP;
	}
	if (addr < floor_rlimit && floor_rlimit >= floor_gap)
		why = "the stack reached its RLIMIT_STACK limit";
	else if (addr < floor_gap && prev)
		why = "the stack reached the guard gap above the mapping below it";
	else if (addr < floor_gap)
		why = "the stack reached the lowest address a mapping may have";
	else
		why = "the stack could not grow (committed memory refused)";

	printk("stack overflow: %s\n", why);
	printk("  stack:         %08lx-%08lx%s (%lu kB, grows down)\n", vma->vm_start, vma->vm_end,
	       stack_name(vma), (vma->vm_end - vma->vm_start) >> 10);
	if (rlimit >= TASK_SIZE)
		printk("  RLIMIT_STACK:  unlimited\n");
	else
		printk("  RLIMIT_STACK:  %lu kB: may grow down to %08lx\n", rlimit >> 10,
		       floor_rlimit);
	if (prev)
		printk("  guard gap:     %lu kB above the mapping below (%08lx-%08lx): may grow "
		       "down "
		       "to %08lx\n",
		       STACK_GUARD_GAP >> 10, prev->vm_start, prev->vm_end, floor_gap);
	else
		printk("  guard gap:     %lu kB above the mapping below (none)\n",
		       STACK_GUARD_GAP >> 10);
	printk("  fault address: %08lx (%lu byte%s below the stack), sp: %08lx\n", addr,
	       vma->vm_start - addr, vma->vm_start - addr == 1 ? "" : "s", sp);
	return true;
}
