/*
 * Unaligned accesses from the application, as Linux 6.1 on ARMv7 handles them (issue 13):
 * LDR/STR and LDRH/STRH at any address are done by the CPU (SCTLR.A clear); LDRD/STRD and
 * LDM/STM at an address that is not word-aligned trap, and Linux's alignment handler emulates
 * them ("User faults: 2 (fixup)" in /proc/cpu/alignment): the program sees the right values
 * and no signal. VLDR/VSTR (word alignment required) are not emulated: SIGBUS BUS_ADRALN.
 * (LDREX, the other unemulated one, is in signals_faults.c.) Every probe is assembly (ARM
 * state, and Thumb for the Thumb forms) on a buffer whose bytes are known; a SIGBUS handler
 * counts and steps over.
 *
 * Then what else the fix-up does: the addressing modes and writeback of LDRD/STRD and
 * LDM/STM (IB, DA, DB), pc in an LDM's list and in an STM's (the instruction + 8), the base
 * loaded by its own LDM; Thumb-2 LDRD/STRD and LDM/STM, 16-bit Thumb LDM/STM and PUSH/POP at
 * an unaligned sp (POP {pc} back to Thumb code), an LDRD inside an IT block; an emulated
 * access that faults (SIGSEGV SEGV_MAPERR at the unaligned address, as Linux's do_bad_area:
 * even for a write to a read-only page; registers untouched, pc at the instruction, trap_no
 * 14, error_code the alignment fault's FSR); /proc/cpu/alignment's text and counters, and the
 * modes root writes to it (signal: SIGBUS BUS_ADRALN instead; 0 and 1 get fixup added).
 */
#include "sig_check.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

/* Each probe: r0 = address; loads return the value(s), stores take r1 (and r2). */
__asm__(".pushsection .text\n"
	".arm\n"
	".fpu neon-vfpv4\n"
	".balign 4\n"
	".global align_ldr\n"
	".type align_ldr, %function\n"
	"align_ldr:\n"
	"	ldr r0, [r0]\n"
	"	bx lr\n"
	".global align_str\n"
	".type align_str, %function\n"
	"align_str:\n"
	"	str r1, [r0]\n"
	"	bx lr\n"
	".global align_ldrh\n"
	".type align_ldrh, %function\n"
	"align_ldrh:\n"
	"	ldrh r0, [r0]\n"
	"	bx lr\n"
	".global align_strh\n"
	".type align_strh, %function\n"
	"align_strh:\n"
	"	strh r1, [r0]\n"
	"	bx lr\n"
	".global align_ldrd\n"
	".type align_ldrd, %function\n"
	"align_ldrd:\n" /* returns r0:r1 = the two words */
	"	ldrd r2, r3, [r0]\n"
	"	mov r0, r2\n"
	"	mov r1, r3\n"
	"	bx lr\n"
	".global align_strd\n"
	".type align_strd, %function\n"
	"align_strd:\n" /* (addr, lo, hi): strd needs an even register pair */
	"	push {r4, r5}\n"
	"	mov r4, r1\n"
	"	mov r5, r2\n"
	".global align_strd_insn\n"
	"align_strd_insn:\n"
	"	strd r4, r5, [r0]\n"
	"	pop {r4, r5}\n"
	"	bx lr\n"
	".global align_ldm\n"
	".type align_ldm, %function\n"
	"align_ldm:\n"
	".global align_ldm_insn\n"
	"align_ldm_insn:\n"
	"	ldm r0, {r2, r3}\n"
	"	mov r0, r2\n"
	"	mov r1, r3\n"
	"	bx lr\n"
	".global align_stm\n"
	".type align_stm, %function\n"
	"align_stm:\n"
	"	stm r0, {r1, r2}\n"
	"	bx lr\n"
	".global align_vldr\n"
	".type align_vldr, %function\n"
	"align_vldr:\n" /* returns the double's bits in r0:r1; 0x5e5e5e5e each when skipped */
	"	movw r1, #0x5e5e\n"
	"	movt r1, #0x5e5e\n"
	"	vmov d0, r1, r1\n"
	".global align_vldr_insn\n"
	"align_vldr_insn:\n"
	"	vldr d0, [r0]\n"
	"	vmov r0, r1, d0\n"
	"	bx lr\n"
	".popsection\n");
