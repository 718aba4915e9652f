/*
 * The vmalloc area: virtually contiguous memory from single pages, vmap of caller pages and
 * ioremap of device registers, each area followed by an unmapped guard page (unless
 * VM_NO_GUARD). Placement is first fit (lowest address) in the area tree, O(log n).
 */
#include "vm/vmalloc.h"
#include "platform/tlbflush.h"
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/slab.h"
#include "runtime/printk.h"

#include <string.h>

unsigned long vmalloc_start;
static struct area_tree vmap_tree;
static unsigned long vmalloc_pages;

void vmalloc_init(void)
{
	unsigned long start = ((unsigned long)high_memory + VMALLOC_OFFSET + SECTION_SIZE - 1) &
			      ~(SECTION_SIZE - 1);

	vmalloc_start = start;
	area_tree_init(&vmap_tree, start, VMALLOC_END);
}

static struct vm_struct *to_vm(struct area_node *n)
{
	return n ? container_of(n, struct vm_struct, node) : NULL;
}

/* Reserve address space for size bytes (+ guard); NULL when the window is full. */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long align, uint32_t flags,
				     const void *caller)
{
	unsigned long span = size + ((flags & VM_NO_GUARD) ? 0 : PAGE_SIZE);
	struct vm_struct *vm;
	unsigned long addr;

	if (size == 0 || span < size)
		return NULL;
	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return NULL;
	addr = area_find_gap_lowest(&vmap_tree, span, align, vmalloc_start, VMALLOC_END);
	if (AREA_FAILED(addr)) {
		kfree(vm);
		return NULL;
	}
	vm->node.start = addr;
	vm->node.end = addr + span;
	vm->addr = (void *)addr;
	vm->size = size;
	vm->flags = flags;
	vm->caller = caller;
	if (area_insert(&vmap_tree, &vm->node)) {
		kfree(vm);
		return NULL;
	}
	return vm;
}

static void free_vm_area(struct vm_struct *vm)
{
	area_erase(&vmap_tree, &vm->node);
	kfree(vm->pages);
	kfree(vm);
}

/* Map pages[i] at addr + i pages; -1 when a page table cannot be allocated (the pages
 * mapped so far stay mapped: the caller unmaps the whole area). */
static int map_pages(unsigned long addr, struct page **pages, unsigned int count, pgprot_t prot)
{
	for (unsigned int i = 0; i < count; i++, addr += PAGE_SIZE) {
		pte_t *pte = pte_alloc(pmd_offset(pgd_offset_k(addr), addr), addr);
		if (!pte)
			return -1;
		set_pte(pte, mk_pte(pages[i], prot));
		emit_pte_barriers(); /* a new page of tables may be next: publish before reuse */
	}
	return 0;
}

static void unmap_range(unsigned long addr, unsigned long size)
{
	for (unsigned long a = addr; a < addr + size; a += PAGE_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset_k(a), a);
		if (pmd_table(*pmd))
			*pte_offset(pmd, a) = __pte(0);
	}
	flush_tlb_kernel_range(addr, addr + size);
}

void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, const void *caller)
{
	struct vm_struct *vm;
	unsigned int n;

	size = PAGE_ALIGN(size);
	if (size == 0 || size > VMALLOC_END - vmalloc_start)
		return NULL;
	vm = get_vm_area(size, align, VM_ALLOC, caller);
	if (!vm)
		return NULL;
	n = (unsigned int)(size >> PAGE_SHIFT);
	vm->pages = kmalloc(n * sizeof(struct page *), GFP_KERNEL);
	if (!vm->pages)
		goto fail;
	/* One page at a time: works however fragmented RAM is. */
	for (vm->nr_pages = 0; vm->nr_pages < n; vm->nr_pages++) {
		struct page *page = alloc_page(gfp | __GFP_NOWARN);
		if (!page)
			goto fail;
		page->flags |= PG_vmalloc;
		vm->pages[vm->nr_pages] = page;
	}
	if (map_pages((unsigned long)vm->addr, vm->pages, n, PAGE_KERNEL))
		goto fail;
	vmalloc_pages += n;
	return vm->addr;
fail:
	unmap_range((unsigned long)vm->addr, size);
	for (unsigned int i = 0; vm->pages && i < vm->nr_pages; i++) {
		vm->pages[i]->flags &= ~PG_vmalloc;
		__free_page(vm->pages[i]);
	}
	free_vm_area(vm);
	return NULL;
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_ZERO,
			      __builtin_return_address(0));
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vm_struct *vm = to_vm(area_find(&vmap_tree, (unsigned long)addr));

	return vm && vm->addr == addr ? vm : NULL;
}

