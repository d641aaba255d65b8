/* SPDX-License-Identifier: MIT */
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

#endif /* _ASM_TLBFLUSH_H */
