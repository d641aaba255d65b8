// SPDX-License-Identifier: MIT
/*
 * Trap dispatch: entry.S saves a struct pt_regs and calls do_trap(), which
 * sends interrupts to their handlers and exceptions to theirs by scause.
 * An exception in the kernel that nothing can fix up is a kernel bug: it
 * prints an @oops record, the registers and a backtrace, and stops the board
 * with a failure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <linux/bug.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <asm/csr.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/sections.h>
#include <asm/smp.h>
#include <asm/traps.h>

/* entry.S addresses the frame with PT_*: keep the two in step. */
BUILD_BUG_ON(offsetof(struct pt_regs, epc) != PT_EPC);
BUILD_BUG_ON(offsetof(struct pt_regs, ra) != PT_RA);
BUILD_BUG_ON(offsetof(struct pt_regs, sp) != PT_SP);
BUILD_BUG_ON(offsetof(struct pt_regs, gp) != PT_GP);
BUILD_BUG_ON(offsetof(struct pt_regs, tp) != PT_TP);
BUILD_BUG_ON(offsetof(struct pt_regs, t0) != PT_T0);
BUILD_BUG_ON(offsetof(struct pt_regs, s0) != PT_S0);
BUILD_BUG_ON(offsetof(struct pt_regs, a0) != PT_A0);
BUILD_BUG_ON(offsetof(struct pt_regs, a7) != PT_A7);
BUILD_BUG_ON(offsetof(struct pt_regs, t6) != PT_T6);
BUILD_BUG_ON(offsetof(struct pt_regs, status) != PT_STATUS);
BUILD_BUG_ON(offsetof(struct pt_regs, badaddr) != PT_BADADDR);
BUILD_BUG_ON(offsetof(struct pt_regs, cause) != PT_CAUSE);
BUILD_BUG_ON(offsetof(struct pt_regs, orig_a0) != PT_ORIG_A0);
BUILD_BUG_ON(sizeof(struct pt_regs) != PT_SIZE);
BUILD_BUG_ON(PT_SIZE % 16 != 0);
BUILD_BUG_ON(THREAD_SIZE != 1 << THREAD_SHIFT);

__thread unsigned int hardirq_nesting;

/* Each hart's stack for reporting a kernel stack overflow (entry.S). */
u8 overflow_stack[NR_CPUS][OVERFLOW_STACK_SIZE] __aligned(16);

static const char *const exc_names[] = {
	[EXC_INST_MISALIGNED] = "instruction address misaligned",
	[EXC_INST_ACCESS] = "instruction access fault",
	[EXC_INST_ILLEGAL] = "illegal instruction",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load address misaligned",
	[EXC_LOAD_ACCESS] = "load access fault",
	[EXC_STORE_MISALIGNED] = "store address misaligned",
	[EXC_STORE_ACCESS] = "store access fault",
	[EXC_ECALL_U] = "environment call from U-mode",
	[EXC_ECALL_S] = "environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "load page fault",
	[EXC_STORE_PAGE_FAULT] = "store page fault",
};

/* Short logfmt-safe cause names for @oops cause= */
static const char *const exc_keys[] = {
	[EXC_INST_MISALIGNED] = "inst_misaligned",
	[EXC_INST_ACCESS] = "inst_access",
	[EXC_INST_ILLEGAL] = "illegal_inst",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load_misaligned",
	[EXC_LOAD_ACCESS] = "load_access",
	[EXC_STORE_MISALIGNED] = "store_misaligned",
	[EXC_STORE_ACCESS] = "store_access",
	[EXC_ECALL_U] = "ecall_u",
	[EXC_ECALL_S] = "ecall_s",
	[EXC_INST_PAGE_FAULT] = "inst_page_fault",
	[EXC_LOAD_PAGE_FAULT] = "load_page_fault",
	[EXC_STORE_PAGE_FAULT] = "store_page_fault",
};

const char *trap_cause_name(unsigned long cause)
{
	if (cause < ARRAY_SIZE(exc_names) && exc_names[cause])
		return exc_names[cause];
	return "unknown exception";
}

