/*
 * What a handler is given and what it can change (issue 13): siginfo per sender (kill
 * SI_USER, tgkill/raise SI_TKILL, sigqueue SI_QUEUE with its value, rt_sigqueueinfo and
 * rt_tgsigqueueinfo passing the caller's siginfo through), the frame's layout (siginfo, then
 * the ucontext 128 bytes above, 888 bytes in all, 8-byte aligned, at the top of the
 * alternate stack), the ucontext (uc_flags, uc_link, uc_stack, uc_sigmask and oldmask, the
 * VFP record in uc_regspace with d0-d31 and FPSCR), the handler's changes to the saved r0,
 * FP registers and uc_sigmask taking effect on return, FP registers and FPSCR coming back
 * after a handler that changed its own, registers intact across timer signals arriving in
 * the middle of computations, siglongjmp with and without the saved mask, abort() left by
 * siglongjmp, and stack overflows caught on an alternate stack (main thread: SEGV_MAPERR at
 * the 8 MiB limit; a thread: SEGV_ACCERR in its guard), left by siglongjmp, twice.
 */
#include "sig_check.h"

/*
 * frame_tgkill(pid, tid, sig): the raw tgkill, returning r0 as it is after the call (and
 * after any handler that ran on the way back). frame_vfp(struct vfp_probe *): d8 and d16 and
 * FPSCR set from the probe, a tgkill, then d8, d16 and FPSCR as they are after it.
 * frame_vfp_scribble(fpscr): sets FPSCR, d0 and d16 (caller-saved) and returns the old FPSCR.
 */
struct vfp_probe {
	double d8, d16;		   /* 0, 8: before */
	double d8_out, d16_out;	   /* 16, 24: after */
	unsigned pid, tid, sig;	   /* 32, 36, 40 */
	unsigned fpscr, fpscr_out; /* 44, 48 */
};
__asm__(".pushsection .text\n"
	".arm\n"
	".fpu neon-vfpv4\n"
	".balign 4\n"
	".global frame_tgkill\n"
	".type frame_tgkill, %function\n"
	"frame_tgkill:\n"
	"	push {r7, lr}\n"
	"	mov r7, #268\n" /* __NR_tgkill */
	"	svc #0\n"
	"	pop {r7, pc}\n"
	".global frame_vfp_scribble\n"
	".type frame_vfp_scribble, %function\n"
	"frame_vfp_scribble:\n"
	"	vmrs r1, fpscr\n"
	"	vmsr fpscr, r0\n"
	"	vmov.f64 d16, #-2.0\n"
	"	vmov.f64 d0, #-3.0\n"
	"	mov r0, r1\n"
	"	bx lr\n"
	".global frame_vfp\n"
	".type frame_vfp, %function\n"
	"frame_vfp:\n"
	"	push {r4-r7, lr}\n"
	"	vpush {d8}\n"
	"	mov r5, r0\n"
	"	vmrs r4, fpscr\n"
	"	ldr r6, [r5, #44]\n"
	"	vmsr fpscr, r6\n"
	"	vldr d8, [r5]\n"
	"	vldr d16, [r5, #8]\n"
	"	ldr r0, [r5, #32]\n"
	"	ldr r1, [r5, #36]\n"
	"	ldr r2, [r5, #40]\n"
	"	mov r7, #268\n"
	"	svc #0\n"
	"	vmrs r6, fpscr\n"
	"	str r6, [r5, #48]\n"
	"	vstr d8, [r5, #16]\n"
	"	vstr d16, [r5, #24]\n"
	"	vmsr fpscr, r4\n"
	"	vpop {d8}\n"
	"	pop {r4-r7, pc}\n"
	".popsection\n");
unsigned long frame_tgkill(long pid, long tid, int sig);
void frame_vfp(struct vfp_probe *p);
unsigned long frame_vfp_scribble(unsigned long fpscr);