unsigned long align_ldr(const void *p);
void align_str(void *p, unsigned long v);
unsigned long align_ldrh(const void *p);
void align_strh(void *p, unsigned long v);
unsigned long long align_ldrd(const void *p);
void align_strd(void *p, unsigned long lo, unsigned long hi);
extern char align_strd_insn[];
unsigned long long align_ldm(const void *p);
extern char align_ldm_insn[];
void align_stm(void *p, unsigned long a, unsigned long b);
unsigned long long align_vldr(const void *p);
extern char align_vldr_insn[];

static struct {
	volatile int count, code;
	void *volatile addr;
	volatile unsigned long pc;
} bus;

static void bus_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	bus.count++;
	bus.code = si->si_code;
	bus.addr = si->si_addr;
	bus.pc = uc->uc_mcontext.arm_pc;
	/* Step over the access (Linux may report pc already past it: see signals_faults.c). */
	if (uc->uc_mcontext.arm_pc == (uintptr_t)align_vldr_insn)
		uc->uc_mcontext.arm_pc += 4;
}

static unsigned char buf[64] __attribute__((aligned(16)));

static void fill_buf(void)
{
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i + 1);
}

/* The little-endian word of buf's bytes at off. */
static unsigned long word_at(unsigned off)
{
	return (unsigned long)buf[off] | (unsigned long)buf[off + 1] << 8 |
	       (unsigned long)buf[off + 2] << 16 | (unsigned long)buf[off + 3] << 24;
}

static int bytes_are(unsigned off, unsigned long long v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (buf[off + i] != (unsigned char)(v >> (8 * i)))
			return 0;
	return 1;
}

static void test_loads_stores(void)
{
	unsigned long long d;
	char name[64];
	static const unsigned offs[] = {1, 2, 3, 4, 6};

	MUST_HANDLE(SIGBUS, bus_handler, 0);
	memset((void *)&bus, 0, sizeof(bus));
	for (unsigned k = 0; k < sizeof(offs) / sizeof(offs[0]); k++) {
		unsigned o = offs[k];

		fill_buf();
		snprintf(name, sizeof(name), "align.ldr+%u", o);
		CHECK_EQ(name, align_ldr(buf + o), word_at(o));
		snprintf(name, sizeof(name), "align.ldrh+%u", o);
		CHECK_EQ(name, align_ldrh(buf + o), word_at(o) & 0xffff);
		snprintf(name, sizeof(name), "align.ldrd+%u", o);
		d = align_ldrd(buf + o);
		CHECK(name,
		      (unsigned long)d == word_at(o) && (unsigned long)(d >> 32) == word_at(o + 4),
		      "got %016llx, expected %08lx%08lx", d, word_at(o + 4), word_at(o));
		snprintf(name, sizeof(name), "align.ldm+%u", o);
		d = align_ldm(buf + o);
		CHECK(name,
		      (unsigned long)d == word_at(o) && (unsigned long)(d >> 32) == word_at(o + 4),
		      "got %016llx, expected %08lx%08lx", d, word_at(o + 4), word_at(o));

		snprintf(name, sizeof(name), "align.str+%u", o);
		align_str(buf + o, 0xa1b2c3d4);
		CHECK(name, bytes_are(o, 0xa1b2c3d4, 4) && buf[o - 1] == o && buf[o + 4] == o + 5,
		      "bytes %02x %02x%02x%02x%02x %02x", buf[o - 1], buf[o + 3], buf[o + 2],
		      buf[o + 1], buf[o], buf[o + 4]);
		snprintf(name, sizeof(name), "align.strh+%u", o);
		align_strh(buf + o + 8, 0xbeef);
		CHECK(name, bytes_are(o + 8, 0xbeef, 2) && buf[o + 10] == o + 11, "not stored");
		snprintf(name, sizeof(name), "align.strd+%u", o);
		align_strd(buf + o + 16, 0x11223344, 0x55667788);
		CHECK(name, bytes_are(o + 16, 0x5566778811223344ULL, 8) && buf[o + 24] == o + 25,
		      "not stored");
		snprintf(name, sizeof(name), "align.stm+%u", o);
		align_stm(buf + o + 32, 0x99aabbcc, 0xddeeff00);
		CHECK(name, bytes_are(o + 32, 0xddeeff0099aabbccULL, 8) && buf[o + 40] == o + 41,
		      "not stored");
	}
	CHECK_EQ("align.no_signal", bus.count, 0);
}

