/* What runtime/signal.c, signal_frame.c and signal_syscalls.c share (docs/signals.md). */
#ifndef UNIARM_RUNTIME_SIGNAL_INTERNAL_H
#define UNIARM_RUNTIME_SIGNAL_INTERNAL_H

#include "runtime/signal.h"
#include "runtime/irqflags.h"
#include "runtime/spinlock.h"

struct pt_regs;

#ifndef __user
#define __user
#endif

/* The process's actions, one per signal (Linux's sighand_struct). */
struct sighand_struct {
	struct linux_kernel_sigaction action[LINUX_NSIG];
};

/* The process's shared state (Linux's signal_struct): process-directed pending signals. */
struct signal_struct {
	struct sigpending shared_pending;
};

extern struct sighand_struct sighand;
extern struct signal_struct signals;
/* Over every pending set, mask and action; interrupts masked (timers send from theirs). */
extern spinlock_t siglock;

void init_sigpending(struct sigpending *p);
/* The next signal not in mask, taken off current's or the process's set (siglock held). */
int dequeue_signal_mask(const linux_sigset_t *mask, kernel_siginfo_t *info);
void recalc_sigpending_tsk(struct task_struct *t);
/* "SIGSEGV", "SIGRTMIN+3", ... */
const char *signal_name(int sig);

/* runtime/signal_frame.c: the handler's frame on the user stack (oldset: the mask to restore
 * on return); when it cannot be written, the end of the application (SIGSEGV, 139). */
int setup_signal_frame(int sig, const struct linux_kernel_sigaction *ka, kernel_siginfo_t *info,
		       struct pt_regs *regs, const linux_sigset_t *oldset);
__attribute__((noreturn)) void force_sigsegv_frame(struct pt_regs *regs, unsigned long frame,
						   int sig);
/* Whether sp is on current's alternate stack. */
bool on_sig_stack(unsigned long sp);
long do_sigaltstack(const struct linux_stack __user *uss, struct linux_stack __user *uoss,
		    unsigned long sp);
/* Drop sig from every pending set (siglock held): it became ignored. */
void flush_signal(int sig);

#endif
