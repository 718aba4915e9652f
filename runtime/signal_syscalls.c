/*
 * The signal system calls on actions, masks and pending sets, and the senders (kill, tkill,
 * tgkill, rt_sigqueueinfo): Linux's argument checks and errno, in Linux's order
 * (docs/signals.md). The frame's calls (rt_sigreturn, sigreturn, sigaltstack) are
 * runtime/signal_frame.c's.
 */
#include "runtime/signal_internal.h"
#include "platform/uaccess.h"
#include "runtime/sched.h"
#include "runtime/syscalls.h"
#include "runtime/time.h"

#include <errno.h>

#define KILL_STOP_MASK ((1ul << (LINUX_SIGKILL - 1)) | (1ul << (LINUX_SIGSTOP - 1)))
/* The sa_flags Linux 6.1 keeps (kernel/signal.c's UAPI_SA_FLAGS with ARM's own two). */
#define UAPI_SA_FLAGS                                                                              \
	(LINUX_SA_NOCLDSTOP | LINUX_SA_NOCLDWAIT | LINUX_SA_SIGINFO | LINUX_SA_ONSTACK |           \
	 LINUX_SA_RESTART | LINUX_SA_NODEFER | LINUX_SA_RESETHAND | LINUX_SA_EXPOSE_TAGBITS |      \
	 LINUX_SA_THIRTYTWO | LINUX_SA_RESTORER)

static const char *const signal_names[] = {
	[LINUX_SIGHUP] = "SIGHUP",   [LINUX_SIGINT] = "SIGINT",
	[LINUX_SIGQUIT] = "SIGQUIT", [LINUX_SIGILL] = "SIGILL",
	[LINUX_SIGTRAP] = "SIGTRAP", [LINUX_SIGABRT] = "SIGABRT",
	[LINUX_SIGBUS] = "SIGBUS",   [LINUX_SIGFPE] = "SIGFPE",
	[LINUX_SIGKILL] = "SIGKILL", [LINUX_SIGUSR1] = "SIGUSR1",
	[LINUX_SIGSEGV] = "SIGSEGV", [LINUX_SIGUSR2] = "SIGUSR2",
	[LINUX_SIGPIPE] = "SIGPIPE", [LINUX_SIGALRM] = "SIGALRM",
	[LINUX_SIGTERM] = "SIGTERM", [LINUX_SIGSTKFLT] = "SIGSTKFLT",
	[LINUX_SIGCHLD] = "SIGCHLD", [LINUX_SIGCONT] = "SIGCONT",
	[LINUX_SIGSTOP] = "SIGSTOP", [LINUX_SIGTSTP] = "SIGTSTP",
	[LINUX_SIGTTIN] = "SIGTTIN", [LINUX_SIGTTOU] = "SIGTTOU",
	[LINUX_SIGURG] = "SIGURG",   [LINUX_SIGXCPU] = "SIGXCPU",
	[LINUX_SIGXFSZ] = "SIGXFSZ", [LINUX_SIGVTALRM] = "SIGVTALRM",
	[LINUX_SIGPROF] = "SIGPROF", [LINUX_SIGWINCH] = "SIGWINCH",
	[LINUX_SIGIO] = "SIGIO",     [LINUX_SIGPWR] = "SIGPWR",
	[LINUX_SIGSYS] = "SIGSYS",
};

const char *signal_name(int sig)
{
	if (sig > 0 && sig < LINUX_SIGRTMIN)
		return signal_names[sig];
	return sig >= LINUX_SIGRTMIN && sig <= LINUX_SIGRTMAX ? "a real-time signal" : "?";
}

/* --- actions ------------------------------------------------------------------------------- */

/* Linux's do_sigaction: SIGKILL and SIGSTOP keep their default. Setting SIG_IGN, or SIG_DFL
 * for a signal ignored by default, drops it from every pending set (POSIX). */
static int do_sigaction(int sig, const struct linux_kernel_sigaction *act,
			struct linux_kernel_sigaction *oact)
{
	struct linux_kernel_sigaction *k;
	uint32_t flags;

	if (!valid_signal(sig) || (act && (sig == LINUX_SIGKILL || sig == LINUX_SIGSTOP)))
		return -EINVAL;
	k = &sighand.action[sig - 1];
	spin_lock_irqsave(&siglock, flags);
	if (oact)
		*oact = *k;
	if (act) {
		*k = *act;
		k->flags &= UAPI_SA_FLAGS; /* unknown bits are accepted and dropped */
		sigdelset_k(&k->mask, LINUX_SIGKILL);
		sigdelset_k(&k->mask, LINUX_SIGSTOP);
		if (k->handler == (void *)LINUX_SIG_IGN ||
		    (k->handler == (void *)LINUX_SIG_DFL &&
		     (sig == LINUX_SIGCHLD || sig == LINUX_SIGCONT || sig == LINUX_SIGURG ||
		      sig == LINUX_SIGWINCH)))
			flush_signal(sig);
	}
	spin_unlock_irqrestore(&siglock, flags);
	return 0;
}

