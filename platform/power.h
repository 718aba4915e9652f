/* Leaving the machine: semihosting exit status, PSCI SYSTEM_OFF as the fallback. */
#ifndef UNIARM_PLATFORM_POWER_H
#define UNIARM_PLATFORM_POWER_H

#include <stdbool.h>

/* PSCI conduit from the device tree's /psci "method": "hvc" or "smc". */
void psci_init(const char *method);
/* Stop the machine; QEMU exits with status & 0xff. Never returns. */
__attribute__((noreturn)) void machine_exit(int status);

#endif
