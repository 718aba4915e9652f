/*
 * /proc: a fixed table of entries whose content is generated at open() into a buffer, and again
 * by a read at offset 0 after an earlier read (see procfs.h), served by read() with a file
 * position.
 * The formats are Linux's (fs/proc/task_mmu.c, fs/proc/meminfo.c, fs/proc/array.c) to the
 * byte, for the lines uniarm has numbers for; lines about things uniarm lacks (page cache,
 * swap, users, signals) show what is true of it: 0, or are left out when no value is.
 */
#include "runtime/procfs.h"
#include "runtime/cred.h"
#include "runtime/file.h"
#include "runtime/rusage.h"
#include "runtime/sched.h"
#include "runtime/vsprintf.h"
#include "platform/alignment.h"
#include "platform/memory.h"
#include "platform/pgtable.h"
#include "platform/uaccess.h"
#include "vm/gfp.h"
#include "vm/mm_user.h"
#include "vm/pagemap.h"
#include "vm/pagewalk.h"
#include "vm/slab.h"
#include "vm/vmalloc.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

/* Pages in kB. */
#define K(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* --- generated text -------------------------------------------------------------------- */

/* A bounded text buffer; output that does not fit sets overflow (the caller grows it). */
struct pbuf {
	char *buf;
	size_t size, count;
	bool overflow;
};

__attribute__((format(printf, 2, 3))) static void pb_printf(struct pbuf *pb, const char *fmt, ...)
{
	size_t room = pb->size - pb->count;
	va_list ap;
	int n;

	if (pb->overflow)
		return;
	va_start(ap, fmt);
	n = kvsnprintf(pb->buf + pb->count, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		pb->overflow = true;
		return;
	}
	pb->count += (size_t)n;
}

/* Linux's seq_pad after seq_setwidth: spaces until the line is `width` long, then one more. */
static void pb_pad(struct pbuf *pb, size_t line_start, size_t width)
{
	size_t len = pb->count - line_start;

	pb_printf(pb, "%*s ", len < width ? (int)(width - len) : 0, "");
}

/* --- /proc/<pid>/maps ------------------------------------------------------------------ */

/* Where the name column is padded to: 25 + sizeof(void *) * 6 - 1, the kernel's pointer size:
 * 48 on 32-bit, so a name starts in column 49 (0-based; 73 on a 64-bit kernel, even for a
 * 32-bit process) unless the fields before it are longer. */
#define MAPS_NAME_PAD (25 + sizeof(void *) * 6 - 1)

/* Linux's naming: vm_ops->name, then [heap] for a VMA overlapping [start_brk, brk) (mainline's
 * vma_is_initial_heap), then [stack] for the VMA holding start_stack (vma_is_initial_stack;
 * start_stack is STACK_TOP, the stack VMA's vm_end, which the inclusive test accepts). */
