/*
 * The application runs in USR mode (PL0, docs/pl0.md): each argument names one attempt to
 * reach past that, which the system must stop. Memory cases (the runtime's linear map, text
 * and vmalloc area above 0xc0000000; executing the heap or the stack; writing the program's
 * own text or rodata) end with SIGSEGV (status 139), CP15 accesses with SIGILL (132).
 * `cpsid i` is a no-op in USR mode, and an unknown system call gives -ENOSYS: those two carry
 * on and exit 0. An attempt that is not stopped prints "NOT STOPPED <name>" and returns 1.
 *
 * On Linux (argc < 2: run-c.sh runs the program as /init without arguments) a driver forks a
 * child per case and checks how it ended; the expected fates were checked there:
 *   ALL=1 ../shared/peer/linux/run-c.sh tests/qemu/pl0_escape.c
 * On Linux 0xc0000000 and up is the kernel's, so the same addresses fault the same way.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __linux__
#include <sys/wait.h>
#include <unistd.h>
#endif

#define RUNTIME_DATA  0xc0001000u /* the runtime's linear map (its static data) */
#define RUNTIME_TEXT  0xc0200000u /* the runtime's text on uniarm; kernel text on Linux */
#define VMALLOC	      0xf0000000u
#define INSN_BX_LR    0xe12fff1eu /* ARM `bx lr`: returns at once if it ever runs */
#define CPSR_MODE     0x1fu
#define CPSR_MODE_USR 0x10u
#define CPSR_I	      (1u << 7)

/* Loads land here so that the compiler keeps them. */
static volatile uint32_t sink;

static int write_runtime_data(void)
{
	*(volatile int *)RUNTIME_DATA = 1;
	return 0;
}

static int read_runtime_data(void)
{
	sink = *(volatile int *)RUNTIME_DATA;
	return 0;
}

static int read_runtime_text(void)
{
	sink = *(volatile uint32_t *)RUNTIME_TEXT;
	return 0;
}

static int write_runtime_text(void)
{
	*(volatile uint32_t *)RUNTIME_TEXT = INSN_BX_LR;
	return 0;
}

static int read_vmalloc(void)
{
	sink = *(volatile uint32_t *)VMALLOC;
	return 0;
}

static int jump_runtime_text(void)
{
	/* Through a volatile pointer, so that the call is a plain blx to the address. */
	void (*volatile fn)(void) = (void (*)(void))(uintptr_t)RUNTIME_TEXT;

	fn();
	return 0;
}

/* Writes `bx lr` at buf and calls it: only a mapping without execute permission stops it. */
static int exec_buffer(uint32_t *buf)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)buf;

	buf[0] = INSN_BX_LR;
	__builtin___clear_cache((char *)buf, (char *)(buf + 1));
	fn();
	return 0;
}

static int exec_heap(void)
{
	uint32_t *buf = malloc(64);

	if (!buf) {
		printf("exec-heap: malloc failed\n");
		return 1;
	}
	return exec_buffer(buf);
}

static int exec_stack(void)
{
	uint32_t buf[16];

	return exec_buffer(buf);
}

int main(int argc, char **argv);

static int write_own_text(void)
{
	/* Clear the Thumb bit: the word at main's first instruction. */
	*(volatile uint32_t *)((uintptr_t)main & ~(uintptr_t)1) = INSN_BX_LR;
	return 0;
}

/* A volatile pointer to the literal: the compiler cannot see what is written where. */
static const char *volatile rodata_string = "read-only string";

static int write_own_rodata(void)
{
	volatile char *p = (volatile char *)rodata_string;

	p[0] = 'R';
	return 0;
}

static int read_cp15(void)
{
	uint32_t sctlr;

	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	sink = sctlr;
	return 0;
}

static int write_cp15(void)
{
	/* TTBR0 = 0 would end everything if it were allowed: the undefined instruction must come
	 * first. */
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0" : : "r"(0) : "memory");
	return 0;
}

