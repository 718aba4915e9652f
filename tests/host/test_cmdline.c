/*
 * test_cmdline.c - host tests for runtime/cmdline.c.
 *
 * Table-driven cases for every splitting and classification rule and every
 * error, the limits exactly at and one past each maximum, cmdline_param()
 * lookups, and a random fuzz that checks structural invariants and compares
 * each result with a simple, independently written reference model.
 */
#include "runtime/cmdline.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long passed, failed;

static void report(int line, bool ok, const char *what, const char *input)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	if (failed <= 40)
		printf("FAIL line %d: %s (input \"%s\")\n", line, what, input ? input : "(NULL)");
}

#define MAXE 8

struct tcase {
	int line;
	const char *in;
	const char *args[MAXE]; /* after argv[0]; NULL-terminated */
	const char *env[MAXE];
	const char *params[MAXE];
	const char *err; /* expected error message, or NULL for success */
};

/* Compare a NULL-terminated expected list with count/list from the parser. */
static bool same_list(const char *const *want, int n, char *const *got)
{
	int i;

	for (i = 0; i < n; i++)
		if (!want[i] || !got[i] || strcmp(want[i], got[i]) != 0)
			return false;
	return want[n] == NULL && got[n] == NULL;
}

/* The argv/envp/params invariants that hold after every call, success or not. */
static bool structurally_sound(const struct cmdline *cl, const char *argv0)
{
	int i;

	if (cl->argc < 1 || cl->argc > CMDLINE_MAX_ARGS || cl->envc < 0 ||
	    cl->envc > CMDLINE_MAX_ENV || cl->nparams < 0 || cl->nparams > CMDLINE_MAX_PARAMS)
		return false;
	if (cl->argv[0] != argv0 || cl->argv[cl->argc] || cl->envp[cl->envc] ||
	    cl->params[cl->nparams])
		return false;
	for (i = 1; i < cl->argc; i++)
		if (!cl->argv[i])
			return false;
	for (i = 0; i < cl->envc; i++)
		if (!cl->envp[i])
			return false;
	for (i = 0; i < cl->nparams; i++)
		if (!cl->params[i])
			return false;
	return true;
}

static void run_case(const struct tcase *tc)
{
	static const char argv0[] = "app";
	char buf[512];
	char err[128];
	struct cmdline cl;
	int rc, nargs = 0;
	bool ok;

	snprintf(buf, sizeof(buf), "%s", tc->in);
	memset(&cl, 0xa5, sizeof(cl));
	memset(err, 'X', sizeof(err));
	rc = cmdline_parse(buf, argv0, &cl, err, sizeof(err));

	if (tc->err) {
		ok = rc == -1 && strcmp(err, tc->err) == 0 && cl.argc == 1 && cl.argv[0] == argv0 &&
		     !cl.argv[1] && cl.envc == 0 && !cl.envp[0] && cl.nparams == 0 && !cl.params[0];
		if (!ok && failed < 40)
			printf("  rc %d err \"%s\", want \"%s\"\n", rc, err, tc->err);
		report(tc->line, ok, "error case", tc->in);
		return;
	}
	while (tc->args[nargs])
		nargs++;
	ok = rc == 0 && err[0] == '\0' && structurally_sound(&cl, argv0) && cl.argc == nargs + 1 &&
	     same_list(tc->args, cl.argc - 1, cl.argv + 1) &&
	     same_list(tc->env, cl.envc, cl.envp) && same_list(tc->params, cl.nparams, cl.params);
	if (!ok && failed < 40) {
		int i;

		printf("  rc %d err \"%s\" argc %d:", rc, rc ? err : "", cl.argc);
		for (i = 1; i < cl.argc && i <= CMDLINE_MAX_ARGS; i++)
			printf(" [%s]", cl.argv[i]);
		printf(" env %d:", cl.envc);
		for (i = 0; i < cl.envc && i < CMDLINE_MAX_ENV; i++)
			printf(" [%s]", cl.envp[i]);
		printf(" params %d:", cl.nparams);
		for (i = 0; i < cl.nparams && i < CMDLINE_MAX_PARAMS; i++)
			printf(" [%s]", cl.params[i]);
		printf("\n");
	}
	report(tc->line, ok, "table case", tc->in);
}

