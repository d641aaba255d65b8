/* SPDX-License-Identifier: MIT */
/*
 * A task's saved kernel context (Linux's riscv thread_struct): what
 * __switch_to keeps of a task that gives up the hart. Only the
 * callee-saved registers, ra and sp: __switch_to is called as a C
 * function, so the caller-saved ones are already dead or on the stack.
 * The user registers are in the pt_regs at the top of the kernel stack.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <asm/traps.h>

/* Offsets into struct thread_struct (switch.S). */
#define THREAD_RA	0
#define THREAD_SP	4
#define THREAD_S(n)	(8 + 4 * (n))	/* s0..s11 */
#define THREAD_STRUCT_SIZE	56

#ifndef __ASSEMBLER__
struct thread_struct {
	unsigned long ra;	/* where __switch_to returns to when the task runs again */
	unsigned long sp;
	unsigned long s[12];
};

struct task_struct;

/* Save prev's context, load next's; returns prev in next's context. */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);
/* First return of a forked task: to user mode through ret_from_exception. */
void ret_from_fork(void);
/* First run of a kernel thread: fn in s0, arg in s1. */
void ret_from_kernel_thread(void);
#endif

#endif /* _ASM_PROCESSOR_H */
