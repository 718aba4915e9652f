/*
 * brk over a simple heap: the RAM after the image, in the linear map. The break moves within
 * [heap_start, heap_end); as in Linux, brk returns the new break on success and the old one on
 * failure, and brk(0) asks for the current one. (User-like regions replace this later.)
 */
#include "runtime/brk.h"
#include "runtime/syscalls.h"

#include <string.h>

static unsigned long heap_start, heap_end, cur_brk;

void brk_init(unsigned long start, unsigned long end)
{
	heap_start = cur_brk = start;
	heap_end = end;
}

long sys_brk(unsigned long brk)
{
	if (brk < heap_start || brk > heap_end)
		return (long)cur_brk;
	/* Memory handed out again must read as zero, as fresh anonymous memory does. */
	if (brk > cur_brk)
		memset((void *)cur_brk, 0, brk - cur_brk);
	cur_brk = brk;
	return (long)cur_brk;
}
