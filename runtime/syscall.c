/* The system-call table: the runtime side of uniarm_syscall, the one door from the application
 * (libc-glue) into the runtime. Indexed by the Linux ARM EABI number; unknown numbers give
 * -ENOSYS. A pointer argument is the application's and untrusted: every handler reaches the
 * memory behind it only through platform/uaccess.h, so a bad one gives -EFAULT (or a short
 * count) as on Linux, never a fault in the runtime. */
#include "runtime/uapi.h"
#include "runtime/syscalls.h"
#include "runtime/cred.h"
#include "vm/mm_user.h"

#include <errno.h>

typedef long (*syscall_fn)(long, long, long, long, long, long);

#define SYSCALL(nr, fn) [nr] = (syscall_fn)(fn)

static const syscall_fn sys_call_table[NR_SYSCALLS] = {
	SYSCALL(__NR_exit, sys_exit_group),
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
};

/* Called by uniarm_syscall (platform/entry.S) on the runtime's syscall stack. */
long do_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

long do_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	if ((unsigned long)nr >= NR_SYSCALLS || !sys_call_table[nr])
		return -ENOSYS;
	return sys_call_table[nr](a0, a1, a2, a3, a4, a5);
}