static void test_vfp(void)
{
	unsigned long long d;

	fill_buf();
	memset((void *)&bus, 0, sizeof(bus));
	d = align_vldr(buf + 8);
	CHECK("align.vldr_aligned",
	      bus.count == 0 && d == ((unsigned long long)word_at(12) << 32 | word_at(8)),
	      "%d signals, got %016llx", bus.count, d);
	d = align_vldr(buf + 9);
	CHECK_EQ("align.vldr_unaligned.sigbus", bus.count, 1);
	CHECK_CODE("align.vldr_unaligned.si_code", SIGBUS, bus.code, LINUX_BUS_ADRALN);
	CHECK_PTR("align.vldr_unaligned.si_addr", bus.addr, buf + 9);
	CHECK("align.vldr_unaligned.pc",
	      bus.pc == (uintptr_t)align_vldr_insn || bus.pc == (uintptr_t)align_vldr_insn + 4,
	      "arm_pc %08lx, the vldr at %p", bus.pc, (void *)align_vldr_insn);
	CHECK_EQ("align.vldr_unaligned.skipped", d, 0x5e5e5e5e5e5e5e5eULL);
}

/*
 * The addressing modes. Each probe takes (p, out): the loaded words go to out[0..], the base
 * register after the instruction to out[n]; stores write 0x11223344, 0x55667788 (and the base
 * after to out[2]).
 */
