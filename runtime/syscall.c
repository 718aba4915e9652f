/* uniarm_syscall: the one door from the application (libc-glue) into the runtime. A table
 * indexed by the Linux ARM EABI number; unknown numbers give -ENOSYS. */
#include "runtime/uapi.h"
#include "runtime/syscalls.h"

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
	SYSCALL(__NR__llseek, sys_llseek),
	SYSCALL(__NR_fstat64, sys_fstat64),
	SYSCALL(__NR_exit_group, sys_exit_group),
	SYSCALL(__NR_clock_gettime64, sys_clock_gettime64),
	SYSCALL(__NR_clock_getres_time64, sys_clock_getres_time64),
	SYSCALL(__NR_clock_nanosleep_time64, sys_clock_nanosleep_time64),
};

long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	if ((unsigned long)nr >= NR_SYSCALLS || !sys_call_table[nr])
		return -ENOSYS;
	return sys_call_table[nr](a0, a1, a2, a3, a4, a5);
}
