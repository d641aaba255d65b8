// SPDX-License-Identifier: MIT
/*
 * kmap and kmap_atomic on Sv32: the persistent pool is one 4 MiB window
 * (PKMAP_BASE, its own level-0 table); the atomic slots are fixmap entries,
 * KM_MAX_NEST per CPU.
 */
#include <linux/bug.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/smp.h>
#include <asm/tlbflush.h>

BUILD_BUG_ON(LAST_PKMAP != PTRS_PER_PTE);
BUILD_BUG_ON(PKMAP_BASE & ~PGDIR_MASK);
BUILD_BUG_ON(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE > FIXMAP_PT_BASE);

static pte_t pkmap_pt[PTRS_PER_PTE] __aligned(PAGE_SIZE);
/*
 * pkmap_count[i]: 0 = slot free (no mapping), 1 = mapped but unused (the
 * TLB may still hold it), n > 1 = n - 1 users. Protected by kmap_lock.
 */
static unsigned int pkmap_count[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static DEFINE_SPINLOCK(kmap_lock);

static __thread unsigned int kmap_atomic_depth;

void kmap_init(u32 *pgd)
{
	pgd[pgd_index(PKMAP_BASE)] = pgd_table(__pa(pkmap_pt));
}

static unsigned long pkmap_addr(unsigned int nr)
{
	return PKMAP_BASE + ((unsigned long)nr << PAGE_SHIFT);
}

/* Unmap every unused slot with a single TLB flush. kmap_lock held. */
static void flush_all_zero_pkmaps(void)
{
	unsigned int i;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		pkmap_page[i] = NULL;
		pkmap_pt[i] = 0;
	}
	local_flush_tlb_all();
}

void *kmap(struct page *page)
{
	unsigned long flags;
	unsigned int i, tries;
	void *va = page_address(page);

	if (va)
		return va;
	spin_lock_irqsave(&kmap_lock, flags);
	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] && pkmap_page[i] == page) {
			pkmap_count[i]++;
			goto out;
		}
	}
	for (tries = 0; tries < 2; tries++) {
		unsigned int n;

		for (n = 0; n < LAST_PKMAP; n++) {
			i = (last_pkmap_nr + n) % LAST_PKMAP;
			if (!pkmap_count[i])
				goto map;
		}
		flush_all_zero_pkmaps();
	}
	spin_unlock_irqrestore(&kmap_lock, flags);
	pr_err("kmap: all %u slots in use\n", LAST_PKMAP);
	return NULL;
map:
	last_pkmap_nr = (i + 1) % LAST_PKMAP;
	pkmap_page[i] = page;
	pkmap_pt[i] = pfn_pte(page_to_pfn(page), PAGE_KERNEL);
	pkmap_count[i] = 2;
out:
	spin_unlock_irqrestore(&kmap_lock, flags);
	return (void *)pkmap_addr(i);
}

void kunmap(struct page *page)
{
	unsigned long flags;
	unsigned int i;

	if (page_address(page))
		return;
	spin_lock_irqsave(&kmap_lock, flags);
	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] > 1 && pkmap_page[i] == page) {
			pkmap_count[i]--;
			spin_unlock_irqrestore(&kmap_lock, flags);
			return;
		}
	}
	spin_unlock_irqrestore(&kmap_lock, flags);
	pr_err("kunmap: pfn %lu is not kmapped (caller %08lx)\n",
	       page_to_pfn(page), _RET_IP_);
}

unsigned int kmap_pool_mapped(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < LAST_PKMAP; i++)
		n += pkmap_count[i] != 0;
	return n;
}

static enum fixed_addresses kmap_atomic_slot(unsigned int depth)
{
	return FIX_KMAP_BEGIN + smp_processor_id() * KM_MAX_NEST + depth;
}

void *kmap_atomic(struct page *page)
{
	unsigned long flags;
	enum fixed_addresses idx;
	void *va = page_address(page);

	if (va)
		return va;
	local_irq_save(flags);
	if (kmap_atomic_depth >= KM_MAX_NEST) {
		local_irq_restore(flags);
		panic("kmap_atomic: nested deeper than %d", KM_MAX_NEST);
	}
	idx = kmap_atomic_slot(kmap_atomic_depth++);
	__set_fixmap(idx, PFN_PHYS(page_to_pfn(page)), PAGE_KERNEL);
	local_irq_restore(flags);
	return (void *)__fix_to_virt(idx);
}

void kunmap_atomic(void *addr)
{
	unsigned long va = (unsigned long)addr & PAGE_MASK;
	unsigned long flags;
	enum fixed_addresses idx;

	if (va < FIXMAP_PT_BASE)	/* a lowmem address: nothing was mapped */
		return;
	local_irq_save(flags);
	if (!kmap_atomic_depth ||
	    va != __fix_to_virt(kmap_atomic_slot(kmap_atomic_depth - 1))) {
		local_irq_restore(flags);
		panic("kunmap_atomic: %08lx is not the innermost atomic kmap", va);
	}
	idx = kmap_atomic_slot(--kmap_atomic_depth);
	__set_fixmap(idx, 0, 0);
	local_irq_restore(flags);
}
