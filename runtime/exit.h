/*
 * How the machine ends. Every end goes through do_exit_machine() with the reason, so that the
 * exit record uniarm-run reads (docs/uniarm-run.md) says what happened, not only the status.
 */
#ifndef UNIARM_RUNTIME_EXIT_H
#define UNIARM_RUNTIME_EXIT_H

#include "runtime/exit_codes.h"

enum exit_reason {
	EXIT_REASON_EXIT,   /* exit()/return from main: status is the application's */
	EXIT_REASON_SIGNAL, /* a signal's default action: status is 128 + N */
	EXIT_REASON_OOPS,   /* the runtime died: Oops, panic, refused device tree (125) */
	EXIT_REASON_OOM,    /* out of memory for the application's fault (137) */
};

__attribute__((noreturn)) void do_exit_machine(enum exit_reason reason, int status);
/* The line uniarm-run reads at the end of a run (runtime/exit_record.c). */
void exit_record_write(enum exit_reason reason, int status);
/* The current task ends with code (runtime/exit.c): a kernel thread's return value, a thread's
 * exit status; the group's last thread ends the program. Never returns. */
__attribute__((noreturn)) void do_exit(long code);
/* The application ended by signal sig's default action (terminate): 128 + sig. */
__attribute__((noreturn)) void do_exit_signal(int sig);

#endif
