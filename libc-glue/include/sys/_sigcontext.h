/*
 * struct sigcontext: the registers of a signal frame, laid out as the kernel's
 * (runtime/uapi-signal.h's struct linux_sigcontext, checked by libc-glue/signal/abi_check.c),
 * with glibc's names for 32-bit ARM. <signal.h> shows it to GNU and BSD programs;
 * <sys/ucontext.h> is its mcontext_t. trap_no is 14 after a page fault and 6 after an
 * undefined instruction; error_code the fault status (bit 11: a write); oldmask signals 1-32
 * of uc_sigmask; fault_address the faulting data address.
 */
#ifndef _SYS__SIGCONTEXT_H
#define _SYS__SIGCONTEXT_H

struct sigcontext {
	unsigned long trap_no;
	unsigned long error_code;
	unsigned long oldmask;
	unsigned long arm_r0;
	unsigned long arm_r1;
	unsigned long arm_r2;
	unsigned long arm_r3;
	unsigned long arm_r4;
	unsigned long arm_r5;
	unsigned long arm_r6;
	unsigned long arm_r7;
	unsigned long arm_r8;
	unsigned long arm_r9;
	unsigned long arm_r10;
	unsigned long arm_fp;
	unsigned long arm_ip;
	unsigned long arm_sp;
	unsigned long arm_lr;
	unsigned long arm_pc;
	unsigned long arm_cpsr;
	unsigned long fault_address;
};

#endif
