/* The memory report: the numbers of /proc/meminfo that the runtime's allocators know. */
#ifndef UNIARM_VM_MEMINFO_H
#define UNIARM_VM_MEMINFO_H

#include <stddef.h>

/* Format the report ("MemTotal:  123456 kB" lines, Linux's layout) into buf; returns the
 * length written (scnprintf semantics). */
size_t meminfo_format(char *buf, size_t size);
/* Print it on the console. */
void meminfo_show(void);

#endif
