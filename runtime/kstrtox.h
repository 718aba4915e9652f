/*
 * Number parsing for the runtime (as Linux's lib/kstrtox.c): the runtime does not call
 * newlib's strtoull, whose 64-bit division reaches the hard-float libgcc's NEON code
 * (runtime/math64.h, docs/libc.md).
 */
#ifndef UNIARM_RUNTIME_KSTRTOX_H
#define UNIARM_RUNTIME_KSTRTOX_H

/*
 * The unsigned number at the start of s, in base (2..16, or 0: "0x"/"0X" means 16, a leading
 * "0" means 8, otherwise 10). *end points after the last digit used (s when there is none).
 * Returns 0, or -1 when there is no digit or the value does not fit 64 bits.
 */
int kstrtoull_prefix(const char *s, unsigned int base, unsigned long long *res, const char **end);

/* The value of a hexadecimal digit (either case), or -1 (Linux's hex_to_bin). */
int hex_to_bin(unsigned char c);

#endif
