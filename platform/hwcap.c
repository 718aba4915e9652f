/*
 * AT_HWCAP, from the CPU's identification registers as Linux ARM builds it (setup.c,
 * vfpmodule.c): the ARMv7 baseline every Cortex-A has (half-word loads, Thumb, fast multiply,
 * the DSP extension, the TLS register), the FPU that vfp_init insisted on (VFPv4 with 32
 * double registers and NEON, so VFP, VFPv3 and VFPv4 too), and what ID_ISAR0, ID_PFR0 and
 * ID_MMFR0 say about division, ThumbEE and LPAE. The event stream (HWCAP_EVTSTRM) is not
 * claimed: the runtime does not turn the timer's event stream on.
 */
#include "platform/hwcap.h"
#include "platform/cp15.h"

unsigned long elf_hwcap(void)
{
	unsigned long hwcap = HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_EDSP | HWCAP_TLS |
			      HWCAP_VFP | HWCAP_VFPv3 | HWCAP_VFPv4 | HWCAP_VFPD32 | HWCAP_NEON;
	uint32_t div = (read_id_isar0() >> 24) & 0xf;

	if (div >= 1)
		hwcap |= HWCAP_IDIVT;
	if (div >= 2)
		hwcap |= HWCAP_IDIVA;
	if (((read_id_pfr0() >> 12) & 0xf) == 1)
		hwcap |= HWCAP_THUMBEE;
	if ((read_id_mmfr0() & 0xf) >= 5)
		hwcap |= HWCAP_LPAE;
	return hwcap;
}

void pmu_user_enable(void)
{
	write_pmuserenr(1);
	isb();
}
