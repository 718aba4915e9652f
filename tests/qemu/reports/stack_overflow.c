/*
 * Stack overflows and deep recursions: the report must say "stack overflow" with the stack's
 * limits, and the backtrace must print the recursion's repeated frames once with a count.
 * argv[1] picks the case:
 *   recurse   one function calling itself until the 8 MiB RLIMIT_STACK is used up
 *   mutual    ping and pong calling each other (a cycle of two frames) until then
 *   guard     a mapping 2 MiB below the stack: the recursion stops at its 1 MiB guard gap
 *   deep-null a recursion 1000 deep that then reads NULL: not a stack overflow, but the
 *             backtrace compresses the 1000 frames
 * Each ends with status 139 (SIGSEGV's default action; Linux's too).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

volatile int sink;
static volatile int *volatile null_pointer;

/* 64 bytes of locals a frame, no tail call. */
__attribute__((noinline)) static int recurse(int depth)
{
	volatile char frame[64];

	frame[0] = (char)depth;
	return recurse(depth + 1) + frame[0];
}

__attribute__((noinline)) static int pong(int depth);

__attribute__((noinline)) static int ping(int depth)
{
	volatile char frame[32];

	frame[0] = (char)depth;
	return pong(depth + 1) + frame[0];
}

__attribute__((noinline)) static int pong(int depth)
{
	volatile char frame[48];

	frame[1] = (char)depth;
	return ping(depth + 1) + frame[1];
}

__attribute__((noinline)) static int deep(int depth)
{
	volatile char frame[16];

	frame[0] = (char)depth;
	if (depth == 1000)
		return *null_pointer;
	return deep(depth + 1) + frame[0];
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "recurse";

	printf("stack_overflow: %s\n", c);
	fflush(stdout);
	if (!strcmp(c, "recurse")) {
		sink = recurse(0);
	} else if (!strcmp(c, "mutual")) {
		sink = ping(0);
	} else if (!strcmp(c, "guard")) {
		volatile char here;
		uintptr_t below = (((uintptr_t)&here) & ~(uintptr_t)4095) - (2u << 20);
		void *m = mmap((void *)below, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

		printf("mapped %p\n", m);
		fflush(stdout);
		sink = recurse(0);
	} else if (!strcmp(c, "deep-null")) {
		sink = deep(1);
	}
	printf("not reached\n");
	return 0;
}
