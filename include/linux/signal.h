/* SPDX-License-Identifier: MIT */
/*
 * Signals (Linux's numbers and si_code values, asm-generic/signal.h and
 * uapi/asm-generic/siginfo.h), default actions only: every signal but
 * the ignored ones (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) and the stop
 * signals (not implemented: ignored) terminates the task. The arch fault
 * path decides the fault signals (arch/riscv/mm/fault.c, traps.c) and
 * force_sig_fault() reports and delivers them; kill(2) is kill_pid().
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/types.h>

#ifndef __user
#define __user
#endif

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28
#define _NSIG		64

static inline bool sig_kernel_stop(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* si_code of SIGSEGV */
#define SEGV_MAPERR	1	/* address not mapped to an object */
#define SEGV_ACCERR	2	/* invalid permissions for a mapped object */
/* si_code of SIGBUS */
#define BUS_ADRALN	1	/* invalid address alignment */
#define BUS_ADRERR	2	/* nonexistent physical address */
/* si_code of SIGILL */
#define ILL_ILLOPC	1	/* illegal opcode */

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
 * Force sig (SIGSEGV, SIGBUS or SIGILL) with code on the current task for
 * a fault at addr: prints the @segv record (DESIGN.md section 7: pid=
 * name= addr= cause= code= epc=; SIGBUS as @sigbus, SIGILL as @sigill,
 * with the same keys) and the task's maps, records it, and makes the
 * task die of sig at its return to user mode (the default action).
 * Returns 0.
 */
int force_sig_fault(int sig, int code, void __user *addr);

/* Fault signals forced so far, and the last one (false: none yet). */
unsigned long nr_fault_signals(void);
bool last_fault_signal(struct fault_signal *out);

#endif /* _LINUX_SIGNAL_H */
