/*
 * overcommit.c - committed-memory accounting (Linux's vm.overcommit_memory, mm/util.c).
 *
 * vm_committed_pages counts the pages the application may still touch without being refused
 * later: the pages of its private writable mappings, its shared anonymous mappings and its
 * heap (the VMAs that carry VM_ACCOUNT; MAP_NORESERVE ones do not, outside mode 2). The VMA layer
 * commits pages before it creates or grows such a VMA (mmap, brk, mremap, mprotect making a private
 * mapping writable, an accounted stack growing) and releases them when they go (munmap, shrinking).
 * The policy decides whether a new commitment is allowed: OVERCOMMIT_GUESS  (0): refuse a single
 * request larger than RAM (there is no swap); OVERCOMMIT_ALWAYS (1): never refuse; OVERCOMMIT_NEVER
 * (2): refuse when the total would pass RAM * overcommit_ratio / 100. (Linux's mode 2 refuses at
 * the limit itself and keeps admin and user reserves back; uniarm allows up to the limit and has no
 * reserves.)
 */
#include "vm/mmap_internal.h"
#include "runtime/math64.h"

#include <errno.h>

#include "vm/gfp.h"

int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;
unsigned long vm_committed_pages;

unsigned long vm_commit_limit(void)
{
	return (unsigned long)div_u64(
		(uint64_t)totalram_pages() * (unsigned long)sysctl_overcommit_ratio, 100);
}

/*
 * Commit `pages` more if the policy allows it: 0 and vm_committed_pages has grown by pages,
 * or -ENOMEM and nothing changed.
 */
int vm_enough_memory(unsigned long pages)
{
	switch (sysctl_overcommit_memory) {
	case OVERCOMMIT_ALWAYS:
		break;
	case OVERCOMMIT_NEVER:
		if (pages > vm_commit_limit() || vm_committed_pages > vm_commit_limit() - pages)
			return -ENOMEM;
		break;
	default:
		if (pages > totalram_pages())
			return -ENOMEM;
		break;
	}
	vm_committed_pages += pages;
	return 0;
}

void vm_acct_memory(unsigned long pages)
{
	vm_committed_pages += pages;
}

void vm_unacct_memory(unsigned long pages)
{
	vm_committed_pages -= pages;
}
