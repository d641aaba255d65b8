// SPDX-License-Identifier: MIT
/*
 * buddy_check(): re-derives every invariant written at struct zone
 * (include/linux/mmzone.h) from mem_map and the lists, never from the
 * counters it compares them with, and reports each broken one (a few per
 * call, so that one corruption cannot flood the log). The self-tests call
 * it after their steps, the host tests and fuzzers after every operation.
 */
#define pr_fmt(fmt) "page_alloc: " fmt

#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "internal.h"

/* Reports per buddy_check() call, so that one corruption cannot flood. */
#define CHECK_MAX_REPORTS	8

struct check_state {
	const struct zone *z;
	unsigned int reports;
	bool broken;
};

#define check_fail(s, fmt, ...)						\
	do {								\
		(s)->broken = true;					\
		if ((s)->reports++ < CHECK_MAX_REPORTS)			\
			pr_err("buddy_check: zone %s: " fmt "\n",	\
			       (s)->z->name, ##__VA_ARGS__);		\
	} while (0)

/* The free lists: every entry heads an aligned free block of that order. */
static void check_free_lists(struct check_state *s, unsigned long *listed)
{
	const struct zone *z = s->z;
	unsigned int o, mt;

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		listed[o] = 0;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			const struct list_head *head = &z->free_area[o].free_list[mt];
			const struct list_head *pos;

			for (pos = head->next; pos != head; pos = pos->next) {
				const struct page *p = list_entry(pos, struct page, lru);
				unsigned long pfn;

				if (pos->next->prev != pos) {
					check_fail(s, "order %u %s list: broken link",
						   o, migratetype_names[mt]);
					break;
				}
				if (++listed[o] > z->spanned_pages) {
					check_fail(s, "order %u %s list: loops",
						   o, migratetype_names[mt]);
					break;
				}
				if (!page_in_mem_map(p)) {
					check_fail(s, "order %u list holds %p, not a frame",
						   o, (const void *)p);
					break;
				}
				pfn = page_to_pfn(p);
				if (!zone_spans_pfn(z, pfn) ||
				    !zone_spans_pfn(z, pfn + (1UL << o) - 1))
					check_fail(s, "free block pfn %#lx order %u outside the zone",
						   pfn, o);
				if (!PageBuddy(p) || p->private != o)
					check_fail(s, "pfn %#lx on the order %u list but flags %#lx order %lu",
						   pfn, o, p->flags, p->private);
				if (pfn & ((1UL << o) - 1))
					check_fail(s, "free block pfn %#lx not aligned to order %u",
						   pfn, o);
			}
		}
		if (listed[o] != z->free_area[o].nr_free)
			check_fail(s, "order %u: %lu blocks listed, nr_free %lu",
				   o, listed[o], z->free_area[o].nr_free);
	}
}

/* A free frame is unmapped and has no mapping (see mm_types.h). */
static void check_free_frame(struct check_state *s, const struct page *p)
{
	if (p->_mapcount != -1 || p->mapping)
		check_fail(s, "free pfn %#lx mapcount %d mapping %p",
			   page_to_pfn(p), p->_mapcount, p->mapping);
}

/*
 * Every CPU's lists: each frame PG_pcp of this zone, unreferenced, filed
 * under the type in its mt field; the extra list empty; count right.
 */
static unsigned long check_pcp_lists(struct check_state *s)
{
	const unsigned long bad = PAGE_FLAG(PG_buddy) | PAGE_FLAG(PG_head) |
				  PAGE_FLAG(PG_reserved) | PAGE_ORDER_MASK;
	const struct zone *z = s->z;
	unsigned long total = 0;
	unsigned int cpu, mt;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &z->pcp[cpu];
		unsigned long n = 0;

		for (mt = 0; mt <= MIGRATE_PCPTYPES; mt++) {
			const struct list_head *pos;

			for (pos = pcp->lists[mt].next; pos != &pcp->lists[mt];
			     pos = pos->next) {
				const struct page *p = list_entry(pos, struct page, lru);

				if (++n > z->spanned_pages || !page_in_mem_map(p)) {
					check_fail(s, "cpu %u pcp list corrupt", cpu);
					return total;
				}
				if (!PagePcp(p) || (p->flags & bad) || page_zone(p) != z ||
				    ((p->flags & PAGE_MT_MASK) >> PAGE_MT_SHIFT) != mt ||
				    page_ref_count(p) != 0)
					check_fail(s, "cpu %u pcp list %u: pfn %#lx flags %#lx refcount %d",
						   cpu, mt, page_to_pfn(p), p->flags,
						   page_ref_count(p));
				check_free_frame(s, p);
			}
		}
		if (n != pcp->count)
			check_fail(s, "cpu %u pcp: %lu frames listed, count %u",
				   cpu, n, pcp->count);
		total += n;
	}
	return total;
}

/*
 * Walk mem_map over the zone: classify each frame, check free blocks'
 * tails and buddies, and count frames per state.
 */
