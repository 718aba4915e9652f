/* The register frame every exception entry saves (platform/entry.S builds it on the SVC stack). */
#ifndef UNIARM_PLATFORM_PTRACE_H
#define UNIARM_PLATFORM_PTRACE_H

#include <stdint.h>

struct pt_regs {
	uint32_t uregs[17]; /* r0-r12, sp, lr, pc, cpsr */
};

#define ARM_sp	 uregs[13]
#define ARM_lr	 uregs[14]
#define ARM_pc	 uregs[15]
#define ARM_cpsr uregs[16]
#define ARM_fp	 uregs[11]
#define ARM_r0	 uregs[0]

#define PSR_MODE_MASK 0x1fu
#define PSR_MODE_USR  0x10u
#define PSR_MODE_SVC  0x13u
#define PSR_MODE_SYS  0x1fu
#define PSR_T_BIT     (1u << 5)
#define PSR_F_BIT     (1u << 6)
#define PSR_I_BIT     (1u << 7)
#define PSR_A_BIT     (1u << 8)

#define thumb_mode(regs) (((regs)->ARM_cpsr & PSR_T_BIT) != 0)
/* The exception interrupted the application (USR mode, PL0). */
#define user_mode(regs) (((regs)->ARM_cpsr & PSR_MODE_MASK) == PSR_MODE_USR)

#endif
