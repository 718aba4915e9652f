/* The auxiliary vector (glibc's <sys/auxv.h>, Linux's AT_* and ARM HWCAP_* values). */
#ifndef _UNIARM_SYS_AUXV_H
#define _UNIARM_SYS_AUXV_H

#ifdef __cplusplus
extern "C" {
#endif

#define AT_NULL		 0
#define AT_IGNORE	 1
#define AT_EXECFD	 2
#define AT_PHDR		 3
#define AT_PHENT	 4
#define AT_PHNUM	 5
#define AT_PAGESZ	 6
#define AT_BASE		 7
#define AT_FLAGS	 8
#define AT_ENTRY	 9
#define AT_NOTELF	 10
#define AT_UID		 11
#define AT_EUID		 12
#define AT_GID		 13
#define AT_EGID		 14
#define AT_PLATFORM	 15
#define AT_HWCAP	 16
#define AT_CLKTCK	 17
#define AT_SECURE	 23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	 25
#define AT_HWCAP2	 26
#define AT_EXECFN	 31

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
