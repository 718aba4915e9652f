/*
 * Faults become signals (issue 13): SIGSEGV with SEGV_MAPERR (no mapping: read, write,
 * execute, NULL, a kernel address) and SEGV_ACCERR (read of PROT_NONE, write to PROT_READ and
 * to the program's text, execute of a non-executable mapping), each with the exact address in
 * si_addr (an odd offset into the page) and in the context (fault_address, trap_no, the write
 * bit of error_code); SIGILL (ILL_ILLOPC at the undefined instruction); SIGBUS (BUS_ADRALN for
 * an unaligned LDREX, which no fixup can make work). Recovery three ways: the handler
 * changes the mapping and returns (the access is retried and completes), advances the saved pc
 * past the faulting instruction and sets a register (both take effect, the skipped load's
 * destination keeps its value), or siglongjmps out. The probes are ARM-state assembly, so the
 * faulting instruction and its length (4) are known.
 */
#include "sig_check.h"

#define SENTINEL 0x5e5e5e5eUL
#define MAGIC	 0x600dcafeUL

/*
 * faults_load(addr, out): out[0] = the byte at addr (ldrb into r5, which held SENTINEL),
 * out[1] = r4 after the load (0 unless a handler set it). faults_store(addr, value): strb.
 * faults_regs(addr): loads with r1-r12 holding 0x11111111 ... 0xcccccccc (r11 = fp, r12 =
 * ip); returns r4 (low word) and r5 (high word). faults_ldrex: an exclusive load (SENTINEL
 * when skipped). faults_udf: an undefined instruction, then returns.
 */
__asm__(".pushsection .text\n"
	".arm\n"
	".balign 4\n"
	".global faults_load\n"
	".type faults_load, %function\n"
	"faults_load:\n"
	"	push {r4, r5, lr}\n"
	"	movw r5, #0x5e5e\n"
	"	movt r5, #0x5e5e\n"
	"	mov r4, #0\n"
	".global faults_load_insn\n"
	"faults_load_insn:\n"
	"	ldrb r5, [r0]\n"
	"	str r5, [r1]\n"
	"	str r4, [r1, #4]\n"
	"	pop {r4, r5, pc}\n"
	".global faults_store\n"
	".type faults_store, %function\n"
	"faults_store:\n"
	".global faults_store_insn\n"
	"faults_store_insn:\n"
	"	strb r1, [r0]\n"
	"	bx lr\n"
	".global faults_regs\n"
	".type faults_regs, %function\n"
	"faults_regs:\n"
	"	push {r4-r11, lr}\n"
	"	movw r1, #0x1111\n"
	"	movt r1, #0x1111\n"
	"	movw r2, #0x2222\n"
	"	movt r2, #0x2222\n"
	"	movw r3, #0x3333\n"
	"	movt r3, #0x3333\n"
	"	movw r4, #0x4444\n"
	"	movt r4, #0x4444\n"
	"	movw r5, #0x5555\n"
	"	movt r5, #0x5555\n"
	"	movw r6, #0x6666\n"
	"	movt r6, #0x6666\n"
	"	movw r7, #0x7777\n"
	"	movt r7, #0x7777\n"
	"	movw r8, #0x8888\n"
	"	movt r8, #0x8888\n"
	"	movw r9, #0x9999\n"
	"	movt r9, #0x9999\n"
	"	movw r10, #0xaaaa\n"
	"	movt r10, #0xaaaa\n"
	"	movw r11, #0xbbbb\n"
	"	movt r11, #0xbbbb\n"
	"	movw r12, #0xcccc\n"
	"	movt r12, #0xcccc\n"
	".global faults_regs_insn\n"
	"faults_regs_insn:\n"
	"	ldrb r5, [r0]\n"
	"	mov r0, r4\n"
	"	mov r1, r5\n"
	"	pop {r4-r11, pc}\n"
	".global faults_ldrex\n"
	".type faults_ldrex, %function\n"
	"faults_ldrex:\n"
	"	mov r1, r0\n"
	"	movw r0, #0x5e5e\n"
	"	movt r0, #0x5e5e\n"
	".global faults_ldrex_insn\n"
	"faults_ldrex_insn:\n"
	"	ldrex r0, [r1]\n"
	"	clrex\n"
	"	bx lr\n"
	".global faults_udf\n"
	".type faults_udf, %function\n"
	"faults_udf:\n"
	"	mov r0, #1\n"
	".global faults_udf_insn\n"
	"faults_udf_insn:\n"
	"	.inst 0xe7f000f0\n" /* udf #0 (ARM) */
	"	mov r0, #2\n"
	"	bx lr\n"
	".popsection\n");
