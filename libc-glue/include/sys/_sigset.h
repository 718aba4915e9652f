/*
 * uniarm's <sys/_sigset.h>, shadowing newlib's (whose __sigset_t is one unsigned long: signals
 * 1-31 with BSD numbers). The set is Linux's: 64 signals, bit (n - 1) of the pair of words for
 * signal n, exactly what the rt_* system calls read and write with sigsetsize 8, so that
 * libc-glue passes a sigset_t to the kernel without converting it. newlib's <sys/select.h>
 * makes its sigset_t (pselect's) from this one, so both agree with <signal.h>'s.
 *
 * glibc's sigset_t is 128 bytes (room for 1024 signals that Linux will never have); this one
 * is the kernel's 8 bytes (docs/libc.md, "Signals").
 */
#ifndef _SYS__SIGSET_H_
#define _SYS__SIGSET_H_

typedef struct {
	unsigned long __val[2];
} __sigset_t;

#endif
