/*
 * Signals: sending, the pending sets, delivery on the return to the application, and the
 * system calls on actions, masks and pending sets (docs/signals.md; Linux's kernel/signal.c
 * and arch/arm/kernel/signal.c's do_signal). The frame itself is runtime/signal_frame.c's.
 *
 * One process: its actions (sighand) and shared pending set (signals) are single instances;
 * each thread has its mask and pending set in its task_struct. Everything here runs under
 * siglock with interrupts masked, since the timers (runtime/hrtimer.c) send from their
 * interrupt.
 */
#include "runtime/signal.h"
#include "platform/ptrace.h"
#include "platform/uaccess.h"
#include "runtime/cred.h"
#include "runtime/exit.h"
#include "runtime/irqflags.h"
#include "runtime/posix_timers.h"
#include "runtime/printk.h"
#include "runtime/sched.h"
#include "runtime/signal_internal.h"
#include "runtime/spinlock.h"
#include "vm/slab.h"

#include <errno.h>
#include <string.h>

struct sighand_struct sighand;
struct signal_struct signals = {
	.shared_pending = {.list = {&signals.shared_pending.list, &signals.shared_pending.list}},
};
DEFINE_SPINLOCK(siglock);

#define M(sig) (1ull << ((sig)-1))
/* Linux's default actions (signal(7)): ignored, stop, core (ends the process as terminate does
 * here: no core file), and terminate for every other signal, real-time ones included. */
#define SIG_KERNEL_IGNORE_MASK                                                                     \
	(M(LINUX_SIGCHLD) | M(LINUX_SIGCONT) | M(LINUX_SIGURG) | M(LINUX_SIGWINCH))
#define SIG_KERNEL_STOP_MASK                                                                       \
	(M(LINUX_SIGSTOP) | M(LINUX_SIGTSTP) | M(LINUX_SIGTTIN) | M(LINUX_SIGTTOU))
/* Faults first (Linux's SYNCHRONOUS_MASK): a handler for them sees its own fault. */
#define SYNCHRONOUS_MASK                                                                           \
	(M(LINUX_SIGSEGV) | M(LINUX_SIGBUS) | M(LINUX_SIGILL) | M(LINUX_SIGTRAP) |                 \
	 M(LINUX_SIGFPE) | M(LINUX_SIGSYS))

static inline uint64_t set64(const linux_sigset_t *s)
{
	return (uint64_t)s->sig[0] | (uint64_t)s->sig[1] << 32;
}

static inline void set_from64(linux_sigset_t *s, uint64_t v)
{
	s->sig[0] = (unsigned long)v;
	s->sig[1] = (unsigned long)(v >> 32);
}

static inline bool sig_kernel_ignore(int sig)
{
	return (M(sig) & SIG_KERNEL_IGNORE_MASK) != 0;
}

static inline bool sig_kernel_stop(int sig)
{
	return (M(sig) & SIG_KERNEL_STOP_MASK) != 0;
}

static inline void *handler_of(int sig)
{
	return sighand.action[sig - 1].handler;
}

/* Sending it would have no effect: ignored (explicitly, or by default), and not blocked (a
 * blocked ignored signal stays pending: the handler may change before it is unblocked). */
static bool sig_ignored(struct task_struct *t, int sig)
{
	void *h = handler_of(sig);

	if (sigismember_k(&t->blocked, sig))
		return false;
	return h == (void *)LINUX_SIG_IGN || (h == (void *)LINUX_SIG_DFL && sig_kernel_ignore(sig));
}

bool signal_is_fatal(int sig)
{
	return handler_of(sig) == (void *)LINUX_SIG_DFL && !sig_kernel_ignore(sig) &&
	       !sig_kernel_stop(sig);
}

void init_sigpending(struct sigpending *p)
{
	INIT_LIST_HEAD(&p->list);
	p->signal.sig[0] = p->signal.sig[1] = 0;
}

/* --- siginfo to and from the application --------------------------------------------------- */

_Static_assert(sizeof(kernel_siginfo_t) == 32, "Linux's kernel_siginfo on 32-bit ARM");

int copy_siginfo_to_user(struct linux_siginfo __user *to, const kernel_siginfo_t *from)
{
	if (copy_to_user(to, from, sizeof(*from)) ||
	    clear_user((char __user *)to + sizeof(*from), sizeof(*to) - sizeof(*from)))
		return -EFAULT;
	return 0;
}

