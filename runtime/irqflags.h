/* Interrupt masking for code that is also built for host unit tests, where it is a no-op
 * (host tests are single threaded and have no interrupts). */
#ifndef UNIARM_RUNTIME_IRQFLAGS_H
#define UNIARM_RUNTIME_IRQFLAGS_H

#include <stdint.h>

#ifdef UNIARM_HOST_TEST
static inline uint32_t local_irq_save(void)
{
	return 0;
}

static inline void local_irq_restore(uint32_t flags)
{
	(void)flags;
}
#else
#include "platform/cp15.h"
#endif

#endif
