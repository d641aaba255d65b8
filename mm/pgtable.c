// SPDX-License-Identifier: MIT
/*
 * The page table walker (contract in <linux/pgtable.h>): the one piece of
 * code that walks, allocates, fills and frees page tables, for the kernel
 * (init_mm: the vmalloc range) and for user address spaces, over the arch
 * primitives of <asm/pgtable.h>. The host tests compile this file over
 * the same primitives; only the TLB flushes are stood in for.
 *
 * Two kinds of tables:
 *   kernel (init_mm)  level-0 tables installed under kernel_pgtable_lock
 *                     (irq-safe: vmalloc(GFP_ATOMIC) maps from interrupt
 *                     context) and never freed, because every user page
 *                     directory copied swapper_pg_dir's kernel half and may
 *                     name them; leaf entries have one owner per address
 *                     (the vmalloc area allocator), so the walk takes no lock
 *   user              level-0 tables and every entry under
 *                     mm->page_table_lock (never taken from interrupt
 *                     context); tables left with only pte_none entries are
 *                     freed by free_pgtables_range after the zap
 *
 * Accounting (pgtable_check() re-derives it for a user mm):
 *   mm->nr_ptes == level-0 tables named by the level-1 entries of the
 *   user part (for init_mm: the tables this walker installed)
 *   NR_PAGETABLE == sum of nr_ptes over init_mm and every user mm
 *
 * Why free_pgtables_range scans a table instead of keeping a count of
 * its non-none entries (say, in the table's struct page): entries are
 * written by whoever holds a ptep, with set_pte_at/ptep_get_and_clear,
 * arch primitives that know nothing of the table's descriptor; a count
 * would have to be kept right by every one of them and by the fault, zap,
 * copy, mprotect and mremap paths, where one slip leaks or frees a live
 * table. The scan reads 4 KiB only for tables in the range just zapped,
 * which is small beside the zap that emptied them.
 */
#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>
#include <asm/tlbflush.h>

#include "internal.h"

/* Installs level-0 tables in swapper_pg_dir. */
static DEFINE_SPINLOCK(kernel_pgtable_lock);

/*
 * Linux's protection_map, riscv's values: indexed by VM_READ, VM_WRITE,
 * VM_EXEC and VM_SHARED. Private writable mappings are read-only until
 * their write fault (PAGE_COPY*), shared ones writable (PAGE_SHARED*).
 */
static const pgprot_t protection_map[16] = {
	[VM_NONE]					= PAGE_NONE,
	[VM_READ]					= PAGE_READ,
	[VM_WRITE]					= PAGE_COPY,
	[VM_WRITE | VM_READ]				= PAGE_COPY,
	[VM_EXEC]					= PAGE_EXEC,
	[VM_EXEC | VM_READ]				= PAGE_READ_EXEC,
	[VM_EXEC | VM_WRITE]				= PAGE_COPY_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ]			= PAGE_COPY_EXEC,
	[VM_SHARED]					= PAGE_NONE,
	[VM_SHARED | VM_READ]				= PAGE_READ,
	[VM_SHARED | VM_WRITE]				= PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ]		= PAGE_SHARED,
	[VM_SHARED | VM_EXEC]				= PAGE_EXEC,
	[VM_SHARED | VM_EXEC | VM_READ]			= PAGE_READ_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE]		= PAGE_SHARED_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ]	= PAGE_SHARED_EXEC,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

int ptep_set_access_flags(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			  pte_t entry, int dirty)
{
	if (pte_same(ptep_get(ptep), entry))
		return 0;
	set_pte_at(vma->vm_mm, addr, ptep, entry);
	local_flush_tlb_page(addr);
	return 1;
}

static bool is_kernel_mm(const struct mm_struct *mm)
{
	return mm == &init_mm;
}

/* The end of the level-1 slot holding addr, or end if that comes first. */
static unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

pte_t *pte_offset_map(pgd_t *pgd, unsigned long addr)
{
	pgd_t e = READ_ONCE(*pgd);

	if (pgd_none(e) || pgd_bad(e))
		return NULL;
	return pgd_page_vaddr(e) + pte_index(addr);
}

int __pte_alloc(struct mm_struct *mm, pgd_t *pgd, gfp_t gfp)
{
	struct page *pt = alloc_page((gfp & ~__GFP_HIGHMEM) | __GFP_ZERO);
	unsigned long flags = 0;
	bool installed = false;

	if (!pt)
		return -ENOMEM;
	/* the zeroed table is visible before the entry naming it */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	if (is_kernel_mm(mm))
		spin_lock_irqsave(&kernel_pgtable_lock, flags);
	else
		spin_lock(&mm->page_table_lock);
	if (pgd_none(*pgd)) {
		set_pgd(pgd, pgd_table(PFN_PHYS(page_to_pfn(pt))));
		mm->nr_ptes++;
		installed = true;
	}
	if (is_kernel_mm(mm))
		spin_unlock_irqrestore(&kernel_pgtable_lock, flags);
	else
		spin_unlock(&mm->page_table_lock);
	if (installed)
		mod_node_page_state(&contig_page_data, NR_PAGETABLE, 1);
	else		/* another context installed one first */
		__free_page(pt);
	return 0;
}

pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);

	if (pgd_none(READ_ONCE(*pgd)) && __pte_alloc(mm, pgd, GFP_KERNEL))
		return NULL;
	return pte_offset_map(pgd, addr);
}

pte_t *pte_offset_map_lock(struct mm_struct *mm, unsigned long addr, spinlock_t **ptlp)
{
	spinlock_t *ptl = &mm->page_table_lock;
	pte_t *pte;

	spin_lock(ptl);
	pte = pte_offset_map(pgd_offset(mm, addr), addr);
	if (!pte) {
		spin_unlock(ptl);
		return NULL;
	}
	*ptlp = ptl;
	return pte;
}

void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl)
{
	spin_unlock(ptl);
}

/*
 * A user mm owns only the user part of its directory: the kernel half is
 * swapper_pg_dir's, shared by copy, and must never get a table of its own.
 */
static bool range_ok(struct mm_struct *mm, unsigned long addr, unsigned long size,
		     const char *who)
{
	unsigned long end = addr + size;

	if ((addr | size) & ~PAGE_MASK || end - 1 < addr ||
	    (!is_kernel_mm(mm) && end > TASK_SIZE)) {
		pr_err("%s: bad range %08lx+%lx\n", who, addr, size);
		return false;
	}
	return true;
}

/*
 * The walk behind apply_to_page_range (create) and
 * apply_to_existing_page_range: one level-1 slot at a time, a user mm's
 * lock held while fn runs over the slot's entries. A table may vanish
 * between its allocation and the lock (the zap freeing it): then the slot
 * is tried again.
 */
static int apply_range(struct mm_struct *mm, unsigned long addr, unsigned long size,
		       pte_fn_t fn, void *data, gfp_t gfp, bool create, const char *who)
{
	unsigned long end = addr + size, next;
	int err = 0;

	if (!size)
		return 0;
	if (!range_ok(mm, addr, size, who))
		return -EINVAL;
	do {
		pgd_t *pgd = pgd_offset(mm, addr);
		pgd_t e;
		pte_t *pte;

		next = pgd_addr_end(addr, end);
retry:
		e = READ_ONCE(*pgd);
		if (pgd_none(e)) {
			if (!create)
				continue;
			err = __pte_alloc(mm, pgd, gfp);
			if (err)
				return err;
			e = READ_ONCE(*pgd);
		}
		if (pgd_bad(e)) {
			pr_err("%s: %08lx: level-1 entry %08x is not a table\n", who, addr, e);
			return -EINVAL;
		}
		if (!is_kernel_mm(mm))
			spin_lock(&mm->page_table_lock);
		pte = pte_offset_map(pgd, addr);
		if (!pte) {
			if (!is_kernel_mm(mm))
				spin_unlock(&mm->page_table_lock);
			if (create)
				goto retry;
			continue;
		}
		for (; addr != next; addr += PAGE_SIZE, pte++) {
			err = fn(pte, addr, data);
			if (err)
				break;
		}
		if (!is_kernel_mm(mm))
			spin_unlock(&mm->page_table_lock);
		if (err)
			return err;
	} while (addr = next, addr != end);
	return 0;
}

int apply_to_page_range(struct mm_struct *mm, unsigned long addr, unsigned long size,
			pte_fn_t fn, void *data, gfp_t gfp)
{
	return apply_range(mm, addr, size, fn, data, gfp, true, "apply_to_page_range");
}

int apply_to_existing_page_range(struct mm_struct *mm, unsigned long addr,
				 unsigned long size, pte_fn_t fn, void *data)
{
	return apply_range(mm, addr, size, fn, data, 0, false,
			   "apply_to_existing_page_range");
}

/*
 * Entries are scanned in blocks of PTE_SCAN_BLOCK: one memcmp with a
 * zero block tells an empty block (most of a sparse table) from one to
 * count entry by entry. The checks scan every table of the vmalloc range.
 */
#define PTE_SCAN_BLOCK	64

static const pte_t zero_block[PTE_SCAN_BLOCK];

static bool block_none(const pte_t *p)
{
	return !memcmp(p, zero_block, sizeof(zero_block));
}

static bool table_empty(const pte_t *table)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i += PTE_SCAN_BLOCK)
		if (!block_none(table + i))
			return false;
	return true;
}

/* Non-none entries among the n from pte on. */
static unsigned long count_ptes(const pte_t *pte, unsigned long n)
{
	unsigned long count = 0;

	while (n) {
		if (!((unsigned long)pte & (PTE_SCAN_BLOCK * sizeof(pte_t) - 1)) &&
		    n >= PTE_SCAN_BLOCK && block_none(pte)) {
			pte += PTE_SCAN_BLOCK;
			n -= PTE_SCAN_BLOCK;
			continue;
		}
		count += !pte_none(ptep_get((pte_t *)pte));
		pte++;
		n--;
	}
	return count;
}