struct vm_struct *find_vm_area_by_guard(unsigned long addr)
{
	struct vm_struct *vm = to_vm(area_find(&vmap_tree, addr));

	if (vm && !(vm->flags & VM_NO_GUARD) && addr >= (unsigned long)vm->addr + vm->size)
		return vm;
	return NULL;
}

/* Remove the area at addr; which kinds of area the caller may remove is in `allowed`. */
static struct vm_struct *remove_vm_area(const void *addr, uint32_t allowed, const char *who)
{
	struct vm_struct *vm;

	if (!addr)
		return NULL;
	vm = find_vm_area(addr);
	if (!vm || !(vm->flags & allowed)) {
		printk("%s: trying to free invalid area %p\n", who, addr);
		return NULL;
	}
	unmap_range((unsigned long)vm->addr, vm->size);
	return vm;
}

void vfree(const void *addr)
{
	struct vm_struct *vm = remove_vm_area(addr, VM_ALLOC, "vfree");

	if (!vm)
		return;
	for (unsigned int i = 0; i < vm->nr_pages; i++) {
		vm->pages[i]->flags &= ~PG_vmalloc;
		__free_page(vm->pages[i]);
	}
	vmalloc_pages -= vm->nr_pages;
	free_vm_area(vm);
}

void *vmap(struct page **pages, unsigned int count, uint32_t flags, pgprot_t prot)
{
	struct vm_struct *vm;

	if (count == 0 || count > (VMALLOC_END >> PAGE_SHIFT))
		return NULL;
	vm = get_vm_area((unsigned long)count << PAGE_SHIFT, PAGE_SIZE,
			 VM_MAP | (flags & VM_NO_GUARD), __builtin_return_address(0));
	if (!vm)
		return NULL;
	if (map_pages((unsigned long)vm->addr, pages, count, prot)) {
		unmap_range((unsigned long)vm->addr, vm->size);
		free_vm_area(vm);
		return NULL;
	}
	return vm->addr;
}

void vunmap(const void *addr)
{
	struct vm_struct *vm = remove_vm_area(addr, VM_MAP, "vunmap");

	if (vm)
		free_vm_area(vm);
}

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t base = phys & PAGE_MASK;
	unsigned long span = PAGE_ALIGN(phys + size) - base;
	struct vm_struct *vm;

	if (size == 0 || phys + size < phys)
		return NULL;
	vm = get_vm_area(span, PAGE_SIZE, VM_IOREMAP, __builtin_return_address(0));
	if (!vm)
		return NULL;
	vm->phys_addr = base;
	for (unsigned long off = 0; off < span; off += PAGE_SIZE) {
		unsigned long a = (unsigned long)vm->addr + off;
		pte_t *pte = pte_alloc(pmd_offset(pgd_offset_k(a), a), a);
		if (!pte) {
			unmap_range((unsigned long)vm->addr, span);
			free_vm_area(vm);
			return NULL;
		}
		set_pte(pte, pfn_pte(PFN_DOWN(base + off), PAGE_KERNEL_IO));
	}
	emit_pte_barriers();
	return (char *)vm->addr + (phys - base);
}

void iounmap(volatile void __iomem *addr)
{
	struct vm_struct *vm = remove_vm_area((const void *)((unsigned long)addr & PAGE_MASK),
					      VM_IOREMAP, "iounmap");

	if (vm)
		free_vm_area(vm);
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	pmd_t *pmd = pmd_offset(pgd_offset_k(a), a);
	pte_t pte;

	if (!pmd_table(*pmd))
		return NULL;
	pte = *pte_offset(pmd, a);
	if (!pte_valid(pte) || !pfn_valid(pte_pfn(pte)))
		return NULL;
	return pte_page(pte);
}

unsigned long vmalloc_used_pages(void)
{
	return vmalloc_pages;
}

void vmalloc_describe_fault(unsigned long addr)
{
	struct vm_struct *vm;

	if (!vmalloc_start || addr < vmalloc_start || addr >= VMALLOC_END)
		return;
	vm = find_vm_area_by_guard(addr);
	if (vm)
		printk("vmalloc guard page of area %08lx-%08lx (%lu bytes) allocated by "
		       "[<%08lx>]\n",
		       (unsigned long)vm->addr, (unsigned long)vm->addr + vm->size, vm->size,
		       (unsigned long)vm->caller);
	else if (!area_find(&vmap_tree, addr))
		printk("address in the vmalloc area, outside any area\n");
}
