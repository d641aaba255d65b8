/* SPDX-License-Identifier: MIT */
/*
 * UART drivers: register-level code that knows nothing of the device tree
 * (uart8250.c, sifive_uart.c), and the glue that matches the DT's
 * stdout-path and makes the UART the console (serial.c).
 */
#ifndef _DRIVERS_SERIAL_H
#define _DRIVERS_SERIAL_H

#include <linux/types.h>

struct fdt;

struct uart8250 {
	void *base;
	u32 reg_shift;		/* register i is at base + (i << reg_shift) */
	u32 reg_width;		/* 1 or 4 bytes */
};
void uart8250_init(struct uart8250 *u);
void uart8250_putc(struct uart8250 *u, char c);
int uart8250_getc(struct uart8250 *u);

struct sifive_uart {
	void *base;
};
void sifive_uart_init(struct sifive_uart *u);
void sifive_uart_putc(struct sifive_uart *u, char c);
int sifive_uart_getc(struct sifive_uart *u);

/*
 * Find the UART that /chosen/stdout-path names, map it, and make it the
 * console. Returns 0, or a negative errno (the SBI console stays) after
 * saying why.
 */
int serial_console_init(const struct fdt *fdt);
/*
 * Once vmalloc is up: map the console UART through ioremap instead of its
 * early fixmap slot. Returns 0 (also when there is no UART console) or
 * -ENOMEM (the early mapping stays in use).
 */
int serial_console_remap(void);
/* Compatible string of the console UART ("sbi" before serial_console_init). */
const char *serial_console_name(void);

#endif /* _DRIVERS_SERIAL_H */
