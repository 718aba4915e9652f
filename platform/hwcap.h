/* What the CPU offers an application, in the words of Linux ARM's ELF hwcaps (AT_HWCAP). */
#ifndef UNIARM_PLATFORM_HWCAP_H
#define UNIARM_PLATFORM_HWCAP_H

/* Linux's arch/arm/include/uapi/asm/hwcap.h values. */
#define HWCAP_SWP	(1u << 0)
#define HWCAP_HALF	(1u << 1)
#define HWCAP_THUMB	(1u << 2)
#define HWCAP_FAST_MULT (1u << 4)
#define HWCAP_VFP	(1u << 6)
#define HWCAP_EDSP	(1u << 7)
#define HWCAP_THUMBEE	(1u << 11)
#define HWCAP_NEON	(1u << 12)
#define HWCAP_VFPv3	(1u << 13)
#define HWCAP_TLS	(1u << 15)
#define HWCAP_VFPv4	(1u << 16)
#define HWCAP_IDIVA	(1u << 17)
#define HWCAP_IDIVT	(1u << 18)
#define HWCAP_VFPD32	(1u << 19)
#define HWCAP_LPAE	(1u << 20)

/* AT_HWCAP for this CPU (after vfp_init has accepted its FPU). */
unsigned long elf_hwcap(void);

/* Let the application read and program the performance monitors (PMUSERENR.EN), as perf's
 * user-space counter access does: benchmarks count instructions without a system call. */
void pmu_user_enable(void);

#endif
