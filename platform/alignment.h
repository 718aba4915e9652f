/*
 * The fix-up of the application's unaligned LDRD/STRD and LDM/STM (Linux's
 * arch/arm/mm/alignment.c, platform/alignment.c) and the numbers /proc/cpu/alignment shows.
 */
#ifndef UNIARM_PLATFORM_ALIGNMENT_H
#define UNIARM_PLATFORM_ALIGNMENT_H

#include <stdint.h>
#include "platform/ptrace.h"

/* What do_alignment made of an alignment fault the application took. */
enum alignment_result {
	ALIGNMENT_FIXED,  /* emulated: the application goes on after the instruction */
	ALIGNMENT_SIGBUS, /* not emulated (or the signal mode): SIGBUS BUS_ADRALN */
	ALIGNMENT_SIGSEGV /* the emulated access faulted: SIGSEGV SEGV_MAPERR at addr */
};

/* An alignment fault (DFSR fault status 0x01) at addr from USR mode. */
enum alignment_result do_alignment(uintptr_t addr, uint32_t fsr, struct pt_regs *regs);

/* Linux's ai_usermode bits ("User faults:" in /proc/cpu/alignment). */
#define UM_WARN	  (1 << 0) /* a console line per fault */
#define UM_FIXUP  (1 << 1) /* emulate */
#define UM_SIGNAL (1 << 2) /* SIGBUS instead */

/* Linux's counters (ai_user, ai_sys, ...): faults taken, and by kind those emulated. */
struct alignment_stats {
	unsigned long user, sys, skipped, half, word, dword, multi;
};

void alignment_get_stats(struct alignment_stats *st);
int alignment_usermode(void);
/* The mode's name: "ignored", "warn", "fixup", "fixup+warn", "signal" or "signal+warn". */
const char *alignment_usermode_name(int mode);
/* A write of mode 0-5 to /proc/cpu/alignment; as Linux on ARMv6+, a mode that neither fixes
 * up nor signals gets UM_FIXUP added (ignoring the fault would take it again forever). */
void alignment_set_usermode(int mode);

#endif
