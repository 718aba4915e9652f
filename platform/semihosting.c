/* Semihosting: `svc 0x123456` in ARM state, r0 = operation, r1 = argument. */
#include "platform/semihosting.h"

#define ADP_STOPPED_APPLICATION_EXIT 0x20026

uint32_t semihosting_call(uint32_t op, const void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;
	register long r7 __asm__("r7") = -1;

	/* QEMU intercepts this svc when semihosting is on; without it the svc vector is taken,
	 * and vector_swi (platform/entry.S) returns here at once for r7 = -1 and this
	 * instruction, so the call has no effect. */
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1), "r"(r7) : "memory", "lr");
	return r0;
}

void semihosting_write0(const char *s)
{
	semihosting_call(SYS_WRITE0, s);
}

void semihosting_exit(int status)
{
	uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status & 0xff};

	semihosting_call(SYS_EXIT_EXTENDED, block);
}