void faults_load(const volatile void *addr, unsigned long out[2]);
void faults_store(volatile void *addr, unsigned long value);
unsigned long long faults_regs(const volatile void *addr);
unsigned long faults_ldrex(const volatile void *addr);
int faults_udf(void);
extern char faults_load_insn[], faults_store_insn[], faults_regs_insn[], faults_ldrex_insn[],
	faults_udf_insn[];

/* What the handler does about the fault. */
enum {
	SKIP,	 /* saved pc += 4, r4 = MAGIC in faults_load and faults_regs */
	FIX,	 /* mprotect fix_page to fix_prot (or map it) and return: the access is retried */
	RETURN,	 /* saved pc = saved lr: back from the bad call */
	LONGJMP, /* siglongjmp(fault_jb) */
};
static volatile int mode;
static sigjmp_buf fault_jb;
static void *volatile fix_page;
static volatile int fix_prot, fix_map;

static struct {
	volatile int count, signo, code;
	void *volatile addr;
	volatile unsigned long pc, sp, lr, cpsr, trap_no, error_code, fault_address;
	volatile unsigned long r[13];
	volatile unsigned long mask_in[2];
} seen;

static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	sigset_t now;

	seen.count++;
	seen.signo = si->si_signo;
	seen.code = si->si_code;
	seen.addr = si->si_addr;
	seen.pc = uc->uc_mcontext.arm_pc;
	seen.sp = uc->uc_mcontext.arm_sp;
	seen.lr = uc->uc_mcontext.arm_lr;
	seen.cpsr = uc->uc_mcontext.arm_cpsr;
	seen.trap_no = uc->uc_mcontext.trap_no;
	seen.error_code = uc->uc_mcontext.error_code;
	seen.fault_address = uc->uc_mcontext.fault_address;
	seen.r[0] = uc->uc_mcontext.arm_r0;
	seen.r[1] = uc->uc_mcontext.arm_r1;
	seen.r[2] = uc->uc_mcontext.arm_r2;
	seen.r[3] = uc->uc_mcontext.arm_r3;
	seen.r[4] = uc->uc_mcontext.arm_r4;
	seen.r[5] = uc->uc_mcontext.arm_r5;
	seen.r[6] = uc->uc_mcontext.arm_r6;
	seen.r[7] = uc->uc_mcontext.arm_r7;
	seen.r[8] = uc->uc_mcontext.arm_r8;
	seen.r[9] = uc->uc_mcontext.arm_r9;
	seen.r[10] = uc->uc_mcontext.arm_r10;
	seen.r[11] = uc->uc_mcontext.arm_fp;
	seen.r[12] = uc->uc_mcontext.arm_ip;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	set_words(&now, (unsigned long *)seen.mask_in);

	if (mode == FIX && seen.count > 3)
		mode = SKIP; /* the fix did not take: step over the access, the value check fails */
	switch (mode) {
	case SKIP:
		/* r4 is callee-saved: set only where the probe saved it for its caller. */
		if (uc->uc_mcontext.arm_pc == (uintptr_t)faults_load_insn ||
		    uc->uc_mcontext.arm_pc == (uintptr_t)faults_regs_insn)
			uc->uc_mcontext.arm_r4 = MAGIC;
		/* Linux reports an unaligned LDREX with pc already past it (test_sigbus). */
		if (!(sig == SIGBUS && uc->uc_mcontext.arm_pc == (uintptr_t)faults_ldrex_insn + 4))
			uc->uc_mcontext.arm_pc += 4;
		break;
	case FIX:
		if (fix_map)
			mmap(fix_page, PG, fix_prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
			     0);
		else
			mprotect(fix_page, PG, fix_prot);
		break;
	case RETURN:
		uc->uc_mcontext.arm_pc = uc->uc_mcontext.arm_lr & ~1UL;
		if (uc->uc_mcontext.arm_lr & 1)
			uc->uc_mcontext.arm_cpsr |= LINUX_PSR_T_BIT;
		else
			uc->uc_mcontext.arm_cpsr &= ~(unsigned long)LINUX_PSR_T_BIT;
		break;
	case LONGJMP:
		siglongjmp(fault_jb, 1);
	}
}

