/*
 * Unaligned accesses from the application, as Linux 6.1 on ARMv7 handles them (issue 13):
 * LDR/STR and LDRH/STRH at any address are done by the CPU (SCTLR.A clear); LDRD/STRD and
 * LDM/STM at an address that is not word-aligned trap, and Linux's alignment handler emulates
 * them ("User faults: 2 (fixup)" in /proc/cpu/alignment): the program sees the right values
 * and no signal. VLDR/VSTR (word alignment required) are not emulated: SIGBUS BUS_ADRALN.
 * (LDREX, the other unemulated one, is in signals_faults.c.) Every probe is ARM-state
 * assembly on a buffer whose bytes are known; a SIGBUS handler counts and steps over.
 */
#include "sig_check.h"

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
	"	strd r4, r5, [r0]\n"
	"	pop {r4, r5}\n"
	"	bx lr\n"
	".global align_ldm\n"
	".type align_ldm, %function\n"
	"align_ldm:\n"
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
unsigned long long align_ldm(const void *p);
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

static int run(void)
{
	char line[128];
	FILE *f = fopen("/proc/cpu/alignment", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "User faults:", 12)) {
			line[strcspn(line, "\n")] = 0;
			t_note("/proc/cpu/alignment: %s", line);
		}
	if (f)
		fclose(f);
	test_loads_stores();
	test_vfp();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
