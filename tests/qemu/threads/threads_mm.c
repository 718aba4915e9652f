/*
 * Memory from several threads at once (issue 12): each thread maps, touches, checks and unmaps
 * in a loop; threads fault the same fresh pages at the same time; malloc/free from every thread
 * with the contents checked, blocks freed by another thread than the one that allocated them;
 * stdio from several threads (every line comes out). Linux (glibc) is the reference: README.md.
 */
#include "thr_check.h"

#define NT 4

static pthread_barrier_t start;

/* --- each thread its own mappings -------------------------------------------------------- */

#define LOOPS 40
#define PAGES 64

static void *map_touch_unmap(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;
	long bad = 0;

	pthread_barrier_wait(&start);
	for (unsigned i = 0; i < LOOPS; i++) {
		size_t len = (PAGES + (i % 8)) * PG;
		char *p = mmap(NULL, len, RW, ANON_PRIV, -1, 0);
		if (p == MAP_FAILED) {
			bad += 1000;
			continue;
		}
		bad += nonzero(p, len) >= 0; /* fresh memory reads zero */
		fill(p, len, id * 1000 + i);
		if (i % 4 == 0)
			sched_yield();
		bad += verify(p, len, id * 1000 + i) >= 0;
		/* Unmap the upper half, check the lower one, unmap it. */
		size_t half = len / PG / 2 * PG;
		if (munmap(p + half, len - half))
			bad += 1000;
		bad += verify(p, half, id * 1000 + i) >= 0;
		if (munmap(p, half))
			bad += 1000;
	}
	return (void *)bad;
}

/* --- several threads faulting the same pages -------------------------------------------- */

#define SHARED_PAGES 256
static volatile uint32_t *shared_region;

static void *fault_shared_pages(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;

	pthread_barrier_wait(&start);
	for (unsigned pg = 0; pg < SHARED_PAGES; pg++) {
		unsigned p = (pg + id * 17) % SHARED_PAGES; /* each thread starts elsewhere */
		shared_region[p * (PG / 4) + id] = 0x5a000000u | (p << 8) | id;
	}
	return NULL;
}

/* --- malloc and free --------------------------------------------------------------------- */

#define SLOTS	 64
#define MOPS	 20000
#define HANDOFFS 2000

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void *malloc_stress(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;
	uint32_t seed = 0x9e3779b9u * (id + 1);
	unsigned char *slot[SLOTS] = {0};
	size_t size[SLOTS] = {0};
	unsigned tag[SLOTS] = {0};
	long bad = 0;

	pthread_barrier_wait(&start);
	for (unsigned op = 0; op < MOPS; op++) {
		unsigned s = rnd(&seed) % SLOTS;
		if (slot[s]) {
			bad += verify(slot[s], size[s], tag[s]) >= 0;
			free(slot[s]);
			slot[s] = NULL;
		} else {
			size[s] = 1 + rnd(&seed) % ((rnd(&seed) & 7) ? 256 : 16384);
			tag[s] = id * 100000 + op;
			slot[s] = malloc(size[s]);
			if (!slot[s]) {
				bad += 1000;
				continue;
			}
			bad += ((uintptr_t)slot[s] & 7) != 0;
			fill(slot[s], size[s], tag[s]);
		}
	}
	for (unsigned s = 0; s < SLOTS; s++)
		if (slot[s]) {
			bad += verify(slot[s], size[s], tag[s]) >= 0;
			free(slot[s]);
		}
	return (void *)bad;
}

/* One thread allocates and fills, another checks and frees: a ring of pointers under a mutex. */
static pthread_mutex_t ring_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ring_cond = PTHREAD_COND_INITIALIZER;
static unsigned char *ring[16];
static size_t ring_len[16];
static unsigned ring_head, ring_tail;

static void *alloc_side(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < HANDOFFS; i++) {
		size_t len = 1 + (i * 37) % 3000;
		unsigned char *p = malloc(len);
		if (p)
			fill(p, len, i);
		pthread_mutex_lock(&ring_lock);
		while (ring_head - ring_tail == 16)
			pthread_cond_wait(&ring_cond, &ring_lock);
		ring[ring_head % 16] = p;
		ring_len[ring_head % 16] = len;
		ring_head++;
		pthread_cond_broadcast(&ring_cond);
		pthread_mutex_unlock(&ring_lock);
	}
	return NULL;
}

