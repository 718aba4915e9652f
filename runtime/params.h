/* Runtime parameters from the boot arguments ("key.name=value" before "--"). */
#ifndef UNIARM_RUNTIME_PARAMS_H
#define UNIARM_RUNTIME_PARAMS_H

#include <stdbool.h>

extern bool runtime_verbose;

/* Apply one "key=value" parameter; an unknown key or a bad value is reported and ignored. */
void runtime_param_set(const char *param);

#endif
