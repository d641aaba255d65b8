// SPDX-License-Identifier: MIT
/*
 * The fragmentation workload: order-0 pages of two mobility types
 * interleaved, the movable ones freed, then as many order-10 blocks as the
 * zone still gives. With grouping by mobility the unmovable pages share
 * few pageblocks, so more whole blocks come back (ULK ch. 8; Linux's
 * mm/page_alloc.c fallback and steal logic).
 */
#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>

#include "buddy_frag.h"

static void free_list_pages(struct list_head *list, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

int buddy_frag_scenario(struct frag_result *res)
{
	struct zone *z = &contig_page_data.node_zones[ZONE_NORMAL];
	const gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	LIST_HEAD(unmovable);
	LIST_HEAD(movable);
	LIST_HEAD(blocks);
	unsigned long start_free, keep, target, i;
	struct page *page;

	memset(res, 0, sizeof(*res));
	res->grouping = !page_group_by_mobility_disabled;
	drain_all_pages();
	start_free = z->free_pages;
	if (start_free < 4 * pageblock_nr_pages)
		return -ENOMEM;
	/* Leave a pageblock above the high watermark: others may allocate too. */
	keep = max(start_free / 32, high_wmark_pages(z) + pageblock_nr_pages);
	target = start_free - keep;

	for (i = 0; res->unmovable + res->movable < target; i++) {
		bool mov = i % (FRAG_MOVABLE_PER_UNMOVABLE + 1) != 0;

		page = alloc_pages(gfp | (mov ? __GFP_MOVABLE : 0), 0);
		if (!page)
			break;
		list_add(&page->lru, mov ? &movable : &unmovable);
		if (mov)
			res->movable++;
		else
			res->unmovable++;
	}
	free_list_pages(&movable, 0);
	drain_all_pages();
	res->free_pages = z->free_pages;
	res->unusable_index = unusable_free_index(z, MAX_PAGE_ORDER);

	while ((page = alloc_pages(gfp | __GFP_MOVABLE | __GFP_MEMALLOC,
				   MAX_PAGE_ORDER))) {
		list_add(&page->lru, &blocks);
		res->order10_blocks++;
	}
	free_list_pages(&blocks, MAX_PAGE_ORDER);
	free_list_pages(&unmovable, 0);
	drain_all_pages();

	pr_info("frag: grouping=%s unmovable=%lu movable=%lu free=%lu unusable_index=%u.%03u order10_blocks=%lu\n",
		res->grouping ? "on" : "off", res->unmovable, res->movable,
		res->free_pages, res->unusable_index / 1000,
		res->unusable_index % 1000, res->order10_blocks);
	return 0;
}