#define LO    0x11223344UL
#define HI    0x55667788UL
#define LO_HI 0x5566778811223344ULL
__asm__(".pushsection .text\n"
	".arm\n"
	".balign 4\n"
	".global align_ldrd_post\n"
	".type align_ldrd_post, %function\n"
	"align_ldrd_post:\n" /* ldrd, post-indexed, immediate: base + 12 */
	"	ldrd r2, r3, [r0], #12\n"
	"	stm r1, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_ldrd_pre_reg\n"
	".type align_ldrd_pre_reg, %function\n"
	"align_ldrd_pre_reg:\n" /* pre-indexed, register -4, writeback */
	"	mvn r12, #3\n"
	"	ldrd r2, r3, [r0, r12]!\n"
	"	stm r1, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_ldrd_post_reg\n"
	".type align_ldrd_post_reg, %function\n"
	"align_ldrd_post_reg:\n" /* post-indexed, register subtracted: base - 8 */
	"	mov r12, #8\n"
	"	ldrd r2, r3, [r0], -r12\n"
	"	stm r1, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_strd_pre\n"
	".type align_strd_pre, %function\n"
	"align_strd_pre:\n" /* strd at base + 8, writeback */
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	strd r2, r3, [r0, #8]!\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_strd_post_reg\n"
	".type align_strd_post_reg, %function\n"
	"align_strd_post_reg:\n" /* strd at base, then base + 4 */
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	mov r12, #4\n"
	"	strd r2, r3, [r0], r12\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_ldmib\n"
	".type align_ldmib, %function\n"
	"align_ldmib:\n"
	"	ldmib r0!, {r2, r3}\n"
	"	stm r1, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_ldmda\n"
	".type align_ldmda, %function\n"
	"align_ldmda:\n"
	"	ldmda r0!, {r2, r3}\n"
	"	stm r1, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_ldmdb\n"
	".type align_ldmdb, %function\n"
	"align_ldmdb:\n"
	"	ldmdb r0!, {r2, r3}\n"
	"	stm r1, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_ldm4\n"
	".type align_ldm4, %function\n"
	"align_ldm4:\n" /* four registers, writeback: base + 16 */
	"	push {r4, lr}\n"
	"	ldm r0!, {r2, r3, r4, r12}\n"
	"	stm r1, {r2, r3, r4, r12}\n"
	"	str r0, [r1, #16]\n"
	"	pop {r4, pc}\n"
	".global align_stmdb\n"
	".type align_stmdb, %function\n"
	"align_stmdb:\n"
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	stmdb r0!, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_stmib\n"
	".type align_stmib, %function\n"
	"align_stmib:\n"
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	stmib r0!, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_stmda\n"
	".type align_stmda, %function\n"
	"align_stmda:\n"
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	stmda r0!, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_ldm_base\n"
	".type align_ldm_base, %function\n"
	"align_ldm_base:\n" /* the base register loaded: returns r0:r1 */
	"	ldm r0, {r0, r1}\n"
	"	bx lr\n"
	".global align_ldm_pc\n"
	".type align_ldm_pc, %function\n"
	"align_ldm_pc:\n" /* ldm r0, {r2, pc}: p holds a word and align_ldm_pc_back */
	"	push {r4, lr}\n"
	"	ldm r0, {r2, pc}\n"
	"	udf #0\n"
	".global align_ldm_pc_back\n"
	".type align_ldm_pc_back, %function\n"
	"align_ldm_pc_back:\n"
	"	mov r0, r2\n"
	"	pop {r4, pc}\n"
	".global align_stm_pc\n"
	".type align_stm_pc, %function\n"
	"align_stm_pc:\n"
	"	mov r2, #0x42\n"
	".global align_stm_pc_insn\n"
	"align_stm_pc_insn:\n"
	"	.inst 0xe8808004\n" /* stm r0, {r2, pc} (the assembler calls pc there deprecated) */
	"	bx lr\n"
	".global align_ldrd_sentinel\n"
	".type align_ldrd_sentinel, %function\n"
	"align_ldrd_sentinel:\n" /* ldrd r2, r3: the sentinels stay when it is skipped */
	"	movw r2, #0x5a5a\n"
	"	movt r2, #0x5a5a\n"
	"	mov r3, r2\n"
	".global align_ldrd_sentinel_insn\n"
	"align_ldrd_sentinel_insn:\n"
	"	ldrd r2, r3, [r0]\n"
	"	mov r0, r2\n"
	"	mov r1, r3\n"
	"	bx lr\n"
	".thumb\n"
	".global align_t_ldrd_pre\n"
	".type align_t_ldrd_pre, %function\n"
	".thumb_func\n"
	"align_t_ldrd_pre:\n" /* Thumb-2 ldrd, pre-indexed + 4, writeback */
	"	ldrd r2, r3, [r0, #4]!\n"
	"	stm r1!, {r2, r3}\n"
	"	str r0, [r1]\n"
	"	bx lr\n"
	".global align_t_strd_post\n"
	".type align_t_strd_post, %function\n"
	".thumb_func\n"
	"align_t_strd_post:\n" /* Thumb-2 strd at base, then base - 8 */
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	strd r2, r3, [r0], #-8\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_t_ldm_w\n"
	".type align_t_ldm_w, %function\n"
	".thumb_func\n"
	"align_t_ldm_w:\n" /* Thumb-2 ldm with writeback: base + 12 */
	"	ldmia.w r0!, {r2, r3, r12}\n"
	"	str r2, [r1]\n"
	"	str r3, [r1, #4]\n"
	"	str.w r12, [r1, #8]\n"
	"	str r0, [r1, #12]\n"
	"	bx lr\n"
	".global align_t_stmdb\n"
	".type align_t_stmdb, %function\n"
	".thumb_func\n"
	"align_t_stmdb:\n" /* Thumb-2 stmdb: base - 8 */
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	stmdb r0!, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_t_ldm_n\n"
	".type align_t_ldm_n, %function\n"
	".thumb_func\n"
	"align_t_ldm_n:\n" /* 16-bit ldm with writeback */
	"	ldmia.n r0!, {r2, r3}\n"
	"	str r2, [r1]\n"
	"	str r3, [r1, #4]\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_t_stm_n\n"
	".type align_t_stm_n, %function\n"
	".thumb_func\n"
	"align_t_stm_n:\n" /* 16-bit stm: base + 8 */
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	stmia.n r0!, {r2, r3}\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_t_push\n"
	".type align_t_push, %function\n"
	".thumb_func\n"
	"align_t_push:\n" /* push {r2, r3} with sp = p: at p - 8 */
	"	movw r2, #0x3344\n"
	"	movt r2, #0x1122\n"
	"	movw r3, #0x7788\n"
	"	movt r3, #0x5566\n"
	"	mov r12, sp\n"
	"	mov sp, r0\n"
	"	push.n {r2, r3}\n"
	"	mov r0, sp\n"
	"	mov sp, r12\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_t_pop\n"
	".type align_t_pop, %function\n"
	".thumb_func\n"
	"align_t_pop:\n" /* pop {r2, r3} with sp = p */
	"	mov r12, sp\n"
	"	mov sp, r0\n"
	"	pop.n {r2, r3}\n"
	"	mov r0, sp\n"
	"	mov sp, r12\n"
	"	str r2, [r1]\n"
	"	str r3, [r1, #4]\n"
	"	str r0, [r1, #8]\n"
	"	bx lr\n"
	".global align_t_pop_pc\n"
	".type align_t_pop_pc, %function\n"
	".thumb_func\n"
	"align_t_pop_pc:\n" /* pop {r2, pc} with sp = p: p holds a word and the way back */
	"	push {r4, lr}\n"
	"	mov r4, r1\n"
	"	mov r12, sp\n"
	"	mov sp, r0\n"
	"	pop.n {r2, pc}\n"
	"	udf #0\n"
	".global align_t_pop_pc_back\n"
	".type align_t_pop_pc_back, %function\n"
	".thumb_func\n"
	"align_t_pop_pc_back:\n"
	"	mov r0, sp\n"
	"	mov sp, r12\n"
	"	str r2, [r4]\n"
	"	str r0, [r4, #8]\n"
	"	pop {r4, pc}\n"
	".global align_t_it\n"
	".type align_t_it, %function\n"
	".thumb_func\n"
	"align_t_it:\n" /* ldrd in an IT block: the instructions after it keep their
				   conditions (returns 1; 7 or 8 if the IT state went wrong) */
	"	movs r1, #0\n"
	"	cmp r0, r0\n"
	"	ite eq\n"
	"	ldrdeq r2, r3, [r0]\n"
	"	movne r1, #7\n"
	"	adds r1, #1\n"
	"	mov r0, r1\n"
	"	bx lr\n"
	".popsection\n");
void align_ldrd_post(void *p, unsigned long *out);
void align_ldrd_pre_reg(void *p, unsigned long *out);
void align_ldrd_post_reg(void *p, unsigned long *out);
void align_strd_pre(void *p, unsigned long *out);
void align_strd_post_reg(void *p, unsigned long *out);
void align_ldmib(void *p, unsigned long *out);
void align_ldmda(void *p, unsigned long *out);
void align_ldmdb(void *p, unsigned long *out);
void align_ldm4(void *p, unsigned long *out);
void align_stmdb(void *p, unsigned long *out);
void align_stmib(void *p, unsigned long *out);
void align_stmda(void *p, unsigned long *out);
unsigned long long align_ldm_base(const void *p);
unsigned long align_ldm_pc(const void *p);
void align_ldm_pc_back(void);
void align_stm_pc(void *p);
extern char align_stm_pc_insn[];
unsigned long long align_ldrd_sentinel(const void *p);
extern char align_ldrd_sentinel_insn[];
void align_t_ldrd_pre(void *p, unsigned long *out);
void align_t_strd_post(void *p, unsigned long *out);
void align_t_ldm_w(void *p, unsigned long *out);
void align_t_stmdb(void *p, unsigned long *out);
void align_t_ldm_n(void *p, unsigned long *out);
void align_t_stm_n(void *p, unsigned long *out);
void align_t_push(void *p, unsigned long *out);
void align_t_pop(void *p, unsigned long *out);
void align_t_pop_pc(void *p, unsigned long *out);
void align_t_pop_pc_back(void);
int align_t_it(const void *p);

/* A load probe at buf + off: n words as buf holds them there, and the base after. */
static void check_load(const char *name, void (*probe)(void *, unsigned long *), unsigned off,
		       int words_from, unsigned n, int base_after)
{
	unsigned long out[5] = {0};
	int ok = 1;

	fill_buf();
	probe(buf + off, out);
	for (unsigned i = 0; i < n; i++)
		ok &= out[i] == word_at((unsigned)((int)off + words_from + 4 * (int)i));
	CHECK(name, ok && out[n] == (uintptr_t)(buf + off + base_after),
	      "words %08lx %08lx, base %+ld (expected %+d from the address)", out[0], out[1],
	      (long)(out[n] - (uintptr_t)(buf + off)), base_after);
}

/* A store probe at buf + off: LO, HI at buf + off + at, the bytes around them intact, and the
 * base after. */
static void check_store(const char *name, void (*probe)(void *, unsigned long *), unsigned off,
			int at, int base_after)
{
	unsigned long out[3] = {0};
	unsigned o = (unsigned)((int)off + at);

	fill_buf();
	probe(buf + off, out);
	CHECK(name,
	      bytes_are(o, LO_HI, 8) && buf[o - 1] == o && buf[o + 8] == o + 9 &&
		      out[2] == (uintptr_t)(buf + off + base_after),
	      "base %+ld (expected %+d), bytes %s", (long)(out[2] - (uintptr_t)(buf + off)),
	      base_after, bytes_are(o, LO_HI, 8) ? "stored" : "not stored");
}

static void test_modes(void)
{
	unsigned long long d;
	unsigned long v;

	memset((void *)&bus, 0, sizeof(bus));
	check_load("align.ldrd_post_imm", align_ldrd_post, 17, 0, 2, 12);
	check_load("align.ldrd_pre_reg_writeback", align_ldrd_pre_reg, 17, -4, 2, -4);
	check_load("align.ldrd_post_reg_sub", align_ldrd_post_reg, 17, 0, 2, -8);
	check_store("align.strd_pre_imm_writeback", align_strd_pre, 17, 8, 8);
	check_store("align.strd_post_reg", align_strd_post_reg, 17, 0, 4);
	check_load("align.ldmib_writeback", align_ldmib, 17, 4, 2, 8);
	check_load("align.ldmda_writeback", align_ldmda, 17, -4, 2, -8);
	check_load("align.ldmdb_writeback", align_ldmdb, 17, -8, 2, -8);
	check_load("align.ldmia_4_writeback", align_ldm4, 17, 0, 4, 16);
	check_store("align.stmdb_writeback", align_stmdb, 19, -8, -8);
	check_store("align.stmib_writeback", align_stmib, 19, 4, 8);
	check_store("align.stmda_writeback", align_stmda, 19, -4, -8);

	fill_buf();
	d = align_ldm_base(buf + 21);
	CHECK("align.ldm_loads_its_base",
	      (unsigned long)d == word_at(21) && (unsigned long)(d >> 32) == word_at(25),
	      "got %016llx", d);
	/* pc in an LDM's list: the word there is where it goes on. */
	fill_buf();
	v = (uintptr_t)align_ldm_pc_back;
	memcpy(buf + 21 + 4, &v, 4);
	v = align_ldm_pc(buf + 21);
	CHECK_EQ("align.ldm_pc", v, word_at(21));
	/* pc in an STM's list is stored as the instruction's address + 8. */
	fill_buf();
	align_stm_pc(buf + 21);
	memcpy(&v, buf + 25, 4);
	CHECK("align.stm_pc", bytes_are(21, 0x42, 4) && v == (uintptr_t)align_stm_pc_insn + 8,
	      "stored %08lx, the stm at %p", v, (void *)align_stm_pc_insn);

	check_load("align.thumb2_ldrd_pre_writeback", align_t_ldrd_pre, 17, 4, 2, 4);
	check_store("align.thumb2_strd_post", align_t_strd_post, 17, 0, -8);
	check_load("align.thumb2_ldm_writeback", align_t_ldm_w, 17, 0, 3, 12);
	check_store("align.thumb2_stmdb_writeback", align_t_stmdb, 19, -8, -8);
	check_load("align.thumb_ldm_writeback", align_t_ldm_n, 17, 0, 2, 8);
	check_store("align.thumb_stm_writeback", align_t_stm_n, 17, 0, 8);
	check_store("align.thumb_push_sp_unaligned", align_t_push, 27, -8, -8);
	check_load("align.thumb_pop_sp_unaligned", align_t_pop, 17, 0, 2, 8);
	{
		unsigned long out[3] = {0};

		fill_buf();
		v = (uintptr_t)align_t_pop_pc_back; /* odd: Thumb */
		memcpy(buf + 17 + 4, &v, 4);
		align_t_pop_pc(buf + 17, out);
		CHECK("align.thumb_pop_pc",
		      out[0] == word_at(17) && out[2] == (uintptr_t)(buf + 17 + 8),
		      "r2 %08lx, sp %+ld", out[0], (long)(out[2] - (uintptr_t)(buf + 17)));
	}
	fill_buf();
	CHECK_EQ("align.thumb_it_block", align_t_it(buf + 17), 1);
	CHECK_EQ("align.modes.no_signal", bus.count, 0);
}

/* Faults of the emulated access, and the signal mode: what a handler sees. */
static struct {
	volatile int count, sig, code;
	void *volatile addr;
	volatile unsigned long pc, trap, err;
	volatile uintptr_t skip; /* the (ARM) instruction the handler steps over */
} flt;

static void flt_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	flt.count++;
	flt.sig = sig;
	flt.code = si->si_code;
	flt.addr = si->si_addr;
	flt.pc = uc->uc_mcontext.arm_pc;
	flt.trap = uc->uc_mcontext.trap_no;
	flt.err = uc->uc_mcontext.error_code;
	/* Step over the access (and over whatever faulted instead, rather than loop). */
	if (uc->uc_mcontext.arm_pc == flt.skip || flt.count > 3)
		uc->uc_mcontext.arm_pc += 4;
}

