/*
 * Signals (docs/signals.md): Linux's model for the one process uniarm runs. Each task has its
 * blocked mask, its pending set (thread-directed signals) and its alternate stack; the process
 * (signal_struct, one instance) has the shared pending set (process-directed signals); the
 * actions (sighand_struct, one instance) are the process's. Pending signals are delivered on
 * the return to the application (do_signal, from do_work_pending), by building a frame on the
 * user stack (runtime/signal_frame.c) that rt_sigreturn/sigreturn takes down again.
 */
#ifndef UNIARM_RUNTIME_SIGNAL_H
#define UNIARM_RUNTIME_SIGNAL_H

#include <stdbool.h>
#include "platform/uaccess.h"
#include "runtime/uapi-signal.h"
#include "vm/list.h"

struct task_struct;
struct pt_regs;

/*
 * The siginfo the runtime keeps and queues (Linux's struct kernel_siginfo): siginfo_t without
 * its padding. The application's 128 bytes are these 32 and zeroes (copy_siginfo_to_user).
 */
typedef struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union linux_sifields fields;
} kernel_siginfo_t;

/* to's 128 bytes: from, then zeroes. 0 or -EFAULT. */
int copy_siginfo_to_user(struct linux_siginfo __user *to, const kernel_siginfo_t *from);
/* The caller's siginfo_t: 0, -EFAULT, or -E2BIG when the si_code is not one whose layout Linux
 * knows and the bytes past kernel_siginfo_t are not all zero (they could not be delivered). */
int copy_siginfo_from_user(kernel_siginfo_t *to, const struct linux_siginfo __user *from);

/* Signal n's bit in a linux_sigset_t. */
static inline bool sigismember_k(const linux_sigset_t *set, int sig)
{
	unsigned int b = (unsigned int)sig - 1;

	return (set->sig[b / 32] >> (b % 32)) & 1;
}

static inline void sigaddset_k(linux_sigset_t *set, int sig)
{
	unsigned int b = (unsigned int)sig - 1;

	set->sig[b / 32] |= 1ul << (b % 32);
}

static inline void sigdelset_k(linux_sigset_t *set, int sig)
{
	unsigned int b = (unsigned int)sig - 1;

	set->sig[b / 32] &= ~(1ul << (b % 32));
}

static inline bool valid_signal(int sig)
{
	return sig >= 1 && sig <= LINUX_NSIG;
}

/*
 * A queued signal with its siginfo. Standard signals (1-31) are queued at most once per
 * pending set; real-time ones (32-64) once per send. SIGQUEUE_PREALLOC: the entry belongs to
 * its sender (a POSIX timer, runtime/posix_timers.c), which reuses it; it is never freed by
 * the delivery, and the owner learns of its dequeue through posixtimer_dequeued.
 */
struct sigqueue {
	struct list_head list;
	int flags;
	kernel_siginfo_t info;
	void *owner; /* SIGQUEUE_PREALLOC: the POSIX timer */
};
#define SIGQUEUE_PREALLOC 1

struct sigpending {
	struct list_head list; /* struct sigqueue, in the order sent */
	linux_sigset_t signal; /* which signals are pending */
};

enum pid_type { PIDTYPE_PID, PIDTYPE_TGID };

/*
 * Send sig with info (NULL: SI_USER from the current task) to task p (PIDTYPE_PID: that
 * thread) or to p's process (PIDTYPE_TGID: any thread that does not block it). 0, or -EAGAIN
 * when a real-time signal cannot be queued (no memory). An ignored signal is dropped.
 */
int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p, enum pid_type type);
/* The same for kill, tkill and tgkill: a siginfo with si_code code (LINUX_SI_USER,
 * LINUX_SI_TKILL) naming current's process and user as the sender. */
int send_sig_from_current(int sig, int code, struct task_struct *p, enum pid_type type);

/* POSIX timers' preallocated entries: sigqueue_alloc gives one with SIGQUEUE_PREALLOC set (or
 * NULL); send_sigqueue queues it (q->info filled by the caller) and returns 0, 1 when it is
 * still pending from the last time (the caller counts an overrun), -1 when the signal is
 * ignored (dropped); sigqueue_free takes it off any pending list and frees it. */
struct sigqueue *sigqueue_alloc(void);
void sigqueue_free(struct sigqueue *q);
int send_sigqueue(struct sigqueue *q, struct task_struct *t, enum pid_type type);
/* Called by the delivery when a SIGQUEUE_PREALLOC entry leaves a pending list, with the
 * siginfo the handler will see (runtime/posix_timers.c fills si_overrun, rearms). */
void posixtimer_dequeued(struct sigqueue *q, kernel_siginfo_t *info);

/* sig's action is its default, and that default ends the application. */
bool signal_is_fatal(int sig);

/* A signal the current task should deal with before it sleeps again (a pending signal that it
 * does not block, or a fatal one). */
bool signal_pending(struct task_struct *t);

/* The return to the application (entry.S -> do_work_pending): deliver what is pending.
 * syscall: regs come from a system call whose result is in regs->ARM_r0 and whose first
 * argument was orig_r0 (restart rules). */
void do_signal(struct pt_regs *regs, bool syscall, unsigned long orig_r0);

/* A fault or trap of the application that becomes a signal to the current thread (Linux's
 * force_sig_fault): true if a handler will run (the signal is queued and the return to the
 * application delivers it), false if the signal's default action must end the application
 * (no handler, or the signal blocked or ignored: Linux then resets it to the default). */
bool force_sig_fault(int sig, int code, unsigned long addr, unsigned long trap_no,
		     unsigned long error_code);

/* Threads: set up a new thread's signal state (blocked mask inherited, nothing pending) and
 * take down an ended one's (its pending entries freed). */
void copy_signal_state(struct task_struct *child, const struct task_struct *parent);
void exit_signal_state(struct task_struct *t);

/* Return codes of a system call that a signal interrupted (Linux's, never seen by the
 * application): do_signal turns them into -EINTR or restarts the call. */
#define ERESTARTSYS	      512 /* restart if the handler has SA_RESTART (or no handler) */
#define ERESTARTNOINTR	      513 /* always restart */
#define ERESTARTNOHAND	      514 /* restart only if no handler ran */
#define ERESTART_RESTARTBLOCK 516 /* restart through restart_syscall if no handler ran */

#endif
