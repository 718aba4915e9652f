/*
 * madvise.c - advice about the use of a range of memory (Linux's mm/madvise.c).
 *
 * Advice is applied VMA by VMA; holes in the range are skipped and reported as ENOMEM at the
 * end, an error from a VMA stops the walk (the VMAs before it keep the advice), as on Linux.
 *   NORMAL/RANDOM/SEQUENTIAL, DONTFORK/DOFORK, WIPEONFORK/KEEPONFORK, DONTDUMP/DODUMP: VMA
 *     flags, with split and merge (a split refused at the map_count limit is EAGAIN, as
 *     Linux turns that ENOMEM into EAGAIN);
 *   DONTNEED/FREE: private pages are freed (the next touch reads zeros); not on mlocked VMAs
 *     (EINVAL; DONTNEED_LOCKED allows them); shared memory keeps its data (as the page cache
 *     does on Linux), and FREE on it is EINVAL; a special mapping (the [sigpage]) gets its own
 *     pages back at once (Linux: at the next touch), and FREE on it is EINVAL;
 *   REMOVE: frees the pages of a shared writable mapping (private: EINVAL, read-only: EACCES);
 *   WILLNEED: accepted; as on Linux it makes no fresh anonymous page resident (it reads ahead
 *     file and swap contents, and uniarm has neither);
 *   COLD/PAGEOUT: nothing to reclaim (EINVAL on mlocked VMAs, as Linux);
 *   POPULATE_READ/WRITE: fault in, stopping at the first hole (ENOMEM) or a VMA without the
 *     access (EINVAL).
 * KSM, transparent huge pages, memory-failure injection and guard regions are not configured:
 * their advice values are EINVAL, like any unknown value.
 */
#include "vm/mmap_internal.h"
#include "vm/mmap_lock.h"

#include <errno.h>

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_REMOVE:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
	case MADV_DONTNEED_LOCKED:
		return true;
	default:
		return false;
	}
}

/* Free the pages of [start, end) inside a VMA that stays (no page table is freed). */
static inline void zap_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unmap_region(mm, start, end, start, start);
}

/* One VMA's part [start, end) of the range. *out is the VMA to continue after. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, int behavior, struct vm_area_struct **out)
{
	unsigned long flags = vma->vm_flags, newflags = flags;
	int err;

	*out = vma;
	switch (behavior) {
	case MADV_REMOVE:
		if (flags & VM_LOCKED)
			return -EINVAL;
		if (!(flags & VM_SHARED))
			return -EINVAL; /* no file behind private anonymous memory */
		/* May the mapping be written (Linux 6.1.y and mainline: VM_MAYWRITE), whatever
		 * its protection now: read-only and PROT_NONE views may punch the hole too. */
		if (!(flags & VM_MAYWRITE))
			return -EACCES;
		zap_range(mm, start, end);
		return 0;
	case MADV_WILLNEED:
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		/* Nothing is reclaimed (no swap), but the pages become old, as on Linux. */
		if (flags & VM_LOCKED)
			return -EINVAL;
		mkold_range(mm, start, end);
		return 0;
	case MADV_FREE:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
		if (behavior != MADV_DONTNEED_LOCKED && (flags & VM_LOCKED))
			return -EINVAL;
		if (flags & VM_SHARED)
			return behavior == MADV_FREE ? -EINVAL : 0;
		if (vma->vm_ops && vma->vm_ops->populate) {
			/* A special mapping: FREE is for anonymous memory only; DONTNEED drops
			 * the copies writes made, and its own pages come back. */
			if (behavior == MADV_FREE)
				return -EINVAL;
			zap_range(mm, start, end);
			return vma->vm_ops->populate(vma, start, end) ? -ENOMEM : 0;
		}
		zap_range(mm, start, end);
		return 0;
	case MADV_NORMAL:
		newflags &= ~(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_SEQUENTIAL:
		newflags = (newflags & ~VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_RANDOM:
		newflags = (newflags & ~VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_DONTFORK:
		newflags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		newflags &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		if (vma->vm_file || (flags & VM_SHARED))
			return -EINVAL;
		newflags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		newflags &= ~VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		newflags |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		if (newflags & VM_SPECIAL)
			return -EINVAL;
		newflags &= ~VM_DONTDUMP;
		break;
	default:
		return -EINVAL;
	}
	if (newflags == flags)
		return 0;
	err = vma_modify_flags(mm, vma, start, end, newflags, out);
	return err == -ENOMEM ? -EAGAIN : err;
}

/* MADV_POPULATE_READ/WRITE: every page must be mapped with the access asked for. */
static int madvise_populate(struct mm_struct *mm, unsigned long start, unsigned long end,
			    bool write)
{
	struct vm_area_struct *vma;
	unsigned long e;

	while (start < end) {
		vma = vma_lookup(mm, start);
		if (!vma)
			return -ENOMEM;
		if (!(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
			return -EINVAL;
		e = vma->vm_end < end ? vma->vm_end : end;
		if (populate_range_flags(vma, start, e, write ? FAULT_FLAG_WRITE : 0))
			return -ENOMEM;
		start = e;
	}
	return 0;
}

static long __sys_madvise(unsigned long start, size_t len_in, int behavior)
{
	struct mm_struct *mm = current_mm;
	struct vm_area_struct *vma;
	unsigned long end, len, tmp;
	int err, unmapped_error = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL; /* rounded up from a small negative length */
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE)
		return madvise_populate(mm, start, end, behavior == MADV_POPULATE_WRITE);

	vma = find_vma(mm, start);
	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = madvise_vma(mm, vma, start, tmp, behavior, &vma);
		if (err)
			return err;
		start = tmp < vma->vm_end ? vma->vm_end : tmp;
		if (start >= end)
			break;
		vma = vma_next(vma);
	}
	return unmapped_error;
}

/* madvise with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_madvise, (unsigned long start, size_t len_in, int behavior),
		    (start, len_in, behavior))
