/* Runtime parameters: one row per key, each with a parser that validates its value. */
#include "runtime/params.h"
#include "runtime/printk.h"
#include "runtime/kstrtox.h"

#include <stdbool.h>
#include <string.h>

#include "runtime/tty.h"
#include "vm/mm_user.h"

bool runtime_verbose;

static int parse_bool(const char *val, bool *out)
{
	if (!strcmp(val, "1") || !strcmp(val, "y") || !strcmp(val, "yes") || !strcmp(val, "on"))
		*out = true;
	else if (!strcmp(val, "0") || !strcmp(val, "n") || !strcmp(val, "no") ||
		 !strcmp(val, "off"))
		*out = false;
	else
		return -1;
	return 0;
}

static int set_verbose(const char *val)
{
	return parse_bool(val, &runtime_verbose);
}

bool runtime_exit_record = true; /* until the boot arguments are read: runtime/start.c */

static int set_exit_record(const char *val)
{
	return parse_bool(val, &runtime_exit_record);
}

/* A decimal integer in [lo, hi], the whole string. */
static int parse_int(const char *val, long lo, long hi, int *out)
{
	bool neg = *val == '-';
	unsigned long long mag;
	const char *end;
	long long v;

	if (kstrtoull_prefix(val + neg, 10, &mag, &end) || *end || mag > (1ull << 62))
		return -1;
	v = neg ? -(long long)mag : (long long)mag;
	if (v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int set_overcommit_memory(const char *val)
{
	return parse_int(val, OVERCOMMIT_GUESS, OVERCOMMIT_NEVER, &sysctl_overcommit_memory);
}

static int set_overcommit_ratio(const char *val)
{
	return parse_int(val, 0, 100000, &sysctl_overcommit_ratio);
}

static int set_max_map_count(const char *val)
{
	return parse_int(val, 1, 1 << 30, &sysctl_max_map_count);
}

/* uniarm.console: raw (uniarm-run's input is a file or a pipe) or tty (docs/console.md). */
static int set_console(const char *val)
{
	if (!strcmp(val, "raw"))
		console_raw = true;
	else if (!strcmp(val, "tty"))
		console_raw = false;
	else
		return -1;
	return 0;
}

static const struct kernel_param {
	const char *key;
	int (*set)(const char *val);
	const char *expects;
} params[] = {
	{"uniarm.verbose", set_verbose, "a boolean (0/1, n/y, no/yes, off/on)"},
	{"uniarm.console", set_console, "raw or tty"},
	{"uniarm.exit_record", set_exit_record, "a boolean (0/1, n/y, no/yes, off/on)"},
	{"vm.overcommit_memory", set_overcommit_memory, "0 (heuristic), 1 (always) or 2 (never)"},
	{"vm.overcommit_ratio", set_overcommit_ratio, "a percentage of RAM (0-100000)"},
	{"vm.max_map_count", set_max_map_count, "a positive number of areas"},
};

void runtime_param_set(const char *param)
{
	const char *eq = strchr(param, '=');
	size_t klen = eq ? (size_t)(eq - param) : strlen(param);

	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
		if (strlen(params[i].key) != klen || memcmp(params[i].key, param, klen))
			continue;
		if (params[i].set(eq ? eq + 1 : ""))
			printk("uniarm: bad value in '%s': expected %s; ignored\n", param,
			       params[i].expects);
		return;
	}
	printk("uniarm: unknown parameter '%s' ignored\n", param);
}
