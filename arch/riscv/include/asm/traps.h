/* SPDX-License-Identifier: MIT */
/* Trap handling interfaces shared by entry.S, traps.c and the handlers. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <asm/thread_info.h>

#ifndef __ASSEMBLER__
#include <linux/compiler.h>
#include <asm/ptrace.h>

/* Exit code the board reports when the kernel dies (oops or panic). */
#define OOPS_EXIT_CODE	3
/* pt_regs.cause value marking a frame made by panic(), not by hardware. */
#define PANIC_CAUSE	0xffffu

void do_trap(struct pt_regs *regs);
void handle_irq(struct pt_regs *regs, unsigned long irq);
void do_page_fault(struct pt_regs *regs);
/* If the faulting instruction has an exception-table entry, resume at its fixup. */
bool fixup_exception(struct pt_regs *regs);
__noreturn void die(struct pt_regs *regs, const char *why);
/* entry.S's trap entry and exit code, [handle_exception, handle_exception_end). */
extern const char handle_exception[], handle_exception_end[];
/* entry.S, on the overflow stack: a kernel trap found sp below its stack. */
__noreturn void handle_kernel_stack_overflow(struct pt_regs *regs);
void show_regs(const struct pt_regs *regs);
/* pc_is_return: pc is a return address (look up pc - 1), not a faulting pc. */
void dump_backtrace(unsigned long pc, unsigned long ra, unsigned long fp,
		    unsigned long sp, bool pc_is_return);
const char *trap_cause_name(unsigned long cause);
/* Short logfmt-safe name of an exception cause (@oops cause=, @segv cause=). */
const char *trap_cause_key(unsigned long cause);
const char *current_task_name(void);

/* Power the board off reporting failure with code (drivers/power). */
__noreturn void machine_fail(unsigned int code);
__noreturn void machine_power_off(void);
#endif

#endif /* _ASM_TRAPS_H */
