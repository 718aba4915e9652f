/*
 * Floating point per thread (docs/tasks.md: the lazy FP switch): each thread's d0-d31 and FPSCR
 * are its own across preemption and across other threads' FP work, a new thread starts with
 * its creator's FPSCR (POSIX: the floating-point environment is inherited), and a thread that
 * never touches the FPU does not disturb the others. FPSCR is read and written with VMRS/VMSR
 * (newlib's <fenv.h> is a stub), so this is ARM-only, as uniarm is; validated on the Linux peer.
 */
#include "thr_check.h"

#define RMODE_SHIFT 22
#define RMODE_MASK  (3u << RMODE_SHIFT)
#define THREADS	    4
#define ROUNDS	    20000

static uint32_t read_fpscr(void)
{
	uint32_t v;

	__asm__ volatile("vmrs %0, fpscr" : "=r"(v));
	return v;
}

static void write_fpscr(uint32_t v)
{
	__asm__ volatile("vmsr fpscr, %0" ::"r"(v));
}

/* d8-d15 are callee-saved: a value parked there must survive any switch in between. */
static int d_registers_kept(double seed)
{
	double out;

	__asm__ volatile("vmov.f64 d8, %1\n\t"
			 "vmov.f64 d15, %1\n\t"
			 "mov r0, #0\n"
			 "1:\tadd r0, r0, #1\n\t"
			 "cmp r0, #0x30000\n\t"
			 "bne 1b\n\t" /* a long spin: the time slice ends in here */
			 "vadd.f64 %0, d8, d15"
			 : "=w"(out)
			 : "w"(seed)
			 : "r0", "d8", "d15", "cc");
	return out == 2 * seed;
}

struct fp_job {
	uint32_t rmode;
	int bad_fpscr, bad_sum, bad_regs;
	uint32_t inherited;
};

static volatile int go;

static void *fp_worker(void *arg)
{
	struct fp_job *j = arg;
	volatile double x = 1.0, third = 1.0 / 3.0;
	double expect, sum = 0;

	j->inherited = read_fpscr() & RMODE_MASK;
	while (!go)
		sched_yield();
	write_fpscr((read_fpscr() & ~RMODE_MASK) | j->rmode);
	/* The same sum computed in the same rounding mode must come out the same every round. */
	for (int i = 0; i < 8; i++)
		sum += x * third;
	expect = sum;
	for (int r = 0; r < ROUNDS; r++) {
		sum = 0;
		for (int i = 0; i < 8; i++)
			sum += x * third;
		if (sum != expect)
			j->bad_sum++;
		if ((read_fpscr() & RMODE_MASK) != j->rmode)
			j->bad_fpscr++;
		if ((r & 1023) == 0) {
			if (!d_registers_kept(r + 0.5))
				j->bad_regs++;
			sched_yield();
		}
	}
	return NULL;
}

static volatile unsigned long integer_work;

static void *integer_worker(void *arg)
{
	(void)arg;
	while (!go)
		sched_yield();
	for (unsigned long i = 0; i < 3000000; i++)
		integer_work += i;
	return NULL;
}

int main(void)
{
	struct fp_job jobs[THREADS];
	pthread_t t[THREADS], plain;
	uint32_t saved = read_fpscr();

	/* Round toward zero in the creator: what the new threads start with. */
	write_fpscr((saved & ~RMODE_MASK) | (3u << RMODE_SHIFT));
	for (int i = 0; i < THREADS; i++) {
		jobs[i] = (struct fp_job){.rmode = (uint32_t)i << RMODE_SHIFT};
		CHECK_ZERO("fp.create", pthread_create(&t[i], NULL, fp_worker, &jobs[i]));
	}
	CHECK_ZERO("fp.create_integer_only", pthread_create(&plain, NULL, integer_worker, NULL));
	write_fpscr(saved);
	go = 1;
	for (int i = 0; i < THREADS; i++)
		CHECK_ZERO("fp.join", pthread_join(t[i], NULL));
	CHECK_ZERO("fp.join_integer_only", pthread_join(plain, NULL));
	for (int i = 0; i < THREADS; i++) {
		CHECK_EQ("fp.inherits_creators_fpscr", jobs[i].inherited, 3u << RMODE_SHIFT);
		CHECK_EQ("fp.fpscr_kept", jobs[i].bad_fpscr, 0);
		CHECK_EQ("fp.results_kept", jobs[i].bad_sum, 0);
		CHECK_EQ("fp.d_registers_kept", jobs[i].bad_regs, 0);
	}
	CHECK_EQ("fp.main_fpscr_kept", read_fpscr(), saved);
	return t_finish();
}