const char *trap_cause_key(unsigned long cause)
{
	if (cause < ARRAY_SIZE(exc_keys) && exc_keys[cause])
		return exc_keys[cause];
	return "unknown";
}

/* Linux's riscv show_regs() layout: three registers a line. */
void show_regs(const struct pt_regs *regs)
{
	char sym[KSYM_NAME_LEN + 32];

	pr_emerg("epc : %s\n", sprint_symbol(sym, sizeof(sym), regs->epc));
	pr_emerg(" ra : %s\n", sprint_symbol(sym, sizeof(sym), regs->ra));
	pr_emerg("epc : %08lx ra : %08lx sp : %08lx\n", regs->epc, regs->ra, regs->sp);
	pr_emerg(" gp : %08lx tp : %08lx t0 : %08lx\n", regs->gp, regs->tp, regs->t0);
	pr_emerg(" t1 : %08lx t2 : %08lx s0 : %08lx\n", regs->t1, regs->t2, regs->s0);
	pr_emerg(" s1 : %08lx a0 : %08lx a1 : %08lx\n", regs->s1, regs->a0, regs->a1);
	pr_emerg(" a2 : %08lx a3 : %08lx a4 : %08lx\n", regs->a2, regs->a3, regs->a4);
	pr_emerg(" a5 : %08lx a6 : %08lx a7 : %08lx\n", regs->a5, regs->a6, regs->a7);
	pr_emerg(" s2 : %08lx s3 : %08lx s4 : %08lx\n", regs->s2, regs->s3, regs->s4);
	pr_emerg(" s5 : %08lx s6 : %08lx s7 : %08lx\n", regs->s5, regs->s6, regs->s7);
	pr_emerg(" s8 : %08lx s9 : %08lx s10: %08lx\n", regs->s8, regs->s9, regs->s10);
	pr_emerg(" s11: %08lx t3 : %08lx t4 : %08lx\n", regs->s11, regs->t3, regs->t4);
	pr_emerg(" t5 : %08lx t6 : %08lx\n", regs->t5, regs->t6);
	pr_emerg("status: %08lx badaddr: %08lx cause: %08lx\n",
		 regs->status, regs->badaddr, regs->cause);
}

/*
 * Frame-pointer backtrace. With -fno-omit-frame-pointer, GCC's RISC-V frame
 * keeps the return address at fp - 4 and the caller's fp at fp - 8; a frame
 * pointer must stay inside the stack the walk started on and grow upward.
 */
void dump_backtrace(unsigned long pc, unsigned long ra, unsigned long fp,
		    unsigned long sp, bool pc_is_return)
{
	unsigned long lo = sp, hi = ALIGN(sp + 1, THREAD_SIZE);
	char sym[KSYM_NAME_LEN + 32];
	int depth = 0;
	bool leaf = true;

	pr_emerg("Call Trace:\n");
	pr_emerg("[<%08lx>] %s\n", pc, pc_is_return ? sprint_backtrace(sym, sizeof(sym), pc)
						       : sprint_symbol(sym, sizeof(sym), pc));
	while (depth++ < 32) {
		unsigned long next_fp, ret;

		if (fp < lo + 8 || fp > hi || !IS_ALIGNED(fp, 4))
			break;
		ret = *(unsigned long *)(fp - 4);
		next_fp = *(unsigned long *)(fp - 8);
		/*
		 * A leaf function saves no ra: its fp - 8 holds the caller's
		 * fp and ra is still in the register. Tell by whether the
		 * saved "ra" looks like kernel text.
		 */
		if (leaf && !kallsyms_lookup(ret, NULL, NULL) &&
		    kallsyms_lookup(ra, NULL, NULL)) {
			ret = ra;
			next_fp = *(unsigned long *)(fp - 4);
		}
		leaf = false;
		if (!kallsyms_lookup(ret - 1, NULL, NULL))
			break;
		pr_emerg("[<%08lx>] %s\n", ret, sprint_backtrace(sym, sizeof(sym), ret));
		if (next_fp <= fp)
			break;
		lo = fp;
		fp = next_fp;
	}
}

