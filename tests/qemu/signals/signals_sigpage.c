/*
 * The [sigpage]: where a handler installed without SA_RESTORER returns (Linux ARM's signal
 * page; uniarm's runtime/sigpage.c). Its /proc/self/maps line (one page, r-xp, offset 0, no
 * file); the lr of a handler without SA_RESTORER inside it, for ARM and Thumb handlers, with
 * and without SA_SIGINFO, the code there (mov r7, #119 or #173 and svc, Linux's encodings and
 * layout: ARM sigreturn, Thumb sigreturn 8 bytes on, ARM rt_sigreturn 12, Thumb 20; bit 0 set
 * for a Thumb handler), and the handler coming back through it; the rest of the page poison
 * (a jump there is SIGILL); what the application may do to it, with Linux's results: mlock
 * (accepted), MADV_FREE (EINVAL), mremap growing it (EFAULT), MREMAP_DONTUNMAP and old_len 0
 * (EINVAL), mprotect to writable (the write copies the page; MADV_DONTNEED gives the original
 * back), mremap to another place (handlers return there, the line moves), munmap (a handler's
 * return then faults: SIGSEGV at its return address). Expected values are Linux's
 * (README.md); where Linux puts the page and the code in it is random, uniarm's place is
 * checked on uniarm only.
 */
#include "sig_check.h"

#include <sys/mman.h>

#define POISON 0xe7fddef1u

static volatile unsigned long got_lr;
static volatile int hits;
/* The two words Linux still writes in the frame's retcode for a handler without SA_RESTORER
 * ("to remain ABI compliant"): read through the ucontext, which the rt frame's retcode
 * follows. */
static volatile uint32_t got_retcode[2];

static void note_retcode(const void *uc)
{
	const uint32_t *rc = (const uint32_t *)((const char *)uc + sizeof(struct linux_ucontext));

	got_retcode[0] = rc[0];
	got_retcode[1] = rc[1];
}

static void arm_plain(int sig)
{
	(void)sig;
	got_lr = (unsigned long)__builtin_return_address(0);
	hits++;
}

static void arm_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si;
	note_retcode(uc);
	got_lr = (unsigned long)__builtin_return_address(0);
	hits++;
}

__attribute__((target("thumb"))) static void thumb_plain(int sig)
{
	(void)sig;
	got_lr = (unsigned long)__builtin_return_address(0);
	hits++;
}

__attribute__((target("thumb"))) static void thumb_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si;
	note_retcode(uc);
	got_lr = (unsigned long)__builtin_return_address(0);
	hits++;
}

/* The [sigpage] line of /proc/self/maps: its start (0 when there is none), perms, offset and
 * end; the number of such lines. */
struct sp_line {
	unsigned long start, end, offset;
	char perms[5];
	int count;
};

static struct sp_line find_sigpage(void)
{
	struct sp_line r = {0, 0, 0, "", 0};
	FILE *f = fopen("/proc/self/maps", "r");
	char l[256];

	if (!f)
		return r;
	while (fgets(l, sizeof(l), f)) {
		unsigned long s, e, off, ino;
		unsigned maj, min;
		char perms[5];
		int name_at = 0;

		l[strcspn(l, "\n")] = '\0';
		if (sscanf(l, "%lx-%lx %4s %lx %x:%x %lu %n", &s, &e, perms, &off, &maj, &min, &ino,
			   &name_at) == 7 &&
		    name_at && !strcmp(l + name_at, "[sigpage]")) {
			r.count++;
			r.start = s;
			r.end = e;
			r.offset = off | maj | min | ino; /* all zero for a special mapping */
			memcpy(r.perms, perms, 5);
		}
	}
	fclose(f);
	return r;
}

/* Install fn without SA_RESTORER (flags: 0 or SA_SIGINFO), raise SIGUSR1, give its lr. */
static unsigned long lr_of(void *fn, unsigned long flags)
{
	struct linux_kernel_sigaction act;

	memset(&act, 0, sizeof(act));
	act.handler = fn;
	act.flags = flags;
	got_lr = 0;
	hits = 0;
	if (sys_rt_sigaction(SIGUSR1, &act, NULL, 8))
		return 1;
	raise(SIGUSR1);
	return hits == 1 ? got_lr : 2;
}

static sigjmp_buf escape;
static volatile int fault_sig, fault_code;
static void *volatile fault_addr;

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	fault_sig = sig;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(escape, 1);
}

