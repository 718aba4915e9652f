/*
 * Thread lifetimes without leaks (issue 12): 10,000 create/join cycles, then 1,000 rounds of 8
 * threads at once and 2,000 detached threads; after each phase "Threads:" is back to 1, the
 * number of /proc/self/maps lines back to its baseline and MemFree (/proc/meminfo) back to its
 * baseline within a small tolerance. The baselines are taken after a warm-up of the same kind:
 * a C library may keep the stacks of ended threads for reuse (glibc caches up to 40 MiB), which
 * is not a leak as long as it does not grow. Linux (glibc) is the reference: README.md.
 */
#include "thr_check.h"

#define CYCLES	      10000
#define ROUNDS	      1000
#define PER_ROUND     8
#define DETACHED      2000
#define MEMFREE_SLACK 1024 /* kB */

static void *work(void *arg)
{
	volatile unsigned *p = arg;

	*p += 1;
	return (void *)(uintptr_t)(*p);
}

static volatile unsigned detached_done;

static void *detached_work(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

struct base {
	long threads, maps, memfree;
};

static struct base measure(void)
{
	struct base b;

	WAIT_FOR(proc_threads() == 1, 2000); /* the last ones may still be on their way out */
	b.threads = proc_threads();
	b.maps = maps_lines();
	b.memfree = memfree_kb();
	return b;
}

static void compare(const char *phase, struct base before, struct base after)
{
	char name[80];

	t_note("%s: Threads %ld -> %ld, maps lines %ld -> %ld, MemFree %ld -> %ld kB", phase,
	       before.threads, after.threads, before.maps, after.maps, before.memfree,
	       after.memfree);
	snprintf(name, sizeof(name), "%s.threads_back_to_1", phase);
	CHECK_EQ(name, after.threads, 1);
	snprintf(name, sizeof(name), "%s.maps_back_to_baseline", phase);
	CHECK_EQ(name, after.maps, before.maps);
	snprintf(name, sizeof(name), "%s.memfree_back_to_baseline", phase);
	CHECK(name, before.memfree > 0 && after.memfree >= before.memfree - MEMFREE_SLACK,
	      "MemFree %ld kB, baseline %ld kB (tolerance %d kB)", after.memfree, before.memfree,
	      MEMFREE_SLACK);
}

int main(void)
{
	volatile unsigned v = 0;
	pthread_t t[PER_ROUND];
	pthread_attr_t small, det;
	long ok;

	/* One at a time, default attributes. */
	for (int i = 0; i < 10; i++)
		join(spawn(work, (void *)&v));
	struct base b0 = measure();
	CHECK("baseline.readable", b0.threads == 1 && b0.maps > 0 && b0.memfree > 0,
	      "Threads %ld, maps %ld, MemFree %ld", b0.threads, b0.maps, b0.memfree);
	ok = 0;
	v = 0;
	for (int i = 0; i < CYCLES; i++) {
		pthread_t u;
		void *r = NULL;
		if (pthread_create(&u, NULL, work, (void *)&v) == 0 && pthread_join(u, &r) == 0 &&
		    r == (void *)(uintptr_t)(i + 1))
			ok++;
	}
	CHECK_EQ("create_join.10000_cycles", ok, CYCLES);
	compare("create_join", b0, measure());

	/* Eight at a time, 64 KiB stacks. */
	pthread_attr_init(&small);
	pthread_attr_setstacksize(&small, 64 * KiB);
	for (int i = 0; i < PER_ROUND; i++)
		MUST_RC("create", pthread_create(&t[i], &small, work, (void *)&v));
	for (int i = 0; i < PER_ROUND; i++)
		join(t[i]);
	struct base b1 = measure();
	ok = 0;
	for (int r = 0; r < ROUNDS; r++) {
		int n = 0;
		for (int i = 0; i < PER_ROUND; i++)
			n += pthread_create(&t[i], &small, work, (void *)&v) == 0;
		for (int i = 0; i < n; i++)
			pthread_join(t[i], NULL);
		ok += n;
	}
	CHECK_EQ("concurrent.8000_threads", ok, ROUNDS * PER_ROUND);
	compare("concurrent", b1, measure());

	/* Detached: nobody joins them; they clean up after themselves. */
	pthread_attr_init(&det);
	pthread_attr_setstacksize(&det, 64 * KiB);
	pthread_attr_setdetachstate(&det, PTHREAD_CREATE_DETACHED);
	ok = 0;
	detached_done = 0;
	for (int i = 0; i < DETACHED; i++) {
		pthread_t u;
		int rc;
		while ((rc = pthread_create(&u, &det, detached_work, NULL)) == EAGAIN)
			sched_yield();
		ok += rc == 0;
		/* Eight at a time, as above: each batch ends before the next starts. */
		if (i % PER_ROUND == PER_ROUND - 1)
			WAIT_FOR(proc_threads() == 1, 5000);
	}
	CHECK_EQ("detached.created", ok, DETACHED);
	CHECK("detached.all_ran", WAIT_FOR(detached_done == DETACHED, 10000), "%u of %d ran",
	      detached_done, DETACHED);
	compare("detached", b1, measure());
	pthread_attr_destroy(&small);
	pthread_attr_destroy(&det);
	return t_finish();
}
