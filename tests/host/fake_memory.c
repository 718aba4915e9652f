/*
 * fake_memory.c - a host-only stand-in for vm/memory.c (the page-table side of the
 * application's address space), for tests of the VMA layer (vm/mmap.c and friends).
 *
 * Instead of page tables it keeps one entry per page of the user window (indexed by page
 * number): present or not, the protection the "pte" was given (vm_page_prot of its VMA when
 * it was faulted in or changed), and a content tag standing for the page's data (0: zeros; the
 * tests write other tags to stand for stores). handle_mm_fault and populate_range make pages
 * present (new pages read as zeros), unmap_region drops them, change_protection rewrites the
 * protection of present pages, move_page_tables moves entries (tags and all) without copying,
 * dup_page_range shares them, mincore_range reports presence. The application's memory has
 * no contents here, so mincore's vector, an application address, is written to a host buffer
 * that stands for [fake_vec_base, fake_vec_base + FAKE_VEC_SIZE).
 *
 * Every entry point checks the contract the VMA layer must honour (ranges page aligned and
 * non-empty, inside the VMA they name, moves onto empty destinations that do not overlap their
 * source, page tables freed only where no VMA is: [floor, ceiling) of unmap_region holds no
 * VMA unless floor == ceiling) and records the first violation in fake_memory_error.
 * Failures can be injected: the next fake_fail_* calls of a kind return -ENOMEM having done
 * nothing.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/mmap_internal.h"
#include "platform/uaccess.h"
#include "runtime/rusage.h"

/* The interface of this file to the tests (no header: it is for tests only). */
struct fake_pte {
	uint32_t prot;
	uint32_t tag;
	uint8_t present;
};
extern struct fake_pte *fake_ptes; /* indexed by addr >> PAGE_SHIFT, addr < TASK_SIZE */
extern unsigned long fake_present_pages;
extern const char *fake_memory_error;
extern char fake_memory_error_buf[256];
extern int fake_fail_populate, fake_fail_move, fake_fail_dup;
extern unsigned long fake_calls_unmap, fake_calls_populate, fake_calls_move, fake_calls_chprot;
extern unsigned long fake_tables_freed_ranges;
#define FAKE_VEC_SIZE (1UL << 20)
extern unsigned long fake_vec_base;
extern unsigned char *fake_vec_shadow;
void fake_memory_init(void);
void fake_memory_reset(void);

struct fake_pte *fake_ptes;
unsigned long fake_present_pages;
const char *fake_memory_error;
char fake_memory_error_buf[256];
int fake_fail_populate, fake_fail_move, fake_fail_dup;
unsigned long fake_calls_unmap, fake_calls_populate, fake_calls_move, fake_calls_chprot;
unsigned long fake_tables_freed_ranges;
unsigned long fake_vec_base;
unsigned char *fake_vec_shadow;
struct vm_event_counts vm_events;

#define NPAGES (TASK_SIZE >> PAGE_SHIFT)

static uint64_t *present_bits; /* present pages, to skip absent ones 64 at a time */

static bool present_word(unsigned long p)
{
	return present_bits[p >> 6] != 0;
}

/* Every change of an entry goes through these two. */
static void pte_install(unsigned long p, uint32_t prot, uint32_t tag)
{
	struct fake_pte *pte = &fake_ptes[p];

	if (!pte->present)
		fake_present_pages++;
	pte->present = 1;
	pte->prot = prot;
	pte->tag = tag;
	present_bits[p >> 6] |= 1ULL << (p & 63);
}

static void pte_remove(unsigned long p)
{
	struct fake_pte *pte = &fake_ptes[p];

	if (pte->present)
		fake_present_pages--;
	memset(pte, 0, sizeof(*pte));
	present_bits[p >> 6] &= ~(1ULL << (p & 63));
}

void fake_memory_init(void)
{
	if (!fake_ptes) {
		fake_ptes = calloc(NPAGES, sizeof(*fake_ptes));
		present_bits = calloc(NPAGES / 64 + 1, sizeof(*present_bits));
		fake_vec_shadow = calloc(FAKE_VEC_SIZE, 1);
	}
	if (!fake_ptes || !present_bits || !fake_vec_shadow) {
		fprintf(stderr, "fake_memory_init: out of host memory\n");
		exit(2);
	}
	fake_memory_reset();
}

void fake_memory_reset(void)
{
	memset(fake_ptes, 0, NPAGES * sizeof(*fake_ptes));
	memset(present_bits, 0, (NPAGES / 64 + 1) * sizeof(*present_bits));
	fake_present_pages = 0;
	fake_memory_error = NULL;
	fake_fail_populate = fake_fail_move = fake_fail_dup = 0;
}

