/*
 * The application's start, as Linux execs a static ELF executable (fs/binfmt_elf.c,
 * load_elf_binary and create_elf_tables). uniarm_add_app links the application on its own, at
 * its low address, and the image carries that ELF file whole (platform/app_image.S, in page
 * aligned pages of its own: uniarm.ld). exec_application:
 *  - checks the file (an ARM ELF32 executable, statically linked, PT_LOAD segments inside the
 *    file, below TASK_SIZE, in ascending order, on pages of their own: each problem is named);
 *  - makes one VMA per PT_LOAD segment with the segment's permissions (text r-x, rodata r--,
 *    data and bss rw-), named after the application in /proc/self/maps as Linux names the
 *    executable's;
 *  - maps the segment's file pages: the image's own pages, which become the application's
 *    (adopt_reserved_page) instead of being copied; the bytes past the file part of the last
 *    one are zeroed (Linux's padzero), the bss pages past it are zero-filled on demand;
 *  - gives every other page of the file (section headers, symbols, debug information) to the
 *    page allocator;
 *  - puts the heap (brk) at the first page after the last segment;
 *  - maps the [sigpage] (runtime/sigpage.c), as Linux's arch_setup_additional_pages;
 *  - lays out the stack as create_elf_tables does on ARM: from the top, a NULL word, the
 *    AT_EXECFN string, the environment strings, the argument strings, then (16-byte aligned)
 *    the AT_PLATFORM string and the 16 AT_RANDOM bytes, then argc, argv[], NULL, envp[], NULL
 *    and the auxiliary vector, with sp (16-byte aligned) at argc.
 * The stack is written with the user copies, as any runtime write to application memory is.
 * A file exec refuses stops the boot with a report naming the problem (exit status 125): an
 * image that carries a broken application is a broken image.
 */
#include "runtime/exec.h"
#include "platform/arch_timer.h"
#include "platform/hwcap.h"
#include "platform/memory.h"
#include "platform/uaccess.h"
#include "platform/unwind.h"
#include "runtime/cred.h"
#include "runtime/elf.h"
#include "runtime/printk.h"
#include "runtime/sigpage.h"
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/mm_user.h"
#include "vm/mmap_internal.h"

#include <string.h>

#define EXEC_MAX_PHNUM 32
#define ELF_PLATFORM   "v7l" /* ARMv7, little-endian: Linux ARM's AT_PLATFORM */
#define USER_HZ	       100

/* The image's copy of the application (platform/app_image.S); absent in a ktest image. */
extern const unsigned char __app_image_start[] __attribute__((weak));
extern const unsigned char __app_image_end[] __attribute__((weak));
extern const char uniarm_app_name[];

static const char *exec_vma_name(const struct vm_area_struct *vma)
{
	(void)vma;
	return uniarm_app_name;
}

/* The executable's segments: named like a file mapping of the executable. */
static const struct vm_operations_struct exec_vm_ops = {.name = exec_vma_name};

bool exec_has_application(void)
{
	return __app_image_start != NULL && __app_image_end > __app_image_start;
}

static __attribute__((noreturn)) void refuse(const char *why)
{
	panic("exec %s: %s", uniarm_app_name, why);
}

static const Elf32_Ehdr *check_elf_header(const unsigned char *file, unsigned long size)
{
	const Elf32_Ehdr *eh = (const Elf32_Ehdr *)file;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		refuse("not an ELF file");
	if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_ident[6] != EV_CURRENT)
		refuse("not a little-endian ELF32 file");
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_ARM)
		refuse("not an ARM executable (static, non-PIE)");
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > EXEC_MAX_PHNUM)
		refuse("bad program header table size");
	if (eh->e_phoff > size || size - eh->e_phoff < eh->e_phnum * sizeof(Elf32_Phdr) ||
	    eh->e_phoff % 4)
		refuse("program header table outside the file");
	if (eh->e_entry >= TASK_SIZE)
		refuse("entry point outside the application's range");
	return eh;
}

/* The PT_LOAD segments must be mappable the way exec maps them here; see the file comment. */
static void check_segments(const Elf32_Phdr *ph, unsigned int n, unsigned long size)
{
	unsigned long prev_end =
		mmap_min_addr > FIRST_USER_ADDRESS ? mmap_min_addr : FIRST_USER_ADDRESS;
	unsigned int loads = 0;

	for (unsigned int i = 0; i < n; i++) {
		const Elf32_Phdr *p = &ph[i];

		if (p->p_type == PT_INTERP)
			refuse("dynamically linked (PT_INTERP): uniarm runs static executables");
		if (p->p_type != PT_LOAD)
			continue;
		loads++;
		if (p->p_filesz > p->p_memsz)
			refuse("a segment's file size is larger than its memory size");
		if (p->p_offset > size || p->p_filesz > size - p->p_offset)
			refuse("a segment lies outside the file");
		if ((p->p_vaddr - p->p_offset) % PAGE_SIZE)
			refuse("a segment's address and file offset differ modulo the page size");
		if (p->p_vaddr < prev_end || p->p_memsz > TASK_SIZE ||
		    p->p_vaddr > TASK_SIZE - p->p_memsz)
			refuse("segments out of order, overlapping a page, or outside the "
			       "application's range");
		prev_end = PAGE_ALIGN(p->p_vaddr + p->p_memsz);
	}
	if (!loads)
		refuse("no PT_LOAD segment");
}

