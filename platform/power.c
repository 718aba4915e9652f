/*
 * Exit status through semihosting SYS_EXIT_EXTENDED (QEMU runs with semihosting enabled and
 * exits with the code), PSCI SYSTEM_OFF when semihosting is not there (status is then lost),
 * and a wfi loop as the last resort.
 */
#include "platform/power.h"
#include "platform/cp15.h"
#include "platform/semihosting.h"

#include <stdint.h>

#define PSCI_SYSTEM_OFF 0x84000008u

static enum { PSCI_NONE, PSCI_HVC, PSCI_SMC } psci_conduit;

void psci_init(const char *method)
{
	if (!method)
		return;
	if (method[0] == 'h' && method[1] == 'v' && method[2] == 'c' && !method[3])
		psci_conduit = PSCI_HVC;
	else if (method[0] == 's' && method[1] == 'm' && method[2] == 'c' && !method[3])
		psci_conduit = PSCI_SMC;
}

static void psci_system_off(void)
{
	register uint32_t r0 __asm__("r0") = PSCI_SYSTEM_OFF;

	if (psci_conduit == PSCI_HVC)
		__asm__ volatile(".arch_extension virt\n\thvc #0" : "+r"(r0)::"memory");
	else if (psci_conduit == PSCI_SMC)
		__asm__ volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0)::"memory");
}

void machine_exit(int status)
{
	local_irq_disable();
	semihosting_exit(status);
	psci_system_off();
	for (;;)
		wfi();
}
