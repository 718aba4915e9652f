/*
 * The application's static data is linked into the image, above TASK_SIZE (its rodata, data
 * and bss: platform/uniarm.ld). The user-copy routines in uaccess.S check the common case,
 * an address below TASK_SIZE, inline; anything above comes here, where access_ok also
 * accepts the application's ranges in the image and the string routines stop at the end of
 * the range the string starts in. Runtime memory still fails.
 */
#include "platform/uaccess.h"

#include <errno.h>
#include <string.h>

long __strncpy_from_user_end(char *dst, const char __user *src, long count, unsigned long end);
long __strnlen_user_end(const char __user *str, long n, long unused, unsigned long end);
unsigned long copy_from_user_image(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user_image(void __user *to, const void *from, unsigned long n);
unsigned long clear_user_image(void __user *to, unsigned long n);
long strncpy_from_user_image(char *dst, const char __user *src, long count);
long strnlen_user_image(const char __user *str, long n);

unsigned long copy_from_user_image(void *to, const void __user *from, unsigned long n)
{
	if (access_ok(from, n))
		return __copy_from_user(to, from, n);
	memset(to, 0, n);
	return n;
}

unsigned long copy_to_user_image(void __user *to, const void *from, unsigned long n)
{
	return access_ok(to, n) ? __copy_to_user(to, from, n) : n;
}

unsigned long clear_user_image(void __user *to, unsigned long n)
{
	return access_ok(to, n) ? __clear_user(to, n) : n;
}

/* End of the application range in the image that holds addr, or 0 when addr is not in one. */
static unsigned long image_range_end(unsigned long addr)
{
	if (addr >= (unsigned long)__app_data_start && addr < (unsigned long)__app_data_end)
		return (unsigned long)__app_data_end;
	if (addr >= (unsigned long)__app_rodata_start && addr < (unsigned long)__app_rodata_end)
		return (unsigned long)__app_rodata_end;
	return 0;
}

long strncpy_from_user_image(char *dst, const char __user *src, long count)
{
	unsigned long end = image_range_end((unsigned long)src);

	return end ? __strncpy_from_user_end(dst, src, count, end) : -EFAULT;
}

long strnlen_user_image(const char __user *str, long n)
{
	unsigned long end = image_range_end((unsigned long)str);

	return end ? __strnlen_user_end(str, n, 0, end) : 0;
}
