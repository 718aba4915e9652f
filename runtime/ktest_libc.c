/*
 * The few C library functions tests of the runtime itself call (uniarm_add_ktest), for the
 * runtime's side of the image, where newlib is not: output through printk, exit through the
 * runtime's end. Linked into ktest images only (library uniarm_ktest).
 */
#include "runtime/exit.h"
#include "runtime/kstrtox.h"
#include "runtime/printk.h"
#include "runtime/vsprintf.h"

#include <reent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long sys_getpid(void);

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printk("%s\n", s);
}

int putchar(int c)
{
	printk("%c", c);
	return c;
}

/* printk writes through at once: nothing to flush. stdout expands to _REENT->_stdout, so a
 * reent structure exists for it to name. */
int fflush(FILE *f)
{
	(void)f;
	return 0;
}

struct _reent *__getreent(void)
{
	static struct _reent reent;

	return &reent;
}

void exit(int status)
{
	do_exit_machine(EXIT_REASON_EXIT, status & 0xff);
}

void abort(void)
{
	printk("abort() called\n");
	do_exit_machine(EXIT_REASON_SIGNAL, 128 + 6);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long long v = 0;
	const char *e = s;

	if (kstrtoull_prefix(s, (unsigned int)base, &v, &e))
		e = s;
	if (end)
		*end = (char *)e;
	return (unsigned long)v;
}

int getpid(void)
{
	return (int)sys_getpid();
}

/* errno, for the memory calls' wrappers (libc-glue/mman.c). */
int *__errno(void)
{
	return &__getreent()->_errno;
}
