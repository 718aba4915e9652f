/*
 * msync.c - write mapped memory back to its file (Linux's mm/msync.c).
 *
 * uniarm maps no files yet, so there is never anything to write back; what remains is Linux's
 * checking: flags (unknown bits, or MS_ASYNC with MS_SYNC: EINVAL), alignment (EINVAL), holes
 * (ENOMEM, found at once for a plain MS_ASYNC, after the walk otherwise), and MS_INVALIDATE of
 * mlocked memory (EBUSY).
 */
#include "vm/mmap_internal.h"
#include "vm/mmap_lock.h"

#include <errno.h>

static long __sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current_mm;
	struct vm_area_struct *vma;
	int unmapped_error = 0;
	unsigned long end;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;

	vma = find_vma(mm, start);
	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			if (flags == MS_ASYNC)
				return -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
			return -EBUSY;
		/* anonymous memory: nothing to write back */
		start = vma->vm_end;
		if (start >= end)
			return unmapped_error;
		vma = vma_next(vma);
	}
}

/* msync with the mmap lock held for reading (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(read, sys_msync, (unsigned long start, size_t len, int flags),
		    (start, len, flags))
