/*
 * vsprintf.c - the runtime's own printf-style formatter.
 *
 * A small, reentrant implementation of the integer and string subset of
 * printf, used by printk and the Oops printer so that neither depends on
 * newlib's stdio. It calls no library function: 64-bit decimal conversion
 * uses shifts and adds, and values that fit in 32 bits use a 32-bit divide
 * by the constant 10 (which compilers turn into a multiply).
 */
#include "runtime/vsprintf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KFMT_INT_MAX ((int)(~0u >> 1))

_Static_assert(sizeof(uintmax_t) <= sizeof(unsigned long long), "uintmax_t wider than 64 bits");
_Static_assert(sizeof(size_t) == sizeof(ptrdiff_t), "size_t and ptrdiff_t differ in width");

enum {
	F_LEFT = 1 << 0,  /* '-' */
	F_ZERO = 1 << 1,  /* '0' */
	F_PLUS = 1 << 2,  /* '+' */
	F_SPACE = 1 << 3, /* ' ' */
	F_ALT = 1 << 4,	  /* '#' */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	unsigned int flags;
	int width; /* >= 0 */
	int prec;  /* -1 when absent */
	enum length len;
};

/*
 * Output sink. Characters go to buf while fewer than cap have been stored;
 * len counts every character of the full output and saturates at SIZE_MAX.
 */
struct sink {
	char *buf;
	size_t cap;
	size_t len;
};

static void sink_add(struct sink *s, size_t n)
{
	s->len = n > SIZE_MAX - s->len ? SIZE_MAX : s->len + n;
}

static void put_char(struct sink *s, char c)
{
	if (s->len < s->cap)
		s->buf[s->len] = c;
	sink_add(s, 1);
}

/* n copies of c; only the part that fits in the buffer costs time. */
static void put_repeat(struct sink *s, char c, size_t n)
{
	while (n && s->len < s->cap) {
		s->buf[s->len++] = c;
		n--;
	}
	sink_add(s, n);
}

static void put_mem(struct sink *s, const char *p, size_t n)
{
	while (n && s->len < s->cap) {
		s->buf[s->len++] = *p++;
		n--;
	}
	sink_add(s, n);
}

/* Pad to the field width around a body of body_len characters. */
static size_t pad_len(const struct spec *sp, size_t body_len)
{
	size_t w = (size_t)sp->width;

	return w > body_len ? w - body_len : 0;
}

/* n / 10 for any 64-bit n, using shifts and adds only. */
static unsigned long long div10_u64(unsigned long long n)
{
	unsigned long long q, r;

	/* q approximates n * 0.8 from below; n * 0.8 / 8 == n / 10. */
	q = (n >> 1) + (n >> 2);
	q += q >> 4;
	q += q >> 8;
	q += q >> 16;
	q += q >> 32;
	q >>= 3;
	/*
	 * The truncations above lose less than 6.2 from n * 0.8, so q is
	 * n / 10 or one less; the remainder tells which.
	 */
	r = n - q * 10;
	return q + (r > 9);
}

/*
 * Write the digits of v in the given base (8, 10 or 16) to out, least
 * significant first, and return how many there are (at least one).
 * out must hold 22 characters (a 64-bit value in octal).
 */
static int digits_rev(char *out, unsigned long long v, unsigned int base, bool upper)
{
	const char *xdig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	if (base == 10) {
		uint32_t w;

		while (v > 0xffffffffull) {
			unsigned long long q = div10_u64(v);

			out[n++] = (char)('0' + (unsigned int)(v - q * 10));
			v = q;
		}
		w = (uint32_t)v;
		do {
			out[n++] = (char)('0' + w % 10);
			w /= 10;
		} while (w);
	} else {
		unsigned int shift = base == 16 ? 4 : 3;

		do {
			out[n++] = xdig[v & (base - 1)];
			v >>= shift;
		} while (v);
	}
	return n;
}

/*
 * Emit an integer conversion. mag is the magnitude, neg its sign; is_signed
 * says whether '+' and ' ' apply.
 */
