/*
 * The thread calls' ABI (Linux ARM EABI): system-call numbers, clone's flags and futex's
 * operations, as uapi/linux/sched.h and uapi/linux/futex.h define them. Shared by the runtime
 * (runtime/clone.c, runtime/futex.c) and libc-glue's threads (docs/tasks.md, docs/pthreads.md).
 */
#ifndef UNIARM_RUNTIME_UAPI_SCHED_H
#define UNIARM_RUNTIME_UAPI_SCHED_H

#define __NR_clone	     120
#define __NR_sched_yield     158
#define __NR_nanosleep	     162
#define __NR_gettid	     224
#define __NR_tkill	     238
#define __NR_futex	     240 /* 32-bit struct timespec */
#define __NR_set_tid_address 256
#define __NR_tgkill	     268
#define __NR_set_robust_list 338
#define __NR_get_robust_list 339
#define __NR_futex_time64    422 /* struct linux_timespec64 */

/* clone(flags, newsp, parent_tid, tls, child_tid): ARM's argument order (CLONE_BACKWARDS). */
#define LINUX_CSIGNAL		   0x000000ff
#define LINUX_CLONE_VM		   0x00000100
#define LINUX_CLONE_FS		   0x00000200
#define LINUX_CLONE_FILES	   0x00000400
#define LINUX_CLONE_SIGHAND	   0x00000800
#define LINUX_CLONE_PIDFD	   0x00001000
#define LINUX_CLONE_PTRACE	   0x00002000
#define LINUX_CLONE_VFORK	   0x00004000
#define LINUX_CLONE_PARENT	   0x00008000
#define LINUX_CLONE_THREAD	   0x00010000
#define LINUX_CLONE_NEWNS	   0x00020000
#define LINUX_CLONE_SYSVSEM	   0x00040000
#define LINUX_CLONE_SETTLS	   0x00080000
#define LINUX_CLONE_PARENT_SETTID  0x00100000
#define LINUX_CLONE_CHILD_CLEARTID 0x00200000
#define LINUX_CLONE_DETACHED	   0x00400000
#define LINUX_CLONE_UNTRACED	   0x00800000
#define LINUX_CLONE_CHILD_SETTID   0x01000000
#define LINUX_CLONE_NEWCGROUP	   0x02000000
#define LINUX_CLONE_NEWUTS	   0x04000000
#define LINUX_CLONE_NEWIPC	   0x08000000
#define LINUX_CLONE_NEWUSER	   0x10000000
#define LINUX_CLONE_NEWPID	   0x20000000
#define LINUX_CLONE_NEWNET	   0x40000000
#define LINUX_CLONE_IO		   0x80000000u

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
#define LINUX_FUTEX_WAIT	     0
#define LINUX_FUTEX_WAKE	     1
#define LINUX_FUTEX_FD		     2
#define LINUX_FUTEX_REQUEUE	     3
#define LINUX_FUTEX_CMP_REQUEUE	     4
#define LINUX_FUTEX_WAKE_OP	     5
#define LINUX_FUTEX_LOCK_PI	     6
#define LINUX_FUTEX_UNLOCK_PI	     7
#define LINUX_FUTEX_TRYLOCK_PI	     8
#define LINUX_FUTEX_WAIT_BITSET	     9
#define LINUX_FUTEX_WAKE_BITSET	     10
#define LINUX_FUTEX_PRIVATE_FLAG     128
#define LINUX_FUTEX_CLOCK_REALTIME   256
#define LINUX_FUTEX_CMD_MASK	     (~(LINUX_FUTEX_PRIVATE_FLAG | LINUX_FUTEX_CLOCK_REALTIME))
#define LINUX_FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* set_robust_list's head (uapi/linux/futex.h): its size is the call's len argument. */
struct linux_robust_list_head {
	void *list_next;
	long futex_offset;
	void *list_op_pending;
};

#endif