/* One fault expected at insn: signal sig, si_code code, si_addr addr, FSR fsr. */
static void check_fault(const char *name, int sig, int code, const void *addr, const char *insn,
			unsigned long fsr)
{
	char n[80];

	snprintf(n, sizeof(n), "%s.signal", name);
	CHECK(n, flt.count == 1 && flt.sig == sig, "%d signals, the last %s", flt.count,
	      signame(flt.sig));
	snprintf(n, sizeof(n), "%s.si_code", name);
	CHECK_CODE(n, sig, flt.code, code);
	snprintf(n, sizeof(n), "%s.si_addr", name);
	CHECK_PTR(n, flt.addr, addr);
	snprintf(n, sizeof(n), "%s.pc", name);
	CHECK(n, flt.pc == (uintptr_t)insn, "arm_pc %08lx, the instruction at %p", flt.pc,
	      (const void *)insn);
	if (sig == SIGSEGV) {
		snprintf(n, sizeof(n), "%s.trap_no", name);
		CHECK_EQ(n, flt.trap, 14UL);
		snprintf(n, sizeof(n), "%s.error_code", name);
		CHECK_EQ(n, flt.err, fsr);
	}
}

static void flt_reset(const char *insn)
{
	memset((void *)&flt, 0, sizeof(flt));
	flt.skip = (uintptr_t)insn;
}

