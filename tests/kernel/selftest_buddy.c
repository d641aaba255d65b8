// SPDX-License-Identifier: MIT
/*
 * selftest=buddy: the page frame allocator on the board's real memory,
 * highmem included when the board has it (-m 1G). Every case leaves the
 * allocator as it found it: the same number of free frames, per-CPU lists
 * drained, and buddy_check() clean.
 *
 * Small boards (-m 16M, -m 8M) have no free 4 MiB block once the kernel
 * and OpenSBI are placed: the cases that work on the largest block run at
 * the largest order the zone has, and those that need 4 MiB blocks skip
 * with the reason.
 */
#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/selftest.h>
#include <linux/time.h>
#include <asm/sections.h>

#include "../../mm/internal.h"
#include "buddy_frag.h"

static struct zone *zone_of(enum zone_type t)
{
	return &contig_page_data.node_zones[t];
}

/* Free frames with the per-CPU lists drained: comparable across a case. */
static unsigned long settled_free(void)
{
	drain_all_pages();
	return nr_free_pages();
}

static void expect_clean(struct selftest *t, unsigned long free_before)
{
	ST_EXPECT_EQ(t, settled_free(), free_before);
	ST_EXPECT_EQ(t, buddy_check(), 0);
}

/* Largest order with a free block in z, per-CPU lists drained; -1 if none. */
static int largest_free_order(struct zone *z)
{
	int o;

	drain_all_pages();
	for (o = MAX_PAGE_ORDER; o >= 0; o--)
		if (READ_ONCE(z->free_area[o].nr_free))
			return o;
	return -1;
}

static void orders_aligned(struct selftest *t)
{
	int top = largest_free_order(zone_of(ZONE_NORMAL));
	unsigned long before = settled_free();
	int order;

	ST_ASSERT(t, top >= 0);
	if (top < MAX_PAGE_ORDER)
		printk(KERN_RECORD "    # %s: the largest free block is order %d: larger orders not tried\n",
		       t->name, top);
	for (order = 0; order <= top; order++) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		u32 *va;

		ST_ASSERT(t, p != NULL);
		ST_EXPECT_EQ(t, page_to_pfn(p) & ((1UL << order) - 1), 0);
		ST_EXPECT(t, !PageHighMem(p));
		va = page_address(p);
		ST_ASSERT(t, va != NULL);
		va[0] = 0x5a5a0000 | order;
		va[(PAGE_SIZE << order) / 4 - 1] = order;
		ST_EXPECT_EQ(t, buddy_check(), 0);
		__free_pages(p, order);
	}
	ST_EXPECT(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_PAGE_ORDER + 1) == NULL);
	expect_clean(t, before);
}

/* Blocks of this order on the zone's free list of one migratetype. */
static unsigned long count_free(struct zone *z, unsigned int order, int mt)
{
	unsigned long flags, n = 0;
	struct list_head *pos;

	spin_lock_irqsave(&z->lock, flags);
	list_for_each(pos, &z->free_area[order].free_list[mt])
		n++;
	spin_unlock_irqrestore(&z->lock, flags);
	return n;
}

/*
 * ULK's example on live memory: with the 1 MiB and 2 MiB lists emptied
 * first, a 1 MiB request splits a 4 MiB block and leaves one 2 MiB and one
 * 1 MiB block on their lists. Boot frees memory into movable pageblocks,
 * so the example runs on the movable lists, where no fallback interferes.
 */
static void split_1m_from_4m(struct selftest *t)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_MOVABLE | __GFP_NOWARN;
	const int mt = gfp_migratetype(gfp);
	struct zone *z = zone_of(ZONE_NORMAL);
	unsigned long before = settled_free();
	struct page *held[64], *p;
	unsigned int nheld = 0;
	unsigned long n10;

	if (!z->free_area[MAX_PAGE_ORDER].nr_free)
		ST_SKIP(t, "needs a free 4 MiB block to split");
	while (nheld < ARRAY_SIZE(held) &&
	       (count_free(z, 8, mt) || count_free(z, 9, mt))) {
		unsigned int o = count_free(z, 8, mt) ? 8 : 9;

		held[nheld] = alloc_pages(gfp, o);
		if (!held[nheld])
			break;
		held[nheld++]->private = o;
	}
	n10 = count_free(z, 10, mt);
	if (count_free(z, 8, mt) || count_free(z, 9, mt) || !n10) {
		selftest_fail(t, __FILE__, __LINE__, "could not empty the 1 MiB and 2 MiB lists");
		goto out;
	}
	p = alloc_pages(gfp, 8);
	if (!p) {
		selftest_fail(t, __FILE__, __LINE__, "1 MiB allocation failed");
		goto out;
	}
	ST_EXPECT_EQ(t, count_free(z, 10, mt), n10 - 1);
	ST_EXPECT_EQ(t, count_free(z, 9, mt), 1);
	ST_EXPECT_EQ(t, count_free(z, 8, mt), 1);
	/* the freed 1 MiB merges with its 1 MiB buddy, then the 2 MiB one */
	__free_pages(p, 8);
	ST_EXPECT_EQ(t, count_free(z, 10, mt), n10);
	ST_EXPECT_EQ(t, count_free(z, 9, mt) + count_free(z, 8, mt), 0);
