/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for the riscv task context (<asm/processor.h>): host
 * tests never switch tasks, they only need the layout of a task_struct
 * for current->mm (kernel/fork.c).
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#define THREAD_SIZE	16384

struct thread_struct {
	unsigned long ra, sp, s[12];
};

#endif /* _ASM_PROCESSOR_H */
