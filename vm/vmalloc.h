/*
 * The vmalloc area (VMALLOC_START = high_memory + 8 MiB .. VMALLOC_END = 0xff800000): virtually
 * contiguous kernel memory built from single pages, vmap of given pages, and ioremap of device
 * registers. Every area is followed by an unmapped guard page unless VM_NO_GUARD.
 */
#ifndef UNIARM_VM_VMALLOC_H
#define UNIARM_VM_VMALLOC_H

#include <stddef.h>
#include <stdint.h>
#include "platform/memory.h"
#include "vm/area_tree.h"
#include "vm/gfp.h"
#include "vm/mm_types.h"
#include "platform/io.h"
#include "platform/pgtable.h"

#define VMALLOC_OFFSET (8UL << 20)
#define VMALLOC_END    0xff800000UL
extern unsigned long vmalloc_start; /* high_memory + VMALLOC_OFFSET, section aligned */

#define VM_IOREMAP  (1u << 0)
#define VM_ALLOC    (1u << 1)
#define VM_MAP	    (1u << 2)
#define VM_NO_GUARD (1u << 3)

struct vm_struct {
	struct area_node node; /* [addr, addr + size + guard) in the vmalloc tree */
	void *addr;
	unsigned long size; /* mapped bytes, without the guard page */
	uint32_t flags;
	struct page **pages; /* VM_ALLOC: the pages, owned by the area */
	unsigned int nr_pages;
	phys_addr_t phys_addr; /* VM_IOREMAP */
	const void *caller;    /* return address of whoever made the area */
};

void vmalloc_init(void);
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
/* size bytes at an address that is a multiple of align (a power of two, at least a page): the
 * kernel stacks (runtime/fork.c). The page below an area is unmapped unless a VM_NO_GUARD
 * area ends there: every other area's guard page follows it, and the window starts with a
 * gap. */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, const void *caller);
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned int count, uint32_t flags, pgprot_t prot);
void vunmap(const void *addr);
void __iomem *ioremap(phys_addr_t phys, size_t size);
void iounmap(volatile void __iomem *addr);
struct page *vmalloc_to_page(const void *addr);
struct vm_struct *find_vm_area(const void *addr);
/* The area whose guard page holds addr, or NULL (for the fault report). */
struct vm_struct *find_vm_area_by_guard(unsigned long addr);
unsigned long vmalloc_used_pages(void);
/* For a fault report: say which area's guard page addr is in, if any. */
void vmalloc_describe_fault(unsigned long addr);

#endif
