/*
 * ARM PL011 UART driver: polled transmit; receive either polled by the reader with a one-shot
 * wake-up interrupt, or interrupt-driven into a handler (docs/console.md). The FIFOs stay
 * disabled (LCR_H.FEN = 0): one received character at a time, so QEMU holds the rest back,
 * and enabling them would discard what QEMU has already delivered.
 */
#include "platform/pl011.h"

#define UART_DR	  0x00
#define UART_FR	  0x18
#define UART_CR	  0x30
#define UART_IMSC 0x38
#define UART_ICR  0x44
#define FR_RXFE	  (1u << 4)
#define FR_TXFF	  (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE	  (1u << 8)
#define CR_RXE	  (1u << 9)
#define INT_RX	  (1u << 4)
#define INT_RT	  (1u << 6)
#define DR_MASK	  0xfffu /* the byte and the four error flags */

static void __iomem *uart;
static void (*rx_handler)(unsigned int dr);
static void (*rx_wake)(void);

void pl011_init(void __iomem *base)
{
	uart = base;
	writel(CR_UARTEN | CR_TXE | CR_RXE, (char *)uart + UART_CR);
	if (rx_handler)
		writel(INT_RX | INT_RT, (char *)uart + UART_IMSC);
}

bool pl011_ready(void)
{
	return uart != NULL;
}

void pl011_putc(char c)
{
	if (!uart)
		return;
	while (readl((char *)uart + UART_FR) & FR_TXFF)
		;
	writel((unsigned char)c, (char *)uart + UART_DR);
}

bool pl011_rx_empty(void)
{
	return !uart || (readl((char *)uart + UART_FR) & FR_RXFE);
}

int pl011_rx(void)
{
	if (pl011_rx_empty())
		return -1;
	return (int)(readl((char *)uart + UART_DR) & DR_MASK);
}

bool pl011_arm_rx_irq(void)
{
	writel(INT_RX | INT_RT, (char *)uart + UART_ICR);
	writel(INT_RX | INT_RT, (char *)uart + UART_IMSC);
	return pl011_rx_empty();
}

void pl011_set_rx_handler(void (*rx)(unsigned int dr))
{
	rx_handler = rx;
	writel(INT_RX | INT_RT, (char *)uart + UART_IMSC);
}

void pl011_set_rx_wake(void (*wake)(void))
{
	rx_wake = wake;
}

void pl011_irq(unsigned int irq, void *data)
{
	int c;

	(void)irq;
	(void)data;
	if (!rx_handler) {
		writel(0, (char *)uart + UART_IMSC);
	} else {
		/* Clear first, then drain: a character arriving during the drain raises it
		 * again. */
		writel(INT_RX | INT_RT, (char *)uart + UART_ICR);
		while ((c = pl011_rx()) >= 0)
			rx_handler((unsigned int)c);
	}
	if (rx_wake)
		rx_wake();
}
