/* ARM semihosting calls that QEMU serves when run with -semihosting-config enable=on. */
#ifndef UNIARM_PLATFORM_SEMIHOSTING_H
#define UNIARM_PLATFORM_SEMIHOSTING_H

#include <stdint.h>

#define SYS_WRITE0	  0x04
#define SYS_EXIT_EXTENDED 0x20

uint32_t semihosting_call(uint32_t op, const void *arg);
/* Print a NUL-terminated string on the host (QEMU's stderr/stdout). */
void semihosting_write0(const char *s);
/* Ask QEMU to exit with status; returns only if semihosting is off. */
void semihosting_exit(int status);

#endif
