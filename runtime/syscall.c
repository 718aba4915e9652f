/* The system-call table: what `svc #0` reaches (vector_swi, platform/entry.S), the one door from
 * the application into the runtime. Indexed by the Linux ARM EABI number in r7; an empty slot
 * is sys_ni_syscall (-ENOSYS), numbers past the table go to arm_syscall: the ARM private calls
 * (0xf0000 + n) and -ENOSYS for the rest, as Linux's traps.c. A pointer argument is the
 * application's and untrusted: every handler reaches the memory behind it only through
 * platform/uaccess.h, so a bad one gives -EFAULT (or a short count) as on Linux, never a fault
 * in the runtime. */
#include "runtime/uapi.h"
#include "runtime/uapi-signal.h"
#include "runtime/syscalls.h"
#include "runtime/cred.h"
#include "runtime/exit.h"
#include "runtime/printk.h"
#include "runtime/sched.h"
#include "platform/cacheflush.h"
#include "platform/memory.h"
#include "platform/uaccess.h"
#include "vm/mm_user.h"

#include <errno.h>

typedef long (*syscall_fn)(long, long, long, long, long, long);

#define SYSCALL(nr, fn) [nr] = (syscall_fn)(fn)

/* platform/entry.S compares r7 with its own copy of the table's size. */
_Static_assert(NR_SYSCALLS == 452, "NR_SYSCALLS in platform/entry.S");

static long sys_ni_syscall(void)
{
	return -ENOSYS;
}

