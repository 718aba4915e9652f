/*
 * mremap.c - resize and move mappings (Linux's mm/mremap.c: sys_mremap, mremap_to,
 * vma_to_resize, move_vma).
 *
 * Shrinking unmaps the tail. Growing extends the VMA in place when the space after it is free
 * (merging with the next VMA if it then touches one), else, with MREMAP_MAYMOVE, moves the
 * range: a VMA with the same attributes and anon_vma is made at the new place (merging there if
 * it can; without an anon_vma it takes the pgoff of its new address, as Linux's copy_vma),
 * move_page_tables moves the ptes (the data is not copied) and the old range is
 * unmapped. MREMAP_FIXED moves to new_addr, unmapping what is there first; MREMAP_DONTUNMAP
 * moves and leaves the old range mapped but empty (its next touch reads zeros). old_len 0
 * duplicates a shared mapping (private: EINVAL, as Linux).
 *
 * Arguments are checked in Linux's order with Linux's errno; as on Linux, MREMAP_FIXED unmaps
 * the destination (and a shrinking move the old tail) before the old range is validated.
 * Committed memory follows the pages (a move keeps the old range's commitment, growth commits
 * the difference, MREMAP_DONTUNMAP commits the new range as a whole).
 *
 * Shared memory: uniarm has no shmem object behind MAP_SHARED | MAP_ANONYMOUS, so the views
 * that mremap(old_len = 0) and MREMAP_DONTUNMAP leave on the same shared memory are made by
 * faulting the source in and sharing its pages (dup_page_range).
 */
#include "vm/mmap_internal.h"
#include "vm/mmap_lock.h"
#include "runtime/cred.h"

#include <errno.h>

/* Linux's do_vmi_munmap argument checks, then do_munmap. */
static int vm_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	return do_munmap(mm, start, start + len);
}

/* The VMA holding [addr, addr + old_len), if it may become new_len long (vma_to_resize). */
static int vma_to_resize(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			 unsigned long new_len, unsigned long flags, struct vm_area_struct **out)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pgoff;

	if (!vma)
		return -EFAULT;
	/* duplicating a private mapping would not share anything: refused */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & VM_DONTEXPAND))
		return -EINVAL;
	if (old_len > vma->vm_end - addr)
		return -EFAULT; /* not across VMA boundaries */
	*out = vma;
	if (new_len == old_len)
		return 0;
	pgoff = vma_pgoff_at(vma, addr);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (vma->vm_flags & VM_DONTEXPAND)
		return -EFAULT;
	/* Growing locked memory counts against RLIMIT_MEMLOCK (Linux's mlock_future_check). */
	if (new_len > old_len && mlock_future_check(mm, vma->vm_flags, new_len - old_len))
		return -EAGAIN;
	return 0;
}

/* Can vma grow by delta in place: the space after it free and below TASK_SIZE? */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !find_vma_intersection(mm, vma->vm_end, end);
}

/*
 * Move (or, for shared memory with old_len 0 or MREMAP_DONTUNMAP, share) [old_addr,
 * old_addr + old_len) of vma to [new_addr, new_addr + new_len), which is free.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long old_addr,
		     unsigned long old_len, unsigned long new_len, unsigned long new_addr,
		     unsigned long flags)
{
	const bool dontunmap = flags & MREMAP_DONTUNMAP;
	unsigned long vm_flags = vma->vm_flags, new_end = new_addr + new_len, src_end, pgoff;
	unsigned long old_pages = old_len >> PAGE_SHIFT, new_pages = new_len >> PAGE_SHIFT;
	unsigned long to_account = dontunmap ? new_pages : new_pages - old_pages;
	const bool share = (vm_flags & VM_SHARED) && (dontunmap || !old_len);
	struct vm_area_struct *new_vma;
	int err = 0;

	/* room for do_munmap to split the old VMA in three (Linux's margin) */
	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (vm_flags & VM_ACCOUNT) {
		if (vm_enough_memory(to_account))
			return -ENOMEM;
		/* the old range's commitment moves along: do_munmap releases it again below */
		if (!dontunmap)
			vm_acct_memory(old_pages);
	}

	/*
	 * Linux's copy_vma: memory that never had an anonymous page (no anon_vma) takes the pgoff
	 * of its new address, as if mapped there, and so merges there like a new mapping.
	 */
	pgoff = vma->anon_vma ? vma_pgoff_at(vma, old_addr) : new_addr >> PAGE_SHIFT;
	new_vma = vma_insert_range(mm, new_addr, new_end, vm_flags, pgoff, vma->vm_file,
				   vma->vm_ops, vma->anon_vma, NULL);
	if (!new_vma) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory(to_account + (dontunmap ? 0 : old_pages));
		return -ENOMEM;
	}
	vma_stat(mm, vm_flags, (long)new_pages);
	if (share) {
		/* the memory a duplicate can see: what the old VMA has from old_addr on */
		src_end = old_addr + (old_len ? old_len : new_len);
		if (src_end > vma->vm_end || src_end < old_addr)
			src_end = vma->vm_end;
		if (vma_is_accessible(vma))
			err = populate_range(vma, old_addr, src_end);
		if (!err)
			err = dup_page_range(mm, old_addr, new_addr, src_end - old_addr);
	} else if (old_len) {
		err = move_page_tables(mm, old_addr, new_addr, old_len);
	}
	if (err) {
		/*
		 * Nothing moved: take the new range away again. Its commitment (new_pages) is
		 * what was added above (to_account, plus old_pages unless dontunmap).
		 */
		do_munmap(mm, new_addr, new_end);
		return -ENOMEM;
	}
	if (new_vma->vm_ops && new_vma->vm_ops->moved) /* a special mapping: it is here now */
		new_vma->vm_ops->moved(new_vma);

	if (dontunmap) {
		/* the old range stays, unlocked (Linux clears VM_LOCKED on it) */
		vma = vma_lookup(mm, old_addr);
		if (vma && (vma->vm_flags & VM_LOCKED_MASK) &&
		    !vma_modify_flags(mm, vma, old_addr, old_addr + old_len,
				      vma->vm_flags & ~VM_LOCKED_MASK, &vma)) {
			vma_stat(mm, vm_flags, -(long)old_pages);
			vma_stat(mm, vm_flags & ~VM_LOCKED_MASK, (long)old_pages);
		}
	} else if (old_len) {
		do_munmap(mm, old_addr, old_addr + old_len); /* cannot split past the limit */
	}
	if ((vm_flags & VM_LOCKED) && new_len > old_len)
		mm_populate(mm, new_addr + old_len, new_end, true);
	return (long)new_addr;
}