/* Linux 6.1's known_siginfo_layout: the si_codes it has a layout for (NSIG* per signal). */
static bool known_siginfo_layout(int sig, int code)
{
	int limit;

	if (code == LINUX_SI_KERNEL)
		return true;
	if (code <= LINUX_SI_USER)
		return code >= LINUX_SI_DETHREAD || code == LINUX_SI_ASYNCNL;
	switch (sig) {
	case LINUX_SIGILL:
		limit = 11;
		break;
	case LINUX_SIGFPE:
		limit = 15;
		break;
	case LINUX_SIGSEGV:
		limit = 9;
		break;
	case LINUX_SIGBUS:
		limit = 5;
		break;
	case LINUX_SIGTRAP:
	case LINUX_SIGCHLD:
		limit = 6;
		break;
	case LINUX_SIGSYS:
		limit = 2;
		break;
	default:
		limit = 6; /* NSIGPOLL */
		break;
	}
	return code <= limit;
}

int copy_siginfo_from_user(kernel_siginfo_t *to, const struct linux_siginfo __user *from)
{
	struct linux_siginfo all;

	if (copy_from_user(&all, from, sizeof(all)))
		return -EFAULT;
	if (!known_siginfo_layout(all.si_signo, all.si_code)) {
		const char *p = (const char *)&all + sizeof(*to);

		for (size_t i = 0; i < sizeof(all) - sizeof(*to); i++)
			if (p[i])
				return -E2BIG;
	}
	memcpy(to, &all, sizeof(*to));
	return 0;
}

/* --- the pending state ------------------------------------------------------------------ */

static inline uint64_t deliverable(const struct task_struct *t)
{
	return (set64(&t->pending.signal) | set64(&signals.shared_pending.signal)) &
	       ~set64(&t->blocked);
}

/* TIF_SIGPENDING is set exactly when something is deliverable to t (siglock held). */
void recalc_sigpending_tsk(struct task_struct *t)
{
	if (deliverable(t))
		t->ti_flags |= _TIF_SIGPENDING;
	else
		t->ti_flags &= ~_TIF_SIGPENDING;
}

bool signal_pending(struct task_struct *t)
{
	return (t->ti_flags & _TIF_SIGPENDING) != 0;
}

/* t has a signal to see: the flag, and a wake-up if it sleeps interruptibly. */
static void signal_wake_up(struct task_struct *t)
{
	t->ti_flags |= _TIF_SIGPENDING;
	if (t != current) /* (the sender runs: it sees the flag on its way out) */
		wake_up_state(t, TASK_INTERRUPTIBLE);
}

static bool task_wants_signal(struct task_struct *t, int sig)
{
	return !sigismember_k(&t->blocked, sig) && !t->exit_state && !(t->flags & PF_EXITING) &&
	       t->mm;
}

/* Linux's complete_signal: who is to take it. For the process: the main thread if it can,
 * else any thread that does not block it; nobody (all block it) leaves it pending. */
static void complete_signal(int sig, struct task_struct *p, enum pid_type type)
{
	struct task_struct *leader = p->group_leader ? p->group_leader : p, *t;

	if (type == PIDTYPE_PID) {
		if (task_wants_signal(p, sig))
			signal_wake_up(p);
		return;
	}
	if (task_wants_signal(leader, sig)) {
		signal_wake_up(leader);
		return;
	}
	list_for_each_entry(t, &leader->thread_group, thread_node)
	{
		if (task_wants_signal(t, sig)) {
			signal_wake_up(t);
			return;
		}
	}
}

/*
 * A sigqueue for a signal to t (siglock held). The entry a signal to t last freed is reused
 * first, as Linux 5.13-5.15's per-task sigqueue cache did: a thread signalling itself over and
 * over (raise, a fault per page) never reaches the allocator.
 */
static struct sigqueue *__sigqueue_alloc(struct task_struct *t)
{
	struct sigqueue *q = t->sigqueue_cache;

	if (q)
		t->sigqueue_cache = NULL;
	else if (!(q = kmalloc(sizeof(*q), GFP_ATOMIC)))
		return NULL;
	INIT_LIST_HEAD(&q->list);
	q->flags = 0;
	q->owner = NULL;
	return q;
}

/* An entry off every list, taken by current (siglock held): kept for the next one. */
static void __sigqueue_free(struct sigqueue *q)
{
	struct task_struct *t = current;

	if (!t->sigqueue_cache && t->mm)
		t->sigqueue_cache = q;
	else
		kfree(q);
}

/* siglock held. info NULL: a signal from current with si_code code (kill: SI_USER, tkill:
 * SI_TKILL), whose siginfo names the sender; it is written straight into the queue entry. */