/* Every slot filled, so vector_swi calls without a test: the later entries override the
 * default, as in Linux's tables. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winitializer-overrides"
const syscall_fn sys_call_table[NR_SYSCALLS] = {
	[0 ... NR_SYSCALLS - 1] = (syscall_fn)sys_ni_syscall,
	SYSCALL(__NR_exit, sys_exit),
	SYSCALL(__NR_read, sys_read),
	SYSCALL(__NR_write, sys_write),
	SYSCALL(__NR_open, sys_open),
	SYSCALL(__NR_close, sys_close),
	SYSCALL(__NR_link, sys_link),
	SYSCALL(__NR_unlink, sys_unlink),
	SYSCALL(__NR_lseek, sys_lseek),
	SYSCALL(__NR_getpid, sys_getpid),
	SYSCALL(__NR_kill, sys_kill),
	SYSCALL(__NR_times, sys_times),
	SYSCALL(__NR_brk, sys_brk),
	SYSCALL(__NR_ioctl, sys_ioctl),
	SYSCALL(__NR_fcntl, sys_fcntl),
	SYSCALL(__NR_dup, sys_dup),
	SYSCALL(__NR_umask, sys_umask),
	SYSCALL(__NR_dup2, sys_dup2),
	SYSCALL(__NR_fcntl64, sys_fcntl64),
	SYSCALL(__NR_dup3, sys_dup3),
	SYSCALL(__NR_getrusage, sys_getrusage),
	SYSCALL(__NR_munmap, sys_munmap),
	SYSCALL(__NR_sysinfo, sys_sysinfo),
	SYSCALL(__NR_mprotect, sys_mprotect),
	SYSCALL(__NR__llseek, sys_llseek),
	SYSCALL(__NR_msync, sys_msync),
	SYSCALL(__NR_mlock, sys_mlock),
	SYSCALL(__NR_munlock, sys_munlock),
	SYSCALL(__NR_mlockall, sys_mlockall),
	SYSCALL(__NR_munlockall, sys_munlockall),
	SYSCALL(__NR_mremap, sys_mremap),
	SYSCALL(__NR_mmap2, sys_mmap_pgoff),
	SYSCALL(__NR_fstat64, sys_fstat64),
	SYSCALL(__NR_mincore, sys_mincore),
	SYSCALL(__NR_madvise, sys_madvise),
	SYSCALL(__NR_exit_group, sys_exit_group),
	SYSCALL(__NR_prlimit64, sys_prlimit64),
	SYSCALL(__NR_clock_gettime64, sys_clock_gettime64),
	SYSCALL(__NR_clock_getres_time64, sys_clock_getres_time64),
	SYSCALL(__NR_clock_nanosleep_time64, sys_clock_nanosleep_time64),
	SYSCALL(__NR_mlock2, sys_mlock2),
	SYSCALL(__NR_setuid16, sys_setuid16),
	SYSCALL(__NR_getuid16, sys_getuid16),
	SYSCALL(__NR_setgid16, sys_setgid16),
	SYSCALL(__NR_getgid16, sys_getgid16),
	SYSCALL(__NR_geteuid16, sys_geteuid16),
	SYSCALL(__NR_getegid16, sys_getegid16),
	SYSCALL(__NR_setreuid16, sys_setreuid16),
	SYSCALL(__NR_setregid16, sys_setregid16),
	SYSCALL(__NR_setresuid16, sys_setresuid16),
	SYSCALL(__NR_getresuid16, sys_getresuid16),
	SYSCALL(__NR_setresgid16, sys_setresgid16),
	SYSCALL(__NR_getresgid16, sys_getresgid16),
	SYSCALL(__NR_getuid32, sys_getuid),
	SYSCALL(__NR_getgid32, sys_getgid),
	SYSCALL(__NR_geteuid32, sys_geteuid),
	SYSCALL(__NR_getegid32, sys_getegid),
	SYSCALL(__NR_setreuid32, sys_setreuid),
	SYSCALL(__NR_setregid32, sys_setregid),
	SYSCALL(__NR_setresuid32, sys_setresuid),
	SYSCALL(__NR_getresuid32, sys_getresuid),
	SYSCALL(__NR_setresgid32, sys_setresgid),
	SYSCALL(__NR_getresgid32, sys_getresgid),
	SYSCALL(__NR_setuid32, sys_setuid),
	SYSCALL(__NR_setgid32, sys_setgid),
	SYSCALL(__NR_setfsuid32, sys_setfsuid),
	SYSCALL(__NR_setfsgid32, sys_setfsgid),
	SYSCALL(__NR_clone, sys_clone_wrapper),
	SYSCALL(__NR_sched_yield, sys_sched_yield),
	SYSCALL(__NR_nanosleep, sys_nanosleep),
	SYSCALL(__NR_gettid, sys_gettid),
	SYSCALL(__NR_tkill, sys_tkill),
	SYSCALL(__NR_restart_syscall, sys_restart_syscall),
	SYSCALL(__NR_pause, sys_pause),
	SYSCALL(__NR_sigaction, sys_sigaction),
	SYSCALL(__NR_sigsuspend, sys_sigsuspend),
	SYSCALL(__NR_sigpending, sys_sigpending),
	SYSCALL(__NR_sigreturn, sys_sigreturn_wrapper),
	SYSCALL(__NR_sigprocmask, sys_sigprocmask),
	SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn_wrapper),
	SYSCALL(__NR_rt_sigaction, sys_rt_sigaction),
	SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask),
	SYSCALL(__NR_rt_sigpending, sys_rt_sigpending),
	SYSCALL(__NR_rt_sigqueueinfo, sys_rt_sigqueueinfo),
	SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend),
	SYSCALL(__NR_sigaltstack, sys_sigaltstack),
	SYSCALL(__NR_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo),
	SYSCALL(__NR_rt_sigtimedwait, sys_rt_sigtimedwait),
	SYSCALL(__NR_rt_sigtimedwait_time64, sys_rt_sigtimedwait_time64),
	SYSCALL(__NR_tgkill, sys_tgkill),
	SYSCALL(__NR_futex, sys_futex),
	SYSCALL(__NR_futex_time64, sys_futex_time64),
	SYSCALL(__NR_set_tid_address, sys_set_tid_address),
	SYSCALL(__NR_set_robust_list, sys_set_robust_list),
	SYSCALL(__NR_get_robust_list, sys_get_robust_list),
	SYSCALL(__NR_setitimer, sys_setitimer),
	SYSCALL(__NR_getitimer, sys_getitimer),
	SYSCALL(__NR_timer_create, sys_timer_create),
	SYSCALL(__NR_timer_settime, sys_timer_settime),
	SYSCALL(__NR_timer_gettime, sys_timer_gettime),
	SYSCALL(__NR_timer_getoverrun, sys_timer_getoverrun),
	SYSCALL(__NR_timer_delete, sys_timer_delete),
	SYSCALL(__NR_timer_gettime64, sys_timer_gettime64),
	SYSCALL(__NR_timer_settime64, sys_timer_settime64),
};

#pragma clang diagnostic pop

#define LINUX_SIGILL  4
#define LINUX_SIGTRAP 5
#define LINUX_SIGSEGV 11

/*
 * cacheflush(start, end, flags): make code the application wrote at run time in [start, end)
 * visible to its instruction fetches (Linux's do_cache_op). Linux runs the cache operations
 * on the user addresses with an exception-table fixup, so a page not mapped gives -EFAULT; here
 * each page is first read through the uaccess API, which faults it in or fails with -EFAULT,
 * and the maintenance then runs on present pages only. (Under QEMU, whose cache operations by
 * address never fault, Linux answers 0 for an unmapped range inside access_ok; hardware
 * answers -EFAULT, as here.)
 */
