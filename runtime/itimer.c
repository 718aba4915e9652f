/*
 * setitimer/getitimer (docs/signals.md, "Timers"): the process's three interval timers, as
 * Linux 6.1's kernel/time/itimer.c keeps them, on hrtimers (runtime/hrtimer.c).
 *
 * ITIMER_REAL counts the monotonic clock and, when it expires, sends SIGALRM to the process
 * (si_code SI_KERNEL: Linux's SEND_SIG_PRIV). A periodic one is not re-armed at the expiry
 * but when that SIGALRM leaves the pending set (itimer_real_dequeued, from the delivery or
 * sigwaitinfo), at the next period boundary after that moment; until then getitimer reads 0
 * left. So, as on Linux: a blocked SIGALRM holds the timer, an ignored one (which is dropped)
 * stops it, and however short the interval, expiries never outrun the application.
 *
 * ITIMER_VIRTUAL and ITIMER_PROF count the process's CPU time, which in uniarm is the time
 * since boot: the one application is always taken to be running (times, getrusage and
 * CLOCK_PROCESS_CPUTIME_ID say the same). They send SIGVTALRM and SIGPROF (SI_KERNEL) and are
 * re-armed at each expiry, as Linux's tick-driven CPU timers are, at most once a tick. Unlike
 * Linux they run on while the application sleeps, and they do not add a tick to the value
 * (Linux reads back 1.004000 for 1 s at HZ = 250).
 *
 * The timers' state is shared with their interrupt: it is changed under itimer_lock with
 * interrupts masked.
 */
#include "runtime/posix_timers.h"
#include "runtime/sched.h"
#include "runtime/signal.h"
#include "runtime/spinlock.h"
#include "runtime/irqflags.h"
#include "runtime/syscalls.h"
#include "runtime/time.h"
#include "platform/uaccess.h"

#include <errno.h>
#include <string.h>

#define USEC_PER_SEC 1000000

struct itimer {
	struct hrtimer timer;
	int sig;		     /* SIGALRM, SIGVTALRM, SIGPROF */
	bool armed;		     /* VIRTUAL, PROF (REAL: timer.queued) */
	int64_t expires;	     /* monotonic ns */
	int64_t incr;		     /* the interval, ns (0: one shot) */
	struct task_struct *process; /* its group leader */
};

static struct itimer itimers[3];
static DEFINE_SPINLOCK(itimer_lock);

static void itimer_send(struct itimer *it)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = it->sig;
	info.si_code = LINUX_SI_KERNEL;
	do_send_sig_info(it->sig, &info, it->process, PIDTYPE_TGID);
}

/* ITIMER_REAL expired: its signal, nothing else (itimer_real_dequeued re-arms). */
static void it_real_fn(struct hrtimer *t)
{
	itimer_send(container_of(t, struct itimer, timer));
}

