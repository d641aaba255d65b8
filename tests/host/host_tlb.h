/* SPDX-License-Identifier: MIT */
/*
 * The host tests' model of the TLB and of satp (tests/host/stubs/host_tlb.c),
 * over the real page tables that mm/pgtable.c builds.
 *
 * Kernel range: a page whose PTE was present when vmalloc unmapped it
 * (flush_cache_vunmap) is "stale" until flush_tlb_kernel_range covers it:
 * some hart may still translate it, and a mapping made there before that
 * flush (flush_cache_vmap) aborts the test ("address reused before the TLB
 * flush of its last unmapping"). A page mapped since the last flush that
 * covered it is "unflushed new": a hart that cached its "invalid" entry
 * could still fault on it.
 */
#ifndef _HOST_TLB_H
#define _HOST_TLB_H

#include <linux/types.h>
#include <asm/page.h>

struct mm_struct;

/* Forget the kernel's tables (the arena holding them is gone) and the TLB model. */
void host_pgtable_reset(void);
/* Kernel pages unmapped and not flushed yet, i.e. still in the "TLB". */
unsigned long host_kpt_stale_pages(void);
/* Kernel pages of [start, end) mapped and not flushed since. */
unsigned long host_kpt_unflushed_new(unsigned long start, unsigned long end);
/* The protection bits of init_mm's PTE at va (0 if none). */
pgprot_t host_kpt_prot(unsigned long va);
/* init_mm's PTE slot for va, or NULL when its level-0 table does not exist. */
pte_t *host_kpte(unsigned long va);

/* User flushes (flush_tlb_mm/_range/_page) so far, and local sfence.vma. */
unsigned long host_tlb_user_flushes(void);
unsigned long host_tlb_local_flushes(void);
/* The page directory satp names on this (host) CPU: switch_mm's last next. */
pgd_t *host_satp_pgd(void);

#endif /* _HOST_TLB_H */
