// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <string.h>

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <asm/sections.h>

extern const u32 kallsyms_num;
extern const u32 kallsyms_addrs[];
extern const char kallsyms_names[];

/* Name of symbol i: walk the NUL-separated list (only on oops paths). */
static const char *kallsyms_name(u32 i)
{
	const char *p = kallsyms_names;

	while (i--)
		p += strlen(p) + 1;
	return p;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset)
{
	u32 lo = 0, hi = kallsyms_num;

	if (addr < (unsigned long)_stext || addr >= (unsigned long)_etext || !hi)
		return NULL;
	/* last symbol whose address is <= addr */
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (kallsyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addrs[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - kallsyms_addrs[lo];
	if (size)
		*size = (lo + 1 < kallsyms_num ? kallsyms_addrs[lo + 1]
					       : (unsigned long)_etext) - kallsyms_addrs[lo];
	return kallsyms_name(lo);
}

char *sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (name)
		snprintf(buf, len, "%s+0x%lx/0x%lx", name, off, size);
	else
		snprintf(buf, len, "0x%08lx", addr);
	return buf;
}

char *sprint_backtrace(char *buf, size_t len, unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr - 1, &size, &off);

	if (name)
		snprintf(buf, len, "%s+0x%lx/0x%lx", name, off + 1, size);
	else
		snprintf(buf, len, "0x%08lx", addr);
	return buf;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	const char *p = kallsyms_names;
	u32 i;

	for (i = 0; i < kallsyms_num; i++, p += strlen(p) + 1)
		if (!strcmp(p, name))
			return kallsyms_addrs[i];
	return 0;
}