static unsigned long segment_vm_flags(const Elf32_Phdr *p)
{
	unsigned long flags = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (p->p_flags & PF_R)
		flags |= VM_READ;
	if (p->p_flags & PF_W)
		flags |= VM_WRITE;
	if (p->p_flags & PF_X)
		flags |= VM_EXEC;
	return flags;
}

/* One segment: its VMA, then its file pages adopted and mapped. The end of its memory. */
static unsigned long map_segment(struct mm_struct *mm, const unsigned char *file,
				 const Elf32_Phdr *p)
{
	unsigned long start = p->p_vaddr & PAGE_MASK, end = PAGE_ALIGN(p->p_vaddr + p->p_memsz);
	unsigned long file_end = p->p_vaddr + p->p_filesz;
	unsigned long flags = segment_vm_flags(p);
	const unsigned char *src = file + (p->p_offset & PAGE_MASK);
	struct vm_area_struct *vma;

	vma = vma_insert_range(mm, start, end, flags, (p->p_offset & PAGE_MASK) >> PAGE_SHIFT, NULL,
			       &exec_vm_ops, 0, NULL);
	if (!vma)
		refuse("no memory for the segments' VMAs");
	vma_stat(mm, flags, (long)((end - start) >> PAGE_SHIFT));
	for (unsigned long addr = start; addr < file_end; addr += PAGE_SIZE, src += PAGE_SIZE) {
		struct page *page = adopt_reserved_page(PFN_DOWN(__pa(src)));

		if (!page)
			refuse("a segment's page is not the image's");
		if (file_end - addr < PAGE_SIZE) /* padzero: the bss in the last file page */
			memset((void *)(src + (file_end - addr)), 0, PAGE_SIZE - (file_end - addr));
		if (vm_insert_page(vma, addr, page))
			refuse("no memory for the page tables of the segments");
	}
	return end;
}

/* Pages of the file no segment took: the page allocator's from now on. */
static void release_unused_pages(const unsigned char *file, unsigned long size)
{
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		struct page *page = pfn_to_page(PFN_DOWN(__pa(file + off)));

		if (page->flags & PG_reserved)
			free_reserved_page(page);
	}
}

/* 16 bytes for AT_RANDOM: the counter's value, mixed (splitmix64). Unpredictable enough for
 * a program's stack canary seed; not for keys. */
static void random_bytes(unsigned char out[16])
{
	static uint64_t state;

	state += arch_counter_read();
	for (int i = 0; i < 2; i++) {
		uint64_t z = (state += 0x9e3779b97f4a7c15ull);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		memcpy(out + 8 * i, &z, 8);
	}
}

/* Copy a string just below *p; its address. */
static unsigned long push_string(unsigned long *p, const char *s)
{
	size_t len = strlen(s) + 1;

	*p -= len;
	if (copy_to_user((void __user *)*p, s, len))
		refuse("cannot write the stack");
	return *p;
}

#define EXEC_MAX_WORDS (CMDLINE_MAX_ARGS + CMDLINE_MAX_ENV + 8 + 2 * 20)

static unsigned long create_elf_tables(const struct cmdline *cl, const Elf32_Ehdr *eh,
				       unsigned long phdr_addr)
{
	unsigned long words[EXEC_MAX_WORDS];
	unsigned long argv_at[CMDLINE_MAX_ARGS], envp_at[CMDLINE_MAX_ENV];
	unsigned long p = STACK_TOP - sizeof(void *), execfn, platform, random, sp;
	unsigned char rnd[16];
	unsigned int n = 0;
	int i;

	/* As Linux's bprm: the file name at the top, then the environment, then the arguments,
	 * each list pushed from its last string, so each lies in increasing address order. */
	execfn = push_string(&p, cl->argv[0]);
	for (i = cl->envc - 1; i >= 0; i--)
		envp_at[i] = push_string(&p, cl->envp[i]);
	for (i = cl->argc - 1; i >= 0; i--)
		argv_at[i] = push_string(&p, cl->argv[i]);
	p &= ~15ul;
	platform = push_string(&p, ELF_PLATFORM);
	random_bytes(rnd);
	p -= sizeof(rnd);
	random = p;
	if (copy_to_user((void __user *)random, rnd, sizeof(rnd)))
		refuse("cannot write the stack");

	words[n++] = (unsigned long)cl->argc;
	for (i = 0; i < cl->argc; i++)
		words[n++] = argv_at[i];
	words[n++] = 0;
	for (i = 0; i < cl->envc; i++)
		words[n++] = envp_at[i];
	words[n++] = 0;
#define NEW_AUX_ENT(id, val)                                                                       \
	do {                                                                                       \
		words[n++] = (id);                                                                 \
		words[n++] = (val);                                                                \
	} while (0)
	NEW_AUX_ENT(AT_HWCAP, elf_hwcap());
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, USER_HZ);
	NEW_AUX_ENT(AT_PHDR, phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf32_Phdr));
	NEW_AUX_ENT(AT_PHNUM, eh->e_phnum);
	NEW_AUX_ENT(AT_BASE, 0);
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, eh->e_entry);
	NEW_AUX_ENT(AT_UID, current_cred()->uid);
	NEW_AUX_ENT(AT_EUID, current_cred()->euid);
	NEW_AUX_ENT(AT_GID, current_cred()->gid);
	NEW_AUX_ENT(AT_EGID, current_cred()->egid);
	NEW_AUX_ENT(AT_SECURE, 0);
	NEW_AUX_ENT(AT_RANDOM, random);
	NEW_AUX_ENT(AT_HWCAP2, 0);
	NEW_AUX_ENT(AT_EXECFN, execfn);
	NEW_AUX_ENT(AT_PLATFORM, platform);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT

	sp = (p - n * sizeof(words[0])) & ~15ul;
	if (copy_to_user((void __user *)sp, words, n * sizeof(words[0])))
		refuse("cannot write the stack");
	return sp;
}

