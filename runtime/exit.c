/* Ending the application: exit status to QEMU, signals as 128 + N. */
#include "runtime/syscalls.h"
#include "runtime/sched.h"
#include "runtime/printk.h"
#include "runtime/exit_codes.h"
#include "runtime/exit.h"
#include "runtime/params.h"
#include "platform/power.h"

#include <errno.h>

#define LINUX_NSIG 64

void do_exit_machine(enum exit_reason reason, int status)
{
	static bool exiting;

	/* Once only: a fault while writing the record must not write another. */
	if (runtime_exit_record && !exiting) {
		exiting = true;
		exit_record_write(reason, status);
	}
	machine_exit(status);
}

void do_exit_signal(int sig)
{
	do_exit_machine(EXIT_REASON_SIGNAL, EXIT_SIGNAL_BASE + sig);
}

long sys_exit_group(int status)
{
	do_exit_machine(EXIT_REASON_EXIT, status & 0xff);
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_kill(int pid, int sig)
{
	if (sig < 0 || sig > LINUX_NSIG)
		return -EINVAL;
	/* The only process is the application: itself, its group (0) or everyone (-1). */
	if (pid != current->tgid && pid != 0 && pid != -1 && pid != -current->tgid)
		return -ESRCH;
	if (sig == 0)
		return 0;
	printk("%s: terminated by signal %d\n", current->comm, sig);
	do_exit_signal(sig);
}
