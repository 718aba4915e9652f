/*
 * SIGEV_THREAD timers, which the kernel leaves to the C library (glibc's design): one helper
 * thread, started by the first such timer, blocks every signal and waits in sigtimedwait for
 * SIGTIMER (32). Each SIGEV_THREAD timer is a kernel timer that sends SIGTIMER to the helper
 * alone (SIGEV_THREAD_ID) with its struct thread_timer as the value; for each expiry the helper
 * starts a detached thread (with the timer's pthread attributes, if any, and every signal
 * blocked, inherited from the helper) that calls the function with the sigevent's value.
 * Live timers are on a list: an expiry already queued for a timer deleted meanwhile is
 * recognised and dropped.
 */
#include "libc-glue/pthread/pthread_impl.h"
#include "libc-glue/signal/signal_impl.h"
#include "libc-glue/signal/timer_impl.h"

#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t timers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct thread_timer *timers; /* the live ones */
static pthread_once_t helper_once = PTHREAD_ONCE_INIT;
static int helper_tid; /* > 0 once the helper waits; -1: it could not start */
static sem_t helper_ready;

struct callback {
	void (*func)(union sigval);
	union sigval value;
};

static void *run_callback(void *arg)
{
	struct callback cb = *(struct callback *)arg;

	free(arg);
	cb.func(cb.value);
	return NULL;
}

/* Starts the thread for one expiry of t, if t is still live. */
static void expired(struct thread_timer *t)
{
	struct callback *cb = malloc(sizeof(*cb));
	struct thread_timer *p;
	pthread_attr_t attr;
	pthread_t th;
	int live = 0;

	if (!cb)
		return;
	pthread_mutex_lock(&timers_lock);
	for (p = timers; p; p = p->next)
		if (p == t)
			break;
	if (p) {
		live = 1;
		cb->func = t->func;
		cb->value = t->value;
		if (t->has_attr)
			attr = t->attr;
		else
			pthread_attr_init(&attr);
	}
	pthread_mutex_unlock(&timers_lock);
	if (!live) {
		free(cb);
		return;
	}
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &attr, run_callback, cb))
		free(cb); /* no thread: this expiry is lost, as in glibc */
}

static void *helper(void *arg)
{
	linux_sigset_t all = {{~0UL, ~0UL}};
	linux_sigset_t wait = {{0, 0}};
	struct linux_siginfo si;
	long r;

	(void)arg;
	wait.sig[(SIGTIMER - 1) / 32] = 1UL << ((SIGTIMER - 1) % 32);
	/* Blocked before anyone learns the tid (the creator blocked everything too). */
	__uniarm_syscall(__NR_rt_sigprocmask, LINUX_SIG_BLOCK, (long)&all, 0, LINUX_NSIG_BYTES, 0,
			 0);
	__atomic_store_n(&helper_tid, __uniarm_gettid(), __ATOMIC_RELEASE);
	sem_post(&helper_ready);
	for (;;) {
		r = __uniarm_syscall(__NR_rt_sigtimedwait_time64, (long)&wait, (long)&si, 0,
				     LINUX_NSIG_BYTES, 0, 0);
		if (r == SIGTIMER && si.si_code == LINUX_SI_TIMER)
			expired(si.fields.timer.sigval.sival_ptr);
	}
	return NULL;
}

static void start_helper(void)
{
	linux_sigset_t all = {{~0UL, ~0UL}}, old;
	pthread_attr_t attr;
	pthread_t th;

	sem_init(&helper_ready, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* The helper starts with every signal blocked: none may run a handler on it. */
	__uniarm_syscall(__NR_rt_sigprocmask, LINUX_SIG_SETMASK, (long)&all, (long)&old,
			 LINUX_NSIG_BYTES, 0, 0);
	if (pthread_create(&th, &attr, helper, NULL) == 0) {
		while (sem_wait(&helper_ready) && errno == EINTR)
			;
	} else {
		helper_tid = -1;
	}
	__uniarm_syscall(__NR_rt_sigprocmask, LINUX_SIG_SETMASK, (long)&old, 0, LINUX_NSIG_BYTES, 0,
			 0);
	pthread_attr_destroy(&attr);
}

int __uniarm_timer_create_thread(clockid_t clock, const struct sigevent *evp, timer_t *timerid)
{
	struct linux_sigevent ksev;
	struct thread_timer *t;
	int kid;
	long r;

	pthread_once(&helper_once, start_helper);
	if (__atomic_load_n(&helper_tid, __ATOMIC_ACQUIRE) <= 0) {
		errno = EAGAIN;
		return -1;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return -1;
	t->func = evp->sigev_notify_function;
	t->value = evp->sigev_value;
	if (evp->sigev_notify_attributes) {
		t->attr = *evp->sigev_notify_attributes;
		t->has_attr = 1;
	}
	memset(&ksev, 0, sizeof(ksev));
	ksev.sigev_value.sival_ptr = t;
	ksev.sigev_signo = SIGTIMER;
	ksev.sigev_notify = LINUX_SIGEV_THREAD_ID;
	ksev.un.tid = helper_tid;
	r = __uniarm_syscall(__NR_timer_create, (long)clock, (long)&ksev, (long)&kid, 0, 0, 0);
	if (r < 0) {
		free(t);
		return (int)__sig_ret(r);
	}
	t->ktimer = kid;
	pthread_mutex_lock(&timers_lock);
	t->next = timers;
	timers = t;
	pthread_mutex_unlock(&timers_lock);
	*timerid = __timer_of_thread(t);
	return 0;
}

/* Off the list first, so that an expiry still queued finds it gone; EINVAL if it was not on
 * it (deleted already). */
int __uniarm_timer_delete_thread(struct thread_timer *t)
{
	struct thread_timer **pp;
	int found;
	long r;

	pthread_mutex_lock(&timers_lock);
	for (pp = &timers; *pp && *pp != t; pp = &(*pp)->next)
		;
	found = *pp != NULL;
	if (found)
		*pp = t->next;
	pthread_mutex_unlock(&timers_lock);
	if (!found) {
		errno = EINVAL;
		return -1;
	}
	r = __uniarm_syscall(__NR_timer_delete, t->ktimer, 0, 0, 0, 0, 0);
	free(t);
	return (int)__sig_ret(r);
}
