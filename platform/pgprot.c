/*
 * The pte protection of each kind of application mapping (Linux's protection_map and
 * vm_get_page_prot, arch/arm/mm/mmu.c), indexed by VM_READ | VM_WRITE | VM_EXEC | VM_SHARED.
 * Unlike Linux, whose private writable protection is read-only (PAGE_COPY), a writable
 * mapping, private or shared, gets the software WRITE bit: copy-on-write is decided per page,
 * since the zero page and pages with other references are mapped without it (vm/memory.c).
 */
#include "platform/pgtable.h"
#include "vm/mm_user.h"

static const pgprot_t protection_map[16] = {
	[VM_NONE] = PAGE_NONE,
	[VM_READ] = PAGE_READONLY,
	[VM_WRITE] = PAGE_SHARED,
	[VM_WRITE | VM_READ] = PAGE_SHARED,
	[VM_EXEC] = PAGE_READONLY_EXEC,
	[VM_EXEC | VM_READ] = PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE] = PAGE_SHARED_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ] = PAGE_SHARED_EXEC,
	[VM_SHARED] = PAGE_NONE,
	[VM_SHARED | VM_READ] = PAGE_READONLY,
	[VM_SHARED | VM_WRITE] = PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ] = PAGE_SHARED,
	[VM_SHARED | VM_EXEC] = PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_READ] = PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE] = PAGE_SHARED_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ] = PAGE_SHARED_EXEC,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}