static void test_siginfo(void)
{
	union sigval v;
	struct linux_siginfo k;

	MUST_HANDLE(SIGUSR1, rec_handler, 0);
	MUST_HANDLE(SIGRTMIN + 1, rec_handler, 0);
	unblock_all();

	rec_reset();
	kill(getpid(), SIGUSR1);
	CHECK_SIGNO("frame.kill.si_signo", rec.signo, SIGUSR1);
	CHECK_CODE("frame.kill.si_code", SIGUSR1, rec.code, LINUX_SI_USER);
	CHECK_EQ("frame.kill.si_pid", rec.pid, getpid());
	CHECK_EQ("frame.kill.si_uid", rec.uid, getuid());
	rec_reset();
	raise(SIGUSR1);
	CHECK_CODE("frame.raise.si_code", SIGUSR1, rec.code, LINUX_SI_TKILL);
	CHECK_EQ("frame.raise.si_pid", rec.pid, getpid());
	CHECK_EQ("frame.raise.si_uid", rec.uid, getuid());
	rec_reset();
	CHECK_RC("frame.pthread_kill", pthread_kill(pthread_self(), SIGUSR1), 0);
	CHECK_CODE("frame.pthread_kill.si_code", SIGUSR1, rec.code, LINUX_SI_TKILL);
	CHECK_EQ("frame.pthread_kill.si_pid", rec.pid, getpid());

	/* sigqueue: SI_QUEUE and the value, to a standard and to a real-time signal. */
	rec_reset();
	v.sival_int = 4242;
	CHECK_ZERO("frame.sigqueue", sigqueue(getpid(), SIGUSR1, v));
	CHECK_CODE("frame.sigqueue.si_code", SIGUSR1, rec.code, LINUX_SI_QUEUE);
	CHECK_EQ("frame.sigqueue.si_value", rec.value, 4242);
	CHECK_EQ("frame.sigqueue.si_pid", rec.pid, getpid());
	CHECK_EQ("frame.sigqueue.si_uid", rec.uid, getuid());
	rec_reset();
	v.sival_int = -7;
	sigqueue(getpid(), SIGRTMIN + 1, v);
	CHECK("frame.sigqueue_rt",
	      rec.count[SIGRTMIN + 1] == 1 && rec.value == -7 && rec.code == LINUX_SI_QUEUE,
	      "ran %d times, value %d, %s", rec.count[SIGRTMIN + 1], rec.value,
	      codename(SIGRTMIN + 1, rec.code));
	CHECK_SYSERR("frame.sigqueue.sig65_einval", sigqueue(getpid(), 65, v), EINVAL);
	CHECK_SYSERR("frame.sigqueue.unknown_pid_esrch", sigqueue(99999, SIGUSR1, v), ESRCH);

	/* The raw calls deliver the caller's siginfo as it is (to itself, any si_code). */
	memset(&k, 0, sizeof(k));
	k.si_signo = SIGUSR1;
	k.si_code = LINUX_SI_QUEUE;
	k.fields.rt.pid = 12345;
	k.fields.rt.uid = 777;
	k.fields.rt.sigval.sival_int = 99;
	rec_reset();
	CHECK_SYSVAL("frame.rt_sigqueueinfo", RAW(__NR_rt_sigqueueinfo, getpid(), SIGUSR1, &k), 0);
	CHECK("frame.rt_sigqueueinfo.as_given",
	      rec.count[SIGUSR1] == 1 && rec.code == LINUX_SI_QUEUE && rec.pid == 12345 &&
		      rec.uid == 777 && rec.value == 99,
	      "ran %d times, %s, pid %d, uid %d, value %d", rec.count[SIGUSR1],
	      codename(SIGUSR1, rec.code), rec.pid, rec.uid, rec.value);
	rec_reset();
	k.fields.rt.sigval.sival_int = 100;
	CHECK_SYSVAL("frame.rt_tgsigqueueinfo",
		     RAW(__NR_rt_tgsigqueueinfo, getpid(), sys_gettid(), SIGUSR1, &k), 0);
	CHECK("frame.rt_tgsigqueueinfo.as_given",
	      rec.count[SIGUSR1] == 1 && rec.pid == 12345 && rec.value == 100,
	      "ran %d times, pid %d, value %d", rec.count[SIGUSR1], rec.pid, rec.value);
	CHECK_SYSERR("frame.rt_sigqueueinfo.sig65_einval",
		     RAW(__NR_rt_sigqueueinfo, getpid(), 65, &k), EINVAL);
	CHECK_SYSERR("frame.rt_sigqueueinfo.esrch", RAW(__NR_rt_sigqueueinfo, 99999, SIGUSR1, &k),
		     ESRCH);
	CHECK_SYSERR("frame.rt_sigqueueinfo.efault",
		     RAW(__NR_rt_sigqueueinfo, getpid(), SIGUSR1, unmapped_page()), EFAULT);

	/* Linux keeps 32 bytes of a siginfo (its kernel_siginfo): past them, a known si_code's
	 * bytes are dropped (they arrive as zeroes), an unknown one's must be zero (E2BIG). */
	sigset_t usr1;
	siginfo_t got;
	unsigned char raw[128];

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	k.pad[10] = 0x55aa55aa; /* byte 52 */
	CHECK_SYSVAL("frame.rt_sigqueueinfo.tail_known_code",
		     RAW(__NR_rt_sigqueueinfo, getpid(), SIGUSR1, &k), 0);
	memset(&got, 0xff, sizeof(got));
	CHECK_SYSVAL("frame.rt_sigqueueinfo.tail_taken", sigwaitinfo(&usr1, &got), SIGUSR1);
	memcpy(raw, &got, sizeof(raw));
	CHECK("frame.rt_sigqueueinfo.tail_zeroed",
	      raw[52] == 0 && raw[127] == 0 && got.si_value.sival_int == 100,
	      "byte 52 %#x, byte 127 %#x, value %d", raw[52], raw[127], got.si_value.sival_int);
	k.si_code = 50; /* no layout Linux knows for SIGUSR1 (more than NSIGPOLL) */
	CHECK_SYSERR("frame.rt_sigqueueinfo.tail_unknown_code_e2big",
		     RAW(__NR_rt_sigqueueinfo, getpid(), SIGUSR1, &k), E2BIG);
	k.pad[10] = 0;
	CHECK_SYSVAL("frame.rt_sigqueueinfo.unknown_code_zero_tail",
		     RAW(__NR_rt_sigqueueinfo, getpid(), SIGUSR1, &k), 0);
	memset(&got, 0, sizeof(got));
	CHECK("frame.rt_sigqueueinfo.unknown_code_delivered",
	      sigwaitinfo(&usr1, &got) == SIGUSR1 && got.si_code == 50 && got.si_pid == 12345,
	      "si_code %d, si_pid %d", got.si_code, got.si_pid);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
}

