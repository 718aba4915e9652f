/*
 * mlock.c - locking memory (Linux's mm/mlock.c): mlock, mlock2, munlock, mlockall, munlockall.
 *
 * Pages are never reclaimed in uniarm, so "locked" means VM_LOCKED on the VMA (counted in
 * locked_vm, refused by MADV_DONTNEED, populated by mremap growth and mprotect) and present:
 * mlock faults the range in. RLIMIT_MEMLOCK holds as on Linux unless the task has CAP_IPC_LOCK
 * (root has; runtime/cred.c): a limit of 0 is EPERM, mlock past it ENOMEM (mlockall
 * MCL_CURRENT: when total_vm is past it), mmap's MAP_LOCKED past it EAGAIN (vm/mmap.c).
 * Addresses need not be aligned (the range is widened to whole pages), a
 * hole in the range is ENOMEM (the VMAs before it stay locked), and a range that cannot be
 * faulted in is reported after it was locked: a PROT_NONE part as ENOMEM, no memory as EAGAIN.
 * mlockall(MCL_FUTURE) makes later mappings and heap growth locked (mm->def_flags);
 * MCL_ONFAULT and mlock2's MLOCK_ONFAULT lock without faulting in (VM_LOCKONFAULT): the pages
 * are locked as they are faulted in, and locked_vm (VmLck) counts the whole range at once, as
 * Linux's mlock_fixup does.
 */
#include "vm/mmap_internal.h"
#include "vm/mmap_lock.h"
#include "runtime/cred.h"
#include "runtime/rusage.h"
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

/* Linux's can_do_mlock: a limit of 0 allows no locking without CAP_IPC_LOCK. */
bool can_do_mlock(void)
{
	return task_rlimit(LINUX_RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/* RLIMIT_MEMLOCK in pages (a 64-bit shift, no division). */
static uint64_t lock_limit_pages(void)
{
	return task_rlimit(LINUX_RLIMIT_MEMLOCK) >> PAGE_SHIFT;
}

/* Pages of [start, start + len) already in VM_LOCKED VMAs (Linux's count_mm_mlocked_page_nr). */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end = start + len, count = 0;

	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma_next(vma))
		if (vma->vm_flags & VM_LOCKED)
			count += (vma->vm_end < end ? vma->vm_end : end) -
				 (vma->vm_start > start ? vma->vm_start : start);
	return count >> PAGE_SHIFT;
}

/*
 * Linux's do_mlock: EPERM when RLIMIT_MEMLOCK is 0, ENOMEM when the pages locked already
 * (those of the range counted once) and the range's would pass it; CAP_IPC_LOCK (root) skips
 * both. Then the lock, and without VM_LOCKONFAULT the range is faulted in.
 */
static long do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current_mm;
	unsigned long locked;
	int err;

	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > lock_limit_pages() && !capable(CAP_IPC_LOCK)) {
		locked -= count_mm_mlocked_page_nr(mm, start, len);
		if (locked > lock_limit_pages())
			return -ENOMEM;
	}
	err = apply_vma_lock_flags(mm, start, len, flags);
	if (err || (flags & VM_LOCKONFAULT))
		return err;
	err = mm_populate(mm, start, start + len, false);
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

/*
 * Linux's mlock_future_check, for a new mapping of len bytes with vm_flags (mmap, MAP_LOCKED or
 * mlockall(MCL_FUTURE)): -EAGAIN when it would take locked_vm past RLIMIT_MEMLOCK without
 * CAP_IPC_LOCK.
 */
int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len)
{
	if (!(vm_flags & VM_LOCKED) || capable(CAP_IPC_LOCK))
		return 0;
	if ((len >> PAGE_SHIFT) + mm->locked_vm > lock_limit_pages())
		return -EAGAIN;
	return 0;
}

static long __sys_mlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

/* mlock with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_mlock, (unsigned long start, size_t len), (start, len))

/* mlock2: mlock, or with MLOCK_ONFAULT a lock that populates nothing (VM_LOCKONFAULT). */
static long __sys_mlock2(unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, flags & MLOCK_ONFAULT ? VM_LOCKED | VM_LOCKONFAULT : VM_LOCKED);
}

/* mlock2 with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_mlock2, (unsigned long start, size_t len, int flags),
		    (start, len, flags))

static long __sys_munlock(unsigned long start, size_t len)
{
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	return apply_vma_lock_flags(current_mm, start, len, 0);
}

/* munlock with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_munlock, (unsigned long start, size_t len), (start, len))

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

static long __sys_mlockall(int flags)
{
	struct mm_struct *mm = current_mm;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	/* Linux compares the whole address space (total_vm) with the limit for MCL_CURRENT. */
	if ((flags & MCL_CURRENT) && mm->total_vm > lock_limit_pages() && !capable(CAP_IPC_LOCK))
		return -ENOMEM;
	apply_mlockall_flags(mm, flags);
	if (flags & MCL_CURRENT)
		mm_populate(mm, 0, TASK_SIZE, true);
	return 0;
}

/* mlockall with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_mlockall, (int flags), (flags))

static long __sys_munlockall(void)
{
	apply_mlockall_flags(current_mm, 0);
	return 0;
}

/* munlockall with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_munlockall, (void), ())
