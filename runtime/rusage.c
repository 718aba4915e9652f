/*
 * Resource usage and limits of the one task: getrusage, sysinfo and prlimit64 (Linux arguments
 * and errno, CAP_SYS_RESOURCE to raise a hard limit), and the resident-memory figures /proc
 * shows too.
 *
 * Time: one task that always runs, so all of the monotonic clock is user time (as times()).
 * Faults: app_mm's min_flt/maj_flt, kept by the fault path. Resident memory: the resident
 * pages are counted when asked, by walking the ptes of every VMA (which also gives the locked
 * ones); the rss peak (ru_maxrss, VmHWM) is the mm's hiwater_rss, kept exact by the fault and
 * unmap paths (vm/mm_user.h). VmPeak (total_vm) is the largest value seen by such reads.
 *
 * Application pointers: results are built in runtime memory and copied out with
 * copy_to_user, new limits copied in with copy_from_user; a bad pointer gives -EFAULT.
 */
#include "runtime/rusage.h"
#include "runtime/cred.h"
#include "runtime/file.h"
#include "runtime/math64.h"
#include "runtime/syscalls.h"
#include "runtime/sched.h"
#include "runtime/time.h"
#include "platform/pgtable.h"
#include "platform/uaccess.h"
#include "vm/gfp.h"
#include "vm/mm_user.h"
#include "vm/pagewalk.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

_Static_assert(sizeof(struct linux_rusage) == 72, "Linux ARM struct rusage is 72 bytes");
_Static_assert(sizeof(struct linux_sysinfo) == 64, "Linux 32-bit struct sysinfo is 64 bytes");

#define NSEC_PER_SEC  1000000000ULL
#define NSEC_PER_USEC 1000ULL
#define MLOCK_LIMIT   (8ULL << 20)

/*
 * Resident pages of [start, end) (inside one VMA): present ptes, PROT_NONE ones included,
 * the shared zero page excepted (Linux counts it in no rss either).
 */
static int resident_pte_entry(pte_t *ptep, unsigned long addr, struct mm_walk *walk)
{
	(void)addr;
	if (pte_present(*ptep) && pte_pfn(*ptep) != zero_pfn)
		++*(unsigned long *)walk->private;
	return 0;
}

static const struct mm_walk_ops resident_walk_ops = {
	.pte_entry = resident_pte_entry,
};

static unsigned long resident_pages(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	walk_page_range(mm, start, end, &resident_walk_ops, &n);
	return n;
}

static unsigned long hiwater_vm;

void mm_rss_stat(struct mm_struct *mm, struct mm_rss_stat *st)
{
	st->rss = st->locked = 0;
	for (struct area_node *n = area_first(&mm->mm_areas); n; n = area_next(n)) {
		struct vm_area_struct *vma = container_of(n, struct vm_area_struct, vm_node);
		unsigned long pages = resident_pages(mm, vma->vm_start, vma->vm_end);

		st->rss += pages;
		if (vma->vm_flags & VM_LOCKED)
			st->locked += pages;
	}
	update_hiwater_rss(mm);
	if (st->rss > mm->hiwater_rss)
		mm->hiwater_rss = st->rss;
	if (mm->total_vm > hiwater_vm)
		hiwater_vm = mm->total_vm;
	st->hiwater_rss = mm->hiwater_rss;
	st->hiwater_vm = hiwater_vm;
}

static void ns_to_timeval(uint64_t ns, struct linux_timeval *tv)
{
	uint32_t nsec;

	tv->tv_sec = (long)div_u64_rem(ns, NSEC_PER_SEC, &nsec);
	tv->tv_usec = (long)(nsec / NSEC_PER_USEC);
}

long sys_getrusage(int who, struct linux_rusage __user *uru)
{
	struct linux_rusage ru;
	struct mm_rss_stat st;

	if (who != LINUX_RUSAGE_SELF && who != LINUX_RUSAGE_THREAD && who != LINUX_RUSAGE_CHILDREN)
		return -EINVAL;
	memset(&ru, 0, sizeof(ru));
	/* RUSAGE_CHILDREN: all zero, no child ever ran. The process and its only thread are the
	 * same task. */
	if (who != LINUX_RUSAGE_CHILDREN) {
		ns_to_timeval(ktime_get_ns(), &ru.ru_utime);
		ru.ru_minflt = (long)current_mm->min_flt;
		ru.ru_majflt = (long)current_mm->maj_flt;
		mm_rss_stat(current_mm, &st);
		ru.ru_maxrss = (long)(st.hiwater_rss << (PAGE_SHIFT - 10));
	}
	if (copy_to_user(uru, &ru, sizeof(ru)))
		return -EFAULT;
	return 0;
}

