/*
 * Reads standard input with fgets to its end and checks that the end stays the end.
 *   read_lines EXPECTED_LINES [LAST_LINE [slow]]
 * Prints "lines N bytes B last <...>", then "ok" or what failed; exits 0 when the count (and
 * the last line, without its newline) are as expected. "slow" waits a second before reading,
 * so that QEMU holds input back and the end-of-input BREAK arrives before the rest of the
 * data (docs/console.md). Also a plain Linux program: cc read_lines.c && ./a.out 3 < file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fails;

static void fail(const char *what, long got)
{
	printf("FAIL: %s (%ld)\n", what, got);
	fails++;
}

int main(int argc, char **argv)
{
	long want = argc > 1 ? atol(argv[1]) : 0;
	const char *want_last = argc > 2 ? argv[2] : NULL;
	char line[256], last[256] = "";
	long n = 0, bytes = 0;

	if (argc > 3 && !strcmp(argv[3], "slow"))
		usleep(1000000);
	while (fgets(line, sizeof(line), stdin)) {
		n++;
		bytes += (long)strlen(line);
		strcpy(last, line);
	}
	last[strcspn(last, "\n")] = '\0';
	printf("lines %ld bytes %ld last <%s>\n", n, bytes, last);
	if (ferror(stdin))
		fail("ferror(stdin)", 1);
	/* The end of the input stays the end: stdio again, and read(2) twice. */
	clearerr(stdin);
	if (fgets(line, sizeof(line), stdin))
		fail("fgets after the end read a line", (long)strlen(line));
	for (int i = 0; i < 2; i++) {
		long r = (long)read(0, line, sizeof(line));

		if (r != 0)
			fail("read after the end did not return 0", r);
	}
	if (n != want)
		fail("line count", n);
	if (want_last && strcmp(last, want_last))
		fail("last line differs", (long)strlen(last));
	printf("%s\n", fails ? "FAILED" : "ok");
	return fails != 0;
}