/* The application's EHABI tables, for the backtraces of its reports (platform/unwind.c): its
 * PT_ARM_EXIDX index, the segment that holds it (and .ARM.extab), and its code. */
static void note_unwind_tables(const Elf32_Ehdr *eh, const Elf32_Phdr *ph)
{
	const Elf32_Phdr *idx = NULL, *holder = NULL;
	uintptr_t text_lo = UINTPTR_MAX, text_hi = 0;

	for (unsigned int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_ARM_EXIDX)
			idx = &ph[i];
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_flags & PF_X) {
			text_lo = p->p_vaddr < text_lo ? p->p_vaddr : text_lo;
			text_hi = p->p_vaddr + p->p_memsz > text_hi ? p->p_vaddr + p->p_memsz
								    : text_hi;
		}
		if (idx && idx->p_vaddr >= p->p_vaddr &&
		    idx->p_vaddr + idx->p_memsz <= p->p_vaddr + p->p_filesz)
			holder = p;
	}
	if (!idx || !holder || text_lo >= text_hi)
		return;
	app_unwind_tables = (struct unwind_tables){
		.idx_start = (const uint32_t *)(uintptr_t)idx->p_vaddr,
		.idx_end = (const uint32_t *)(uintptr_t)(idx->p_vaddr + idx->p_memsz),
		.text_lo = (const void *)text_lo,
		.text_hi = (const void *)text_hi,
		.tab_lo = (const void *)(uintptr_t)holder->p_vaddr,
		.tab_hi = (const void *)(uintptr_t)(holder->p_vaddr + holder->p_filesz),
	};
}

/* The address the program header table has in the application's memory: inside the segment
 * whose file part holds it (the first, for a file linked as uniarm_add_app links it). */
static unsigned long phdr_address(const Elf32_Ehdr *eh, const Elf32_Phdr *ph)
{
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *p = &ph[i];

		if (p->p_type == PT_LOAD && eh->e_phoff >= p->p_offset &&
		    eh->e_phoff - p->p_offset + eh->e_phnum * sizeof(Elf32_Phdr) <= p->p_filesz)
			return p->p_vaddr + (eh->e_phoff - p->p_offset);
	}
	return 0; /* not mapped: AT_PHDR 0, as Linux gives then */
}

void exec_application(struct mm_struct *mm, const struct cmdline *cl, struct exec_start *start)
{
	const unsigned char *file = __app_image_start;
	unsigned long size = (unsigned long)(__app_image_end - __app_image_start);
	const Elf32_Ehdr *eh;
	const Elf32_Phdr *ph;
	unsigned long end = 0;

	if (!exec_has_application())
		refuse("the image carries no application");
	eh = check_elf_header(file, size);
	ph = (const Elf32_Phdr *)(file + eh->e_phoff);
	check_segments(ph, eh->e_phnum, size);
	mm->start_code = ~0ul;
	mm->end_code = 0;
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD)
			continue;
		end = map_segment(mm, file, p);
		/* Linux's start_code and end_code: the executable segments' file parts. */
		if ((p->p_flags & PF_X) && p->p_vaddr < mm->start_code)
			mm->start_code = p->p_vaddr;
		if ((p->p_flags & PF_X) && p->p_vaddr + p->p_filesz > mm->end_code)
			mm->end_code = p->p_vaddr + p->p_filesz;
	}
	if (mm->start_code > mm->end_code)
		mm->start_code = mm->end_code = 0;
	mm->start_brk = mm->brk = end;
	/* Linux's arch_setup_additional_pages: the [sigpage], for handlers without SA_RESTORER. */
	if (sigpage_install(mm))
		refuse("no memory for the sigpage");
	note_unwind_tables(eh, ph);
	start->pc = eh->e_entry;
	start->sp = create_elf_tables(cl, eh, phdr_address(eh, ph));
	/* Last: the tables above read the file's headers. */
	release_unused_pages(file, PAGE_ALIGN(size));
}
