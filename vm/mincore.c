/*
 * mincore.c - which pages of a range are resident (Linux's mm/mincore.c).
 *
 * One byte per page, bit 0 set when the page is present (vm/memory.c's mincore_range reads
 * the page tables). The range must start on a page and lie below TASK_SIZE (else ENOMEM, as
 * Linux's access_ok); vec must lie below TASK_SIZE too (else EFAULT). The range is walked as
 * Linux's: a chunk at a time, inside one VMA, into a runtime buffer that copy_to_user copies
 * to vec. A hole stops the walk with ENOMEM, a part of vec that the application cannot write
 * with EFAULT; the bytes of vec for the chunks before are written either way.
 */
#include "vm/mmap_internal.h"
#include "vm/mmap_lock.h"
#include "platform/uaccess.h"

#include <errno.h>

/* Pages per chunk: the runtime buffer of one walk step, on the syscall stack. */
#define MINCORE_CHUNK 256UL

static long __sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	unsigned char kvec[MINCORE_CHUNK];
	struct mm_struct *mm = current_mm;
	struct vm_area_struct *vma;
	unsigned long end, e, pages;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE || start > TASK_SIZE - len)
		return -ENOMEM;
	end = start + PAGE_ALIGN(len); /* no overflow: start and TASK_SIZE are page aligned */
	pages = (end - start) >> PAGE_SHIFT;
	if (!access_ok(vec, pages))
		return -EFAULT;
	while (start < end) {
		vma = vma_lookup(mm, start);
		if (!vma)
			return -ENOMEM;
		e = vma->vm_end < end ? vma->vm_end : end;
		if ((e - start) >> PAGE_SHIFT > MINCORE_CHUNK)
			e = start + (MINCORE_CHUNK << PAGE_SHIFT);
		pages = (e - start) >> PAGE_SHIFT;
		mincore_range(mm, start, e, kvec);
		if (copy_to_user(vec, kvec, pages))
			return -EFAULT;
		vec += pages;
		start = e;
	}
	return 0;
}

/* mincore with the mmap lock held for reading (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(read, sys_mincore, (unsigned long start, size_t len, unsigned char __user *vec),
		    (start, len, vec))
