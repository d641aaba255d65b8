/* SPDX-License-Identifier: MIT */
/*
 * Consoles: where printk's lines go. One console is active at a time: the
 * SBI early console from the first instruction, then the UART driver that
 * the device tree's stdout-path names.
 */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct console {
	const char *name;
	/* Write n bytes; called with the console lock held and irqs off. */
	void (*write)(struct console *con, const char *s, size_t n);
	/* Return a received byte or -1 when none is waiting (may be NULL). */
	int (*getc)(struct console *con);
	void *priv;
};

/* Make con the console; later lines go to it. */
void register_console(struct console *con);
struct console *console_get(void);
extern struct console sbi_console;

#endif /* _LINUX_CONSOLE_H */
