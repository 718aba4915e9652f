/* printk: format with the runtime's own formatter (no malloc, usable in a crash) and write
 * to the console. */
#include "runtime/printk.h"
#include "runtime/vsprintf.h"
#include "runtime/exit.h"
#include "platform/pl011.h"
#include "platform/cp15.h"

#include <stdarg.h>

void console_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			pl011_putc('\r');
		pl011_putc(buf[i]);
	}
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vscnprintf(buf, sizeof(buf), fmt, ap);

	console_write(buf, (size_t)n);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	local_irq_disable();
	printk("Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	do_exit_machine(EXIT_REASON_OOPS, EXIT_OOPS);
}
