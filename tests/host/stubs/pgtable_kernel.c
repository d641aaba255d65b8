// SPDX-License-Identifier: MIT
/*
 * Host stand-in for arch/riscv/mm/pgtable_kernel.c (contract in
 * stubs/asm/pgtable_kernel.h), plus the other kernel symbols the vmalloc
 * code uses that the host has no arch code for: the interrupt nesting
 * counter, the fault statistics and a symbol printer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <asm/pgtable_kernel.h>

#define PTES_PER_TABLE	1024
#define PTE_PFN_SHIFT	10
#define RANGE_PAGES	((VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT)
#define RANGE_TABLES	((VMALLOC_END - VMALLOC_START) >> PGDIR_SHIFT)

unsigned long vmalloc_sync_faults;
unsigned long vmalloc_spurious_faults;

static u32 *tables[RANGE_TABLES];
static unsigned int present[RANGE_TABLES];	/* valid PTEs per table */
static unsigned long nr_tables, nr_flushes, nr_stale;
static unsigned char stale[RANGE_PAGES];
/* Mapped and not flushed since: a hart may still hold an "invalid" entry. */
static unsigned char unflushed_new[RANGE_PAGES];

static void die(const char *what, unsigned long va)
{
	fprintf(stderr, "host kernel_pgtable: %s at %#lx\n", what, va);
	abort();
}

static void check_range(unsigned long va)
{
	if (va < VMALLOC_START || va >= VMALLOC_END || (va & ~PAGE_MASK))
		die("address outside the vmalloc range or unaligned", va);
}

static u32 *table(unsigned long va, gfp_t gfp, bool alloc)
{
	unsigned long i = (va - VMALLOC_START) >> PGDIR_SHIFT;
	struct page *pt;

	if (!tables[i] && alloc) {
		pt = alloc_page((gfp & ~__GFP_HIGHMEM) | __GFP_ZERO);
		if (!pt)
			return NULL;
		tables[i] = page_address(pt);
		nr_tables++;
	}
	return tables[i];
}

static u32 *pte(unsigned long va, gfp_t gfp, bool alloc)
{
	u32 *t = table(va, gfp, alloc);

	return t ? &t[(va >> PAGE_SHIFT) & (PTES_PER_TABLE - 1)] : NULL;
}

void kernel_pgtable_init(void)
{
}

void tlb_hart_online(unsigned long hartid)
{
	(void)hartid;
}

int kernel_pgtable_prepare(unsigned long va, unsigned long size, gfp_t gfp)
{
	unsigned long end = va + size;

	check_range(va);
	for (va &= PGDIR_MASK; va < end; va += PGDIR_SIZE)
		if (!table(va, gfp, true))
			return -ENOMEM;
	return 0;
}

static int map_one(unsigned long va, unsigned long pfn, pgprot_t prot, gfp_t gfp)
{
	u32 *p;

	check_range(va);
	p = pte(va, gfp, true);
	if (!p)
		return -ENOMEM;
	if (*p & _PAGE_VALID)
		die("mapping over a present PTE", va);
	if (stale[(va - VMALLOC_START) >> PAGE_SHIFT])
		die("address reused before the TLB flush of its last unmapping", va);
	*p = (u32)(pfn << PTE_PFN_SHIFT) | prot;
	present[(va - VMALLOC_START) >> PGDIR_SHIFT]++;
	unflushed_new[(va - VMALLOC_START) >> PAGE_SHIFT] = 1;
	return 0;
}

int kernel_pgtable_map_pages(unsigned long va, struct page *const *pages,
			     unsigned int n, pgprot_t prot, gfp_t gfp)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (map_one(va + ((unsigned long)i << PAGE_SHIFT), page_to_pfn(pages[i]),
			    prot, gfp))
			return -ENOMEM;
	return 0;
}

