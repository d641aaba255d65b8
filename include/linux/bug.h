/* SPDX-License-Identifier: MIT */
/*
 * panic() and BUG(): only for broken invariants, never for errors a caller
 * can handle. Both print an @oops record and stop the board with a failure.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/types.h>

__noreturn __printf(1, 2) void panic(const char *fmt, ...);

#define BUG()	panic("BUG at %s:%d (%s)", __FILE__, __LINE__, __func__)
#define BUG_ON(cond)	do { if (unlikely(cond)) BUG(); } while (0)

/* Print a warning with the location once per call site; evaluates to cond. */
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	bool __c = !!(cond);						\
	if (unlikely(__c) && !__warned) {				\
		__warned = true;					\
		printk("\0014WARNING: %s:%d %s: %s\n",			\
		       __FILE__, __LINE__, __func__, #cond);		\
	}								\
	__c; })

#endif /* _LINUX_BUG_H */