void itimer_real_dequeued(void)
{
	struct itimer *it = &itimers[LINUX_ITIMER_REAL];
	uint32_t flags;

	spin_lock_irqsave(&itimer_lock, flags);
	/* Expired (not queued) and periodic; a SIGALRM from kill while it runs changes nothing. */
	if (it->timer.function && !it->timer.queued && it->incr) {
		ktime_forward(&it->expires, (int64_t)ktime_get_ns(), it->incr);
		hrtimer_start(&it->timer, (uint64_t)it->expires);
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
}

/* ITIMER_VIRTUAL or ITIMER_PROF expired: the signal, and the next period (Linux's
 * check_cpu_itimer: expires + incr, missed periods not skipped, but at most once a tick). */
static void it_cpu_fn(struct hrtimer *t)
{
	struct itimer *it = container_of(t, struct itimer, timer);
	int64_t now = (int64_t)ktime_get_ns();

	if (it->incr)
		it->expires = ktime_add_safe(it->expires, it->incr);
	else
		it->armed = false;
	itimer_send(it);
	if (it->armed)
		hrtimer_start(t, (uint64_t)(it->expires > now ? it->expires : now + TICK_NSEC));
}

static void itimer_init_once(void)
{
	static const int sigs[3] = {LINUX_SIGALRM, LINUX_SIGVTALRM, LINUX_SIGPROF};

	if (itimers[0].timer.function)
		return;
	for (int i = 0; i < 3; i++) {
		itimers[i].sig = sigs[i];
		hrtimer_init(&itimers[i].timer, i == LINUX_ITIMER_REAL ? it_real_fn : it_cpu_fn);
	}
}

/* ns as a 32-bit struct timeval, the microseconds cut off as Linux's put_itimerval does. */
static void ns_to_timeval(int64_t ns, int32_t *sec, int32_t *usec)
{
	uint32_t nsec;

	*sec = (int32_t)ktime_split(ns, &nsec);
	*usec = (int32_t)(nsec / NSEC_PER_USEC);
}

/* The time left and the interval (itimer_lock held). An armed ITIMER_REAL shows at
 * least 1 us while its expiry is being handled; an armed CPU timer past its expiry one tick
 * (Linux's "about to fire"). */
static void get_itimer(int which, struct linux_itimerval *v)
{
	struct itimer *it = &itimers[which];
	int64_t now = (int64_t)ktime_get_ns(), left = 0;

	if (which == LINUX_ITIMER_REAL) {
		if (it->timer.queued) {
			left = it->expires - now;
			if (left <= 0)
				left = NSEC_PER_USEC;
		}
	} else if (it->armed) {
		left = it->expires < now ? TICK_NSEC : it->expires - now;
	}
	ns_to_timeval(left, &v->it_value.tv_sec, &v->it_value.tv_usec);
	ns_to_timeval(it->incr, &v->it_interval.tv_sec, &v->it_interval.tv_usec);
}

static bool valid_which(int which)
{
	return which == LINUX_ITIMER_REAL || which == LINUX_ITIMER_VIRTUAL ||
	       which == LINUX_ITIMER_PROF;
}

long sys_getitimer(int which, struct linux_itimerval __user *uvalue)
{
	struct linux_itimerval v;
	uint32_t flags;

	if (!valid_which(which))
		return -EINVAL;
	itimer_init_once();
	spin_lock_irqsave(&itimer_lock, flags);
	get_itimer(which, &v);
	spin_unlock_irqrestore(&itimer_lock, flags);
	return copy_to_user(uvalue, &v, sizeof(v)) ? -EFAULT : 0;
}

static bool timeval_valid(int32_t sec, int32_t usec)
{
	return sec >= 0 && usec >= 0 && usec < USEC_PER_SEC;
}

/*
 * Linux 6.1's order: the new value is read and checked first (-EFAULT, -EINVAL), then which
 * (-EINVAL); the old value is written after the change (a bad pointer there is -EFAULT with
 * the timer set). A NULL new value disarms (Linux 6.1 still accepts it, warning once on its
 * console that the "misfeature" will go: not repeated here, where the console is the
 * application's).
 */
long sys_setitimer(int which, const struct linux_itimerval __user *unew,
		   struct linux_itimerval __user *uold)
{
	struct linux_itimerval nv, ov;
	struct itimer *it;
	int64_t value, interval;
	uint32_t flags;

	memset(&nv, 0, sizeof(nv));
	if (unew) {
		if (copy_from_user(&nv, unew, sizeof(nv)))
			return -EFAULT;
		if (!timeval_valid(nv.it_value.tv_sec, nv.it_value.tv_usec) ||
		    !timeval_valid(nv.it_interval.tv_sec, nv.it_interval.tv_usec))
			return -EINVAL;
	}
	if (!valid_which(which))
		return -EINVAL;
	itimer_init_once();
	it = &itimers[which];
	value = ktime_from(nv.it_value.tv_sec, nv.it_value.tv_usec * NSEC_PER_USEC);
	interval = ktime_from(nv.it_interval.tv_sec, nv.it_interval.tv_usec * NSEC_PER_USEC);

	spin_lock_irqsave(&itimer_lock, flags);
	get_itimer(which, &ov);
	it->process = current->group_leader;
	hrtimer_cancel(&it->timer);
	it->expires = ktime_add_safe((int64_t)ktime_get_ns(), value);
	if (which == LINUX_ITIMER_REAL) {
		/* A zero value disarms, and the interval given with it is not kept. */
		it->incr = value ? interval : 0;
		if (value)
			hrtimer_start(&it->timer, (uint64_t)it->expires);
	} else {
		/* Linux keeps a CPU timer's interval even with a zero value (it reads back). */
		it->incr = interval;
		it->armed = value != 0;
		if (value)
			hrtimer_start(&it->timer, (uint64_t)it->expires);
	}
	spin_unlock_irqrestore(&itimer_lock, flags);

	if (uold && copy_to_user(uold, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}