static void reset_seen(int m)
{
	memset((void *)&seen, 0, sizeof(seen));
	mode = m;
}

/* The checks every page fault gets: signal, code, address (si_addr and fault_address),
 * trap_no 14, the write bit, pc at the instruction, a USR-mode ARM-state cpsr. */
static void check_fault(const char *what, int sig, int code, const void *addr, const void *pc,
			int write)
{
	char name[96];

	snprintf(name, sizeof(name), "faults.%s.delivered_once", what);
	CHECK_EQ(name, seen.count, 1);
	snprintf(name, sizeof(name), "faults.%s.si_signo", what);
	CHECK_SIGNO(name, seen.signo, sig);
	snprintf(name, sizeof(name), "faults.%s.si_code", what);
	CHECK_CODE(name, sig, seen.code, code);
	snprintf(name, sizeof(name), "faults.%s.si_addr", what);
	CHECK_PTR(name, seen.addr, addr);
	snprintf(name, sizeof(name), "faults.%s.arm_pc", what);
	if (sig == SIGBUS)
		CHECK(name, seen.pc == (uintptr_t)pc || seen.pc == (uintptr_t)pc + 4,
		      "got %08lx, expected %p or the next instruction", seen.pc, pc);
	else
		CHECK_PTR(name, seen.pc, pc);
	snprintf(name, sizeof(name), "faults.%s.cpsr_usr_arm", what);
	CHECK(name, (seen.cpsr & 0x3ff) == LINUX_PSR_USR_MODE,
	      "cpsr %08lx: expected USR mode (0x10), ARM state, A/I/F and E clear", seen.cpsr);
	snprintf(name, sizeof(name), "faults.%s.signal_blocked_in_handler", what);
	CHECK(name, seen.mask_in[0] & (1UL << (sig - 1)), "mask in the handler %08lx %08lx",
	      seen.mask_in[1], seen.mask_in[0]);
	if (sig != SIGSEGV)
		return;
	snprintf(name, sizeof(name), "faults.%s.fault_address", what);
	CHECK_PTR(name, seen.fault_address, addr);
	snprintf(name, sizeof(name), "faults.%s.trap_no", what);
	CHECK_EQ(name, seen.trap_no, LINUX_TRAP_NO_PAGE_FAULT);
	if (write >= 0) {
		snprintf(name, sizeof(name), "faults.%s.error_code_%s", what,
			 write ? "write" : "read");
		CHECK(name, !!(seen.error_code & LINUX_FSR_WRITE) == write,
		      "error_code %08lx: the write bit (11) should be %s", seen.error_code,
		      write ? "set" : "clear");
	}
}

/* A read that must fault and be skipped: the load's destination keeps the sentinel and the
 * handler's r4 arrives. */
static void read_skipped(const char *what, const volatile void *addr, int code)
{
	unsigned long out[2] = {0, 0};
	char name[96];

	reset_seen(SKIP);
	faults_load(addr, out);
	check_fault(what, SIGSEGV, code, (const void *)addr, faults_load_insn, 0);
	snprintf(name, sizeof(name), "faults.%s.load_skipped", what);
	CHECK_EQ(name, out[0], SENTINEL);
	snprintf(name, sizeof(name), "faults.%s.handler_r4_arrived", what);
	CHECK_EQ(name, out[1], MAGIC);
}

static void write_skipped(const char *what, volatile void *addr, int code)
{
	reset_seen(SKIP);
	faults_store(addr, 0xa7);
	check_fault(what, SIGSEGV, code, (const void *)addr, faults_store_insn, 1);
}

