/*
 * The [sigpage] (runtime/sigpage.c, docs/signals.md "The sigpage"): the page of the
 * application's memory that holds the return of a signal handler installed without
 * SA_RESTORER, as Linux ARM's signal page does.
 */
#ifndef UNIARM_RUNTIME_SIGPAGE_H
#define UNIARM_RUNTIME_SIGPAGE_H

#include <stdbool.h>

struct mm_struct;

/* exec: map the sigpage into mm (the page is made once, at the first call) at mmap_base
 * (0xb7000000), just above the mmap area. 0, or -ENOMEM with nothing mapped. */
int sigpage_install(struct mm_struct *mm);

/*
 * The address a handler without SA_RESTORER returns to (its lr): the sigreturn code (rt:
 * rt_sigreturn's) in the application's sigpage, ARM or Thumb (bit 0 set) as the handler is.
 * Wherever mremap put the page; if the application unmapped it, where it was (the return then
 * faults, as on Linux). 0 when there never was one (a ktest).
 */
unsigned long sigpage_retcode(bool rt, bool thumb);

/* The two words Linux also writes in the frame's retcode for such a handler (the code, and the
 * word after it in the table; 0 after the last one): code[0..1]. */
void sigpage_frame_retcode(bool rt, bool thumb, unsigned long code[2]);

#endif