out:
	while (nheld--)
		__free_pages(held[nheld], held[nheld]->private);
	expect_clean(t, before);
}

/*
 * The single frames of the largest free block (1024 of a 4 MiB block on
 * boards of 32 MiB and more), freed in any order, merge back into it.
 */
static void merge_cascade(struct selftest *t)
{
	struct zone *z = zone_of(ZONE_NORMAL);
	int order = largest_free_order(z);
	unsigned long before = settled_free(), n, pfn0, i;
	struct page *block;

	ST_ASSERT(t, order > 0);
	block = alloc_pages(GFP_KERNEL, order);
	ST_ASSERT(t, block != NULL);
	n = z->free_area[order].nr_free;
	pfn0 = page_to_pfn(block);
	split_page(block, order);
	/* free odd frames first, then even: merges happen only at the end */
	for (i = 1; i < 1UL << order; i += 2)
		__free_pages(pfn_to_page(pfn0 + i), 0);
	for (i = 0; i < 1UL << order; i += 2)
		__free_pages(pfn_to_page(pfn0 + i), 0);
	drain_all_pages();
	ST_EXPECT_EQ(t, z->free_area[order].nr_free, n + 1);
	expect_clean(t, before);
}

/* Allocate order-0 frames until the allocator says no; free them all. */
static void exhaustion(struct selftest *t)
{
	unsigned long before = settled_free(), got = 0, fails_before = page_alloc_failures;
	LIST_HEAD(pages);
	struct page *p, *n;
	while ((p = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		list_add(&p->lru, &pages);
		got++;
	}
	ST_EXPECT(t, got > 0);
	ST_EXPECT(t, page_alloc_failures > fails_before);
	ST_EXPECT_EQ(t, buddy_check(), 0);
	/* GFP_ATOMIC may still dig below the min watermark */
	p = alloc_page(GFP_ATOMIC | __GFP_NOWARN);
	ST_EXPECT(t, p != NULL);
	if (p)
		__free_page(p);
	list_for_each_entry_safe(p, n, &pages, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	pr_info("buddy selftest: %lu order-0 frames allocated before failure (%lu free)\n",
		got, before);
	expect_clean(t, before);
}

static void highmem_zone(struct selftest *t)
{
	struct zone *hz = zone_of(ZONE_HIGHMEM);
	unsigned long before;
	struct page *p;
	u32 *va, *va2;

	if (!populated_zone(hz))
		ST_SKIP(t, "no high memory on this board");
	before = settled_free();
	p = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	ST_ASSERT(t, p != NULL);
	ST_EXPECT(t, PageHighMem(p));
	ST_EXPECT(t, page_address(p) == NULL);
	va = kmap(p);
	ST_ASSERT(t, va != NULL);
	ST_EXPECT(t, (unsigned long)va >= PKMAP_BASE);
	ST_EXPECT_EQ(t, va[17], 0);	/* __GFP_ZERO reached highmem */
	va[17] = 0xfeedface;
	ST_EXPECT(t, kmap(p) == va);	/* a second kmap shares the slot */
	kunmap(p);
	kunmap(p);
	va2 = kmap_atomic(p);
	ST_EXPECT_EQ(t, va2[17], 0xfeedface);
	kunmap_atomic(va2);
	__free_page(p);
	/* lowmem-only requests never get highmem */
	p = alloc_page(GFP_KERNEL);
	ST_ASSERT(t, p != NULL);
	ST_EXPECT(t, !PageHighMem(p));
	__free_page(p);
	expect_clean(t, before);
}

/* GFP_ATOMIC allocations and kmap_atomic from the timer interrupt. */
static struct {
	unsigned int runs, ok, failed, bad;
} irq_stats;

static void irq_alloc_hook(void *arg)
{
	unsigned int order = irq_stats.runs++ % 3;
	struct page *p = alloc_pages(GFP_ATOMIC | (order ? 0 : __GFP_HIGHMEM), order);
	u32 *va;

	if (!p) {
		irq_stats.failed++;
		return;
	}
	va = kmap_atomic(p);
	va[0] = irq_stats.runs;
	if (va[0] != irq_stats.runs)
		irq_stats.bad++;
	kunmap_atomic(va);
	__free_pages(p, order);
	irq_stats.ok++;
}

static void atomic_from_irq(struct selftest *t)
{
	struct tick_hook hook = { .fn = irq_alloc_hook, .period = 1 };
	unsigned long before = settled_free();
	u64 end = ktime_get_ns() + 100 * NSEC_PER_MSEC;

	memset(&irq_stats, 0, sizeof(irq_stats));
	tick_hook_register(&hook);
	while (ktime_get_ns() < end)
		__asm__ __volatile__("wfi");
	tick_hook_unregister(&hook);
	ST_EXPECT(t, irq_stats.runs >= 5);
	ST_EXPECT_EQ(t, irq_stats.ok, irq_stats.runs);
	ST_EXPECT_EQ(t, irq_stats.failed, 0);
	ST_EXPECT_EQ(t, irq_stats.bad, 0);
	expect_clean(t, before);
}

/* Bad frees are reported and refused; the free lists stay intact. */
static void bad_frees(struct selftest *t)
{
	unsigned long before = settled_free(), bad0 = page_alloc_bad_frees;
	struct page *p;

	ST_EXPECT_ERRORS(t, "wrong order", "double free", "free of a reserved frame",
			 "address 0x1234 is not a page frame", "is not a page frame");
	p = alloc_pages(GFP_KERNEL, 2);
	ST_ASSERT(t, p != NULL);
	__free_pages(p, 1);			/* wrong order: refused */
	ST_EXPECT_EQ(t, page_alloc_bad_frees, bad0 + 1);
	ST_EXPECT_EQ(t, buddy_check(), 0);
	__free_pages(p, 2);
	__free_pages(p, 2);			/* double free */
	ST_EXPECT_EQ(t, page_alloc_bad_frees, bad0 + 2);
	__free_pages(virt_to_page(_stext), 0);	/* a reserved frame */
	ST_EXPECT_EQ(t, page_alloc_bad_frees, bad0 + 3);
	free_pages(0x1234, 0);			/* not a frame */
	ST_EXPECT_EQ(t, page_alloc_bad_frees, bad0 + 4);
	free_pages((unsigned long)page_address(p) + 8, 0);	/* not page-aligned */
	ST_EXPECT_EQ(t, page_alloc_bad_frees, bad0 + 5);
	expect_clean(t, before);
}

static void poison_catches_use_after_free(struct selftest *t)
{
	unsigned long before, errs;
	struct page *p, *q;
	u8 *va;

	if (!page_alloc_debug)
		ST_SKIP(t, "page_poison is off");
	ST_EXPECT_ERRORS(t, "Bad page poison: pfn");
	before = settled_free();
	errs = page_alloc_poison_errors;
	p = alloc_page(GFP_KERNEL);
	ST_ASSERT(t, p != NULL);
	va = page_address(p);
	__free_page(p);
	ST_EXPECT_EQ(t, va[100], PAGE_POISON);
	va[100] = 0x42;				/* the planted use after free */
	q = alloc_page(GFP_KERNEL);		/* per-CPU list: the same frame */
	ST_ASSERT(t, q != NULL);
	ST_EXPECT(t, q == p);
	ST_EXPECT_EQ(t, page_alloc_poison_errors, errs + 1);
	__free_page(q);
	expect_clean(t, before);
}

static void zeroed_pages(struct selftest *t)
{
	unsigned long before = settled_free();
	unsigned long addr = __get_free_page(GFP_KERNEL);
	unsigned int i;
	u32 *w;

	ST_ASSERT(t, addr != 0);
	memset((void *)addr, 0xee, PAGE_SIZE);
	free_page(addr);
	addr = get_zeroed_page(GFP_KERNEL);
	ST_ASSERT(t, addr != 0);
	for (i = 0, w = (u32 *)addr; i < PAGE_SIZE / 4; i++)
		if (w[i])
			break;
	ST_EXPECT_EQ(t, i, PAGE_SIZE / 4);
	free_page(addr);
	w = alloc_pages_exact(5 * PAGE_SIZE, GFP_KERNEL | __GFP_ZERO);
	ST_ASSERT(t, w != NULL);
	ST_EXPECT_EQ(t, w[5 * PAGE_SIZE / 4 - 1], 0);
	free_pages_exact(w, 5 * PAGE_SIZE);
	expect_clean(t, before);
}

/*
 * Frames of one zone counted from the structures themselves, never from
 * the counters they are compared with: the free lists, every CPU's lists,
 * and a walk of mem_map that classifies each frame by its state (a free
 * block's head stands for 2^order frames, so does an allocated head), with
 * memblock saying which frames are RAM at all.
 */
struct zone_census {
	unsigned long list_blocks[NR_PAGE_ORDERS];	/* on the free lists */
	unsigned long list_free;	/* frames in those blocks */
	unsigned long list_pcp;		/* frames on the per-CPU lists */
	unsigned long map_blocks[NR_PAGE_ORDERS];	/* PG_buddy heads */
	unsigned long map_free;		/* frames in PG_buddy blocks */
	unsigned long map_pcp;		/* PG_pcp frames */
	unsigned long map_used;		/* frames in PG_head blocks */
	unsigned long map_reserved;	/* PG_reserved RAM frames */
	unsigned long holes;		/* frames of the span that are not RAM */
	unsigned long ram;		/* frames of the span that are RAM */
	unsigned long stray;		/* frames in no state, or a hole in use */
};

static void count_lists(const struct zone *z, struct zone_census *c)
{
	unsigned int o, mt, cpu;
	struct list_head *pos;

	for (o = 0; o < NR_PAGE_ORDERS; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			list_for_each(pos, &z->free_area[o].free_list[mt]) {
				c->list_blocks[o]++;
				c->list_free += 1UL << o;
			}
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		for (mt = 0; mt <= MIGRATE_PCPTYPES; mt++)
			list_for_each(pos, &z->pcp[cpu].lists[mt])
				c->list_pcp++;
}

static void count_mem_map(const struct zone *z, struct zone_census *c)
{
	unsigned long pfn = z->zone_start_pfn, end = zone_end_pfn(z);

	while (pfn < end) {
		const struct page *p;
		unsigned long order = 0;

		/* A hole between sections has no descriptor (mm/sparse.c). */
		if (!pfn_valid(pfn)) {
			c->holes++;
			if (memblock_is_memory(PFN_PHYS(pfn)))
				c->stray++;
			pfn++;
			continue;
		}
		p = pfn_to_page(pfn);
		if (!memblock_is_memory(PFN_PHYS(pfn))) {
			c->holes++;
			if (!PageReserved(p))
				c->stray++;
		} else if (PageBuddy(p)) {
			order = p->private;
		} else if (PagePcp(p)) {
			c->map_pcp++;
		} else if (PageReserved(p)) {
			c->map_reserved++;
		} else if (PageHead(p)) {
			order = (p->flags & PAGE_ORDER_MASK) >> PAGE_ORDER_SHIFT;
		} else {
			c->stray++;
		}
		if (order > MAX_PAGE_ORDER || pfn + (1UL << order) > end) {
			c->stray++;
			order = 0;
		} else if (PageBuddy(p)) {
			c->map_blocks[order]++;
			c->map_free += 1UL << order;
		} else if (PageHead(p)) {
			c->map_used += 1UL << order;
		}
		if (memblock_is_memory(PFN_PHYS(pfn)))
			c->ram += 1UL << order;
		pfn += 1UL << order;
	}
}

/*
 * Frame accounting, counted independently: per zone the lists and mem_map
 * agree with nr_free, free_pages, the pcp counts, managed_pages and
 * present_pages, and page_alloc_totals() with the sums.
 */
static void accounting(struct selftest *t)
{
	unsigned long ram = 0, free = 0, pcp = 0, used = 0, reserved = 0, managed = 0;
	struct page_totals tot;
	unsigned long flags;
	struct zone *z;
	unsigned int o;

	local_irq_save(flags);	/* nothing allocates while the zones are counted */
	for_each_zone(z) {
		struct zone_census c = { 0 };

		if (!z->spanned_pages)
			continue;
		spin_lock(&z->lock);
		count_lists(z, &c);
		count_mem_map(z, &c);
		for (o = 0; o < NR_PAGE_ORDERS; o++) {
			ST_EXPECT_EQ(t, c.list_blocks[o], z->free_area[o].nr_free);
			ST_EXPECT_EQ(t, c.map_blocks[o], c.list_blocks[o]);
		}
		ST_EXPECT_EQ(t, c.list_free, z->free_pages);
		ST_EXPECT_EQ(t, c.map_free, c.list_free);
		ST_EXPECT_EQ(t, c.list_pcp, zone_pcp_pages(z));
		ST_EXPECT_EQ(t, c.map_pcp, c.list_pcp);
		ST_EXPECT_EQ(t, c.stray, 0);
		ST_EXPECT_EQ(t, c.ram + c.holes, z->spanned_pages);
		ST_EXPECT_EQ(t, c.ram, z->present_pages);
		ST_EXPECT_EQ(t, c.map_free + c.map_pcp + c.map_used, z->managed_pages);
		ST_EXPECT_EQ(t, c.map_reserved, z->present_pages - z->managed_pages);
		spin_unlock(&z->lock);
		ram += c.ram;
		free += c.map_free;
		pcp += c.map_pcp;
		used += c.map_used;
		reserved += c.map_reserved;
		managed += c.map_free + c.map_pcp + c.map_used;
	}
	page_alloc_totals(&tot);
	local_irq_restore(flags);
	ST_EXPECT_EQ(t, tot.total, ram);
	ST_EXPECT_EQ(t, tot.managed, managed);
	ST_EXPECT_EQ(t, tot.free, free);
	ST_EXPECT_EQ(t, tot.pcp, pcp);
	ST_EXPECT_EQ(t, tot.used, used);
	ST_EXPECT_EQ(t, tot.reserved, reserved);
	ST_EXPECT(t, used > 0 && reserved > 0 && free > 0);
	ST_EXPECT_EQ(t, buddy_check(), 0);
}

/*
 * The fragmentation scenario with grouping by mobility on and off: grouping
 * must leave clearly more order-10 blocks allocatable.
 */
static void frag_grouping(struct selftest *t)
{
	bool saved = page_group_by_mobility_disabled;
	unsigned long before = settled_free();
	struct frag_result on, off;
	int err;

	page_group_by_mobility_disabled = false;
	err = buddy_frag_scenario(&on);
	if (err == -ENOMEM) {
		page_group_by_mobility_disabled = saved;
		ST_SKIP(t, "needs 4 free pageblocks (16 MiB) in ZONE_NORMAL");
	}
	ST_ASSERT(t, err == 0);
	page_group_by_mobility_disabled = true;
	err = buddy_frag_scenario(&off);
	page_group_by_mobility_disabled = saved;
	ST_ASSERT(t, err == 0);
	pr_record("frag", "grouping=on unmovable=%lu movable=%lu free=%lu order10_blocks=%lu unusable_index=%u.%03u",
		  on.unmovable, on.movable, on.free_pages, on.order10_blocks,
		  on.unusable_index / 1000, on.unusable_index % 1000);
	pr_record("frag", "grouping=off unmovable=%lu movable=%lu free=%lu order10_blocks=%lu unusable_index=%u.%03u",
		  off.unmovable, off.movable, off.free_pages, off.order10_blocks,
		  off.unusable_index / 1000, off.unusable_index % 1000);
	ST_EXPECT(t, on.order10_blocks > 2 * off.order10_blocks);
	ST_EXPECT(t, on.unusable_index < off.unusable_index);
	expect_clean(t, before);
}

static const struct selftest_case buddy_cases[] = {
	{ "orders_aligned", orders_aligned },
	{ "split_1m_from_4m", split_1m_from_4m },
	{ "merge_cascade", merge_cascade },
	{ "exhaustion", exhaustion },
	{ "highmem_zone", highmem_zone },
	{ "atomic_from_irq", atomic_from_irq },
	{ "bad_frees", bad_frees },
	{ "poison_catches_use_after_free", poison_catches_use_after_free },
	{ "zeroed_pages", zeroed_pages },
	{ "accounting", accounting },
	{ "frag_grouping", frag_grouping },
};
SELFTEST_SUITE(buddy_suite, "buddy", buddy_cases);
