/*
 * mlock.c - locking memory (Linux's mm/mlock.c): mlock, mlock2, munlock, mlockall, munlockall.
 *
 * Pages are never reclaimed in uniarm, so "locked" means VM_LOCKED on the VMA (counted in
 * locked_vm, refused by MADV_DONTNEED, populated by mremap growth and mprotect) and present:
 * mlock faults the range in. As on Linux there is no RLIMIT_MEMLOCK for the application (it
 * has CAP_IPC_LOCK), addresses need not be aligned (the range is widened to whole pages), a
 * hole in the range is ENOMEM (the VMAs before it stay locked), and a range that cannot be
 * faulted in is reported after it was locked: a PROT_NONE part as ENOMEM, no memory as EAGAIN.
 * mlockall(MCL_FUTURE) makes later mappings and heap growth locked (mm->def_flags);
 * MCL_ONFAULT and mlock2's MLOCK_ONFAULT lock without faulting in (VM_LOCKONFAULT): the pages
 * are locked as they are faulted in, and locked_vm (VmLck) counts the whole range at once, as
 * Linux's mlock_fixup does.
 */
#include "vm/mmap_internal.h"
#include "runtime/syscalls.h"

#include <errno.h>

/* Give [start, end) of vma newflags (which differ from its flags only in VM_LOCKED_MASK). */
static int mlock_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags, struct vm_area_struct **out)
{
	unsigned long oldflags = vma->vm_flags, pages = (end - start) >> PAGE_SHIFT;
	int err;

	*out = vma;
	if (newflags == oldflags || (oldflags & VM_SPECIAL))
		return 0;
	err = vma_modify_flags(mm, vma, start, end, newflags, out);
	if (err)
		return err;
	vma_stat(mm, oldflags, -(long)pages);
	vma_stat(mm, newflags, (long)pages);
	return 0;
}

/* Set (flags = VM_LOCKED[|VM_LOCKONFAULT]) or clear (0) the lock of every VMA in the range. */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long len,
				unsigned long flags)
{
	unsigned long end = start + len, nstart = start, tmp;
	struct vm_area_struct *vma;
	int err;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = vma_lookup(mm, start);
	if (!vma)
		return -ENOMEM;
	for (tmp = vma->vm_start; vma && vma->vm_start < end; vma = vma_next(vma)) {
		if (vma->vm_start != tmp)
			return -ENOMEM;
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = mlock_fixup(mm, vma, nstart, tmp, (vma->vm_flags & ~VM_LOCKED_MASK) | flags,
				  &vma);
		if (err)
			return err;
		tmp = nstart = vma->vm_end;
	}
	return tmp < end ? -ENOMEM : 0;
}

long sys_mlock(unsigned long start, size_t len)
{
	struct mm_struct *mm = current_mm;
	int err;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	err = apply_vma_lock_flags(mm, start, len, VM_LOCKED);
	if (err)
		return err;
	err = mm_populate(mm, start, start + len, false);
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

/* mlock2: mlock, or with MLOCK_ONFAULT a lock that populates nothing (VM_LOCKONFAULT). */
long sys_mlock2(unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	if (!(flags & MLOCK_ONFAULT))
		return sys_mlock(start, len);
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	return apply_vma_lock_flags(current_mm, start, len, VM_LOCKED | VM_LOCKONFAULT);
}

long sys_munlock(unsigned long start, size_t len)
{
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	return apply_vma_lock_flags(current_mm, start, len, 0);
}

/* def_flags from MCL_FUTURE; with MCL_CURRENT every VMA gets (or, flags 0, loses) the lock. */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	struct vm_area_struct *vma;
	unsigned long to_add = 0;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT) {
		to_add = VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	for (vma = vma_of(area_first(&mm->mm_areas)); vma; vma = vma_next(vma))
		mlock_fixup(mm, vma, vma->vm_start, vma->vm_end,
			    (vma->vm_flags & ~VM_LOCKED_MASK) | to_add,
			    &vma); /* whole VMAs: no split */
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current_mm;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	apply_mlockall_flags(mm, flags);
	if (flags & MCL_CURRENT)
		mm_populate(mm, 0, TASK_SIZE, true);
	return 0;
}

long sys_munlockall(void)
{
	apply_mlockall_flags(current_mm, 0);
	return 0;
}