/* The frame's layout and the ucontext's fields. */
static volatile int ctx_nested_ss_flags, ctx_signo_arg;
static struct {
	volatile unsigned long uc_flags;
	void *volatile uc_link;
	void *volatile ss_sp;
	volatile unsigned long ss_size;
	volatile int ss_flags;
	volatile unsigned long oldmask;
} ctx;

static void ctx_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	rec_handler(sig, si, ucv);
	ctx_signo_arg = sig;
	ctx.uc_flags = uc->uc_flags;
	ctx.uc_link = uc->uc_link;
	ctx.ss_sp = uc->uc_stack.ss_sp;
	ctx.ss_size = uc->uc_stack.ss_size;
	ctx.ss_flags = uc->uc_stack.ss_flags;
	ctx.oldmask = uc->uc_mcontext.oldmask;
}

static volatile int nested_sig;
static void nesting_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)si;
	if (sig == SIGUSR2) {
		ctx_nested_ss_flags = uc->uc_stack.ss_flags;
		nested_sig = sig;
		return;
	}
	raise(SIGUSR2); /* delivered in here, on the alternate stack */
}

/* Adds SIGUSR2 to the mask to return to, and makes the interrupted tgkill return 0x1234. */
static void changer_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	rec_handler(sig, si, ucv);
	sigaddset(&uc->uc_sigmask, SIGUSR2);
	uc->uc_mcontext.arm_r0 = 0x1234;
}

