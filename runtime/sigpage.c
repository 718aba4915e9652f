/*
 * The [sigpage] (docs/signals.md, "The sigpage"), as Linux ARM's signal page
 * (arch/arm/kernel/signal.c get_signal_page, process.c arch_setup_additional_pages, a special
 * mapping of mm/mmap.c): a handler installed without SA_RESTORER returns (its lr) to code of
 * the runtime's own in the application's memory that calls sigreturn or rt_sigreturn.
 *
 * The page: one page frame of the runtime's, made at the first exec and never freed. Every
 * word is 0xe7fddef1, Linux's poison (an undefined instruction as ARM code, and its halfword
 * 0xdef1 one as Thumb code: a jump into the page that misses the code is a SIGILL), except the
 * return codes at SIGPAGE_CODE_OFFSET, in Linux's layout and encodings (checked against the
 * peer's page):
 *
 *   +0   e3a07077 ef900077   ARM   mov r7, #119 (sigreturn); svc #0x900077
 *   +8   df002777            Thumb movs r7, #119; svc #0
 *   +12  e3a070ad ef9000ad   ARM   mov r7, #173 (rt_sigreturn); svc #0x9000ad
 *   +20  df0027ad            Thumb movs r7, #173; svc #0
 *
 * so the code of a kind is word 2 * thumb + 3 * rt, and a Thumb handler's lr has bit 0 set.
 * (The ARM svc carries the OABI number in its immediate, for kernels that run OABI programs
 * too; with EABI the number is r7's and the immediate is ignored, by Linux as by uniarm.)
 * Linux puts the codes at a random word in [0x200, 0x9fc]; uniarm at the fixed 0x200.
 *
 * The mapping: one page, r-x (VM_READ | VM_EXEC, and VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC, so
 * mprotect may make it writable, as Linux allows), VM_DONTEXPAND, named [sigpage] in
 * /proc/self/maps, at SIGPAGE_ADDR: mmap_base (0xb7000000), the first page above the mmap area,
 * at the bottom of the gap kept for the stack's growth. Linux asks for a random page between
 * the stack and TASK_SIZE, which with its stack at TASK_SIZE (norandmaps, as the peer runs, or
 * uniarm's fixed stack) is inside the stack, so its get_unmapped_area falls back to the top of
 * the mmap area: the peer shows b6ffd000, below its [vvar] and [vdso] pages, which uniarm does
 * not have. uniarm's is one page higher than that place would be, out of the mmap area:
 * there, it would take the first mmap's place ([mmap_base - len, mmap_base), which
 * get_unmapped_area finds with one lookup) and keep a page of tables alive in the 4 MiB group
 * where the first mappings go, which an untouched mapping's munmap would then walk
 * (apps/bench-fault's mmap + munmap of 256 KiB: 1,643 instructions there, 978 here, 953
 * without a sigpage). Here it is in a group of its own, and the stack, which may come no
 * nearer than its guard gap, would have to grow to 127 MiB to meet it.
 *
 * Linux fills the page's entry at the first fault (special_mapping_fault); uniarm's fault path
 * knows anonymous memory only, so the entry is filled when the VMA is made and again when
 * MADV_DONTNEED empties it (vm_ops->populate, vm/madvise.c): the VMA never has an empty entry.
 * The frame's pte has no WRITE bit even if mprotect makes the VMA writable (vm_insert_page:
 * the page has other references), so a write copies it, as on Linux; MADV_DONTNEED then gives
 * the original back. What the application may do with it, each as the peer does: mprotect;
 * mlock (accepted, not locked: VM_SPECIAL); MADV_FREE (EINVAL: not anonymous memory); munmap
 * (a handler without SA_RESTORER then returns to an unmapped address: SIGSEGV); mremap to
 * another place of the same size (handlers then return there: vm_ops->moved); growing it
 * (EFAULT), MREMAP_DONTUNMAP and old_len 0 (EINVAL) are refused by vm/mremap.c's VM_DONTEXPAND
 * and private-mapping checks. Being one page, it can never be split.
 */
