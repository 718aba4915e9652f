/*
 * Thread-local storage and the main thread's descriptor (docs/pthreads.md). The program's
 * PT_TLS segment (found through the auxiliary vector's AT_PHDR/AT_PHNUM) gives the TLS
 * block's initial image; every thread's tp (TPIDRURO) points at an 8-byte TCB followed by
 * the block at the offset lld's local-exec relocations assume, with the thread's descriptor
 * just below. The main thread's area is static unless its TLS is large; crt0 sets it up
 * before anything of newlib runs (it must not touch errno: no __getreent before set_tls).
 */
#include "libc-glue/pthread/pthread_impl.h"
#include "libc-glue/syscall.h"
#include "runtime/uapi.h"
#include "runtime/uapi-mm.h"

#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

#define PT_TLS 7

struct phdr32 {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

struct uniarm_tls __uniarm_tls = {0, 0, 0, 8, 8};
struct pthread *__uniarm_main_thread;
volatile int __uniarm_nthreads = 1;

/* Room for the main thread's descriptor, TCB and a small TLS block: no mapping for it. */
#define MAIN_TLS_RESERVE 256
static char main_area[sizeof(struct pthread) + 8 + MAIN_TLS_RESERVE] __attribute__((aligned(64)));

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

size_t __uniarm_tls_area_size(void)
{
	return sizeof(struct pthread) + __uniarm_tls.offset + __uniarm_tls.memsz +
	       __uniarm_tls.align - 8;
}

char *__uniarm_tls_setup(char *top)
{
	uintptr_t tp = (uintptr_t)top - __uniarm_tls.offset - __uniarm_tls.memsz;
	char *block;

	tp &= ~(uintptr_t)(__uniarm_tls.align - 1);
	block = (char *)tp + __uniarm_tls.offset;
	memcpy(block, __uniarm_tls.image, __uniarm_tls.filesz);
	/* The area is fresh (a new mapping, or the main thread's zeroed one): the .tbss part,
	 * the TCB and the descriptor are already zero. */
	return (char *)tp;
}

static void find_tls(const unsigned long *auxv)
{
	const struct phdr32 *ph = 0;
	unsigned long phnum = 0;

	for (; auxv && auxv[0] != AT_NULL; auxv += 2) {
		if (auxv[0] == AT_PHDR)
			ph = (const struct phdr32 *)auxv[1];
		else if (auxv[0] == AT_PHNUM)
			phnum = auxv[1];
	}
	for (unsigned long i = 0; ph && i < phnum; i++) {
		if (ph[i].p_type != PT_TLS)
			continue;
		/* A static, non-PIE program: the segment's address is its run-time address. */
		__uniarm_tls.image = (const void *)ph[i].p_vaddr;
		__uniarm_tls.filesz = ph[i].p_filesz;
		__uniarm_tls.memsz = ph[i].p_memsz;
		if (ph[i].p_align > 8)
			__uniarm_tls.align = ph[i].p_align;
		__uniarm_tls.offset = align_up(8, __uniarm_tls.align);
	}
}

/* Called by crt0 (__libc_start) first thing: sets the main thread's tp. */
void __uniarm_init_main_thread(const unsigned long *auxv, void *sp)
{
	size_t need;
	char *area = main_area, *tp;
	size_t area_size = sizeof(main_area);
	struct pthread *self;

	find_tls(auxv);
	need = __uniarm_tls_area_size();
	if (need > area_size) {
		area_size = align_up(need, UNIARM_PAGE_SIZE);
		long p = __uniarm_syscall(__NR_mmap2, 0, (long)area_size, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if ((unsigned long)p > (unsigned long)-4096) {
			static const char msg[] = "uniarm: no memory for the main thread's TLS\n";

			__uniarm_syscall(__NR_write, 2, (long)msg, sizeof(msg) - 1, 0, 0, 0);
			__uniarm_syscall(__NR_exit_group, 127, 0, 0, 0, 0, 0);
		}
		area = (char *)p;
	}
	tp = __uniarm_tls_setup(area + area_size);
	self = (struct pthread *)(tp - sizeof(struct pthread));
	self->self = self;
	self->detach_state = DT_JOINABLE;
	self->reent = _impure_ptr;
	/* The stack exec gave: its top is above the arguments; its size is not known here
	 * (pthread_getattr_np reports RLIMIT_STACK's). */
	self->stack_base = sp;
	__uniarm_main_thread = self;
	/* newlib finds its per-thread state through tp (libc-glue/reent.c); only the kernel
	 * writes TPIDRURO: set_tls, as a Linux C library sets its thread pointer. */
	__uniarm_syscall(__ARM_NR_set_tls, (long)tp, 0, 0, 0, 0, 0);
}
