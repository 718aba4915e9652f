/* Semihosting: `svc 0x123456` in ARM state, r0 = operation, r1 = argument. */
#include "platform/semihosting.h"

#define ADP_STOPPED_APPLICATION_EXIT 0x20026

uint32_t semihosting_call(uint32_t op, const void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	/* QEMU intercepts this svc when semihosting is on; without it the svc vector is taken
	 * and do_svc() returns here, so the call has no effect. */
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
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
