/* Running a test of the runtime itself inside the runtime (runtime/ktest.h). */
#include "runtime/ktest.h"
#include "platform/cp15.h"
#include "platform/memory.h"
#include "platform/unwind.h"
#include "runtime/exit.h"
#include "vm/mm_user.h"

/* platform/entry.S: call fn(argc, argv) in SYS mode with sp = stack_top; returns its value. */
int enter_ktest(int (*fn)(int, char **), int argc, char **argv, unsigned long stack_top);

void run_ktest(int argc, char **argv)
{
	int status;

	application_stack_top = STACK_TOP;
	local_irq_enable();
	status = enter_ktest(main, argc, argv, STACK_TOP);
	do_exit_machine(EXIT_REASON_EXIT, status & 0xff);
}