/* A call into addr, which must fault on the instruction fetch; the handler returns to the
 * caller (pc = lr). */
static void exec_returned(const char *what, void *addr, int code)
{
	char name[96];

	reset_seen(RETURN);
	((void (*)(void))(uintptr_t)addr)();
	check_fault(what, SIGSEGV, code, addr, addr, -1);
	snprintf(name, sizeof(name), "faults.%s.error_code_fetch", what);
	CHECK(name, seen.error_code & LINUX_FSR_LNX_PF,
	      "error_code %08lx: bit 31 (instruction fetch) clear", seen.error_code);
}

static void test_segv(void)
{
	char *p = map_or_die(NULL, 3 * PG, RW, ANON_PRIV);
	char *nomap = unmapped_page(); /* after the last mmap, which could have taken it */

	MUST_HANDLE(SIGSEGV, fault_handler, 0);
	MUST_HANDLE(SIGBUS, fault_handler, 0);
	MUST_HANDLE(SIGILL, fault_handler, 0);

	read_skipped("read_unmapped", nomap + 0x123, LINUX_SEGV_MAPERR);
	write_skipped("write_unmapped", nomap + 0x123, LINUX_SEGV_MAPERR);
	read_skipped("read_null", NULL, LINUX_SEGV_MAPERR);
	read_skipped("read_kernel", (void *)0xc0000123UL, LINUX_SEGV_MAPERR);
	p[0x123] = 0x42;
	p[PG + 0x123] = 0x43;
	MUST("mprotect", mprotect(p, PG, PROT_NONE) == 0);
	read_skipped("read_prot_none", p + 0x123, LINUX_SEGV_ACCERR);
	write_skipped("write_prot_none", p + 0x123, LINUX_SEGV_ACCERR);
	MUST("mprotect", mprotect(p + PG, PG, PROT_READ) == 0);
	write_skipped("write_prot_read", p + PG + 0x123, LINUX_SEGV_ACCERR);
	CHECK_EQ("faults.write_prot_read.unchanged", p[PG + 0x123], 0x43);
	write_skipped("write_text", (char *)faults_udf + 3, LINUX_SEGV_ACCERR);

	/* Execute: a writable page holding "bx lr", and a page that is not there. */
	*(volatile uint32_t *)(p + 2 * PG) = 0xe12fff1e;
	__builtin___clear_cache(p + 2 * PG, p + 2 * PG + 4);
	exec_returned("exec_nonexec", p + 2 * PG, LINUX_SEGV_ACCERR);
	exec_returned("exec_unmapped", nomap, LINUX_SEGV_MAPERR);
	/* Made executable, the same call runs. */
	MUST("mprotect", mprotect(p + 2 * PG, PG, PROT_READ | PROT_EXEC) == 0);
	reset_seen(RETURN);
	((void (*)(void))(uintptr_t)(p + 2 * PG))();
	CHECK_EQ("faults.exec_after_mprotect.no_fault", seen.count, 0);
	munmap(p, 3 * PG);
}

/* The registers in the saved context are the ones at the fault, and the handler's changes
 * to them are what the code continues with. */
