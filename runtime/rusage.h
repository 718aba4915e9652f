/*
 * The application's resource usage and limits, shared by the system calls in runtime/rusage.c
 * (getrusage, sysinfo, prlimit64), /proc (runtime/procfs.c) and the descriptor table
 * (runtime/file.c, RLIMIT_NOFILE).
 */
#ifndef UNIARM_RUNTIME_RUSAGE_H
#define UNIARM_RUNTIME_RUSAGE_H

#include <stdint.h>
#include "runtime/uapi-mm.h"

struct mm_struct;

/* Resident-memory figures of an address space, in pages. */
struct mm_rss_stat {
	unsigned long rss;	   /* present ptes inside its VMAs, now */
	unsigned long locked;	   /* of which in VM_LOCKED VMAs */
	unsigned long hiwater_rss; /* the largest rss seen, this one included (see rusage.c) */
	unsigned long hiwater_vm;  /* the largest total_vm seen, this one included */
};

/* Count mm's resident pages now (walks every VMA's ptes) and update the high-water marks. */
void mm_rss_stat(struct mm_struct *mm, struct mm_rss_stat *st);

/* The soft limit (Linux's rlimit()) of a LINUX_RLIMIT_* resource; LINUX_RLIM64_INFINITY when
 * unlimited or for an unknown resource. */
uint64_t task_rlimit(unsigned int resource);

#endif