static int __send_signal(int sig, const kernel_siginfo_t *info, int code, struct task_struct *t,
			 enum pid_type type)
{
	struct sigpending *pending = type == PIDTYPE_PID ? &t->pending : &signals.shared_pending;
	struct sigqueue *q;

	if (sig_ignored(t, sig))
		return 0;
	/* A standard signal is pending at most once: a second one is lost (real-time ones
	 * queue). */
	if (sig < LINUX_SIGRTMIN && sigismember_k(&pending->signal, sig))
		return 0;
	q = __sigqueue_alloc(t);
	if (q) {
		if (info)
			q->info = *info;
		else
			q->info = (kernel_siginfo_t){
				.si_signo = sig,
				.si_code = code,
				.fields.kill = {current->tgid, current_cred()->uid},
			};
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= LINUX_SIGRTMIN && info && info->si_code != LINUX_SI_USER) {
		return -EAGAIN; /* a real-time signal from sigqueue must be queued or refused */
	}
	sigaddset_k(&pending->signal, sig);
	complete_signal(sig, t, type);
	return 0;
}

static int send_signal_locked(int sig, const kernel_siginfo_t *info, int code,
			      struct task_struct *p, enum pid_type type)
{
	uint32_t flags;
	int ret;

	if (!valid_signal(sig))
		return -EINVAL;
	if (!p->mm) /* a kernel thread: it ignores every signal */
		return 0;
	spin_lock_irqsave(&siglock, flags);
	ret = __send_signal(sig, info, code, p, type);
	spin_unlock_irqrestore(&siglock, flags);
	return ret;
}

int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p, enum pid_type type)
{
	return send_signal_locked(sig, info, 0, p, type);
}

int send_sig_from_current(int sig, int code, struct task_struct *p, enum pid_type type)
{
	return send_signal_locked(sig, NULL, code, p, type);
}

struct sigqueue *sigqueue_alloc(void)
{
	struct sigqueue *q = kmalloc(sizeof(*q), GFP_KERNEL);

	if (q) {
		INIT_LIST_HEAD(&q->list);
		q->flags = SIGQUEUE_PREALLOC;
		q->owner = NULL;
	}
	return q;
}

/* q off whichever pending set holds it; its signal's bit goes when no other entry has it. */
static void sigqueue_unlink(struct sigqueue *q, struct sigpending *pending)
{
	struct sigqueue *o;
	int sig = q->info.si_signo;

	list_del_init(&q->list);
	list_for_each_entry(o, &pending->list, list)
	{
		if (o->info.si_signo == sig)
			return;
	}
	sigdelset_k(&pending->signal, sig);
}

static struct sigpending *pending_of(struct sigqueue *q)
{
	struct task_struct *t;
	struct sigqueue *o;

	list_for_each_entry(o, &signals.shared_pending.list, list)
	{
		if (o == q)
			return &signals.shared_pending;
	}
	for_each_process(t)
	{
		list_for_each_entry(o, &t->pending.list, list)
		{
			if (o == q)
				return &t->pending;
		}
	}
	return NULL;
}

void sigqueue_free(struct sigqueue *q)
{
	uint32_t flags;

	if (!q)
		return;
	spin_lock_irqsave(&siglock, flags);
	if (!list_empty(&q->list)) {
		struct sigpending *pending = pending_of(q);

		if (pending)
			sigqueue_unlink(q, pending);
		else
			list_del_init(&q->list);
	}
	spin_unlock_irqrestore(&siglock, flags);
	kfree(q);
}

int send_sigqueue(struct sigqueue *q, struct task_struct *t, enum pid_type type)
{
	int sig = q->info.si_signo, ret = 0;
	struct sigpending *pending = type == PIDTYPE_PID ? &t->pending : &signals.shared_pending;
	uint32_t flags;

	spin_lock_irqsave(&siglock, flags);
	if (!list_empty(&q->list)) {
		ret = 1; /* still pending: the owner counts an overrun */
	} else if (sig_ignored(t, sig) || !t->mm) {
		ret = -1;
	} else {
		list_add_tail(&q->list, &pending->list);
		sigaddset_k(&pending->signal, sig);
		complete_signal(sig, t, type);
	}
	spin_unlock_irqrestore(&siglock, flags);
	return ret;
}

static void flush_sigpending(struct sigpending *p, int sig)
{
	struct sigqueue *q, *n;

	if (!sigismember_k(&p->signal, sig))
		return;
	list_for_each_entry_safe(q, n, &p->list, list)
	{
		if (q->info.si_signo != sig)
			continue;
		list_del_init(&q->list);
		if (!(q->flags & SIGQUEUE_PREALLOC))
			kfree(q);
	}
	sigdelset_k(&p->signal, sig);
}