#define A(...)                                                                                     \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}
#define NONE                                                                                       \
	{                                                                                          \
		NULL                                                                               \
	}

static const struct tcase cases[] = {
	/* empty and blank input */
	{__LINE__, "", NONE, NONE, NONE, NULL},
	{__LINE__, "   \t\n  ", NONE, NONE, NONE, NULL},
	{__LINE__, "\r\v\f", NONE, NONE, NONE, NULL},
	/* splitting */
	{__LINE__, "a", A("a"), NONE, NONE, NULL},
	{__LINE__, "a b c", A("a", "b", "c"), NONE, NONE, NULL},
	{__LINE__, "  a\t\tb\n\nc  ", A("a", "b", "c"), NONE, NONE, NULL},
	{__LINE__, "a\r\nb", A("a", "b"), NONE, NONE, NULL},
	/* quotes */
	{__LINE__, "a \"b c\" d", A("a", "b c", "d"), NONE, NONE, NULL},
	{__LINE__, "x=\"1 2\"", NONE, A("x=1 2"), NONE, NULL},
	{__LINE__, "ab\"cd\"ef", A("abcdef"), NONE, NONE, NULL},
	{__LINE__, "\"a\"\"b\"", A("ab"), NONE, NONE, NULL},
	{__LINE__, "\"\"", A(""), NONE, NONE, NULL},
	{__LINE__, "a \"\" b", A("a", "", "b"), NONE, NONE, NULL},
	{__LINE__, "\"  \"", A("  "), NONE, NONE, NULL},
	{__LINE__, "\"a\tb\nc\"", A("a\tb\nc"), NONE, NONE, NULL},
	{__LINE__, "\"a=b\"", NONE, A("a=b"), NONE, NULL},
	{__LINE__, "\"m.k\"=v", NONE, NONE, A("m.k=v"), NULL},
	{__LINE__, "m.k=\"v w\" z", A("z"), NONE, A("m.k=v w"), NULL},
	{__LINE__, "a\"b c\"d e", A("ab cd", "e"), NONE, NONE, NULL},
	{__LINE__, "'a b'", A("'a", "b'"), NONE, NONE, NULL},
	{__LINE__, "a\\ b", A("a\\", "b"), NONE, NONE, NULL},
	/* classification */
	{__LINE__, "vm.overcommit_memory=2", NONE, NONE, A("vm.overcommit_memory=2"), NULL},
	{__LINE__, "uniarm.verbose=1 TZ=UTC run", A("run"), A("TZ=UTC"), A("uniarm.verbose=1"),
	 NULL},
	{__LINE__, "HOME=/ PATH=/bin:/usr/bin", NONE, A("HOME=/", "PATH=/bin:/usr/bin"), NONE,
	 NULL},
	{__LINE__, "a=", NONE, A("a="), NONE, NULL},
	{__LINE__, "a.b=", NONE, NONE, A("a.b="), NULL},
	{__LINE__, "=x", A("=x"), NONE, NONE, NULL},
	{__LINE__, "=", A("="), NONE, NONE, NULL},
	{__LINE__, "==", A("=="), NONE, NONE, NULL},
	{__LINE__, "a==b", NONE, A("a==b"), NONE, NULL},
	{__LINE__, "a=b.c", NONE, A("a=b.c"), NONE, NULL},
	{__LINE__, "a=b=c.d", NONE, A("a=b=c.d"), NONE, NULL},
	{__LINE__, ".=x", NONE, NONE, A(".=x"), NULL},
	{__LINE__, "a.=x .a=y", NONE, NONE, A("a.=x", ".a=y"), NULL},
	{__LINE__, "a.b", A("a.b"), NONE, NONE, NULL},
	{__LINE__, "-v --verbose -x=1", A("-v", "--verbose"), A("-x=1"), NONE, NULL},
	{__LINE__, "--opt.x=1", NONE, NONE, A("--opt.x=1"), NULL},
	/* the separator */
	{__LINE__, "--", NONE, NONE, NONE, NULL},
	{__LINE__, "a -- b", A("a", "b"), NONE, NONE, NULL},
	{__LINE__, "x.y=1 E=2 -- x.y=3 E=4 arg", A("x.y=3", "E=4", "arg"), A("E=2"), A("x.y=1"),
	 NULL},
	{__LINE__, "-- --", A("--"), NONE, NONE, NULL},
	{__LINE__, "-- -- --", A("--", "--"), NONE, NONE, NULL},
	{__LINE__, "a=1 --\tb=2", A("b=2"), A("a=1"), NONE, NULL},
	{__LINE__, "--x -x-- ---", A("--x", "-x--", "---"), NONE, NONE, NULL},
	{__LINE__, "\"--\" a=1", A("--"), A("a=1"), NONE, NULL},
	{__LINE__, "-\"-\" a=1", A("--"), A("a=1"), NONE, NULL},
	{__LINE__, "-- \"a b\" \"\"", A("a b", ""), NONE, NONE, NULL},
	{__LINE__, "--=x", NONE, A("--=x"), NONE, NULL},
	/* errors */
	{__LINE__, "\"", NONE, NONE, NONE, "cmdline: unterminated quote at column 1"},
	{__LINE__, "abc \"def", NONE, NONE, NONE, "cmdline: unterminated quote at column 5"},
	{__LINE__, "a=\"1 2", NONE, NONE, NONE, "cmdline: unterminated quote at column 3"},
	{__LINE__, "\"ok\" x\"y\"z\"", NONE, NONE, NONE,
	 "cmdline: unterminated quote at column 11"},
	{__LINE__, "a.b=1 c=2 d -- \"e", NONE, NONE, NONE,
	 "cmdline: unterminated quote at column 16"},
};

