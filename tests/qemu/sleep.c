/* usleep and nanosleep wait at least as long as asked, in guest time; bad arguments fail. */
#include <errno.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return -1;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
	long long t0 = now_ns();
	if (usleep(10000))
		return 1;
	long long t1 = now_ns();
	printf("usleep(10000) took %lld us\n", (t1 - t0) / 1000);
	if (t1 - t0 < 10000000LL)
		return 2;

	struct timespec req = {0, 2500000}, rem;
	t0 = now_ns();
	if (nanosleep(&req, &rem))
		return 3;
	t1 = now_ns();
	printf("nanosleep(2.5 ms) took %lld us\n", (t1 - t0) / 1000);
	if (t1 - t0 < 2500000LL)
		return 4;

	struct timespec bad = {0, 1000000000L};
	errno = 0;
	if (nanosleep(&bad, NULL) != -1 || errno != EINVAL)
		return 5;
	if (clock_gettime((clockid_t)99, &req) != -1 || errno != EINVAL)
		return 6;
	struct timeval tv;
	if (gettimeofday(&tv, NULL) || tv.tv_sec < 1600000000)
		return 7;
	printf("sleep checks passed\n");
	return 0;
}
