// SPDX-License-Identifier: MIT
/*
 * Kernel page tables of the vmalloc range and kernel TLB shootdown: the
 * arch side of mm/vmalloc (contract in <asm/pgtable_kernel.h>).
 *
 * Level-0 tables are installed in the master directory (init_mm_pgd())
 * under kernel_pgtable_lock, the only lock here: two areas may share a
 * 4 MiB region and race to create its table. Leaf PTEs need no lock: the
 * area allocator gives each address to one owner at a time.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/setup.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <asm/csr.h>
#include <asm/pgtable_kernel.h>
#include <asm/sbi.h>
#include <asm/tlbflush.h>

/* Longer ranges are flushed with one sfence.vma of everything. */
#define TLB_FLUSH_PAGE_LIMIT	32

static DEFINE_SPINLOCK(kernel_pgtable_lock);
static unsigned long nr_tables;		/* kernel_pgtable_lock */
static unsigned long tlb_flushes;

/*
 * Harts whose TLBs may hold kernel translations, by hart id (SBI
 * hart_mask with base 0), and each hart's own id. Only the boot hart runs
 * today; a secondary hart calls tlb_hart_online() when it starts.
 */
static unsigned long online_hart_mask;
static __thread unsigned long self_hartid;

void tlb_hart_online(unsigned long hartid)
{
	if (hartid >= 8 * sizeof(online_hart_mask)) {
		pr_err("tlb: hart %lu beyond the shootdown mask\n", hartid);
		return;
	}
	self_hartid = hartid;
	__atomic_fetch_or(&online_hart_mask, 1UL << hartid, __ATOMIC_RELEASE);
}

void kernel_pgtable_init(void)
{
	tlb_hart_online(boot.hartid);
}

/*
 * The level-0 table covering va, or NULL: absent and !alloc, or the
 * allocation failed. A megapage in the vmalloc range would be a bug.
 */
static pte_t *pte_table(unsigned long va, gfp_t gfp, bool alloc)
{
	pgd_t *pgd = &init_mm_pgd()[pgd_index(va)];
	pgd_t e = READ_ONCE(*pgd);
	unsigned long flags;
	struct page *pt;

	if (!pte_present(e)) {
		if (!alloc)
			return NULL;
		pt = alloc_page((gfp & ~__GFP_HIGHMEM) | __GFP_ZERO);
		if (!pt)
			return NULL;
		/* the zeroed table is visible before the entry naming it */
		__asm__ __volatile__("fence w,w" ::: "memory");
		spin_lock_irqsave(&kernel_pgtable_lock, flags);
		e = *pgd;
		if (!pte_present(e)) {
			e = pgd_table(PFN_PHYS(page_to_pfn(pt)));
			WRITE_ONCE(*pgd, e);
			nr_tables++;
			pt = NULL;
		}
		spin_unlock_irqrestore(&kernel_pgtable_lock, flags);
		if (pt)		/* another context installed one first */
			__free_page(pt);
	}
	if (pte_leaf(e))
		panic("pte_table: megapage at %08lx in the vmalloc range", va & PGDIR_MASK);
	return __va(PFN_PHYS(pte_pfn(e)));
}

int kernel_pgtable_prepare(unsigned long va, unsigned long size, gfp_t gfp)
{
	unsigned long end = va + size;

	for (va &= PGDIR_MASK; va < end; va += PGDIR_SIZE)
		if (!pte_table(va, gfp, true))
			return -ENOMEM;
	return 0;
}

/* Fill PTEs from va: pfn_at(i) gives the i-th frame. */
static int map_range(unsigned long va, unsigned int n, pgprot_t prot, gfp_t gfp,
		     unsigned long (*pfn_at)(const void *src, unsigned int i),
		     const void *src)
{
	unsigned int done = 0;

	while (done < n) {
		pte_t *pt = pte_table(va, gfp, true);
		unsigned int i = pte_index(va);
		unsigned int k = min(n - done, PTRS_PER_PTE - i);
		unsigned int j;

		if (!pt)
			return -ENOMEM;
		for (j = 0; j < k; j++) {
			if (pte_present(pt[i + j]))
				panic("kernel_pgtable_map: %08lx is already mapped",
				      va + j * PAGE_SIZE);
			pt[i + j] = pfn_pte(pfn_at(src, done + j), prot);
		}
		done += k;
		va += (unsigned long)k << PAGE_SHIFT;
	}
	return 0;
}