/* ---- limits ---- */

/* Build n tokens made by fmt("%s%d"), joined by spaces, optionally after a prefix. */
static void build(char *buf, size_t size, const char *prefix, const char *stem, int n)
{
	size_t pos = (size_t)snprintf(buf, size, "%s", prefix);
	int i;

	for (i = 0; i < n; i++)
		pos += (size_t)snprintf(buf + pos, size - pos, " %s%d", stem, i);
}

static void limit_case(int line, const char *prefix, const char *stem, int n, int want_argc,
		       int want_envc, int want_nparams, const char *want_err)
{
	static char argv0[] = "limits";
	char buf[4096], err[64];
	struct cmdline cl;
	int rc;
	bool ok;

	build(buf, sizeof(buf), prefix, stem, n);
	rc = cmdline_parse(buf, argv0, &cl, err, sizeof(err));
	if (want_err)
		ok = rc == -1 && strcmp(err, want_err) == 0 && cl.argc == 1 && cl.envc == 0 &&
		     cl.nparams == 0 && structurally_sound(&cl, argv0);
	else
		ok = rc == 0 && cl.argc == want_argc && cl.envc == want_envc &&
		     cl.nparams == want_nparams && structurally_sound(&cl, argv0);
	if (!ok && failed < 40)
		printf("  rc %d argc %d envc %d nparams %d err \"%s\"\n", rc, cl.argc, cl.envc,
		       cl.nparams, rc ? err : "");
	report(line, ok, "limit case", stem);
}

