/* The console device: fds 0-2, /dev/console, /dev/tty, /dev/std* (docs/console.md). */
#ifndef UNIARM_RUNTIME_TTY_H
#define UNIARM_RUNTIME_TTY_H

#include <stdbool.h>
#include "runtime/file.h"

/* uniarm.console=raw: the input is a byte stream that a BREAK ends, not a terminal. */
extern bool console_raw;
extern const struct file_operations console_fops;

/* Start receiving: in tty mode the UART's receive interrupt feeds the line discipline. */
void tty_init(void);

#endif