/* find_vma without touching the cache (the fake must not change what it observes). */
static struct vm_area_struct *lookup(struct mm_struct *mm, unsigned long addr)
{
	return vma_of(area_find_next(&mm->mm_areas, addr));
}

static void violation(const char *fmt, unsigned long a, unsigned long b)
{
	if (fake_memory_error)
		return;
	snprintf(fake_memory_error_buf, sizeof(fake_memory_error_buf), fmt, a, b);
	fake_memory_error = fake_memory_error_buf;
}

/* [start, end) is a non-empty page-aligned range of the user window. */
static bool range_ok(const char *who, unsigned long start, unsigned long end)
{
	(void)who;
	if ((start | end) & ~PAGE_MASK || start >= end || start < MMAP_MIN_ADDR ||
	    end > TASK_SIZE) {
		violation("bad range %#lx-%#lx", start, end);
		return false;
	}
	return true;
}

static bool inside_vma(const struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (start < vma->vm_start || end > vma->vm_end) {
		violation("range %#lx-%#lx not inside its VMA", start, end);
		return false;
	}
	return true;
}

static void make_present(const struct vm_area_struct *vma, unsigned long addr)
{
	if (!fake_ptes[addr >> PAGE_SHIFT].present)
		pte_install(addr >> PAGE_SHIFT, pgprot_val(vma->vm_page_prot), 0);
}

/* The fake's encoding: the access and sharing bits, plus a marker so PROT_NONE is not 0. */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return __pgprot((uint32_t)(vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)) | 0x100u);
}

int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags)
{
	addr &= PAGE_MASK;
	if (!inside_vma(vma, addr, addr + PAGE_SIZE))
		return VM_FAULT_SIGSEGV;
	if ((flags & FAULT_FLAG_WRITE) && !vma->anon_vma)
		anon_vma_prepare(vma); /* as do_anonymous_page and do_wp_page */
	make_present(vma, addr);
	return 0;
}

void unmap_region(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long floor,
		  unsigned long ceiling)
{
	unsigned long a;

	fake_calls_unmap++;
	if (!range_ok("unmap_region", start, end))
		return;
	if (floor != ceiling) {
		/* page tables may be freed in [floor, ceiling): no VMA may be there */
		if (floor > start || ceiling < end || ceiling > TASK_SIZE)
			violation("unmap_region floor/ceiling %#lx-%#lx do not hold the range",
				  floor, ceiling);
		else if (lookup(mm, floor) && lookup(mm, floor)->vm_start < ceiling)
			violation("unmap_region floor/ceiling %#lx-%#lx hold a VMA", floor,
				  ceiling);
		fake_tables_freed_ranges++;
	}
	if (!fake_present_pages)
		return;
	for (a = start; a < end; a += PAGE_SIZE) {
		if (fake_ptes[a >> PAGE_SHIFT].present) {
			pte_remove(a >> PAGE_SHIFT);
		} else if (!((a >> PAGE_SHIFT) & 63) && end - a >= (64UL << PAGE_SHIFT) &&
			   !present_word(a >> PAGE_SHIFT)) {
			a += (63UL << PAGE_SHIFT); /* 64 absent pages */
		}
	}
}

/* The fake pages have no young bit: making them old changes nothing the tests see. */
void mkold_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	(void)mm;
	range_ok("mkold_range", start, end);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       pgprot_t newprot)
{
	unsigned long a;

	fake_calls_chprot++;
	if (!range_ok("change_protection", start, end) || !inside_vma(vma, start, end))
		return;
	if (pgprot_val(newprot) != pgprot_val(vma->vm_page_prot))
		violation("change_protection to %#lx, the VMA has %#lx", pgprot_val(newprot),
			  pgprot_val(vma->vm_page_prot));
	for (a = start; a < end; a += PAGE_SIZE)
		if (fake_ptes[a >> PAGE_SHIFT].present)
			fake_ptes[a >> PAGE_SHIFT].prot = pgprot_val(newprot);
}

int move_page_tables(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr,
		     unsigned long len)
{
	struct vm_area_struct *src = lookup(mm, old_addr), *dst = lookup(mm, new_addr);
	unsigned long i, n = len >> PAGE_SHIFT;

	fake_calls_move++;
	if (!range_ok("move", old_addr, old_addr + len) ||
	    !range_ok("move", new_addr, new_addr + len))
		return -EINVAL;
	if (old_addr < new_addr + len && new_addr < old_addr + len)
		violation("move_page_tables: %#lx and %#lx overlap", old_addr, new_addr);
	if (!src || src->vm_start > old_addr || !inside_vma(src, old_addr, old_addr + len))
		violation("move_page_tables: source %#lx not inside a VMA", old_addr, 0);
	if (!dst || dst->vm_start > new_addr || !inside_vma(dst, new_addr, new_addr + len))
		violation("move_page_tables: destination %#lx not inside a VMA", new_addr, 0);
	if (fake_fail_move) {
		fake_fail_move--;
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		unsigned long o = (old_addr >> PAGE_SHIFT) + i, d = (new_addr >> PAGE_SHIFT) + i;

		if (fake_ptes[d].present)
			violation("move_page_tables: destination page %#lx present",
				  new_addr + (i << PAGE_SHIFT), 0);
		if (!fake_ptes[o].present)
			continue;
		pte_install(d, dst ? pgprot_val(dst->vm_page_prot) : fake_ptes[o].prot,
			    fake_ptes[o].tag);
		pte_remove(o);
	}
	return 0;
}