static void *free_side(void *arg)
{
	long bad = 0;

	(void)arg;
	for (unsigned i = 0; i < HANDOFFS; i++) {
		pthread_mutex_lock(&ring_lock);
		while (ring_head == ring_tail)
			pthread_cond_wait(&ring_cond, &ring_lock);
		unsigned char *p = ring[ring_tail % 16];
		size_t len = ring_len[ring_tail % 16];
		ring_tail++;
		pthread_cond_broadcast(&ring_cond);
		pthread_mutex_unlock(&ring_lock);
		if (!p || verify(p, len, i) >= 0)
			bad++;
		free(p);
	}
	return (void *)bad;
}

/* --- stdio ------------------------------------------------------------------------------- */

#define LINES 25
static FILE *mem;

static void *print_lines(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;

	pthread_barrier_wait(&start);
	for (unsigned i = 0; i < LINES; i++) {
		printf("pthr%u line %u\n", id, i);
		fprintf(mem, "<%u:%u>\n", id, i);
		if (i % 5 == 0)
			sched_yield();
	}
	return NULL;
}

int main(void)
{
	pthread_t t[NT];
	long bad;

	/* Mappings. */
	pthread_barrier_init(&start, NULL, NT);
	for (unsigned i = 0; i < NT; i++)
		t[i] = spawn(map_touch_unmap, (void *)(uintptr_t)i);
	bad = 0;
	for (unsigned i = 0; i < NT; i++)
		bad += (long)join(t[i]);
	CHECK_EQ("mm.threads_map_touch_check_unmap", bad, 0);
	pthread_barrier_destroy(&start);

	/* The same fresh pages faulted by every thread. */
	shared_region = map_or_die(NULL, SHARED_PAGES * PG, RW, ANON_PRIV);
	long f0 = minflt();
	pthread_barrier_init(&start, NULL, NT);
	for (unsigned i = 0; i < NT; i++)
		t[i] = spawn(fault_shared_pages, (void *)(uintptr_t)i);
	for (unsigned i = 0; i < NT; i++)
		join(t[i]);
	pthread_barrier_destroy(&start);
	long right = 0;
	for (unsigned p = 0; p < SHARED_PAGES; p++)
		for (unsigned id = 0; id < NT; id++)
			right += shared_region[p * (PG / 4) + id] == (0x5a000000u | (p << 8) | id);
	CHECK_EQ("mm.same_pages_every_write_kept", right, SHARED_PAGES * NT);
	CHECK_EQ("mm.same_pages_all_resident", resident((void *)shared_region, SHARED_PAGES * PG),
		 SHARED_PAGES);
	long faults = minflt() - f0;
	CHECK("mm.same_pages_faults_counted", faults >= SHARED_PAGES,
	      "%ld minor faults for %d pages", faults, SHARED_PAGES);
	munmap((void *)shared_region, SHARED_PAGES * PG);

	/* malloc. */
	pthread_barrier_init(&start, NULL, NT);
	for (unsigned i = 0; i < NT; i++)
		t[i] = spawn(malloc_stress, (void *)(uintptr_t)i);
	bad = 0;
	for (unsigned i = 0; i < NT; i++)
		bad += (long)join(t[i]);
	CHECK_EQ("malloc.threads_contents_kept", bad, 0);
	pthread_barrier_destroy(&start);
	pthread_t a = spawn(alloc_side, NULL), f = spawn(free_side, NULL);
	join(a);
	CHECK_EQ("malloc.freed_by_another_thread", (long)join(f), 0);
	void *big = malloc(4 * MiB);
	CHECK("malloc.big_block_after", big != NULL, "malloc(4 MiB) failed");
	free(big);

	/* stdio: every line out, to the console and to a memory stream. */
	static char membuf[NT * LINES * 16 + 1];
	mem = fmemopen(membuf, sizeof(membuf), "w");
	MUST("fmemopen", mem != NULL);
	fflush(stdout);
	pthread_barrier_init(&start, NULL, NT);
	for (unsigned i = 0; i < NT; i++)
		t[i] = spawn(print_lines, (void *)(uintptr_t)i);
	for (unsigned i = 0; i < NT; i++)
		join(t[i]);
	pthread_barrier_destroy(&start);
	fflush(stdout);
	fclose(mem);
	int found = 0;
	for (unsigned id = 0; id < NT; id++)
		for (unsigned i = 0; i < LINES; i++) {
			char want[16];
			snprintf(want, sizeof(want), "<%u:%u>", id, i);
			char *at = strstr(membuf, want);
			found += at && !strstr(at + 1, want);
		}
	CHECK_EQ("stdio.every_line_once_in_a_shared_stream", found, NT * LINES);
	return t_finish();
}
