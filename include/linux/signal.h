/* SPDX-License-Identifier: MIT */
/*
 * Signals (Linux's numbers and si_code values, asm-generic/signal.h and
 * uapi/asm-generic/siginfo.h). Only the fault signals exist so far: the
 * arch fault path decides them (arch/riscv/mm/fault.c) and
 * force_sig_fault() reports them; delivering one (the default action,
 * killing the task) comes with tasks.
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/types.h>

#ifndef __user
#define __user
#endif

#define SIGBUS		7
#define SIGKILL		9
#define SIGSEGV		11

/* si_code of SIGSEGV */
#define SEGV_MAPERR	1	/* address not mapped to an object */
#define SEGV_ACCERR	2	/* invalid permissions for a mapped object */
/* si_code of SIGBUS */
#define BUS_ADRERR	2	/* nonexistent physical address */

struct pt_regs;

/* The last fault signal forced on this hart (for the reports and tests). */
struct fault_signal {
	int sig, code;
	unsigned long addr;	/* the faulting address (si_addr) */
	unsigned long cause;	/* scause of the trap */
	unsigned long epc;	/* the faulting instruction */
};

/*
 * The trapped user frame of the fault being handled on this hart: what
 * task_pt_regs(current) will be once tasks exist. The arch fault path sets
 * it before it forces a signal; NULL outside a fault.
 */
void set_signal_regs(const struct pt_regs *regs);

/*
 * Force sig (SIGSEGV or SIGBUS) with code on the current task for a fault
 * at addr. Until tasks exist it prints the @segv record (DESIGN.md
 * section 7: pid= name= addr= cause= code= epc=; SIGBUS as @sigbus with
 * the same keys) and records it; the kill comes with tasks. Returns 0.
 */
int force_sig_fault(int sig, int code, void __user *addr);

/* Fault signals forced so far, and the last one (false: none yet). */
unsigned long nr_fault_signals(void);
bool last_fault_signal(struct fault_signal *out);

#endif /* _LINUX_SIGNAL_H */
