/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for <asm/tlbflush.h>: the same functions, with the two
 * sfence.vma wrappers out of line. tests/host/stubs/host_tlb.c implements
 * them over a model of what a hart's TLB may hold (tests/host/host_tlb.h).
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

struct mm_struct;
struct vm_area_struct;

void local_flush_tlb_all(void);
void local_flush_tlb_page(unsigned long va);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
void tlb_hart_online(unsigned long hartid);
unsigned long tlb_hart_bit(void);
unsigned long kernel_tlb_flushes(void);

#endif /* _ASM_TLBFLUSH_H */