static void test_layout(void)
{
	static char alt[4 * LINUX_SIGSTKSZ] __attribute__((aligned(16)));
	char *top = alt + sizeof(alt);
	stack_t ss;

	/* On the alternate stack: the whole frame sits at its top. */
	ss.ss_sp = alt;
	ss.ss_size = sizeof(alt);
	ss.ss_flags = 0;
	MUST("sigaltstack", sigaltstack(&ss, NULL) == 0);
	MUST_HANDLE(SIGUSR1, ctx_handler, SA_ONSTACK);
	unblock_all();
	block(SIGUSR2);
	rec_reset();
	raise(SIGUSR1);
	CHECK_EQ("frame.layout.handler_ran", rec.count[SIGUSR1], 1);
	CHECK_SIGNO("frame.layout.first_argument", ctx_signo_arg, SIGUSR1);
	CHECK_EQ("frame.layout.info_aligned", (uintptr_t)rec.info_at % 8, 0);
	CHECK_EQ("frame.layout.uc_after_info", (char *)rec.uc_at - (char *)rec.info_at,
		 sizeof(struct linux_siginfo));
	CHECK_EQ("frame.layout.frame_size", top - (char *)rec.info_at,
		 sizeof(struct linux_rt_sigframe));
	CHECK("frame.layout.handler_below_frame",
	      (char *)rec.local_at < (char *)rec.info_at && (char *)rec.local_at >= alt,
	      "a local of the handler at %p, the frame at %p", rec.local_at, rec.info_at);
	CHECK_EQ("frame.uc.flags", ctx.uc_flags, 0);
	CHECK_PTR("frame.uc.link", ctx.uc_link, NULL);
	CHECK("frame.uc.stack", ctx.ss_sp == alt && ctx.ss_size == sizeof(alt) && ctx.ss_flags == 0,
	      "got sp %p size %lu flags %d, expected %p %lu 0", ctx.ss_sp, ctx.ss_size,
	      ctx.ss_flags, (void *)alt, (unsigned long)sizeof(alt));
	/* The mask to return to (uc_sigmask, its low word in oldmask): SIGUSR2, not SIGUSR1. */
	CHECK("frame.uc.sigmask", rec.uc_mask[0] == 1UL << (SIGUSR2 - 1) && rec.uc_mask[1] == 0,
	      "got %08lx %08lx, expected 0 %08lx", rec.uc_mask[1], rec.uc_mask[0],
	      1UL << (SIGUSR2 - 1));
	CHECK_EQ("frame.uc.oldmask", ctx.oldmask, 1UL << (SIGUSR2 - 1));
	CHECK("frame.mask_in_handler",
	      rec.mask_in[0] == (1UL << (SIGUSR2 - 1) | 1UL << (SIGUSR1 - 1)) &&
		      rec.mask_in[1] == 0,
	      "got %08lx %08lx", rec.mask_in[1], rec.mask_in[0]);
	unblock_all();

	/* A signal arriving in a handler that runs on the alternate stack: uc_stack holds the
	 * alternate stack as configured (flags 0), not SS_ONSTACK, on Linux (since 4.7). */
	MUST_HANDLE(SIGUSR1, nesting_handler, SA_ONSTACK);
	MUST_HANDLE(SIGUSR2, nesting_handler, SA_ONSTACK);
	nested_sig = 0;
	ctx_nested_ss_flags = -1;
	raise(SIGUSR1);
	CHECK_SIGNO("frame.uc.nested_ran", nested_sig, SIGUSR2);
	CHECK_EQ("frame.uc.nested_stack_flags", ctx_nested_ss_flags, 0);

	/* Without an alternate stack: uc_stack says SS_DISABLE; the frame is on the stack. */
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	MUST_HANDLE(SIGUSR1, ctx_handler, SA_ONSTACK);
	rec_reset();
	volatile int here = 0;
	raise(SIGUSR1);
	CHECK_EQ("frame.uc.stack_disabled", ctx.ss_flags, SS_DISABLE);
	CHECK("frame.layout.on_the_stack",
	      (char *)rec.info_at < (char *)&here &&
		      (char *)&here - (char *)rec.info_at < 64 * 1024,
	      "frame at %p, a local of the caller at %p", rec.info_at, (void *)&here);
	(void)here;

	/* What the handler changes in the context is what the code continues with. */
	MUST_HANDLE(SIGUSR1, changer_handler, 0);
	rec_reset();
	unsigned long r = frame_tgkill(getpid(), sys_gettid(), SIGUSR1);
	CHECK_EQ("frame.change.ran", rec.count[SIGUSR1], 1);
	CHECK_EQ("frame.change.r0_is_the_call_result", r, 0x1234);
	CHECK("frame.change.sigmask_taken", blocked(SIGUSR2) && !blocked(SIGUSR1),
	      "SIGUSR2 blocked %d, SIGUSR1 blocked %d", blocked(SIGUSR2), blocked(SIGUSR1));
	unblock_all();
}