static long do_cache_op(unsigned long start, unsigned long end, long flags)
{
	uint32_t dacr;

	if (end < start || flags)
		return -EINVAL;
	if (!access_ok((const void __user *)start, end - start))
		return -EFAULT;
	for (unsigned long p = start; p < end; p = (p & PAGE_MASK) + PAGE_SIZE) {
		char c;

		if (copy_from_user(&c, (const void __user *)p, 1))
			return -EFAULT;
	}
	/* Maintenance by address on application pages: with application memory open, as Linux's
	 * do_cache_op does (platform/domain.h). */
	dacr = uaccess_save_and_enable();
	flush_icache_range(start, end);
	uaccess_restore(dacr);
	return 0;
}

static uint32_t read_tpidruro(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
	return v;
}

/* Linux's arm_notify_die for a bad call from user mode: the signal's default action. */
__attribute__((noreturn)) static void bad_syscall(const char *why, int no, int sig)
{
	printk("%s: %s %#x, terminated by signal %d\n", current->comm, why, (unsigned)no, sig);
	do_exit_signal(sig);
}

/*
 * The numbers past the table (vector_swi passes r0-r2 and the number). Below the private
 * range: -ENOSYS (Linux's sys_ni_syscall); 0xf0000 + n: the ARM private calls, of which
 * unknown ones up to 0x7ff are -ENOSYS and the rest, like any number above the range, end the
 * program with SIGILL as Linux's bad_syscall.
 */
long arm_syscall(long a0, long a1, long a2, int no);

long arm_syscall(long a0, long a1, long a2, int no)
{
	if ((unsigned)no < __ARM_NR_BASE)
		return -ENOSYS;
	if ((unsigned)no >> 16 != __ARM_NR_BASE >> 16)
		bad_syscall("bad syscall", no, LINUX_SIGILL);
	switch (no) {
	case __ARM_NR_BASE:
		bad_syscall("branch through zero", no, LINUX_SIGSEGV);
	case __ARM_NR_breakpoint:
		bad_syscall("breakpoint", no, LINUX_SIGTRAP);
	case __ARM_NR_cacheflush:
		return do_cache_op((unsigned long)a0, (unsigned long)a1, a2);
	case __ARM_NR_set_tls:
		/* TPIDRURO: read-only at PL0, the thread pointer of the EABI's __aeabi_read_tp;
		 * the task's, kept by the context switch. */
		current->thread.tp_value = (uint32_t)a0;
		__asm__ volatile("mcr p15, 0, %0, c13, c0, 3" ::"r"(a0));
		return 0;
	case __ARM_NR_get_tls:
		return (long)read_tpidruro();
	case __ARM_NR_usr26:
	case __ARM_NR_usr32:
		break; /* no 26-bit mode: SIGILL */
	default:
		if ((no & 0xffff) <= 0x7ff)
			return -ENOSYS;
		break;
	}
	bad_syscall("bad syscall(2)", no, LINUX_SIGILL);
}
