/* Abort and undefined-instruction handling: decoding the fault status, reporting the fault. */
#ifndef UNIARM_PLATFORM_FAULT_H
#define UNIARM_PLATFORM_FAULT_H

#include <stdint.h>
#include "platform/ptrace.h"

#define FSR_WRITE (1u << 11) /* WnR: the access was a write (DFSR only) */
#define FSR_EXT	  (1u << 12)
#define FSR_FS4	  (1u << 10)
#define FSR_FS3_0 0xfu
/* The 5-bit fault-status code of a short-descriptor DFSR/IFSR. */
static inline unsigned int fsr_fs(uint32_t fsr)
{
	return ((fsr & FSR_FS4) >> 6) | (fsr & FSR_FS3_0);
}

/* One row per fault-status code: how to handle it and what to call it. The handler returns 0
 * when it resolved the fault (the access is retried) and non-zero otherwise. */
struct fsr_info {
	int (*fn)(uintptr_t addr, uint32_t fsr, struct pt_regs *regs);
	const char *name;
};

/* Human name of a fault status ("translation fault (section)", ...). */
const char *fsr_name(uint32_t fsr);

/* Print the "Unable to handle kernel ..." report for addr and die with an Oops. */
__attribute__((noreturn)) void __do_kernel_fault(uintptr_t addr, uint32_t fsr,
						 struct pt_regs *regs);

/* entry.S, when an exception finds the SVC sp in the SVC stack's red zone or guard page:
 * regs is on the emergency stack, mode the exception's mode (CPSR.M). Reports a kernel stack
 * overflow and dies with an Oops. */
__attribute__((noreturn)) void handle_bad_stack(struct pt_regs *regs, uint32_t mode);

void do_DataAbort(struct pt_regs *regs);
void do_PrefetchAbort(struct pt_regs *regs);
void do_undefinstr(struct pt_regs *regs);
void do_FIQ(struct pt_regs *regs);
void do_bad_mode_reset(struct pt_regs *regs);

#endif
