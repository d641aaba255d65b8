/* SPDX-License-Identifier: MIT */
/*
 * Exception table: pairs (instruction, fixup) in section __ex_table. When
 * the kernel faults at 'insn', the trap handler resumes at 'fixup' instead
 * of oopsing; the helpers that touch memory which may not be mapped (user
 * memory, probes of kernel addresses) are the only users. The table is
 * sorted at build time and searched by bisection (arch/riscv/mm/extable.c).
 */
#ifndef _ASM_EXTABLE_H
#define _ASM_EXTABLE_H

#include <linux/errno.h>
#include <linux/types.h>

struct exception_table_entry {
	unsigned long insn, fixup;
};

#define _ASM_EXTABLE(from, to)			\
	".pushsection __ex_table, \"a\"\n"	\
	".balign 4\n"				\
	".long " #from ", " #to "\n"		\
	".popsection\n"

/*
 * Read a u32 from a kernel address that may be unmapped. Returns 0 and
 * stores the value, or -EFAULT if the load faulted.
 */
static inline int get_kernel_nofault_u32(u32 *val, const void *addr)
{
	int err = 0;
	u32 v = 0;

	__asm__ __volatile__(
		"1:	lw %1, 0(%2)\n"
		"2:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"3:	li %0, %3\n"
		"	li %1, 0\n"
		"	j 2b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 3b)
		: "+r"(err), "=&r"(v)
		: "r"(addr), "i"(-EFAULT));
	*val = v;
	return err;
}

/* The entry for the instruction at addr, or NULL (binary search). */
const struct exception_table_entry *search_exception_tables(unsigned long addr);
/*
 * The table is sorted by insn with no two entries for one instruction:
 * 0, or -EINVAL. The build sorts it (tools/sortextable.py).
 */
int extable_check(void);
/* Number of entries. */
unsigned long extable_size(void);

#endif /* _ASM_EXTABLE_H */