#define SENTINELS 0x5a5a5a5a5a5a5a5aULL

static void test_faults(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char *m = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long long d;

	MUST("mmap", m != MAP_FAILED);
	MUST("mprotect", mprotect(m + pg, (size_t)pg, PROT_NONE) == 0);
	MUST_HANDLE(SIGSEGV, flt_handler, 0);
	MUST_HANDLE(SIGBUS, flt_handler, 0);

	/* The second word is in the PROT_NONE page. */
	flt_reset(align_ldrd_sentinel_insn);
	d = align_ldrd_sentinel(m + pg - 5);
	check_fault("align.fault.ldrd_across", SIGSEGV, LINUX_SEGV_MAPERR, m + pg - 5,
		    align_ldrd_sentinel_insn, 0x001);
	CHECK_EQ("align.fault.ldrd_across.registers_kept", d, SENTINELS);
	flt_reset(align_strd_insn);
	align_strd(m + pg - 5, LO, HI);
	check_fault("align.fault.strd_across", SIGSEGV, LINUX_SEGV_MAPERR, m + pg - 5,
		    align_strd_insn, 0x801);
	/* Alignment comes first: even in a PROT_NONE page, or a read-only one, MAPERR. */
	flt_reset(align_ldrd_sentinel_insn);
	d = align_ldrd_sentinel(m + pg + 1);
	check_fault("align.fault.ldrd_prot_none", SIGSEGV, LINUX_SEGV_MAPERR, m + pg + 1,
		    align_ldrd_sentinel_insn, 0x001);
	MUST("mprotect", mprotect(m, (size_t)pg, PROT_READ) == 0);
	flt_reset(align_strd_insn);
	align_strd(m + 9, LO, HI);
	check_fault("align.fault.strd_read_only", SIGSEGV, LINUX_SEGV_MAPERR, m + 9,
		    align_strd_insn, 0x801);
	CHECK("align.fault.strd_read_only.unchanged", m[9] == 0 && m[16] == 0, "written");
	flt_reset(align_ldm_insn);
	align_ldm((const void *)1);
	check_fault("align.fault.ldm_null", SIGSEGV, LINUX_SEGV_MAPERR, (void *)1, align_ldm_insn,
		    0x001);
	flt_reset(align_ldrd_sentinel_insn);
	align_ldrd_sentinel((const void *)0xc0000001);
	check_fault("align.fault.ldrd_kernel", SIGSEGV, LINUX_SEGV_MAPERR, (void *)0xc0000001,
		    align_ldrd_sentinel_insn, 0x001);
	munmap(m, 2 * (size_t)pg);
	(void)d;
}

