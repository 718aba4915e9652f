/*
 * vsprintf.h - the runtime's own printf-style formatter.
 *
 * printk and the Oops printer format through these functions rather than
 * newlib's stdio, which may allocate and is unsafe inside a fault handler.
 * They keep no state, never allocate and are safe to call from any context.
 *
 * Supported conversions: d i u x X o c s p %
 * Flags: '-' '0' '+' ' ' '#'; field width and precision, both also as '*'.
 * Length modifiers: hh h l ll z t j (ignored for c, s and p).
 *
 * Differences from ISO C worth knowing:
 *  - %p prints "0x" followed by exactly sizeof(void *) * 2 lowercase hex
 *    digits (NULL prints as 0x00000000 on a 32-bit target); only the width
 *    and the '-' flag apply to it.
 *  - %s with a NULL pointer prints "(null)", cut by the precision if any.
 *  - The '0' flag is ignored for c, s and p; "%%" ignores flags and width.
 *  - An unsupported conversion (e.g. %q, %n, %f) is copied to the output
 *    literally, from its '%' to its conversion character, and takes no
 *    argument. A '%' specification cut short by the end of the format is
 *    copied literally as well.
 *  - Widths and precisions larger than INT_MAX saturate at INT_MAX; padding
 *    costs time only for the part that fits in the buffer.
 *  - A NULL format formats as "(null)".
 */
#ifndef UNIARM_RUNTIME_VSPRINTF_H
#define UNIARM_RUNTIME_VSPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * kvsnprintf - format into a bounded buffer (the C99 vsnprintf contract).
 *
 * Writes at most @size bytes to @buf, including the terminating NUL, which
 * is always written when @size is non-zero. When @size is 0 nothing is
 * written and @buf may be NULL (a NULL @buf is always treated as size 0).
 * Returns the length the complete output would have had, excluding the NUL,
 * so a return value >= @size means the output was truncated. Returns -1
 * only if that length does not fit in an int. @ap is not consumed: the
 * caller may still va_end() it (and must).
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ksnprintf - kvsnprintf() with a variable argument list; same guarantees. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * vscnprintf - format into a bounded buffer (the Linux scnprintf contract).
 *
 * Same output as kvsnprintf(), but returns the number of characters actually
 * stored in @buf, excluding the NUL: at most @size - 1, and 0 if @size is 0.
 * Never negative, so it is safe to accumulate: len += vscnprintf(...).
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* scnprintf - vscnprintf() with a variable argument list; same guarantees. */
int scnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif /* UNIARM_RUNTIME_VSPRINTF_H */
