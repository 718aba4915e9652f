/*
 * System calls entered the way a Linux ARM EABI static binary enters them: a raw `svc #0` with
 * the number in r7, the arguments in r0-r5 and the result (or -errno) in r0; every other
 * register comes back unchanged. An unknown number gives -ENOSYS and the program carries on.
 * The ARM private calls: set_tls (0xf0005) sets TPIDRURO, cacheflush (0xf0002) makes code
 * written at run time executable and checks its range as Linux's do_cache_op does (end before
 * start or flags: EINVAL; a range the program may not access: EFAULT). With the argument
 * "bad": a number above the private range, which ends the program with SIGILL.
 * The test prints only its failures and a count. Error numbers are compared by name: the
 * runtime answers in the application's <errno.h> values (newlib's, docs/architecture.md).
 * Builds and passes on Linux too (the expected values were checked there):
 *   ALL=1 ../shared/peer/linux/run-c.sh tests/qemu/svc_syscall.c
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define NR_getpid	  20
#define NR_write	  4
#define NR_mmap2	  192
#define NR_munmap	  91
#define ARM_NR_cacheflush 0xf0002
#define ARM_NR_set_tls	  0xf0005

static int passed, failed;

#define CHECK(name, cond)                                                                          \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			printf("svc.%s: FAILED (line %d)\n", name, __LINE__);                      \
		}                                                                                  \
	} while (0)

/* The raw call: no library in between. */
static long svc6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r0 __asm__("r0") = a0;
	register long r1 __asm__("r1") = a1;
	register long r2 __asm__("r2") = a2;
	register long r3 __asm__("r3") = a3;
	register long r4 __asm__("r4") = a4;
	register long r5 __asm__("r5") = a5;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

#define svc3(nr, a, b, c) svc6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/*
 * svc_regs: getpid with r1-r6, r8-r12 and lr holding marks; svc_out receives r0-r12, lr and
 * sp as they are after the svc, svc_sp_before the sp before it.
 */
uint32_t svc_out[15], svc_sp_before;
void svc_regs(void);
__asm__(".text\n"
	".arm\n"
	".align 2\n"
	".globl svc_regs\n"
	".type svc_regs, %function\n"
	"svc_regs:\n"
	"	push	{r4-r11, lr}\n"
	"	ldr	r0, =svc_sp_before\n"
	"	str	sp, [r0]\n"
	"	movw	r1, #0x1001\n"
	"	movw	r2, #0x2002\n"
	"	movw	r3, #0x3003\n"
	"	movw	r4, #0x4004\n"
	"	movw	r5, #0x5005\n"
	"	movw	r6, #0x6006\n"
	"	mov	r7, #20\n"
	"	movw	r8, #0x8008\n"
	"	movw	r9, #0x9009\n"
	"	movw	r10, #0xa00a\n"
	"	movw	r11, #0xb00b\n"
	"	movw	r12, #0xc00c\n"
	"	movw	lr, #0xe00e\n"
	"	mov	r0, #0\n"
	"	svc	#0\n"
	"	stmdb	sp!, {r0-r12, lr}\n"
	"	ldr	r0, =svc_out\n"
	"	ldmia	sp!, {r1-r4}\n"
	"	stmia	r0!, {r1-r4}\n"
	"	ldmia	sp!, {r1-r4}\n"
	"	stmia	r0!, {r1-r4}\n"
	"	ldmia	sp!, {r1-r4}\n"
	"	stmia	r0!, {r1-r4}\n"
	"	ldmia	sp!, {r1-r2}\n"
	"	stmia	r0!, {r1-r2}\n"
	"	str	sp, [r0]\n"
	"	pop	{r4-r11, pc}\n"
	".ltorg\n"
	".size svc_regs, . - svc_regs\n");

static uint32_t read_tpidruro(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
	return v;
}