/* /proc/cpu/alignment: the counters, the mode, and the text as Linux prints it. */
struct ai_file {
	unsigned long user, sys, skipped, half, word, dword, multi;
	int mode;
	char action[16];
	int parsed, format_ok;
};

static void read_ai(struct ai_file *a)
{
	char text[512], sys_pc[64], want[512];
	int fd = open("/proc/cpu/alignment", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);

	memset(a, 0, sizeof(*a));
	if (fd >= 0)
		close(fd);
	if (n < 0)
		return;
	text[n] = 0;
	a->parsed = sscanf(text,
			   "User: %lu System: %lu (%63[^)]) Skipped: %lu Half: %lu Word: %lu "
			   "DWord: %lu Multi: %lu User faults: %d (%15[^)])",
			   &a->user, &a->sys, sys_pc, &a->skipped, &a->half, &a->word, &a->dword,
			   &a->multi, &a->mode, a->action) == 10;
	if (!a->parsed)
		return;
	snprintf(want, sizeof(want),
		 "User:\t\t%lu\nSystem:\t\t%lu (%s)\nSkipped:\t%lu\nHalf:\t\t%lu\nWord:\t\t%lu\n"
		 "DWord:\t\t%lu\nMulti:\t\t%lu\nUser faults:\t%d (%s)\n",
		 a->user, a->sys, sys_pc, a->skipped, a->half, a->word, a->dword, a->multi, a->mode,
		 a->action);
	a->format_ok = !strcmp(text, want);
}

