/*
 * Counting guest instructions with the PMU (for benchmark apps). Under QEMU's
 * -icount shift=0,sleep=off, event 0x08 (INST_RETIRED) on event counter 0 counts retired
 * instructions exactly; without icount it reads 0 (platform-facts.md), which pmu_counting()
 * detects so a benchmark can say it was not run under icount.
 */
#ifndef UNIARM_PLATFORM_PMU_H
#define UNIARM_PLATFORM_PMU_H

#include <stdbool.h>
#include <stdint.h>

#define PMU_EVT_INST_RETIRED 0x08

static inline void pmu_insn_counter_init(void)
{
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 5" ::"r"(0));		    /* PMSELR = 0 */
	__asm__ volatile("mcr p15, 0, %0, c9, c13, 1" ::"r"(PMU_EVT_INST_RETIRED)); /* PMXEVTYPER */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 1" ::"r"(1u));		    /* PMCNTENSET */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 0" ::"r"(1u | 2u));		    /* PMCR: E, P */
	__asm__ volatile("isb" ::: "memory");
}

/* Instructions retired so far (event counter 0). */
static inline uint32_t pmu_read_insns(void)
{
	uint32_t v;

	__asm__ volatile("isb\n\tmrc p15, 0, %0, c9, c13, 2" : "=r"(v)::"memory"); /* PMXEVCNTR */
	return v;
}

/* True when the counter moves (QEMU runs with -icount). */
static inline bool pmu_counting(void)
{
	uint32_t a = pmu_read_insns();

	for (volatile int i = 0; i < 10; i++)
		;
	return pmu_read_insns() != a;
}

#endif