long sys_rt_sigaction(int sig, const struct linux_kernel_sigaction __user *act,
		      struct linux_kernel_sigaction __user *oact, size_t sigsetsize)
{
	struct linux_kernel_sigaction new, old;
	long ret;

	if (sigsetsize != LINUX_NSIG_BYTES)
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new : NULL, oact ? &old : NULL);
	if (!ret && oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return ret;
}

/* The old sigaction (67): a 32-bit mask. */
long sys_sigaction(int sig, const struct linux_old_sigaction __user *act,
		   struct linux_old_sigaction __user *oact)
{
	struct linux_kernel_sigaction new = {0}, old;
	struct linux_old_sigaction o;
	long ret;

	if (act) {
		if (copy_from_user(&o, act, sizeof(o)))
			return -EFAULT;
		new.handler = o.handler;
		new.flags = o.flags;
		new.restorer = o.restorer;
		new.mask.sig[0] = o.mask;
	}
	ret = do_sigaction(sig, act ? &new : NULL, oact ? &old : NULL);
	if (!ret && oact) {
		o.handler = old.handler;
		o.flags = old.flags;
		o.restorer = old.restorer;
		o.mask = old.mask.sig[0];
		if (copy_to_user(oact, &o, sizeof(o)))
			return -EFAULT;
	}
	return ret;
}

/* --- masks ------------------------------------------------------------------------------------ */

/* set_current_blocked: never SIGKILL or SIGSTOP; what becomes unblocked may be delivered. */
static void set_current_blocked(linux_sigset_t *set)
{
	struct task_struct *t = current;
	uint32_t flags;

	set->sig[0] &= ~KILL_STOP_MASK;
	spin_lock_irqsave(&siglock, flags);
	t->blocked = *set;
	recalc_sigpending_tsk(t);
	spin_unlock_irqrestore(&siglock, flags);
}

