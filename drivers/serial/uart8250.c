// SPDX-License-Identifier: MIT
/*
 * 16550A-compatible UART, polled. The baud rate and line settings are left
 * as the firmware (OpenSBI) programmed them.
 */
#include <linux/io.h>
#include <drivers/serial.h>

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1	/* interrupt enable */
#define UART_FCR	2	/* FIFO control (write) */
#define UART_LSR	5	/* line status */

#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_FCR_ENABLE	0x01

static u32 uart8250_in(struct uart8250 *u, unsigned int reg)
{
	void *a = (char *)u->base + (reg << u->reg_shift);

	return u->reg_width == 4 ? readl(a) : readb(a);
}

static void uart8250_out(struct uart8250 *u, unsigned int reg, u32 v)
{
	void *a = (char *)u->base + (reg << u->reg_shift);

	if (u->reg_width == 4)
		writel(v, a);
	else
		writeb((u8)v, a);
}

void uart8250_init(struct uart8250 *u)
{
	uart8250_out(u, UART_IER, 0);		/* polled: no interrupts */
	uart8250_out(u, UART_FCR, UART_FCR_ENABLE);
}

void uart8250_putc(struct uart8250 *u, char c)
{
	while (!(uart8250_in(u, UART_LSR) & UART_LSR_THRE))
		;
	uart8250_out(u, UART_THR, (u8)c);
}

int uart8250_getc(struct uart8250 *u)
{
	if (!(uart8250_in(u, UART_LSR) & UART_LSR_DR))
		return -1;
	return (int)(uart8250_in(u, UART_RBR) & 0xff);
}