int dup_page_range(struct mm_struct *mm, unsigned long src, unsigned long dst, unsigned long len)
{
	struct vm_area_struct *d = lookup(mm, dst);
	unsigned long i, n = len >> PAGE_SHIFT;

	if (!range_ok("dup", src, src + len) || !range_ok("dup", dst, dst + len))
		return -EINVAL;
	if (!d || d->vm_start > dst || !inside_vma(d, dst, dst + len))
		violation("dup_page_range: destination %#lx not inside a VMA", dst, 0);
	if (fake_fail_dup) {
		fake_fail_dup--;
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		unsigned long o = (src >> PAGE_SHIFT) + i, t = (dst >> PAGE_SHIFT) + i;

		if (fake_ptes[t].present)
			violation("dup_page_range: destination page %#lx present",
				  dst + (i << PAGE_SHIFT), 0);
		if (fake_ptes[o].present)
			pte_install(t, d ? pgprot_val(d->vm_page_prot) : fake_ptes[o].prot,
				    fake_ptes[o].tag);
	}
	return 0;
}

/* write: the pages are write-faulted, which gives private memory an anon_vma */
static int fake_populate(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			 bool write)
{
	unsigned long a;

	fake_calls_populate++;
	if (!range_ok("populate_range", start, end) || !inside_vma(vma, start, end))
		return -EINVAL;
	if (!(vma->vm_flags & VM_ACCESS_FLAGS))
		violation("populate_range on a PROT_NONE VMA at %#lx", start, 0);
	if (fake_fail_populate) {
		fake_fail_populate--;
		return -ENOMEM;
	}
	if (write && start < end && !vma->anon_vma)
		anon_vma_prepare(vma);
	for (a = start; a < end; a += PAGE_SIZE)
		make_present(vma, a);
	return 0;
}

int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	return fake_populate(vma, start, end, (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE);
}

/* The fake pages know no zero page: a read populate makes them present as a write does. */
int populate_range_flags(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			 unsigned int fault_flags)
{
	return fake_populate(vma, start, end, fault_flags & FAULT_FLAG_WRITE);
}

void mincore_range(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned char *vec)
{
	struct vm_area_struct *vma = lookup(mm, start);
	unsigned long a;

	if (!range_ok("mincore_range", start, end))
		return;
	if (!vma || vma->vm_start > start || vma->vm_end < end)
		violation("mincore_range %#lx-%#lx not inside one VMA", start, end);
	for (a = start; a < end; a += PAGE_SIZE)
		*vec++ = fake_ptes[a >> PAGE_SHIFT].present;
}

/* The application's memory has no contents here: the only application buffer that exists
 * is mincore's vector window, [fake_vec_base, fake_vec_base + FAKE_VEC_SIZE), kept in a host
 * buffer. As the real copy_to_user (which faults), it copies up to the first byte that is not
 * in a writable VMA of the window and returns the bytes not copied. */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	unsigned long a = (unsigned long)to, done = 0;

	while (done < n) {
		struct vm_area_struct *vma = find_vma(current_mm, a + done);
		unsigned long stop;

		if (!vma || vma->vm_start > a + done || !(vma->vm_flags & VM_WRITE) ||
		    a + done < fake_vec_base || a + done - fake_vec_base >= FAKE_VEC_SIZE)
			break;
		stop = vma->vm_end - (a + done);
		if (stop > n - done)
			stop = n - done;
		if (stop > FAKE_VEC_SIZE - (a + done - fake_vec_base))
			stop = FAKE_VEC_SIZE - (a + done - fake_vec_base);
		memcpy(fake_vec_shadow + (a + done - fake_vec_base), (const char *)from + done,
		       stop);
		done += stop;
	}
	return n - done;
}

/* runtime/rusage.c's limits: none here (vm/mlock.c's RLIMIT_MEMLOCK checks are the guest's
 * tests/qemu/mm/mm_cred_rlimit.c); the task is root (runtime/cred.c) as in the guest. */
uint64_t task_rlimit(unsigned int resource)
{
	(void)resource;
	return ~0ULL;
}
