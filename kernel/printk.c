// SPDX-License-Identifier: MIT
/*
 * printk: format on the caller's stack, then write the whole line to the
 * console under an irq-safe lock, so lines from task and interrupt context
 * never interleave. Every line starts "[SSSSS.UUUUUU] " (DESIGN.md section 7).
 *
 * Levels follow Linux: a message is shown when its level is below
 * console_loglevel (bootarg loglevel=, default 7 hides only KERN_DEBUG).
 * Records ("@kind key=value", see include/linux/record.h) are the machine
 * interface and are shown whatever the loglevel.
 */
#include <stdio.h>
#include <string.h>

#include <linux/bootparam.h>
#include <linux/console.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/time.h>

#define PRINTK_LINE_MAX	512
#define LEVEL_RECORD	'r'

static u32 console_loglevel = LOGLEVEL_DEFAULT;
BOOT_PARAM_UINT("loglevel", console_loglevel, 0, 7,
		"show messages whose level is below this (0-7)");

static DEFINE_SPINLOCK(console_lock);
static struct console *console = &sbi_console;
static bool at_line_start = true;
/* Messages at KERN_ERR or worse, shown or not; console_lock. */
static unsigned int error_count;
static bool (*error_filter)(const char *text);

void register_console(struct console *con)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	console = con;
	spin_unlock_irqrestore(&console_lock, flags);
}

struct console *console_get(void)
{
	return console;
}

unsigned int printk_error_count(void)
{
	return READ_ONCE(error_count);
}

void printk_set_error_filter(bool (*filter)(const char *text))
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	error_filter = filter;
	spin_unlock_irqrestore(&console_lock, flags);
}

int vprintk(const char *fmt, va_list ap)
{
	char line[PRINTK_LINE_MAX];
	unsigned long flags;
	int level = MESSAGE_LOGLEVEL_DEFAULT;
	bool cont = false, record = false, error, shown;
	size_t n = 0, text;
	int len;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		else if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] == LEVEL_RECORD)
			record = true;
		fmt += 2;
	}
	error = level <= LOGLEVEL_ERR && !cont && !record;
	shown = record || cont || level < (int)console_loglevel;
	/* a hidden error is formatted all the same: the filter reads it */
	if (!shown && !error)
		return 0;

	if (!cont) {
		u64 ns = ktime_get_ns();
		unsigned long sec = (unsigned long)(ns / NSEC_PER_SEC);
		unsigned long usec = (unsigned long)(ns % NSEC_PER_SEC / NSEC_PER_USEC);

		n = snprintf(line, sizeof(line), "[%5lu.%06lu] ", sec, usec);
	}
	text = n;
	len = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (len < 0)
		return len;
	n += len;
	if (n >= sizeof(line)) {
		/* truncated: keep the end of line visible */
		n = sizeof(line) - 1;
		memcpy(line + n - 4, "...\n", 4);
	}

	spin_lock_irqsave(&console_lock, flags);
	if (error && !(error_filter && error_filter(line + text)))
		error_count++;
	if (shown) {
		if (!cont && !at_line_start)
			console->write(console, "\n", 1);
		console->write(console, line, n);
		at_line_start = n && line[n - 1] == '\n';
	}
	spin_unlock_irqrestore(&console_lock, flags);
	return shown ? len : 0;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