int kernel_pgtable_map_phys(unsigned long va, phys_addr_t pa, unsigned long size,
			    pgprot_t prot, gfp_t gfp)
{
	unsigned long i;

	for (i = 0; i < size >> PAGE_SHIFT; i++)
		if (map_one(va + (i << PAGE_SHIFT), PFN_DOWN(pa) + i, prot, gfp))
			return -ENOMEM;
	return 0;
}

void kernel_pgtable_unmap(unsigned long va, unsigned long size,
			  void (*release)(unsigned long pfn, void *arg), void *arg)
{
	unsigned long end = va + size;

	for (; va < end; va += PAGE_SIZE) {
		u32 *p, old;

		check_range(va);
		p = pte(va, 0, false);
		if (!p || !(*p & _PAGE_VALID))
			continue;
		old = *p;
		*p = 0;
		unflushed_new[(va - VMALLOC_START) >> PAGE_SHIFT] = 0;
		present[(va - VMALLOC_START) >> PGDIR_SHIFT]--;
		if (!stale[(va - VMALLOC_START) >> PAGE_SHIFT]) {
			stale[(va - VMALLOC_START) >> PAGE_SHIFT] = 1;
			nr_stale++;
		}
		if (release)
			release(old >> PTE_PFN_SHIFT, arg);
	}
}

bool kernel_pgtable_lookup(unsigned long va, unsigned long *pfn)
{
	u32 *p;

	if (va < VMALLOC_START || va >= VMALLOC_END)
		return false;
	p = pte(va & PAGE_MASK, 0, false);
	if (!p || !(*p & _PAGE_VALID))
		return false;
	*pfn = *p >> PTE_PFN_SHIFT;
	return true;
}

pgprot_t host_kpt_prot(unsigned long va)
{
	u32 *p = pte(va & PAGE_MASK, 0, false);

	return p && (*p & _PAGE_VALID) ? *p & ((1u << PTE_PFN_SHIFT) - 1) : 0;
}

unsigned long kernel_pgtable_count_present(unsigned long start, unsigned long end)
{
	unsigned long va, n = 0;

	for (va = start; va < end;) {
		unsigned long next = (va & PGDIR_MASK) + PGDIR_SIZE;
		unsigned long i = (va - VMALLOC_START) >> PGDIR_SHIFT;
		u32 *t = tables[i];

		if (next > end)
			next = end;
		if (t && va == (va & PGDIR_MASK) && next - va == PGDIR_SIZE) {
			n += present[i];	/* a whole table: its counter */
		} else if (t) {
			for (; va < next; va += PAGE_SIZE)
				n += (t[(va >> PAGE_SHIFT) & (PTES_PER_TABLE - 1)] & _PAGE_VALID) != 0;
		}
		va = next;
	}
	return n;
}

unsigned long kernel_pgtable_nr_tables(void)
{
	return nr_tables;
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long va;

	for (va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		unsigned long i = (va - VMALLOC_START) >> PAGE_SHIFT;

		if (va < VMALLOC_START || va >= VMALLOC_END)
			continue;
		unflushed_new[i] = 0;
		if (stale[i]) {
			stale[i] = 0;
			nr_stale--;
		}
	}
	nr_flushes++;
}

unsigned long kernel_tlb_flushes(void)
{
	return nr_flushes;
}

unsigned long host_kpt_stale_pages(void)
{
	return nr_stale;
}

unsigned long host_kpt_unflushed_new(unsigned long start, unsigned long end)
{
	unsigned long va, n = 0;

	for (va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		check_range(va);
		n += unflushed_new[(va - VMALLOC_START) >> PAGE_SHIFT];
	}
	return n;
}

void host_kpt_reset(void)
{
	memset(tables, 0, sizeof(tables));
	memset(present, 0, sizeof(present));
	memset(stale, 0, sizeof(stale));
	memset(unflushed_new, 0, sizeof(unflushed_new));
	nr_tables = nr_flushes = nr_stale = 0;
	vmalloc_sync_faults = vmalloc_spurious_faults = 0;
	hardirq_nesting = 0;
}