#include "runtime/sigpage.h"
#include "platform/cacheflush.h"
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/mm_user.h"
#include "vm/mmap_internal.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define SIGPAGE_CODE_OFFSET 0x200
#define SIGPAGE_POISON	    0xe7fddef1u
/* Where exec maps it (the file comment). */
#define SIGPAGE_ADDR(mm) ((mm)->mmap_base)

/* The return codes, word 2 * thumb + 3 * rt (the file comment). */
static const uint32_t sigpage_codes[] = {
	0xe3a07077u, 0xef900077u, /* ARM sigreturn */
	0xdf002777u,		  /* Thumb sigreturn */
	0xe3a070adu, 0xef9000adu, /* ARM rt_sigreturn */
	0xdf0027adu,		  /* Thumb rt_sigreturn */
};

static struct page *sigpage_frame;

/* The page frame, made at the first call: poison, the codes, then the caches made coherent
 * for instruction fetches (through the linear map: the Cortex-A15's instruction cache is
 * PIPT, so this serves every mapping of the frame). NULL when there is no memory. */
static struct page *sigpage_get_frame(void)
{
	struct page *page;
	uint32_t *words;

	if (sigpage_frame)
		return sigpage_frame;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return NULL;
	words = page_address(page);
	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*words); i++)
		words[i] = SIGPAGE_POISON;
	memcpy((char *)words + SIGPAGE_CODE_OFFSET, sigpage_codes, sizeof(sigpage_codes));
	flush_icache_range((unsigned long)words, (unsigned long)words + PAGE_SIZE);
	sigpage_frame = page;
	return page;
}

static const char *sigpage_name(const struct vm_area_struct *vma)
{
	(void)vma;
	return "[sigpage]";
}

/* Map the frame at the empty entries of [start, end): its one page. Each mapping holds a
 * reference, so the frame is never the mapping's alone (no pte of it gets WRITE). */
static int sigpage_populate(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		get_page(sigpage_frame);
		if (vm_insert_page(vma, addr, sigpage_frame)) {
			put_page(sigpage_frame);
			return -ENOMEM;
		}
	}
	return 0;
}

/* mremap moved it: handlers return to the new place (Linux's sigpage_mremap). */
static void sigpage_moved(struct vm_area_struct *new_vma)
{
	new_vma->vm_mm->sigpage = new_vma->vm_start;
}

static const struct vm_operations_struct sigpage_vm_ops = {
	.name = sigpage_name,
	.populate = sigpage_populate,
	.moved = sigpage_moved,
};

int sigpage_install(struct mm_struct *mm)
{
	const unsigned long flags =
		VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_DONTEXPAND;
	struct vm_area_struct *vma;
	unsigned long addr;

	if (!sigpage_get_frame())
		return -ENOMEM;
	/* At exec the place is free; should it not be, the top-down search of any mmap. */
	addr = get_unmapped_area(mm, SIGPAGE_ADDR(mm), PAGE_SIZE, 0, 0);
	if (addr & ~PAGE_MASK)
		return (int)addr;
	vma = vma_insert_range(mm, addr, addr + PAGE_SIZE, flags, 0, NULL, &sigpage_vm_ops, 0,
			       NULL);
	if (!vma)
		return -ENOMEM;
	vma_stat(mm, flags, 1);
	if (sigpage_populate(vma, addr, addr + PAGE_SIZE)) {
		do_munmap(mm, addr, addr + PAGE_SIZE);
		return -ENOMEM;
	}
	mm->sigpage = addr;
	return 0;
}

void sigpage_frame_retcode(bool rt, bool thumb, unsigned long code[2])
{
	unsigned int word = 2 * (unsigned int)thumb + 3 * (unsigned int)rt;
	const unsigned int n = sizeof(sigpage_codes) / sizeof(sigpage_codes[0]);

	code[0] = sigpage_codes[word];
	code[1] = word + 1 < n ? sigpage_codes[word + 1] : 0;
}

unsigned long sigpage_retcode(bool rt, bool thumb)
{
	unsigned long word = 2 * (unsigned long)thumb + 3 * (unsigned long)rt;

	if (!current_mm->sigpage)
		return 0;
	return current_mm->sigpage + SIGPAGE_CODE_OFFSET + 4 * word + (unsigned long)thumb;
}
