// A C++ exception thrown by a qsort comparator propagates through newlib's qsort (built with
// unwind tables, tools/build-newlib) to the caller's catch. Before, newlib's functions were
// EXIDX_CANTUNWIND and the throw ended in std::terminate.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

static int compare(const void *a, const void *b)
{
	int x = *static_cast<const int *>(a), y = *static_cast<const int *>(b);

	if (x == 7 || y == 7)
		throw std::runtime_error("seven");
	return x - y;
}

int main()
{
	int v[16];

	for (int i = 0; i < 16; i++)
		v[i] = 16 - i;
	try {
		qsort(v, 16, sizeof(v[0]), compare);
		std::printf("qsort returned\n");
	} catch (const std::runtime_error &e) {
		std::printf("caught through qsort: %s\n", e.what());
		return 0;
	}
	return 1;
}
