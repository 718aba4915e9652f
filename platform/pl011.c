/* ARM PL011 UART driver (polled transmit, interrupt-driven wake-up on receive). */
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

static void __iomem *uart;

void pl011_init(void __iomem *base)
{
	uart = base;
	writel(CR_UARTEN | CR_TXE | CR_RXE, (char *)uart + UART_CR);
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

int pl011_getc(void)
{
	if (!uart || (readl((char *)uart + UART_FR) & FR_RXFE))
		return -1;
	return (int)(readl((char *)uart + UART_DR) & 0xff);
}

void pl011_enable_rx_irq(void)
{
	writel(INT_RX | INT_RT, (char *)uart + UART_ICR);
	writel(INT_RX | INT_RT, (char *)uart + UART_IMSC);
}

void pl011_irq(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
	writel(0, (char *)uart + UART_IMSC);
}
