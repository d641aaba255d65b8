// SPDX-License-Identifier: MIT
/* SiFive UART (sifive,uart0), polled. The divisor is left as the firmware set it. */
#include <linux/io.h>
#include <drivers/serial.h>

#define SIFIVE_TXDATA	0x00	/* bit 31: FIFO full */
#define SIFIVE_RXDATA	0x04	/* bit 31: FIFO empty */
#define SIFIVE_TXCTRL	0x08	/* bit 0: transmit enable */
#define SIFIVE_RXCTRL	0x0c	/* bit 0: receive enable */
#define SIFIVE_IE	0x10	/* interrupt enable */

#define SIFIVE_TX_FULL	0x80000000u
#define SIFIVE_RX_EMPTY	0x80000000u
#define SIFIVE_EN	0x1u

void sifive_uart_init(struct sifive_uart *u)
{
	char *b = u->base;

	writel(0, b + SIFIVE_IE);
	writel(readl(b + SIFIVE_TXCTRL) | SIFIVE_EN, b + SIFIVE_TXCTRL);
	writel(readl(b + SIFIVE_RXCTRL) | SIFIVE_EN, b + SIFIVE_RXCTRL);
}

void sifive_uart_putc(struct sifive_uart *u, char c)
{
	char *b = u->base;

	while (readl(b + SIFIVE_TXDATA) & SIFIVE_TX_FULL)
		;
	writel((u8)c, b + SIFIVE_TXDATA);
}

int sifive_uart_getc(struct sifive_uart *u)
{
	u32 v = readl((char *)u->base + SIFIVE_RXDATA);

	return (v & SIFIVE_RX_EMPTY) ? -1 : (int)(v & 0xff);
}
