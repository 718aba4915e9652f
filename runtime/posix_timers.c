/*
 * POSIX timers (docs/signals.md, "Timers"): timer_create, timer_settime, timer_gettime,
 * timer_getoverrun and timer_delete (and the _time64 forms of settime and gettime), with Linux
 * 6.1's semantics, errno values and order of checks (kernel/time/posix-timers.c), each checked
 * on the Linux peer.
 *
 * A timer belongs to the process. Its expiry is an hrtimer (runtime/hrtimer.c) at a monotonic
 * deadline: CLOCK_REALTIME's absolute times are converted (uniarm's real-time clock is the
 * monotonic one plus the boot time, never set), and the CPU-time clocks count the time since
 * boot, as their clock_gettime does. Its signal is one preallocated struct sigqueue, queued
 * with send_sigqueue, whose siginfo says SI_TIMER, the timer id and the sigevent's value.
 *
 * Overruns, as Linux counts them: an expiry queues the signal and leaves a periodic timer
 * unarmed; the delivery's dequeue (posixtimer_dequeued) re-arms it at the next period boundary
 * after the present and counts the periods skipped on the way, which become the siginfo's
 * si_overrun and timer_getoverrun's answer. An expiry that finds the signal still pending (the
 * timer was set again meanwhile) adds one to si_overrun only. A signal that is ignored is
 * dropped and the timer re-arms itself at its expiry (every tick at the most). timer_settime
 * forgets about a signal still pending: its dequeue re-arms nothing, and the overrun count
 * restarts.
 *
 * The timers' list is only used by the system calls, which do not sleep while they hold a
 * timer (no preemption inside the runtime); a timer's state is shared with its interrupt and
 * with the delivery, and changes under posix_timers_lock with interrupts masked.
 */
#include "runtime/posix_timers.h"
#include "runtime/sched.h"
#include "runtime/signal.h"
#include "runtime/spinlock.h"
#include "runtime/irqflags.h"
#include "runtime/syscalls.h"
#include "runtime/time.h"
#include "platform/uaccess.h"
#include "vm/slab.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

struct k_itimer {
	struct list_head list; /* in posix_timers */
	int id;
	int clock;
	int sigev_notify;	    /* SIGEV_NONE, SIGEV_SIGNAL, SIGEV_THREAD, SIGEV_THREAD_ID */
	struct task_struct *target; /* the process's leader or the thread: a reference */
	enum pid_type type;	    /* PIDTYPE_PID for SIGEV_THREAD_ID */
	struct sigqueue *sigq;	    /* the expiry's signal (SIGQUEUE_PREALLOC) */
	struct hrtimer timer;
	int64_t expires;	   /* monotonic ns (< 0: before the boot) */
	int64_t interval;	   /* ns; 0: one shot (also while disarmed) */
	bool active;		   /* armed, not expired (never for SIGEV_NONE) */
	unsigned int requeue;	   /* it_requeue_pending: odd while a signal is to re-arm it */
	unsigned int sent_requeue; /* requeue at the last expiry (Linux's si_sys_private) */
	int64_t overrun;	   /* periods skipped since the last re-arm, from -1 */
	int64_t overrun_last;	   /* those of the last re-arm: timer_getoverrun */
	int64_t pending_overrun;   /* expiries that found the signal still pending */
};

/* What timer_settime takes and timer_gettime gives, in ns. */
struct timer_setting {
	int64_t value, interval;
};

static LIST_HEAD(posix_timers);
static int next_timer_id; /* Linux's next_posix_timer_id: every creation takes one */
static DEFINE_SPINLOCK(posix_timers_lock);

static struct k_itimer *find_timer(int id)
{
	struct list_head *pos;

	list_for_each(pos, &posix_timers)
	{
		struct k_itimer *timr = list_entry(pos, struct k_itimer, list);

		if (timr->id == id)
			return timr;
	}
	return NULL;
}

/* The next id from the process's counter, as Linux 6.1 hands them out (0, 1, 2, ... whether
 * the creation then succeeds or not, after INT_MAX 0 again, skipping ids in use). */
static int alloc_timer_id(void)
{
	int first = next_timer_id;

	do {
		int id = next_timer_id;

		next_timer_id = id == INT_MAX ? 0 : id + 1;
		if (!find_timer(id))
			return id;
	} while (next_timer_id != first);
	return -EAGAIN;
}

