/* The console's line discipline in tty mode, after Linux's n_tty (docs/console.md). */
#ifndef UNIARM_RUNTIME_N_TTY_H
#define UNIARM_RUNTIME_N_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "platform/uaccess.h"

/* Sleep until the next receive interrupt (runtime/tty.c); interrupts masked by the caller,
 * and again on return. */
void tty_wait_input(void);

/* Linux's kernel struct termios (asm-generic/termbits.h): what TCGETS and TCSETS pass. */
#define NCCS 19
struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};

/* c_cc indices */
#define VINTR	 0
#define VQUIT	 1
#define VERASE	 2
#define VKILL	 3
#define VEOF	 4
#define VTIME	 5
#define VMIN	 6
#define VSWTC	 7
#define VSTART	 8
#define VSTOP	 9
#define VSUSP	 10
#define VEOL	 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE	 14
#define VLNEXT	 15
#define VEOL2	 16

/* c_iflag */
#define IGNBRK 0000001
#define BRKINT 0000002
#define INLCR  0000100
#define IGNCR  0000200
#define ICRNL  0000400
#define IXON   0002000
#define IUTF8  0040000
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
/* c_cflag */
#define B38400 0000017
#define CS8    0000060
#define CREAD  0000200
#define HUPCL  0002000
#define CLOCAL 0004000
/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define ECHOCTL 0001000
#define ECHOKE	0004000
#define IEXTEN	0100000

/* The default termios (before the first character). */
void n_tty_open(void);
/* Interrupt context: one character from the UART (its UARTDR value: byte and error flags). */
void n_tty_receive_char_flagged(unsigned int dr);
/*
 * A read of the console: waits (wfi) for a line (ICANON) or VMIN bytes, then copies at most
 * count bytes to the application's buf; 0 at end of file (^D at the start of a line);
 * -EAGAIN when nonblock and nothing is ready; the count copied, or -EFAULT, when buf faults
 * (what was not copied stays).
 */
long n_tty_read(void __user *buf, size_t count, bool nonblock);
/* Output (runtime memory): OPOST/ONLCR processing and the column, then the UART. */
void n_tty_write(const char *buf, size_t n);
void n_tty_get_termios(struct linux_termios *t);
/* Set the termios; flush discards the input first (TCSETSF). */
void n_tty_set_termios(const struct linux_termios *t, bool flush);

#endif