/*
 * A kernel bug while a user task was in a system call (not in an
 * interrupt handler): Linux's make_task_dead() kills that task and the
 * system goes on. Locks the broken code held stay held; what the task
 * owned goes back through do_exit.
 */
static bool oops_kills_task(const struct pt_regs *regs)
{
	return !user_mode(regs) && current->in_syscall && current->mm && !in_interrupt();
}

/*
 * The @oops record, registers and a backtrace from the stack at stack_sp;
 * fails the board, or ends only the task whose system call hit it.
 */
static void __noreturn oops(struct pt_regs *regs, const char *cause, const char *why,
			    unsigned long stack_sp)
{
	pr_record("oops", "cause=%s epc=0x%08lx tval=0x%08lx task=%s cpu=%u",
		  cause, regs->epc, regs->badaddr, current_task_name(), smp_processor_id());
	pr_emerg("Oops: %s [#1]\n", why);
	pr_emerg("CPU: %u PID: %d Comm: %s\n", smp_processor_id(), current->pid,
		 current_task_name());
	show_regs(regs);
	dump_backtrace(regs->epc, regs->ra, regs->s0, stack_sp, false);
	pr_emerg("---[ end trace ]---\n");
	if (oops_kills_task(regs)) {
		pr_emerg("Fatal exception in system call: killing %s (pid %d)\n",
			 current_task_name(), current->pid);
		current->in_syscall = false;
		/* the broken code's locks stay held; their preemption counts go */
		preempt_count_set(0);
		arch_local_irq_enable();
		do_exit(SIGKILL);
	}
	machine_fail(OOPS_EXIT_CODE);
}

void __noreturn die(struct pt_regs *regs, const char *why)
{
	oops(regs, trap_cause_key(regs->cause & ~CAUSE_IRQ_FLAG), why, regs->sp);
}

/* pc is in entry.S's trap entry or exit, which must never fault. */
static bool in_trap_entry(unsigned long pc)
{
	return pc >= (unsigned long)handle_exception && pc < (unsigned long)handle_exception_end;
}

/*
 * A trap taken by entry.S itself, while it pushed or popped a frame: the
 * trap it was handling lost sepc, scause, stval, sstatus.SPP/SPIE and its
 * saved sp to this one (entry.S explains why that must not happen), so
 * neither can be returned from. regs->badaddr is what the frame push hit:
 * a kernel stack not mapped in this page directory, or a stale TLB entry.
 */
static void __noreturn trap_entry_fault(struct pt_regs *regs)
{
	char why[128];

	snprintf(why, sizeof(why),
		 "trap entry faulted on its own frame at %08lx (sp %08lx): the trapped context is lost",
		 regs->badaddr, regs->sp);
	oops(regs, "entry_fault", why, regs->sp);
}

/*
 * entry.S found the trapped sp below a vmalloc'ed stack (in the guard
 * half of its THREAD_ALIGN block) and brought us here on the overflow
 * stack. The stack that overflowed is the THREAD_SIZE above the guard: the
 * backtrace walks that. A trapped epc inside entry.S means the overflow is
 * entry.S recursing on frame pushes that fault (each nested trap pushes
 * lower until one lands in the guard): that is an entry fault, not code
 * that ran off its stack.
 */
void __noreturn handle_kernel_stack_overflow(struct pt_regs *regs)
{
	/* entry.S tested sp - PT_SIZE: the stack starts at its next boundary */
	unsigned long stack = ALIGN(regs->sp - PT_SIZE + 1, THREAD_SIZE);
	char why[128];

	if (in_trap_entry(regs->epc))
		trap_entry_fault(regs);
	snprintf(why, sizeof(why),
		 "kernel stack overflow in task %s: sp %08lx below the stack at %08lx-%08lx",
		 current_task_name(), regs->sp, stack, stack + THREAD_SIZE);
	oops(regs, "stack_overflow", why, stack);
}

