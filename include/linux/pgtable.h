/* SPDX-License-Identifier: MIT */
/*
 * The page table walker (mm/pgtable.c): the one piece of code that walks,
 * allocates, fills and frees page tables, for the kernel (init_mm: the
 * vmalloc range) and for user address spaces alike, over the narrow arch
 * primitives of <asm/pgtable.h> (entry types and bits, set/clear, flush).
 * The host tests run this same file over the same primitives.
 *
 * Sv32 has two levels: the page directory (pgd, level 1, 1024 entries of
 * 4 MiB) and level-0 tables (pte, 1024 entries of 4 KiB pages). Level-0
 * tables are lowmem frames from the buddy allocator, zeroed, reached
 * through the linear map, counted in NR_PAGETABLE (meminfo PageTables,
 * vmstat nr_page_table_pages) and, for a user mm, in mm->nr_ptes.
 *
 * Locking. A user mm's entries change under mm->page_table_lock (spin_lock:
 * never taken from interrupt context); the callbacks below run with it
 * held. The kernel's (init_mm) leaf entries have one owner per address
 * (the vmalloc area allocator), so only installing a level-0 table takes
 * a lock; kernel tables are never freed, because page directories copied
 * from swapper_pg_dir may name them.
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/types.h>
#include <asm/pgtable.h>

/* The level-1 entry that maps addr in mm. */
static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	return mm->pgd + pgd_index(addr);
}

#define pgd_offset_k(addr)	pgd_offset(&init_mm, (addr))

/*
 * The level-0 entry for addr in the table that *pgd names (present, not a
 * leaf), or NULL when there is no table.
 */
pte_t *pte_offset_map(pgd_t *pgd, unsigned long addr);

/*
 * Install a zeroed level-0 table (alloc_page(gfp) from lowmem) in *pgd if
 * it has none; another context winning the race is not an error. 0, or
 * -ENOMEM with nothing changed.
 */
int __pte_alloc(struct mm_struct *mm, pgd_t *pgd, gfp_t gfp);

/* The entry for addr in mm, allocating its table (GFP_KERNEL); NULL on -ENOMEM. */
pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr);

/*
 * The entry for addr in a user mm with mm->page_table_lock taken (*ptlp
 * says which lock to give back to pte_unmap_unlock), or NULL, unlocked,
 * when addr has no level-0 table.
 */
pte_t *pte_offset_map_lock(struct mm_struct *mm, unsigned long addr, spinlock_t **ptlp);
void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl);

/*
 * Call fn(pte, addr, data) for every entry of [addr, addr + size) (page
 * aligned) in mm, in address order; fn returns 0 to go on or a negative
 * errno, which stops the walk and is returned. apply_to_page_range
 * allocates the missing level-0 tables (gfp; -ENOMEM stops it, the
 * entries before left as fn made them); apply_to_existing_page_range
 * skips the parts without a table. For a user mm fn runs with
 * mm->page_table_lock held.
 */
typedef int (*pte_fn_t)(pte_t *pte, unsigned long addr, void *data);
int apply_to_page_range(struct mm_struct *mm, unsigned long addr, unsigned long size,
			pte_fn_t fn, void *data, gfp_t gfp);
int apply_to_existing_page_range(struct mm_struct *mm, unsigned long addr,
				 unsigned long size, pte_fn_t fn, void *data);

/*
 * Free the level-0 tables of a user mm that lie in [start, end) rounded
 * out to whole tables and hold no entry other than pte_none: their
 * level-1 entries are cleared, the mm's TLB flushed, the frames freed and
 * uncounted. The zap (munmap, exit) calls it for the range it emptied.
 */
void free_pgtables_range(struct mm_struct *mm, unsigned long start, unsigned long end);

/* Non-none entries in [start, end) of mm (checks and tests). */
unsigned long pgtable_count_present(struct mm_struct *mm, unsigned long start,
				    unsigned long end);

/*
 * A user mm's page directory: a zeroed lowmem frame whose kernel half
 * (PAGE_OFFSET and up) is copied from swapper_pg_dir; NULL when out of
 * memory. pgd_free gives it back; the user half must be empty by then.
 */
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, pgd_t *pgd);

#endif /* _LINUX_PGTABLE_H */