/* MREMAP_FIXED and MREMAP_DONTUNMAP (Linux's mremap_to). */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long map_flags = 0, ret;
	int err;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL; /* the ranges overlap */
	/* Linux's pre-check that both ends of both ranges may be split */
	if (mm->map_count + 2 >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		err = vm_munmap(mm, new_addr, new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		err = vm_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	err = vma_to_resize(mm, addr, old_len, new_len, flags, &vma);
	if (err)
		return err;
	if (flags & MREMAP_FIXED)
		map_flags |= MAP_FIXED;
	if (vma->vm_flags & VM_MAYSHARE)
		map_flags |= MAP_SHARED;
	/* without MREMAP_FIXED, new_addr is a hint */
	ret = get_unmapped_area(mm, new_addr, new_len, vma_pgoff_at(vma, addr), map_flags);
	if (ret & ~PAGE_MASK)
		return (long)ret;
	return move_vma(mm, vma, addr, old_len, new_len, ret, flags);
}

static long __sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
			 unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current_mm;
	struct vm_area_struct *vma;
	unsigned long delta, ret;
	int err;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* MREMAP_DONTUNMAP is always a move and never a resize */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	if (!vma_lookup(mm, addr))
		return -EFAULT;

	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);

	if (old_len >= new_len) {
		/* shrinking is always allowed: unmap the tail (whatever lies there) */
		if (old_len == new_len)
			return (long)addr;
		err = vm_munmap(mm, addr + new_len, old_len - new_len);
		return err ? err : (long)addr;
	}

	err = vma_to_resize(mm, addr, old_len, new_len, flags, &vma);
	if (err)
		return err;
	delta = new_len - old_len;
	if (old_len == vma->vm_end - addr && vma_expandable(mm, vma, delta)) {
		if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(delta >> PAGE_SHIFT))
			return -ENOMEM;
		/* vma itself absorbs the new range (and the next VMA if it then fits) */
		vma = vma_insert_range(mm, vma->vm_end, vma->vm_end + delta, vma->vm_flags,
				       vma_pgoff_at(vma, vma->vm_end), vma->vm_file, vma->vm_ops,
				       vma->anon_vma, NULL);
		vma_stat(mm, vma->vm_flags, (long)(delta >> PAGE_SHIFT));
		if (vma->vm_flags & VM_LOCKED)
			mm_populate(mm, addr + old_len, addr + new_len, true);
		return (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	ret = get_unmapped_area(mm, 0, new_len, vma_pgoff_at(vma, addr),
				vma->vm_flags & VM_MAYSHARE ? MAP_SHARED : 0);
	if (ret & ~PAGE_MASK)
		return (long)ret;
	return move_vma(mm, vma, addr, old_len, new_len, ret, flags);
}

/* mremap with the mmap lock held for writing (vm/mmap_lock.h). */
MMAP_LOCKED_SYSCALL(write, sys_mremap,
		    (unsigned long addr, unsigned long old_len, unsigned long new_len,
		     unsigned long flags, unsigned long new_addr),
		    (addr, old_len, new_len, flags, new_addr))
