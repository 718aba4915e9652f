/*
 * Memory discovery: RAM and every range that is not free to allocate, from the device tree
 * and the boot arguments, into memblock; then the kernel page table and the page allocator.
 * Reserved: the image, the device tree blob, /memreserve/ entries, /reserved-memory nodes,
 * and a loader-placed blob named with Linux's "initrd=ADDR,SIZE".
 */
#include "runtime/setup.h"
#include "runtime/printk.h"
#include "runtime/kstrtox.h"
#include "platform/fdt.h"
#include "platform/mmu.h"
#include "vm/memblock.h"
#include "vm/mm.h"

/* Reserve [base, base + size) when it lies in RAM; say so when it does not. */
static void reserve(const char *what, uint64_t base, uint64_t size)
{
	uint64_t ram_end = (uint64_t)boot_info.ram_base + boot_info.ram_size;

	if (size == 0)
		return;
	if (base >= ram_end || base + size <= boot_info.ram_base) {
		printk("uniarm: %s %#llx+%#llx is outside RAM; ignored\n", what, base, size);
		return;
	}
	if (base < boot_info.ram_base) {
		size -= boot_info.ram_base - base;
		base = boot_info.ram_base;
	}
	if (base + size > ram_end)
		size = ram_end - base;
	if (memblock_reserve((phys_addr_t)base, (uint32_t)size))
		panic("memblock: too many reserved regions (at %s)", what);
}

static void reserve_from_fdt(const struct fdt *fdt)
{
	uint64_t base, size;
	int rmem = fdt_path_offset(fdt, "/reserved-memory");

	for (uint32_t i = 0; i < fdt_num_mem_rsv(fdt); i++)
		if (fdt_get_mem_rsv(fdt, i, &base, &size))
			reserve("/memreserve/", base, size);
	if (rmem < 0)
		return;
	for (int n = fdt_first_child(fdt, rmem); n >= 0; n = fdt_next_sibling(fdt, n))
		for (uint32_t i = 0; fdt_read_reg(fdt, n, i, &base, &size); i++)
			reserve("/reserved-memory region", base, size);
}

/* "ADDR,SIZE" (numbers in C notation), as Linux's initrd= on ARM. */
static void reserve_initrd(const char *arg)
{
	const char *end;
	unsigned long long base, size;

	if (!arg)
		return;
	if (kstrtoull_prefix(arg, 0, &base, &end) || *end != ',')
		goto bad;
	if (kstrtoull_prefix(end + 1, 0, &size, &end) || *end != '\0')
		goto bad;
	reserve("initrd", base, size);
	boot_info.initrd_phys = (phys_addr_t)base;
	boot_info.initrd_size = (uint32_t)size;
	return;
bad:
	printk("uniarm: initrd=%s: expected ADDR,SIZE; ignored\n", arg);
}

void setup_memory(const struct fdt *fdt, const char *initrd_arg)
{
	uint64_t base, size;
	int node = fdt_node_offset_by_devtype(fdt, -1, "memory");

	if (node < 0 || !fdt_read_reg(fdt, node, 0, &base, &size))
		panic("device tree has no memory node with a reg property");
	if (base != PHYS_OFFSET)
		panic("RAM starts at %#llx; this image is linked for RAM at %#lx", base,
		      (unsigned long)PHYS_OFFSET);
	if (size > LOWMEM_LIMIT) {
		printk("uniarm: using %lu MiB of %llu MiB RAM (linear map limit)\n",
		       (unsigned long)(LOWMEM_LIMIT >> 20), size >> 20);
		size = LOWMEM_LIMIT;
	}
	if (size < (uint64_t)(__pa(_end) - PHYS_OFFSET) + SECTION_SIZE)
		panic("RAM (%llu KiB) is smaller than the image", size >> 10);
	boot_info.ram_base = (phys_addr_t)base;
	boot_info.ram_size = (uint32_t)size;

	memblock_add(boot_info.ram_base, boot_info.ram_size);
	/* The image but the padding before the SVC stack (uniarm.ld: its alignment): those
	 * pages are plain free memory. */
	reserve("image", __pa(_text), (uint64_t)(__stacks_pad_start - _text));
	reserve("image", __pa(__stacks_pad_end), (uint64_t)(_end - __stacks_pad_end));
	reserve("device tree", boot_info.dtb_phys, boot_info.dtb_size);
	reserve_from_fdt(fdt);
	reserve_initrd(initrd_arg);

	paging_init(boot_info.ram_base, boot_info.ram_size);
	mem_init();
}
