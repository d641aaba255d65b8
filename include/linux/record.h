/* SPDX-License-Identifier: MIT */
/*
 * Machine-readable log records (DESIGN.md section 7): one line
 * "@<kind> key=value key=value ..." in logfmt, printed whatever the loglevel.
 * Values with spaces must be double-quoted by the caller.
 */
#ifndef _LINUX_RECORD_H
#define _LINUX_RECORD_H

#include <linux/printk.h>

#define KERN_RECORD	KERN_SOH "r"

#define pr_record(kind, fmt, ...) \
	printk(KERN_RECORD "@" kind " " fmt "\n", ##__VA_ARGS__)

#endif /* _LINUX_RECORD_H */
