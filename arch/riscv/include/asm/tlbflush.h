/* SPDX-License-Identifier: MIT */
/*
 * TLB maintenance (arch/riscv/mm/tlbflush.c): this hart's with sfence.vma,
 * other harts' through SBI RFENCE, which returns when they are done.
 *
 * Kernel translations may be cached by every online hart
 * (flush_tlb_kernel_range). A user mm's translations only by the harts in
 * mm->cpu_mask: switch_mm (<asm/mmu_context.h>) adds a hart when it starts
 * using the mm and removes it after flushing it on the way out, so the
 * mm flushes below shoot down exactly those harts. Every user mm runs with
 * ASID 0 for now, which is why a switch flushes the whole local TLB.
 *
 * This is the one place remote shootdowns are made: vmalloc's lazy purge,
 * kernel stacks, the kmap pool and the user mm flushes all come through
 * here, so SMP work that moves shootdowns to IPIs changes only tlbflush.c.
 * Callers may hold irq-safe locks with interrupts off (vmap_area_lock for
 * the purge) or mm->page_table_lock.
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

struct mm_struct;
struct vm_area_struct;

static inline void local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

static inline void local_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("sfence.vma %0" :: "r"(va) : "memory");
}

/* Remove [start, end) of the kernel's translations from every online hart. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/* Remove every translation of mm (page table frames freed, fork's COW). */
void flush_tlb_mm(struct mm_struct *mm);
/* Remove [start, end) of vma->vm_mm's translations (munmap, mprotect, ...). */
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* Remove addr of vma->vm_mm's translations. */
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);

/* Once, at boot, and by a secondary hart when it starts: it joins the shootdowns. */
void tlb_hart_online(unsigned long hartid);
/* This hart's bit in the shootdown masks (online_hart_mask, mm->cpu_mask). */
unsigned long tlb_hart_bit(void);
/* Flushes done (kernel and user), for reports and tests. */
unsigned long kernel_tlb_flushes(void);

#endif /* _ASM_TLBFLUSH_H */