static void fmt_integer(struct sink *s, const struct spec *sp, unsigned long long mag, bool neg,
			bool is_signed, unsigned int base, bool upper)
{
	char digits[24];
	char prefix[2];
	int ndig = 0, npre = 0;
	size_t zeros = 0, pad;

	if (!(mag == 0 && sp->prec == 0))
		ndig = digits_rev(digits, mag, base, upper);

	if (neg)
		prefix[npre++] = '-';
	else if (is_signed && (sp->flags & F_PLUS))
		prefix[npre++] = '+';
	else if (is_signed && (sp->flags & F_SPACE))
		prefix[npre++] = ' ';
	if (base == 16 && (sp->flags & F_ALT) && mag != 0) {
		prefix[npre++] = '0';
		prefix[npre++] = upper ? 'X' : 'x';
	}

	if (sp->prec > ndig)
		zeros = (size_t)(sp->prec - ndig);
	/* '#' with 'o': raise the precision just enough to lead with a 0. */
	if (base == 8 && (sp->flags & F_ALT) && zeros == 0 &&
	    (ndig == 0 || digits[ndig - 1] != '0'))
		zeros = 1;

	pad = pad_len(sp, (size_t)npre + zeros + (size_t)ndig);
	if (!(sp->flags & F_LEFT) && (sp->flags & F_ZERO) && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(sp->flags & F_LEFT))
		put_repeat(s, ' ', pad);
	put_mem(s, prefix, (size_t)npre);
	put_repeat(s, '0', zeros);
	while (ndig > 0)
		put_char(s, digits[--ndig]);
	if (sp->flags & F_LEFT)
		put_repeat(s, ' ', pad);
}

/* Emit a string body of n characters, padded to the field width. */
static void fmt_padded(struct sink *s, const struct spec *sp, const char *p, size_t n)
{
	size_t pad = pad_len(sp, n);

	if (!(sp->flags & F_LEFT))
		put_repeat(s, ' ', pad);
	put_mem(s, p, n);
	if (sp->flags & F_LEFT)
		put_repeat(s, ' ', pad);
}

static void fmt_string(struct sink *s, const struct spec *sp, const char *str)
{
	size_t n = 0;

	if (!str)
		str = "(null)";
	/* Never read past the precision: the string need not be terminated. */
	while ((sp->prec < 0 || n < (size_t)sp->prec) && str[n])
		n++;
	fmt_padded(s, sp, str, n);
}

static void fmt_pointer(struct sink *s, const struct spec *sp, const void *ptr)
{
	char out[2 + sizeof(void *) * 2];
	uintptr_t v = (uintptr_t)ptr;
	size_t i;

	out[0] = '0';
	out[1] = 'x';
	for (i = sizeof(out); i > 2; i--) {
		out[i - 1] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	}
	fmt_padded(s, sp, out, sizeof(out));
}

/* Fetch a signed integer argument of the given length; return magnitude and sign. */
static unsigned long long arg_signed(va_list *ap, enum length len, bool *neg)
{
	long long v;

	switch (len) {
	case LEN_HH:
		v = (signed char)va_arg(*ap, int);
		break;
	case LEN_H:
		v = (short)va_arg(*ap, int);
		break;
	case LEN_L:
		v = va_arg(*ap, long);
		break;
	case LEN_LL:
		v = va_arg(*ap, long long);
		break;
	case LEN_Z: /* the signed type of size_t's width */
	case LEN_T:
		v = va_arg(*ap, ptrdiff_t);
		break;
	case LEN_J:
		v = va_arg(*ap, intmax_t);
		break;
	default:
		v = va_arg(*ap, int);
		break;
	}
	*neg = v < 0;
	/* Negate in unsigned arithmetic so LLONG_MIN does not overflow. */
	return *neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
}

static unsigned long long arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
	case LEN_T: /* the unsigned type of ptrdiff_t's width */
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Parse decimal digits at *pp, saturating at INT_MAX. */
static int parse_num(const char **pp)
{
	const char *p = *pp;
	int v = 0;

	while (*p >= '0' && *p <= '9') {
		long long t = (long long)v * 10 + (*p++ - '0');

		v = t > KFMT_INT_MAX ? KFMT_INT_MAX : (int)t;
	}
	*pp = p;
	return v;
}

/*
 * Format one conversion specification starting just after its '%'.
 * Returns a pointer just past the specification.
 */
