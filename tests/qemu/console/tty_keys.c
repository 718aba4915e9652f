/*
 * The application side of console_pty.sh, which types at it on a pseudo-terminal:
 *   tty_keys lines [COUNT]  reads with read(0, buf, COUNT) (default 64) and prints each
 *                           result as "read K: <bytes>" (\n and non-printing bytes escaped)
 *                           or "read K: EOF"; exits 0 after the second EOF
 *   tty_keys keys           turns ICANON and ECHO off (TCSETS), prints each byte read as
 *                           "key: XX" until 'q', turns them on again (TCSETSF), then "lines"
 *   tty_keys busy           computes for up to 60 s without reading (for ^C)
 * Prints "ready" when it is about to read (or compute). Also a plain Linux program (the
 * termios is the kernel's struct, as TCGETS passes it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TCGETS	0x5401
#define TCSETS	0x5402
#define TCSETSF 0x5404
#define ICANON	0000002
#define ECHO	0000010
#define VMIN	6

/* Linux's kernel struct termios (asm-generic/termbits.h), what TCGETS/TCSETS take. */
struct kernel_termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[19];
};

#if defined(__arm__) && !defined(__linux__)
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
static int tty_ioctl(unsigned long cmd, struct kernel_termios *t)
{
	long r = uniarm_syscall(54 /* ioctl */, 0, (long)cmd, (long)t, 0, 0, 0);

	return r < 0 ? (int)r : 0;
}
#else
#include <sys/ioctl.h>
static int tty_ioctl(unsigned long cmd, struct kernel_termios *t)
{
	return ioctl(0, cmd, t);
}
#endif

static void print_bytes(const unsigned char *p, long n)
{
	putchar('<');
	for (long i = 0; i < n; i++) {
		if (p[i] == '\n')
			fputs("\\n", stdout);
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			printf("\\x%02x", p[i]);
		else
			putchar(p[i]);
	}
	putchar('>');
}

static int lines(size_t count)
{
	unsigned char buf[64];
	int eofs = 0;

	printf("ready\n");
	fflush(stdout);
	for (int k = 1; eofs < 2; k++) {
		long r = (long)read(0, buf, count);

		printf("read %d: ", k);
		if (r < 0) {
			printf("error\n");
			return 1;
		}
		if (r == 0) {
			printf("EOF\n");
			eofs++;
		} else {
			print_bytes(buf, r);
			putchar('\n');
		}
		fflush(stdout);
	}
	return 0;
}

static int keys(void)
{
	struct kernel_termios saved, t;
	unsigned char c;

	if (tty_ioctl(TCGETS, &saved)) {
		printf("TCGETS failed\n");
		return 1;
	}
	printf("lflag %o min %d\n", saved.c_lflag, saved.c_cc[VMIN]);
	t = saved;
	t.c_lflag &= ~(unsigned int)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	if (tty_ioctl(TCSETS, &t)) {
		printf("TCSETS failed\n");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	do {
		if (read(0, &c, 1) != 1) {
			printf("read failed\n");
			return 1;
		}
		printf("key: %02x\n", c);
		fflush(stdout);
	} while (c != 'q');
	if (tty_ioctl(TCSETSF, &saved)) {
		printf("TCSETSF failed\n");
		return 1;
	}
	printf("canonical again\n");
	return lines(64);
}

static int busy(void)
{
	struct timespec t0, t;
	volatile unsigned long spins = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("ready\n");
	fflush(stdout);
	do {
		for (int i = 0; i < 1000000; i++)
			spins++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < 60);
	printf("not interrupted\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "lines";
	size_t count = argc > 2 ? (size_t)atoi(argv[2]) : 64;

	if (!strcmp(mode, "keys"))
		return keys();
	if (!strcmp(mode, "busy"))
		return busy();
	return lines(count > 0 && count <= 64 ? count : 64);
}
