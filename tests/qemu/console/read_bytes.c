/*
 * Reads standard input with read(2) to its end and prints it in hex: "bytes N" then
 * "hex 0001ff..."; then checks that read keeps returning 0. Binary input must come back
 * exactly (no CR->NL, no special characters: ^C, ^D, DEL, NUL are data). Also a plain Linux
 * program: cc read_bytes.c && ./a.out < file.
 */
#include <stdio.h>
#include <unistd.h>

static unsigned char data[4096];

int main(void)
{
	size_t n = 0;
	long r;

	while (n < sizeof(data) && (r = (long)read(0, data + n, 64)) > 0)
		n += (size_t)r;
	if (r < 0) {
		perror("read");
		return 1;
	}
	printf("bytes %zu\nhex ", n);
	for (size_t i = 0; i < n; i++)
		printf("%02x", data[i]);
	printf("\n");
	for (int i = 0; i < 2; i++) {
		r = (long)read(0, data, sizeof(data));
		if (r != 0) {
			printf("FAIL: read after the end returned %ld\n", r);
			return 1;
		}
	}
	printf("ok\n");
	return 0;
}
