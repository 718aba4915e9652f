/*
 * mincore.c - which pages of a range are resident (Linux's mm/mincore.c).
 *
 * One byte per page, bit 0 set when the page is present (vm/memory.c's mincore_range reads
 * the page tables). The range must start on a page and lie below TASK_SIZE (else ENOMEM, as
 * Linux's access_ok); vec must lie below TASK_SIZE too (else EFAULT). The range is walked VMA
 * by VMA as Linux copies it out chunk by chunk: a hole stops the walk with ENOMEM after the
 * bytes before it were written, and so does a part of vec that the application could not
 * write (EFAULT, where Linux's copy_to_user fails): vec is written in place, so its part for
 * each VMA is checked against the application's writable VMAs first.
 */
#include "vm/mmap_internal.h"

#include <errno.h>

/* Could the application write [addr, addr + len)? Inside writable VMAs, without a hole. */
static bool user_writable(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long end = addr + len;
	struct vm_area_struct *vma;

	while (addr < end) {
		vma = vma_lookup(mm, addr);
		if (!vma || !(vma->vm_flags & VM_WRITE))
			return false;
		addr = vma->vm_end;
	}
	return true;
}

long sys_mincore(unsigned long start, size_t len, unsigned char *vec)
{
	struct mm_struct *mm = current_mm;
	struct vm_area_struct *vma;
	unsigned long end, e, pages;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE || start > TASK_SIZE - len)
		return -ENOMEM;
	end = start + PAGE_ALIGN(len); /* no overflow: start and TASK_SIZE are page aligned */
	pages = (end - start) >> PAGE_SHIFT;
	if (pages > TASK_SIZE || (unsigned long)vec > TASK_SIZE - pages)
		return -EFAULT; /* access_ok(vec, pages) */
	while (start < end) {
		vma = vma_lookup(mm, start);
		if (!vma)
			return -ENOMEM;
		e = vma->vm_end < end ? vma->vm_end : end;
		if (!user_writable(mm, (unsigned long)vec, (e - start) >> PAGE_SHIFT))
			return -EFAULT;
		mincore_range(mm, start, e, vec);
		vec += (e - start) >> PAGE_SHIFT;
		start = e;
	}
	return 0;
}