static const char *format_one(struct sink *s, const char *start, const char *p, va_list *ap)
{
	struct spec sp = {.flags = 0, .width = 0, .prec = -1, .len = LEN_NONE};
	bool neg;
	char c;

	for (;; p++) {
		if (*p == '-')
			sp.flags |= F_LEFT;
		else if (*p == '0')
			sp.flags |= F_ZERO;
		else if (*p == '+')
			sp.flags |= F_PLUS;
		else if (*p == ' ')
			sp.flags |= F_SPACE;
		else if (*p == '#')
			sp.flags |= F_ALT;
		else
			break;
	}

	if (*p == '*') {
		int w = va_arg(*ap, int);

		p++;
		if (w < 0) {
			sp.flags |= F_LEFT;
			w = w == -KFMT_INT_MAX - 1 ? KFMT_INT_MAX : -w;
		}
		sp.width = w;
	} else {
		sp.width = parse_num(&p);
	}

	if (*p == '.') {
		p++;
		if (*p == '*') {
			int pr = va_arg(*ap, int);

			p++;
			sp.prec = pr < 0 ? -1 : pr;
		} else {
			sp.prec = parse_num(&p);
		}
	}

	switch (*p) {
	case 'h':
		p++;
		sp.len = LEN_H;
		if (*p == 'h') {
			p++;
			sp.len = LEN_HH;
		}
		break;
	case 'l':
		p++;
		sp.len = LEN_L;
		if (*p == 'l') {
			p++;
			sp.len = LEN_LL;
		}
		break;
	case 'z':
		p++;
		sp.len = LEN_Z;
		break;
	case 't':
		p++;
		sp.len = LEN_T;
		break;
	case 'j':
		p++;
		sp.len = LEN_J;
		break;
	default:
		break;
	}

	c = *p;
	switch (c) {
	case 'd':
	case 'i': {
		unsigned long long mag = arg_signed(ap, sp.len, &neg);

		fmt_integer(s, &sp, mag, neg, true, 10, false);
		break;
	}
	case 'u':
		fmt_integer(s, &sp, arg_unsigned(ap, sp.len), false, false, 10, false);
		break;
	case 'x':
	case 'X':
		fmt_integer(s, &sp, arg_unsigned(ap, sp.len), false, false, 16, c == 'X');
		break;
	case 'o':
		fmt_integer(s, &sp, arg_unsigned(ap, sp.len), false, false, 8, false);
		break;
	case 'c': {
		char ch = (char)(unsigned char)va_arg(*ap, int);

		fmt_padded(s, &sp, &ch, 1);
		break;
	}
	case 's':
		fmt_string(s, &sp, va_arg(*ap, const char *));
		break;
	case 'p':
		fmt_pointer(s, &sp, va_arg(*ap, const void *));
		break;
	case '%':
		put_char(s, '%');
		break;
	case '\0':
		/* Specification cut short by the end of the format: copy it. */
		put_mem(s, start, (size_t)(p - start));
		return p;
	default:
		/* Unsupported conversion: copy it literally, consume nothing. */
		put_mem(s, start, (size_t)(p + 1 - start));
		break;
	}
	return p + 1;
}

/* Format into the sink; return the full output length (saturated). */
static size_t format(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s;
	va_list args;
	const char *p;

	if (!buf)
		size = 0;
	s.buf = buf;
	s.cap = size ? size - 1 : 0;
	s.len = 0;
	if (!fmt)
		fmt = "(null)";

	va_copy(args, ap);
	p = fmt;
	while (*p) {
		const char *lit = p;

		while (*p && *p != '%')
			p++;
		put_mem(&s, lit, (size_t)(p - lit));
		if (*p == '%')
			p = format_one(&s, p, p + 1, &args);
	}
	va_end(args);

	if (size)
		buf[s.len < s.cap ? s.len : s.cap] = '\0';
	return s.len;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t len = format(buf, size, fmt, ap);

	return len > (size_t)KFMT_INT_MAX ? -1 : (int)len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t len = format(buf, size, fmt, ap);

	if (!buf || size == 0)
		return 0;
	if (len > size - 1)
		len = size - 1;
	return len > (size_t)KFMT_INT_MAX ? KFMT_INT_MAX : (int)len;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}
