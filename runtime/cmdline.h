/*
 * cmdline.h - split the boot command line into runtime parameters, the
 * application's environment and its arguments.
 *
 * The command line is QEMU's -append string, found in the device tree's
 * /chosen bootargs. It is divided the way Linux hands its command line to
 * init:
 *
 *  - Tokens are separated by blanks (space, tab, newline, CR, VT, FF).
 *    Double quotes group blanks into a token and may appear anywhere in it;
 *    they are removed: a "b c" d -> a, b c, d and x="1 2" -> x=1 2. There is
 *    no escape character. An unterminated quote is an error.
 *  - Before a standalone, unquoted "--" token:
 *      key=value with a '.' in key (uniarm.verbose=1)  -> runtime parameter
 *      any other key=value with a non-empty key (TZ=UTC) -> environment
 *      anything else (including "=x")                  -> argument for main
 *  - The first standalone "--" is dropped; every token after it is an
 *    argument, whatever it looks like (including a further "--").
 *
 * Tokens are classified after quote removal, so "a.b=1" is a parameter; a
 * quoted "--" is an ordinary token, which is how to pass "--" to main before
 * the separator.
 */
#ifndef UNIARM_RUNTIME_CMDLINE_H
#define UNIARM_RUNTIME_CMDLINE_H

#include <stddef.h>

/* Capacity limits; argc counts argv[0]. */
#define CMDLINE_MAX_ARGS   64
#define CMDLINE_MAX_ENV	   64
#define CMDLINE_MAX_PARAMS 32

struct cmdline {
	int argc;
	char *argv[CMDLINE_MAX_ARGS + 1]; /* argv[argc] == NULL */
	int envc;
	char *envp[CMDLINE_MAX_ENV + 1]; /* "key=value"; envp[envc] == NULL */
	int nparams;
	char *params[CMDLINE_MAX_PARAMS + 1]; /* "key=value"; params[nparams] == NULL */
};

/*
 * cmdline_parse - split @buf in place into @out.
 *
 * @buf is modified (quotes removed, tokens NUL-terminated) and must stay
 * alive as long as @out is used: every string in @out points into @buf,
 * except argv[0], which is @argv0 itself (a NULL @argv0 becomes ""). @buf
 * may be NULL or empty, giving argc == 1. Nothing is allocated.
 *
 * Returns 0 on success. On error returns -1, stores a NUL-terminated
 * message in @err (truncated to @errlen bytes; @err may be NULL or @errlen
 * 0), and leaves @out as the empty result: argc == 1 with argv[0] and no
 * environment or parameters, so a caller may still boot with it. @buf may
 * then be partly modified. Errors: "cmdline: unterminated quote at column N"
 * (N is the 1-based byte offset of the opening quote), "cmdline: more than
 * 64 arguments", "... 64 environment strings", "... 32 runtime parameters".
 * In every case out->argv, envp and params are NULL-terminated.
 */
int cmdline_parse(char *buf, const char *argv0, struct cmdline *out, char *err, size_t errlen);

/*
 * cmdline_param - look up a runtime parameter by its full key.
 *
 * Returns a pointer to the value of the last "key=value" parameter whose
 * key equals @key exactly (the value may be empty), or NULL if there is none
 * or @cl or @key is NULL.
 */
const char *cmdline_param(const struct cmdline *cl, const char *key);

#endif /* UNIARM_RUNTIME_CMDLINE_H */