/* The VFP record: found by walking uc_regspace's records. */
static struct {
	volatile int found, offset, records;
	volatile unsigned long size, fpscr;
	volatile unsigned long long d8, d16;
	volatile unsigned long handler_fpscr;
} vfp;
static volatile int vfp_change;

static void vfp_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long *p = (unsigned long *)uc->uc_regspace;
	unsigned long *end = p + sizeof(uc->uc_regspace) / sizeof(unsigned long);
	unsigned long fpscr;

	(void)sig;
	(void)si;
	vfp.found = 0;
	vfp.records = 0;
	while (p + 2 <= end && p[0] != 0 && p[1] >= 8 && p[1] % 8 == 0) {
		vfp.records++;
		if (p[0] == LINUX_VFP_MAGIC) {
			struct linux_vfp_sigframe *f = (struct linux_vfp_sigframe *)p;
			vfp.found = 1;
			vfp.offset = (int)((char *)p - (char *)uc->uc_regspace);
			vfp.size = f->size;
			vfp.fpscr = f->ufp.fpscr;
			vfp.d8 = f->ufp.fpregs[8];
			vfp.d16 = f->ufp.fpregs[16];
			if (vfp_change)
				f->ufp.fpregs[8] = 0x4045000000000000ULL; /* 42.0 */
		}
		p += p[1] / sizeof(unsigned long);
	}
	/* The handler's own FP state: FPSCR as interrupted; then it changes its own. */
	fpscr = frame_vfp_scribble(0x00400000UL); /* round towards +infinity */
	vfp.handler_fpscr = fpscr;
}

