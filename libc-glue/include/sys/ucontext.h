/*
 * uniarm's <sys/ucontext.h> (newlib has none): the signal frame's context as a handler sees
 * it, with glibc's names for 32-bit ARM. ucontext_t is laid out as the kernel's
 * struct linux_ucontext (runtime/uapi-signal.h, checked by libc-glue/signal/abi_check.c):
 * uc_mcontext is the kernel's sigcontext (r0-r12 as arm_r0..arm_r10, arm_fp, arm_ip, then
 * arm_sp, arm_lr, arm_pc, arm_cpsr and the fault's details), uc_sigmask the mask that returning
 * from the handler restores, and uc_regspace holds the kernel's records ({ magic, size } each,
 * ended by a zero word), among them the VFP registers d0-d31 and FPSCR.
 *
 * The kernel leaves 128 bytes for the mask (glibc's sigset_t); libc-glue's sigset_t is the
 * kernel's 8, and __uc_mask_pad fills the rest, so uc_regspace is where the kernel writes it.
 */
#ifndef _SYS_UCONTEXT_H
#define _SYS_UCONTEXT_H

#include <signal.h>
#include <sys/_sigcontext.h>

/* stack_t, also when <signal.h> left it out (a strict ISO C compilation). */
#ifndef __stack_t_defined
#define __stack_t_defined
typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef int greg_t;
#define NGREG 18
typedef greg_t gregset_t[NGREG];

#if __GNU_VISIBLE
/* Indexes of gregset_t (r0-r15, the registers of uc_mcontext from arm_r0 on). */
enum {
	REG_R0 = 0,
	REG_R1,
	REG_R2,
	REG_R3,
	REG_R4,
	REG_R5,
	REG_R6,
	REG_R7,
	REG_R8,
	REG_R9,
	REG_R10,
	REG_R11,
	REG_R12,
	REG_R13,
	REG_R14,
	REG_R15
};
#endif

/* glibc's (old FPA) floating-point state type; the VFP registers are in uc_regspace. */
typedef struct {
	struct {
		unsigned int sign1 : 1;
		unsigned int unused : 15;
		unsigned int sign2 : 1;
		unsigned int exponent : 14;
		unsigned int j : 1;
		unsigned int mantissa1 : 31;
		unsigned int mantissa0 : 32;
	} fpregs[8];
	unsigned int fpsr : 32;
	unsigned int fpcr : 32;
	unsigned char ftype[8];
	unsigned int init_flag;
} fpregset_t;

typedef struct sigcontext mcontext_t;

typedef struct ucontext_t {
	unsigned long uc_flags;
	struct ucontext_t *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	__sigset_t uc_sigmask;
	unsigned long __uc_mask_pad[32 - sizeof(__sigset_t) / sizeof(unsigned long)];
	unsigned long uc_regspace[128] __attribute__((__aligned__(8)));
} ucontext_t;

#ifdef __cplusplus
}
#endif

#endif
