/* Runtime parameters from the boot arguments ("key.name=value" before "--"). */
#ifndef UNIARM_RUNTIME_PARAMS_H
#define UNIARM_RUNTIME_PARAMS_H

#include <stdbool.h>

extern bool runtime_verbose;
/* Write the exit record for uniarm-run at the end (runtime/exit_record.c). */
extern bool runtime_exit_record;

/* Apply one "key=value" parameter; an unknown key or a bad value is reported and ignored. */
void runtime_param_set(const char *param);

#endif
