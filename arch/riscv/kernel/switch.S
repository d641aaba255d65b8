/* SPDX-License-Identifier: MIT */
/*
 * The context switch (Linux's riscv __switch_to) and a new task's first
 * steps. struct thread_struct is the first member of struct task_struct,
 * so a task pointer is its thread_struct pointer.
 */
#include <asm/processor.h>

	.text
	.balign	4
/* struct task_struct *__switch_to(prev a0, next a1): returns prev (a0). */
	.globl __switch_to
__switch_to:
	sw	ra, THREAD_RA(a0)
	sw	sp, THREAD_SP(a0)
	sw	s0, THREAD_S(0)(a0)
	sw	s1, THREAD_S(1)(a0)
	sw	s2, THREAD_S(2)(a0)
	sw	s3, THREAD_S(3)(a0)
	sw	s4, THREAD_S(4)(a0)
	sw	s5, THREAD_S(5)(a0)
	sw	s6, THREAD_S(6)(a0)
	sw	s7, THREAD_S(7)(a0)
	sw	s8, THREAD_S(8)(a0)
	sw	s9, THREAD_S(9)(a0)
	sw	s10, THREAD_S(10)(a0)
	sw	s11, THREAD_S(11)(a0)
	lw	ra, THREAD_RA(a1)
	lw	sp, THREAD_SP(a1)
	lw	s0, THREAD_S(0)(a1)
	lw	s1, THREAD_S(1)(a1)
	lw	s2, THREAD_S(2)(a1)
	lw	s3, THREAD_S(3)(a1)
	lw	s4, THREAD_S(4)(a1)
	lw	s5, THREAD_S(5)(a1)
	lw	s6, THREAD_S(6)(a1)
	lw	s7, THREAD_S(7)(a1)
	lw	s8, THREAD_S(8)(a1)
	lw	s9, THREAD_S(9)(a1)
	lw	s10, THREAD_S(10)(a1)
	lw	s11, THREAD_S(11)(a1)
	ret

/* sp is the task's pt_regs; a0 is prev (from __switch_to). */
	.globl ret_from_fork
ret_from_fork:
	call	schedule_tail
	call	exit_to_user_mode
	j	ret_from_exception

/* s0 = fn, s1 = arg; fn's return value is the exit code. */
	.globl ret_from_kernel_thread
ret_from_kernel_thread:
	call	schedule_tail
	mv	a0, s1
	jalr	s0
	call	kthread_exit
1:	j	1b
