/* SPDX-License-Identifier: MIT */
/*
 * Kernel page tables of the vmalloc range, the narrow interface mm/vmalloc
 * uses (arch/riscv/mm/pgtable_kernel.c; tests/host/stubs/asm/ has the host
 * stand-in with the same contract).
 *
 * The master page directory is swapper_pg_dir, which will be init_mm's pgd
 * once mm_struct exists. Level-0 tables for [VMALLOC_START, VMALLOC_END)
 * are allocated on demand from lowmem (zeroed, reached through __va) and
 * installed only there; they are never freed, because a page directory
 * copied from the master may hold the same level-1 entry. Such a directory
 * picks new level-1 entries up lazily in the page fault handler
 * (arch/riscv/mm/fault.c, kernel_mapping_fault).
 *
 * Nothing here flushes the TLB, on map or unmap: the caller batches unmap
 * flushes with flush_tlb_kernel_range(). A new mapping needs no flush in
 * general: a stale "invalid" translation, if a hart cached one, is
 * repaired by the fault handler (a spurious fault on a present kernel
 * PTE). The exception is a kernel stack, which the trap entry pushes onto
 * and which therefore must never fault: alloc_thread_stack() flushes it.
 */
#ifndef _ASM_PGTABLE_KERNEL_H
#define _ASM_PGTABLE_KERNEL_H

#include <linux/types.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>

struct page;

/* The master page directory (init_mm's pgd). */
static inline pgd_t *init_mm_pgd(void)
{
	return swapper_pg_dir;
}

/* Once, before the first mapping: the boot hart takes part in TLB shootdowns. */
void kernel_pgtable_init(void);
/* A hart that starts running kernel code joins the TLB shootdowns. */
void tlb_hart_online(unsigned long hartid);

/*
 * Allocate the level-0 tables [va, va + size) needs (alloc_page(gfp),
 * lowmem, zeroed), so that mapping it cannot fail. Returns 0 or -ENOMEM;
 * tables allocated before a failure stay (they are never freed).
 */
int kernel_pgtable_prepare(unsigned long va, unsigned long size, gfp_t gfp);
/*
 * Map n frames at va (page aligned; [va, va + n pages) inside the vmalloc
 * range, its PTEs clear: a present one is a bug and panics). A missing
 * level-0 table is allocated with gfp; returns 0, or -ENOMEM only if that
 * fails (never after kernel_pgtable_prepare), the pages before the failed
 * table left mapped.
 */
int kernel_pgtable_map_pages(unsigned long va, struct page *const *pages,
			     unsigned int n, pgprot_t prot, gfp_t gfp);
/* The same for the physically contiguous [pa, pa + size) (ioremap). */
int kernel_pgtable_map_phys(unsigned long va, phys_addr_t pa, unsigned long size,
			    pgprot_t prot, gfp_t gfp);
/*
 * Clear the PTEs of [va, va + size) (page aligned, vmalloc range). For
 * each one that was present, release(pfn, arg) is called after it is
 * cleared (release may be NULL). No TLB flush.
 */
void kernel_pgtable_unmap(unsigned long va, unsigned long size,
			  void (*release)(unsigned long pfn, void *arg), void *arg);
/* The frame mapped at va (any address in the vmalloc range): true and *pfn, or false. */
bool kernel_pgtable_lookup(unsigned long va, unsigned long *pfn);
/* Present PTEs in [start, end) (walks only the level-0 tables that exist). */
unsigned long kernel_pgtable_count_present(unsigned long start, unsigned long end);
/* Level-0 tables allocated for the vmalloc range so far. */
unsigned long kernel_pgtable_nr_tables(void);

/* flush_tlb_kernel_range() is in <asm/tlbflush.h>. */
/* Flushes done, for reports and tests. */
unsigned long kernel_tlb_flushes(void);

/*
 * Kernel-only (no host stand-in): a page directory made the way pgd_alloc
 * will make one for each mm, i.e. a copy of the master's kernel half taken
 * now (a lowmem frame, or NULL); and switching this hart to one (satp with
 * ASID 0, then sfence.vma), which returns the directory it used before.
 */
pgd_t *kernel_pgd_clone(void);
void kernel_pgd_release(pgd_t *pgd);
pgd_t *kernel_pgd_switch(pgd_t *pgd);

/*
 * Kernel-mode faults in the vmalloc range that the fault handler fixed:
 * a level-1 entry copied from the master directory, or a stale TLB entry
 * for a present PTE flushed (arch/riscv/mm/fault.c).
 */
extern unsigned long vmalloc_sync_faults;
extern unsigned long vmalloc_spurious_faults;

#endif /* _ASM_PGTABLE_KERNEL_H */
