/* ARM PL011 UART: the console (docs/console.md). */
#ifndef UNIARM_PLATFORM_PL011_H
#define UNIARM_PLATFORM_PL011_H

#include <stdbool.h>
#include "platform/io.h"

/* Error flags of a received character (UARTDR bits 8-11). QEMU sets only BE: a BREAK arrives
 * as a 0x00 byte with BE. */
#define PL011_DR_FE (1u << 8)  /* framing error */
#define PL011_DR_PE (1u << 9)  /* parity error */
#define PL011_DR_BE (1u << 10) /* break */
#define PL011_DR_OE (1u << 11) /* overrun */

void pl011_init(void __iomem *base);
bool pl011_ready(void);
void pl011_putc(char c);
/* Next entry of the receive FIFO: the byte (bits 0-7) with its error flags (PL011_DR_*), or
 * -1 when the FIFO is empty. */
int pl011_rx(void);
bool pl011_rx_empty(void);
/*
 * Arm the receive interrupt once, to wake a reader sleeping in wfi; the handler masks it
 * again. Returns false when a character is already waiting (then the reader must not sleep:
 * arming cleared an interrupt raised just before).
 */
bool pl011_arm_rx_irq(void);
/* From now on the receive interrupt stays on, and its handler passes every character to rx
 * (in interrupt context). */
void pl011_set_rx_handler(void (*rx)(unsigned int dr));
/* Called at the end of every receive interrupt: the readers waiting for input (runtime/tty.c). */
void pl011_set_rx_wake(void (*wake)(void));

/* Interrupt handler: with an rx handler, drains the receive FIFO into it; else masks the
 * receive interrupt again (the reader drains the FIFO). */
void pl011_irq(unsigned int irq, void *data);
#endif