static unsigned long long bits_of(double d)
{
	unsigned long long u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static void test_vfp(void)
{
	struct vfp_probe p;

	MUST_HANDLE(SIGUSR1, vfp_handler, 0);
	memset(&p, 0, sizeof(p));
	p.d8 = 1.5;
	p.d16 = -0.25;
	p.pid = (unsigned)getpid();
	p.tid = (unsigned)sys_gettid();
	p.sig = SIGUSR1;
	p.fpscr = 0x00c00000; /* round towards zero */
	vfp_change = 0;
	memset((void *)&vfp, 0, sizeof(vfp));
	frame_vfp(&p);
	CHECK("frame.vfp.record_found", vfp.found, "no VFP_MAGIC record among %d", vfp.records);
	CHECK_EQ("frame.vfp.record_size", vfp.size, LINUX_VFP_STORAGE_SIZE);
	CHECK("frame.vfp.record_aligned", vfp.offset % 8 == 0, "at offset %d", vfp.offset);
	CHECK_EQ("frame.vfp.d8", vfp.d8, bits_of(1.5));
	CHECK_EQ("frame.vfp.d16", vfp.d16, bits_of(-0.25));
	CHECK_EQ("frame.vfp.fpscr", vfp.fpscr & 0x07c00000, 0x00c00000);
	CHECK_EQ("frame.vfp.handler_starts_with_fpscr", vfp.handler_fpscr & 0x00c00000, 0x00c00000);
	/* The handler's own FP changes do not leak back. */
	CHECK_EQ("frame.vfp.d8_after", bits_of(p.d8_out), bits_of(1.5));
	CHECK_EQ("frame.vfp.d16_after", bits_of(p.d16_out), bits_of(-0.25));
	CHECK_EQ("frame.vfp.fpscr_after", p.fpscr_out & 0x07c00000, 0x00c00000);
	/* A change to the record is what the code continues with. */
	vfp_change = 1;
	frame_vfp(&p);
	CHECK_EQ("frame.vfp.d8_changed_by_handler", bits_of(p.d8_out), bits_of(42.0));
	CHECK_EQ("frame.vfp.d16_kept", bits_of(p.d16_out), bits_of(-0.25));
	vfp_change = 0;
	t_note("VFP record at uc_regspace + %d (%d records in all)", vfp.offset, vfp.records);
}

/* Registers, integer and FP, intact across signals that arrive in the middle of a loop
 * (a 1 ms interval timer). */
static volatile int ticks;
static void tick_handler(int sig)
{
	volatile double x = 3.0;

	(void)sig;
	ticks++;
	x = x * x; /* uses the FP unit in the handler */
	(void)x;
}

static __attribute__((noinline)) unsigned long mix(unsigned long n)
{
	unsigned long a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;

	for (unsigned long i = 0; i < n; i++) {
		a += b ^ i;
		b += c * 3;
		c ^= d + i;
		d += e >> 1;
		e ^= f + 7;
		f += g ^ a;
		g ^= h + b;
		h += a + c;
	}
	return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
}

static __attribute__((noinline)) double fsum(unsigned long n)
{
	double s = 0.0, t = 1.0;

	for (unsigned long i = 0; i < n; i++) {
		s += t * 0.5;
		t = t * 1.0000001 + 0.25;
		if (t > 1000.0)
			t -= 1000.0;
	}
	return s;
}

static void test_async(void)
{
	struct itimerval it;
	unsigned long want, got = 0;
	double fwant, fgot = 0;
	int bad = 0;
	const unsigned long n = 300000;

	want = mix(n);
	fwant = fsum(n / 10);
	MUST("SIGALRM", on_signal_plain(SIGALRM, tick_handler, SA_RESTART) == 0);
	memset(&it, 0, sizeof(it));
	it.it_interval.tv_usec = 1000;
	it.it_value.tv_usec = 1000;
	ticks = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	long long start = now_ns(CLOCK_MONOTONIC), t;
	int rounds = 0;
	do {
		volatile unsigned long vn = n; /* a call each round, not one result reused */
		got = mix(vn);
		fgot = fsum(vn / 10);
		if (got != want || bits_of(fgot) != bits_of(fwant))
			bad++;
		rounds++;
		t = now_ns(CLOCK_MONOTONIC) - start;
	} while ((t < 500000000LL || ticks < 20) && t < 5000000000LL);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	t_note("async: %d rounds, %d timer signals", rounds, ticks);
	CHECK("frame.async.ticks", ticks >= 20, "%d timer signals in %d rounds", ticks, rounds);
	CHECK("frame.async.registers_intact", bad == 0,
	      "%d of %d rounds went wrong (int %lx vs %lx, fp %016llx vs %016llx)", bad, rounds,
	      got, want, bits_of(fgot), bits_of(fwant));
}

/* siglongjmp restores the mask sigsetjmp saved when asked to (savemask != 0). */
static sigjmp_buf jb;
static volatile int jumped;
static void jumping_handler(int sig)
{
	jumped = sig;
	unblock(SIGUSR2); /* undone by a siglongjmp to a saved mask */
	siglongjmp(jb, sig);
}

static void test_siglongjmp(void)
{
	int r;

	MUST("SIGUSR1", on_signal_plain(SIGUSR1, jumping_handler, 0) == 0);
	unblock_all();
	block(SIGUSR2);
	jumped = 0;
	r = sigsetjmp(jb, 1);
	if (r == 0) {
		raise(SIGUSR1);
		t_fail("frame.siglongjmp.savemask1", "raise returned");
	}
	CHECK_SIGNO("frame.siglongjmp.savemask1_value", r, SIGUSR1);
	CHECK("frame.siglongjmp.savemask1_mask", !blocked(SIGUSR1) && blocked(SIGUSR2),
	      "SIGUSR1 blocked %d (want 0), SIGUSR2 blocked %d (want 1)", blocked(SIGUSR1),
	      blocked(SIGUSR2));

	unblock_all();
	block(SIGUSR2);
	jumped = 0;
	r = sigsetjmp(jb, 0);
	if (r == 0) {
		raise(SIGUSR1);
		t_fail("frame.siglongjmp.savemask0", "raise returned");
	}
	CHECK_SIGNO("frame.siglongjmp.savemask0_value", r, SIGUSR1);
	/* The handler's mask stays: SIGUSR1 still blocked, SIGUSR2 as the handler left it. */
	CHECK("frame.siglongjmp.savemask0_mask", blocked(SIGUSR1) && !blocked(SIGUSR2),
	      "SIGUSR1 blocked %d (want 1), SIGUSR2 blocked %d (want 0)", blocked(SIGUSR1),
	      blocked(SIGUSR2));
	unblock_all();

	/* abort() with a handler that leaves by siglongjmp: the program goes on. abort unblocks
	 * SIGABRT first. */
	MUST("SIGABRT", on_signal_plain(SIGABRT, jumping_handler, 0) == 0);
	block(SIGABRT);
	jumped = 0;
	r = sigsetjmp(jb, 1);
	if (r == 0) {
		abort();
		t_fail("frame.abort_longjmp", "abort returned");
	}
	CHECK_SIGNO("frame.abort_longjmp", jumped, SIGABRT);
	CHECK("frame.abort_longjmp.mask_restored", blocked(SIGABRT), "SIGABRT not blocked");
	unblock_all();
	signal(SIGABRT, SIG_DFL);
}

/* Stack overflow caught on the alternate stack. */
static sigjmp_buf overflow_jb;
static struct {
	volatile int count, code;
	void *volatile addr;
	volatile unsigned long sp;
	void *volatile local;
} ovf;

static void overflow_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	volatile int here = 0;

	(void)sig;
	ovf.count++;
	ovf.code = si->si_code;
	ovf.addr = si->si_addr;
	ovf.sp = uc->uc_mcontext.arm_sp;
	ovf.local = (void *)&here;
	siglongjmp(overflow_jb, 1);
}