void flush_signal(int sig)
{
	struct task_struct *t;

	flush_sigpending(&signals.shared_pending, sig);
	for_each_process(t)
	{
		if (t->mm)
			flush_sigpending(&t->pending, sig);
	}
}

/* A POSIX timer's hook, for an image without runtime/posix_timers.c. */
__attribute__((weak)) void posixtimer_dequeued(struct sigqueue *q, kernel_siginfo_t *info)
{
	(void)q, (void)info;
}

/* --- dequeueing ----------------------------------------------------------------------------- */

static int next_signal(uint64_t pending, uint64_t blocked)
{
	uint64_t x = pending & ~blocked;

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(x) + 1;
}

/* Take signal sig's first entry off pending into info (siglock held). */
static void collect_signal(int sig, struct sigpending *pending, kernel_siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;

	list_for_each_entry(q, &pending->list, list)
	{
		if (q->info.si_signo == sig) {
			first = q;
			break;
		}
	}
	if (!first) { /* sent when no entry could be had: what Linux reports then */
		sigdelset_k(&pending->signal, sig);
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = LINUX_SI_USER;
		return;
	}
	if (first->list.next == &pending->list && first->list.prev == &pending->list) {
		/* the only entry (the common case): no other can hold the signal */
		INIT_LIST_HEAD(&pending->list);
		INIT_LIST_HEAD(&first->list);
		sigdelset_k(&pending->signal, sig);
	} else {
		sigqueue_unlink(first, pending);
	}
	*info = first->info;
	if (first->flags & SIGQUEUE_PREALLOC)
		posixtimer_dequeued(first, info);
	else
		__sigqueue_free(first);
}

/* dequeue_signal_mask without the recalculation of TIF_SIGPENDING (siglock held). */
static int __dequeue_signal(uint64_t mask, kernel_siginfo_t *info)
{
	struct task_struct *t = current;
	int sig = next_signal(set64(&t->pending.signal), mask);

	if (sig) {
		collect_signal(sig, &t->pending, info);
	} else {
		sig = next_signal(set64(&signals.shared_pending.signal), mask);
		if (sig)
			collect_signal(sig, &signals.shared_pending, info);
		if (sig == LINUX_SIGALRM) /* a periodic ITIMER_REAL starts its next period */
			itimer_real_dequeued();
	}
	return sig;
}

/* The next deliverable signal for current, its own set first (siglock held); 0 if none. */
int dequeue_signal_mask(const linux_sigset_t *mask, kernel_siginfo_t *info)
{
	int sig = __dequeue_signal(set64(mask), info);

	recalc_sigpending_tsk(current);
	return sig;
}

/* --- delivery ------------------------------------------------------------------------------- */

/* The signal's default action ends the application, as Linux's would end the process. */
static __attribute__((noreturn)) void do_group_exit_signal(int sig)
{
	printk("%s: killed by signal %d (%s)\n", current->comm, sig, signal_name(sig));
	do_exit_signal(sig);
}

/*
 * Linux ARM's do_signal: the restart decision for an interrupted system call (syscall: regs
 * are a system call's, its result in r0, its first argument orig_r0), then the next signal:
 * ignored, its default action, or its handler's frame. With no handler run, a call that may
 * be restarted is (pc back over the svc); -ERESTART_RESTARTBLOCK's continuation runs here.
 */
