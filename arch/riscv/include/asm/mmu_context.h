/* SPDX-License-Identifier: MIT */
/*
 * Switching a hart between address spaces (arch/riscv/mm/context.c).
 */
#ifndef _ASM_MMU_CONTEXT_H
#define _ASM_MMU_CONTEXT_H

struct mm_struct;

/*
 * Make next's page directory this hart's (satp: Sv32, ASID 0, next->pgd),
 * then flush the local TLB: with one ASID for every mm, prev's user
 * translations must not survive the switch. This hart joins
 * next->cpu_mask before satp changes (a shootdown of next from then on
 * reaches it) and leaves prev->cpu_mask only after the flush (until then
 * it may hold prev's translations). prev == next does nothing.
 * Interrupts may be on; the caller keeps both mms alive.
 */
void switch_mm(struct mm_struct *prev, struct mm_struct *next);

#endif /* _ASM_MMU_CONTEXT_H */
