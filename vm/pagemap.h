/*
 * pagemap.h - read-only looks at the application's page tables for /proc (Linux's
 * fs/proc/task_mmu.c walks): the pte of one address, and its /proc/<pid>/pagemap entry.
 */
#ifndef UNIARM_VM_PAGEMAP_H
#define UNIARM_VM_PAGEMAP_H

#include <stdbool.h>
#include <stdint.h>
#include "platform/pgtable.h"
#include "vm/mm_user.h"

/* Linux's pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PFRAME_MASK	  ((1ULL << 55) - 1)
#define PM_SOFT_DIRTY	  (1ULL << 55)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_FILE		  (1ULL << 61)
#define PM_SWAP		  (1ULL << 62)
#define PM_PRESENT	  (1ULL << 63)
#define PM_ENTRY_BYTES	  8

/* The pte mapping addr (below TASK_SIZE), or an empty one when there is no table. */
pte_t user_pte_get(unsigned long addr);
/*
 * The pagemap entry of addr in vma (NULL: a hole, 0): present pages have PM_PRESENT, and the
 * pfn when show_pfn (Linux: CAP_SYS_ADMIN); pages of shared anonymous memory PM_FILE;
 * pages only this mm maps (all, the zero page excepted) PM_MMAP_EXCLUSIVE. Never PM_SWAP (no
 * swap) nor PM_SOFT_DIRTY (ARM Linux has no soft-dirty tracking).
 */
uint64_t pagemap_entry(const struct vm_area_struct *vma, unsigned long addr, bool show_pfn);

#endif
