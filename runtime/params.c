/* Runtime parameters: one row per key, each with a parser that validates its value. */
#include "runtime/params.h"
#include "runtime/printk.h"

#include <string.h>

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

static const struct kernel_param {
	const char *key;
	int (*set)(const char *val);
	const char *expects;
} params[] = {
	{"uniarm.verbose", set_verbose, "a boolean (0/1, n/y, no/yes, off/on)"},
};

void runtime_param_set(const char *param)
{
	const char *eq = strchr(param, '=');
	size_t klen = eq ? (size_t)(eq - param) : strlen(param);

	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
		if (strlen(params[i].key) != klen || strncmp(params[i].key, param, klen))
			continue;
		if (params[i].set(eq ? eq + 1 : ""))
			printk("uniarm: bad value in '%s': expected %s; ignored\n", param,
			       params[i].expects);
		return;
	}
	printk("uniarm: unknown parameter '%s' ignored\n", param);
}
