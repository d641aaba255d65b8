// SPDX-License-Identifier: MIT
/*
 * The exception table (asm/extable.h): (insn, fixup) pairs, sorted by insn
 * at build time (tools/sortextable.py, run on the linked image), so a
 * lookup is a binary search in read-only data.
 */
#include <linux/vmstat.h>
#include <asm/extable.h>
#include <asm/traps.h>

extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	const struct exception_table_entry *lo = __start_ex_table, *hi = __stop_ex_table;

	/* invariant: every entry below lo has insn < addr, every one from hi > addr */
	while (lo < hi) {
		const struct exception_table_entry *mid = lo + (hi - lo) / 2;

		if (mid->insn == addr)
			return mid;
		if (mid->insn < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int extable_check(void)
{
	const struct exception_table_entry *e;

	for (e = __start_ex_table; e + 1 < __stop_ex_table; e++)
		if (e[0].insn >= e[1].insn)
			return -EINVAL;
	return 0;
}

unsigned long extable_size(void)
{
	return __stop_ex_table - __start_ex_table;
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->epc);

	if (!e)
		return false;
	regs->epc = e->fixup;
	count_vm_event(FAULT_FIXUP);
	return true;
}