/* overrun_last + n, as the int the application sees (at most DELAYTIMER_MAX, INT_MAX). */
static int overrun_to_int(const struct k_itimer *timr, int64_t n)
{
	int64_t sum = timr->overrun_last + n;

	return sum > INT_MAX ? INT_MAX : (int)sum;
}

static bool target_gone(const struct k_itimer *timr)
{
	return timr->type == PIDTYPE_PID &&
	       (timr->target->exit_state || (timr->target->flags & PF_EXITING));
}

/* The expiry's signal: true if it was dropped as ignored (the timer then re-arms itself). A
 * thread that has exited gets nothing and stops the timer (Linux: no task for the pid). */
static bool posix_timer_event(struct k_itimer *timr)
{
	int ret;

	if (target_gone(timr))
		return false;
	ret = send_sigqueue(timr->sigq, timr->target, timr->type);
	if (ret > 0)
		timr->pending_overrun++;
	else if (ret == 0)
		timr->pending_overrun = 0;
	return ret < 0;
}

/* The hrtimer's function, in the timer interrupt (interrupts masked). */
static void posix_timer_fn(struct hrtimer *t)
{
	struct k_itimer *timr = container_of(t, struct k_itimer, timer);
	uint32_t flags;

	spin_lock_irqsave(&posix_timers_lock, flags);
	timr->active = false;
	timr->sent_requeue = timr->interval ? ++timr->requeue : 0;
	if (posix_timer_event(timr) && timr->interval) {
		/* Ignored: nobody will dequeue it, but a handler may come later. Expiring every
		 * interval below a tick would starve everything else: every tick at the most. */
		int64_t now = (int64_t)ktime_get_ns();

		if (timr->interval < TICK_NSEC)
			now += TICK_NSEC;
		timr->overrun += (int64_t)ktime_forward(&timr->expires, now, timr->interval);
		hrtimer_start(t, (uint64_t)timr->expires);
		++timr->requeue;
		timr->active = true;
	}
	spin_unlock_irqrestore(&posix_timers_lock, flags);
}

/*
 * The delivery took this timer's signal off a pending set (siglock held): info is what the
 * handler (or sigwaitinfo) gets. A periodic timer whose signal this is (it was not set again
 * since) is re-armed at the next period boundary, and the periods skipped since its expiry are
 * the overrun: in si_overrun, with the expiries that found the signal pending, and in
 * timer_getoverrun.
 */
void posixtimer_dequeued(struct sigqueue *q, kernel_siginfo_t *info)
{
	struct k_itimer *timr = q->owner;
	uint32_t flags;
	int64_t overrun;

	if (!timr) /* its timer was deleted */
		return;
	spin_lock_irqsave(&posix_timers_lock, flags);
	overrun = timr->pending_overrun;
	timr->pending_overrun = 0;
	if (timr->interval && timr->requeue == timr->sent_requeue) {
		timr->overrun += (int64_t)ktime_forward(&timr->expires, (int64_t)ktime_get_ns(),
							timr->interval);
		hrtimer_start(&timr->timer, (uint64_t)timr->expires);
		timr->active = true;
		timr->overrun_last = timr->overrun;
		timr->overrun = -1;
		++timr->requeue;
		info->fields.timer.overrun = overrun_to_int(timr, overrun);
	} else {
		info->fields.timer.overrun = overrun > INT_MAX ? INT_MAX : (int)overrun;
	}
	info->fields.timer.sys_private = 0;
	spin_unlock_irqrestore(&posix_timers_lock, flags);
}

/* --- timer_create ---------------------------------------------------------------------- */

/* The clocks with timers: the runtime's clocks (runtime/time.c) but the three Linux has no
 * timers on. */