static long write_ai(const char *s)
{
	int fd = open("/proc/cpu/alignment", O_WRONLY);
	long r;

	if (fd < 0)
		return -errno;
	r = write(fd, s, strlen(s));
	if (r < 0)
		r = -errno;
	close(fd);
	return r;
}

/* The counters' growth from a to b against the expected one. */
static void check_growth(const char *name, const struct ai_file *a, const struct ai_file *b,
			 unsigned long user, unsigned long skipped, unsigned long dword,
			 unsigned long multi)
{
	CHECK(name,
	      b->user - a->user == user && b->skipped - a->skipped == skipped &&
		      b->dword - a->dword == dword && b->multi - a->multi == multi &&
		      b->half == a->half && b->word == a->word,
	      "User +%lu, Skipped +%lu, DWord +%lu, Multi +%lu, Half +%lu, Word +%lu (expected "
	      "+%lu, +%lu, +%lu, +%lu, 0, 0)",
	      b->user - a->user, b->skipped - a->skipped, b->dword - a->dword, b->multi - a->multi,
	      b->half - a->half, b->word - a->word, user, skipped, dword, multi);
}

#define CHECK_MODE(name, a, want_mode, want_action)                                                \
	CHECK(name, (a).parsed && (a).mode == (want_mode) && !strcmp((a).action, want_action),     \
	      "User faults: %d (%s)", (a).mode, (a).action)

/* The modes root writes: 4 signals, 0 and 1 get fixup added, other characters change nothing. */
static void test_usermode(void)
{
	struct ai_file a, b;
	unsigned long long d;

	MUST_HANDLE(SIGBUS, flt_handler, 0);
	CHECK_EQ("align.proc.write_signal", write_ai("4"), 1L);
	read_ai(&a);
	CHECK_MODE("align.proc.mode_signal", a, 4, "signal");
	fill_buf();
	flt_reset(align_ldrd_sentinel_insn);
	d = align_ldrd_sentinel(buf + 1);
	check_fault("align.signal_mode", SIGBUS, LINUX_BUS_ADRALN, buf + 1,
		    align_ldrd_sentinel_insn, 0);
	CHECK_EQ("align.signal_mode.registers_kept", d, SENTINELS);
	read_ai(&b);
	check_growth("align.signal_mode.counters", &a, &b, 1, 0, 0, 0);

	CHECK_EQ("align.proc.write_ignore", write_ai("0"), 1L);
	read_ai(&a);
	CHECK_MODE("align.proc.mode_ignore_is_fixup", a, 2, "fixup");
	CHECK_EQ("align.proc.write_warn", write_ai("1"), 1L);
	read_ai(&a);
	CHECK_MODE("align.proc.mode_warn_is_fixup_warn", a, 3, "fixup+warn");
	flt_reset(NULL);
	d = align_ldrd_sentinel(buf + 1);
	CHECK("align.warn_mode.emulated",
	      flt.count == 0 && (unsigned long)d == word_at(1) &&
		      (unsigned long)(d >> 32) == word_at(5),
	      "%d signals, got %016llx", flt.count, d);
	CHECK_EQ("align.proc.write_other", write_ai("x"), 1L);
	read_ai(&a);
	CHECK_MODE("align.proc.mode_unchanged", a, 3, "fixup+warn");
	CHECK_EQ("align.proc.write_fixup", write_ai("2\n"), 2L);
	read_ai(&a);
	CHECK_MODE("align.proc.mode_fixup", a, 2, "fixup");
}

static int run(void)
{
	struct ai_file a, b;

	read_ai(&a);
	CHECK("align.proc.format", a.parsed && a.format_ok, "/proc/cpu/alignment %s",
	      a.parsed ? "not in Linux's format" : "unreadable");
	CHECK_MODE("align.proc.mode", a, 2, "fixup");
	test_loads_stores();
	read_ai(&b);
	/* Offsets 1, 2, 3 and 6 (not 4): LDRD, LDM, STRD and STM each. */
	check_growth("align.proc.counters", &a, &b, 16, 0, 8, 8);
	test_vfp();
	read_ai(&a);
	check_growth("align.proc.counters_vldr_skipped", &b, &a, 1, 1, 0, 0);
	test_modes();
	test_faults();
	test_usermode();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
