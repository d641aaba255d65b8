// SPDX-License-Identifier: MIT
/*
 * The architecture side of page faults: decode scause/stval, then either
 * hand the fault to the generic code or, for the kernel, fix it up or oops.
 * Until address spaces exist (mm/mmap.c), every page fault is a kernel
 * access to an unmapped or protected address.
 */
#include <stdio.h>

#include <linux/kernel.h>
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/traps.h>

static const char *fault_access(unsigned long cause)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return "execute";
	case EXC_STORE_PAGE_FAULT:
		return "write";
	default:
		return "read";
	}
}

void do_page_fault(struct pt_regs *regs)
{
	char why[112];

	if (fixup_exception(regs))
		return;
	snprintf(why, sizeof(why), "unable to handle kernel %s at virtual address %08lx (%s)",
		 regs->badaddr < PAGE_SIZE ? "NULL pointer dereference" : "paging request",
		 regs->badaddr, fault_access(regs->cause));
	die(regs, why);
}