/* A user exception's signal (Linux's riscv do_trap_* table), 0: none. */
static int user_trap_signal(unsigned long cause, int *code)
{
	switch (cause) {
	case EXC_INST_ILLEGAL:
		*code = ILL_ILLOPC;
		return SIGILL;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED:
		/* no emulation of misaligned accesses */
		*code = BUS_ADRALN;
		return SIGBUS;
	case EXC_INST_ACCESS:
	case EXC_LOAD_ACCESS:
	case EXC_STORE_ACCESS:
		*code = SEGV_ACCERR;
		return SIGSEGV;
	case EXC_BREAKPOINT:
		*code = 0;
		return SIGTRAP;
	default:
		*code = 0;
		return SIGILL;
	}
}

/*
 * An exception no handler resolves. User mode: the signal of its kind
 * (the default action ends the task). Kernel mode: fix up through the
 * exception table if the faulting instruction has an entry, else oops.
 */
static void do_bad_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;
	char why[96];
	int sig, code;

	if (user_mode(regs)) {
		sig = user_trap_signal(cause, &code);
		set_signal_regs(regs);
		if (sig == SIGTRAP)
			force_sig(sig);
		else
			force_sig_fault(sig, code, (void __user *)(cause == EXC_INST_ILLEGAL
								   ? regs->epc : regs->badaddr));
		set_signal_regs(NULL);
		return;
	}
	if (fixup_exception(regs))
		return;
	snprintf(why, sizeof(why), "%s at 0x%08lx (stval 0x%08lx)",
		 trap_cause_name(cause), regs->epc, regs->badaddr);
	die(regs, why);
}

void do_syscall(struct pt_regs *regs);

/*
 * Every trap lands here. One from user mode returns through
 * exit_to_user_mode(): a pending fatal signal ends the task there, and a
 * tick that ended the time slice switches to the next task. An interrupt
 * that returns to kernel code with interrupts on switches there too when
 * that code is preemptible (preempt=full, <linux/preempt.h>).
 */
void do_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;

	if (cause & CAUSE_IRQ_FLAG) {
		irq_enter();
		handle_irq(regs, cause & ~CAUSE_IRQ_FLAG);
		irq_exit();
		if (user_mode(regs))
			exit_to_user_mode();
		else if ((regs->status & SR_SPIE) && !in_interrupt())
			/* back to kernel code that had interrupts on: preemptible if its count is 0 */
			preempt_schedule_irq();
		return;
	}
	/* no handler may "fix" a fault of the entry code: it has nothing to return to */
	if (!user_mode(regs) && in_trap_entry(regs->epc))
		trap_entry_fault(regs);
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
	case EXC_LOAD_PAGE_FAULT:
	case EXC_STORE_PAGE_FAULT:
		do_page_fault(regs);
		break;
	case EXC_ECALL_U:
		do_syscall(regs);
		break;
	default:
		do_bad_trap(regs);
		break;
	}
	if (user_mode(regs))
		exit_to_user_mode();
}

void __noreturn panic(const char *fmt, ...)
{
	static bool in_panic;
	struct pt_regs regs = { 0 };
	char msg[160];
	va_list ap;

	arch_local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (in_panic)
		machine_fail(OOPS_EXIT_CODE);
	in_panic = true;
	for (char *p = msg; *p; p++)
		if (*p == '"')
			*p = '\'';	/* keep the logfmt value well-formed */

	/* start the walk in panic()'s caller */
	regs.epc = (unsigned long)__builtin_return_address(0);
	regs.ra = regs.epc;
	regs.s0 = *((unsigned long *)__builtin_frame_address(0) - 2);
	__asm__ __volatile__("mv %0, sp" : "=r"(regs.sp));
	regs.status = csr_read(sstatus);
	regs.cause = PANIC_CAUSE;
	pr_record("oops", "cause=panic epc=0x%08lx tval=0x0 task=%s cpu=%u msg=\"%s\"",
		  regs.epc, current_task_name(), smp_processor_id(), msg);
	pr_emerg("Kernel panic: %s\n", msg);
	dump_backtrace(regs.epc, regs.ra, regs.s0, regs.sp, true);
	pr_emerg("---[ end Kernel panic ]---\n");
	machine_fail(OOPS_EXIT_CODE);
}