static __attribute__((noinline)) unsigned long recurse(unsigned long n)
{
	volatile unsigned char frame[1024];

	if (n == ~0UL) /* never: keeps the compiler from calling the endless recursion a bug */
		return 0;
	frame[0] = (unsigned char)n;
	frame[sizeof(frame) - 1] = (unsigned char)n;
	return recurse(n + 1) + frame[0] + frame[sizeof(frame) - 1];
}

static void overflow_once(const char *what, char *alt, size_t altsize)
{
	char name[80];

	memset((void *)&ovf, 0, sizeof(ovf));
	if (!sigsetjmp(overflow_jb, 1)) {
		recurse(0);
		snprintf(name, sizeof(name), "frame.%s.caught", what);
		t_fail(name, "the recursion returned");
		return;
	}
	snprintf(name, sizeof(name), "frame.%s.caught", what);
	CHECK_EQ(name, ovf.count, 1);
	snprintf(name, sizeof(name), "frame.%s.handler_on_altstack", what);
	CHECK(name, (char *)ovf.local >= alt && (char *)ovf.local < alt + altsize, "local at %p",
	      ovf.local);
	snprintf(name, sizeof(name), "frame.%s.si_addr_at_sp", what);
	CHECK(name, (uintptr_t)ovf.addr + 64 >= ovf.sp && (uintptr_t)ovf.addr < ovf.sp + 2048,
	      "si_addr %p, arm_sp %08lx", ovf.addr, ovf.sp);
}

