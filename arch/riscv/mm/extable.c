// SPDX-License-Identifier: MIT
#include <asm/extable.h>
#include <asm/traps.h>

extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

/* Linear search: the table is small (one entry per uaccess/probe site). */
const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	const struct exception_table_entry *e;

	for (e = __start_ex_table; e < __stop_ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->epc);

	if (!e)
		return false;
	regs->epc = e->fixup;
	return true;
}
