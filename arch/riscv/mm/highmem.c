// SPDX-License-Identifier: MIT
/*
 * kmap and kmap_atomic on Sv32: the persistent pool is one 4 MiB window
 * (PKMAP_BASE, its own level-0 table); the atomic slots are fixmap entries,
 * KM_MAX_NEST per CPU.
 *
 * TLB rules of the pool (Linux's kmap_high, adapted to RISC-V):
 * - A slot is reused only after its last unmapping was flushed from every
 *   hart: unused slots (count 1) are unmapped together when the pool runs
 *   out of free ones, and one flush_tlb_kernel_range() of the window (this
 *   hart and the others) covers them before any is handed out again.
 *   Linux does the same at every wrap of its cursor (flush_all_zero_pkmaps);
 *   flushing when the free slots run out, instead, keeps unused mappings
 *   for reuse longer and still flushes at most once per LAST_PKMAP new
 *   mappings.
 * - A new valid PTE can still meet a cached "invalid" translation: RISC-V
 *   lets a hart keep one (a speculative walk of the empty slot), which x86,
 *   where Linux needs no flush here, does not. kmap flushes the slot on
 *   this hart, where the caller uses the address first; on another hart
 *   the first access takes a spurious fault that the fault handler repairs
 *   with a local flush, as for vmalloc (arch/riscv/mm/fault.c). A remote
 *   shootdown on every kmap would cost an SBI call (later an IPI) per map
 *   for a fault that is rare and cheap to repair.
 */
#include <linux/bug.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/smp.h>
#include <asm/tlbflush.h>

BUILD_BUG_ON(LAST_PKMAP != PTRS_PER_PTE);
BUILD_BUG_ON(PKMAP_BASE & ~PGDIR_MASK);
BUILD_BUG_ON(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE > FIXMAP_PT_BASE);

#define PKMAP_END	(PKMAP_BASE + ((unsigned long)LAST_PKMAP << PAGE_SHIFT))

static pte_t pkmap_pt[PTRS_PER_PTE] __aligned(PAGE_SIZE);
/*
 * pkmap_count[i]: 0 = slot free (no PTE, and no hart's TLB holds its last
 * mapping), 1 = mapped but unused (a TLB may still hold it), n > 1 = n - 1
 * users. Protected by kmap_lock, which kmap and kunmap take in task
 * context only, with interrupts on (like Linux's), so the remote part of
 * flush_all_zero_pkmaps() may wait for other harts' interrupts. A kmap
 * that finds every slot used sleeps on pkmap_map_wait until a kunmap
 * leaves one unused (pkmap_wait_for_slot).
 */
static unsigned int pkmap_count[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static DEFINE_SPINLOCK(kmap_lock);
/* kmap() calls that found the pool full and slept (kmap_lock). */
static unsigned long pkmap_waits;

static __thread unsigned int kmap_atomic_depth;

void kmap_init(u32 *pgd)
{
	pgd[pgd_index(PKMAP_BASE)] = pgd_table(__pa(pkmap_pt));
}

static unsigned long pkmap_addr(unsigned int nr)
{
	return PKMAP_BASE + ((unsigned long)nr << PAGE_SHIFT);
}

/*
 * Unmap every unused slot, then flush the window from every hart's TLB
 * (flush_tlb_kernel_range: the one remote shootdown, which SMP work may
 * route through IPIs). Returns the slots freed. kmap_lock held.
 */
static unsigned int flush_all_zero_pkmaps(void)
{
	unsigned int i, freed = 0;

	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		pkmap_page[i] = NULL;
		WRITE_ONCE(pkmap_pt[i], 0);
		freed++;
	}
	if (freed)
		flush_tlb_kernel_range(PKMAP_BASE, PKMAP_END);
	return freed;
}

/* A free slot from the cursor on, or LAST_PKMAP. kmap_lock held. */
static unsigned int pkmap_free_slot(void)
{
	unsigned int n, i;

	for (n = 0; n < LAST_PKMAP; n++) {
		i = (last_pkmap_nr + n) % LAST_PKMAP;
		if (!pkmap_count[i])
			return i;
	}
	return LAST_PKMAP;
}

/* kmap() callers waiting for a slot; kunmap wakes them when a count falls to 1. */
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);

/*
 * Every slot has a user: sleep until a kunmap leaves one unused, as
 * Linux's kmap_high does on pkmap_map_wait. kmap_lock held on entry and
 * on return; it is dropped while asleep. The caller scans again.
 */
static void pkmap_wait_for_slot(void)
{
	DEFINE_WAIT(wait);

	/* on the queue before the lock goes: a kunmap after the unlock wakes us */
	prepare_to_wait(&pkmap_map_wait, &wait, TASK_UNINTERRUPTIBLE);
	spin_unlock(&kmap_lock);
	schedule();
	finish_wait(&pkmap_map_wait, &wait);
	spin_lock(&kmap_lock);
}

void *kmap(struct page *page)
{
	unsigned int i;
	void *va = page_address(page);

	if (va)
		return va;
	if (in_interrupt()) {
		pr_err("kmap: pfn %lu in interrupt context (caller %08lx): use kmap_atomic\n",
		       page_to_pfn(page), _RET_IP_);
		return NULL;
	}
	spin_lock(&kmap_lock);
	for (;;) {
		for (i = 0; i < LAST_PKMAP; i++) {
			if (pkmap_count[i] && pkmap_page[i] == page) {
				pkmap_count[i]++;
				goto out;
			}
		}
		i = pkmap_free_slot();
		if (i == LAST_PKMAP && flush_all_zero_pkmaps())
			i = pkmap_free_slot();
		if (i < LAST_PKMAP)
			break;
		pkmap_waits++;
		pkmap_wait_for_slot();
	}
	last_pkmap_nr = (i + 1) % LAST_PKMAP;
	pkmap_page[i] = page;
	WRITE_ONCE(pkmap_pt[i], pfn_pte(page_to_pfn(page), PAGE_KERNEL));
	local_flush_tlb_page(pkmap_addr(i));	/* see the top of the file */
	pkmap_count[i] = 2;
out:
	spin_unlock(&kmap_lock);
	return (void *)pkmap_addr(i);
}

void kunmap(struct page *page)
{
	unsigned int i;

	if (page_address(page))
		return;
	if (in_interrupt()) {
		pr_err("kunmap: pfn %lu in interrupt context (caller %08lx)\n",
		       page_to_pfn(page), _RET_IP_);
		return;
	}
	spin_lock(&kmap_lock);
	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] > 1 && pkmap_page[i] == page) {
			bool freed = --pkmap_count[i] == 1;

			spin_unlock(&kmap_lock);
			if (freed)	/* an unused slot: a sleeping kmap can have it */
				wake_up(&pkmap_map_wait);
			return;
		}
	}
	spin_unlock(&kmap_lock);
	pr_err("kunmap: pfn %lu is not kmapped (caller %08lx)\n",
	       page_to_pfn(page), _RET_IP_);
}

unsigned long kmap_pool_waits(void)
{
	return READ_ONCE(pkmap_waits);
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
	void *va;

	/* for lowmem too, as Linux's: the caller's section is atomic either way */
	preempt_disable();
	va = page_address(page);
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

	if (va >= FIXMAP_PT_BASE) {	/* else a lowmem address: nothing was mapped */
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
	preempt_enable();
}
