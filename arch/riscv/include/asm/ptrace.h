/* SPDX-License-Identifier: MIT */
/*
 * The trap frame that entry.S saves on the kernel stack: every integer
 * register by its number (slot 0 holds sepc instead of x0), then the trap
 * CSRs. entry.S addresses the slots with the PT_* offsets below;
 * arch/riscv/kernel/traps.c static-asserts that they match the struct.
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#define PT_EPC		0
#define PT_RA		4
#define PT_SP		8
#define PT_GP		12
#define PT_TP		16
#define PT_T0		20
#define PT_S0		32
#define PT_A0		40
#define PT_A7		68
#define PT_T6		124
#define PT_STATUS	128
#define PT_BADADDR	132
#define PT_CAUSE	136
#define PT_ORIG_A0	140
#define PT_SIZE		144	/* a multiple of 16: keeps sp 16-byte aligned */

/* Offset of register xN in the frame (N = 1..31). */
#define PT_REG(n)	((n) * 4)

#ifndef __ASSEMBLER__
#include <linux/types.h>

struct pt_regs {
	unsigned long epc;
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status;	/* sstatus at the trap */
	unsigned long badaddr;	/* stval */
	unsigned long cause;	/* scause */
	unsigned long orig_a0;	/* a0 before a system call overwrote it */
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return !(regs->status & 0x100u);	/* SR_SPP clear: came from U-mode */
}
#endif

#endif /* _ASM_PTRACE_H */
