/*
 * Faults the application may not take end it with a segmentation fault report and exit status
 * 139; the mode (first argument) picks the bad access:
 *   write-ro    write to a page made read-only by change_protection
 *   nomap       read where no VMA is
 *   prot-none   read of a PROT_NONE VMA
 *   exec-nx     call into a writable, non-executable VMA (prefetch abort)
 * Each prints what it is about to do; nothing after the access may run.
 */
#include "fault_lib.c"

static __attribute__((noinline)) void write_byte(volatile unsigned char *p)
{
	*p = 1;
}

static __attribute__((noinline)) unsigned char read_byte(volatile unsigned char *p)
{
	return *p;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "write-ro";
	struct vm_area_struct *vma;

	fault_test_init();
	if (!strcmp(mode, "write-ro")) {
		vma = make_vma(4 * PAGE_SIZE, VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE);
		write_byte((volatile unsigned char *)vma->vm_start);
		protect_vma(vma, VM_READ | VM_MAYREAD | VM_MAYWRITE);
		printf("reading %08lx: %u\n", vma->vm_start,
		       read_byte((volatile unsigned char *)vma->vm_start));
		printf("writing to read-only %08lx\n", vma->vm_start + 4);
		write_byte((volatile unsigned char *)vma->vm_start + 4);
	} else if (!strcmp(mode, "nomap")) {
		unsigned long addr = free_range(PAGE_SIZE, PAGE_SIZE) + 0x123;
		printf("reading unmapped %08lx\n", addr);
		read_byte((volatile unsigned char *)addr);
	} else if (!strcmp(mode, "prot-none")) {
		vma = make_vma(PAGE_SIZE, VM_NONE);
		printf("reading PROT_NONE %08lx\n", vma->vm_start);
		read_byte((volatile unsigned char *)vma->vm_start);
	} else if (!strcmp(mode, "exec-nx")) {
		vma = make_vma(PAGE_SIZE, VM_READ | VM_WRITE);
		*(volatile uint32_t *)vma->vm_start = 0xe12fff1e; /* bx lr */
		printf("calling non-executable %08lx\n", vma->vm_start);
		((void (*)(void))vma->vm_start)();
	} else {
		printf("unknown mode %s\n", mode);
		return 2;
	}
	printf("the bad access did not fault\n");
	return 1;
}
