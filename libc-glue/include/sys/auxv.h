/* The auxiliary vector (glibc's <sys/auxv.h>, Linux's AT_* and ARM HWCAP_* values). */
#ifndef _UNIARM_SYS_AUXV_H
#define _UNIARM_SYS_AUXV_H

#include <uniarm/auxvec-uapi.h> /* AT_*, shared with the runtime */

#ifdef __cplusplus
extern "C" {
#endif

#define HWCAP_ARM_SWP	    (1 << 0)
#define HWCAP_ARM_HALF	    (1 << 1)
#define HWCAP_ARM_THUMB	    (1 << 2)
#define HWCAP_ARM_FAST_MULT (1 << 4)
#define HWCAP_ARM_VFP	    (1 << 6)
#define HWCAP_ARM_EDSP	    (1 << 7)
#define HWCAP_ARM_THUMBEE   (1 << 11)
#define HWCAP_ARM_NEON	    (1 << 12)
#define HWCAP_ARM_VFPv3	    (1 << 13)
#define HWCAP_ARM_TLS	    (1 << 15)
#define HWCAP_ARM_VFPv4	    (1 << 16)
#define HWCAP_ARM_IDIVA	    (1 << 17)
#define HWCAP_ARM_IDIVT	    (1 << 18)
#define HWCAP_ARM_VFPD32    (1 << 19)
#define HWCAP_ARM_LPAE	    (1 << 20)
#define HWCAP_ARM_EVTSTRM   (1 << 21)

/* The value of the entry of this type, or 0 with errno ENOENT when there is none. */
unsigned long getauxval(unsigned long type);

#ifdef __cplusplus
}
#endif

#endif
