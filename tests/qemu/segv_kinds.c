/*
 * Faults the application may not take end it with a segmentation fault report and exit status
 * 139; the mode (first argument) picks the bad access:
 *   write-ro    write to a page made read-only by mprotect (change_protection)
 *   nomap       read where no VMA is
 *   prot-none   read of a PROT_NONE mapping
 *   exec-nx     call into a writable, non-executable mapping (prefetch abort)
 * Each prints what it is about to do; nothing after the access may run. On Linux, run with no
 * argument (as run-c.sh runs it), it forks one child per mode and checks that each is killed
 * by SIGSEGV: the end uniarm gives with status 139.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PG 4096

static __attribute__((noinline)) void write_byte(volatile unsigned char *p)
{
	*p = 1;
}

static __attribute__((noinline)) unsigned char read_byte(volatile unsigned char *p)
{
	return *p;
}

static unsigned char *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		return NULL;
	}
	return p;
}

static int run_mode(const char *mode)
{
	unsigned char *p;

	if (!strcmp(mode, "write-ro")) {
		if (!(p = map(4 * PG, PROT_READ | PROT_WRITE)))
			return 2;
		write_byte(p);
		mprotect(p, 4 * PG, PROT_READ);
		printf("reading %p: %u\n", (void *)p, read_byte(p));
		printf("writing to read-only %p\n", (void *)(p + 4));
		fflush(stdout);
		write_byte(p + 4);
	} else if (!strcmp(mode, "nomap")) {
		if (!(p = map(PG, PROT_READ)))
			return 2;
		munmap(p, PG);
		printf("reading unmapped %p\n", (void *)(p + 0x123));
		fflush(stdout);
		read_byte(p + 0x123);
	} else if (!strcmp(mode, "prot-none")) {
		if (!(p = map(PG, PROT_NONE)))
			return 2;
		printf("reading PROT_NONE %p\n", (void *)p);
		fflush(stdout);
		read_byte(p);
	} else if (!strcmp(mode, "exec-nx")) {
		if (!(p = map(PG, PROT_READ | PROT_WRITE)))
			return 2;
		*(volatile uint32_t *)p = 0xe12fff1e; /* bx lr */
		__builtin___clear_cache((char *)p, (char *)p + 4);
		printf("calling non-executable %p\n", (void *)p);
		fflush(stdout);
		((void (*)(void))(uintptr_t)p)();
	} else {
		printf("unknown mode %s\n", mode);
		return 2;
	}
	printf("the bad access did not fault\n");
	return 1;
}

#ifdef __linux__
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static int run_all(void)
{
	static const char *const modes[] = {"write-ro", "nomap", "prot-none", "exec-nx"};
	int failed = 0;

	for (unsigned int i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		int status = 0;
		pid_t pid;

		fflush(stdout);
		pid = fork();
		if (pid == 0)
			_exit(run_mode(modes[i]));
		waitpid(pid, &status, 0);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) {
			printf("segv.%s: ok\n", modes[i]);
		} else {
			printf("segv.%s: FAIL (status %#x)\n", modes[i], status);
			failed++;
		}
	}
	return failed;
}
#endif

int main(int argc, char **argv)
{
#ifdef __linux__
	if (argc < 2)
		return run_all();
#endif
	return run_mode(argc > 1 ? argv[1] : "write-ro");
}
