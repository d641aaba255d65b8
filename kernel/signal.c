// SPDX-License-Identifier: MIT
/*
 * The reporting half of fault signals (contract in <linux/signal.h>).
 * Tasks do not exist yet, so a forced signal is printed and recorded; the
 * tasks work delivers it (the default action kills the task) behind the
 * same call.
 */
#include <linux/record.h>
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
	/* pid 0: no tasks yet, the faulting context is the kernel's */
	if (sig == SIGSEGV)
		pr_record("segv", "pid=0 name=%s addr=0x%08lx cause=%s code=%s epc=0x%08lx",
			  current_task_name(), s.addr, trap_cause_key(s.cause),
			  sig_code_name(sig, code), s.epc);
	else
		pr_record("sigbus", "pid=0 name=%s addr=0x%08lx cause=%s code=%s epc=0x%08lx",
			  current_task_name(), s.addr, trap_cause_key(s.cause),
			  sig_code_name(sig, code), s.epc);
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
