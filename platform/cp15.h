/* Coprocessor 15 and barrier primitives used by the rest of the runtime (ARMv7-A). */
#ifndef UNIARM_PLATFORM_CP15_H
#define UNIARM_PLATFORM_CP15_H

#include <stdint.h>

#define isb()	  __asm__ volatile("isb" ::: "memory")
#define dsb(opt)  __asm__ volatile("dsb " #opt ::: "memory")
#define dmb(opt)  __asm__ volatile("dmb " #opt ::: "memory")
#define wfi()	  __asm__ volatile("wfi" ::: "memory")
#define barrier() __asm__ volatile("" ::: "memory")

#define CP15_READ(name, op1, crn, crm, op2)                                                        \
	static inline uint32_t read_##name(void)                                                   \
	{                                                                                          \
		uint32_t v;                                                                        \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v));    \
		return v;                                                                          \
	}
#define CP15_WRITE(name, op1, crn, crm, op2)                                                       \
	static inline void write_##name(uint32_t v)                                                \
	{                                                                                          \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(v)       \
				 : "memory");                                                      \
	}

CP15_READ(sctlr, 0, c1, c0, 0)
CP15_READ(dfsr, 0, c5, c0, 0)
CP15_READ(ifsr, 0, c5, c0, 1)
CP15_READ(dfar, 0, c6, c0, 0)
CP15_READ(ifar, 0, c6, c0, 2)
CP15_READ(ttbr0, 0, c2, c0, 0)
CP15_READ(cntfrq, 0, c14, c0, 0)
CP15_READ(cntv_ctl, 0, c14, c3, 1)
CP15_WRITE(cntv_ctl, 0, c14, c3, 1)
CP15_WRITE(cntkctl, 0, c14, c1, 0)  /* what PL0 may use of the generic timer */
CP15_WRITE(tpidruro, 0, c13, c0, 3) /* the user thread pointer (Linux: set_tls) */
CP15_READ(id_mmfr3, 0, c0, c1, 7)
CP15_READ(id_pfr0, 0, c0, c1, 0)
CP15_READ(id_mmfr0, 0, c0, c1, 4)
CP15_READ(id_isar0, 0, c0, c2, 0)
CP15_WRITE(pmuserenr, 0, c9, c14, 0) /* PL0 access to the performance monitors */
/* Stage 1 PL1 address translation of a VA as a read / a write (ATS1CPR / ATS1CPW); the result
 * is in PAR after an ISB. */
CP15_WRITE(ats1cpr, 0, c7, c8, 0)
CP15_WRITE(ats1cpw, 0, c7, c8, 1)
CP15_READ(par, 0, c7, c4, 0)

static inline uint64_t read_cntvct(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline void write_cntv_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14" ::"r"((uint32_t)v), "r"((uint32_t)(v >> 32))
			 : "memory");
	isb();
}

/* TLB maintenance for one page/section of the kernel's (global) mappings. */
static inline void local_flush_tlb_kernel_page(uintptr_t va)
{
	dsb(ishst);
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" ::"r"(va & ~0xfffu) : "memory"); /* TLBIMVA */
	dsb(ish);
	isb();
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

static inline uint32_t arch_local_save_flags(void)
{
	uint32_t f;
	__asm__ volatile("mrs %0, cpsr" : "=r"(f)::"memory");
	return f;
}

static inline uint32_t local_irq_save(void)
{
	uint32_t f = arch_local_save_flags();
	local_irq_disable();
	return f;
}

static inline void local_irq_restore(uint32_t f)
{
	__asm__ volatile("msr cpsr_c, %0" ::"r"(f) : "memory");
}

#endif