static const char *vma_name(const struct vm_area_struct *vma)
{
	const struct mm_struct *mm = vma->vm_mm ? vma->vm_mm : current_mm;

	if (vma->vm_ops && vma->vm_ops->name) {
		const char *name = vma->vm_ops->name(vma);

		if (name)
			return name;
	}
	if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/* Linux's show_map_vma: the maps line of one VMA. */
static void show_map_vma(struct pbuf *pb, const struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;
	/* Linux prints the offset of file mappings only; anonymous ones show 0. The program's
	 * segments (named by their vm_ops, runtime/exec.c) are the file's pages: their offset. */
	unsigned long long pgoff = vma->vm_file || (vma->vm_ops && vma->vm_ops->name)
					   ? (unsigned long long)vma->vm_pgoff << PAGE_SHIFT
					   : 0;
	size_t start = pb->count;
	const char *name;

	/* No files: device 00:00, inode 0. The space after the inode is always there. */
	pb_printf(pb, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		  flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		  flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p', pgoff, 0u, 0u, 0ul);
	name = vma_name(vma);
	if (name) {
		pb_pad(pb, start, MAPS_NAME_PAD);
		pb_printf(pb, "%s", name);
	}
	pb_printf(pb, "\n");
}

static void show_maps(struct pbuf *pb)
{
	const struct mm_struct *mm = current_mm;

	for (struct area_node *n = area_first(&mm->mm_areas); n; n = area_next(n))
		show_map_vma(pb, container_of(n, struct vm_area_struct, vm_node));
}

/* --- /proc/<pid>/smaps, smaps_rollup ----------------------------------------------------- */

/*
 * Linux's mem_size_stats, in pages. Every page is mapped by this mm alone (one process, no
 * fork): Pss is Rss and nothing is Shared_*; the shared zero page is in none of them (Linux's
 * vm_normal_page skips it). Pages of shared anonymous memory are shmem on Linux: in Rss and
 * Pss_Shmem, not Anonymous. No swap, no huge pages, no lazily freed pages (MADV_FREE frees at
 * once).
 */
struct mem_size_stats {
	unsigned long resident, dirty, referenced, anonymous, shmem, locked;
};

struct smaps_walk {
	const struct vm_area_struct *vma;
	struct mem_size_stats *mss;
};

static int smaps_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	const struct smaps_walk *sw = walk->private;
	struct mem_size_stats *mss = sw->mss;
	unsigned long vm_flags = sw->vma->vm_flags;
	pte_t pte = *ptep;

	(void)addr;
	if (!pte_present(pte) || pte_pfn(pte) == zero_pfn)
		return 0;
	mss->resident++;
	/* shmem pages are dirty from their first write fault on (set_page_dirty). */
	if (pte_dirty(pte) || (vm_flags & VM_SHARED))
		mss->dirty++;
	if (pte_young(pte))
		mss->referenced++;
	if (vm_flags & VM_SHARED)
		mss->shmem++;
	else
		mss->anonymous++;
	if (vm_flags & VM_LOCKED)
		mss->locked++;
	return 0;
}

static const struct mm_walk_ops smaps_walk_ops = {
	.pte_entry = smaps_pte_entry,
};

static void smaps_account_vma(const struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct smaps_walk sw = {vma, mss};

	walk_page_range(vma->vm_mm, vma->vm_start, vma->vm_end, &smaps_walk_ops, &sw);
}

/* Linux's SEQ_PUT_DEC: the 16-column label, the kB value in 8 columns, " kB". */
static void smaps_kb(struct pbuf *pb, const char *label, unsigned long pages)
{
	pb_printf(pb, "%-16s%8lu kB\n", label, K(pages));
}

/* Linux's __show_smap: the Rss... Locked lines; rollup adds Pss_Anon, Pss_File, Pss_Shmem. */
static void show_smap_stats(struct pbuf *pb, const struct mem_size_stats *mss, bool rollup)
{
	smaps_kb(pb, "Rss:", mss->resident);
	smaps_kb(pb, "Pss:", mss->resident);
	smaps_kb(pb, "Pss_Dirty:", mss->dirty);
	if (rollup) {
		smaps_kb(pb, "Pss_Anon:", mss->anonymous);
		smaps_kb(pb, "Pss_File:", 0);
		smaps_kb(pb, "Pss_Shmem:", mss->shmem);
	}
	smaps_kb(pb, "Shared_Clean:", 0);
	smaps_kb(pb, "Shared_Dirty:", 0);
	smaps_kb(pb, "Private_Clean:", mss->resident - mss->dirty);
	smaps_kb(pb, "Private_Dirty:", mss->dirty);
	smaps_kb(pb, "Referenced:", mss->referenced);
	smaps_kb(pb, "Anonymous:", mss->anonymous);
	smaps_kb(pb, "LazyFree:", 0);
	smaps_kb(pb, "AnonHugePages:", 0);
	smaps_kb(pb, "ShmemPmdMapped:", 0);
	smaps_kb(pb, "FilePmdMapped:", 0);
	smaps_kb(pb, "Shared_Hugetlb:", 0);
	smaps_kb(pb, "Private_Hugetlb:", 0);
	smaps_kb(pb, "Swap:", 0);
	smaps_kb(pb, "SwapPss:", 0);
	smaps_kb(pb, "Locked:", mss->locked);
}

/* Linux's show_smap_vma_flags mnemonics, by bit of vm_flags (those uniarm has). */
static const char vm_flag_names[32][3] = {
	[0] = "rd",  [1] = "wr",  [2] = "ex",  [3] = "sh",  [4] = "mr",	 [5] = "mw",  [6] = "me",
	[7] = "ms",  [8] = "gd",  [13] = "lo", [15] = "sr", [16] = "rr", [17] = "dc", [18] = "de",
	[19] = "lf", [20] = "ac", [21] = "nr", [25] = "wf", [26] = "dd",
};

static void show_smap(struct pbuf *pb, const struct vm_area_struct *vma)
{
	struct mem_size_stats mss = {0};

	smaps_account_vma(vma, &mss);
	show_map_vma(pb, vma);
	smaps_kb(pb, "Size:", (vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
	smaps_kb(pb, "KernelPageSize:", 1);
	smaps_kb(pb, "MMUPageSize:", 1);
	show_smap_stats(pb, &mss, false);
	/* No transparent huge pages. */
	pb_printf(pb, "THPeligible:    0\n");
	pb_printf(pb, "VmFlags:");
	for (unsigned int i = 0; i < 32; i++)
		if ((vma->vm_flags & (1UL << i)) && vm_flag_names[i][0])
			pb_printf(pb, " %s", vm_flag_names[i]);
	pb_printf(pb, " \n");
}

static void show_smaps(struct pbuf *pb)
{
	const struct mm_struct *mm = current_mm;

	for (struct area_node *n = area_first(&mm->mm_areas); n; n = area_next(n))
		show_smap(pb, container_of(n, struct vm_area_struct, vm_node));
}

/* Linux's show_smaps_rollup: a maps-like header from the first VMA's start to the last one's
 * end, "---p", named [rollup], then the sums. */
static void show_smaps_rollup(struct pbuf *pb)
{
	const struct mm_struct *mm = current_mm;
	struct mem_size_stats mss = {0};
	unsigned long first = 0, last = 0;
	size_t start = pb->count;

	for (struct area_node *n = area_first(&mm->mm_areas); n; n = area_next(n)) {
		const struct vm_area_struct *vma = container_of(n, struct vm_area_struct, vm_node);

		if (!last)
			first = vma->vm_start;
		last = vma->vm_end;
		smaps_account_vma(vma, &mss);
	}
	pb_printf(pb, "%08lx-%08lx ---p %08x %02x:%02x %lu ", first, last, 0u, 0u, 0u, 0ul);
	pb_pad(pb, start, MAPS_NAME_PAD);
	pb_printf(pb, "[rollup]\n");
	show_smap_stats(pb, &mss, true);
}

/* --- /proc/meminfo ------------------------------------------------------------------------ */

/* Linux's show_val_kb: the label with its colon padded to 16 columns, the value to 8. */
static void show_val_kb(struct pbuf *pb, const char *label, unsigned long pages)
{
	pb_printf(pb, "%-16s%8lu kB\n", label, K(pages));
}

/*
 * uniarm has no page cache, swap, LRU lists or reclaimable slabs: those lines are 0. The
 * application's resident pages are all anonymous (AnonPages); nothing is ever reclaimed, so
 * they count as active, except those in locked VMAs, which are Mlocked and Unevictable as on
 * Linux. MemAvailable is MemFree, there being nothing to reclaim.
 */
static void show_meminfo(struct pbuf *pb)
{
	unsigned long total = totalram_pages(), free = nr_free_pages(), slab = slab_pages();
	struct mm_rss_stat rss;

	mm_rss_stat(current_mm, &rss);
	show_val_kb(pb, "MemTotal:", total);
	show_val_kb(pb, "MemFree:", free);
	show_val_kb(pb, "MemAvailable:", free);
	show_val_kb(pb, "Buffers:", 0);
	show_val_kb(pb, "Cached:", 0);
	show_val_kb(pb, "SwapCached:", 0);
	show_val_kb(pb, "Active:", rss.rss - rss.locked);
	show_val_kb(pb, "Inactive:", 0);
	show_val_kb(pb, "Active(anon):", rss.rss - rss.locked);
	show_val_kb(pb, "Inactive(anon):", 0);
	show_val_kb(pb, "Active(file):", 0);
	show_val_kb(pb, "Inactive(file):", 0);
	show_val_kb(pb, "Unevictable:", rss.locked);
	show_val_kb(pb, "Mlocked:", rss.locked);
	show_val_kb(pb, "SwapTotal:", 0);
	show_val_kb(pb, "SwapFree:", 0);
	show_val_kb(pb, "Dirty:", 0);
	show_val_kb(pb, "Writeback:", 0);
	show_val_kb(pb, "AnonPages:", rss.rss);
	show_val_kb(pb, "Mapped:", 0);
	show_val_kb(pb, "Shmem:", 0);
	show_val_kb(pb, "KReclaimable:", 0);
	show_val_kb(pb, "Slab:", slab);
	show_val_kb(pb, "SReclaimable:", 0);
	show_val_kb(pb, "SUnreclaim:", slab);
	/* In kB on Linux too; the runtime's stacks are part of its image, outside MemTotal, as
	 * Linux's init stack is. */
	pb_printf(pb, "%-16s%8lu kB\n", "KernelStack:", 0ul);
	show_val_kb(pb, "PageTables:", nr_pagetable_pages());
	show_val_kb(pb, "SecPageTables:", 0);
	show_val_kb(pb, "NFS_Unstable:", 0);
	show_val_kb(pb, "Bounce:", 0);
	show_val_kb(pb, "WritebackTmp:", 0);
	show_val_kb(pb, "CommitLimit:", vm_commit_limit());
	show_val_kb(pb, "Committed_AS:", vm_committed_pages);
	pb_printf(pb, "%-16s%8lu kB\n", "VmallocTotal:", (VMALLOC_END - vmalloc_start) >> 10);
	show_val_kb(pb, "VmallocUsed:", vmalloc_used_pages());
	show_val_kb(pb, "VmallocChunk:", 0);
	show_val_kb(pb, "Percpu:", 0);
}

/* --- /proc/<pid>/status ----------------------------------------------------------------- */

/* Pages of level-2 tables below TASK_SIZE: one page holds the tables of a 4 MiB group, linked
 * from its four level-1 entries. */
struct pgtable_count {
	unsigned long last_table; /* the table page of the previous level-1 entry */
	unsigned long pages;
};

static int pgtable_pmd_entry(pmd_t *pmd, unsigned long addr, unsigned long next,
			     struct mm_walk *walk)
{
	struct pgtable_count *c = walk->private;
	unsigned long table = pmd_val(*pmd) & PAGE_MASK;

	(void)addr, (void)next;
	if (table != c->last_table) {
		c->last_table = table;
		c->pages++;
	}
	walk->action = ACTION_CONTINUE;
	return 0;
}

static const struct mm_walk_ops pgtable_walk_ops = {
	.pmd_entry = pgtable_pmd_entry,
};

static unsigned long user_pagetable_pages(struct mm_struct *mm)
{
	struct pgtable_count c = {0, 0};

	walk_page_range(mm, 0, TASK_SIZE, &pgtable_walk_ops, &c);
	return c.pages;
}

/* Pages of the VMAs whose flags under mask are value. */
static unsigned long vm_pages_where(const struct mm_struct *mm, unsigned long mask,
				    unsigned long value)
{
	unsigned long pages = 0;

	for (struct area_node *n = area_first(&mm->mm_areas); n; n = area_next(n)) {
		const struct vm_area_struct *vma = container_of(n, struct vm_area_struct, vm_node);

		if ((vma->vm_flags & mask) == value)
			pages += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	}
	return pages;
}

/* Linux's data_vm: private writable mappings that are not stacks (is_data_mapping). */
static unsigned long data_vm_pages(const struct mm_struct *mm)
{
	return vm_pages_where(mm, VM_WRITE | VM_SHARED | VM_STACK, VM_WRITE);
}

/* Linux's exec_vm: executable mappings that are neither writable nor stacks. */
static unsigned long exec_vm_pages(const struct mm_struct *mm)
{
	return vm_pages_where(mm, VM_EXEC | VM_WRITE | VM_STACK, VM_EXEC);
}

/* Linux's task_mem: the program's text (VmExe) and the rest of exec_vm (VmLib), in pages. */
static void text_and_lib(const struct mm_struct *mm, unsigned long *text, unsigned long *lib)
{
	unsigned long exec = exec_vm_pages(mm);

	*text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	if (*text > exec)
		*text = exec;
	*lib = exec - *text;
}

/* Linux's task_mem lines: a tab, the value in kB right-aligned in 8 columns. */
static void status_kb(struct pbuf *pb, const char *label, unsigned long kb)
{
	pb_printf(pb, "%s:\t%8lu kB\n", label, kb);
}

/*
 * The lines of Linux's status file that uniarm has values for, in Linux's order. VmPeak and
 * VmHWM are the high-water marks of runtime/rusage.c (see its comment). Threads: the group's
 * live threads. Context switches are not counted yet.
 */
/* The task a /proc file describes: the group leader for /proc/<pid>, the thread for
 * /proc/<pid>/task/<tid> (set around each show). */
static struct task_struct *show_task;

static const char *task_state_name(const struct task_struct *t)
{
	if (t->exit_state & EXIT_ZOMBIE)
		return "Z (zombie)";
	if (t == current || t->state == TASK_RUNNING)
		return "R (running)";
	if (t->state & TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	return "S (sleeping)";
}

static void show_status(struct pbuf *pb)
{
	struct task_struct *t = show_task;
	struct mm_struct *mm = current_mm;
	struct mm_rss_stat rss;
	unsigned long text, lib;

	mm_rss_stat(mm, &rss);
	text_and_lib(mm, &text, &lib);
	/* Linux's comm holds 15 characters. */
	pb_printf(pb, "Name:\t%.15s\n", t->comm);
	pb_printf(pb, "State:\t%s\n", task_state_name(t));
	pb_printf(pb, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", t->tgid, t->pid,
		  t->parent->tgid);
	pb_printf(pb, "FDSize:\t%u\n", init_files.fdt.max_fds);
	status_kb(pb, "VmPeak", K(rss.hiwater_vm));
	status_kb(pb, "VmSize", K(mm->total_vm));
	status_kb(pb, "VmLck", K(mm->locked_vm));
	status_kb(pb, "VmPin", 0);
	status_kb(pb, "VmHWM", K(rss.hiwater_rss));
	status_kb(pb, "VmRSS", K(rss.rss));
	status_kb(pb, "RssAnon", K(rss.rss));
	status_kb(pb, "RssFile", 0);
	status_kb(pb, "RssShmem", 0);
	status_kb(pb, "VmData", K(data_vm_pages(mm)));
	status_kb(pb, "VmStk", K(mm->stack_vm));
	status_kb(pb, "VmExe", K(text));
	status_kb(pb, "VmLib", K(lib));
	status_kb(pb, "VmPTE", K(user_pagetable_pages(mm)));
	status_kb(pb, "VmSwap", 0);
	pb_printf(pb, "Threads:\t%d\n", t->group_leader->nr_threads);
	pb_printf(pb, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
}

/* --- /proc/<pid>/statm ------------------------------------------------------------------ */

/*
 * Linux's task_statm, in pages: size (total_vm), resident (anonymous and file rss), shared (file
 * and shmem rss: none), text (the program's code, VmExe), lib 0 and dt 0 as on Linux, data
 * (data_vm plus stack_vm).
 */
static void show_statm(struct pbuf *pb)
{
	struct mm_struct *mm = current_mm;
	struct mm_rss_stat rss;
	unsigned long text, lib;

	mm_rss_stat(mm, &rss);
	text_and_lib(mm, &text, &lib);
	pb_printf(pb, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm, rss.rss, 0ul, text,
		  data_vm_pages(mm) + mm->stack_vm);
}

/* --- /proc/vmstat ------------------------------------------------------------------------- */

/* Linux's "name value" lines: pgfault and pgmajfault as Linux counts them, then the faults by
 * kind that uniarm's fault path counts (vm/mm_user.h, struct vm_event_counts). */
static void show_vmstat(struct pbuf *pb)
{
	const struct mm_struct *mm = current_mm;

	pb_printf(pb, "pgfault %lu\n", mm->min_flt + mm->maj_flt);
	pb_printf(pb, "pgmajfault %lu\n", mm->maj_flt);
	pb_printf(pb, "zero_page_map %lu\n", vm_events.zero_page_maps);
	pb_printf(pb, "zero_fill %lu\n", vm_events.zero_fill);
	pb_printf(pb, "zero_fill_prezeroed %lu\n", vm_events.zero_fill_prezeroed);
	pb_printf(pb, "nr_prezeroed %lu\n", page_counts.prezeroed);
	pb_printf(pb, "cow %lu\n", vm_events.cow);
	pb_printf(pb, "reuse %lu\n", vm_events.reuse);
	pb_printf(pb, "stack_growth %lu\n", vm_events.stack_growth);
	pb_printf(pb, "access_flag %lu\n", vm_events.access_flag);
	pb_printf(pb, "dirty %lu\n", vm_events.dirty);
}

/* --- /proc/sys/vm ------------------------------------------------------------------------ */

static void show_overcommit_memory(struct pbuf *pb)
{
	pb_printf(pb, "%d\n", sysctl_overcommit_memory);
}

static void show_overcommit_ratio(struct pbuf *pb)
{
	pb_printf(pb, "%d\n", sysctl_overcommit_ratio);
}

static void show_max_map_count(struct pbuf *pb)
{
	pb_printf(pb, "%d\n", sysctl_max_map_count);
}

/* proc_doulongvec_minmax's format. */
static void show_mmap_min_addr(struct pbuf *pb)
{
	pb_printf(pb, "%lu\n", mmap_min_addr);
}

static bool sysctl_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/*
 * Linux's __do_proc_dointvec write of one int with proc_dointvec_minmax's bounds: leading
 * white space, an optional '-', decimal digits (at most 21 characters, as proc_get_long's
 * buffer), then the end or a space, tab or newline; no number, an int overflow or a value
 * outside [min, max] is -EINVAL and the value stays.
 */
static int sysctl_write_int(const char *buf, size_t len, int *val, long long min, long long max)
{
	size_t i = 0, digits;
	bool neg = false;
	long long v = 0;

	while (i < len && sysctl_is_space(buf[i]))
		i++;
	if (i == len)
		return -EINVAL;
	if (buf[i] == '-') {
		neg = true;
		i++;
	}
	for (digits = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++, digits++) {
		if (digits >= 21)
			return -EINVAL;
		v = v * 10 + (buf[i] - '0');
		if (v > (long long)INT_MAX + 1)
			return -EINVAL;
	}
	if (!digits)
		return -EINVAL;
	if (i < len && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n')
		return -EINVAL;
	if (neg)
		v = -v;
	if (v > INT_MAX || v < min || v > max)
		return -EINVAL;
	*val = (int)v;
	return 0;
}

/*
 * Linux's __do_proc_doulongvec_minmax write of one unsigned long without bounds: leading white
 * space, decimal digits (at most 21 characters), then the end or a space, tab or newline; no
 * number, a '-' or an overflow is -EINVAL and the value stays.
 */
static int sysctl_write_ulong(const char *buf, size_t len, unsigned long *val)
{
	size_t i = 0, digits;
	unsigned long long v = 0;

	while (i < len && sysctl_is_space(buf[i]))
		i++;
	if (i == len || buf[i] == '-')
		return -EINVAL;
	for (digits = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++, digits++) {
		if (digits >= 21)
			return -EINVAL;
		v = v * 10 + (unsigned long long)(buf[i] - '0');
		if (v > ULONG_MAX)
			return -EINVAL;
	}
	if (!digits || (i < len && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n'))
		return -EINVAL;
	*val = (unsigned long)v;
	return 0;
}

/* vm.overcommit_memory: 0, 1 or 2 (proc_dointvec_minmax, SYSCTL_ZERO..SYSCTL_TWO). */
static int write_overcommit_memory(const char *buf, size_t len)
{
	return sysctl_write_int(buf, len, &sysctl_overcommit_memory, OVERCOMMIT_GUESS,
				OVERCOMMIT_NEVER);
}

/* vm.overcommit_ratio: Linux's overcommit_ratio_handler is a plain proc_dointvec, but a
 * negative ratio has no meaning for vm_commit_limit's unsigned arithmetic: refused. */
static int write_overcommit_ratio(const char *buf, size_t len)
{
	return sysctl_write_int(buf, len, &sysctl_overcommit_ratio, 0, INT_MAX);
}

/* vm.max_map_count: proc_dointvec_minmax with SYSCTL_ZERO as its minimum. */
static int write_max_map_count(const char *buf, size_t len)
{
	return sysctl_write_int(buf, len, &sysctl_max_map_count, 0, INT_MAX);
}

/* vm.mmap_min_addr: Linux's mmap_min_addr_handler wants CAP_SYS_RAWIO of the writer beyond the
 * file's permissions (so root without it gets EPERM), then proc_doulongvec_minmax. */
static int write_mmap_min_addr(const char *buf, size_t len)
{
	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	return sysctl_write_ulong(buf, len, &mmap_min_addr);
}

/* --- /proc/cpu/alignment ---------------------------------------------------------------- */

/* Linux's alignment_proc_show (arch/arm/mm/alignment.c). Unaligned accesses of the runtime are
 * never fixed up (an Oops): System stays 0, its last pc NULL, which %pS prints as 0x0. */
static void show_cpu_alignment(struct pbuf *pb)
{
	struct alignment_stats st;
	int mode = alignment_usermode();

	alignment_get_stats(&st);
	pb_printf(pb, "User:\t\t%lu\n", st.user);
	pb_printf(pb, "System:\t\t%lu (0x0)\n", st.sys);
	pb_printf(pb, "Skipped:\t%lu\n", st.skipped);
	pb_printf(pb, "Half:\t\t%lu\n", st.half);
	pb_printf(pb, "Word:\t\t%lu\n", st.word);
	pb_printf(pb, "DWord:\t\t%lu\n", st.dword);
	pb_printf(pb, "Multi:\t\t%lu\n", st.multi);
	pb_printf(pb, "User faults:\t%i (%s)\n", mode, alignment_usermode_name(mode));
}

/* Linux's alignment_proc_write: a first character '0' to '5' sets the mode; anything else is
 * accepted and changes nothing. */
static int write_cpu_alignment(const char *buf, size_t len)
{
	if (len > 0 && buf[0] >= '0' && buf[0] <= '5')
		alignment_set_usermode(buf[0] - '0');
	return 0;
}

/* --- the file table --------------------------------------------------------------------- */

enum {
	PROC_ROOT,	       /* /proc */
	PROC_MEMINFO,	       /* /proc/meminfo */
	PROC_VMSTAT,	       /* /proc/vmstat */
	PROC_PID,	       /* /proc/self, /proc/<pid> */
	PROC_PID_MAPS,	       /* /proc/<pid>/maps */
	PROC_PID_STATUS,       /* /proc/<pid>/status */
	PROC_PID_STATM,	       /* /proc/<pid>/statm */
	PROC_PID_SMAPS,	       /* /proc/<pid>/smaps */
	PROC_PID_SMAPS_ROLLUP, /* /proc/<pid>/smaps_rollup */
	PROC_PID_PAGEMAP,      /* /proc/<pid>/pagemap: binary, read in place */
	PROC_PID_TASK,	       /* /proc/<pid>/task */
	PROC_TID,	       /* /proc/<pid>/task/<tid>: one per live thread of the group */
	PROC_TID_STATUS,       /* /proc/<pid>/task/<tid>/status */
	PROC_SYS,	       /* /proc/sys */
	PROC_SYS_VM,	       /* /proc/sys/vm */
	PROC_SYS_VM_OVERCOMMIT_MEMORY,
	PROC_SYS_VM_OVERCOMMIT_RATIO,
	PROC_SYS_VM_MAX_MAP_COUNT,
	PROC_SYS_VM_MMAP_MIN_ADDR,
	PROC_CPU,	    /* /proc/cpu */
	PROC_CPU_ALIGNMENT, /* /proc/cpu/alignment: mode 0644, as the sysctls */
	NR_PROC_ENTRIES,
};
#define PROC_OUTSIDE  (-1)	/* the walk is in "/", outside /proc */
#define WALK_NOT_PROC (-100000) /* not a /proc path: no errno value */

struct proc_entry {
	const char *name; /* NULL: named "self" or by the pid */
	int parent;
	bool dir;
	void (*show)(struct pbuf *pb);
	size_t (*size_hint)(void); /* first buffer size; NULL: one page */
	/* A sysctl's write (root only, mode 0644): 0, -EINVAL or -EPERM; NULL: read-only (0444). */
	int (*write)(const char *buf, size_t len);
};

static size_t maps_size_hint(void)
{
	/* A line with a name is 49 + 8 characters; more is grown into. */
	return (size_t)current_mm->map_count * 64 + 1;
}

static size_t smaps_size_hint(void)
{
	/* A VMA's block is about 25 lines of 28 characters. */
	return (size_t)current_mm->map_count * 768 + 1;
}

static const struct proc_entry proc_entries[NR_PROC_ENTRIES] = {
	[PROC_ROOT] = {"proc", PROC_OUTSIDE, true, NULL, NULL, NULL},
	[PROC_MEMINFO] = {"meminfo", PROC_ROOT, false, show_meminfo, NULL, NULL},
	[PROC_VMSTAT] = {"vmstat", PROC_ROOT, false, show_vmstat, NULL, NULL},
	[PROC_PID] = {NULL, PROC_ROOT, true, NULL, NULL, NULL},
	[PROC_PID_MAPS] = {"maps", PROC_PID, false, show_maps, maps_size_hint, NULL},
	[PROC_PID_STATUS] = {"status", PROC_PID, false, show_status, NULL, NULL},
	[PROC_PID_STATM] = {"statm", PROC_PID, false, show_statm, NULL, NULL},
	[PROC_PID_SMAPS] = {"smaps", PROC_PID, false, show_smaps, smaps_size_hint, NULL},
	[PROC_PID_SMAPS_ROLLUP] = {"smaps_rollup", PROC_PID, false, show_smaps_rollup, NULL, NULL},
	[PROC_PID_PAGEMAP] = {"pagemap", PROC_PID, false, NULL, NULL, NULL},
	[PROC_PID_TASK] = {"task", PROC_PID, true, NULL, NULL, NULL},
	[PROC_TID] = {NULL, PROC_PID_TASK, true, NULL, NULL, NULL},
	[PROC_TID_STATUS] = {"status", PROC_TID, false, show_status, NULL, NULL},
	[PROC_SYS] = {"sys", PROC_ROOT, true, NULL, NULL, NULL},
	[PROC_SYS_VM] = {"vm", PROC_SYS, true, NULL, NULL, NULL},
	[PROC_SYS_VM_OVERCOMMIT_MEMORY] = {"overcommit_memory", PROC_SYS_VM, false,
					   show_overcommit_memory, NULL, write_overcommit_memory},
	[PROC_SYS_VM_OVERCOMMIT_RATIO] = {"overcommit_ratio", PROC_SYS_VM, false,
					  show_overcommit_ratio, NULL, write_overcommit_ratio},
	[PROC_SYS_VM_MAX_MAP_COUNT] = {"max_map_count", PROC_SYS_VM, false, show_max_map_count,
				       NULL, write_max_map_count},
	[PROC_SYS_VM_MMAP_MIN_ADDR] = {"mmap_min_addr", PROC_SYS_VM, false, show_mmap_min_addr,
				       NULL, write_mmap_min_addr},
	[PROC_CPU] = {"cpu", PROC_ROOT, true, NULL, NULL, NULL},
	[PROC_CPU_ALIGNMENT] = {"alignment", PROC_CPU, false, show_cpu_alignment, NULL,
				write_cpu_alignment},
};

struct procfs_file {
	const struct proc_entry *entry;
	char *buf; /* the snapshot (NULL for a directory) */
	size_t len;
	bool vmalloced;
	bool read; /* the snapshot has been read from: a read at 0 generates a new one */
	int tid;   /* the task it describes (show_task) */
	long long pos;
};

/* Linux's name_to_int: decimal digits, no leading zero, no overflow. */
static bool name_is_pid(const char *name, size_t len, int pid)
{
	unsigned long v = 0;

	if (len == 0 || (len > 1 && name[0] == '0'))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9' || v > (~0UL - 9) / 10)
			return false;
		v = v * 10 + (unsigned long)(name[i] - '0');
	}
	return v == (unsigned long)pid;
}

/* The task the walk has named so far: the group leader for /proc/<pid>, then the thread. */
static int walk_tid;

/* A live thread of the current group with the number name. */
static bool name_is_thread(const char *name, size_t len)
{
	struct task_struct *leader = current->group_leader, *t;
	struct list_head *pos;

	if (!leader->exit_state && name_is_pid(name, len, leader->pid)) {
		walk_tid = leader->pid;
		return true;
	}
	list_for_each(pos, &leader->thread_group)
	{
		t = list_entry(pos, struct task_struct, thread_node);
		if (name_is_pid(name, len, t->pid)) {
			walk_tid = t->pid;
			return true;
		}
	}
	return false;
}

static bool entry_matches(int i, const char *name, size_t len)
{
	const struct proc_entry *e = &proc_entries[i];

	if (e->name)
		return strlen(e->name) == len && !memcmp(e->name, name, len);
	if (i == PROC_TID)
		return name_is_thread(name, len);
	return (len == 4 && !memcmp(name, "self", 4)) || name_is_pid(name, len, current->tgid);
}

/* The entry called name in directory dir (PROC_OUTSIDE: "/"). */
static int proc_child(int dir, const char *name, size_t len)
{
	for (int i = 0; i < NR_PROC_ENTRIES; i++)
		if (proc_entries[i].parent == dir && entry_matches(i, name, len))
			return i;
	return dir == PROC_OUTSIDE ? WALK_NOT_PROC : -ENOENT;
}

/*
 * Resolve an absolute path one component at a time, as Linux's path walk does: empty and "."
 * components stay, ".." goes up, any component after a file (even an empty one, from a
 * trailing slash) is -ENOTDIR, a missing name is -ENOENT. Paths that never enter /proc, or
 * leave it, are WALK_NOT_PROC.
 */
static int proc_walk(const char *path)
{
	int node = PROC_OUTSIDE;
	const char *p = path;

	walk_tid = current->tgid;
	if (!path || path[0] != '/')
		return WALK_NOT_PROC;
	while (*p) {
		const char *c = ++p; /* past the slash */
		size_t len;
		int child;

		while (*p && *p != '/')
			p++;
		len = (size_t)(p - c);
		if (node != PROC_OUTSIDE && !proc_entries[node].dir)
			return -ENOTDIR;
		if (len == 0 || (len == 1 && c[0] == '.'))
			continue;
		if (len == 2 && c[0] == '.' && c[1] == '.') {
			if (node != PROC_OUTSIDE)
				node = proc_entries[node].parent;
			continue;
		}
		child = proc_child(node, c, len);
		if (child < 0)
			return child;
		node = child;
	}
	return node == PROC_OUTSIDE ? WALK_NOT_PROC : node;
}

bool procfs_owns(const char *path)
{
	return proc_walk(path) != WALK_NOT_PROC;
}

int procfs_lookup(const char *path)
{
	int node = proc_walk(path);

	if (node == WALK_NOT_PROC)
		return -ENOENT;
	return node < 0 ? node : 0;
}

/* Snapshots up to a page come from kmalloc, larger ones from vmalloc (no contiguous pages
 * needed, as Linux's seq_file uses kvmalloc). */
#define SNAPSHOT_MAX (64UL << 20)

static void snapshot_free(struct procfs_file *pf)
{
	if (pf->vmalloced)
		vfree(pf->buf);
	else
		kfree(pf->buf);
	pf->buf = NULL;
	pf->len = 0;
}

static int snapshot(struct procfs_file *pf)
{
	const struct proc_entry *e = pf->entry;
	size_t size = e->size_hint ? e->size_hint() : PAGE_SIZE;

	if (size < PAGE_SIZE)
		size = PAGE_SIZE;
	for (;;) {
		struct pbuf pb = {.size = size};

		pf->vmalloced = size > PAGE_SIZE;
		pb.buf = pf->vmalloced ? vmalloc(size) : kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
		if (!pb.buf)
			return -ENOMEM;
		pf->buf = pb.buf;
		show_task = find_task_by_pid(pf->tid);
		if (!show_task) /* the thread is gone: what it was is no longer there */
			show_task = current->group_leader;
		e->show(&pb);
		if (!pb.overflow) {
			pf->len = pb.count;
			return 0;
		}
		snapshot_free(pf);
		if (size >= SNAPSHOT_MAX)
			return -ENOMEM;
		size *= 2;
	}
}

int procfs_open(const char *path, int flags, struct procfs_file **out)
{
	int node = proc_walk(path);
	int acc = flags & LINUX_O_ACCMODE;
	/* Linux's ACC_MODE: O_WRONLY, O_RDWR and 3 all ask for write access, as does O_TRUNC. */
	bool write = acc != 0 || (flags & LINUX_O_TRUNC);
	const struct proc_entry *e;
	struct procfs_file *pf;
	int err;

	/* Even with O_CREAT a missing name is ENOENT: procfs lookups fail rather than return a
	 * negative dentry, so Linux never reaches its create step. */
	if (node == WALK_NOT_PROC)
		return -ENOENT;
	if (node < 0)
		return node;
	e = &proc_entries[node];
	/* Linux's do_open and may_open, in their order. */
	if ((flags & (LINUX_O_CREAT | LINUX_O_EXCL)) == (LINUX_O_CREAT | LINUX_O_EXCL))
		return -EEXIST;
	if (e->dir && (flags & LINUX_O_CREAT))
		return -EISDIR;
	if (!e->dir && (flags & LINUX_O_DIRECTORY))
		return -ENOTDIR;
	/* Files are 0444, sysctls 0644 and root's: written by their owner (fsuid 0) or with
	 * CAP_DAC_OVERRIDE, the DAC check of a root-owned file. */
	if (write &&
	    (e->dir || !e->write || (current_cred()->fsuid != 0 && !capable(CAP_DAC_OVERRIDE))))
		return e->dir ? -EISDIR : -EACCES;

	pf = kzalloc(sizeof(*pf), GFP_KERNEL | __GFP_NOWARN);
	if (!pf)
		return -ENOMEM;
	pf->entry = e;
	pf->tid = walk_tid;
	if (e->show) {
		err = snapshot(pf);
		if (err) {
			kfree(pf);
			return err;
		}
	}
	*out = pf;
	return 0;
}

/*
 * Linux's pagemap_read: 8 bytes per page, the entry of the page at (position / 8) * PAGE_SIZE;
 * a position or count that is not a multiple of 8 is -EINVAL; past TASK_SIZE there is nothing
 * (0). PFNs only for a reader with CAP_SYS_ADMIN (checked once per read, as Linux checks at
 * open; the credentials cannot change in between for one task). The entries are built a batch
 * at a time in runtime memory and copied out: a buffer that faults part way gives the bytes
 * copied so far, at once -EFAULT.
 */
#define PAGEMAP_BATCH 64

static long pagemap_read(struct procfs_file *pf, void __user *buf, size_t count)
{
	uint64_t batch[PAGEMAP_BATCH];
	unsigned long long page = (unsigned long long)pf->pos >> 3;
	bool show_pfn = capable(CAP_SYS_ADMIN); /* as Linux's pagemap_open */
	size_t done = 0;

	if ((pf->pos & (PM_ENTRY_BYTES - 1)) || (count & (PM_ENTRY_BYTES - 1)))
		return -EINVAL;
	while (done < count && page < (TASK_SIZE >> PAGE_SHIFT)) {
		unsigned long n = PAGEMAP_BATCH, left;

		if (n > (count - done) / PM_ENTRY_BYTES)
			n = (count - done) / PM_ENTRY_BYTES;
		if (n > (TASK_SIZE >> PAGE_SHIFT) - page)
			n = (TASK_SIZE >> PAGE_SHIFT) - page;
		pagemap_range(current_mm, (unsigned long)page << PAGE_SHIFT,
			      (unsigned long)(page + n) << PAGE_SHIFT, batch, show_pfn);
		left = copy_to_user((char __user *)buf + done, batch, n * PM_ENTRY_BYTES);
		done += n * PM_ENTRY_BYTES - left;
		if (left)
			break;
		page += n;
	}
	if (done == 0 && count && page < (TASK_SIZE >> PAGE_SHIFT))
		return -EFAULT;
	done &= ~(size_t)(PM_ENTRY_BYTES - 1);
	pf->pos += (long long)done;
	return (long)done;
}

/*
 * Copy from the snapshot at the file position to the application's buf (checked by sys_read's
 * access_ok). The position advances by what was copied: a buffer that faults part way gives
 * the count copied so far, one that faults at once -EFAULT with the position unchanged.
 */
long procfs_read(struct procfs_file *pf, void __user *buf, size_t count)
{
	size_t n;

	if (pf->entry->dir)
		return -EISDIR;
	if (pf->entry == &proc_entries[PROC_PID_PAGEMAP])
		return pagemap_read(pf, buf, count);
	/* Linux's seq_read starts over at offset 0: the file is generated again. */
	if (pf->pos == 0 && pf->read && count) {
		int err;

		snapshot_free(pf);
		err = snapshot(pf);
		if (err)
			return err;
	}
	pf->read = true;
	if (pf->pos >= (long long)pf->len || count == 0)
		return 0;
	n = pf->len - (size_t)pf->pos;
	if (n > count)
		n = count;
	n -= copy_to_user(buf, pf->buf + pf->pos, n);
	if (n == 0)
		return -EFAULT;
	pf->pos += (long long)n;
	return (long)n;
}

/*
 * A write to a sysctl: the text is copied in (the first SYSCTL_WRITE_MAX bytes: a longer number
 * is EINVAL either way) and parsed as Linux's proc_dointvec_minmax. With sysctl_writes_strict
 * (Linux's default), a write at a position past 0 is ignored and reported as done;
 * /proc/cpu/alignment, not a sysctl, takes every write.
 */
#define SYSCTL_WRITE_MAX 64

long procfs_write(struct procfs_file *pf, const void __user *buf, size_t count)
{
	char kbuf[SYSCTL_WRITE_MAX];
	size_t n = count < sizeof(kbuf) ? count : sizeof(kbuf);
	int err;

	if (!pf->entry->write)
		return -EBADF; /* not reached: opens for writing are refused */
	if (pf->pos == 0 || pf->entry == &proc_entries[PROC_CPU_ALIGNMENT]) {
		if (copy_from_user(kbuf, buf, n))
			return -EFAULT;
		err = pf->entry->write(kbuf, n);
		if (err)
			return err;
	}
	pf->pos += (long long)count;
	return (long)count;
}

long long procfs_llseek(struct procfs_file *pf, long long offset, int whence)
{
	switch (whence) {
	case LINUX_SEEK_CUR:
		if (__builtin_add_overflow(offset, pf->pos, &offset))
			return -EINVAL;
		/* fall through */
	case LINUX_SEEK_SET:
		if (offset < 0)
			return -EINVAL;
		pf->pos = offset;
		return offset;
	default:
		return -EINVAL;
	}
}

void procfs_stat(const struct procfs_file *pf, struct linux_stat64 *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = pf->entry->dir	 ? LINUX_S_IFDIR | 0555
		      : pf->entry->write ? LINUX_S_IFREG | 0644
					 : LINUX_S_IFREG | 0444;
	st->st_nlink = pf->entry->dir ? 2 : 1;
	st->st_blksize = 1024;
	st->__st_ino = st->st_ino = (unsigned long)(pf->entry - proc_entries) + 1;
}

void procfs_release(struct procfs_file *pf)
{
	if (pf->buf)
		snapshot_free(pf);
	kfree(pf);
}