static long do_sigprocmask(int how, linux_sigset_t *set, linux_sigset_t *old)
{
	linux_sigset_t b = current->blocked;

	if (old)
		*old = b;
	if (!set)
		return 0;
	switch (how) {
	case LINUX_SIG_BLOCK:
		b.sig[0] |= set->sig[0];
		b.sig[1] |= set->sig[1];
		break;
	case LINUX_SIG_UNBLOCK:
		b.sig[0] &= ~set->sig[0];
		b.sig[1] &= ~set->sig[1];
		break;
	case LINUX_SIG_SETMASK:
		b = *set;
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(&b);
	return 0;
}

long sys_rt_sigprocmask(int how, const linux_sigset_t __user *nset, linux_sigset_t __user *oset,
			size_t sigsetsize)
{
	linux_sigset_t new, old;
	long ret;

	if (sigsetsize != LINUX_NSIG_BYTES)
		return -EINVAL;
	if (nset && copy_from_user(&new, nset, sizeof(new)))
		return -EFAULT;
	ret = do_sigprocmask(how, nset ? &new : NULL, &old);
	if (ret)
		return ret;
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* The old sigprocmask (126): signals 1-32 only. */
long sys_sigprocmask(int how, const unsigned long __user *nset, unsigned long __user *oset)
{
	linux_sigset_t new = current->blocked, old;
	unsigned long m;
	long ret;

	if (nset) {
		if (copy_from_user(&m, nset, sizeof(m)))
			return -EFAULT;
		new.sig[0] = m;
		new.sig[1] = 0;
		if (how == LINUX_SIG_SETMASK)
			new.sig[1] = current->blocked.sig[1];
	}
	ret = do_sigprocmask(how, nset ? &new : NULL, &old);
	if (ret)
		return ret;
	if (oset && copy_to_user(oset, &old.sig[0], sizeof(old.sig[0])))
		return -EFAULT;
	return 0;
}

/* --- pending -------------------------------------------------------------------------------- */

static void pending_set(linux_sigset_t *set)
{
	struct task_struct *t = current;

	set->sig[0] = (t->pending.signal.sig[0] | signals.shared_pending.signal.sig[0]) &
		      t->blocked.sig[0];
	set->sig[1] = (t->pending.signal.sig[1] | signals.shared_pending.signal.sig[1]) &
		      t->blocked.sig[1];
}

long sys_rt_sigpending(linux_sigset_t __user *uset, size_t sigsetsize)
{
	linux_sigset_t set;

	if (sigsetsize > LINUX_NSIG_BYTES)
		return -EINVAL;
	pending_set(&set);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

long sys_sigpending(unsigned long __user *uset)
{
	linux_sigset_t set;

	pending_set(&set);
	return copy_to_user(uset, &set.sig[0], sizeof(set.sig[0])) ? -EFAULT : 0;
}

/* --- waiting for a signal ---------------------------------------------------------------- */

/* Sleep with mask until a signal is delivered; the handler's frame gets the old mask, which
 * comes back after it (restore_sigmask). -ERESTARTNOHAND: EINTR once a handler ran. */
static long sigsuspend(linux_sigset_t *mask)
{
	struct task_struct *t = current;

	t->saved_sigmask = t->blocked;
	set_current_blocked(mask);
	while (!signal_pending(t)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(t))
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	t->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

long sys_rt_sigsuspend(const linux_sigset_t __user *umask, size_t sigsetsize)
{
	linux_sigset_t mask;

	if (sigsetsize != LINUX_NSIG_BYTES)
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	return sigsuspend(&mask);
}

/* The old sigsuspend (72): the mask's first word in the third argument (Linux ARM's). */
long sys_sigsuspend(int unused1, int unused2, unsigned long mask)
{
	linux_sigset_t m = current->blocked;

	(void)unused1, (void)unused2;
	m.sig[0] = mask;
	m.sig[1] = 0;
	return sigsuspend(&m);
}

long sys_pause(void)
{
	struct task_struct *t = current;

	while (!signal_pending(t)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!signal_pending(t))
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return -ERESTARTNOHAND;
}

/* --- sending ------------------------------------------------------------------------------- */

/* The one process is the application: kill reaches it as itself or its group (0, -pid); -1
 * means every process but the caller's own, which leaves the kernel threads (they take and
 * ignore it, as on Linux). Signal 0 only checks. */
long sys_kill(int pid, int sig)
{
	/* Linux finds the target first (-ESRCH), then checks the signal (-EINVAL). */
	if (pid != current->tgid && pid != 0 && pid != -current->tgid && pid != -1) {
		struct task_struct *p = pid > 0 ? find_task_by_pid(pid) : NULL;

		/* A kernel thread exists and takes (and ignores) signals, as on Linux. */
		if (!p || !(p->flags & PF_KTHREAD) || p->exit_state)
			return -ESRCH;
		return valid_signal(sig) || !sig ? 0 : -EINVAL;
	}
	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (pid == -1 || !sig)
		return 0;
	return send_sig_from_current(sig, LINUX_SI_USER,
				     current->group_leader ? current->group_leader : current,
				     PIDTYPE_TGID);
}

static long do_tkill(int tgid, int tid, int sig)
{
	struct task_struct *p;

	if (tid <= 0)
		return -EINVAL;
	p = find_task_by_pid(tid);
	if (!p || p->exit_state || (p->flags & PF_KTHREAD) || (tgid > 0 && p->tgid != tgid))
		return -ESRCH;
	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (!sig)
		return 0;
	return send_sig_from_current(sig, LINUX_SI_TKILL, p, PIDTYPE_PID);
}

long sys_tgkill(int tgid, int tid, int sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

long sys_tkill(int tid, int sig)
{
	return do_tkill(0, tid, sig);
}

/* rt_sigqueueinfo and rt_tgsigqueueinfo: the caller's siginfo, but it may not pose as the
 * kernel or as kill/tkill (si_code >= 0 or SI_TKILL) towards anyone but itself (pid: the
 * number it named), as Linux checks (EPERM). */
static long queue_info(struct task_struct *p, int pid, int sig,
		       const struct linux_siginfo __user *uinfo, enum pid_type type)
{
	kernel_siginfo_t info;
	int err = copy_siginfo_from_user(&info, uinfo);

	if (err)
		return err;
	if ((info.si_code >= 0 || info.si_code == LINUX_SI_TKILL) && current->pid != pid)
		return -EPERM;
	info.si_signo = sig;
	if (!sig)
		return 0;
	return do_send_sig_info(sig, &info, p, type);
}

long sys_rt_sigqueueinfo(int pid, int sig, const struct linux_siginfo __user *uinfo)
{
	struct task_struct *p;

	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	if (pid != current->tgid)
		return -ESRCH;
	p = current->group_leader ? current->group_leader : current;
	return queue_info(p, pid, sig, uinfo, PIDTYPE_TGID);
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, const struct linux_siginfo __user *uinfo)
{
	struct task_struct *p;

	if (tgid <= 0 || tid <= 0 || sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	p = find_task_by_pid(tid);
	if (!p || p->exit_state || (p->flags & PF_KTHREAD) || p->tgid != tgid)
		return -ESRCH;
	return queue_info(p, tid, sig, uinfo, PIDTYPE_PID);
}

/* --- the frame's calls, from the system-call table ----------------------------------------- */

/* The application's sp in a system call: the user bank's (the call runs in SVC mode). */
static unsigned long user_stack_pointer(void)
{
	unsigned long sp;

	__asm__ volatile("stmia %0, {sp}^\n\tnop" : : "r"(&sp) : "memory");
	return sp;
}

long sys_sigaltstack(const struct linux_stack __user *uss, struct linux_stack __user *uoss)
{
	return do_sigaltstack(uss, uoss, user_stack_pointer());
}

long sys_restart_syscall(void)
{
	struct restart_block *r = &current->restart_block;

	return r->fn ? r->fn(r) : -EINTR;
}

/* --- rt_sigtimedwait --------------------------------------------------------------------- */

/*
 * Take a pending signal of these (never SIGKILL or SIGSTOP) without a handler running: at
 * once, or after sleeping with these unblocked until one comes, another signal interrupts
 * (-EINTR) or the timeout passes (-EAGAIN). ts NULL: no timeout; zero: a poll.
 */
static long do_sigtimedwait(const linux_sigset_t *these, kernel_siginfo_t *info, bool has_ts,
			    uint64_t timeout_ns)
{
	struct task_struct *t = current;
	linux_sigset_t mask = {{~these->sig[0] | KILL_STOP_MASK, ~these->sig[1]}}, saved;
	uint32_t flags;
	int sig;

	spin_lock_irqsave(&siglock, flags);
	sig = dequeue_signal_mask(&mask, info);
	if (!sig && (!has_ts || timeout_ns)) {
		uint64_t deadline = has_ts ? ktime_get_ns() + timeout_ns : 0;

		saved = t->blocked;
		t->blocked.sig[0] &= mask.sig[0];
		t->blocked.sig[1] &= mask.sig[1];
		recalc_sigpending_tsk(t);
		spin_unlock_irqrestore(&siglock, flags);
		while (!signal_pending(t)) {
			set_current_state(TASK_INTERRUPTIBLE);
			if (has_ts) {
				if (!schedule_hrtimeout(deadline))
					break;
			} else if (!signal_pending(t)) {
				schedule();
			}
			__set_current_state(TASK_RUNNING);
		}
		__set_current_state(TASK_RUNNING);
		spin_lock_irqsave(&siglock, flags);
		t->blocked = saved;
		sig = dequeue_signal_mask(&mask, info);
	}
	spin_unlock_irqrestore(&siglock, flags);
	if (sig)
		return sig;
	return has_ts && !signal_pending(t) ? -EAGAIN : -EINTR;
}

static long sigtimedwait_common(const linux_sigset_t __user *uthese,
				struct linux_siginfo __user *uinfo, const void __user *uts,
				size_t sigsetsize, bool time64)
{
	linux_sigset_t these;
	kernel_siginfo_t info;
	uint64_t ns = 0;
	int64_t sec = 0, nsec = 0;
	long sig;

	if (sigsetsize != LINUX_NSIG_BYTES)
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (time64) {
			struct linux_timespec64 ts;

			if (copy_from_user(&ts, uts, sizeof(ts)))
				return -EFAULT;
			sec = ts.tv_sec;
			nsec = ts.tv_nsec;
		} else {
			struct linux_timespec32 ts;

			if (copy_from_user(&ts, uts, sizeof(ts)))
				return -EFAULT;
			sec = ts.tv_sec;
			nsec = ts.tv_nsec;
		}
		if (sec < 0 || nsec < 0 || nsec >= 1000000000)
			return -EINVAL;
		ns = (uint64_t)sec * 1000000000ull + (uint64_t)nsec;
	}
	sig = do_sigtimedwait(&these, &info, uts != NULL, ns);
	if (sig > 0 && uinfo && copy_siginfo_to_user(uinfo, &info))
		return -EFAULT;
	return sig;
}

long sys_rt_sigtimedwait(const linux_sigset_t __user *uthese, struct linux_siginfo __user *uinfo,
			 const struct linux_timespec32 __user *uts, size_t sigsetsize)
{
	return sigtimedwait_common(uthese, uinfo, uts, sigsetsize, false);
}

long sys_rt_sigtimedwait_time64(const linux_sigset_t __user *uthese,
				struct linux_siginfo __user *uinfo,
				const struct linux_timespec64 __user *uts, size_t sigsetsize)
{
	return sigtimedwait_common(uthese, uinfo, uts, sigsetsize, true);
}
