/*
 * Oops backtraces through every kind of frame: main -> level1 -> level2 (locals, callee-saved
 * registers pushed) -> a faulting leaf. The first argument picks the leaf:
 *   leaf  level3, no stack frame at all: its caller is only in lr
 *   big   big_leaf, a leaf with a large array on the stack (vsp-adjusting unwind opcodes)
 *   tail  level2 calls tail_to_level3, which tail-calls level3: the backtrace names it anyway
 * The test registrations check that the backtrace names the functions in order.
 */
#include <stdio.h>

/* NULL, but the compiler cannot know it. */
volatile int *volatile bad_pointer;
volatile int sink;

__attribute__((noinline)) int level3(int x)
{
	return *bad_pointer + x;
}

__attribute__((noinline)) int big_leaf(int x)
{
	volatile int buf[1500];

	buf[x % 1500] = x;
	buf[(x + 7) % 1500] = *bad_pointer;
	return buf[x % 1500];
}

__attribute__((noinline)) int tail_to_level3(int x)
{
	return level3(x + 1);
}

__attribute__((noinline)) int level2(int n, char mode)
{
	volatile int acc[16];
	int a = n * 3, b = n * 5, c = n * 7, d = n * 11, e = n * 13, f = n * 17;
	int r;

	for (int i = 0; i < 16; i++)
		acc[i] = n + i;
	if (mode == 'b')
		r = big_leaf(acc[3]);
	else if (mode == 't')
		r = tail_to_level3(acc[5]);
	else
		r = level3(acc[7]);
	/* Keep a-f live across the call, so they sit in pushed callee-saved registers. */
	sink = a ^ b;
	return r + a * b + c * d + e * f + acc[1];
}

__attribute__((noinline)) int level1(int n, char mode)
{
	int r = level2(n + 1, mode);

	sink = r;
	return r + 1;
}

int main(int argc, char **argv)
{
	char mode = argc > 1 ? argv[1][0] : 'l';

	printf("backtrace test, mode %s\n", argc > 1 ? argv[1] : "leaf");
	sink = level1(argc, mode);
	printf("not reached: %d\n", sink);
	return 0;
}