static int timer_clock_check(int clockid)
{
	switch (clockid) {
	case LINUX_CLOCK_REALTIME:
	case LINUX_CLOCK_MONOTONIC:
	case LINUX_CLOCK_PROCESS_CPUTIME_ID:
	case LINUX_CLOCK_THREAD_CPUTIME_ID:
	case LINUX_CLOCK_BOOTTIME:
		return 0;
	case LINUX_CLOCK_MONOTONIC_RAW:
	case LINUX_CLOCK_REALTIME_COARSE:
	case LINUX_CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
}

/* Who the sigevent says is to be signalled (Linux's good_sigevent), or NULL: EINVAL.
 * SIGEV_THREAD is the C library's business, but the kernel takes it as SIGEV_SIGNAL. */
static struct task_struct *good_sigevent(const struct linux_sigevent *ev, enum pid_type *type)
{
	struct task_struct *t;

	*type = PIDTYPE_TGID;
	switch (ev->sigev_notify) {
	case LINUX_SIGEV_SIGNAL | LINUX_SIGEV_THREAD_ID:
		t = ev->un.tid > 0 ? find_task_by_pid(ev->un.tid) : NULL;
		if (!t || t->tgid != current->tgid || (t->flags & PF_KTHREAD) ||
		    t->exit_state == EXIT_DEAD)
			return NULL;
		*type = PIDTYPE_PID;
		return valid_signal(ev->sigev_signo) ? t : NULL;
	case LINUX_SIGEV_SIGNAL:
	case LINUX_SIGEV_THREAD:
		if (!valid_signal(ev->sigev_signo))
			return NULL;
		return current->group_leader;
	case LINUX_SIGEV_NONE:
		return current->group_leader;
	default:
		return NULL;
	}
}

/*
 * Linux's order: the sigevent is read (-EFAULT), the clock checked (-EINVAL, -EOPNOTSUPP), the
 * timer allocated (-EAGAIN) and given its id; then the sigevent checked (-EINVAL) and the id
 * written (-EFAULT): failing there, the id is used up all the same.
 */
static long do_timer_create(int clockid, const struct linux_sigevent *ev, int __user *created_id)
{
	struct k_itimer *timr;
	struct task_struct *target;
	kernel_siginfo_t *info;
	long err = timer_clock_check(clockid);
	int id;

	if (err)
		return err;
	timr = kzalloc(sizeof(*timr), GFP_KERNEL);
	if (!timr)
		return -EAGAIN;
	timr->sigq = sigqueue_alloc();
	id = alloc_timer_id();
	if (!timr->sigq || id < 0) {
		err = -EAGAIN;
		goto out;
	}
	timr->id = id;
	timr->clock = clockid;
	timr->overrun = -1;
	hrtimer_init(&timr->timer, posix_timer_fn);
	info = &timr->sigq->info;
	memset(info, 0, sizeof(*info));
	if (ev) {
		target = good_sigevent(ev, &timr->type);
		if (!target) {
			err = -EINVAL;
			goto out;
		}
		timr->sigev_notify = ev->sigev_notify;
		info->si_signo = ev->sigev_signo;
		info->fields.timer.sigval = ev->sigev_value;
	} else {
		/* SIGALRM with the timer's id as the value. */
		target = current->group_leader;
		timr->type = PIDTYPE_TGID;
		timr->sigev_notify = LINUX_SIGEV_SIGNAL;
		info->si_signo = LINUX_SIGALRM;
		info->fields.timer.sigval.sival_int = id;
	}
	info->si_code = LINUX_SI_TIMER;
	info->fields.timer.tid = id;
	if (put_user(id, created_id)) {
		err = -EFAULT;
		goto out;
	}
	get_task_struct(target);
	timr->target = target;
	timr->sigq->owner = timr;
	list_add_tail(&timr->list, &posix_timers);
	return 0;
out:
	sigqueue_free(timr->sigq);
	kfree(timr);
	return err;
}

long sys_timer_create(int clockid, const struct linux_sigevent __user *uevent,
		      int __user *created_id)
{
	struct linux_sigevent ev;

	if (uevent) {
		if (copy_from_user(&ev, uevent, sizeof(ev)))
			return -EFAULT;
		return do_timer_create(clockid, &ev, created_id);
	}
	return do_timer_create(clockid, NULL, created_id);
}

/* --- timer_settime, timer_gettime --------------------------------------------------------- */

/*
 * The time left and the interval (Linux's common_timer_get; posix_timers_lock held). A
 * one-shot timer that expired reads 0; a periodic one whose signal waits is moved on to its
 * next period first (the periods skipped are overruns for the re-arm), as is a SIGEV_NONE
 * one, which never expires by itself. An armed timer at its expiry reads 1 ns. As on Linux, a
 * SIGEV_NONE timer that was disarmed still reads the time its last arming had left.
 */
static void common_timer_get(struct k_itimer *timr, struct timer_setting *cur)
{
	bool sig_none = timr->sigev_notify == LINUX_SIGEV_NONE;
	int64_t now, left;

	cur->value = cur->interval = 0;
	if (timr->interval)
		cur->interval = timr->interval;
	else if (!timr->active && !sig_none)
		return;
	now = (int64_t)ktime_get_ns();
	if (timr->interval && ((timr->requeue & 1) || sig_none))
		timr->overrun += (int64_t)ktime_forward(&timr->expires, now, timr->interval);
	left = timr->expires - now;
	if (left > 0)
		cur->value = left;
	else if (!sig_none)
		cur->value = 1;
}

/* CLOCK_REALTIME - CLOCK_MONOTONIC, the boot's wall-clock time: realtime_to_monotonic_ns is
 * that subtraction for any time after the boot. A deadline before the boot is then a negative
 * monotonic time, and a periodic timer keeps the phase of its wall-clock start. */
static int64_t realtime_offset(void)
{
	return KTIME_MAX - (int64_t)realtime_to_monotonic_ns((uint64_t)KTIME_MAX);
}

/* Linux's common_timer_set: flags other than TIMER_ABSTIME are ignored, as on Linux. */
static void common_timer_set(struct k_itimer *timr, int flags, const struct timer_setting *nv,
			     struct timer_setting *old)
{
	bool sig_none = timr->sigev_notify == LINUX_SIGEV_NONE;
	int64_t expires;

	if (old)
		common_timer_get(timr, old);
	timr->interval = 0;
	hrtimer_cancel(&timr->timer);
	timr->active = false;
	timr->requeue = (timr->requeue + 2) & ~1u;
	timr->overrun_last = 0;
	if (!nv->value)
		return;
	timr->interval = nv->interval;
	if (!(flags & LINUX_TIMER_ABSTIME))
		expires = ktime_add_safe((int64_t)ktime_get_ns(), nv->value);
	else if (timr->clock == LINUX_CLOCK_REALTIME)
		expires = nv->value - realtime_offset();
	else
		expires = nv->value;
	timr->expires = expires;
	if (!sig_none)
		hrtimer_start(&timr->timer, expires > 0 ? (uint64_t)expires : 0);
	timr->active = !sig_none;
}

static bool timespec_valid(int64_t sec, long nsec)
{
	return sec >= 0 && nsec >= 0 && nsec < NSEC_PER_SEC;
}

/* The setting read from the application: -EINVAL unless both times are valid. */
static long setting_from(struct timer_setting *s, int64_t isec, long insec, int64_t vsec,
			 long vnsec)
{
	if (!timespec_valid(isec, insec) || !timespec_valid(vsec, vnsec))
		return -EINVAL;
	s->interval = ktime_from(isec, insec);
	s->value = ktime_from(vsec, vnsec);
	return 0;
}

/* The new setting is checked before the id (-EINVAL for either); old is cleared first. */
static long do_timer_settime(int id, int flags, const struct timer_setting *nv,
			     struct timer_setting *old)
{
	struct k_itimer *timr = find_timer(id);
	uint32_t irqflags;

	if (old)
		old->value = old->interval = 0;
	if (!timr)
		return -EINVAL;
	spin_lock_irqsave(&posix_timers_lock, irqflags);
	common_timer_set(timr, flags, nv, old);
	spin_unlock_irqrestore(&posix_timers_lock, irqflags);
	return 0;
}

static long do_timer_gettime(int id, struct timer_setting *cur)
{
	struct k_itimer *timr = find_timer(id);
	uint32_t flags;

	if (!timr)
		return -EINVAL;
	spin_lock_irqsave(&posix_timers_lock, flags);
	common_timer_get(timr, cur);
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	return 0;
}

static void setting_to64(const struct timer_setting *s, struct linux_itimerspec64 *u)
{
	uint32_t nsec;

	u->it_interval.tv_sec = ktime_split(s->interval, &nsec);
	u->it_interval.tv_nsec = nsec;
	u->it_value.tv_sec = ktime_split(s->value, &nsec);
	u->it_value.tv_nsec = nsec;
}

/* The 32-bit struct: tv_sec cut to 32 bits, as Linux's put_old_itimerspec32. */
static void setting_to32(const struct timer_setting *s, struct linux_itimerspec32 *u)
{
	uint32_t nsec;

	u->it_interval.tv_sec = (int32_t)ktime_split(s->interval, &nsec);
	u->it_interval.tv_nsec = (int32_t)nsec;
	u->it_value.tv_sec = (int32_t)ktime_split(s->value, &nsec);
	u->it_value.tv_nsec = (int32_t)nsec;
}

/*
 * timer_settime64 (409): a NULL new setting is -EINVAL, one that cannot be read -EFAULT, both
 * before the id is looked at; the old one is written after the change (-EFAULT with the timer
 * set). A 32-bit Linux reads tv_nsec as a long: its upper 32 bits are not looked at.
 */
long sys_timer_settime64(int id, int flags, const struct linux_itimerspec64 __user *unew,
			 struct linux_itimerspec64 __user *uold)
{
	struct linux_itimerspec64 n;
	struct timer_setting nv, old;
	long err;

	if (!unew)
		return -EINVAL;
	if (copy_from_user(&n, unew, sizeof(n)))
		return -EFAULT;
	err = setting_from(&nv, n.it_interval.tv_sec, (int32_t)n.it_interval.tv_nsec,
			   n.it_value.tv_sec, (int32_t)n.it_value.tv_nsec);
	if (!err)
		err = do_timer_settime(id, flags, &nv, uold ? &old : NULL);
	if (!err && uold) {
		setting_to64(&old, &n);
		if (copy_to_user(uold, &n, sizeof(n)))
			err = -EFAULT;
	}
	return err;
}

/* timer_settime (258): the same with 32-bit struct timespecs. */
long sys_timer_settime(int id, int flags, const struct linux_itimerspec32 __user *unew,
		       struct linux_itimerspec32 __user *uold)
{
	struct linux_itimerspec32 n;
	struct timer_setting nv, old;
	long err;

	if (!unew)
		return -EINVAL;
	if (copy_from_user(&n, unew, sizeof(n)))
		return -EFAULT;
	err = setting_from(&nv, n.it_interval.tv_sec, n.it_interval.tv_nsec, n.it_value.tv_sec,
			   n.it_value.tv_nsec);
	if (!err)
		err = do_timer_settime(id, flags, &nv, uold ? &old : NULL);
	if (!err && uold) {
		setting_to32(&old, &n);
		if (copy_to_user(uold, &n, sizeof(n)))
			err = -EFAULT;
	}
	return err;
}

/* timer_gettime64 (408): -EINVAL for an unknown id before the pointer is used. */
long sys_timer_gettime64(int id, struct linux_itimerspec64 __user *ucur)
{
	struct linux_itimerspec64 c;
	struct timer_setting cur;
	long err = do_timer_gettime(id, &cur);

	if (!err) {
		setting_to64(&cur, &c);
		if (copy_to_user(ucur, &c, sizeof(c)))
			err = -EFAULT;
	}
	return err;
}

/* timer_gettime (259). */
long sys_timer_gettime(int id, struct linux_itimerspec32 __user *ucur)
{
	struct linux_itimerspec32 c;
	struct timer_setting cur;
	long err = do_timer_gettime(id, &cur);

	if (!err) {
		setting_to32(&cur, &c);
		if (copy_to_user(ucur, &c, sizeof(c)))
			err = -EFAULT;
	}
	return err;
}

/* --- timer_getoverrun, timer_delete -------------------------------------------------------- */

/* The overruns of the last re-arm (its signal's dequeue); 0 before any. */
long sys_timer_getoverrun(int id)
{
	struct k_itimer *timr = find_timer(id);
	uint32_t flags;
	int overrun;

	if (!timr)
		return -EINVAL;
	spin_lock_irqsave(&posix_timers_lock, flags);
	overrun = overrun_to_int(timr, 0);
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	return overrun;
}

/* Disarmed and gone; its signal, if pending, goes with it (sigqueue_free). */
long sys_timer_delete(int id)
{
	struct k_itimer *timr = find_timer(id);
	uint32_t flags;

	if (!timr)
		return -EINVAL;
	spin_lock_irqsave(&posix_timers_lock, flags);
	hrtimer_cancel(&timr->timer);
	timr->sigq->owner = NULL;
	spin_unlock_irqrestore(&posix_timers_lock, flags);
	list_del(&timr->list);
	sigqueue_free(timr->sigq);
	put_task_struct(timr->target);
	kfree(timr);
	return 0;
}
