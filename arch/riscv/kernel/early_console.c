// SPDX-License-Identifier: MIT
/* The console before the UART driver is up: bytes through SBI. */
#include <linux/console.h>
#include <asm/sbi.h>

static void sbi_console_write(struct console *con, const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			sbi_console_putchar('\r');
		sbi_console_putchar(*s++);
	}
}

struct console sbi_console = {
	.name = "sbi",
	.write = sbi_console_write,
};
