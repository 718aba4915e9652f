/*
 * Memory domains, used as Linux ARM's software PAN (privileged access never, the
 * CONFIG_CPU_SW_DOMAIN_PAN scheme): the application's page tables are in DOMAIN_USER, the
 * runtime's in DOMAIN_KERNEL. The runtime runs with DOMAIN_USER closed (no access), so a load
 * or store of the runtime to application memory is a domain fault and an Oops; only the user
 * copies (platform/uaccess.S, platform/uaccess-getput.h) open it, for their own accesses, and
 * put back what was there. Every exception entry closes it and its return puts back the
 * interrupted context's value (platform/entry.S); the application runs with it open.
 */
#ifndef UNIARM_PLATFORM_DOMAIN_H
#define UNIARM_PLATFORM_DOMAIN_H

#define DOMAIN_KERNEL 0
#define DOMAIN_USER   1

/* DACR values (two bits per domain: 0 no access, 1 client: the page tables' permissions). */
#define DACR_UACCESS_DISABLE 0x1 /* DOMAIN_KERNEL client, DOMAIN_USER no access */
#define DACR_UACCESS_ENABLE  0x5 /* both client */

/* Level-1 descriptor field: the domain of a section or of a page table's pages. */
#define PMD_DOMAIN(d) ((d) << 5)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Open application memory to the runtime; returns the DACR value to put back. */
static inline uint32_t uaccess_save_and_enable(void)
{
	uint32_t old, v = DACR_UACCESS_ENABLE;

	__asm__ volatile("mrc p15, 0, %0, c3, c0, 0\n\t"
			 "mcr p15, 0, %1, c3, c0, 0\n\t"
			 "isb"
			 : "=&r"(old)
			 : "r"(v)
			 : "memory");
	return old;
}

/* Put back the value uaccess_save_and_enable returned. No ISB: the value is either the one
 * already there (open) or closed, and closing a little late only delays a fault that no
 * correct access takes. */
static inline void uaccess_restore(uint32_t old)
{
	__asm__ volatile("mcr p15, 0, %0, c3, c0, 0" ::"r"(old) : "memory");
}
#endif

#endif