static unsigned long page_array_pfn(const void *src, unsigned int i)
{
	return page_to_pfn(((struct page *const *)src)[i]);
}

static unsigned long phys_pfn(const void *src, unsigned int i)
{
	return PFN_DOWN(*(const phys_addr_t *)src) + i;
}

int kernel_pgtable_map_pages(unsigned long va, struct page *const *pages,
			     unsigned int n, pgprot_t prot, gfp_t gfp)
{
	return map_range(va, n, prot, gfp, page_array_pfn, pages);
}

int kernel_pgtable_map_phys(unsigned long va, phys_addr_t pa, unsigned long size,
			    pgprot_t prot, gfp_t gfp)
{
	return map_range(va, size >> PAGE_SHIFT, prot, gfp, phys_pfn, &pa);
}

void kernel_pgtable_unmap(unsigned long va, unsigned long size,
			  void (*release)(unsigned long pfn, void *arg), void *arg)
{
	unsigned long end = va + size;

	while (va < end) {
		unsigned long next = min((va & PGDIR_MASK) + PGDIR_SIZE, end);
		pte_t *pt = pte_table(va, 0, false);

		for (; pt && va < next; va += PAGE_SIZE) {
			pte_t *p = &pt[pte_index(va)];
			pte_t old = *p;

			if (!pte_present(old))
				continue;
			WRITE_ONCE(*p, 0);
			if (release)
				release(pte_pfn(old), arg);
		}
		va = next;
	}
}

unsigned long kernel_pgtable_count_present(unsigned long start, unsigned long end)
{
	unsigned long va, n = 0;

	for (va = start; va < end;) {
		unsigned long next = min((va & PGDIR_MASK) + PGDIR_SIZE, end);
		pte_t *pt = pte_table(va, 0, false);

		for (; pt && va < next; va += PAGE_SIZE)
			n += pte_present(pt[pte_index(va)]);
		va = next;
	}
	return n;
}

bool kernel_pgtable_lookup(unsigned long va, unsigned long *pfn)
{
	pte_t pte = pgtable_lookup(init_mm_pgd(), va, NULL);

	if (!pte_present(pte))
		return false;
	*pfn = pte_pfn(pte);
	return true;
}

unsigned long kernel_pgtable_nr_tables(void)
{
	return READ_ONCE(nr_tables);
}

pgd_t *kernel_pgd_clone(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	pgd_t *pgd;
	unsigned int i;

	if (!page)
		return NULL;
	pgd = page_address(page);
	for (i = pgd_index(PAGE_OFFSET); i < PTRS_PER_PGD; i++)
		pgd[i] = READ_ONCE(init_mm_pgd()[i]);
	return pgd;
}

void kernel_pgd_release(pgd_t *pgd)
{
	if (pgd && pgd != init_mm_pgd())
		__free_page(virt_to_page(pgd));
}

pgd_t *kernel_pgd_switch(pgd_t *pgd)
{
	pgd_t *old = __va(PFN_PHYS(csr_read(satp) & SATP_PPN_MASK));

	csr_write(satp, SATP_MODE_SV32 | PFN_DOWN(__pa(pgd)));
	local_flush_tlb_all();
	return old;
}

/* SBI RFENCE to every other online hart; only the boot hart runs today. */
static void remote_flush(unsigned long start, unsigned long size)
{
	unsigned long others = READ_ONCE(online_hart_mask) & ~(1UL << self_hartid);
	long err;

	if (!others)
		return;
	if (!sbi.has_rfence) {
		pr_err("tlb: harts %#lx cannot be flushed: no SBI RFENCE\n", others);
		return;
	}
	err = sbi_remote_sfence_vma(others, 0, start, size);
	if (err)
		pr_err("tlb: SBI remote sfence.vma failed (%ld)\n", err);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long va;

	start &= PAGE_MASK;
	if (end <= start)
		return;
	if ((end - start) >> PAGE_SHIFT > TLB_FLUSH_PAGE_LIMIT) {
		local_flush_tlb_all();
		remote_flush(0, ~0UL);	/* size -1: the whole address space */
	} else {
		for (va = start; va < end; va += PAGE_SIZE)
			local_flush_tlb_page(va);
		remote_flush(start, end - start);
	}
	__atomic_fetch_add(&tlb_flushes, 1, __ATOMIC_RELAXED);
}

unsigned long kernel_tlb_flushes(void)
{
	return READ_ONCE(tlb_flushes);
}
