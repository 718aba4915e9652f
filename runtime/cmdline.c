/*
 * cmdline.c - split the boot command line into runtime parameters, the
 * application's environment and its arguments (rules in cmdline.h).
 *
 * Parsing happens in place: each token is compacted towards its own start
 * as quotes are dropped, so the write position never passes the read
 * position, and its terminating NUL replaces the blank that ended it.
 * Nothing is allocated and no library function is called.
 */
#include "runtime/cmdline.h"

#include <stdbool.h>
#include <stddef.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Append s to the message in err (capacity errlen) at *pos, truncating. */
static void err_str(char *err, size_t errlen, size_t *pos, const char *s)
{
	if (!err || errlen == 0)
		return;
	while (*s && *pos + 1 < errlen)
		err[(*pos)++] = *s++;
	err[*pos] = '\0';
}

/* Store "<prefix><num><suffix>" in err, truncated to errlen bytes. */
static void set_error(char *err, size_t errlen, const char *prefix, unsigned long num,
		      const char *suffix)
{
	char digits[3 * sizeof(num) + 1];
	size_t pos = 0;
	int n = (int)sizeof(digits) - 1;

	digits[n] = '\0';
	do {
		digits[--n] = (char)('0' + num % 10);
		num /= 10;
	} while (num);
	err_str(err, errlen, &pos, prefix);
	err_str(err, errlen, &pos, digits + n);
	err_str(err, errlen, &pos, suffix);
}

/* The empty result: argv[0] only. */
static void reset(struct cmdline *out, const char *argv0)
{
	/* argv[] is char *, as main() expects; argv[0] is the caller's string. */
	out->argc = 1;
	out->argv[0] = (char *)(argv0 ? argv0 : "");
	out->argv[1] = NULL;
	out->envc = 0;
	out->envp[0] = NULL;
	out->nparams = 0;
	out->params[0] = NULL;
}

/* Append s to list (count *n, capacity max, NULL-terminated); false if full. */
static bool append(char **list, int *n, int max, char *s)
{
	if (*n >= max)
		return false;
	list[(*n)++] = s;
	list[*n] = NULL;
	return true;
}

int cmdline_parse(char *buf, const char *argv0, struct cmdline *out, char *err, size_t errlen)
{
	bool after_separator = false;
	char *r = buf;

	if (err && errlen)
		err[0] = '\0';
	if (!out) {
		size_t pos = 0;

		err_str(err, errlen, &pos, "cmdline: no output structure");
		return -1;
	}
	reset(out, argv0);
	if (!r)
		return 0;

	for (;;) {
		char *tok, *w, *eq, *p;
		bool quoted = false, in_quote = false, ok;
		size_t quote_at = 0;
		char end;

		while (is_blank(*r))
			r++;
		if (!*r)
			break;

		/* Copy the token onto itself without its quotes. */
		tok = w = r;
		while (*r && (in_quote || !is_blank(*r))) {
			if (*r == '"') {
				if (!in_quote)
					quote_at = (size_t)(r - buf);
				in_quote = !in_quote;
				quoted = true;
				r++;
			} else {
				*w++ = *r++;
			}
		}
		if (in_quote) {
			set_error(err, errlen, "cmdline: unterminated quote at column ",
				  (unsigned long)quote_at + 1, "");
			reset(out, argv0);
			return -1;
		}
		end = *r;
		*w = '\0'; /* w <= r: at worst this overwrites the blank at r */
		if (end)
			r++;

		if (!after_separator && !quoted && tok[0] == '-' && tok[1] == '-' && !tok[2]) {
			after_separator = true;
			continue;
		}

		eq = NULL;
		if (!after_separator) {
			for (p = tok; *p; p++) {
				if (*p == '=') {
					eq = p;
					break;
				}
			}
		}
		if (eq && eq != tok) {
			bool dotted = false;

			for (p = tok; p < eq; p++)
				dotted |= *p == '.';
			if (dotted) {
				ok = append(out->params, &out->nparams, CMDLINE_MAX_PARAMS, tok);
				if (!ok)
					set_error(err, errlen, "cmdline: more than ",
						  CMDLINE_MAX_PARAMS, " runtime parameters");
			} else {
				ok = append(out->envp, &out->envc, CMDLINE_MAX_ENV, tok);
				if (!ok)
					set_error(err, errlen, "cmdline: more than ",
						  CMDLINE_MAX_ENV, " environment strings");
			}
		} else {
			ok = append(out->argv, &out->argc, CMDLINE_MAX_ARGS, tok);
			if (!ok)
				set_error(err, errlen, "cmdline: more than ", CMDLINE_MAX_ARGS,
					  " arguments");
		}
		if (!ok) {
			reset(out, argv0);
			return -1;
		}
	}
	return 0;
}

const char *cmdline_param(const struct cmdline *cl, const char *key)
{
	int i;

	if (!cl || !key)
		return NULL;
	for (i = cl->nparams - 1; i >= 0; i--) {
		const char *p = cl->params[i];
		const char *k = key;

		/* Match key against the part of p before its first '='. */
		while (*k && *p != '=' && *p == *k) {
			p++;
			k++;
		}
		if (!*k && *p == '=')
			return p + 1;
	}
	return NULL;
}