void free_pgtables_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct page *page, *tmp;
	unsigned long addr, n = 0;
	LIST_HEAD(freed);

	if (is_kernel_mm(mm))		/* kernel tables are never freed */
		return;
	end = min(end, TASK_SIZE);
	spin_lock(&mm->page_table_lock);
	for (addr = start & PGDIR_MASK; addr < end; addr += PGDIR_SIZE) {
		pgd_t *pgd = pgd_offset(mm, addr);
		pgd_t e = *pgd;

		if (pgd_none(e) || pgd_bad(e) || !table_empty(pgd_page_vaddr(e)))
			continue;
		pgd_clear(pgd);
		mm->nr_ptes--;
		list_add(&pfn_to_page(pgd_pfn(e))->lru, &freed);
		n++;
	}
	spin_unlock(&mm->page_table_lock);
	if (!n)
		return;
	/* a hart may cache the level-1 entries just cleared */
	flush_tlb_mm(mm);
	list_for_each_entry_safe(page, tmp, &freed, lru) {
		list_del_init(&page->lru);
		__free_page(page);
	}
	mod_node_page_state(&contig_page_data, NR_PAGETABLE, -(long)n);
}

unsigned long pgtable_count_present(struct mm_struct *mm, unsigned long start,
				    unsigned long end)
{
	unsigned long addr, next, n = 0;

	if (!is_kernel_mm(mm))
		end = min(end, TASK_SIZE);
	for (addr = start & PAGE_MASK; addr < end; addr = next) {
		pte_t *pte;

		next = pgd_addr_end(addr, end);
		if (!is_kernel_mm(mm))
			spin_lock(&mm->page_table_lock);
		pte = pte_offset_map(pgd_offset(mm, addr), addr);
		if (pte)
			n += count_ptes(pte, (next - addr) >> PAGE_SHIFT);
		if (!is_kernel_mm(mm))
			spin_unlock(&mm->page_table_lock);
	}
	return n;
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	unsigned int i;
	pgd_t *pgd;

	if (!page)
		return NULL;
	pgd = page_address(page);
	/* entries added to the master later reach pgd through the vmalloc fault */
	for (i = pgd_index(PAGE_OFFSET); i < PTRS_PER_PGD; i++)
		pgd[i] = READ_ONCE(init_mm.pgd[i]);
	return pgd;
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	unsigned int i;

	if (!pgd || pgd == init_mm.pgd)
		return;
	for (i = 0; i < pgd_index(TASK_SIZE); i++)
		if (!pgd_none(pgd[i]))
			pr_err("pgd_free: user entry %u (%08x) still set: its table leaks\n",
			       i, pgd[i]);
	__free_page(virt_to_page(pgd));
}

/* ---- checker ------------------------------------------------------------------ */

/* One user leaf entry breaks a rule of <asm/pgtable.h>: what, or NULL. */
static const char *bad_user_pte(pte_t pte)
{
	if (pte_none(pte))
		return NULL;
	if (!pte_present(pte))
		return "neither valid nor PROT_NONE";
	if (pte_global(pte))
		return "global";
	if (!pte_user(pte))
		return "without U";
	if (pte_write(pte) && !pte_read(pte))
		return "W without R";
	if ((pte & _PAGE_VALID) && !pte_leaf(pte))
		return "valid without R, W or X";
	return NULL;
}

int pgtable_check(struct mm_struct *mm)
{
	unsigned long tables = 0, errs = 0;
	unsigned int i, j;

	if (is_kernel_mm(mm))
		return 0;
	spin_lock(&mm->page_table_lock);
	for (i = 0; i < pgd_index(TASK_SIZE); i++) {
		pgd_t e = mm->pgd[i];
		const pte_t *table;

		if (pgd_none(e))
			continue;
		if (pgd_bad(e)) {
			pr_err("pgtable_check: user entry %u (%08x) is not a table\n", i, e);
			errs++;
			continue;
		}
		tables++;
		table = pgd_page_vaddr(e);
		for (j = 0; j < PTRS_PER_PTE; j++) {
			const char *why = bad_user_pte(table[j]);

			if (why && errs++ < 8)
				pr_err("pgtable_check: PTE %08x at %08lx is %s\n", table[j],
				       ((unsigned long)i << PGDIR_SHIFT) |
				       ((unsigned long)j << PAGE_SHIFT), why);
		}
	}
	if (tables != mm->nr_ptes) {
		pr_err("pgtable_check: %lu level-0 tables, nr_ptes says %lu\n", tables,
		       mm->nr_ptes);
		errs++;
	}
	for (i = pgd_index(PAGE_OFFSET); i < PTRS_PER_PGD; i++) {
		pgd_t e = mm->pgd[i], k = READ_ONCE(init_mm.pgd[i]);

		/* the kernel half is the master's or not yet synced from it */
		if (!pgd_none(e) && e != k) {
			pr_err("pgtable_check: kernel entry %u is %08x, the master's %08x\n",
			       i, e, k);
			errs++;
		}
	}
	spin_unlock(&mm->page_table_lock);
	return errs ? -EFAULT : 0;
}
