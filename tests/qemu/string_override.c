/*
 * An application that defines its own memset (NEON intrinsics) and memcpy (a byte loop).
 * uniarm_libc's string routines are weak, so this links without a duplicate-symbol error, and
 * the runtime calls its own __kernel_* copies (docs/string.md), so:
 *  - the application's calls reach the application's functions (counted);
 *  - the runtime, which copies and clears memory in read() of /proc/self/maps (the file is
 *    formatted by the runtime and copied out), in mmap and the first touch of its pages
 *    (zero-filled) and in getrusage, keeps working and calls neither of them (the counts do
 *    not move across those calls);
 *  - the image check after linking (tools/check-no-fp --image) passed, or there would be no
 *    image: nothing the runtime reaches is this NEON memset.
 * Built with -fno-builtin (tests/qemu/CMakeLists.txt): the calls below stay calls of memset and
 * memcpy (not __aeabi_memclr or inline stores), and the byte loop is not turned back into a
 * call of memcpy.
 */
#include <arm_neon.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

static volatile unsigned long memset_calls, memcpy_calls;

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint8x16_t v = vdupq_n_u8((uint8_t)c);

	memset_calls++;
	for (; n >= 16; n -= 16, d += 16)
		vst1q_u8(d, v);
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	memcpy_calls++;
	while (n--)
		*d++ = *s++;
	return dst;
}

static int failed, passed;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);                                \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

static char maps[8192];
static unsigned char a[300], b[300];

int main(void)
{
	/* The application's own calls reach its own functions. */
	unsigned long s0 = memset_calls, c0 = memcpy_calls;
	memset(a, 0x5a, sizeof(a));
	memcpy(b, a, sizeof(b));
	CHECK(memset_calls == s0 + 1 && memcpy_calls == c0 + 1,
	      "application calls: memset %lu -> %lu, memcpy %lu -> %lu", s0, memset_calls, c0,
	      memcpy_calls);
	int same = 1;
	for (size_t i = 0; i < sizeof(b); i++)
		same &= b[i] == 0x5a;
	CHECK(same, "the application's memset/memcpy produced the wrong bytes");

	/* The runtime at work: none of it may call the application's memset or memcpy. No
	 * stdio in between (newlib's printf may call them itself). */
	s0 = memset_calls;
	c0 = memcpy_calls;
	int fd = open("/proc/self/maps", O_RDONLY);
	ssize_t got = fd >= 0 ? read(fd, maps, sizeof(maps) - 1) : -1;
	if (fd >= 0)
		close(fd);
	size_t len = 16 * 4096;
	unsigned char *m =
		mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long zero = 1;
	if (m != MAP_FAILED) {
		for (size_t off = 0; off < len; off += 4096) {
			zero &= m[off] == 0 && m[off + 4095] == 0; /* first touch: zero-filled */
			m[off + 7] = 0xa5;
		}
	}
	struct rusage ru;
	int rr = getrusage(RUSAGE_SELF, &ru);
	unsigned long s1 = memset_calls, c1 = memcpy_calls;

	CHECK(got > 0, "read(/proc/self/maps): %ld", (long)got);
	maps[got > 0 ? got : 0] = 0;
	CHECK(got > 0 && strstr(maps, "[stack]") != NULL, "/proc/self/maps has no [stack] line");
	CHECK(m != MAP_FAILED && zero, "mmap: %p, pages zero-filled: %lu", (void *)m, zero);
	CHECK(m != MAP_FAILED && m[7] == 0xa5 && m[len - 4096 + 7] == 0xa5,
	      "mmap pages keep stores");
	CHECK(rr == 0 && ru.ru_minflt >= 16, "getrusage: %d, minflt %ld", rr, ru.ru_minflt);
	CHECK(s1 == s0 && c1 == c0,
	      "the runtime called the application's routines: memset +%lu, memcpy +%lu", s1 - s0,
	      c1 - c0);

	printf("application memset calls %lu, memcpy calls %lu\n", memset_calls, memcpy_calls);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