void do_signal(struct pt_regs *regs, bool syscall, unsigned long orig_r0)
{
	struct task_struct *t = current;
	long retval = 0;
	unsigned long continue_addr = 0, restart_addr = 0;
	bool restart = false;

	if (syscall) {
		continue_addr = regs->ARM_pc;
		restart_addr = continue_addr - (thumb_mode(regs) ? 2 : 4);
		retval = (long)regs->ARM_r0;
		switch (retval) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			restart = true;
			regs->ARM_r0 = orig_r0;
			regs->ARM_pc = restart_addr;
			break;
		}
	}
	for (;;) {
		struct linux_kernel_sigaction ka;
		kernel_siginfo_t info;
		linux_sigset_t oldset;
		uint64_t blocked;
		uint32_t flags;
		int sig;

		spin_lock_irqsave(&siglock, flags);
		blocked = set64(&t->blocked);
		sig = __dequeue_signal(blocked, &info);
		if (sig) {
			ka = sighand.action[sig - 1];
			if (ka.handler != (void *)LINUX_SIG_IGN &&
			    ka.handler != (void *)LINUX_SIG_DFL) {
				/* A handler runs: the mask to restore after it goes into the frame;
				 * while it runs, sa_mask and sig itself (unless SA_NODEFER) are
				 * blocked too. Set here, in the same lock as the dequeue: the frame
				 * cannot fail (the application ends if it does). */
				oldset = t->restore_sigmask ? t->saved_sigmask : t->blocked;
				t->restore_sigmask = false;
				blocked |= set64(&ka.mask);
				if (!(ka.flags & LINUX_SA_NODEFER))
					blocked |= M(sig);
				set_from64(&t->blocked,
					   blocked & ~(M(LINUX_SIGKILL) | M(LINUX_SIGSTOP)));
				if (ka.flags & LINUX_SA_RESETHAND)
					sighand.action[sig - 1].handler = (void *)LINUX_SIG_DFL;
			}
		}
		recalc_sigpending_tsk(t);
		spin_unlock_irqrestore(&siglock, flags);
		if (!sig)
			break;
		if (ka.handler == (void *)LINUX_SIG_IGN)
			continue;
		if (ka.handler == (void *)LINUX_SIG_DFL) {
			/* Stopping needs another process to continue it (SIGCONT): uniarm has
			 * none, so the stop signals are ignored (docs/signals.md). */
			if (sig_kernel_ignore(sig) || sig_kernel_stop(sig))
				continue;
			do_group_exit_signal(sig);
		}
		/* A handler runs: an interrupted call returns -EINTR unless it restarts. */
		if (restart && regs->ARM_pc == restart_addr &&
		    (retval == -ERESTARTNOHAND || retval == -ERESTART_RESTARTBLOCK ||
		     (retval == -ERESTARTSYS && !(ka.flags & LINUX_SA_RESTART)))) {
			regs->ARM_r0 = (unsigned long)-EINTR;
			regs->ARM_pc = continue_addr;
		}
		setup_signal_frame(sig, &ka, &info, regs, &oldset);
		return;
	}
	/* No handler ran: restart what was interrupted; rt_sigsuspend's mask comes back. */
	if (restart && retval == -ERESTART_RESTARTBLOCK && regs->ARM_pc == restart_addr) {
		regs->ARM_pc = continue_addr;
		regs->ARM_r0 = (unsigned long)t->restart_block.fn(&t->restart_block);
		if ((long)regs->ARM_r0 == -ERESTART_RESTARTBLOCK) /* interrupted again */
			do_signal(regs, true, orig_r0);
	}
	if (t->restore_sigmask) {
		uint32_t flags;

		spin_lock_irqsave(&siglock, flags);
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
		recalc_sigpending_tsk(t);
		spin_unlock_irqrestore(&siglock, flags);
	}
}

/* --- faults ----------------------------------------------------------------------------------- */

bool force_sig_fault(int sig, int code, unsigned long addr, unsigned long trap_no,
		     unsigned long error_code)
{
	struct task_struct *t = current;
	void *h = handler_of(sig);
	kernel_siginfo_t info;

	if (h == (void *)LINUX_SIG_DFL || h == (void *)LINUX_SIG_IGN ||
	    sigismember_k(&t->blocked, sig))
		return false; /* Linux forces the default action: the caller's report and end */
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.fields.fault.addr = (void *)addr;
	t->trap_no = trap_no;
	t->error_code = error_code;
	if (trap_no == LINUX_TRAP_NO_PAGE_FAULT) /* Linux keeps it for page faults only */
		t->fault_address = addr;
	return do_send_sig_info(sig, &info, t, PIDTYPE_PID) == 0;
}

/* --- threads ---------------------------------------------------------------------------------- */

void copy_signal_state(struct task_struct *child, const struct task_struct *parent)
{
	child->blocked = parent->blocked;
	init_sigpending(&child->pending);
	child->sigqueue_cache = NULL;
	child->restore_sigmask = false;
	/* A new thread starts without an alternate stack (clone with CLONE_VM, as Linux). */
	child->sas_ss_sp = 0;
	child->sas_ss_size = 0;
	child->sas_ss_flags = LINUX_SS_DISABLE;
}

void exit_signal_state(struct task_struct *t)
{
	struct sigqueue *q, *n;
	uint32_t flags;

	spin_lock_irqsave(&siglock, flags);
	list_for_each_entry_safe(q, n, &t->pending.list, list)
	{
		list_del_init(&q->list);
		if (!(q->flags & SIGQUEUE_PREALLOC))
			kfree(q);
	}
	init_sigpending(&t->pending);
	kfree(t->sigqueue_cache);
	t->sigqueue_cache = NULL;
	spin_unlock_irqrestore(&siglock, flags);
}
