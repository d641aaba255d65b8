/* SPDX-License-Identifier: MIT */
/*
 * printk with Linux's log levels. A message may start with KERN_<LEVEL>; a
 * message whose level is numerically above the console loglevel is counted
 * but not printed. Every printed line gets a "[SSSSS.UUUUUU] " timestamp.
 * Safe from interrupt context: the line is formatted on the caller's stack
 * and written under an irq-safe lock.
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/compiler.h>
#include <linux/types.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
/* Continues the previous line: no timestamp, no level. */
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_ERR		3	/* this level and below count as errors */
#define LOGLEVEL_DEFAULT	7	/* console_loglevel unless loglevel= */
#define MESSAGE_LOGLEVEL_DEFAULT 4	/* level of a printk without KERN_* */

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);

/* Number of messages at KERN_ERR or more severe since boot. */
unsigned int printk_error_count(void);
/*
 * Hand every message at KERN_ERR or more severe, shown or not, to filter
 * (its text without timestamp and level); one that filter returns true for
 * was expected and does not count. For the self-test runner, whose cases
 * plant bugs on purpose; NULL removes it. filter runs under the console
 * lock, in any context, and must not printk.
 */
void printk_set_error_filter(bool (*filter)(const char *text));

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

#endif /* _LINUX_PRINTK_H */
