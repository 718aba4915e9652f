/* ARM PL011 UART: the console. */
#ifndef UNIARM_PLATFORM_PL011_H
#define UNIARM_PLATFORM_PL011_H

#include <stdbool.h>
#include "platform/io.h"

void pl011_init(void __iomem *base);
bool pl011_ready(void);
void pl011_putc(char c);
/* Next received byte, or -1 when the receive FIFO is empty. */
int pl011_getc(void);
/* Let a received byte raise the UART's interrupt (to wake a waiting reader). */
void pl011_enable_rx_irq(void);

/* Interrupt handler: masks the receive interrupt again; the reader drains the FIFO. */
void pl011_irq(unsigned int irq, void *data);
#endif
