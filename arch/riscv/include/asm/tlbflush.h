/* SPDX-License-Identifier: MIT */
/*
 * TLB maintenance: this hart's with sfence.vma, every hart's kernel
 * translations with flush_tlb_kernel_range() (arch/riscv/mm/pgtable_kernel.c).
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

static inline void local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

static inline void local_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("sfence.vma %0" :: "r"(va) : "memory");
}

/*
 * Remove [start, end) from the TLB of every hart that may cache kernel
 * translations: this one with sfence.vma (per page, or all for a long
 * range), the others (the online-hart mask) through SBI RFENCE, which
 * returns when they are done. This is the one remote shootdown: vmalloc's
 * lazy purge, kernel stacks and the kmap pool all come through here, so
 * SMP work that moves shootdowns to IPIs changes only this function. Its
 * callers may hold irq-safe locks with interrupts off (vmap_area_lock for
 * the purge); kmap calls it with interrupts on.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

#endif /* _ASM_TLBFLUSH_H */
