/* The runtime's system calls, one prototype each (arguments as in Linux). */
#ifndef UNIARM_RUNTIME_SYSCALLS_H
#define UNIARM_RUNTIME_SYSCALLS_H

#include <stddef.h>
#include "runtime/uapi.h"
#include "runtime/uapi-signal.h"

long sys_read(int fd, void *buf, size_t count);
long sys_write(int fd, const void *buf, size_t count);
long sys_open(const char *path, int flags, int mode);
long sys_close(int fd);
long sys_dup(int oldfd);
long sys_umask(int mask);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl64(int fd, unsigned int cmd, unsigned long arg);
long sys_link(const char *oldpath, const char *newpath);
long sys_unlink(const char *path);
long sys_lseek(int fd, long offset, int whence);
long sys_llseek(int fd, unsigned long hi, unsigned long lo, long long *result, int whence);
long sys_ioctl(int fd, unsigned int cmd, unsigned long arg);
long sys_fstat64(int fd, struct linux_stat64 *st);
long sys_getpid(void);
long sys_kill(int pid, int sig);
long sys_exit_group(int status);
long sys_times(struct linux_tms *buf);
long sys_brk(unsigned long brk);
long sys_clock_gettime64(int clockid, struct linux_timespec64 *tp);
long sys_clock_getres_time64(int clockid, struct linux_timespec64 *tp);
long sys_clock_nanosleep_time64(int clockid, int flags, const struct linux_timespec64 *req,
				struct linux_timespec64 *rem);
long sys_getrusage(int who, struct linux_rusage *ru);

/* Threads (runtime/exit.c, runtime/futex.c, runtime/sched_core.c, runtime/time.c,
 * platform/entry.S). */
long sys_exit(int status);
long sys_gettid(void);
long sys_tgkill(int tgid, int tid, int sig);
long sys_tkill(int tid, int sig);
/* signals: runtime/signal_syscalls.c, runtime/signal_frame.c, platform/entry.S */
struct linux_kernel_sigaction;
struct linux_old_sigaction;
struct linux_stack;
struct linux_siginfo;
long sys_rt_sigaction(int sig, const struct linux_kernel_sigaction *act,
		      struct linux_kernel_sigaction *oact, size_t sigsetsize);
long sys_sigaction(int sig, const struct linux_old_sigaction *act,
		   struct linux_old_sigaction *oact);
long sys_rt_sigprocmask(int how, const linux_sigset_t *nset, linux_sigset_t *oset,
			size_t sigsetsize);
long sys_sigprocmask(int how, const unsigned long *nset, unsigned long *oset);
long sys_rt_sigpending(linux_sigset_t *uset, size_t sigsetsize);
long sys_sigpending(unsigned long *uset);
long sys_rt_sigsuspend(const linux_sigset_t *umask, size_t sigsetsize);
long sys_sigsuspend(int unused1, int unused2, unsigned long mask);
long sys_pause(void);
long sys_rt_sigqueueinfo(int pid, int sig, const struct linux_siginfo *uinfo);
long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, const struct linux_siginfo *uinfo);
long sys_sigaltstack(const struct linux_stack *uss, struct linux_stack *uoss);
long sys_restart_syscall(void);
long sys_rt_sigtimedwait(const linux_sigset_t *uthese, struct linux_siginfo *uinfo,
			 const struct linux_timespec32 *uts, size_t sigsetsize);
long sys_rt_sigtimedwait_time64(const linux_sigset_t *uthese, struct linux_siginfo *uinfo,
				const struct linux_timespec64 *uts, size_t sigsetsize);
long sys_sigreturn_wrapper(void);
long sys_rt_sigreturn_wrapper(void);
long sys_set_tid_address(int *tidptr);
long sys_set_robust_list(struct linux_robust_list_head *head, size_t len);
long sys_get_robust_list(int pid, void **head_ptr, size_t *len_ptr);
long sys_sched_yield(void);
long sys_nanosleep(const struct linux_timespec32 *req, struct linux_timespec32 *rem);
long sys_futex(uint32_t *uaddr, int op, uint32_t val, const struct linux_timespec32 *utime,
	       uint32_t *uaddr2, uint32_t val3);
long sys_futex_time64(uint32_t *uaddr, int op, uint32_t val, const struct linux_timespec64 *utime,
		      uint32_t *uaddr2, uint32_t val3);
long sys_clone_wrapper(void); /* platform/entry.S: sys_clone_regs with the caller's registers */
long sys_sysinfo(struct linux_sysinfo *info);
long sys_prlimit64(int pid, unsigned int resource, const struct linux_rlimit64 *new_rlim,
		   struct linux_rlimit64 *old_rlim);

/* Timers that send signals (runtime/itimer.c, runtime/posix_timers.c). */
long sys_setitimer(int which, const struct linux_itimerval *value, struct linux_itimerval *ovalue);
long sys_getitimer(int which, struct linux_itimerval *value);
long sys_timer_create(int clockid, const struct linux_sigevent *sevp, int *timerid);
long sys_timer_settime(int timerid, int flags, const struct linux_itimerspec32 *new_value,
		       struct linux_itimerspec32 *old_value);
long sys_timer_settime64(int timerid, int flags, const struct linux_itimerspec64 *new_value,
			 struct linux_itimerspec64 *old_value);
long sys_timer_gettime(int timerid, struct linux_itimerspec32 *curr_value);
long sys_timer_gettime64(int timerid, struct linux_itimerspec64 *curr_value);
long sys_timer_getoverrun(int timerid);
long sys_timer_delete(int timerid);

/* vm/mlock.c (the rest of the mlock family is in vm/mm_user.h). */
#define __NR_mlock2 390
long sys_mlock2(unsigned long start, size_t len, int flags);

#endif
