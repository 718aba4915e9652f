/*
 * Guarded access to memory the application handed the runtime (Linux's uaccess API and
 * contracts). Every load/store that may touch an application pointer is listed in the
 * exception table (platform/extable.h): a fault there that demand paging cannot resolve
 * moves the pc to a fixup, and the call reports what it did not do instead of crashing.
 * See docs/uaccess.md.
 */
#ifndef UNIARM_PLATFORM_UACCESS_H
#define UNIARM_PLATFORM_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "platform/memory.h"

#define __user

/*
 * [ptr, ptr + size) is application memory, without wrapping: inside [0, TASK_SIZE), and nothing
 * else (as Linux: NULL passes; the access itself then faults and gives EFAULT). Everything
 * above TASK_SIZE is the runtime's.
 */
static inline bool access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr;

	return size <= TASK_SIZE && addr <= TASK_SIZE - size;
}

/* Copy n bytes; return the number of bytes NOT copied (0 on success). copy_from_user zero-fills
 * the uncopied tail of `to`. The __ variants skip access_ok. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n);
/* Zero n bytes of application memory; the number NOT zeroed. */
unsigned long clear_user(void __user *to, unsigned long n);
unsigned long __clear_user(void __user *to, unsigned long n);
/* Copy a NUL-terminated string of at most count bytes: its length (without the NUL; count if
 * no NUL within count bytes, dst then not terminated), or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count);
/* Length of the string including its NUL, at most n+1 when longer than n; 0 on a fault. */
long strnlen_user(const char __user *str, long n);

/* get_user(x, ptr) / put_user(x, ptr) for objects of 1, 2, 4 and 8 bytes: 0 or -EFAULT (x is
 * zeroed on a failed get_user). Defined in platform/uaccess-getput.h. */
#include "platform/uaccess-getput.h"

#endif
