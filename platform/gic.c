/* GICv2 driver: one CPU, every interrupt to CPU 0 at one priority, handlers in a table. */
#include "platform/gic.h"
#include "runtime/hardirq.h"
#include "runtime/printk.h"

#define GICD_CTLR	0x000
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR	0x800
#define GICD_SGIR	0xf00
#define SGIR_TO_SELF	(2u << 24)
#define GICC_CTLR	0x00
#define GICC_PMR	0x04
#define GICC_IAR	0x0c
#define GICC_EOIR	0x10
#define GIC_SPURIOUS	1023

static void __iomem *gicd;
static void __iomem *gicc;
static struct {
	irq_handler_t handler;
	void *data;
} irq_table[GIC_MAX_IRQ];

void gic_init(void __iomem *dist, void __iomem *cpu)
{
	gicd = dist;
	gicc = cpu;
	writel(0, (char *)gicd + GICD_CTLR);
	for (unsigned int i = 0; i < GIC_MAX_IRQ / 32; i++)
		writel(0xffffffffu, (char *)gicd + GICD_ICENABLER + 4 * i);
	for (unsigned int i = 0; i < GIC_MAX_IRQ / 4; i++)
		writel(0xa0a0a0a0u, (char *)gicd + GICD_IPRIORITYR + 4 * i);
	for (unsigned int i = 32 / 4; i < GIC_MAX_IRQ / 4; i++)
		writel(0x01010101u, (char *)gicd + GICD_ITARGETSR + 4 * i);
	writel(1, (char *)gicd + GICD_CTLR);
	writel(0xf0, (char *)gicc + GICC_PMR);
	writel(1, (char *)gicc + GICC_CTLR);
}

int request_irq(unsigned int irq, irq_handler_t handler, void *data)
{
	if (irq >= GIC_MAX_IRQ || !gicd)
		return -1;
	irq_table[irq].handler = handler;
	irq_table[irq].data = data;
	writel(1u << (irq % 32), (char *)gicd + GICD_ISENABLER + 4 * (irq / 32));
	return 0;
}

void gic_raise_sgi(unsigned int irq)
{
	if (irq < 16)
		writel(SGIR_TO_SELF | irq, (char *)gicd + GICD_SGIR);
}

void do_IRQ(struct pt_regs *regs)
{
	(void)regs;
	irq_enter();
	for (;;) {
		uint32_t iar = readl((char *)gicc + GICC_IAR);
		unsigned int irq = iar & 0x3ff;

		if (irq == GIC_SPURIOUS)
			break;
		if (irq < GIC_MAX_IRQ && irq_table[irq].handler)
			irq_table[irq].handler(irq, irq_table[irq].data);
		else if (irq < GIC_MAX_IRQ) {
			/* Nobody asked for it: mask it so a level interrupt cannot storm. */
			writel(1u << (irq % 32), (char *)gicd + GICD_ICENABLER + 4 * (irq / 32));
			printk("gic: unexpected interrupt %u masked\n", irq);
		}
		writel(iar, (char *)gicc + GICC_EOIR);
	}
	irq_exit();
}