/* MRS reads the mode and mask bits in USR mode too (on QEMU's cortex-a15 as on hardware). */
static uint32_t read_cpsr(void)
{
	uint32_t v;

	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

/* CPS in USR mode is a no-op (ARM ARM): the I bit stays as it was and the mode stays USR. */
static int cpsid(void)
{
	uint32_t before, masked, unmasked;

	before = read_cpsr();
	__asm__ volatile("cpsid i" : : : "memory");
	masked = read_cpsr();
	__asm__ volatile("cpsie i" : : : "memory");
	unmasked = read_cpsr();
	if ((before & CPSR_MODE) != CPSR_MODE_USR || (masked & CPSR_MODE) != CPSR_MODE_USR ||
	    (unmasked & CPSR_MODE) != CPSR_MODE_USR || (masked & CPSR_I) != (before & CPSR_I) ||
	    (unmasked & CPSR_I) != (before & CPSR_I)) {
		printf("cpsid i: CPSR %08lx, after cpsid i %08lx, after cpsie i %08lx\n",
		       (unsigned long)before, (unsigned long)masked, (unsigned long)unmasked);
		return 1;
	}
	printf("cpsid i: no effect\n");
	return 0;
}

/*
 * The raw call, no library in between. The result is compared with -ENOSYS by name: uniarm
 * answers in the application's <errno.h> values (newlib's 88), Linux in its own (38).
 */
static int enosys(void)
{
	register long r0 __asm__("r0") = 0;
	register long r7 __asm__("r7") = 9999;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
	if (r0 != -ENOSYS) {
		printf("unknown system call: returned %ld, expected %d\n", r0, -ENOSYS);
		return 1;
	}
	printf("unknown system call: ENOSYS\n");
	return 0;
}

struct escape {
	const char *name;
	int (*attempt)(void);
	int sig; /* the signal that must stop it; 0: it must return 0 */
};

static const struct escape escapes[] = {
	{"write-runtime-data", write_runtime_data, SIGSEGV},
	{"read-runtime-data", read_runtime_data, SIGSEGV},
	{"read-runtime-text", read_runtime_text, SIGSEGV},
	{"write-runtime-text", write_runtime_text, SIGSEGV},
	{"read-vmalloc", read_vmalloc, SIGSEGV},
	{"jump-runtime-text", jump_runtime_text, SIGSEGV},
	{"exec-heap", exec_heap, SIGSEGV},
	{"exec-stack", exec_stack, SIGSEGV},
	{"write-own-text", write_own_text, SIGSEGV},
	{"write-own-rodata", write_own_rodata, SIGSEGV},
	{"read-cp15", read_cp15, SIGILL},
	{"write-cp15", write_cp15, SIGILL},
	{"cpsid", cpsid, 0},
	{"enosys", enosys, 0},
};

#define NR_ESCAPES (sizeof(escapes) / sizeof(escapes[0]))

static int run_escape(const struct escape *e)
{
	int rc;

	printf("attempt %s\n", e->name);
	fflush(stdout);
	rc = e->attempt();
	if (e->sig) {
		printf("NOT STOPPED %s\n", e->name);
		return 1;
	}
	return rc;
}

#ifdef __linux__
/* Runs each case in a child and checks how it ended; prints pl0.<case>: ok or FAIL. */
static int run_all(void)
{
	int failed = 0;

	for (size_t i = 0; i < NR_ESCAPES; i++) {
		const struct escape *e = &escapes[i];
		char id[32];
		int status;
		pid_t pid;

		snprintf(id, sizeof(id), "%s", e->name);
		for (char *c = id; *c; c++)
			if (*c == '-')
				*c = '_';
		/* Nothing buffered may be inherited and printed twice. */
		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			printf("pl0.%s: FAIL (fork: %s)\n", id, strerror(errno));
			failed++;
			continue;
		}
		if (pid == 0) {
			int rc = run_escape(e);

			fflush(stdout);
			_exit(rc);
		}
		if (waitpid(pid, &status, 0) != pid) {
			printf("pl0.%s: FAIL (waitpid: %s)\n", id, strerror(errno));
			failed++;
			continue;
		}
		if (e->sig ? WIFSIGNALED(status) && WTERMSIG(status) == e->sig
			   : WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("pl0.%s: ok\n", id);
			continue;
		}
		failed++;
		if (WIFSIGNALED(status))
			printf("pl0.%s: FAIL (killed by signal %d)\n", id, WTERMSIG(status));
		else
			printf("pl0.%s: FAIL (exit status %d)\n", id, WEXITSTATUS(status));
	}
	return failed ? 1 : 0;
}
#endif

int main(int argc, char **argv)
{
	if (argc < 2) {
#ifdef __linux__
		return run_all();
#else
		printf("usage: pl0_escape <case>\n");
		return 2;
#endif
	}
	for (size_t i = 0; i < NR_ESCAPES; i++)
		if (!strcmp(argv[1], escapes[i].name))
			return run_escape(&escapes[i]);
	printf("pl0_escape: unknown case '%s'\n", argv[1]);
	return 2;
}