static void test_context(void)
{
	char *nomap = unmapped_page();
	unsigned long long r;
	volatile int local = 0;
	static const unsigned long want[13] = {
		0,	    0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555, 0x66666666,
		0x77777777, 0x88888888, 0x99999999, 0xaaaaaaaa, 0xbbbbbbbb, 0xcccccccc,
	};
	int bad = -1;

	reset_seen(SKIP);
	r = faults_regs(nomap + 0x321);
	CHECK_EQ("faults.context.delivered", seen.count, 1);
	CHECK_PTR("faults.context.pc", seen.pc, faults_regs_insn);
	CHECK_PTR("faults.context.r0", seen.r[0], nomap + 0x321);
	for (int i = 1; i < 13; i++)
		if (seen.r[i] != want[i] && bad < 0)
			bad = i;
	CHECK("faults.context.r1_to_r12", bad < 0, "r%d is %08lx, expected %08lx", bad,
	      bad < 0 ? 0 : seen.r[bad], bad < 0 ? 0 : want[bad]);
	/* sp: faults_regs pushed 9 registers below our frame. */
	CHECK("faults.context.sp",
	      seen.sp < (uintptr_t)&local && (uintptr_t)&local - seen.sp < 1024,
	      "arm_sp %08lx, a local of the caller at %p", seen.sp, (void *)&local);
	CHECK("faults.context.lr_in_caller", seen.lr != 0 && seen.lr != seen.pc, "arm_lr %08lx",
	      seen.lr);
	CHECK_EQ("faults.context.handler_set_r4", (unsigned long)r, MAGIC);
	CHECK_EQ("faults.context.skipped_load_kept_r5", (unsigned long)(r >> 32), 0x55555555UL);
	(void)local;

	/* A hundred faults in a row, each skipped: the same sp each time (no frame left over). */
	unsigned long sp0 = 0;
	int same = 1;
	for (int i = 0; i < 100; i++) {
		unsigned long out[2];
		reset_seen(SKIP);
		faults_load(nomap + i, out);
		if (i == 0)
			sp0 = seen.sp;
		else if (seen.sp != sp0 || out[0] != SENTINEL || seen.count != 1)
			same = 0;
	}
	CHECK("faults.context.repeat_100", same, "a fault differed (sp %08lx, first %08lx)",
	      seen.sp, sp0);
}

/* The handler makes the access possible and returns: the instruction is retried. */
static void test_fix_and_retry(void)
{
	char *p = map_or_die(NULL, 2 * PG, RW, ANON_PRIV);
	char *nomap = unmapped_page();
	unsigned long out[2];

	p[0x123] = 0x5a;
	mprotect(p, PG, PROT_READ);
	reset_seen(FIX);
	fix_page = p;
	fix_prot = RW;
	fix_map = 0;
	faults_store(p + 0x123, 0xa7);
	CHECK_EQ("faults.fix_write.handler_ran_once", seen.count, 1);
	CHECK_CODE("faults.fix_write.si_code", SIGSEGV, seen.code, LINUX_SEGV_ACCERR);
	CHECK_PTR("faults.fix_write.si_addr", seen.addr, p + 0x123);
	CHECK_EQ("faults.fix_write.store_completed", (unsigned char)p[0x123], 0xa7);

	p[PG + 0x123] = 0x3c;
	mprotect(p + PG, PG, PROT_NONE);
	reset_seen(FIX);
	fix_page = p + PG;
	fix_prot = PROT_READ;
	out[0] = out[1] = 0;
	faults_load(p + PG + 0x123, out);
	CHECK_EQ("faults.fix_read.handler_ran_once", seen.count, 1);
	CHECK_CODE("faults.fix_read.si_code", SIGSEGV, seen.code, LINUX_SEGV_ACCERR);
	CHECK_EQ("faults.fix_read.load_completed", out[0], 0x3c);
	CHECK_EQ("faults.fix_read.r4_untouched", out[1], 0);

	/* Map the missing page from the handler. */
	reset_seen(FIX);
	fix_page = nomap;
	fix_prot = RW;
	fix_map = 1;
	faults_store(nomap + 0x123, 0x99);
	CHECK_EQ("faults.fix_map.handler_ran_once", seen.count, 1);
	CHECK_CODE("faults.fix_map.si_code", SIGSEGV, seen.code, LINUX_SEGV_MAPERR);
	CHECK_EQ("faults.fix_map.store_completed", (unsigned char)nomap[0x123], 0x99);
	CHECK_EQ("faults.fix_map.rest_zero", (unsigned char)nomap[0x124], 0);
	fix_map = 0;
	munmap(nomap, PG);
	munmap(p, 2 * PG);
}

static void test_sigill(void)
{
	int r;

	reset_seen(SKIP);
	r = faults_udf();
	check_fault("udf", SIGILL, LINUX_ILL_ILLOPC, faults_udf_insn, faults_udf_insn, -1);
	CHECK_EQ("faults.udf.trap_no", seen.trap_no, LINUX_TRAP_NO_UNDEF);
	CHECK_EQ("faults.udf.continued_after", r, 2);
	CHECK_EQ("faults.udf.r0_at_fault", seen.r[0], 1);
}

