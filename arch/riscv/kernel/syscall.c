// SPDX-License-Identifier: MIT
/*
 * The arch side of system calls and of returning to user mode: an ecall
 * from U-mode comes here from do_trap with the user's frame on the task's
 * kernel stack. sepc moves past the ecall (so the return resumes after
 * it, and a forked child resumes there too), interrupts go back on (a
 * system call may sleep; the tick must not wait), and a0 gets the result.
 * Every other register is restored from the frame as it was.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

/* The size of the ecall instruction (no compressed form exists). */
#define ECALL_INSN_SIZE	4

void do_syscall(struct pt_regs *regs);
void do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->a7;
	syscall_fn_t fn = nr < NR_syscalls ? sys_call_table[nr] : NULL;

	regs->epc += ECALL_INSN_SIZE;
	regs->orig_a0 = regs->a0;
	local_irq_enable();
	current->in_syscall = true;
	regs->a0 = fn ? (unsigned long)fn(regs, regs->a0, regs->a1, regs->a2, regs->a3,
					    regs->a4, regs->a5)
		      : (unsigned long)-ENOSYS;
	current->in_syscall = false;
}

void exit_to_user_mode(void)
{
	for (;;) {
		int sig = READ_ONCE(current->pending_sig);

		if (sig) {
			local_irq_enable();
			do_exit(sig);
		}
		if (!need_resched())
			break;
		/* an interrupt's return comes here with them off: a switch needs them on */
		local_irq_enable();
		schedule();
	}
}