static void test_overflow_main(void)
{
	static char alt[4 * LINUX_SIGSTKSZ] __attribute__((aligned(16)));
	volatile int top = 0;
	struct rlimit rl;
	stack_t ss;

	ss.ss_sp = alt;
	ss.ss_size = sizeof(alt);
	ss.ss_flags = 0;
	MUST("sigaltstack", sigaltstack(&ss, NULL) == 0);
	MUST_HANDLE(SIGSEGV, overflow_handler, SA_ONSTACK);
	getrlimit(RLIMIT_STACK, &rl);
	overflow_once("overflow_main", alt, sizeof(alt));
	CHECK_CODE("frame.overflow_main.si_code", SIGSEGV, ovf.code, LINUX_SEGV_MAPERR);
	/* It happened at RLIMIT_STACK (8 MiB) below the top of the stack. */
	unsigned long depth = (unsigned long)((char *)&top - (char *)ovf.addr);
	CHECK("frame.overflow_main.at_rlimit",
	      depth > rl.rlim_cur - 256 * KiB && depth <= rl.rlim_cur,
	      "%lu KiB below a local of main's caller, RLIMIT_STACK %lu KiB", depth / KiB,
	      (unsigned long)rl.rlim_cur / KiB);
	t_note("main stack overflow %lu bytes below a local of main's caller", depth);
	/* Again: the alternate stack was left by siglongjmp, it serves again. */
	overflow_once("overflow_main_again", alt, sizeof(alt));
	CHECK("frame.overflow_main.same_place",
	      depth == (unsigned long)((char *)&top - (char *)ovf.addr),
	      "first %lu, then %lu bytes down", depth,
	      (unsigned long)((char *)&top - (char *)ovf.addr));
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	signal(SIGSEGV, SIG_DFL);
	(void)top;
}

/* A thread on a stack of our own, with two PROT_NONE guard pages below it. */
static char *thread_guard;
static void *overflow_thread(void *arg)
{
	static char alt[4 * LINUX_SIGSTKSZ] __attribute__((aligned(16)));
	stack_t ss, old;

	(void)arg;
	sigaltstack(NULL, &old);
	CHECK_EQ("frame.overflow_thread.no_altstack_at_start", old.ss_flags, SS_DISABLE);
	ss.ss_sp = alt;
	ss.ss_size = sizeof(alt);
	ss.ss_flags = 0;
	MUST("sigaltstack", sigaltstack(&ss, NULL) == 0);
	overflow_once("overflow_thread", alt, sizeof(alt));
	CHECK_CODE("frame.overflow_thread.si_code", SIGSEGV, ovf.code, LINUX_SEGV_ACCERR);
	CHECK("frame.overflow_thread.in_guard",
	      (char *)ovf.addr >= thread_guard && (char *)ovf.addr < thread_guard + 2 * PG,
	      "si_addr %p, guard %p-%p", ovf.addr, (void *)thread_guard,
	      (void *)(thread_guard + 2 * PG));
	return (void *)42;
}

static void test_overflow_thread(void)
{
	const size_t size = 256 * KiB;
	char *base = map_or_die(NULL, size, RW, ANON_PRIV);
	pthread_attr_t a;
	pthread_t t;

	thread_guard = base;
	MUST("mprotect", mprotect(base, 2 * PG, PROT_NONE) == 0);
	MUST_HANDLE(SIGSEGV, overflow_handler, SA_ONSTACK);
	pthread_attr_init(&a);
	MUST_RC("setstack", pthread_attr_setstack(&a, base + 2 * PG, size - 2 * PG));
	MUST_RC("pthread_create", pthread_create(&t, &a, overflow_thread, NULL));
	CHECK_PTR("frame.overflow_thread.returned", join(t), (void *)42);
	pthread_attr_destroy(&a);
	signal(SIGSEGV, SIG_DFL);
	munmap(base, size);
}

static int run(void)
{
	test_siginfo();
	test_layout();
	test_vfp();
	test_async();
	test_siglongjmp();
	test_overflow_main();
	test_overflow_thread();
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
