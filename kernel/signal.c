// SPDX-License-Identifier: MIT
/*
 * Fault signals (contract in <linux/signal.h>): the report (@segv and
 * the task's maps) and the delivery, which marks the task to die of the
 * signal when its trap returns to user mode (its default action).
 */
#include <linux/mm.h>
#include <linux/record.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/spinlock.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

static __thread const struct pt_regs *signal_regs;
static DEFINE_SPINLOCK(signal_lock);
static struct fault_signal last_signal;	/* signal_lock */
static unsigned long fault_signals;	/* signal_lock */

void set_signal_regs(const struct pt_regs *regs)
{
	signal_regs = regs;
}

static const char *sig_code_name(int sig, int code)
{
	if (sig == SIGSEGV && code == SEGV_MAPERR)
		return "SEGV_MAPERR";
	if (sig == SIGSEGV && code == SEGV_ACCERR)
		return "SEGV_ACCERR";
	if (sig == SIGBUS && code == BUS_ADRERR)
		return "BUS_ADRERR";
	if (sig == SIGBUS && code == BUS_ADRALN)
		return "BUS_ADRALN";
	if (sig == SIGILL && code == ILL_ILLOPC)
		return "ILL_ILLOPC";
	return "unknown";
}

int force_sig_fault(int sig, int code, void __user *addr)
{
	const struct pt_regs *regs = signal_regs;
	struct fault_signal s = {
		.sig = sig, .code = code, .addr = (unsigned long)addr,
		.cause = regs ? regs->cause : 0, .epc = regs ? regs->epc : 0,
	};
	unsigned long flags;

	spin_lock_irqsave(&signal_lock, flags);
	last_signal = s;
	fault_signals++;
	spin_unlock_irqrestore(&signal_lock, flags);
#define SIG_RECORD(kind) \
	pr_record(kind, "pid=%d name=%s addr=0x%08lx cause=%s code=%s epc=0x%08lx", \
		  current->pid, current_task_name(), s.addr, trap_cause_key(s.cause), \
		  sig_code_name(sig, code), s.epc)
	if (sig == SIGSEGV)
		SIG_RECORD("segv");
	else if (sig == SIGBUS)
		SIG_RECORD("sigbus");
	else
		SIG_RECORD("sigill");
#undef SIG_RECORD
	if (current->mm) {
		show_map(current->mm);
		force_sig(sig);
	}
	return 0;
}

unsigned long nr_fault_signals(void)
{
	return __atomic_load_n(&fault_signals, __ATOMIC_RELAXED);
}

bool last_fault_signal(struct fault_signal *out)
{
	unsigned long flags;
	bool any;

	spin_lock_irqsave(&signal_lock, flags);
	*out = last_signal;
	any = fault_signals != 0;
	spin_unlock_irqrestore(&signal_lock, flags);
	return any;
}