static void test_limits(void)
{
	/* argv[0] counts, so 63 tokens fill argv exactly. */
	limit_case(__LINE__, "", "arg", CMDLINE_MAX_ARGS - 1, CMDLINE_MAX_ARGS, 0, 0, NULL);
	limit_case(__LINE__, "", "arg", CMDLINE_MAX_ARGS, 0, 0, 0,
		   "cmdline: more than 64 arguments");
	limit_case(__LINE__, "--", "a=", CMDLINE_MAX_ARGS - 1, CMDLINE_MAX_ARGS, 0, 0, NULL);
	limit_case(__LINE__, "--", "a.b=", CMDLINE_MAX_ARGS, 0, 0, 0,
		   "cmdline: more than 64 arguments");
	limit_case(__LINE__, "", "E=", CMDLINE_MAX_ENV, 1, CMDLINE_MAX_ENV, 0, NULL);
	limit_case(__LINE__, "", "E=", CMDLINE_MAX_ENV + 1, 0, 0, 0,
		   "cmdline: more than 64 environment strings");
	limit_case(__LINE__, "", "p.k=", CMDLINE_MAX_PARAMS, 1, 0, CMDLINE_MAX_PARAMS, NULL);
	limit_case(__LINE__, "", "p.k=", CMDLINE_MAX_PARAMS + 1, 0, 0, 0,
		   "cmdline: more than 32 runtime parameters");
	/* Full lists of each kind at once. */
	{
		char buf[8192], err[64];
		size_t pos;
		struct cmdline cl;
		int rc;

		build(buf, sizeof(buf), "", "p.k=", CMDLINE_MAX_PARAMS);
		pos = strlen(buf);
		build(buf + pos, sizeof(buf) - pos, "", "E=", CMDLINE_MAX_ENV);
		pos = strlen(buf);
		build(buf + pos, sizeof(buf) - pos, " --", "x.y=", CMDLINE_MAX_ARGS - 1);
		rc = cmdline_parse(buf, "full", &cl, err, sizeof(err));
		report(__LINE__,
		       rc == 0 && cl.argc == CMDLINE_MAX_ARGS && cl.envc == CMDLINE_MAX_ENV &&
			       cl.nparams == CMDLINE_MAX_PARAMS && !cl.argv[CMDLINE_MAX_ARGS] &&
			       !cl.envp[CMDLINE_MAX_ENV] && !cl.params[CMDLINE_MAX_PARAMS] &&
			       strcmp(cl.argv[CMDLINE_MAX_ARGS - 1], "x.y=62") == 0 &&
			       strcmp(cl.envp[CMDLINE_MAX_ENV - 1], "E=63") == 0 &&
			       strcmp(cl.params[CMDLINE_MAX_PARAMS - 1], "p.k=31") == 0,
		       "all lists full", NULL);
	}
	/* The first limit hit is the one reported. */
	{
		char buf[8192], err[64];
		size_t pos;
		struct cmdline cl;
		int rc;

		build(buf, sizeof(buf), "", "p.k=", CMDLINE_MAX_PARAMS + 1);
		pos = strlen(buf);
		build(buf + pos, sizeof(buf) - pos, "", "arg", CMDLINE_MAX_ARGS + 5);
		rc = cmdline_parse(buf, "first", &cl, err, sizeof(err));
		report(__LINE__,
		       rc == -1 && strcmp(err, "cmdline: more than 32 runtime parameters") == 0,
		       "first limit reported", NULL);
	}
}

/* ---- API edge cases and cmdline_param ---- */

