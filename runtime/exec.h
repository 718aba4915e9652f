/* The application's start, as Linux's exec of a static ELF executable (runtime/exec.c). */
#ifndef UNIARM_RUNTIME_EXEC_H
#define UNIARM_RUNTIME_EXEC_H

#include <stdbool.h>
#include "runtime/cmdline.h"

struct mm_struct;

/* Where the application starts: its entry point, and sp at argc on its new stack. */
struct exec_start {
	unsigned long pc, sp;
};

/* Whether the image carries an application (a ktest image has none). */
bool exec_has_application(void);

/* Load the image's application into mm (whose stack VMA exists) with the arguments and
 * environment of cl (argv[0] is its name); refuses a broken file with a panic naming why. */
void exec_application(struct mm_struct *mm, const struct cmdline *cl, struct exec_start *start);

/* platform/entry.S: enter the application in USR mode at pc with sp, the task's kernel stack
 * empty from kstack_top, every other register zero (Linux's start_thread and ret_to_user). */
__attribute__((noreturn)) void start_user_thread(unsigned long pc, unsigned long sp,
						 unsigned long kstack_top);

#endif
