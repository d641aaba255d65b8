// SPDX-License-Identifier: MIT
/*
 * Host stand-in for the arch TLB code (arch/riscv/mm/tlbflush.c, context.c)
 * and the vmap cache hooks: the flushes update a model of what a hart's
 * TLB may hold (tests/host/host_tlb.h), read from the real page tables
 * through the walker; switch_mm keeps the cpu_mask bookkeeping and a
 * simulated satp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/preempt.h>
#include <linux/sched/mm.h>
#include <linux/vmalloc.h>
#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <asm/smp.h>
#include <asm/tlbflush.h>

#include "host_tlb.h"

#define KRANGE_PAGES	((VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT)

static unsigned char stale[KRANGE_PAGES];
static unsigned char unflushed_new[KRANGE_PAGES];
static unsigned long nr_stale, nr_flushes, nr_user_flushes, nr_local_flushes;
static _Thread_local pgd_t *satp_pgd;

static void die(const char *what, unsigned long va)
{
	fprintf(stderr, "host tlb: %s at %#lx\n", what, va);
	abort();
}

static bool in_krange(unsigned long va)
{
	return va >= VMALLOC_START && va < VMALLOC_END;
}

static unsigned long kidx(unsigned long va)
{
	return (va - VMALLOC_START) >> PAGE_SHIFT;
}

pte_t *host_kpte(unsigned long va)
{
	return pte_offset_map(pgd_offset_k(va), va);
}

static pte_t kpte(unsigned long va)
{
	pte_t *p = host_kpte(va);

	return p ? ptep_get(p) : 0;
}

void flush_cache_vunmap(unsigned long start, unsigned long end)
{
	unsigned long va;

	for (va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		if (!in_krange(va))
			die("vunmap outside the vmalloc range", va);
		if (!pte_present(kpte(va)))
			continue;
		unflushed_new[kidx(va)] = 0;
		if (!stale[kidx(va)]) {
			stale[kidx(va)] = 1;
			nr_stale++;
		}
	}
}

void flush_cache_vmap(unsigned long start, unsigned long end)
{
	unsigned long va;

	for (va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		if (!in_krange(va))
			die("vmap outside the vmalloc range", va);
		if (!pte_present(kpte(va)))
			continue;
		if (stale[kidx(va)])
			die("address reused before the TLB flush of its last unmapping", va);
		unflushed_new[kidx(va)] = 1;
	}
}

void local_flush_tlb_all(void)
{
	nr_local_flushes++;
}

void local_flush_tlb_page(unsigned long va)
{
	nr_local_flushes++;
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long va;

	for (va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		if (!in_krange(va))
			continue;
		unflushed_new[kidx(va)] = 0;
		if (stale[kidx(va)]) {
			stale[kidx(va)] = 0;
			nr_stale--;
		}
	}
	nr_flushes++;
}

void flush_tlb_mm(struct mm_struct *mm)
{
	nr_user_flushes++;
	nr_flushes++;
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (start >= end || end > TASK_SIZE)
		die("user flush of a bad range", start);
	nr_user_flushes++;
	nr_flushes++;
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_range(vma, addr, addr + PAGE_SIZE);
}

void tlb_hart_online(unsigned long hartid)
{
}

unsigned long tlb_hart_bit(void)
{
	return 1UL << smp_processor_id();
}

unsigned long kernel_tlb_flushes(void)
{
	return nr_flushes;
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	unsigned long bit = tlb_hart_bit();

	if (prev == next)
		return;
	__atomic_fetch_or(&next->cpu_mask, bit, __ATOMIC_ACQ_REL);
	satp_pgd = next->pgd;
	local_flush_tlb_all();
	if (prev)
		__atomic_fetch_and(&prev->cpu_mask, ~bit, __ATOMIC_RELEASE);
}

pgd_t *host_satp_pgd(void)
{
	return satp_pgd;
}

unsigned long host_kpt_stale_pages(void)
{
	return nr_stale;
}

unsigned long host_kpt_unflushed_new(unsigned long start, unsigned long end)
{
	unsigned long va, n = 0;

	for (va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		if (!in_krange(va))
			die("address outside the vmalloc range", va);
		n += unflushed_new[kidx(va)];
	}
	return n;
}

pgprot_t host_kpt_prot(unsigned long va)
{
	pte_t pte = kpte(va & PAGE_MASK);

	return pte_present(pte) ? pte_pgprot(pte) : 0;
}

unsigned long host_tlb_user_flushes(void)
{
	return nr_user_flushes;
}

unsigned long host_tlb_local_flushes(void)
{
	return nr_local_flushes;
}

void host_pgtable_reset(void)
{
	memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
	init_mm.nr_ptes = 0;
	init_mm.cpu_mask = 0;
	memset(stale, 0, sizeof(stale));
	memset(unflushed_new, 0, sizeof(unflushed_new));
	nr_stale = nr_flushes = nr_user_flushes = nr_local_flushes = 0;
	satp_pgd = NULL;
	vmalloc_sync_faults = vmalloc_spurious_faults = 0;
	hardirq_nesting = 0;
}