static void test_api(void)
{
	char argv0[] = "prog";
	char buf[256], err[64];
	struct cmdline cl;
	int rc;

	rc = cmdline_parse(NULL, argv0, &cl, err, sizeof(err));
	report(__LINE__, rc == 0 && cl.argc == 1 && structurally_sound(&cl, argv0) && !err[0],
	       "NULL buffer", NULL);
	rc = cmdline_parse(NULL, argv0, &cl, NULL, 0);
	report(__LINE__, rc == 0 && cl.argc == 1 && structurally_sound(&cl, argv0),
	       "NULL buffer, no err", NULL);
	rc = cmdline_parse(NULL, NULL, &cl, err, sizeof(err));
	report(__LINE__, rc == 0 && cl.argc == 1 && cl.argv[0] && !cl.argv[0][0] && !cl.argv[1],
	       "NULL argv0 becomes \"\"", NULL);
	strcpy(buf, "a b");
	rc = cmdline_parse(buf, argv0, NULL, err, sizeof(err));
	report(__LINE__, rc == -1 && strcmp(err, "cmdline: no output structure") == 0, "NULL out",
	       NULL);

	/* Error messages are truncated to errlen and always terminated. */
	strcpy(buf, "x \"y");
	memset(err, 'X', sizeof(err));
	rc = cmdline_parse(buf, argv0, &cl, err, 9);
	report(__LINE__, rc == -1 && strcmp(err, "cmdline:") == 0 && err[9] == 'X', "errlen 9",
	       NULL);
	strcpy(buf, "x \"y");
	memset(err, 'X', sizeof(err));
	rc = cmdline_parse(buf, argv0, &cl, err, 1);
	report(__LINE__, rc == -1 && err[0] == '\0' && err[1] == 'X', "errlen 1", NULL);
	strcpy(buf, "x \"y");
	memset(err, 'X', sizeof(err));
	rc = cmdline_parse(buf, argv0, &cl, err, 0);
	report(__LINE__, rc == -1 && err[0] == 'X', "errlen 0", NULL);
	strcpy(buf, "x \"y");
	rc = cmdline_parse(buf, argv0, &cl, NULL, 100);
	report(__LINE__, rc == -1 && cl.argc == 1, "err NULL", NULL);
	strcpy(buf, "x \"yz");
	rc = cmdline_parse(buf, argv0, &cl, err, 40);
	report(__LINE__, rc == -1 && strcmp(err, "cmdline: unterminated quote at column 3") == 0,
	       "errlen exactly fits", NULL);
	strcpy(buf, "x \"yz");
	rc = cmdline_parse(buf, argv0, &cl, err, 39);
	report(__LINE__, rc == -1 && strcmp(err, "cmdline: unterminated quote at column ") == 0,
	       "errlen one short", NULL);
	/* A successful parse clears a previous message. */
	strcpy(err, "stale");
	strcpy(buf, "ok");
	rc = cmdline_parse(buf, argv0, &cl, err, sizeof(err));
	report(__LINE__, rc == 0 && err[0] == '\0', "err cleared", NULL);

	/* In place: strings point into buf, argv[0] is argv0 itself. */
	strcpy(buf, "k.v=1 E=2 arg");
	rc = cmdline_parse(buf, argv0, &cl, err, sizeof(err));
	report(__LINE__,
	       rc == 0 && cl.params[0] == buf && cl.envp[0] == buf + 6 && cl.argv[1] == buf + 10 &&
		       cl.argv[0] == argv0,
	       "pointers into buf", NULL);

	/* cmdline_param */
	strcpy(buf, "a.b=1 a.bc=2 x.y= a.b=3 A=4 -- a.b=5 q.r=6 \"s.t=u v\"");
	rc = cmdline_parse(buf, argv0, &cl, err, sizeof(err));
	report(__LINE__, rc == 0 && cl.nparams == 4, "param setup", NULL);
	report(__LINE__, cmdline_param(&cl, "a.b") && strcmp(cmdline_param(&cl, "a.b"), "3") == 0,
	       "last occurrence wins", NULL);
	report(__LINE__, cmdline_param(&cl, "a.bc") && strcmp(cmdline_param(&cl, "a.bc"), "2") == 0,
	       "longer key", NULL);
	report(__LINE__, cmdline_param(&cl, "x.y") && !cmdline_param(&cl, "x.y")[0], "empty value",
	       NULL);
	report(__LINE__, !cmdline_param(&cl, "a"), "prefix of key", NULL);
	report(__LINE__, !cmdline_param(&cl, "a.b=1"), "key with =", NULL);
	report(__LINE__, !cmdline_param(&cl, "A"), "env is not a param", NULL);
	report(__LINE__, !cmdline_param(&cl, "q.r"), "after -- is not a param", NULL);
	report(__LINE__, !cmdline_param(&cl, ""), "empty key", NULL);
	report(__LINE__, !cmdline_param(&cl, NULL), "NULL key", NULL);
	report(__LINE__, !cmdline_param(NULL, "a.b"), "NULL cmdline", NULL);
	report(__LINE__, cl.argc == 4 && strcmp(cl.argv[3], "s.t=u v") == 0, "quoted after --",
	       NULL);
	strcpy(buf, "m.k=\"v w\"");
	rc = cmdline_parse(buf, argv0, &cl, err, sizeof(err));
	report(__LINE__,
	       rc == 0 && cmdline_param(&cl, "m.k") &&
		       strcmp(cmdline_param(&cl, "m.k"), "v w") == 0,
	       "quoted value", NULL);
}

/* ---- fuzz against a reference model ---- */

#define REF_MAX_TOK 512
#define REF_TOKLEN  704

struct ref_result {
	int rc;
	char err[128];
	int nargs, nenv, nparams;
	char args[CMDLINE_MAX_ARGS][REF_TOKLEN];
	char env[CMDLINE_MAX_ENV][REF_TOKLEN];
	char params[CMDLINE_MAX_PARAMS][REF_TOKLEN];
};

