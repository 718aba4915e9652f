/* The runtime's console output: printk to the PL011, panic to stop with a message. */
#ifndef UNIARM_RUNTIME_PRINTK_H
#define UNIARM_RUNTIME_PRINTK_H

#include <stdarg.h>
#include <stddef.h>

__attribute__((format(printf, 1, 2))) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);
/* Write raw bytes to the console ("\n" becomes "\r\n", as a tty with ONLCR does). */
void console_write(const char *buf, size_t len);
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
