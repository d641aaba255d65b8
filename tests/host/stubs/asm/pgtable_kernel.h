/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for <asm/pgtable_kernel.h> (tests/host/stubs/pgtable_kernel.c):
 * the same contract, on a simulated two-level page table whose level-0
 * tables are real frames from the harness's buddy allocator (so they count
 * and fault injection reaches them), plus a simulated TLB: a PTE cleared
 * without a flush stays "stale", and mapping over a stale address aborts
 * the test (an address reused before its TLB flush); a PTE set without a
 * flush since is "unflushed new" (a hart may hold an "invalid" entry for
 * it). The vmalloc range and the stack geometry are the board's.
 */
#ifndef _ASM_PGTABLE_KERNEL_H
#define _ASM_PGTABLE_KERNEL_H

#include <linux/types.h>
#include <asm/page.h>

#define VMALLOC_START	0xe0000000UL
#define VMALLOC_END	0xf8000000UL

#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))

#define _PAGE_VALID	(1u << 0)
#define _PAGE_READ	(1u << 1)
#define _PAGE_WRITE	(1u << 2)
#define _PAGE_GLOBAL	(1u << 5)
#define _PAGE_ACCESSED	(1u << 6)
#define _PAGE_DIRTY	(1u << 7)
#define PAGE_KERNEL	(_PAGE_VALID | _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY | \
			 _PAGE_READ | _PAGE_WRITE)
#define PAGE_KERNEL_RO	(_PAGE_VALID | _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY | \
			 _PAGE_READ)
#define PAGE_KERNEL_IO	PAGE_KERNEL
/* Sv32: a 22-bit PPN names 34 bits of physical address space. */
#define PTE_PHYS_LIMIT	((phys_addr_t)1 << 34)

#define THREAD_SIZE	16384
#define THREAD_SHIFT	14
#define THREAD_ALIGN	(2 * THREAD_SIZE)

struct page;
void kernel_pgtable_init(void);
void tlb_hart_online(unsigned long hartid);
int kernel_pgtable_prepare(unsigned long va, unsigned long size, gfp_t gfp);
int kernel_pgtable_map_pages(unsigned long va, struct page *const *pages,
			     unsigned int n, pgprot_t prot, gfp_t gfp);
int kernel_pgtable_map_phys(unsigned long va, phys_addr_t pa, unsigned long size,
			    pgprot_t prot, gfp_t gfp);
void kernel_pgtable_unmap(unsigned long va, unsigned long size,
			  void (*release)(unsigned long pfn, void *arg), void *arg);
bool kernel_pgtable_lookup(unsigned long va, unsigned long *pfn);
unsigned long kernel_pgtable_count_present(unsigned long start, unsigned long end);
unsigned long kernel_pgtable_nr_tables(void);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
unsigned long kernel_tlb_flushes(void);

extern unsigned long vmalloc_sync_faults;
extern unsigned long vmalloc_spurious_faults;

/* Host only: forget the tables (the arena holding them is gone) and the TLB. */
void host_kpt_reset(void);
/* Host only: pages unmapped and not flushed yet, i.e. still in the "TLB". */
unsigned long host_kpt_stale_pages(void);
/*
 * Host only: pages of [start, end) mapped and not flushed since, i.e. that
 * a hart caching "invalid" translations could still fault on.
 */
unsigned long host_kpt_unflushed_new(unsigned long start, unsigned long end);
/* Host only: the prot bits of the PTE at va (0 if none). */
pgprot_t host_kpt_prot(unsigned long va);

#endif /* _ASM_PGTABLE_KERNEL_H */
