/*
 * What the memory manager can tell about the application's fatal faults, for the reports of
 * platform/fault.c (docs/reports.md): a stack overflow's limits, and the figures of the
 * out-of-memory report, computed from the allocators and the VMAs as /proc/meminfo and
 * /proc/self/status compute theirs.
 */
#ifndef UNIARM_VM_REPORT_H
#define UNIARM_VM_REPORT_H

#include <stdbool.h>

/*
 * A fault at addr, which no VMA holds, with the application's stack pointer at sp. When it is
 * the stack growing past its limit (addr lies below a VM_GROWSDOWN VMA that could not grow
 * down to it, and no further below sp than a push or a frame set-up reaches, which is Linux's
 * old x86 test: 64 KiB + 32 words), print "stack overflow: <which limit>" and the stack's
 * limits (the VMA, RLIMIT_STACK, the guard gap, the fault address and sp), and return true.
 * Otherwise print nothing and return false.
 */
bool report_stack_overflow(unsigned long addr, unsigned long sp);

/*
 * The out-of-memory report's figures, Linux's show_mem() in spirit: "Mem-Info:" with the
 * application's anonymous pages, slab, page tables, vmalloc and free pages, free blocks per
 * order, RAM and reserved pages, the committed memory (Committed_AS, CommitLimit), the
 * runtime's own large users (mem_map, slab, vmalloc, the pages allocated otherwise, page
 * tables) and the application's largest mappings by resident memory.
 */
void report_oom_mem_info(void);

/* The last line, Linux's: "Out of memory: Killed process 1 (comm) total-vm:..kB,
 * anon-rss:..kB, file-rss:0kB, shmem-rss:0kB, UID:0 oom_score_adj:0" (without Linux's
 * pgtables: the page tables are counted for the whole machine, in Mem-Info). */
void report_oom_kill(void);

#endif