static void check_frames(struct check_state *s, const unsigned long *listed,
			 unsigned long pcp_listed)
{
	const unsigned long states = PAGE_FLAG(PG_buddy) | PAGE_FLAG(PG_pcp) |
				     PAGE_FLAG(PG_head) | PAGE_FLAG(PG_reserved);
	const struct zone *z = s->z;
	unsigned long blocks[NR_PAGE_ORDERS] = { 0 };
	unsigned long free = 0, pcp = 0, reserved = 0, used = 0, sum = 0;
	unsigned long pfn = z->zone_start_pfn, end = zone_end_pfn(z);
	unsigned int o;

	while (pfn < end) {
		const struct page *p;
		unsigned long st, i;

		if (!pfn_valid(pfn)) {
			/* Between sparse extents: no descriptors, a hole like the reserved. */
			unsigned long next = min(memmap_next_valid_pfn(pfn), end);

			reserved += next - pfn;
			pfn = next;
			continue;
		}
		p = pfn_to_page(pfn);
		st = p->flags & states;
		if (page_zone(p) != z)
			check_fail(s, "pfn %#lx has zone bits of another zone", pfn);
		if (st & (st - 1))
			check_fail(s, "pfn %#lx in two states: flags %#lx", pfn, p->flags);
		if (!(st & PAGE_FLAG(PG_buddy))) {
			if (st & PAGE_FLAG(PG_pcp))
				pcp++;
			else if (st & PAGE_FLAG(PG_reserved))
				reserved++;
			else
				used++;
			pfn++;
			continue;
		}
		o = (unsigned int)p->private;
		if (o > MAX_PAGE_ORDER || (pfn & ((1UL << o) - 1)) ||
		    pfn + (1UL << o) > end) {
			check_fail(s, "free block pfn %#lx has bad order %u", pfn, o);
			pfn++;
			continue;
		}
		if (page_ref_count(p) != 0)
			check_fail(s, "free block pfn %#lx refcount %d", pfn,
				   page_ref_count(p));
		check_free_frame(s, p);
		for (i = 1; i < (1UL << o); i++) {
			if (p[i].flags & states)
				check_fail(s, "pfn %#lx inside free block %#lx order %u has flags %#lx",
					   pfn + i, pfn, o, p[i].flags);
			check_free_frame(s, p + i);
		}
		if (o < MAX_PAGE_ORDER && zone_spans_pfn(z, pfn ^ (1UL << o))) {
			const struct page *b = pfn_to_page(pfn ^ (1UL << o));

			if (PageBuddy(b) && b->private == o)
				check_fail(s, "free buddies pfn %#lx and %#lx of order %u not merged",
					   pfn, pfn ^ (1UL << o), o);
		}
		blocks[o]++;
		free += 1UL << o;
		pfn += 1UL << o;
	}

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		if (blocks[o] != listed[o])
			check_fail(s, "order %u: %lu free blocks in mem_map, %lu on lists",
				   o, blocks[o], listed[o]);
		sum += z->free_area[o].nr_free << o;
	}
	if (free != z->free_pages || sum != z->free_pages)
		check_fail(s, "free_pages %lu, but %lu in free blocks and %lu by nr_free",
			   z->free_pages, free, sum);
	if (pcp != pcp_listed)
		check_fail(s, "%lu pcp frames in mem_map, %lu on the lists", pcp, pcp_listed);
	if (reserved != z->spanned_pages - z->managed_pages)
		check_fail(s, "%lu reserved frames, expected spanned %lu - managed %lu",
			   reserved, z->spanned_pages, z->managed_pages);
	if (free + pcp + used + reserved != z->spanned_pages ||
	    used != z->managed_pages - z->free_pages - pcp_listed)
		check_fail(s, "free %lu + pcp %lu + used %lu + reserved %lu != spanned %lu (managed %lu)",
			   free, pcp, used, reserved, z->spanned_pages, z->managed_pages);
}

static void check_zone_misc(struct check_state *s)
{
	const struct zone *z = s->z;
	unsigned long pfn;

	if (z->managed_pages > z->present_pages || z->present_pages > z->spanned_pages)
		check_fail(s, "managed %lu > present %lu or present > spanned %lu",
			   z->managed_pages, z->present_pages, z->spanned_pages);
	if (min_wmark_pages(z) > low_wmark_pages(z) ||
	    low_wmark_pages(z) > high_wmark_pages(z))
		check_fail(s, "watermarks out of order: %lu %lu %lu", min_wmark_pages(z),
			   low_wmark_pages(z), high_wmark_pages(z));
	for (pfn = ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages);
	     pfn < zone_end_pfn(z); pfn += pageblock_nr_pages) {
		int mt = get_pfnblock_migratetype(max(pfn, z->zone_start_pfn));

		if (mt < 0 || mt >= MIGRATE_TYPES)
			check_fail(s, "pageblock at pfn %#lx has type %d", pfn, mt);
	}
}

/*
 * Irqs off keeps this CPU's lists still and zone->lock the buddy lists.
 * Other CPUs' lists are read as they are: exact while those CPUs do not
 * run, which holds with one hart (with more, each would have to check its
 * own lists, as Linux's drains run on the owner).
 */
static int zone_check(struct zone *z)
{
	struct check_state s = { z, 0, false };
	unsigned long listed[NR_PAGE_ORDERS], pcp, flags;

	if (!z->spanned_pages)
		return 0;
	spin_lock_irqsave(&z->lock, flags);
	check_free_lists(&s, listed);
	pcp = check_pcp_lists(&s);
	if (!s.broken)	/* the walk trusts what the lists said */
		check_frames(&s, listed, pcp);
	check_zone_misc(&s);
	spin_unlock_irqrestore(&z->lock, flags);
	return s.broken ? -EFAULT : 0;
}

int buddy_check(void)
{
	struct zone *z;
	int ret = 0;

	if (!mem_map)
		return 0;
	for_each_zone(z)
		if (zone_check(z))
			ret = -EFAULT;
	return ret;
}
