/*
 * report.c - the memory manager's part of the application's fatal-fault reports
 * (platform/fault.c; docs/reports.md): why a stack could not grow, and the figures of the
 * out-of-memory report. Every figure is computed from the allocators and the VMAs, through
 * the counters /proc/meminfo and /proc/self/status use (totalram_pages, nr_free_pages,
 * slab_pages, nr_pagetable_pages, vmalloc_used_pages, mm_rss_stat, vm_committed_pages).
 *
 * These run in the fault handler with interrupts off and no memory left: nothing here
 * allocates, and buffers are small and on the SVC stack.
 */
#include "vm/report.h"
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/mmap_internal.h"
#include "vm/slab.h"
#include "vm/vmalloc.h"
#include "platform/pgtable.h"
#include "runtime/printk.h"
#include "runtime/rusage.h"
#include "runtime/sched.h"

#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))

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
	unsigned long rlimit = mm->stack_rlimit, floor_rlimit = 0, floor_gap = mmap_min_addr;
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

/* --- out of memory ------------------------------------------------------------------------ */

/* Resident pages of [start, end): mincore's view of the page tables (the shared zero page
 * counts, as for mincore), a chunk at a time into a small buffer. */
static unsigned long resident_pages(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned char vec[64];
	unsigned long n = 0;

	while (start < end) {
		unsigned long e = end - start > sizeof(vec) * PAGE_SIZE
					  ? start + sizeof(vec) * PAGE_SIZE
					  : end;

		mincore_range(mm, start, e, vec);
		for (unsigned long i = 0; i < (e - start) >> PAGE_SHIFT; i++)
			n += vec[i] & 1;
		start = e;
	}
	return n;
}

#define OOM_TOP_VMAS 5

struct vma_usage {
	const struct vm_area_struct *vma;
	unsigned long resident;
};

/* The application's OOM_TOP_VMAS mappings with the most resident pages, largest first. */
static unsigned int largest_vmas(struct mm_struct *mm, struct vma_usage *top)
{
	unsigned int n = 0;

	for (struct area_node *a = area_first(&mm->mm_areas); a; a = area_next(a)) {
		const struct vm_area_struct *vma = vma_of(a);
		unsigned long res = resident_pages(mm, vma->vm_start, vma->vm_end);
		unsigned int i;

		if (n == OOM_TOP_VMAS && res <= top[n - 1].resident)
			continue;
		if (n < OOM_TOP_VMAS)
			n++;
		for (i = n - 1; i > 0 && top[i - 1].resident < res; i--)
			top[i] = top[i - 1];
		top[i].vma = vma;
		top[i].resident = res;
	}
	return n;
}

static const char *vma_label(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk)
		return " [heap]";
	return stack_name(vma);
}

static const char *overcommit_name(int mode)
{
	switch (mode) {
	case OVERCOMMIT_ALWAYS:
		return "always";
	case OVERCOMMIT_NEVER:
		return "never";
	default:
		return "heuristic";
	}
}

void report_oom_mem_info(void)
{
	struct mm_struct *mm = current_mm;
	unsigned long present = max_low_pfn - min_low_pfn, managed = totalram_pages();
	unsigned long free = nr_free_pages(), slab = slab_pages(), tables = nr_pagetable_pages();
	unsigned long vmalloc = vmalloc_used_pages(), blocks = 0, used, counted;
	unsigned long mem_map_kb = (present * sizeof(struct page) + 1023) >> 10;
	struct vma_usage top[OOM_TOP_VMAS];
	struct mm_rss_stat rss;
	unsigned int n;

	mm_rss_stat(mm, &rss);
	/* Linux's show_free_areas(), for the lines uniarm has numbers for: all the application's
	 * pages are anonymous and active (nothing is reclaimed), one zone holds all RAM. */
	printk("Mem-Info:\n");
	printk("active_anon:%lu inactive_anon:0 unevictable:%lu mlocked:%lu\n",
	       rss.rss - rss.locked, rss.locked, rss.locked);
	printk(" slab_unreclaimable:%lu pagetables:%lu vmalloc:%lu\n", slab, tables, vmalloc);
	printk(" free:%lu\n", free);
	printk("Normal free:%lukB present:%lukB managed:%lukB\n", K(free), K(present), K(managed));
	printk("Normal:");
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		printk(" %lu*%lukB", nr_free_pages_order(o), K(1UL << o));
		blocks += nr_free_pages_order(o) << o;
	}
	printk(" = %lukB\n", K(blocks));
	printk("%lu pages RAM\n", present);
	printk("%lu pages reserved\n", present - managed);
	printk("Committed_AS: %lukB CommitLimit: %lukB vm.overcommit_memory=%d (%s)\n",
	       K(vm_committed_pages), K(vm_commit_limit()), sysctl_overcommit_memory,
	       overcommit_name(sysctl_overcommit_memory));
	/* The runtime's own large users (its image and the device tree are in "reserved"), the
	 * page tables, the application's included, and the rest of the allocated pages: large
	 * kmalloc blocks, pages the runtime took directly, the shared zero page. */
	used = managed - free;
	counted = rss.rss + slab + vmalloc + tables;
	printk("Runtime: mem_map:%lukB slab:%lukB vmalloc:%lukB other:%lukB, page tables "
	       "(all):%lukB\n",
	       mem_map_kb, K(slab), K(vmalloc), used > counted ? K(used - counted) : 0, K(tables));
	n = largest_vmas(mm, top);
	printk("Largest mappings of %s (%u of %d, by resident memory):\n", current->comm, n,
	       mm->map_count);
	for (unsigned int i = 0; i < n; i++) {
		const struct vm_area_struct *vma = top[i].vma;
		unsigned long flags = vma->vm_flags;

		/* As /proc/self/maps names it: vm_ops->name (the program's segments), then the
		 * heap and the stack. */
		const char *name = vma->vm_ops && vma->vm_ops->name ? vma->vm_ops->name(vma) : NULL;

		printk("  %08lx-%08lx %c%c%c%c size:%lukB resident:%lukB%s%s\n", vma->vm_start,
		       vma->vm_end, flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		       flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		       (vma->vm_end - vma->vm_start) >> 10, K(top[i].resident), name ? " " : "",
		       name ? name : vma_label(mm, vma));
	}
}

void report_oom_kill(void)
{
	struct mm_rss_stat rss;

	mm_rss_stat(current_mm, &rss);
	printk("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:0kB, shmem-rss:0kB, UID:0 oom_score_adj:0\n",
	       current->pid, current->comm, K(current_mm->total_vm), K(rss.rss));
}
