/* ARM GICv2 interrupt controller: distributor and CPU interface. */
#ifndef UNIARM_PLATFORM_GIC_H
#define UNIARM_PLATFORM_GIC_H

#include "platform/io.h"
#include "platform/ptrace.h"

#define GIC_MAX_IRQ 256

typedef void (*irq_handler_t)(unsigned int irq, void *data);

void gic_init(void __iomem *dist, void __iomem *cpu);
/* Route interrupt `irq` (GIC INTID) to handler and unmask it: 0, or -1 if out of range. */
int request_irq(unsigned int irq, irq_handler_t handler, void *data);
/* Send software-generated interrupt irq (0-15) to this CPU. */
void gic_raise_sgi(unsigned int irq);
/* Entry from the IRQ vector: acknowledge, dispatch, end of interrupt. */
void do_IRQ(struct pt_regs *regs);

#endif
