/*
 * The auxiliary vector's entry types, Linux's values (include/uapi/linux/auxvec.h). The one
 * definition of them: the application gets them through <sys/auxv.h>, the runtime (exec,
 * runtime/elf.h) includes this file directly.
 */
#ifndef UNIARM_AUXVEC_UAPI_H
#define UNIARM_AUXVEC_UAPI_H

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

#endif