/* A deliberately naive model: tokenize into separate storage, then classify. */
static void reference(const char *s, struct ref_result *res)
{
	static char toks[REF_MAX_TOK][REF_TOKLEN];
	static bool had_quote[REF_MAX_TOK];
	size_t i = 0, len = strlen(s);
	int ntok = 0, t;
	bool sep = false;

	memset(res, 0, sizeof(*res));
	while (i < len) {
		size_t n = 0, open_at = 0;
		bool inq = false;

		if (strchr(" \t\n\r\v\f", s[i])) {
			i++;
			continue;
		}
		had_quote[ntok] = false;
		for (; i < len; i++) {
			if (s[i] == '"') {
				if (!inq)
					open_at = i;
				inq = !inq;
				had_quote[ntok] = true;
			} else if (!inq && strchr(" \t\n\r\v\f", s[i])) {
				break;
			} else {
				toks[ntok][n++] = s[i];
			}
		}
		if (inq) {
			res->rc = -1;
			snprintf(res->err, sizeof(res->err),
				 "cmdline: unterminated quote at column %zu", open_at + 1);
			/* Only if no limit error came first (checked below). */
			toks[ntok][n] = '\0';
			ntok = -ntok - 1; /* mark: error after ntok tokens */
			break;
		}
		toks[ntok][n] = '\0';
		ntok++;
	}

	{
		int count = ntok < 0 ? -ntok - 1 : ntok;

		for (t = 0; t < count; t++) {
			const char *tok = toks[t];
			const char *eq = strchr(tok, '=');

			if (!sep && !had_quote[t] && strcmp(tok, "--") == 0) {
				sep = true;
				continue;
			}
			if (!sep && eq && eq != tok && memchr(tok, '.', (size_t)(eq - tok))) {
				if (res->nparams == CMDLINE_MAX_PARAMS) {
					res->rc = -1;
					strcpy(res->err,
					       "cmdline: more than 32 runtime parameters");
					return;
				}
				strcpy(res->params[res->nparams++], tok);
			} else if (!sep && eq && eq != tok) {
				if (res->nenv == CMDLINE_MAX_ENV) {
					res->rc = -1;
					strcpy(res->err,
					       "cmdline: more than 64 environment strings");
					return;
				}
				strcpy(res->env[res->nenv++], tok);
			} else {
				if (res->nargs == CMDLINE_MAX_ARGS - 1) {
					res->rc = -1;
					strcpy(res->err, "cmdline: more than 64 arguments");
					return;
				}
				strcpy(res->args[res->nargs++], tok);
			}
		}
	}
	/* The unterminated-quote error (if any) was found after all tokens. */
}

static uint64_t rng_state = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* Is [s, s + strlen(s)] inside [lo, hi)? */
static bool inside(const char *s, const char *lo, const char *hi)
{
	uintptr_t p = (uintptr_t)s, a = (uintptr_t)lo, b = (uintptr_t)hi;

	return p >= a && p < b && p + strlen(s) < b;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (char *const *)a, y = (uintptr_t) * (char *const *)b;

	return x < y ? -1 : x > y;
}