static int run(void)
{
	struct sp_line sp = find_sigpage();
	unsigned long page, arm, thumb, arm_rt, thumb_rt, code, w;
	const uint32_t *words;
	const uint16_t *half;
	int poison = 1;

	/* The line. */
	CHECK_EQ("sigpage.maps_one_line", sp.count, 1);
	MUST("a [sigpage] line in /proc/self/maps", sp.count == 1);
	CHECK("sigpage.maps_perms", !strcmp(sp.perms, "r-xp"), "got %s, expected r-xp", sp.perms);
	CHECK_EQ("sigpage.maps_one_page", sp.end - sp.start, PG);
	CHECK_EQ("sigpage.maps_no_file", sp.offset, 0);
#ifndef __linux__
	/* uniarm's fixed place: mmap_base, just above the mmap area (Linux's is random). */
	CHECK_EQ("sigpage.uniarm_address", sp.start, 0xb7000000UL);
#endif
	page = sp.start;
	words = (const uint32_t *)page;

	/* The return of each kind of handler without SA_RESTORER: inside the page, and back. */
	arm = lr_of((void *)arm_plain, 0);
	thumb = lr_of((void *)thumb_plain, 0);
	arm_rt = lr_of((void *)arm_info, LINUX_SA_SIGINFO);
	CHECK("sigpage.arm_rt_frame_retcode",
	      got_retcode[0] == 0xe3a070adu && got_retcode[1] == 0xef9000adu,
	      "got %08x %08x, expected e3a070ad ef9000ad", (unsigned)got_retcode[0],
	      (unsigned)got_retcode[1]);
	thumb_rt = lr_of((void *)thumb_info, LINUX_SA_SIGINFO);
	/* (Linux copies two words whatever the state: the Thumb code, then whatever follows its
	 * table in the kernel's memory, which is no ABI: only the first is checked) */
	CHECK("sigpage.thumb_rt_frame_retcode", got_retcode[0] == 0xdf0027adu,
	      "got %08x, expected df0027ad", (unsigned)got_retcode[0]);
	CHECK("sigpage.arm_lr_in_page", arm - page < PG && !(arm & 3), "lr %#lx, page %#lx", arm,
	      page);
	CHECK_EQ("sigpage.thumb_lr", thumb, arm + 8 + 1);
	CHECK_EQ("sigpage.arm_rt_lr", arm_rt, arm + 12);
	CHECK_EQ("sigpage.thumb_rt_lr", thumb_rt, arm + 20 + 1);
	if (arm - page < PG - 24 && !(arm & 3)) {
		code = arm - page;
		half = (const uint16_t *)(thumb & ~1UL);
		CHECK("sigpage.arm_sigreturn_code",
		      words[code / 4] == 0xe3a07077 && words[code / 4 + 1] == 0xef900077,
		      "%08x %08x, expected mov r7, #119 (e3a07077); svc #0x900077 (ef900077)",
		      (unsigned)words[code / 4], (unsigned)words[code / 4 + 1]);
		CHECK("sigpage.thumb_sigreturn_code", half[0] == 0x2777 && half[1] == 0xdf00,
		      "%04x %04x, expected movs r7, #119 (2777); svc #0 (df00)", half[0], half[1]);
		half = (const uint16_t *)(thumb_rt & ~1UL);
		CHECK("sigpage.arm_rt_sigreturn_code",
		      words[code / 4 + 3] == 0xe3a070ad && words[code / 4 + 4] == 0xef9000ad,
		      "%08x %08x, expected mov r7, #173 (e3a070ad); svc #0x9000ad (ef9000ad)",
		      (unsigned)words[code / 4 + 3], (unsigned)words[code / 4 + 4]);
		CHECK("sigpage.thumb_rt_sigreturn_code", half[0] == 0x27ad && half[1] == 0xdf00,
		      "%04x %04x, expected movs r7, #173 (27ad); svc #0 (df00)", half[0], half[1]);
		for (w = 0; w < code / 4; w++)
			poison &= words[w] == POISON;
		CHECK("sigpage.poison", poison && words[PG / 4 - 1] == POISON,
		      "a word before the code or the last word is not %08x", POISON);
	}
#ifndef __linux__
	CHECK_EQ("sigpage.uniarm_code_offset", arm - page, 0x200);
#endif

	/* A jump into the poison: an undefined instruction. */
	MUST_HANDLE(SIGILL, fault_handler, 0);
	MUST_HANDLE(SIGSEGV, fault_handler, 0);
	fault_sig = 0;
	if (!sigsetjmp(escape, 1))
		((void (*)(void))page)();
	CHECK_SIGNO("sigpage.jump_to_poison_sigill", fault_sig, SIGILL);
	CHECK_CODE("sigpage.jump_to_poison_code", SIGILL, fault_code, ILL_ILLOPC);
	CHECK_PTR("sigpage.jump_to_poison_addr", fault_addr, (void *)page);

	/* What may be done to it. */
	CHECK_ZERO("sigpage.mlock", mlock((void *)page, PG));
	CHECK_ZERO("sigpage.munlock", munlock((void *)page, PG));
	CHECK_SYSERR("sigpage.madv_free_einval", madvise((void *)page, PG, MADV_FREE), EINVAL);
	CHECK_ZERO("sigpage.madv_dontneed", madvise((void *)page, PG, MADV_DONTNEED));
	CHECK_EQ("sigpage.after_dontneed_code", words[(arm - page) / 4], 0xe3a07077);
	CHECK_EQ("sigpage.after_dontneed_returns", lr_of((void *)arm_plain, 0), arm);
	CHECK_SYSERR("sigpage.mremap_grow_efault",
		     (long)mremap((void *)page, PG, 2 * PG, MREMAP_MAYMOVE), EFAULT);
	CHECK_SYSERR("sigpage.mremap_dontunmap_einval",
		     (long)mremap((void *)page, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP), EINVAL);
	CHECK_SYSERR("sigpage.mremap_dup_einval", (long)mremap((void *)page, 0, PG, MREMAP_MAYMOVE),
		     EINVAL);

	/* Writable: the write goes to a copy; DONTNEED gives the original back. */
	CHECK_ZERO("sigpage.mprotect_rw", mprotect((void *)page, PG, PROT_READ | PROT_WRITE));
	sp = find_sigpage();
	CHECK("sigpage.maps_rw", sp.start == page && !strcmp(sp.perms, "rw-p"),
	      "got %#lx %s, expected %#lx rw-p", sp.start, sp.perms, page);
	*(volatile uint32_t *)page = 0x12345678;
	CHECK_EQ("sigpage.written", words[0], 0x12345678);
	CHECK_ZERO("sigpage.mprotect_rx", mprotect((void *)page, PG, PROT_READ | PROT_EXEC));
	CHECK_EQ("sigpage.copy_returns", lr_of((void *)arm_plain, 0), arm);
	CHECK_ZERO("sigpage.madv_dontneed_copy", madvise((void *)page, PG, MADV_DONTNEED));
	CHECK_EQ("sigpage.original_back", words[0], POISON);
	CHECK_EQ("sigpage.original_returns", lr_of((void *)thumb_plain, 0), thumb);

	/* Moved: handlers return to the new place. */
	char *to = hole(1);
	void *moved = mremap((void *)page, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	CHECK_PTR("sigpage.mremap_move", moved, to);
	if (moved == (void *)to) {
		unsigned long delta = (unsigned long)to - page;

		sp = find_sigpage();
		CHECK("sigpage.maps_moved",
		      sp.count == 1 && sp.start == (unsigned long)to && !strcmp(sp.perms, "r-xp"),
		      "%d lines, at %#lx %s, expected %p r-xp", sp.count, sp.start, sp.perms, to);
		CHECK_EQ("sigpage.moved_arm_returns", lr_of((void *)arm_plain, 0), arm + delta);
		CHECK_EQ("sigpage.moved_thumb_rt_returns",
			 lr_of((void *)thumb_info, LINUX_SA_SIGINFO), thumb_rt + delta);
		page = (unsigned long)to;
		arm += delta;
	}

	/* Unmapped: a handler without SA_RESTORER returns to where the code was, and faults. */
	CHECK_ZERO("sigpage.munmap", munmap((void *)page, PG));
	CHECK_EQ("sigpage.maps_unmapped", find_sigpage().count, 0);
	fault_sig = 0;
	hits = 0;
	if (!sigsetjmp(escape, 1))
		lr_of((void *)arm_plain, 0);
	CHECK_EQ("sigpage.unmapped_handler_ran", hits, 1);
	CHECK_SIGNO("sigpage.unmapped_return_sigsegv", fault_sig, SIGSEGV);
	CHECK_CODE("sigpage.unmapped_return_code", SIGSEGV, fault_code, SEGV_MAPERR);
	CHECK_PTR("sigpage.unmapped_return_addr", fault_addr, (void *)arm);
	CHECK("sigpage.unblocked_after", !blocked(SIGUSR1), "SIGUSR1 still blocked");
	return t_finish();
}

int main(void)
{
	return sig_main(run);
}
