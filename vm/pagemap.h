/*
 * pagemap.h - read-only walks of the application's page tables for /proc/<pid>/pagemap (Linux's
 * fs/proc/task_mmu.c).
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

/*
 * The pagemap entries of the pages of [start, end) (page aligned, below TASK_SIZE) into out,
 * one per page: 0 for a page with no VMA or no entry; present pages have PM_PRESENT, and the
 * pfn when show_pfn (Linux: CAP_SYS_ADMIN); pages of shared anonymous memory PM_FILE; pages
 * only this mm maps (all, the zero page excepted) PM_MMAP_EXCLUSIVE. Never PM_SWAP (no swap)
 * nor PM_SOFT_DIRTY (ARM Linux has no soft-dirty tracking).
 */
void pagemap_range(struct mm_struct *mm, unsigned long start, unsigned long end, uint64_t *out,
		   bool show_pfn);

#endif