static void fuzz_one(int iter)
{
	static const char alphabet[] = "  \t\n\"\"==..--ab.x=\"";
	static char argv0[] = "fuzz";
	static struct ref_result ref;
	char orig[700], *buf;
	char err[128];
	char *all[CMDLINE_MAX_ARGS + CMDLINE_MAX_ENV + CMDLINE_MAX_PARAMS];
	struct cmdline cl;
	size_t len, i;
	int rc, n = 0, k;
	bool ok = true;
	const char *why = "";

	if (rnd() % 2) {
		/* Random characters: mostly short, some long. */
		len = (size_t)(rnd() % (rnd() % 8 == 0 ? 680 : 60));
		for (i = 0; i < len; i++) {
			uint64_t r = rnd();

			orig[i] = (r % 64 == 0) ? (char)(r >> 8)
						: alphabet[(r >> 8) % (sizeof(alphabet) - 1)];
			if (orig[i] == '\0')
				orig[i] = 'z';
		}
	} else {
		/* Random well-formed-ish tokens, enough to reach every limit. */
		static const char *const words[] = {
			"a.b=1", "E=x", "arg",	  "--", "\"q r\"", "x=\"1 2\"",
			"=v",	 "k.=", "\"--\"", "-",	"\"\"",	   "\""};
		const size_t nwords = sizeof(words) / sizeof(words[0]);
		/* Favour one word per input so each kind can run into its limit. */
		const char *fav = words[rnd() % nwords];
		int ntok = (int)(rnd() % 140);

		len = 0;
		for (k = 0; k < ntok; k++) {
			const char *w = rnd() % 4 ? fav : words[rnd() % nwords];

			/* The lone quote is rare, so most inputs are quote-balanced. */
			if (w[0] == '"' && !w[1] && rnd() % 16)
				w = "arg";
			if (len + strlen(w) + 2 >= sizeof(orig))
				break;
			memcpy(orig + len, w, strlen(w));
			len += strlen(w);
			orig[len++] = " \t\n"[rnd() % 3];
		}
	}
	orig[len] = '\0';

	/* An exactly sized heap copy, so ASan catches any access past its end. */
	buf = malloc(len + 1);
	if (!buf)
		abort();
	memcpy(buf, orig, len + 1);
	memset(&cl, 0x5a, sizeof(cl));
	rc = cmdline_parse(buf, argv0, &cl, err, sizeof(err));

	if (!structurally_sound(&cl, argv0)) {
		ok = false;
		why = "structure";
	}
	if (ok) {
		for (k = 1; k < cl.argc; k++)
			all[n++] = cl.argv[k];
		for (k = 0; k < cl.envc; k++)
			all[n++] = cl.envp[k];
		for (k = 0; k < cl.nparams; k++)
			all[n++] = cl.params[k];
		for (k = 0; k < n && ok; k++)
			if (!inside(all[k], buf, buf + len + 1)) {
				ok = false;
				why = "pointer outside buf";
			}
		/* No two strings overlap. */
		qsort(all, (size_t)n, sizeof(all[0]), cmp_ptr);
		for (k = 1; k < n && ok; k++)
			if (all[k - 1] + strlen(all[k - 1]) >= all[k]) {
				ok = false;
				why = "overlapping strings";
			}
		for (k = 0; k < cl.envc && ok; k++) {
			char *eq = strchr(cl.envp[k], '=');

			if (!eq || eq == cl.envp[k] ||
			    memchr(cl.envp[k], '.', (size_t)(eq - cl.envp[k])))
				ok = false, why = "bad env string";
		}
		for (k = 0; k < cl.nparams && ok; k++) {
			char *eq = strchr(cl.params[k], '=');

			if (!eq || !memchr(cl.params[k], '.', (size_t)(eq - cl.params[k])))
				ok = false, why = "bad param string";
		}
	}

	if (ok) {
		reference(orig, &ref);
		if (rc != ref.rc || (rc && strcmp(err, ref.err) != 0)) {
			ok = false;
			why = "result differs from reference";
		} else if (rc == 0) {
			bool same = cl.argc == ref.nargs + 1 && cl.envc == ref.nenv &&
				    cl.nparams == ref.nparams;

			for (k = 0; same && k < ref.nargs; k++)
				same = strcmp(cl.argv[k + 1], ref.args[k]) == 0;
			for (k = 0; same && k < ref.nenv; k++)
				same = strcmp(cl.envp[k], ref.env[k]) == 0;
			for (k = 0; same && k < ref.nparams; k++)
				same = strcmp(cl.params[k], ref.params[k]) == 0;
			if (!same) {
				ok = false;
				why = "tokens differ from reference";
			}
		} else if (cl.argc != 1 || cl.envc || cl.nparams) {
			ok = false;
			why = "error did not reset the result";
		}
	}
	if (!ok && failed < 40)
		printf("  fuzz iteration %d: %s (rc %d \"%s\", reference %d \"%s\")\n", iter, why,
		       rc, rc ? err : "", ref.rc, ref.err);
	report(__LINE__, ok, "fuzz", orig);
	free(buf);
}

int main(void)
{
	size_t i;
	int iter;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	test_limits();
	test_api();
	for (iter = 0; iter < 20000; iter++)
		fuzz_one(iter);

	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
