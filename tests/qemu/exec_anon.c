/*
 * Code the application writes into an anonymous page runs once the page is executable
 * (mprotect, then the cacheflush call that makes it visible to instruction fetches); after
 * MADV_COLD has aged the page (its entry old), the next instruction fetch is an Access flag
 * fault, taken as a prefetch abort and resolved (vm/memory.c). The same source passes on
 * Linux.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#ifndef MADV_COLD
#define MADV_COLD 20
#endif

int main(void)
{
	uint32_t *code =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int (*fn)(void) = (int (*)(void))(uintptr_t)code;
	int failed = 0, r;

	if (code == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	code[0] = 0xe3a0002a; /* mov r0, #42 */
	code[1] = 0xe12fff1e; /* bx lr */
	__builtin___clear_cache((char *)code, (char *)(code + 2));
	if (mprotect(code, 4096, PROT_READ | PROT_EXEC)) {
		perror("mprotect");
		return 2;
	}
	r = fn();
	printf("exec.run: %s (%d)\n", r == 42 ? "ok" : "FAIL", r);
	failed += r != 42;
	if (madvise(code, 4096, MADV_COLD)) {
		perror("madvise");
		return 2;
	}
	r = fn();
	printf("exec.after_cold: %s (%d)\n", r == 42 ? "ok" : "FAIL", r);
	failed += r != 42;
	printf("exec: %d failed\n", failed);
	return failed;
}
