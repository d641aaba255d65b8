/* SPDX-License-Identifier: MIT */
/*
 * Kernel symbol table for backtraces. The build links the kernel twice and
 * puts the first link's text symbols, sorted by address, in .rodata
 * (tools/kallsyms.sh).
 */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

#define KSYM_NAME_LEN	64

/*
 * Find the function containing addr. Returns its name (NULL if addr is not
 * in kernel text) and sets *offset and *size (size may be 0 for the last).
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset);
/* Format "name+0xoff/0xsize" (or the bare hex address) into buf. */
char *sprint_symbol(char *buf, size_t len, unsigned long addr);
/*
 * The same for a return address: looks up addr - 1, so a call that is the
 * last instruction of a function (a noreturn call) names that function.
 */
char *sprint_backtrace(char *buf, size_t len, unsigned long addr);
/* Address of a named function, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

#endif /* _LINUX_KALLSYMS_H */
