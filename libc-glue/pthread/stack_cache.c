/*
 * Thread memory kept for reuse (docs/pthreads.md), as glibc's stack cache: a joined thread's
 * mapping (guard, stack, and the descriptor/TLS area at its top) goes here instead of back to
 * munmap, and the next pthread_create of the same size takes it, so a create/join cycle costs
 * no mmap, mprotect and munmap, and no page faults on a fresh stack. Only joined threads' memory
 * comes here: their tid is zero, so the kernel has finished with it. Few and small entries: the
 * memory stays the application's (it shows in /proc/self/maps) until reused.
 */
#include "pthread_impl.h"

#define STACK_CACHE_ENTRIES 4
#define STACK_CACHE_MAX_MAP (1024 * 1024) /* larger mappings go back at once */

static struct {
	void *base;
	size_t size, guard;
} cache[STACK_CACHE_ENTRIES];
static volatile int cache_lock;

void *__uniarm_stack_cache_get(size_t map_size, size_t guard)
{
	void *base = 0;

	__ll_lock(&cache_lock, 1);
	for (int i = 0; i < STACK_CACHE_ENTRIES; i++) {
		if (cache[i].base && cache[i].size == map_size && cache[i].guard == guard) {
			base = cache[i].base;
			cache[i].base = 0;
			break;
		}
	}
	__ll_unlock(&cache_lock, 1);
	return base;
}

int __uniarm_stack_cache_put(void *base, size_t map_size, size_t guard)
{
	int kept = 0;

	if (map_size > STACK_CACHE_MAX_MAP)
		return 0;
	__ll_lock(&cache_lock, 1);
	for (int i = 0; i < STACK_CACHE_ENTRIES && !kept; i++) {
		if (!cache[i].base) {
			cache[i].base = base;
			cache[i].size = map_size;
			cache[i].guard = guard;
			kept = 1;
		}
	}
	__ll_unlock(&cache_lock, 1);
	return kept;
}