static void test_sigbus(void)
{
	static uint32_t words[4] __attribute__((aligned(8))) = {0x11223344, 0x55667788};
	char *odd = (char *)words + 1;
	unsigned long r;

	/* LDREX needs word alignment, and no fixup can emulate it: SIGBUS. Linux's alignment
	 * handler gives up on it after it advanced pc, so the context's pc is the next
	 * instruction there; either is accepted. (An unaligned STREX is not tested: without a
	 * matching LDREX QEMU fails it, 1, before any alignment check.) */
	reset_seen(SKIP);
	r = faults_ldrex(odd);
	check_fault("ldrex_unaligned", SIGBUS, LINUX_BUS_ADRALN, odd, faults_ldrex_insn, -1);
	CHECK_EQ("faults.ldrex_unaligned.skipped", r, SENTINEL);
	CHECK_EQ("faults.ldrex_unaligned.trap_no", seen.trap_no, 0);
	/* Aligned, it works. */
	reset_seen(SKIP);
	r = faults_ldrex(words);
	CHECK("faults.ldrex_aligned", r == 0x11223344 && seen.count == 0, "got %08lx, %d signals",
	      r, seen.count);
}

/* A fault inside another signal's handler is delivered there (nested), with both blocked. */
static volatile int usr1_inner_count, usr1_done;
static void usr1_faulting(int sig)
{
	unsigned long out[2];

	(void)sig;
	reset_seen(SKIP);
	faults_load((void *)(uintptr_t)0x10, out);
	usr1_inner_count = seen.count;
	usr1_done = out[0] == SENTINEL;
}

static volatile sig_atomic_t plain_jumped;
static sigjmp_buf plain_jb;
static void plain_segv(int sig)
{
	plain_jumped = sig;
	siglongjmp(plain_jb, 1);
}

static void test_nested_and_longjmp(void)
{
	char *nomap = unmapped_page();
	unsigned long out[2];

	MUST("SIGUSR1", on_signal_plain(SIGUSR1, usr1_faulting, 0) == 0);
	usr1_inner_count = usr1_done = 0;
	raise(SIGUSR1);
	CHECK("faults.nested.in_handler", usr1_inner_count == 1 && usr1_done,
	      "SIGSEGV handled %d times, load skipped %d", usr1_inner_count, usr1_done);
	CHECK("faults.nested.mask",
	      (seen.mask_in[0] & (1UL << (SIGUSR1 - 1))) &&
		      (seen.mask_in[0] & (1UL << (SIGSEGV - 1))),
	      "mask in the SIGSEGV handler %08lx", seen.mask_in[0]);

	/* siglongjmp out of an SA_SIGINFO handler, then out of a plain one. */
	reset_seen(LONGJMP);
	if (!sigsetjmp(fault_jb, 1)) {
		faults_load(nomap + 0x77, out);
		t_fail("faults.longjmp.siginfo", "the load returned");
	} else {
		CHECK("faults.longjmp.siginfo", seen.count == 1 && seen.addr == nomap + 0x77,
		      "%d signals, si_addr %p", seen.count, seen.addr);
	}
	CHECK("faults.longjmp.segv_unblocked", !blocked(SIGSEGV), "SIGSEGV still blocked");
	MUST("SIGSEGV", on_signal_plain(SIGSEGV, plain_segv, 0) == 0);
	plain_jumped = 0;
	if (!sigsetjmp(plain_jb, 1)) {
		faults_load(nomap + 0x78, out);
		t_fail("faults.longjmp.plain", "the load returned");
	} else {
		CHECK_SIGNO("faults.longjmp.plain", plain_jumped, SIGSEGV);
	}
	/* And faults keep working after the jumps. */
	MUST_HANDLE(SIGSEGV, fault_handler, 0);
	read_skipped("after_longjmp", nomap + 0x79, LINUX_SEGV_MAPERR);
}

static int run(void)
{
	test_segv();
	test_context();
	test_fix_and_retry();
	test_sigill();
	test_sigbus();
	test_nested_and_longjmp();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