long sys_sysinfo(struct linux_sysinfo __user *uinfo)
{
	uint64_t ns = ktime_get_ns();
	struct linux_sysinfo info;
	unsigned long total, free;
	uint32_t nsec;

	memset(&info, 0, sizeof(info));
	/* Linux rounds the uptime up to whole seconds. */
	info.uptime = (long)div_u64_rem(ns, NSEC_PER_SEC, &nsec) + (nsec ? 1 : 0);
	info.procs = 1;
	total = totalram_pages();
	free = nr_free_pages();
	/*
	 * As Linux's do_sysinfo: byte counts with mem_unit 1 when RAM + swap fits in an unsigned
	 * long, else page counts with mem_unit PAGE_SIZE.
	 */
	if (total <= (~0UL >> PAGE_SHIFT)) {
		info.totalram = total << PAGE_SHIFT;
		info.freeram = free << PAGE_SHIFT;
		info.mem_unit = 1;
	} else {
		info.totalram = total;
		info.freeram = free;
		info.mem_unit = PAGE_SIZE;
	}
	if (copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

/*
 * Linux 6.1's defaults (include/asm-generic/resource.h: RLIMIT_MEMLOCK 8 MiB soft and hard,
 * MLOCK_LIMIT), but the limits the runtime has: the stack (its gap below mmap_base is sized for
 * 8 MiB, so the hard limit is 8 MiB too, not Linux's unlimited) and the descriptor table.
 */
#define RLIM_UNLIMITED                                                                             \
	{                                                                                          \
		LINUX_RLIM64_INFINITY, LINUX_RLIM64_INFINITY                                       \
	}
static struct linux_rlimit64 rlimits[LINUX_RLIM_NLIMITS] = {
	[LINUX_RLIMIT_CPU] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_FSIZE] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_DATA] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_STACK] = {STACK_RLIMIT, LINUX_RLIM64_INFINITY},
	[LINUX_RLIMIT_CORE] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_RSS] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_NPROC] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_NOFILE] = {1024, 4096}, /* Linux's INR_OPEN_CUR, INR_OPEN_MAX */
	[LINUX_RLIMIT_MEMLOCK] = {MLOCK_LIMIT, MLOCK_LIMIT},
	[LINUX_RLIMIT_AS] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_LOCKS] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_SIGPENDING] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_MSGQUEUE] = RLIM_UNLIMITED,
	[LINUX_RLIMIT_NICE] = {0, 0},
	[LINUX_RLIMIT_RTPRIO] = {0, 0},
	[LINUX_RLIMIT_RTTIME] = RLIM_UNLIMITED,
};

uint64_t task_rlimit(unsigned int resource)
{
	if (resource >= LINUX_RLIM_NLIMITS)
		return LINUX_RLIM64_INFINITY;
	return rlimits[resource].rlim_cur;
}

/*
 * Linux's prlimit64 order: the new limit is copied in first (-EFAULT before anything else is
 * checked), then the pid (ESRCH), the resource and the limits (EINVAL, EPERM). The new limit
 * is applied before the old one is copied out, as on Linux: an old_rlim the application
 * cannot write gives -EFAULT with the new limit in force.
 */
long sys_prlimit64(int pid, unsigned int resource, const struct linux_rlimit64 __user *new_rlim,
		   struct linux_rlimit64 __user *old_rlim)
{
	struct linux_rlimit64 *rlim;
	struct linux_rlimit64 new, old;

	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	if (pid != 0 && pid != current->tgid)
		return -ESRCH;
	if (resource >= LINUX_RLIM_NLIMITS)
		return -EINVAL;
	rlim = &rlimits[resource];
	if (new_rlim) {
		if (new.rlim_cur > new.rlim_max)
			return -EINVAL;
		/* A hard limit goes up only with CAP_SYS_RESOURCE, and RLIMIT_NOFILE's never
		 * past the descriptor table (Linux's sysctl_nr_open). */
		if (new.rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
		if (resource == LINUX_RLIMIT_NOFILE && new.rlim_max > NR_OPEN_MAX)
			return -EPERM;
	}
	old = *rlim;
	if (new_rlim) {
		*rlim = new;
		/* expand_stack reads the soft limit from the mm. */
		if (resource == LINUX_RLIMIT_STACK)
			current_mm->stack_rlimit =
				new.rlim_cur > ULONG_MAX ? ULONG_MAX : (unsigned long)new.rlim_cur;
	}
	if (old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