int main(int argc, char **argv)
{
	long pid = getpid();

	/* With "bad": a number above the ARM private range ends the program with SIGILL, as
	 * Linux's bad_syscall (exit status 132). */
	if (argc > 1 && !strcmp(argv[1], "bad")) {
		printf("svc.bad: calling 0x100000\n");
		fflush(stdout);
		svc3(0x100000, 0, 0, 0);
		printf("svc.bad: FAILED, still running\n");
		return 1;
	}

	/* getpid and write, raw. */
	CHECK("getpid", svc3(NR_getpid, 0, 0, 0) == pid && pid > 0);
	static const char msg[] = "svc.write: hello through svc #0\n";
	CHECK("write", svc3(NR_write, 1, msg, sizeof(msg) - 1) == (long)sizeof(msg) - 1);

	/* Unknown numbers: -ENOSYS, and the next call works. */
	CHECK("enosys_7fff", svc3(0x7fff, 1, 2, 3) == -ENOSYS);
	CHECK("enosys_400", svc3(400, 1, 2, 3) == -ENOSYS);
	CHECK("enosys_private", svc3(0xf07ff, 1, 2, 3) == -ENOSYS);
	CHECK("after_enosys", svc3(NR_getpid, 0, 0, 0) == pid);

	/* Six arguments arrive intact: mmap2 uses each of r0-r5. */
	long a =
		svc6(NR_mmap2, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap2", (unsigned long)a < -4096ul && (a & 4095) == 0);
	long b = svc6(NR_mmap2, a, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK("mmap2_fixed_r0", b == a);
	CHECK("mmap2_fd_r4", svc6(NR_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, -1, 0) == -EBADF);
	CHECK("mmap2_pgoff_r5", svc6(NR_mmap2, 0, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
				     (long)0xffffffff) == -EOVERFLOW);
	CHECK("munmap", svc3(NR_munmap, a, 8192, 0) == 0);

	/* Every register but r0 survives the svc. */
	svc_regs();
	CHECK("regs_r0", (long)svc_out[0] == pid);
	static const uint32_t marks[] = {0,  0x1001, 0x2002, 0x3003, 0x4004, 0x5005, 0x6006,
					 20, 0x8008, 0x9009, 0xa00a, 0xb00b, 0xc00c, 0xe00e};
	int regs_ok = 1;
	for (int n = 1; n < 14; n++)
		if (svc_out[n] != marks[n]) {
			printf("svc.regs: register %d is %#lx, not %#lx\n", n == 13 ? 14 : n,
			       (unsigned long)svc_out[n], (unsigned long)marks[n]);
			regs_ok = 0;
		}
	CHECK("regs_preserved", regs_ok);
	CHECK("regs_sp", svc_out[14] == svc_sp_before);

	/* set_tls: TPIDRURO takes the value (the C library's own value is put back at once). */
	uint32_t tls = read_tpidruro();
	long r = svc3(ARM_NR_set_tls, 0x12345678, 0, 0);
	uint32_t seen = read_tpidruro();
	long r2 = svc3(ARM_NR_set_tls, tls, 0, 0);
	CHECK("set_tls", r == 0 && seen == 0x12345678 && r2 == 0 && read_tpidruro() == tls);

	/* cacheflush: code written at run time runs once the range is flushed. */
	uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap_exec", code != MAP_FAILED);
	if (code != MAP_FAILED) {
		code[0] = 0xe3a0002a; /* mov r0, #42 */
		code[1] = 0xe12fff1e; /* bx lr */
		CHECK("cacheflush", svc3(ARM_NR_cacheflush, code, code + 2, 0) == 0);
		int (*fn)(void) = (int (*)(void))(uintptr_t)code;
		CHECK("cacheflush_run", fn() == 42);
		code[0] = 0xe3a0002b; /* mov r0, #43 */
		CHECK("cacheflush_again", svc3(ARM_NR_cacheflush, code, code + 1, 0) == 0);
		CHECK("cacheflush_run_again", fn() == 43);
		/* A range over a page never touched is fine too (it is faulted in). */
		char *fresh = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK("cacheflush_untouched", svc3(ARM_NR_cacheflush, fresh, fresh + 8192, 0) == 0);
		/* Linux's do_cache_op: end before start or flags set is EINVAL. */
		CHECK("cacheflush_backwards",
		      svc3(ARM_NR_cacheflush, code + 2, code, 0) == -EINVAL);
		CHECK("cacheflush_flags", svc3(ARM_NR_cacheflush, code, code + 2, 1) == -EINVAL);
		/* The kernel's memory is EFAULT (access_ok). Unmapped memory is EFAULT when the
		 * cache operation faults, as on hardware and on uniarm; Linux under QEMU, whose
		 * cache operations by address never fault, answers 0. */
		munmap(fresh, 8192);
		r = svc3(ARM_NR_cacheflush, fresh, fresh + 64, 0);
		CHECK("cacheflush_unmapped", r == -EFAULT || r == 0);
		CHECK("cacheflush_kernel",
		      svc3(ARM_NR_cacheflush, 0xc0000000, 0xc0000040, 0) == -EFAULT);
		CHECK("cacheflush_empty", svc3(ARM_NR_cacheflush, code, code, 0) == 0);
		CHECK("after_cacheflush", fn() == 43 && svc3(NR_getpid, 0, 0, 0) == pid);
	}

	printf("\n%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
